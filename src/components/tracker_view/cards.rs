//! The tracker's chart cards: a time chart with its legend and data table, the flash sales,
//! and service and feedback as small multiples.

use std::sync::Arc;

use beachhead_charts::palette;
use beachhead_charts::test_market_charts::{draw_flash_sales, FlashPoint};
use beachhead_charts::time_chart::{draw_time_chart, TimeChart};
use beachhead_engine::tracker::{Kpis, Track, Week, CHANNELS, VENDOR_LABELS};
use leptos::prelude::*;

use super::charts::{cover_chart, sell_through_chart, share_chart, signals_chart, weekly_line};
use super::tables::{
    flash_table, inventory_table, service_table, share_table, signals_table, weekly_table,
};
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{data_text, t, tf};

/// One time-chart card: its texts and legend, what it draws and tabulates from the track.
pub(super) struct ChartSpec {
    title: fn() -> &'static str,
    subtitle: fn() -> &'static str,
    legend: Vec<(Signal<String>, String)>,
    testid: &'static str,
    wide: bool,
    make: fn(&Track) -> TimeChart,
    table: fn(&Track) -> TableData,
    /// The data table's label and test id.
    data: (&'static str, &'static str),
}

/// A legend entry per label, coloured as the chart's series; the labels follow the language.
fn swatches(labels: &[&'static str], colors: &[usize]) -> Vec<(Signal<String>, String)> {
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
}

fn entry(label: fn() -> &'static str, color: String) -> (Signal<String>, String) {
    (Signal::derive(move || label().to_owned()), color)
}

/// The cards before the flash sales, and those after them.
pub(super) fn chart_specs() -> (Vec<ChartSpec>, Vec<ChartSpec>) {
    let mut sales_legend = swatches(&CHANNELS, &[0, 1, 2, 3]);
    sales_legend.push(entry(|| t("Plan (line)"), palette::css_hex(palette::TEXT)));
    let sales = ChartSpec {
        title: || t("Sell-through against plan"),
        subtitle: || t("Units sold each week by channel, against the plan line."),
        legend: sales_legend,
        testid: "sell-through-chart",
        wide: false,
        make: sell_through_chart,
        table: weekly_table,
        data: ("weekly sales", "sales-table"),
    };
    let cover = ChartSpec {
        title: || t("Weeks of cover and stock-outs"),
        subtitle: || t("Stock on hand in weeks of recent sales; shaded weeks had stock-outs."),
        legend: vec![
            entry(|| t("Weeks of cover"), palette::css_hex(palette::series(0))),
            entry(|| t("Stock-out week"), "#f4c7c3".into()),
        ],
        testid: "cover-chart",
        wide: false,
        make: cover_chart,
        table: inventory_table,
        data: ("inventory", "inventory-table"),
    };
    let share = ChartSpec {
        title: || t("Competitor share"),
        subtitle: || t("Monthly share of smartphone sales, by vendor."),
        legend: swatches(&VENDOR_LABELS, &[0, 1, 2, 3, 4, 5]),
        testid: "share-chart",
        wide: false,
        make: share_chart,
        table: share_table,
        data: ("competitor shares", "share-table"),
    };
    let signals = ChartSpec {
        title: || t("Demand signals in the market"),
        subtitle: || t("Fan-forum posts and online reseller listings each week."),
        legend: vec![
            entry(|| t("Forum posts"), palette::css_hex(palette::series(0))),
            entry(
                || t("Reseller listings"),
                palette::css_hex(palette::series(5)),
            ),
        ],
        testid: "signals-chart",
        wide: true,
        make: signals_chart,
        table: signals_table,
        data: ("demand signals", "signals-table"),
    };
    (vec![sales], vec![cover, share, signals])
}

#[component]
pub(super) fn ChartCard(
    spec: ChartSpec,
    track: Memo<Option<Arc<Track>>>,
    name: Memo<String>,
) -> impl IntoView {
    let ChartSpec {
        title,
        subtitle,
        legend,
        testid,
        wide,
        make,
        table,
        data: (table_label, table_id),
    } = spec;
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
            <CanvasChart draw=move |backend, ratio| data.with(|d| draw_time_chart(backend, d, ratio, &t)) summary=summary testid=testid class="time-canvas"/>
            <DataTable label=table_label data=rows testid=table_id/>
        </section>
    }
}

#[component]
pub(super) fn FlashSalesCard(
    track: Memo<Option<Arc<Track>>>,
    name: Memo<String>,
    kpis: Memo<Option<Kpis>>,
) -> impl IntoView {
    let points = Memo::new(move |_| {
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
    let rows = Memo::new(move |_| track.get().map(|t| flash_table(&t)).unwrap_or_default());
    let summary = Memo::new(move |_| {
        kpis.get()
            .map(|k| {
                tf(
                    "Flash sales in {}: {} sales, {} of units offered sold, median {} to sell out.",
                    &[
                        &name.get(),
                        &points.with(Vec::len),
                        &k.flash_sellout_pct
                            .map_or(t("none").into(), |p| format!("{p:.0}%")),
                        &k.flash_median_seconds
                            .map_or("–".into(), |s| tf("{} seconds", &[&format!("{s:.0}")])),
                    ],
                )
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card">
            <h3>{move || t("Flash sales")}</h3>
            <p class="subtitle">{move || t("Each sale: units sold against seconds to sell out; dot area is registrations. Faster and fuller is stronger demand; orange rings did not sell out.")}</p>
            <CanvasChart draw=move |backend, ratio| points.with(|p| draw_flash_sales(backend, p, ratio, &t)) summary=summary testid="flash-chart" class="time-canvas"/>
            <DataTable label="flash sales" data=rows testid="flash-table"/>
        </section>
    }
}

/// A week-by-week service figure: its label, unit, axis top, value, colour and test id.
type ServiceChart = (
    fn() -> &'static str,
    fn() -> &'static str,
    Option<f64>,
    fn(&Week) -> f64,
    usize,
    &'static str,
);

const SERVICE_CHARTS: [ServiceChart; 3] = [
    (
        || t("Return rate"),
        || "%",
        Some(10.0),
        |w| w.return_rate_pct,
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

#[component]
pub(super) fn ServiceCard(track: Memo<Option<Arc<Track>>>, name: Memo<String>) -> impl IntoView {
    let charts = SERVICE_CHARTS
        .into_iter()
        .map(|(label, unit, y_max, value, color, testid)| {
            let data = Memo::new(move |_| track.get().map(|t| weekly_line(&t, label(), unit(), y_max, value, color)).unwrap_or_default());
            let summary = Memo::new(move |_| tf("{} week by week in {}.", &[&label(), &name.get()]));
            view! {
                <div class="small-multiple">
                    <h4>{move || label()}</h4>
                    <CanvasChart draw=move |backend, ratio| data.with(|d| draw_time_chart(backend, d, ratio, &t)) summary=summary testid=testid class="small-canvas"/>
                </div>
            }
        })
        .collect_view();
    let rows = Memo::new(move |_| track.get().map(|t| service_table(&t)).unwrap_or_default());
    view! {
        <section class="card wide">
            <h3>{move || t("Service and feedback")}</h3>
            <p class="subtitle">{move || t("Returns, repair turnaround and user rating each week: the after-sales promise a low-margin brand cannot afford to break.")}</p>
            <div class="small-multiples">{charts}</div>
            <DataTable label="service and feedback" data=rows testid="service-table"/>
        </section>
    }
}
