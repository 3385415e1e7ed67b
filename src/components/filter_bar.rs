//! The candidate filters: region, English as an official language, a population floor, and
//! the markets already entered.

use beachhead_engine::market_filter::{regions, MarketFilter};
use leptos::prelude::*;

use crate::i18n::{t, tf};
use crate::state::explorer::Explorer;

const POPULATION_FLOORS_M: [f64; 5] = [0.0, 1.0, 5.0, 10.0, 50.0];

#[component]
pub fn FilterBar(explorer: Explorer) -> impl IntoView {
    let filter = explorer.filter;
    let region_options = move || explorer.dataset.with(|d| regions(d));
    let entered_text = RwSignal::new(String::from("China"));
    let unknown = RwSignal::new(Vec::<String>::new());
    let apply_entered = move |text: String| {
        let (codes, not_found) = explorer
            .dataset
            .with_untracked(|d| MarketFilter::parse_entered(d, &text));
        unknown.set(not_found);
        filter.update(|f| f.entered = codes);
        entered_text.set(text);
    };
    view! {
        <div class="filters" role="group" aria-label=move || t("Candidate filters")>
            <label>
                {move || t("Region")}" "
                <select
                    data-testid="filter-region"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.region = (!value.is_empty()).then_some(value));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.region.is_none())>{move || t("All regions")}</option>
                    {move || region_options().into_iter().map(|r| {
                        let selected_name = r.clone();
                        view! {
                            <option value=r.clone() selected=move || filter.with(|f| f.region.as_deref() == Some(selected_name.as_str()))>{r.clone()}</option>
                        }
                    }).collect_view()}
                </select>
            </label>
            <label>
                <input
                    type="checkbox"
                    data-testid="filter-english"
                    prop:checked=move || filter.with(|f| f.english_official_only)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        filter.update(|f| f.english_official_only = on);
                    }
                />
                " "{move || t("English official")}
            </label>
            <label>
                {move || t("Population at least")}" "
                <select
                    data-testid="filter-population"
                    on:change=move |ev| {
                        let floor = event_target_value(&ev).parse().unwrap_or(0.0);
                        filter.update(|f| f.min_population_m = floor);
                    }
                >
                    {POPULATION_FLOORS_M.iter().map(|&m| {
                        let text = move || if m == 0.0 { t("any").to_owned() } else { tf("{} million", &[&m]) };
                        view! { <option value=m.to_string() selected=move || filter.with(|f| f.min_population_m == m)>{text}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="entered">
                {move || t("Already entered")}" "
                <input
                    type="text"
                    data-testid="filter-entered"
                    placeholder=move || t("e.g. China, Hong Kong")
                    prop:value=move || entered_text.get()
                    on:change=move |ev| apply_entered(event_target_value(&ev))
                />
            </label>
            {move || {
                let missing = unknown.get();
                (!missing.is_empty()).then(|| view! {
                    <p class="hint warning" role="status">{tf("No market matches: {}", &[&missing.join(", ")])}</p>
                })
            }}
        </div>
    }
}
