//! What moves the margin: each input nudged down and up, all else held.

use super::Inputs;

/// One input moved down and up by a share of itself, all else held.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginSwing {
    pub input: &'static str,
    pub contribution_low: f64,
    pub contribution_high: f64,
}

/// Each input ±`swing` (0.1: ±10%): contribution per unit, widest first.
pub fn margin_tornado(inputs: &Inputs, swing: f64) -> Vec<MarginSwing> {
    type Nudge = fn(&mut Inputs, f64);
    let levers: [(&'static str, Nudge); 12] = [
        ("Retail price", |i, f| i.retail_usd *= f),
        ("Bill of materials", |i, f| i.product.bom_usd *= f),
        ("Assembly and packaging", |i, f| {
            i.product.assembly_usd *= f;
            i.product.packaging_usd *= f;
        }),
        ("Freight", |i, f| i.market.freight_usd *= f),
        ("Import duty", |i, f| i.duty_pct *= f),
        ("VAT/GST", |i, f| i.vat_pct *= f),
        ("Channel margins", |i, f| {
            i.market.channels.iter_mut().for_each(|c| c.margin_pct *= f)
        }),
        ("Payment fees", |i, f| i.market.payment_fee_pct *= f),
        ("Warranty returns", |i, f| i.market.warranty_rate_pct *= f),
        ("Service cost", |i, f| i.market.service_cost_usd *= f),
        ("Marketing per unit", |i, f| i.market.marketing_usd *= f),
        ("FX hedging", |i, f| i.market.fx_hedge_pct *= f),
    ];
    let mut swings: Vec<MarginSwing> = levers
        .iter()
        .map(|(input, nudge)| {
            let at = |factor: f64| {
                let mut moved = inputs.clone();
                nudge(&mut moved, factor);
                moved.economics().contribution_usd
            };
            MarginSwing {
                input,
                contribution_low: at(1.0 - swing),
                contribution_high: at(1.0 + swing),
            }
        })
        .collect();
    swings.sort_by(|a, b| {
        (b.contribution_high - b.contribution_low)
            .abs()
            .total_cmp(&(a.contribution_high - a.contribution_low).abs())
    });
    swings
}
