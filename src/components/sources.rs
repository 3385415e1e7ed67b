//! Where every number comes from, and under which licence.

use leptos::prelude::*;

use crate::explorer::Explorer;

#[component]
pub fn Sources(explorer: Explorer) -> impl IntoView {
    let items = explorer.criteria.with_value(|criteria| {
        criteria
            .iter()
            .map(|c| {
                let text = format!(
                    "{} ({}, {}): {}. Licence: {}.",
                    c.label, c.unit, c.years, c.source, c.licence
                );
                view! { <li>{text}</li> }
            })
            .collect_view()
    });
    view! {
        <section class="card sources" aria-labelledby="sources-title">
            <h2 id="sources-title">"Sources"</h2>
            <ul>{items}</ul>
            <p class="hint">
                "Each value is the latest a country reported in 2015-2024; its year shows when you hover a table cell. "
                "Country codes and names: datasets/country-codes (ODC-PDDL-1.0)."
            </p>
        </section>
    }
}
