//! The headline card's top: the market, the SKU picker, the blend of all SKUs and the KPIs.

use beachhead_charts::margin_charts::compact_usd;
use beachhead_engine::economics::{PaybackReading, UnitEconomics};
use leptos::prelude::*;

use super::text::{break_even_text, money, payback_text};
use super::Current;
use crate::i18n::{data_text, market_name, t, tf};

/// All SKUs blended by unit mix, in one sentence.
fn blended_text(b: &UnitEconomics) -> String {
    let payback = if matches!(
        PaybackReading::of(b.payback_months),
        PaybackReading::Within(_)
    ) {
        tf("{} months", &[&payback_text(b.payback_months)])
    } else {
        payback_text(b.payback_months)
    };
    tf(
        "All SKUs by unit mix: {} contribution per unit ({}%), break-even {}, payback {}.",
        &[
            &money(b.contribution_usd),
            &format!("{:.1}", b.contribution_pct),
            &break_even_text(b.break_even_units),
            &payback,
        ],
    )
}

fn sku_picker(c: &Current, sku: RwSignal<usize>) -> impl IntoView {
    let options = c.skus.iter().enumerate().map(|(i, name)| {
        view! { <option value=i.to_string() selected=i == c.sku>{data_text(name).to_owned()}</option> }
    }).collect_view();
    view! {
        <label class="picker">"SKU "
            <select data-testid="sku-picker" on:change=move |ev| sku.set(event_target_value(&ev).parse().unwrap_or(0))>{options}</select>
        </label>
    }
}

fn kpis(e: &UnitEconomics) -> impl IntoView {
    let payback = e.payback_months.map_or_else(
        || t("never").to_owned(),
        |m| tf("{} months", &[&format!("{m:.1}")]),
    );
    view! {
        <div class="kpis">
            <div class="kpi"><span class="kpi-value" data-testid="kpi-contribution">{money(e.contribution_usd)}</span><span class="kpi-label">{t("contribution per unit")}</span></div>
            <div class="kpi"><span class="kpi-value" data-testid="kpi-margin">{format!("{:.1}%", e.contribution_pct)}</span><span class="kpi-label">{t("of the net price")}</span></div>
            <div class="kpi"><span class="kpi-value" data-testid="kpi-break-even">{break_even_text(e.break_even_units)}</span><span class="kpi-label">{tf("to recover {} fixed costs", &[&compact_usd(e.fixed_usd)])}</span></div>
            <div class="kpi"><span class="kpi-value" data-testid="kpi-payback">{payback}</span><span class="kpi-label">{tf("payback at {} units a year", &[&format!("{:.0}", e.annual_units)])}</span></div>
        </div>
        <p class="hint">{tf("Import VAT of {} per unit is paid at the border and recovered against output VAT, so it is not a cost here.", &[&money(e.import_vat_usd)])}</p>
    }
}

#[component]
pub(super) fn Headline(current: Memo<Option<Current>>, sku: RwSignal<usize>) -> impl IntoView {
    move || {
        current.get().map(|c| {
            let several = c.skus.len() > 1;
            let picker = several.then(|| sku_picker(&c, sku));
            let blended = several.then(|| c.blended.clone()).flatten().map(|b| {
                view! { <p class="blended" data-testid="blended">{blended_text(&b)}</p> }
            });
            view! {
                <h2 data-testid="margin-market">{tf("Margins in {}", &[&market_name(&c.iso3, &c.name)])}</h2>
                {picker}
                {blended}
                {kpis(&c.economics)}
            }
        })
    }
}
