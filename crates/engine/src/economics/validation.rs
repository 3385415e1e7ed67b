//! Reading and checking an assumptions file: every problem names its field as a dotted path
//! and says what it should be.

use super::fields::{AssumptionField, Range};
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
                    phrase!("assumptions in the format of docs/economics.md"),
                ))
            })?;
        let problems = assumptions.problems(file);
        if problems.is_empty() {
            Ok(assumptions)
        } else {
            Err(LoadError { problems })
        }
    }

    /// Why these assumptions are not valid, as read from `file` (empty when they are): each
    /// problem names the field as a dotted path and what it should be.
    pub fn problems(&self, file: &str) -> Vec<Problem> {
        let assumptions = self;
        let mut problems = Vec::new();
        if assumptions.format != ASSUMPTIONS_FORMAT {
            problems.push(Problem::error(
                file,
                None,
                Some("format"),
                phrase!("\"{}\"", &assumptions.format),
                phrase!("\"beachhead-assumptions\""),
            ));
        }
        if assumptions.version != ASSUMPTIONS_VERSION {
            problems.push(Problem::error(
                file,
                None,
                Some("version"),
                phrase!("version {}", assumptions.version),
                phrase!("version 1 (the version this Beachhead reads)"),
            ));
        }
        if assumptions.products.is_empty() {
            problems.push(Problem::error(
                file,
                None,
                Some("products"),
                phrase!("no products"),
                phrase!("at least one SKU"),
            ));
        }
        for (i, p) in assumptions.products.iter().enumerate() {
            for field in [
                AssumptionField::Bom,
                AssumptionField::Assembly,
                AssumptionField::Packaging,
            ] {
                let path = format!("products[{i}].{}", field.path());
                let value = field.product_value(p).unwrap_or_default();
                problems.extend(field.problem(file, &path, value));
            }
            if !(p.price_ratio.is_finite() && p.price_ratio > 0.0) {
                problems.push(Problem::error(
                    file,
                    None,
                    Some(&format!("products[{i}].price_ratio")),
                    phrase!("{}", p.price_ratio),
                    phrase!("a ratio above 0"),
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
                    phrase!("\"{}\" a second time", &p.name),
                    phrase!("each SKU name once"),
                ));
            }
        }
        let mix: f64 = assumptions.products.iter().map(|p| p.mix_pct).sum();
        if !assumptions.products.is_empty() && (mix - 100.0).abs() > 0.01 {
            problems.push(Problem::error(
                file,
                None,
                Some("products"),
                phrase!("unit mix summing to {}%", mix),
                phrase!("a mix summing to 100%"),
            ));
        }
        for (currency, rate) in &assumptions.fx.usd_per {
            let field = AssumptionField::ExchangeRate;
            let path = format!("fx.{}.{currency}", field.path());
            problems.extend(field.problem(file, &path, *rate));
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
        problems
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

/// A percentage outside the assumption fields (a SKU's share of the unit mix), checked as
/// they are.
fn percentage(file: &str, field: &str, value: f64, problems: &mut Vec<Problem>) {
    if !Range::PERCENT.contains(value) {
        problems.push(Problem::error(
            file,
            None,
            Some(field),
            phrase!("{}%", value),
            phrase!("a percentage from 0 to 100"),
        ));
    }
}

/// One market's assumptions (the defaults, or a market's with its overrides) at `at`: the
/// assumption fields against their definitions, then what spans fields (currencies, SKU
/// names, channel shares summing to 100).
fn validate_market(
    file: &str,
    at: &str,
    m: &MarketAssumptions,
    fx: &Fx,
    skus: &[&str],
    problems: &mut Vec<Problem>,
) {
    use AssumptionField::*;
    let field = |name: &str| format!("{at}.{name}");
    let price = RetailPrice;
    for (sku, own) in &m.sku_prices {
        let at_sku = field(&format!("sku_prices.{sku}"));
        if !skus.contains(&sku.as_str()) {
            problems.push(Problem::error(
                file,
                None,
                Some(&at_sku),
                phrase!("\"{}\"", sku),
                phrase!("a SKU of the products ({})", skus.join(", ")),
            ));
        }
        problems.extend(price.problem(file, &format!("{at_sku}.amount"), own.amount));
        if own.currency != "USD" && !fx.usd_per.contains_key(&own.currency) {
            problems.push(Problem::error(
                file,
                None,
                Some(&format!("{at_sku}.currency")),
                phrase!("\"{}\"", &own.currency),
                phrase!("USD or a currency in the FX table"),
            ));
        }
    }
    problems.extend(price.problem(file, &field(&price.path()), m.retail_price.amount));
    if m.retail_price.currency != "USD" && !fx.usd_per.contains_key(&m.retail_price.currency) {
        let known: Vec<&str> = fx.usd_per.keys().map(String::as_str).collect();
        problems.push(Problem::error(
            file,
            None,
            Some(&field("retail_price.currency")),
            phrase!("\"{}\"", &m.retail_price.currency),
            phrase!("USD or a currency in the FX table ({})", known.join(", ")),
        ));
    }
    // In the order the problems have always been listed: amounts, percentages, then the
    // rates the dataset may supply, then volume.
    for f in [
        Freight,
        Repair,
        Service,
        Marketing,
        Certification,
        LocalEntity,
        ServiceCentres,
        LaunchMarketing,
        Insurance,
        PaymentFee,
        Warranty,
        FxHedge,
        Adoption,
        SegmentShare,
        TargetShare,
        Duty,
        Vat,
        ReplacementYears,
    ] {
        if let Some(value) = f.market_value(m) {
            problems.extend(f.problem(file, &field(&f.path()), value));
        }
    }
    if m.channels.is_empty() {
        problems.push(Problem::error(
            file,
            None,
            Some(&field("channels")),
            phrase!("no channels"),
            phrase!("at least one channel"),
        ));
    }
    for c in 0..m.channels.len() {
        for f in [ChannelShare(c), ChannelMargin(c)] {
            if let Some(value) = f.market_value(m) {
                problems.extend(f.problem(file, &field(&f.path()), value));
            }
        }
    }
    let shares: f64 = m.channels.iter().map(|c| c.share_pct).sum();
    if !m.channels.is_empty() && (shares - 100.0).abs() > 0.01 {
        problems.push(Problem::error(
            file,
            None,
            Some(&field("channels")),
            phrase!("shares summing to {}%", shares),
            phrase!("shares summing to 100%"),
        ));
    }
}
