//! Reading and checking an assumptions file: every problem names its field as a dotted path
//! and says what it should be.

use super::{Assumptions, Fx, MarketAssumptions, ASSUMPTIONS_FORMAT, ASSUMPTIONS_VERSION};
use crate::problem::{LoadError, Problem};

impl Assumptions {
    /// Parses and validates; every problem names the field (as a dotted path) and what it
    /// should be.
    pub fn from_json(file: &str, text: &str) -> Result<Self, LoadError> {
        let assumptions: Assumptions = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| {
                LoadError::single(Problem::json(
                    file,
                    &e,
                    "assumptions in the format of docs/economics.md",
                ))
            })?;
        let mut problems = Vec::new();
        if assumptions.format != ASSUMPTIONS_FORMAT {
            problems.push(Problem::error(
                file,
                None,
                Some("format"),
                format!("\"{}\"", assumptions.format),
                "\"beachhead-assumptions\"",
            ));
        }
        if assumptions.version != ASSUMPTIONS_VERSION {
            problems.push(Problem::error(
                file,
                None,
                Some("version"),
                format!("version {}", assumptions.version),
                "version 1 (the version this Beachhead reads)",
            ));
        }
        if assumptions.products.is_empty() {
            problems.push(Problem::error(
                file,
                None,
                Some("products"),
                "no products",
                "at least one SKU",
            ));
        }
        for (i, p) in assumptions.products.iter().enumerate() {
            for (field, value) in [
                ("bom_usd", p.bom_usd),
                ("assembly_usd", p.assembly_usd),
                ("packaging_usd", p.packaging_usd),
            ] {
                non_negative(
                    file,
                    &format!("products[{i}].{field}"),
                    value,
                    &mut problems,
                );
            }
            if !(p.price_ratio.is_finite() && p.price_ratio > 0.0) {
                problems.push(Problem::error(
                    file,
                    None,
                    Some(&format!("products[{i}].price_ratio")),
                    p.price_ratio.to_string(),
                    "a ratio above 0",
                ));
            }
            percentage(
                file,
                &format!("products[{i}].mix_pct"),
                p.mix_pct,
                &mut problems,
            );
            if assumptions.products[..i].iter().any(|q| q.name == p.name) {
                problems.push(Problem::error(
                    file,
                    None,
                    Some(&format!("products[{i}].name")),
                    format!("\"{}\" a second time", p.name),
                    "each SKU name once",
                ));
            }
        }
        let mix: f64 = assumptions.products.iter().map(|p| p.mix_pct).sum();
        if !assumptions.products.is_empty() && (mix - 100.0).abs() > 0.01 {
            problems.push(Problem::error(
                file,
                None,
                Some("products"),
                format!("unit mix summing to {mix}%"),
                "a mix summing to 100%",
            ));
        }
        for (currency, rate) in &assumptions.fx.usd_per {
            if !(rate.is_finite() && *rate > 0.0) {
                problems.push(Problem::error(
                    file,
                    None,
                    Some(&format!("fx.usd_per.{currency}")),
                    rate.to_string(),
                    "a rate above 0 (US$ per unit)",
                ));
            }
        }
        let skus: Vec<&str> = assumptions
            .products
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        validate_market(
            file,
            "defaults",
            &assumptions.defaults,
            &assumptions.fx,
            &skus,
            &mut problems,
        );
        for code in assumptions.markets.keys() {
            match assumptions.for_market(code) {
                Ok(m) => validate_market(
                    file,
                    &format!("markets.{code}"),
                    &m,
                    &assumptions.fx,
                    &skus,
                    &mut problems,
                ),
                Err(e) => {
                    let (field, found, expected) = assumptions.override_problem(code, e);
                    problems.push(Problem::error(file, None, Some(&field), found, expected));
                }
            }
        }
        if problems.is_empty() {
            Ok(assumptions)
        } else {
            Err(LoadError { problems })
        }
    }

    /// Why `market` would not be valid assumptions for `iso3` (empty when it would be).
    pub fn check_market(&self, iso3: &str, market: &MarketAssumptions) -> Vec<Problem> {
        let mut problems = Vec::new();
        let skus: Vec<&str> = self.products.iter().map(|p| p.name.as_str()).collect();
        validate_market(
            "assumptions",
            &format!("markets.{iso3}"),
            market,
            &self.fx,
            &skus,
            &mut problems,
        );
        problems
    }
}

fn non_negative(file: &str, field: &str, value: f64, problems: &mut Vec<Problem>) {
    if !(value.is_finite() && value >= 0.0) {
        problems.push(Problem::error(
            file,
            None,
            Some(field),
            value.to_string(),
            "0 or more",
        ));
    }
}

fn percentage(file: &str, field: &str, value: f64, problems: &mut Vec<Problem>) {
    if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
        problems.push(Problem::error(
            file,
            None,
            Some(field),
            format!("{value}%"),
            "a percentage from 0 to 100",
        ));
    }
}

fn validate_market(
    file: &str,
    at: &str,
    m: &MarketAssumptions,
    fx: &Fx,
    skus: &[&str],
    problems: &mut Vec<Problem>,
) {
    for (sku, price) in &m.sku_prices {
        let at_sku = format!("{at}.sku_prices.{sku}");
        if !skus.contains(&sku.as_str()) {
            problems.push(Problem::error(
                file,
                None,
                Some(&at_sku),
                format!("\"{sku}\""),
                format!("a SKU of the products ({})", skus.join(", ")),
            ));
        }
        if !(price.amount.is_finite() && price.amount > 0.0) {
            problems.push(Problem::error(
                file,
                None,
                Some(&format!("{at_sku}.amount")),
                price.amount.to_string(),
                "a price above 0",
            ));
        }
        if price.currency != "USD" && !fx.usd_per.contains_key(&price.currency) {
            problems.push(Problem::error(
                file,
                None,
                Some(&format!("{at_sku}.currency")),
                format!("\"{}\"", price.currency),
                "USD or a currency in the FX table",
            ));
        }
    }
    let field = |name: &str| format!("{at}.{name}");
    if !(m.retail_price.amount.is_finite() && m.retail_price.amount > 0.0) {
        problems.push(Problem::error(
            file,
            None,
            Some(&field("retail_price.amount")),
            m.retail_price.amount.to_string(),
            "a price above 0",
        ));
    }
    if m.retail_price.currency != "USD" && !fx.usd_per.contains_key(&m.retail_price.currency) {
        let known: Vec<&str> = fx.usd_per.keys().map(String::as_str).collect();
        problems.push(Problem::error(
            file,
            None,
            Some(&field("retail_price.currency")),
            format!("\"{}\"", m.retail_price.currency),
            format!("USD or a currency in the FX table ({})", known.join(", ")),
        ));
    }
    for (name, value) in [
        ("freight_usd", m.freight_usd),
        ("repair_cost_usd", m.repair_cost_usd),
        ("service_cost_usd", m.service_cost_usd),
        ("marketing_usd", m.marketing_usd),
        ("fixed.certification_usd", m.fixed.certification_usd),
        ("fixed.local_entity_usd", m.fixed.local_entity_usd),
        ("fixed.service_centres_usd", m.fixed.service_centres_usd),
        ("fixed.launch_marketing_usd", m.fixed.launch_marketing_usd),
    ] {
        non_negative(file, &field(name), value, problems);
    }
    for (name, value) in [
        ("insurance_pct", m.insurance_pct),
        ("payment_fee_pct", m.payment_fee_pct),
        ("warranty_rate_pct", m.warranty_rate_pct),
        ("fx_hedge_pct", m.fx_hedge_pct),
        (
            "volume.smartphone_adoption_pct",
            m.volume.smartphone_adoption_pct,
        ),
        (
            "volume.price_segment_share_pct",
            m.volume.price_segment_share_pct,
        ),
        ("volume.target_share_pct", m.volume.target_share_pct),
    ] {
        percentage(file, &field(name), value, problems);
    }
    if let Some(duty) = m.duty_pct {
        if !(duty.is_finite() && (0.0..=300.0).contains(&duty)) {
            problems.push(Problem::error(
                file,
                None,
                Some(&field("duty_pct")),
                format!("{duty}%"),
                "a duty from 0 to 300%",
            ));
        }
    }
    if let Some(vat) = m.vat_pct {
        percentage(file, &field("vat_pct"), vat, problems);
    }
    if !(m.volume.replacement_years.is_finite() && m.volume.replacement_years > 0.0) {
        problems.push(Problem::error(
            file,
            None,
            Some(&field("volume.replacement_years")),
            m.volume.replacement_years.to_string(),
            "years above 0",
        ));
    }
    if m.channels.is_empty() {
        problems.push(Problem::error(
            file,
            None,
            Some(&field("channels")),
            "no channels",
            "at least one channel",
        ));
    }
    for (i, c) in m.channels.iter().enumerate() {
        percentage(
            file,
            &field(&format!("channels[{i}].share_pct")),
            c.share_pct,
            problems,
        );
        percentage(
            file,
            &field(&format!("channels[{i}].margin_pct")),
            c.margin_pct,
            problems,
        );
    }
    let shares: f64 = m.channels.iter().map(|c| c.share_pct).sum();
    if !m.channels.is_empty() && (shares - 100.0).abs() > 0.01 {
        problems.push(Problem::error(
            file,
            None,
            Some(&field("channels")),
            format!("shares summing to {shares}%"),
            "shares summing to 100%",
        ));
    }
}
