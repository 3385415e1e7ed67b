//! Margins: one market's unit economics (the waterfall from shelf price to contribution, the
//! assumptions behind it, break-even and payback, goal seek, and what moves the margin), and
//! every market's contribution, break-even and payback in one table.
//!
//! A file per card: `headline`, `waterfall`, `form` (the assumptions), `payback`, `curve`,
//! `goal` (goal seek and the tornado) and `table` (every market), with the number formats
//! they share in `text`. The figures come from `beachhead_engine::economics`.

mod curve;
mod form;
mod goal;
mod headline;
mod payback;
mod table;
mod text;
mod waterfall;

use beachhead_engine::economics::{market_economics, Inputs, UnitEconomics};
use leptos::prelude::*;

use crate::i18n::{t, tf};
use crate::state::explorer::Explorer;
use crate::state::margins::MarginState;
use crate::state::market_detail::cited_value;
use curve::MarginCurveCard;
use form::{AssumptionsCard, Draft};
use goal::GoalSeekCard;
use headline::Headline;
use payback::PaybackCard;
use table::MarketsEconomicsTable;
pub use waterfall::waterfall_amount;
use waterfall::WaterfallCard;

/// One market's resolved inputs and results, with what the page needs to show prices locally.
#[derive(Debug, Clone, PartialEq)]
struct Current {
    iso3: String,
    name: String,
    /// The SKU shown, by position in the products, and every SKU's name.
    sku: usize,
    skus: Vec<String>,
    /// The market's economics blended over the SKUs' unit mix.
    blended: Option<UnitEconomics>,
    currency: String,
    usd_per_unit: f64,
    inputs: Inputs,
    economics: UnitEconomics,
}

/// The selected market's economics for the SKU chosen; None when they cannot be resolved.
fn current(explorer: Explorer, sku: RwSignal<usize>) -> Memo<Option<Current>> {
    Memo::new(move |_| {
        let market = explorer.selected_market()?;
        let sku = sku.get();
        explorer.dataset.with(|d| {
            explorer.assumptions.with(|a| {
                let m = d.market(market)?;
                let sku = sku.min(a.products.len().saturating_sub(1));
                let inputs = Inputs::resolve(a, d, market, sku).ok()?;
                let currency = inputs.price_currency().to_owned();
                let usd_per_unit = a.usd_per_unit(&currency);
                Some(Current {
                    iso3: m.iso3.clone(),
                    name: m.name.clone(),
                    sku,
                    skus: a.products.iter().map(|p| p.name.clone()).collect(),
                    blended: market_economics(a, d, market).ok().map(|e| e.blended),
                    currency,
                    usd_per_unit,
                    economics: inputs.economics(),
                    inputs,
                })
            })
        })
    })
}

#[component]
pub fn MarginView(explorer: Explorer, state: MarginState) -> impl IntoView {
    let MarginState {
        sku,
        target,
        draft,
        draft_problems,
        sort,
    } = state;
    let current = current(explorer, sku);
    let draft = Draft {
        explorer,
        draft,
        problems: draft_problems,
    };
    let missing_reason = move || {
        let market = explorer.selected_market()?;
        explorer.dataset.with(|d| {
            explorer
                .assumptions
                .with(|a| Inputs::resolve(a, d, market, 0).err())
        })
    };
    view! {
        <div class="margin-view">
            <section class="card">
                <Headline current sku/>
                {move || missing_reason().map(|why| view! { <p class="notice" data-testid="margin-missing">{tf("No economics for this market: {}.", &[&why])}</p> })}
                <p class="source-line">{move || t("Product, prices, costs and the FX table are illustrative (public/data/economics/assumptions.json): enter your own below. Duty and VAT come from the Data tab unless you set them.")}</p>
                <p class="source-line" data-testid="margin-tax-sources">{move || {
                    let market = explorer.selected_market()?;
                    explorer.dataset.with(|d| {
                        let cite = |id: &str, label: &str| {
                            cited_value(d, market, id).map_or_else(
                                || tf("{}: not in the data", &[&label]),
                                |c| tf("{}: {} from {}", &[&label, &c.value, &c.source]),
                            )
                        };
                        Some(format!("{} {}", cite("import_duty_pct", t("Import duty")), cite("vat_pct", t("VAT/GST"))))
                    })
                }}</p>
            </section>
            <Show when=move || current.with(Option::is_some)>
                <div class="margin-grid">
                    <WaterfallCard current/>
                    <AssumptionsCard current draft/>
                </div>
                <div class="margin-grid">
                    <PaybackCard current/>
                    <MarginCurveCard current/>
                </div>
                <div class="margin-grid">
                    <GoalSeekCard current target/>
                </div>
            </Show>
            <MarketsEconomicsTable explorer sort/>
        </div>
    }
}
