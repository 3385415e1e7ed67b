//! Demand signals: where fan-forum and reseller interest already is, on a map and in a ranked
//! list across every market, set against readiness, with the markets where one runs well ahead
//! of the other called out.
//!
//! A file per card: `map` (the interest map) and `gap` (interest against readiness).

mod gap;
mod map;

use beachhead_charts::palette;
use beachhead_engine::demand_signals::{demand_signals, without_interest, DemandSignal, Verdict};
use beachhead_engine::readiness;
use leptos::prelude::*;

use crate::browser::data_source::SharedMap;
use crate::components::data_table::TableData;
use crate::i18n::{current, market_name_in, t};
use crate::state::explorer::Explorer;
use crate::state::navigation::{Navigation, Tab};
use gap::GapCard;
use map::InterestMapCard;

/// A market's signal with its names, as the view shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    iso3: String,
    iso_numeric: String,
    name: String,
    signal: DemandSignal,
}

fn verdict_color(verdict: Option<Verdict>) -> plotters::style::RGBColor {
    match verdict {
        Some(Verdict::InterestAhead) => palette::series(5),
        Some(Verdict::ReadinessAhead) => palette::series(0),
        _ => palette::series(6),
    }
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.decimals$}"))
}

#[component]
pub fn DemandView(explorer: Explorer) -> impl IntoView {
    let navigation = use_context::<Navigation>();
    let shared = use_context::<SharedMap>().unwrap_or_default();
    if let Some(nav) = navigation {
        Effect::new(move |_| {
            if nav.tab.get() == Tab::Demand {
                shared.request();
            }
        });
    }
    // Readiness under the user's weights, less the interest indicators themselves.
    let plain_ranking = Memo::new(move |_| {
        explorer.dataset.with(|d| {
            explorer
                .model
                .with(|m| readiness::score(d, &without_interest(m)))
        })
    });
    let rows = Memo::new(move |_| {
        let lang = current();
        explorer.dataset.with(|d| {
            plain_ranking.with(|r| {
                demand_signals(d, r)
                    .into_iter()
                    .map(|signal| {
                        let m = &d[signal.market];
                        Row {
                            iso3: m.iso3.clone(),
                            iso_numeric: m.iso_numeric.clone(),
                            name: market_name_in(lang, &m.iso3, &m.name).to_owned(),
                            signal,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let table = Memo::new(move |_| {
        rows.with(|rows| {
            TableData::new(
                &[
                    t("Market"),
                    t("Interest rank"),
                    t("Interest (percentile)"),
                    t("Forum members per million"),
                    t("Reseller listings per million"),
                    t("Forum growth %"),
                    t("Readiness (percentile)"),
                    t("Gap (points)"),
                    t("Reading"),
                ],
                rows.iter()
                    .map(|r| {
                        let s = &r.signal;
                        vec![
                            r.name.clone(),
                            s.interest_rank.to_string(),
                            format!("{:.0}", s.interest),
                            opt(s.forum_members_per_m, 0),
                            opt(s.reseller_listings_per_m, 1),
                            opt(s.forum_growth_pct, 1),
                            opt(s.readiness_pct, 0),
                            s.gap.map_or_else(|| "–".into(), |g| format!("{g:+.0}")),
                            s.verdict.map_or(t("not ranked"), Verdict::label).to_owned(),
                        ]
                    })
                    .collect(),
            )
        })
    });
    let open = move |iso3: String| {
        explorer.selected.set(Some(iso3));
        if let Some(nav) = navigation {
            nav.go(Tab::Market);
        }
    };
    view! {
        <div class="demand-view">
            <InterestMapCard rows=rows shared=shared/>
            <GapCard rows=rows table=table open=Callback::new(open)/>
        </div>
    }
}
