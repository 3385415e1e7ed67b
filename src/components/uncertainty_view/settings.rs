//! The Monte Carlo's settings (draws, concentration, top k, methods) and its run and stop
//! buttons, with the run's progress or outcome below.

use leptos::prelude::*;

use crate::components::progress_bar::ProgressBar;
use crate::i18n::{t, tf};
use crate::state::uncertainty::{Run, UncertaintyState};

/// The settings row, with the button that starts a run or stops the one going.
#[component]
pub(super) fn McSettings(state: UncertaintyState, start: Callback<()>) -> impl IntoView {
    let UncertaintyState {
        draws,
        kappa,
        vary_methods,
        top_k,
        run,
        cancel,
        ..
    } = state;
    // The button changes when a run starts or ends, not with each report of its progress.
    let running = Memo::new(move |_| run.with(|r| matches!(r, Run::Running { .. })));
    view! {
        <div class="filters mc-settings">
            <label>{move || t("Draws")}" "
                <select data-testid="mc-draws" on:change=move |ev| draws.set(event_target_value(&ev).parse().unwrap_or(1000))>
                    {[200usize, 1000, 5000, 10000].into_iter().map(|n| view! {
                        <option value=n.to_string() selected=move || draws.get() == n>{n.to_string()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{move || t("Concentration")}" "
                <select data-testid="mc-kappa" on:change=move |ev| kappa.set(event_target_value(&ev).parse().unwrap_or(50.0))>
                    {[5.0f64, 20.0, 50.0, 200.0].into_iter().map(|k| view! {
                        <option value=k.to_string() selected=move || kappa.get() == k>{move || format!("{k} {}", match k as u32 { 5 => t("(wide)"), 200 => t("(tight)"), _ => "" })}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{move || t("Top")}" "
                <select data-testid="mc-topk" on:change=move |ev| top_k.set(event_target_value(&ev).parse().unwrap_or(10))>
                    {[3usize, 5, 10, 20].into_iter().map(|k| view! {
                        <option value=k.to_string() selected=move || top_k.get() == k>{k.to_string()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <input type="checkbox" data-testid="mc-methods" prop:checked=move || vary_methods.get()
                    on:change=move |ev| vary_methods.set(event_target_checked(&ev))/>
                " "{move || t("also vary normalisation and aggregation")}
            </label>
            {move || if running.get() {
                view! {
                    <button type="button" class="button secondary" data-testid="mc-cancel" on:click=move |_| cancel.set(true)>{move || t("Stop")}</button>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button" data-testid="mc-run" on:click=move |_| start.run(())>{move || t("Run")}</button>
                }.into_any()
            }}
        </div>
    }
}

/// The run's progress while it goes, then how many draws the shown result has and whether the
/// weights have moved since.
#[component]
pub(super) fn McStatus(
    run: RwSignal<Run>,
    stale: Signal<bool>,
    workers: RwSignal<usize>,
) -> impl IntoView {
    // Built again only when the run starts, ends or is reset; its progress updates the bar in place.
    let phase = Memo::new(move |_| {
        run.with(|r| match r {
            Run::Idle => Phase::Idle,
            Run::Running { .. } => Phase::Running,
            Run::Finished(u) => Phase::Finished(u.draws),
        })
    });
    let progress = Memo::new(move |_| {
        run.with(|r| match *r {
            Run::Running { done, total } => (done, total),
            _ => (0, 0),
        })
    });
    let done = Signal::derive(move || progress.get().0);
    let total = Signal::derive(move || progress.get().1);
    view! {
        {move || match phase.get() {
            Phase::Running => Some(view! {
                <ProgressBar
                    label=Signal::derive(|| t("Monte Carlo progress").to_owned())
                    done=done
                    total=total
                    text=Signal::derive(move || tf("{} of {} draws…", &[&done.get(), &total.get()]))
                    testid="mc-progress"
                />
            }.into_any()),
            Phase::Finished(draws) => Some(view! {
                <p class="hint" data-testid="mc-done" data-workers=move || workers.get()>
                    {move || tf("{} draws, seed 2013: the same settings always give the same result.", &[&draws])}
                    {move || match workers.get() {
                        0 => t(" Run on the page: no background worker could start here.").to_owned(),
                        n => tf(" Run on {} background threads.", &[&n]),
                    }}
                    {move || stale.get().then(|| t(" The weights have changed since: run again to update."))}
                </p>
            }.into_any()),
            Phase::Idle => None,
        }}
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Idle,
    Running,
    /// With the number of draws the result has.
    Finished(usize),
}
