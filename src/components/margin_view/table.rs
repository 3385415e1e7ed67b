//! Every market's contribution, break-even and payback in one table, best first by the
//! column chosen.

use beachhead_engine::economics::{EconomicsSort, UnitEconomics};
use leptos::prelude::*;

use super::text::payback_text;
use crate::components::data_table::{CsvButton, TableData};
use crate::format;
use crate::i18n::{market_name, t, tf};
use crate::state::explorer::Explorer;

#[component]
pub(super) fn MarketsEconomicsTable(
    explorer: Explorer,
    sort: RwSignal<EconomicsSort>,
) -> impl IntoView {
    let rows = Memo::new(move |_| {
        let sort = sort.get();
        explorer.dataset.with(|d| {
            explorer.economics.with(|all| {
                let mut rows: Vec<(String, String, UnitEconomics)> = d
                    .market_indices()
                    .zip(all)
                    .filter_map(|(m, e)| {
                        e.as_ref().ok().map(|e| {
                            (
                                d[m].iso3.clone(),
                                market_name(&d[m].iso3, &d[m].name).to_owned(),
                                e.clone(),
                            )
                        })
                    })
                    .collect();
                sort.sort(&mut rows, |r| &r.2);
                rows
            })
        })
    });
    let skipped = move || {
        explorer
            .economics
            .with(|all| all.iter().filter(|e| e.is_err()).count())
    };
    // Each column sorts best first: the highest margin, the fewest units, the soonest payback.
    let header = move |label: fn() -> &'static str, key: EconomicsSort| {
        let (aria, arrow) = if key.descending() {
            ("descending", " ▼")
        } else {
            ("ascending", " ▲")
        };
        view! {
            <th scope="col" class="num" aria-sort=move || if sort.get() == key { aria } else { "none" }>
                <button type="button" class="sort" on:click=move |_| sort.set(key)>{move || label()}{move || if sort.get() == key { arrow } else { "" }}</button>
            </th>
        }
    };
    let csv = Signal::derive(move || TableData {
        headers: [
            "Market",
            "ISO3",
            "Contribution per unit (US$)",
            "Margin %",
            "Break-even units",
            "Payback (months)",
        ]
        .map(String::from)
        .to_vec(),
        numeric: Vec::new(),
        rows: rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    vec![
                        r.1.clone(),
                        r.0.clone(),
                        format!("{:.2}", r.2.contribution_usd),
                        format!("{:.1}", r.2.contribution_pct),
                        r.2.break_even_units
                            .map_or("never".into(), |u| format!("{:.0}", u.ceil())),
                        r.2.payback_months
                            .map_or("never".into(), |m| format!("{m:.1}")),
                    ]
                })
                .collect()
        }),
    });
    view! {
        <section class="card" aria-labelledby="all-margins-title">
            <h2 id="all-margins-title">{move || t("All markets")}</h2>
            <p class="subtitle">{move || tf("{} markets with the data to compute; {} lack duty, VAT or an exchange rate (set them in the assumptions). Best first; click a heading to sort.", &[&rows.with(Vec::len), &skipped()])}</p>
            <p class="table-actions"><CsvButton label="economics of all markets" data=csv testid="economics-table"/></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Economics of all markets")>
                <table class="data-table" data-testid="economics-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t("Market")}</th>
                            <th scope="col" class="num">{move || t("Contribution / unit")}</th>
                            {header(|| t("Margin"), EconomicsSort::Margin)}
                            {header(|| t("Break-even units"), EconomicsSort::BreakEven)}
                            {header(|| t("Payback (months)"), EconomicsSort::Payback)}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| (r.0.clone(), format!("{:.4}", r.2.contribution_usd), format!("{:?}", r.2.payback_months)) let:r>
                            <tr>
                                <th scope="row">
                                    <button type="button" class="market-link" on:click={
                                        let code = r.0.clone();
                                        move |_| explorer.selected.set(Some(code.clone()))
                                    }>{r.1.clone()}</button>
                                </th>
                                <td class="num">{format!("{:.2}", r.2.contribution_usd)}</td>
                                <td class="num">{format!("{:.1}%", r.2.contribution_pct)}</td>
                                <td class="num">{
                                    let units = r.2.break_even_units;
                                    move || units.map_or_else(|| t("never").into(), |u| format::value(u.ceil(), "units"))
                                }</td>
                                <td class="num">{
                                    let months = r.2.payback_months;
                                    move || payback_text(months)
                                }</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}
