//! How sure are the ranks? The Monte Carlo over weights (and optionally methods), run in slices
//! so the page stays responsive, with the rank intervals of the top candidates, the chance of
//! each being in the top k, and the tornado of the selected market.

use beachhead_charts::uncertainty_chart::{
    draw_rank_intervals, draw_tornado, IntervalRow, TornadoRow,
};
use beachhead_engine::sensitivity::tornado;
use beachhead_engine::uncertainty::{MonteCarlo, Settings, Uncertainty};
use leptos::{prelude::*, task::spawn_local};

use crate::browser::files::run_in_slices;
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{CsvButton, DataTable, TableData};
use crate::components::progress_bar::ProgressBar;
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::explorer::{Explorer, CHART_MARKETS};
use crate::state::navigation::{Navigation, Tab};

/// Draws run between checks of the clock.
const STEP: usize = 4;
/// The tornado moves each weight to half and one and a half times its value.
const SWING: f64 = 0.5;
const TORNADO_ROWS: usize = 12;

#[derive(Debug, Clone, PartialEq)]
enum Run {
    Idle,
    Running { done: usize, total: usize },
    Finished(Uncertainty),
}

/// The view's settings and its run: they outlive the view, which is on the page only while
/// open, so a run goes on and its result stays while another view is shown.
#[derive(Clone, Copy)]
pub struct UncertaintyState {
    draws: RwSignal<usize>,
    kappa: RwSignal<f64>,
    vary_methods: RwSignal<bool>,
    top_k: RwSignal<usize>,
    run: RwSignal<Run>,
    cancel: RwSignal<bool>,
    /// The model the shown result was computed with, to flag it stale when weights move.
    computed_for: RwSignal<Option<beachhead_engine::IndexModel>>,
}

impl Default for UncertaintyState {
    fn default() -> Self {
        Self {
            draws: RwSignal::new(1000),
            kappa: RwSignal::new(50.0),
            vary_methods: RwSignal::new(false),
            top_k: RwSignal::new(10),
            run: RwSignal::new(Run::Idle),
            cancel: RwSignal::new(false),
            computed_for: RwSignal::new(None),
        }
    }
}

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
        let mut mc = explorer
            .dataset
            .with_untracked(|d| MonteCarlo::new(d, &model, &settings));
        cancel.set(false);
        run.set(Run::Running {
            done: 0,
            total: settings.draws,
        });
        spawn_local(async move {
            run_in_slices(
                &mut mc,
                |mc| {
                    mc.run(STEP);
                    mc.finished()
                },
                |mc| {
                    run.set(Run::Running {
                        done: mc.draws_done(),
                        total: settings.draws,
                    });
                    !cancel.get_untracked()
                },
            )
            .await;
            // Cancelled or not, the draws so far are a result.
            computed_for.set(Some(model));
            run.set(Run::Finished(mc.result()));
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
    // Intervals of the top candidates under the current filters, best first.
    let rows = Memo::new(move |_| {
        let Some(u) = result.get() else {
            return Vec::new();
        };
        explorer.dataset.with(|d| {
            explorer.filter.with(|f| {
                u.intervals
                    .iter()
                    .filter(|i| f.matches(d, i.market))
                    .take(CHART_MARKETS)
                    .map(|i| {
                        let m = &d.markets()[i.market];
                        (market_name(&m.iso3, &m.name).to_owned(), i.clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let chart_rows = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .map(|(name, i)| IntervalRow {
                    label: name.clone(),
                    rank: i.rank,
                    median: i.median,
                    p05: i.p05,
                    p95: i.p95,
                })
                .collect::<Vec<_>>()
        })
    });
    let max_rank = Memo::new(move |_| {
        chart_rows.with(|r| r.iter().map(|r| r.p95.max(r.rank)).max().unwrap_or(2))
    });
    let interval_summary = Memo::new(move |_| {
        rows.with(|rows| {
            let parts: Vec<String> = rows
                .iter()
                .map(|(name, i)| tf("{}: rank {}, 5-95% {}-{}", &[name, &i.rank, &i.p05, &i.p95]))
                .collect();
            tf("Rank intervals: {}", &[&parts.join("; ")])
        })
    });

    let swings = Memo::new(move |_| {
        let market = explorer.selected_market()?;
        explorer.dataset.with(|d| {
            explorer.model.with(|m| {
                // The codes and name, not the shown name: a language switch then only retitles,
                // without running the tornado again.
                let mk = &d.markets()[market];
                tornado(d, m, market, SWING).map(|t| ((mk.iso3.clone(), mk.name.clone()), t))
            })
        })
    });
    let tornado_rows = Memo::new(move |_| {
        swings.with(|s| {
            s.as_ref().map_or_else(Vec::new, |(_, t)| {
                t.swings
                    .iter()
                    .take(TORNADO_ROWS)
                    .map(|s| TornadoRow {
                        label: data_text(&s.label).to_owned(),
                        low: s.score_low,
                        high: s.score_high,
                    })
                    .collect()
            })
        })
    });
    let tornado_base =
        Memo::new(move |_| swings.with(|s| s.as_ref().map_or(0.0, |(_, t)| t.base_score)));
    let tornado_title = move || {
        swings.with(|s| match s {
            Some(((iso3, name), swing)) => tf(
                "What moves {} score (now {}, rank {})",
                &[
                    &crate::format::possessive(market_name(iso3, name)),
                    &format!("{:.1}", swing.base_score),
                    &swing.base_rank,
                ],
            ),
            None => t("The selected market is not ranked").into(),
        })
    };
    // Each bar as drawn: the score with the weight halved and raised by half, around the base.
    let tornado_table = Memo::new(move |_| {
        let base = tornado_base.get();
        let score = |v: f64| {
            if v.is_finite() {
                format!("{v:.1}")
            } else {
                "–".to_owned()
            }
        };
        TableData::new(
            &[
                t("Pillar or indicator"),
                t("Score, weight halved"),
                t("Score, weight raised by half"),
                t("Base score"),
            ],
            tornado_rows.with(|rows| {
                rows.iter()
                    .map(|r| vec![r.label.clone(), score(r.low), score(r.high), score(base)])
                    .collect()
            }),
        )
    });
    let tornado_summary = Memo::new(move |_| {
        tornado_rows.with(|rows| {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    tf(
                        "{}: {} to {}",
                        &[
                            &r.label,
                            &format!("{:.1}", r.low),
                            &format!("{:.1}", r.high),
                        ],
                    )
                })
                .collect();
            tf(
                "Score with each weight halved and raised by half: {}",
                &[&parts.join("; ")],
            )
        })
    });

    view! {
        <div class="uncertainty-view">
            <section class="card" aria-labelledby="mc-title">
                <h2 id="mc-title">{move || t("How sure are the ranks?")}</h2>
                <p class="subtitle">
                    {move || t("Monte Carlo: the weights of every pillar and indicator are drawn again and again around the ones you chose (a Dirichlet distribution; higher concentration, tighter draws), and each draw ranks the markets. Bars span the middle 90% of a market's ranks among all markets; the dot is the median, the cross its rank with your weights.")}
                </p>
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
                    {move || match run.get() {
                        Run::Running { .. } => view! {
                            <button type="button" class="button secondary" data-testid="mc-cancel" on:click=move |_| cancel.set(true)>{move || t("Stop")}</button>
                        }.into_any(),
                        _ => view! {
                            <button type="button" class="button" data-testid="mc-run" on:click=move |_| start()>{move || t("Run")}</button>
                        }.into_any(),
                    }}
                </div>
                {move || match run.get() {
                    Run::Running { done, total } => Some(view! {
                        <ProgressBar
                            label=Signal::derive(|| t("Monte Carlo progress").to_owned())
                            done=done
                            total=total
                            text=tf("{} of {} draws…", &[&done, &total])
                            testid="mc-progress"
                        />
                    }.into_any()),
                    Run::Finished(u) => Some(view! {
                        <p class="hint" data-testid="mc-done">
                            {move || tf("{} draws, seed 2013: the same settings always give the same result.", &[&u.draws])}
                            {move || stale().then(|| t(" The weights have changed since: run again to update."))}
                        </p>
                    }.into_any()),
                    Run::Idle => None,
                }}
                <Show when=move || result.with(Option::is_some)>
                    <CanvasChart
                        draw=move |backend, ratio| chart_rows.with(|rows| draw_rank_intervals(backend, rows, max_rank.get(), ratio))
                        summary=interval_summary
                        testid="interval-chart"
                        class="interval-canvas"
                    />
                    <p class="table-actions"><CsvButton label="rank probabilities" data=Signal::derive(move || TableData {
                        headers: vec![
                            "Market".into(),
                            "Rank".into(),
                            "Median rank".into(),
                            "Rank 5%".into(),
                            "Rank 95%".into(),
                            format!("P(top {}) %", result.with(|r| r.as_ref().map_or(0, |u| u.top_k))),
                        ],
                        numeric: Vec::new(),
                        rows: rows.get().into_iter().map(|(name, i)| vec![
                            name,
                            i.rank.to_string(),
                            i.median.to_string(),
                            i.p05.to_string(),
                            i.p95.to_string(),
                            format!("{:.1}", 100.0 * i.p_top_k),
                        ]).collect(),
                    }) testid="mc-table"/></p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Rank probabilities")>
                        <table class="data-table" data-testid="mc-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || t("Market")}</th>
                                    <th scope="col" class="num">{move || t("Rank")}</th>
                                    <th scope="col" class="num">{move || t("Median")}</th>
                                    <th scope="col" class="num">"5-95%"</th>
                                    <th scope="col" class="num">{move || tf("P(top {})", &[&result.with(|r| r.as_ref().map_or(0, |u| u.top_k))])}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {move || rows.get().into_iter().map(|(name, i)| view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td class="num">{i.rank}</td>
                                        <td class="num">{i.median}</td>
                                        <td class="num">{format!("{}-{}", i.p05, i.p95)}</td>
                                        <td class="num">{format!("{:.0}%", 100.0 * i.p_top_k)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </Show>
            </section>
            <section class="card" aria-labelledby="tornado-title">
                <h2 id="tornado-title">{tornado_title}</h2>
                <p class="subtitle">
                    {move || t("One weight at a time, halved (orange) and raised by half (blue), everything else held: the widest bars are the choices this market's case rests on. Pick the market in the Market view.")}
                </p>
                <CanvasChart
                    draw=move |backend, ratio| tornado_rows.with(|rows| draw_tornado(backend, rows, tornado_base.get(), ratio))
                    summary=tornado_summary
                    testid="tornado-chart"
                    class="tornado-canvas"
                />
                <DataTable label="tornado chart data" data=tornado_table testid="tornado-chart-table"/>
            </section>
        </div>
    }
}
