//! Where every number in the ranking comes from, and under which licence.

use leptos::prelude::*;

use crate::i18n::{current, data_text, t, tf, Lang};
use crate::state::data_catalogue::status_text;
use crate::state::explorer::Explorer;
use beachhead_engine::Status;

#[component]
pub fn Sources(explorer: Explorer) -> impl IntoView {
    let items = move || {
        explorer.pillars.with(|pillars| {
            pillars
                .iter()
                .flat_map(|p| p.indicators.iter())
                .filter(|c| !c.unavailable)
                .map(|c| {
                    let text = tf(
                        "{} ({}, {}): {}. Licence: {}.",
                        &[
                            &data_text(&c.label),
                            &data_text(&c.unit),
                            &c.years,
                            &c.source,
                            &c.licence,
                        ],
                    );
                    let badge = (c.status != Status::Measured)
                        .then(|| view! { <span class="badge">{status_text(c.status)}</span> });
                    view! { <li>{text}" "{badge}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card sources" aria-labelledby="sources-title">
            <h2 id="sources-title">{move || t("Sources")}</h2>
            <ul>{items}</ul>
            <p class="hint">
                {move || t("Each value is the latest a country reported; its year shows when you hover a table cell. Every indicator, its coverage and licence: the Data tab.")}
            </p>
            {move || explorer.dataset.with(|d| {
                let count = d.values_with_own_source().count();
                (count > 0).then(|| {
                    let names: Vec<&str> = d.sources().iter().map(|s| s.name.as_str()).collect();
                    view! {
                        <p class="hint" data-testid="other-sources">
                            {tf("{} values come from other sources than their indicator's: {}. The Market view names each beside its value; the Data tab lists them all.", &[&count, &names.join(t("; "))])}
                        </p>
                    }
                })
            })}
            // The names come from CLDR only in Chinese; English shows the dataset's own.
            {move || (current() == Lang::Zh).then(|| view! {
                <p class="hint" data-testid="country-names-source">
                    {t("Country and territory names in Chinese: Unicode CLDR 48 (npm cldr-localenames-full 48.2.0). Licence: Unicode License v3.")}
                </p>
            })}
        </section>
    }
}
