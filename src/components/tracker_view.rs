//! The test-market tracker: for one test market, sell-through against plan by channel, flash
//! sales, inventory cover and stock-outs, competitor shares, and service and feedback, each
//! chart with its data table; and loading one's own test-market files.

use beachhead_charts::palette;
use beachhead_charts::test_market_charts::{draw_flash_sales, FlashPoint};
use beachhead_charts::time_chart::{draw_time_chart, Series, TimeChart};
use std::sync::Arc;

use beachhead_engine::test_market::{Ingest, TestMarkets};
use beachhead_engine::tracker::{
    Grouping, Kpis, Track, Week, CHANNELS, COVER_WEEKS, RECENT_WEEKS, VENDOR_LABELS,
};
use leptos::{prelude::*, task::spawn_local};
use plotters::style::RGBColor;
use wasm_bindgen::JsCast;

use crate::browser::files::{files_of, read_files, run_in_slices};
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::components::progress_bar::ProgressBar;
use crate::format;
use crate::i18n::{data_text, t, tf};
use crate::state::explorer::Explorer;
use crate::state::test_markets::{LoadStatus, TestMarketState};

fn series(label: &str, values: Vec<Option<f64>>, color: RGBColor) -> Series {
    Series {
        label: label.to_owned(),
        values,
        color,
    }
}

fn dates(track: &Track) -> Vec<String> {
    track.weeks.iter().map(|w| w.date.clone()).collect()
}

pub fn sell_through_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: dates(track),
        bars: CHANNELS
            .iter()
            .enumerate()
            .map(|(c, label)| {
                series(
                    data_text(label),
                    track
                        .weeks
                        .iter()
                        .map(|w| Some(w.units_by_channel[c]))
                        .collect(),
                    palette::series(c),
                )
            })
            .collect(),
        lines: vec![series(
            t("Plan"),
            track.weeks.iter().map(|w| Some(w.plan_units)).collect(),
            palette::TEXT,
        )],
        ..TimeChart::default()
    }
}

fn cover_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: dates(track),
        lines: vec![series(
            t("Weeks of cover"),
            track.weeks.iter().map(|w| w.weeks_of_cover).collect(),
            palette::series(0),
        )],
        shaded: track.weeks.iter().map(|w| w.stockout_days > 0.0).collect(),
        unit: t(" wk").into(),
        ..TimeChart::default()
    }
}

fn share_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: track.shares.iter().map(|m| m.month.clone()).collect(),
        lines: VENDOR_LABELS
            .iter()
            .enumerate()
            .map(|(v, label)| {
                series(
                    data_text(label),
                    track.shares.iter().map(|m| Some(m.shares_pct[v])).collect(),
                    palette::series(v),
                )
            })
            .collect(),
        unit: "%".into(),
        ..TimeChart::default()
    }
}

fn weekly_line(
    track: &Track,
    label: &str,
    unit: &str,
    y_max: Option<f64>,
    value: fn(&Week) -> f64,
    color: usize,
) -> TimeChart {
    TimeChart {
        periods: dates(track),
        lines: vec![series(
            label,
            track.weeks.iter().map(|w| Some(value(w))).collect(),
            palette::series(color),
        )],
        unit: unit.into(),
        y_max,
        ..TimeChart::default()
    }
}

fn signals_chart(track: &Track) -> TimeChart {
    TimeChart {
        periods: dates(track),
        lines: vec![
            series(
                t("Forum posts"),
                track.weeks.iter().map(|w| Some(w.forum_posts)).collect(),
                palette::series(0),
            ),
            series(
                t("Reseller listings"),
                track
                    .weeks
                    .iter()
                    .map(|w| Some(w.reseller_listings))
                    .collect(),
                palette::series(5),
            ),
        ],
        ..TimeChart::default()
    }
}

fn n(v: f64) -> String {
    format::value(v, "")
}

/// The weekly sales behind the sell-through chart (the memo shows it too).
pub fn weekly_table(track: &Track) -> TableData {
    let mut headers = vec![t("Week"), t("Plan")];
    headers.extend(CHANNELS.map(data_text));
    headers.extend([t("Units"), t("Cumulative % of plan")]);
    TableData::new(
        &headers,
        track
            .weeks
            .iter()
            .map(|w| {
                let mut row = vec![w.date.clone(), n(w.plan_units)];
                row.extend(w.units_by_channel.iter().map(|u| n(*u)));
                row.push(n(w.units));
                row.push(format!(
                    "{:.1}",
                    w.cumulative_units / w.cumulative_plan.max(1.0) * 100.0
                ));
                row
            })
            .collect(),
    )
}

fn flash_table(track: &Track) -> TableData {
    TableData::new(
        &[
            t("Date"),
            t("Offered"),
            t("Sold"),
            t("Seconds to sell out"),
            t("Registrations"),
        ],
        track
            .flash_sales
            .iter()
            .map(|f| {
                vec![
                    f.date.clone(),
                    n(f.offered),
                    n(f.sold),
                    f.seconds_to_sell_out
                        .map_or_else(|| t("did not sell out").into(), |s| format!("{s:.0}")),
                    n(f.registrations),
                ]
            })
            .collect(),
    )
}

fn inventory_table(track: &Track) -> TableData {
    TableData::new(
        &[
            t("Week"),
            t("On hand"),
            t("In transit"),
            t("Weeks of cover"),
            t("Stock-out days"),
        ],
        track
            .weeks
            .iter()
            .map(|w| {
                vec![
                    w.date.clone(),
                    n(w.on_hand),
                    n(w.in_transit),
                    w.weeks_of_cover
                        .map_or_else(|| "–".into(), |c| format!("{c:.1}")),
                    format!("{:.0}", w.stockout_days),
                ]
            })
            .collect(),
    )
}

fn share_table(track: &Track) -> TableData {
    let mut headers = vec![t("Month")];
    headers.extend(VENDOR_LABELS.map(data_text));
    TableData::new(
        &headers,
        track
            .shares
            .iter()
            .map(|m| {
                let mut row = vec![m.month.clone()];
                row.extend(m.shares_pct.iter().map(|s| format!("{s:.1}")));
                row
            })
            .collect(),
    )
}

fn signals_table(track: &Track) -> TableData {
    TableData::new(
        &[t("Week"), t("Forum posts"), t("Reseller listings")],
        track
            .weeks
            .iter()
            .map(|w| vec![w.date.clone(), n(w.forum_posts), n(w.reseller_listings)])
            .collect(),
    )
}

fn service_table(track: &Track) -> TableData {
    TableData::new(
        &[
            t("Week"),
            t("Service tickets"),
            t("Repair turnaround (days)"),
            t("Return rate %"),
            t("Rating (of 5)"),
        ],
        track
            .weeks
            .iter()
            .map(|w| {
                vec![
                    w.date.clone(),
                    n(w.service_tickets),
                    format!("{:.1}", w.repair_turnaround_days),
                    format!("{:.2}", w.return_rate_pct),
                    format!("{:.2}", w.rating),
                ]
            })
            .collect(),
    )
}

/// The headline numbers of one test market, as (test id, value, label).
pub fn kpi_tiles(k: &Kpis) -> Vec<(&'static str, String, String)> {
    let quarter = tf("last {} weeks", &[&k.recent_weeks]);
    let mut tiles = vec![
        (
            "kpi-sell-through",
            format!("{:.0}%", k.sell_through_pct),
            tf("of plan sold, {}", &[&quarter]),
        ),
        (
            "kpi-units",
            format::value(k.units_total, ""),
            t("units sold in the test").to_owned(),
        ),
        (
            "kpi-stockouts",
            format!("{:.0}", k.stockout_days_recent),
            tf("stock-out days, {}", &[&quarter]),
        ),
        (
            "kpi-returns",
            format!("{:.1}%", k.return_rate_pct),
            t("return rate").to_owned(),
        ),
        (
            "kpi-repair",
            tf("{} d", &[&format!("{:.1}", k.repair_turnaround_days)]),
            t("repair turnaround").to_owned(),
        ),
        (
            "kpi-rating",
            format!("{:.2}", k.rating),
            t("user rating of 5").to_owned(),
        ),
    ];
    if let Some(share) = k.our_share_pct {
        let change = k
            .our_share_change_pp
            .map(|c| tf(", {} pts in a year", &[&format!("{c:+.1}")]))
            .unwrap_or_default();
        tiles.push((
            "kpi-share",
            format!("{share:.1}%"),
            tf("our share{}", &[&change]),
        ));
    }
    if let Some(sellout) = k.flash_sellout_pct {
        let median = k
            .flash_median_seconds
            .map(|s| tf(", median {} s", &[&format!("{s:.0}")]))
            .unwrap_or_default();
        tiles.push((
            "kpi-flash",
            format!("{sellout:.0}%"),
            tf("flash-sale units sold{}", &[&median]),
        ));
    }
    tiles
}

/// A load's progress, with the button that stops it.
fn progress_bar(
    tests: TestMarketState,
    what: &'static str,
    done: usize,
    total: usize,
) -> impl IntoView {
    let percent = if total > 0 {
        100.0 * done as f64 / total as f64
    } else {
        0.0
    };
    view! {
        <div class="load-progress" data-testid="tracker-progress">
            <ProgressBar label=what done=done total=total text=format!("{what} {percent:.0}%")/>
            <button type="button" class="button secondary" data-testid="tracker-stop" on:click=move |_| {
                tests.stop_load();
            }>{move || t("Stop")}</button>
        </div>
    }
}

/// What loading one's own files gave, in words (built when shown, so it follows the language).
fn loaded_text(names: &[String], markets: usize, warnings: usize, shown: &[String]) -> String {
    let names = names.join(", ");
    let mut text = if markets == 1 {
        tf("Loaded {}: {} test market.", &[&names, &markets])
    } else {
        tf("Loaded {}: {} test markets.", &[&names, &markets])
    };
    if warnings > 0 {
        let shown = shown.join("; ");
        text.push_str(&if warnings == 1 {
            tf(" {} warning: {}", &[&warnings, &shown])
        } else {
            tf(" {} warnings: {}", &[&warnings, &shown])
        });
    }
    text
}

/// Weeks the charts show until asked for all: three years.
const CHART_WEEKS: usize = 156;

/// Rows read between checks of the clock.
const ROWS_PER_STEP: usize = 2_000;

/// Every market's track, between the browser's turns: the records grouped by market, then
/// a market at a time. None when `go_on` says to stop.
async fn tracks_in_slices(
    data: &TestMarkets,
    mut go_on: impl FnMut(usize, usize) -> bool,
) -> Option<Vec<Arc<Track>>> {
    let mut grouping = Grouping::new(data);
    if !run_in_slices(
        &mut grouping,
        |g| g.step(ROWS_PER_STEP * 10),
        |_| go_on(0, 1),
    )
    .await
    {
        return None;
    }
    let markets = grouping.finish();
    let total = markets.len();
    let mut work = (markets.into_iter(), Vec::with_capacity(total));
    let finished = run_in_slices(
        &mut work,
        |(markets, tracks)| match markets.next() {
            Some(m) => {
                tracks.extend(Track::from_records(&m).map(Arc::new));
                false
            }
            None => true,
        },
        |(_, tracks)| go_on(tracks.len(), total),
    )
    .await;
    finished.then_some(work.1)
}

#[component]
pub fn TrackerView(explorer: Explorer, tests: TestMarketState) -> impl IntoView {
    let whole = Memo::new(move |_| tests.shown());
    // The charts and their tables show the last CHART_WEEKS weeks until asked for all: a file
    // of decades of weeks makes charts of thousands of bars, unreadable at any width and a
    // frozen page while they draw. The KPIs read the whole track.
    let all_weeks = RwSignal::new(false);
    let track = Memo::new(move |_| {
        let all = all_weeks.get();
        whole.get().map(|t| {
            if all || t.weeks.len() <= CHART_WEEKS {
                t
            } else {
                Arc::new(t.recent(CHART_WEEKS))
            }
        })
    });
    let total_weeks = Memo::new(move |_| whole.with(|t| t.as_ref().map_or(0, |t| t.weeks.len())));
    let name_of = move |market: usize| {
        explorer.dataset.with(|d| {
            d.markets()
                .get(market)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        })
    };
    let name = Memo::new(move |_| track.get().map(|t| name_of(t.market)).unwrap_or_default());
    let kpis = Memo::new(move |_| whole.get().map(|t| t.kpis()));
    let status = tests.load;

    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let files = files_of(&list);
        input.set_value("");
        if files.is_empty() {
            return;
        }
        let run = tests.begin_load();
        tests.report_load(run, LoadStatus::Reading { done: 0, total: 0 });
        // Each report is dropped, and the load ends, once it was stopped or another began.
        spawn_local(async move {
            let read = match read_files(files).await {
                Ok(read) => read,
                Err(why) => {
                    tests.report_load(run, LoadStatus::Failed(vec![why]));
                    return;
                }
            };
            let names: Vec<String> = read.iter().map(|(n, _)| n.clone()).collect();
            let dataset = explorer.dataset.get_untracked();
            // A million rows take seconds: read in slices, with progress and a way to stop.
            let mut ingest = Ingest::new(&dataset, read);
            let finished = run_in_slices(
                &mut ingest,
                |ingest| ingest.step(ROWS_PER_STEP),
                |ingest| {
                    let (done, total) = ingest.progress();
                    tests.report_load(run, LoadStatus::Reading { done, total })
                },
            )
            .await;
            if !finished {
                return;
            }
            let (data, warnings) = match ingest.finish() {
                Ok(loaded) => loaded,
                Err(e) => {
                    let problems = e.problems.iter().map(ToString::to_string).collect();
                    tests.report_load(run, LoadStatus::Failed(problems));
                    return;
                }
            };
            let Some(tracks) = tracks_in_slices(&data, |done, total| {
                tests.report_load(run, LoadStatus::Tracking { done, total })
            })
            .await
            else {
                return;
            };
            let loaded = LoadStatus::Loaded {
                names: names.clone(),
                markets: tracks.len(),
                warnings: warnings.len(),
                shown: warnings.iter().take(5).map(ToString::to_string).collect(),
            };
            if tests.report_load(run, loaded) {
                tests.use_own(data, tracks, names);
                tests.chosen.set(None);
            }
        });
    };

    let chart = |title: fn() -> &'static str,
                 subtitle: fn() -> &'static str,
                 legend: Vec<(Signal<String>, String)>,
                 testid: &'static str,
                 wide: bool,
                 make: fn(&Track) -> TimeChart,
                 table: fn(&Track) -> TableData,
                 table_label: &'static str,
                 table_id: &'static str| {
        let data = Memo::new(move |_| track.get().map(|t| make(&t)).unwrap_or_default());
        let rows = Memo::new(move |_| track.get().map(|t| table(&t)).unwrap_or_default());
        let summary = Memo::new(move |_| {
            tf(
                "{} for {}: {} periods. The data table below the chart lists every value.",
                &[&title(), &name.get(), &data.with(|d| d.periods.len())],
            )
        });
        view! {
            <section class="card" class:wide=wide>
                <h3>{move || title()}</h3>
                <p class="subtitle">{move || subtitle()}</p>
                <ul class="legend">
                    {legend.into_iter().map(|(label, color)| view! { <li><span class="swatch" style:background=color></span>{move || label.get()}</li> }).collect_view()}
                </ul>
                <CanvasChart draw=move |backend, ratio| data.with(|d| draw_time_chart(backend, d, ratio)) summary=summary testid=testid class="time-canvas"/>
                <DataTable label=table_label data=rows testid=table_id/>
            </section>
        }
    };
    // Channel and vendor names, like the other entries, follow the language.
    let swatches = |labels: &[&'static str], colors: &[usize]| -> Vec<(Signal<String>, String)> {
        labels
            .iter()
            .zip(colors)
            .map(|(&l, &c)| {
                (
                    Signal::derive(move || data_text(l).to_owned()),
                    palette::css_hex(palette::series(c)),
                )
            })
            .collect()
    };
    let mut sales_legend = swatches(&CHANNELS, &[0, 1, 2, 3]);
    sales_legend.push((
        Signal::derive(|| t("Plan (line)").to_owned()),
        palette::css_hex(palette::TEXT),
    ));
    let share_legend = swatches(&VENDOR_LABELS, &[0, 1, 2, 3, 4, 5]);

    let flash_points = Memo::new(move |_| {
        track
            .get()
            .map(|t| {
                t.flash_sales
                    .iter()
                    .map(|f| FlashPoint {
                        units_sold: f.sold,
                        units_offered: f.offered,
                        seconds_to_sell_out: f.seconds_to_sell_out,
                        registrations: f.registrations,
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let flash_rows = Memo::new(move |_| track.get().map(|t| flash_table(&t)).unwrap_or_default());
    let flash_summary = Memo::new(move |_| {
        kpis.get()
            .map(|k| {
                tf(
                    "Flash sales in {}: {} sales, {} of units offered sold, median {} to sell out.",
                    &[
                        &name.get(),
                        &flash_points.with(Vec::len),
                        &k.flash_sellout_pct
                            .map_or(t("none").into(), |p| format!("{p:.0}%")),
                        &k.flash_median_seconds
                            .map_or("–".into(), |s| tf("{} seconds", &[&format!("{s:.0}")])),
                    ],
                )
            })
            .unwrap_or_default()
    });

    let service_charts = [
        (
            (|| t("Return rate")) as fn() -> &'static str,
            (|| "%") as fn() -> &'static str,
            Some(10.0),
            (|w: &Week| w.return_rate_pct) as fn(&Week) -> f64,
            5,
            "return-chart",
        ),
        (
            || t("Repair turnaround"),
            || t(" d"),
            None,
            |w| w.repair_turnaround_days,
            1,
            "repair-chart",
        ),
        (
            || t("User rating (of 5)"),
            || "",
            Some(5.0),
            |w| w.rating,
            2,
            "rating-chart",
        ),
    ];
    let service_view = service_charts
        .into_iter()
        .map(|(label, unit, y_max, value, color, testid)| {
            let data = Memo::new(move |_| track.get().map(|t| weekly_line(&t, label(), unit(), y_max, value, color)).unwrap_or_default());
            let summary = Memo::new(move |_| tf("{} week by week in {}.", &[&label(), &name.get()]));
            view! {
                <div class="small-multiple">
                    <h4>{move || label()}</h4>
                    <CanvasChart draw=move |backend, ratio| data.with(|d| draw_time_chart(backend, d, ratio)) summary=summary testid=testid class="small-canvas"/>
                </div>
            }
        })
        .collect_view();
    let service_rows =
        Memo::new(move |_| track.get().map(|t| service_table(&t)).unwrap_or_default());

    let source = move || {
        match tests.own_files.get() {
        Some(names) => tf("Your files: {}.", &[&names.join(", ")]),
        None => t("Illustrative data: seeded by scripts/build_test_markets.py to show the method, modelled on Xiaomi's 2013-2014 Hong Kong and Taiwan launches; not real sales.").into(),
    }
    };

    view! {
        <div class="tracker-view">
            <section class="card" aria-labelledby="tracker-title">
                <h2 id="tracker-title">{move || t("Test markets")}</h2>
                <p class="subtitle">{move || t("Prove a market before committing to it: sell-through against plan, flash sales, stock, competitors, service and what customers say, week by week.")}</p>
                <div class="tracker-controls">
                    <label class="picker">
                        {move || t("Test market")}" "
                        <select data-testid="tracker-market" on:change=move |ev| {
                            let value = event_target_value(&ev);
                            tests.chosen.set(value.parse().ok());
                        }>
                            {move || {
                                let shown = track.get().map(|t| t.market);
                                tests.tracks.with(|tracks| tracks.iter().map(|t| {
                                    let m = t.market;
                                    view! { <option value=m.to_string() selected=shown == Some(m)>{name_of(m)}</option> }
                                }).collect_view())
                            }}
                        </select>
                    </label>
                    <label class="button secondary">
                        {move || t("Load your test-market files…")}
                        <input type="file" accept=".csv,.tsv,.txt,text/csv" multiple class="visually-hidden" data-testid="tracker-file" on:change=on_files/>
                    </label>
                    <Show when=move || tests.own_files.with(Option::is_some)>
                        <button type="button" class="button secondary" data-testid="tracker-bundled" on:click=move |_| {
                            tests.use_bundled();
                            tests.chosen.set(None);
                        }>{move || t("Back to the illustrative data")}</button>
                    </Show>
                </div>
                <p class="source-line">
                    <Show when=move || tests.own_files.with(Option::is_none)><span class="badge illustrative">{move || t("illustrative")}</span>" "</Show>
                    {source}
                    " "{move || t("Format: docs/test-market-format.md (weekly, flash-sale and competitor-share CSV files).")}
                </p>
                {move || match status.get() {
                    LoadStatus::Idle => ().into_any(),
                    LoadStatus::Reading { done, total } => progress_bar(tests, t("Reading your files…"), done, total).into_any(),
                    LoadStatus::Tracking { done, total } => progress_bar(tests, t("Building each market's track…"), done, total).into_any(),
                    LoadStatus::Stopped => view! { <p class="notice" data-testid="tracker-stopped" role="status">{move || t("Loading stopped; the test markets shown are unchanged.")}</p> }.into_any(),
                    LoadStatus::Loaded { names, markets, warnings, shown } => view! { <div class="report ok" data-testid="tracker-report" role="status"><p class="report-headline">{loaded_text(&names, markets, warnings, &shown)}</p></div> }.into_any(),
                    LoadStatus::Failed(lines) => view! {
                        <div class="report error" data-testid="tracker-report" role="alert">
                            <p class="report-headline">{move || t("Your files were not loaded; the test markets shown are unchanged.")}</p>
                            <ul class="problems">{lines.into_iter().map(|l| view! { <li class="error">{l}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any(),
                }}
                {move || kpis.get().map(|k| view! {
                    <div class="kpis" data-testid="tracker-kpis">
                        {kpi_tiles(&k).into_iter().map(|(id, value, label)| view! {
                            <div class="kpi"><span class="kpi-value" data-testid=id>{value}</span><span class="kpi-label">{label}</span></div>
                        }).collect_view()}
                    </div>
                    <p class="hint">{tf("Latest week {}. Rates are weighted by units sold (returns) and tickets (repairs); weeks of cover divide stock by the last {} weeks' average sales; the KPIs cover the last {} weeks.", &[&k.latest_week, &COVER_WEEKS, &RECENT_WEEKS])}</p>
                })}
            </section>
            <Show when=move || track.with(Option::is_none)>
                <p class="notice empty">{move || t("No test market has weekly data. Load a weekly file to track one.")}</p>
            </Show>
            <Show when=move || { total_weeks.get() > CHART_WEEKS }>
                <p class="hint" data-testid="tracker-span">
                    {move || if all_weeks.get() {
                        tf("The charts show all {} weeks.", &[&total_weeks.get()])
                    } else {
                        tf("The charts show the last {} of {} weeks.", &[&CHART_WEEKS, &total_weeks.get()])
                    }}
                    " "
                    <button type="button" class="link-button" data-testid="tracker-span-toggle" on:click=move |_| all_weeks.update(|a| *a = !*a)>
                        {move || if all_weeks.get() { tf("Show the last {} weeks", &[&CHART_WEEKS]) } else { t("Show every week (slow for long files)").to_owned() }}
                    </button>
                </p>
            </Show>
            <div class="tracker-grid" hidden=move || track.with(Option::is_none)>
                    {chart(|| t("Sell-through against plan"), || t("Units sold each week by channel, against the plan line."), sales_legend.clone(), "sell-through-chart", false, sell_through_chart, weekly_table, "weekly sales", "sales-table")}
                    <section class="card">
                        <h3>{move || t("Flash sales")}</h3>
                        <p class="subtitle">{move || t("Each sale: units sold against seconds to sell out; dot area is registrations. Faster and fuller is stronger demand; orange rings did not sell out.")}</p>
                        <CanvasChart draw=move |backend, ratio| flash_points.with(|p| draw_flash_sales(backend, p, ratio)) summary=flash_summary testid="flash-chart" class="time-canvas"/>
                        <DataTable label="flash sales" data=flash_rows testid="flash-table"/>
                    </section>
                    {chart(|| t("Weeks of cover and stock-outs"), || t("Stock on hand in weeks of recent sales; shaded weeks had stock-outs."), vec![(Signal::derive(|| t("Weeks of cover").to_owned()), palette::css_hex(palette::series(0))), (Signal::derive(|| t("Stock-out week").to_owned()), "#f4c7c3".into())], "cover-chart", false, cover_chart, inventory_table, "inventory", "inventory-table")}
                    {chart(|| t("Competitor share"), || t("Monthly share of smartphone sales, by vendor."), share_legend.clone(), "share-chart", false, share_chart, share_table, "competitor shares", "share-table")}
                    {chart(|| t("Demand signals in the market"), || t("Fan-forum posts and online reseller listings each week."), vec![(Signal::derive(|| t("Forum posts").to_owned()), palette::css_hex(palette::series(0))), (Signal::derive(|| t("Reseller listings").to_owned()), palette::css_hex(palette::series(5)))], "signals-chart", true, signals_chart, signals_table, "demand signals", "signals-table")}
                    <section class="card wide">
                        <h3>{move || t("Service and feedback")}</h3>
                        <p class="subtitle">{move || t("Returns, repair turnaround and user rating each week: the after-sales promise a low-margin brand cannot afford to break.")}</p>
                        <div class="small-multiples">{service_view}</div>
                        <DataTable label="service and feedback" data=service_rows testid="service-table"/>
                    </section>
            </div>
        </div>
    }
}
