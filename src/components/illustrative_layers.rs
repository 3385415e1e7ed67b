//! The "Include illustrative layers" switch and what share of the weight rests on measured,
//! approximate and illustrative data: on the Ranking's weights and on the Data tab, so that
//! nobody mixes generated numbers into a ranking without seeing it.

use leptos::prelude::*;

use crate::i18n::{data_text, t, tf};
use crate::state::data_catalogue::shares_text;
use crate::state::explorer::Explorer;

/// The switch, with what it does.
#[component]
pub fn IllustrativeSwitch(explorer: Explorer, testid: &'static str) -> impl IntoView {
    let on = explorer.illustrative;
    view! {
        <div class="illustrative-switch">
            <label>
                <input
                    type="checkbox"
                    data-testid=testid
                    prop:checked=move || on.get()
                    on:change=move |ev| on.set(event_target_checked(&ev))
                />
                " "{move || t("Include illustrative layers")}
            </label>
            <p class="hint">{move || if on.get() {
                t("On: generated numbers (fan forums, resellers, service centres, vendor shares) count in the ranking. They are for demonstration, not measurements.")
            } else {
                t("Off: the ranking rests on measured and cited data only. The generated layers (fan forums, resellers, service centres, vendor shares) weigh nothing until you switch them on or load your own values for them.")
            }}</p>
        </div>
    }
}

/// "Weight on measured data 100%, approximate 0%, illustrative 0%", for the whole index.
#[component]
pub fn WeightStatusLine(explorer: Explorer, testid: &'static str) -> impl IntoView {
    view! {
        <p class="weight-status" data-testid=testid class:warn=move || {
            explorer.weight_status.with(|w| w.overall.is_some_and(|o| o.illustrative > 0.0))
        }>
            {move || explorer.weight_status.with(|w| match &w.overall {
                Some(o) => tf("Weight of the ranking by data: {}", &[&shares_text(o)]),
                None => t("Nothing carries weight.").to_owned(),
            })}
        </p>
    }
}

/// Per pillar: its share of the index and how its weight divides by the status of its data.
#[component]
pub fn WeightStatusTable(explorer: Explorer) -> impl IntoView {
    let pct = |v: f64| format!("{:.0}%", 100.0 * v);
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Weight by status of the data")>
            <table class="data-table" data-testid="weight-status-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t("Pillar")}</th>
                        <th scope="col" class="num">{move || t("Share of the index")}</th>
                        <th scope="col" class="num">{move || t("measured")}</th>
                        <th scope="col" class="num">{move || t("approximate")}</th>
                        <th scope="col" class="num">{move || t("illustrative")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || explorer.weight_status.with(|w| w.pillars.iter().map(|p| {
                        let cells = match p.shares {
                            Some(s) => [pct(s.measured), pct(s.approximate), pct(s.illustrative)],
                            None => ["–".to_owned(), "–".to_owned(), "–".to_owned()],
                        };
                        let [measured, approximate, illustrative] = cells;
                        view! {
                            <tr data-testid=format!("weight-status-{}", p.id)>
                                <th scope="row">{data_text(&p.label).to_owned()}</th>
                                <td class="num">{pct(p.index_share)}</td>
                                <td class="num">{measured}</td>
                                <td class="num">{approximate}</td>
                                <td class="num">{illustrative}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
        </div>
    }
}

/// Above every view (embedded ones included) while the switch is on: whatever the view shows
/// of the ranking rests partly on generated numbers.
#[component]
pub fn IllustrativeBanner(explorer: Explorer) -> impl IntoView {
    let share = move || {
        explorer
            .weight_status
            .with(|w| w.overall.map_or(0.0, |o| o.illustrative))
    };
    view! {
        <Show when=move || explorer.illustrative.get()>
            <p class="notice illustrative-banner" role="status" data-testid="illustrative-banner">
                {move || tf(
                    "Illustrative layers on: {} of the ranking's weight rests on generated numbers, for demonstration. Switch them off under the Ranking's weights or on the Data tab.",
                    &[&format!("{:.0}%", 100.0 * share())],
                )}
            </p>
        </Show>
    }
}
