//! The interest map: each market's fan-forum and reseller interest, with its data table.

use std::collections::HashMap;

use beachhead_charts::world_map::{draw_map, score_color};
use leptos::prelude::*;

use super::Row;
use crate::browser::data_source::{MapState, SharedMap};
use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{DataTable, TableData};
use crate::i18n::{t, tf};

/// The "Demand signals" card with the world map of interest.
#[component]
pub(super) fn InterestMapCard(rows: Memo<Vec<Row>>, shared: SharedMap) -> impl IntoView {
    let by_numeric = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .map(|r| (r.iso_numeric.clone(), r.signal.interest))
                .collect::<HashMap<_, _>>()
        })
    });
    // What the map colours: each market's interest percentile.
    let map_table = Memo::new(move |_| {
        rows.with(|rows| {
            TableData::new(
                &[t("Market"), t("Interest (percentile)")],
                rows.iter()
                    .map(|r| vec![r.name.clone(), format!("{:.0}", r.signal.interest)])
                    .collect(),
            )
        })
    });
    let map_summary = Memo::new(move |_| {
        rows.with(|rows| {
            let top: Vec<&str> = rows.iter().take(10).map(|r| r.name.as_str()).collect();
            tf(
                "World map of fan-forum and reseller interest for {} markets; darker is more interest. Most interest: {}",
                &[&rows.len(), &top.join(", ")],
            )
        })
    });

    view! {
    <section class="card" aria-labelledby="demand-title">
        <h2 id="demand-title">{move || t("Demand signals")}</h2>
        <p class="subtitle">
            {move || t("Where fans and resellers already are: fan-forum members and online reseller listings per million people, and forum growth, each as a percentile and averaged. Xiaomi read these before choosing where to go next.")}
        </p>
        <p class="source-line"><span class="badge illustrative">{move || t("illustrative")}</span>" "{move || t("The forum and reseller figures are seeded illustrations (Data and sources), not measurements.")}</p>
        <div class="map-legend" aria-hidden="true">
            <span>{move || t("less interest")}</span><span class="ramp"></span><span>{move || t("more")}</span>
            <span class="swatch no-data"></span><span>{move || t("no data")}</span>
        </div>
        {move || match shared.0.get() {
            MapState::NotLoaded | MapState::Loading => view! { <p class="notice">{move || t("Loading the map…")}</p> }.into_any(),
            MapState::Failed(why) => view! { <p class="notice error" role="alert">{move || tf("The map could not be loaded: {}", &[&why])}</p> }.into_any(),
            MapState::Ready(_) => view! {
                <CanvasChart
                    draw=move |backend, ratio| {
                        let map = shared.map().unwrap_or_default();
                        by_numeric.with(|values| {
                            let fill = |id: &str| values.get(id).map(|v| score_color(*v));
                            draw_map(backend, &map, &fill, None, ratio)
                        })
                    }
                    summary=map_summary
                    testid="interest-map"
                    class="map-canvas"
                />
            }.into_any(),
        }}
        <DataTable label="interest by market" data=map_table testid="interest-map-table"/>
    </section>
    }
}
