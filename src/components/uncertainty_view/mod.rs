//! How sure are the ranks? The Monte Carlo over weights (and optionally methods), run on
//! background workers (in slices on the page where none can start) so the page stays
//! responsive, with the rank intervals of the top candidates, the chance of
//! each being in the top k, and the tornado of the selected market.
//!
//! A file per part: `settings` (the settings row and the run's progress), `intervals` (the rank
//! intervals chart and table) and `tornado` (the selected market's tornado).

mod intervals;
mod settings;
mod tornado;

use beachhead_engine::uncertainty::{MonteCarlo, Plan, Settings};
use leptos::{prelude::*, task::spawn_local};

use crate::browser::files::{run_in_slices, yield_to_browser};
use crate::browser::mc_workers;
use crate::i18n::t;
use crate::state::explorer::Explorer;
use crate::state::navigation::{Navigation, Tab};
use crate::state::uncertainty::{Run, UncertaintyState};
use intervals::RankIntervals;
use settings::{McSettings, McStatus};
use tornado::TornadoCard;

/// Draws run between checks of the clock.
const STEP: usize = 4;
/// The tornado moves each weight to half and one and a half times its value.
const SWING: f64 = 0.5;
const TORNADO_ROWS: usize = 12;

#[component]
pub fn UncertaintyView(explorer: Explorer, state: UncertaintyState) -> impl IntoView {
    let UncertaintyState {
        draws,
        kappa,
        vary_methods,
        top_k,
        run,
        cancel,
        computed_for,
        workers,
    } = state;

    let start = move || {
        let settings = Settings {
            draws: draws.get_untracked().clamp(10, 100_000),
            seed: 2013,
            concentration: kappa.get_untracked(),
            vary_normalisation: vary_methods.get_untracked(),
            vary_aggregation: vary_methods.get_untracked(),
            top_k: top_k.get_untracked().max(1),
        };
        let model = explorer.model.get_untracked();
        cancel.set(false);
        run.set(Run::Running {
            done: 0,
            total: settings.draws,
        });
        spawn_local(async move {
            // Prepared in a task of its own, after the click has been answered on the page.
            yield_to_browser().await;
            let plan = explorer
                .dataset
                .with_untracked(|d| Plan::new(d, &model, &settings));
            let report = |done| {
                run.set(Run::Running {
                    done,
                    total: settings.draws,
                });
                !cancel.get_untracked()
            };
            let count = mc_workers::worker_count();
            let result = match mc_workers::run_draws(&plan, count, report).await {
                Ok(tally) => {
                    workers.set(count);
                    plan.result(&tally)
                }
                Err(why) => {
                    // For whoever reads the console; the view says where it ran.
                    web_sys::console::warn_2(
                        &"Monte Carlo on the page, as no worker ran it:".into(),
                        &why.into(),
                    );
                    workers.set(0);
                    run_on_page(plan, report).await
                }
            };
            // Cancelled or not, the draws so far are a result.
            computed_for.set(Some(model));
            run.set(Run::Finished(result));
        });
    };
    // The first visit runs it; later runs are the user's to start.
    if let Some(nav) = use_context::<Navigation>() {
        Effect::new(move |_| {
            if nav.tab.get() == Tab::Uncertainty && run.with_untracked(|r| *r == Run::Idle) {
                start();
            }
        });
    }
    let stale = move || {
        computed_for.with(|c| {
            c.as_ref()
                .is_some_and(|m| explorer.model.with(|now| now != m))
        })
    };

    let result = Memo::new(move |_| match run.get() {
        Run::Finished(u) => Some(u),
        _ => None,
    });
    view! {
        <div class="uncertainty-view">
            <section class="card" aria-labelledby="mc-title">
                <h2 id="mc-title">{move || t("How sure are the ranks?")}</h2>
                <p class="subtitle">
                    {move || t("Monte Carlo: the weights of every pillar and indicator are drawn again and again around the ones you chose (a Dirichlet distribution; higher concentration, tighter draws), and each draw ranks the markets. Bars span the middle 90% of a market's ranks among all markets; the dot is the median, the cross its rank with your weights.")}
                </p>
                <McSettings state=state start=Callback::new(move |()| start())/>
                <McStatus run=run stale=Signal::derive(stale) workers=workers/>
                <Show when=move || result.with(Option::is_some)>
                    <RankIntervals explorer=explorer result=result/>
                </Show>
            </section>
            <TornadoCard explorer=explorer/>
        </div>
    }
}

/// The draws in slices on the page's own thread: where no worker can start.
async fn run_on_page(
    plan: Plan,
    mut report: impl FnMut(usize) -> bool,
) -> beachhead_engine::uncertainty::Uncertainty {
    let all = 0..plan.settings().draws;
    let mut mc = MonteCarlo::over(plan, all);
    run_in_slices(
        &mut mc,
        |mc| {
            mc.run(STEP);
            mc.finished()
        },
        |mc| report(mc.draws_done()),
    )
    .await;
    mc.result()
}
