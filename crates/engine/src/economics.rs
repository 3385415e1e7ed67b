//! Unit economics per market: the price waterfall from shelf price to contribution per unit,
//! break-even volume, payback, goal seek and a tornado. Formulas in `docs/economics.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::problem::{LoadError, Problem};

pub const ASSUMPTIONS_FORMAT: &str = "beachhead-assumptions";
pub const ASSUMPTIONS_VERSION: u32 = 1;

/// One SKU.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub name: String,
    pub bom_usd: f64,
    #[serde(default)]
    pub assembly_usd: f64,
    #[serde(default)]
    pub packaging_usd: f64,
    /// Its retail price as a multiple of the market's headline price (1 for the headline SKU),
    /// unless the market sets `sku_prices` for it.
    #[serde(default = "one")]
    pub price_ratio: f64,
    /// Its share of the units sold, %; the SKUs' shares sum to 100.
    #[serde(default = "hundred")]
    pub mix_pct: f64,
}

fn one() -> f64 {
    1.0
}

fn hundred() -> f64 {
    100.0
}

impl Product {
    pub fn ex_works_usd(&self) -> f64 {
        self.bom_usd + self.assembly_usd + self.packaging_usd
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Price {
    pub amount: f64,
    /// ISO 4217; "USD" or any currency in the FX table.
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub name: String,
    /// Share of units sold through this channel, 0-100; the shares sum to 100.
    pub share_pct: f64,
    /// The channel's margin or commission on the net (ex-VAT) price, 0-100.
    pub margin_pct: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixedCosts {
    #[serde(default)]
    pub certification_usd: f64,
    #[serde(default)]
    pub local_entity_usd: f64,
    #[serde(default)]
    pub service_centres_usd: f64,
    #[serde(default)]
    pub launch_marketing_usd: f64,
}

impl FixedCosts {
    pub fn total(&self) -> f64 {
        self.certification_usd
            + self.local_entity_usd
            + self.service_centres_usd
            + self.launch_marketing_usd
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    /// People with a smartphone, % of population.
    pub smartphone_adoption_pct: f64,
    /// Years between a buyer's phones: a year's market is adopters / this.
    pub replacement_years: f64,
    /// Share of phones sold in this product's price segment, %.
    pub price_segment_share_pct: f64,
    /// The share of that segment the launch aims for, %.
    pub target_share_pct: f64,
}

/// Everything about selling in one market. Missing `duty_pct` or `vat_pct` come from the
/// dataset (`import_duty_pct`, `vat_pct`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketAssumptions {
    pub retail_price: Price,
    /// Whether the shelf price includes VAT (most markets) or tax is added at the till (the US).
    pub price_includes_vat: bool,
    pub freight_usd: f64,
    /// Insurance as % of ex-works plus freight.
    pub insurance_pct: f64,
    #[serde(default)]
    pub duty_pct: Option<f64>,
    #[serde(default)]
    pub vat_pct: Option<f64>,
    pub channels: Vec<Channel>,
    /// Payment and platform fees, % of the company's revenue.
    pub payment_fee_pct: f64,
    /// Share of units returned under warranty, % , each costing `repair_cost_usd`.
    pub warranty_rate_pct: f64,
    pub repair_cost_usd: f64,
    pub service_cost_usd: f64,
    pub marketing_usd: f64,
    /// Cost of hedging the currency, % of the company's revenue.
    pub fx_hedge_pct: f64,
    pub fixed: FixedCosts,
    pub volume: Volume,
    /// Prices of particular SKUs in this market, by SKU name, instead of headline × ratio.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sku_prices: BTreeMap<String, Price>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fx {
    /// The date the rates are for.
    pub date: String,
    /// "illustrative" or a source.
    pub status: String,
    /// US dollars per unit of each currency.
    pub usd_per: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumptions {
    pub format: String,
    pub version: u32,
    /// The SKUs; the first is the headline one.
    pub products: Vec<Product>,
    pub fx: Fx,
    pub defaults: MarketAssumptions,
    /// Per-market overrides of `defaults`, by ISO3, as partial JSON objects.
    #[serde(default)]
    pub markets: BTreeMap<String, serde_json::Value>,
}

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

    /// The defaults with the market's overrides laid over them (objects merge, values replace).
    pub fn for_market(&self, iso3: &str) -> Result<MarketAssumptions, String> {
        let Some(overrides) = self.markets.get(iso3) else {
            return Ok(self.defaults.clone());
        };
        let mut merged = serde_json::to_value(&self.defaults).map_err(|e| e.to_string())?;
        merge_json(&mut merged, overrides);
        serde_json::from_value(merged).map_err(|e| e.to_string())
    }

    /// Why the market's overrides do not apply (`why`, from [`Assumptions::for_market`]), as
    /// (field, found, expected): the first value in them, by its dotted path
    /// (`markets.HKG.freight_usd`), that does not read as the defaults' field of that name.
    fn override_problem(&self, iso3: &str, why: String) -> (String, String, String) {
        let whole = (
            format!("markets.{iso3}"),
            why,
            "fields of the defaults, with values of the same kinds".to_owned(),
        );
        let (Some(overrides), Ok(defaults)) =
            (self.markets.get(iso3), serde_json::to_value(&self.defaults))
        else {
            return whole;
        };
        let mut leaves = Vec::new();
        override_leaves(overrides, &mut Vec::new(), &mut leaves);
        for (keys, value) in leaves {
            // The defaults with this one value laid over them.
            let mut single = value.clone();
            for key in keys.iter().rev() {
                single = serde_json::Value::Object([(key.clone(), single)].into_iter().collect());
            }
            let mut merged = defaults.clone();
            merge_json(&mut merged, &single);
            let Err(e) = serde_json::from_value::<MarketAssumptions>(merged) else {
                continue;
            };
            // The path down to the defaults' own field (a value set inside a number names
            // the number).
            let (mut end, mut default) = (0, Some(&defaults));
            while let (Some(key), Some(serde_json::Value::Object(map))) = (keys.get(end), default) {
                default = map.get(key);
                end += 1;
            }
            let field = std::iter::once(format!("markets.{iso3}"))
                .chain(keys[..end].iter().cloned())
                .collect::<Vec<_>>()
                .join(".");
            let kind = match default {
                Some(serde_json::Value::Number(_)) => "a number",
                Some(serde_json::Value::String(_)) => "text",
                Some(serde_json::Value::Bool(_)) => "true or false",
                Some(serde_json::Value::Array(_)) => "a list",
                Some(serde_json::Value::Object(_)) => "an object of the defaults' fields",
                Some(serde_json::Value::Null) | None => "a value of the kind the defaults have",
            };
            return (field, e.to_string(), format!("{kind}, as in the defaults"));
        }
        whole
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

    /// The retail price (US$) and contribution % at `points` prices spread from `low` to `high`
    /// times today's price.
    pub fn price_curve(inputs: &Inputs, low: f64, high: f64, points: usize) -> Vec<(f64, f64)> {
        let n = points.max(2);
        (0..n)
            .map(|i| {
                let factor = low + (high - low) * i as f64 / (n - 1) as f64;
                let price = inputs.retail_usd * factor;
                (price, inputs.margin_at_price(price))
            })
            .collect()
    }

    /// Records `market` as the market's assumptions: as an override of only what differs from
    /// the defaults, so the file (and a link to the view) carries no more than was changed.
    pub fn set_market(&mut self, iso3: &str, market: &MarketAssumptions) -> Result<(), String> {
        let json = serde_json::to_value(market).map_err(|e| e.to_string())?;
        let defaults = serde_json::to_value(&self.defaults).map_err(|e| e.to_string())?;
        let minimal = differences(&defaults, &json)
            .unwrap_or_else(|| serde_json::Value::Object(serde_json::Map::new()));
        self.markets.insert(iso3.to_owned(), minimal);
        Ok(())
    }

    pub fn to_usd(&self, price: &Price) -> Option<f64> {
        if price.currency == "USD" {
            return Some(price.amount);
        }
        self.fx
            .usd_per
            .get(&price.currency)
            .map(|rate| price.amount * rate)
    }
}

/// What `value` changes in `base`, as an object to merge over it (see [`merge_json`]); None
/// when nothing differs. Objects recurse; anything else that differs is taken whole.
fn differences(base: &serde_json::Value, value: &serde_json::Value) -> Option<serde_json::Value> {
    match (base, value) {
        (serde_json::Value::Object(b), serde_json::Value::Object(v)) => {
            let changed: serde_json::Map<String, serde_json::Value> = v
                .iter()
                .filter_map(|(k, v)| match b.get(k) {
                    Some(old) => differences(old, v).map(|d| (k.clone(), d)),
                    None => Some((k.clone(), v.clone())),
                })
                .collect();
            (!changed.is_empty()).then_some(serde_json::Value::Object(changed))
        }
        _ if base == value => None,
        _ => Some(value.clone()),
    }
}

/// The values an override sets, each with its keys from the override's top: objects are
/// walked into (they merge); anything else is one value (it replaces).
fn override_leaves<'a>(
    value: &'a serde_json::Value,
    keys: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, &'a serde_json::Value)>,
) {
    match value {
        serde_json::Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                keys.push(key.clone());
                override_leaves(child, keys, out);
                keys.pop();
            }
        }
        _ => out.push((keys.clone(), value)),
    }
}

fn merge_json(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge_json(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
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

/// One step of the waterfall: what is taken off (negative) or the running total.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub label: &'static str,
    pub usd: f64,
    /// A subtotal (retail price, net price, revenue, contribution) rather than a deduction.
    pub total: bool,
}

/// The per-unit economics of one market, US$.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitEconomics {
    pub retail_usd: f64,
    pub vat_pct: f64,
    pub duty_pct: f64,
    pub vat_usd: f64,
    /// Retail price without VAT.
    pub net_usd: f64,
    pub channel_usd: f64,
    /// What reaches the company.
    pub revenue_usd: f64,
    pub payment_fees_usd: f64,
    pub ex_works_usd: f64,
    pub freight_usd: f64,
    pub insurance_usd: f64,
    pub cif_usd: f64,
    pub duty_usd: f64,
    /// Import VAT paid at the border on CIF plus duty; recovered against output VAT, so a cash
    /// cost only until the return is filed.
    pub import_vat_usd: f64,
    pub warranty_usd: f64,
    pub service_usd: f64,
    pub marketing_usd: f64,
    pub fx_hedge_usd: f64,
    pub contribution_usd: f64,
    /// Contribution as % of the net (ex-VAT) retail price.
    pub contribution_pct: f64,
    pub fixed_usd: f64,
    /// None when a unit loses money: the launch never breaks even.
    pub break_even_units: Option<f64>,
    pub annual_units: f64,
    pub payback_months: Option<f64>,
}

impl UnitEconomics {
    pub fn waterfall(&self) -> Vec<Step> {
        let step = |label, usd| Step {
            label,
            usd,
            total: false,
        };
        let total = |label, usd| Step {
            label,
            usd,
            total: true,
        };
        vec![
            total("Retail price", self.retail_usd),
            step("VAT/GST", -self.vat_usd),
            total("Net price", self.net_usd),
            step("Channel margin", -self.channel_usd),
            total("Company revenue", self.revenue_usd),
            step("Payment fees", -self.payment_fees_usd),
            step("Ex-works cost", -self.ex_works_usd),
            step(
                "Freight and insurance",
                -(self.freight_usd + self.insurance_usd),
            ),
            step("Import duty", -self.duty_usd),
            step("Warranty", -self.warranty_usd),
            step("Service", -self.service_usd),
            step("Marketing", -self.marketing_usd),
            step("FX hedging", -self.fx_hedge_usd),
            total("Contribution", self.contribution_usd),
        ]
    }
}

/// The figures an input change can move, with the market's population for volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub product: Product,
    pub market: MarketAssumptions,
    pub retail_usd: f64,
    pub vat_pct: f64,
    pub duty_pct: f64,
    pub population: Option<f64>,
}

impl Inputs {
    /// Resolves a market's assumptions against the dataset (duty, VAT, population) and the FX
    /// table. Errors name what is missing.
    pub fn resolve(
        assumptions: &Assumptions,
        dataset: &Dataset,
        market: usize,
        sku: usize,
    ) -> Result<Self, String> {
        let product = assumptions.products.get(sku).ok_or("no such SKU")?.clone();
        let m = dataset.markets().get(market).ok_or("no such market")?;
        let a = assumptions.for_market(&m.iso3)?;
        let value = |id: &str| {
            dataset
                .indicator_index(id)
                .and_then(|i| dataset.observation(market, i))
                .map(|o| o.value)
        };
        let vat_pct = a
            .vat_pct
            .or_else(|| value("vat_pct"))
            .ok_or_else(|| format!("{}: no VAT rate in the data; set vat_pct", m.name))?;
        let duty_pct = a
            .duty_pct
            .or_else(|| value("import_duty_pct"))
            .ok_or_else(|| format!("{}: no import duty in the data; set duty_pct", m.name))?;
        let price = match a.sku_prices.get(&product.name) {
            Some(own) => own.clone(),
            None => Price {
                amount: a.retail_price.amount * product.price_ratio,
                currency: a.retail_price.currency.clone(),
            },
        };
        let retail_usd = assumptions.to_usd(&price).ok_or_else(|| {
            format!(
                "{}: currency {} is not in the FX table",
                m.name, price.currency
            )
        })?;
        Ok(Inputs {
            product,
            market: a,
            retail_usd,
            vat_pct,
            duty_pct,
            population: value("population"),
        })
    }

    pub fn economics(&self) -> UnitEconomics {
        let a = &self.market;
        let vat = self.vat_pct / 100.0;
        let (net_usd, retail_usd) = if a.price_includes_vat {
            (self.retail_usd / (1.0 + vat), self.retail_usd)
        } else {
            (self.retail_usd, self.retail_usd * (1.0 + vat))
        };
        let vat_usd = retail_usd - net_usd;
        let channel_rate: f64 = a
            .channels
            .iter()
            .map(|c| c.share_pct / 100.0 * c.margin_pct / 100.0)
            .sum();
        let channel_usd = net_usd * channel_rate;
        let revenue_usd = net_usd - channel_usd;
        let payment_fees_usd = revenue_usd * a.payment_fee_pct / 100.0;
        let ex_works_usd = self.product.ex_works_usd();
        let insurance_usd = (ex_works_usd + a.freight_usd) * a.insurance_pct / 100.0;
        let cif_usd = ex_works_usd + a.freight_usd + insurance_usd;
        let duty_usd = cif_usd * self.duty_pct / 100.0;
        let import_vat_usd = (cif_usd + duty_usd) * vat;
        let warranty_usd = a.warranty_rate_pct / 100.0 * a.repair_cost_usd;
        let fx_hedge_usd = revenue_usd * a.fx_hedge_pct / 100.0;
        let contribution_usd = revenue_usd
            - payment_fees_usd
            - cif_usd
            - duty_usd
            - warranty_usd
            - a.service_cost_usd
            - a.marketing_usd
            - fx_hedge_usd;
        let fixed_usd = a.fixed.total();
        let break_even_units = (contribution_usd > 0.0).then(|| fixed_usd / contribution_usd);
        let v = &a.volume;
        let annual_units = self.population.unwrap_or(0.0) * v.smartphone_adoption_pct
            / 100.0
            / v.replacement_years
            * v.price_segment_share_pct
            / 100.0
            * v.target_share_pct
            / 100.0;
        let monthly_contribution = contribution_usd * annual_units / 12.0;
        let payback_months = (monthly_contribution > 0.0).then(|| fixed_usd / monthly_contribution);
        UnitEconomics {
            retail_usd,
            vat_pct: self.vat_pct,
            duty_pct: self.duty_pct,
            vat_usd,
            net_usd,
            channel_usd,
            revenue_usd,
            payment_fees_usd,
            ex_works_usd,
            freight_usd: a.freight_usd,
            insurance_usd,
            cif_usd,
            duty_usd,
            import_vat_usd,
            warranty_usd,
            service_usd: a.service_cost_usd,
            marketing_usd: a.marketing_usd,
            fx_hedge_usd,
            contribution_usd,
            contribution_pct: if net_usd > 0.0 {
                100.0 * contribution_usd / net_usd
            } else {
                0.0
            },
            fixed_usd,
            break_even_units,
            annual_units,
            payback_months,
        }
    }

    /// Contribution % at a retail price of `retail_usd`, all else held.
    pub fn margin_at_price(&self, retail_usd: f64) -> f64 {
        Inputs {
            retail_usd,
            ..self.clone()
        }
        .economics()
        .contribution_pct
    }

    /// The retail price (US$, in the market's convention) giving `target_pct` contribution,
    /// or None when no price does (costs that scale with price eat more than the target).
    pub fn price_for_margin(&self, target_pct: f64) -> Option<f64> {
        solve_increasing(
            |p| self.margin_at_price(p),
            target_pct,
            0.01,
            self.retail_usd.max(1.0) * 100.0,
        )
    }

    /// The highest bill of materials (US$) that still gives `target_pct`, or None.
    pub fn max_bom_for_margin(&self, target_pct: f64) -> Option<f64> {
        let margin = |bom: f64| {
            let mut inputs = self.clone();
            inputs.product.bom_usd = bom;
            inputs.economics().contribution_pct
        };
        // Margin falls as the BOM rises: solve on the negated function.
        solve_increasing(
            |b| -margin(b),
            -target_pct,
            0.0,
            self.retail_usd.max(1.0) * 10.0,
        )
    }
}

/// Bisection for an increasing `f`: the x in [lo, hi] with f(x) = target, to 1e-10 of the range.
fn solve_increasing(f: impl Fn(f64) -> f64, target: f64, mut lo: f64, mut hi: f64) -> Option<f64> {
    if f(lo) > target || f(hi) < target {
        return None;
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if f(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-10 * hi.abs().max(1.0) {
            break;
        }
    }
    Some((lo + hi) / 2.0)
}

/// A market's economics: each SKU's, and their blend by unit mix.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketEconomics {
    pub skus: Vec<(String, UnitEconomics)>,
    pub blended: UnitEconomics,
}

/// Every SKU of a market, blended by the products' unit mix.
pub fn market_economics(
    assumptions: &Assumptions,
    dataset: &Dataset,
    market: usize,
) -> Result<MarketEconomics, String> {
    let mut skus = Vec::new();
    for (i, p) in assumptions.products.iter().enumerate() {
        skus.push((
            p.name.clone(),
            Inputs::resolve(assumptions, dataset, market, i)?.economics(),
        ));
    }
    let weights: Vec<f64> = assumptions
        .products
        .iter()
        .map(|p| p.mix_pct / 100.0)
        .collect();
    let parts: Vec<(f64, &UnitEconomics)> = weights
        .iter()
        .copied()
        .zip(skus.iter().map(|(_, e)| e))
        .collect();
    let blended = UnitEconomics::blend(&parts).ok_or("no SKUs")?;
    Ok(MarketEconomics { skus, blended })
}

impl UnitEconomics {
    /// The unit-mix average of several SKUs' per-unit figures; fixed costs, volume, break-even
    /// and payback follow from the averaged contribution.
    pub fn blend(parts: &[(f64, &UnitEconomics)]) -> Option<UnitEconomics> {
        let total: f64 = parts.iter().map(|(w, _)| w).sum();
        let first = parts.first()?.1;
        if total <= 0.0 {
            return None;
        }
        let avg =
            |f: fn(&UnitEconomics) -> f64| parts.iter().map(|(w, e)| w * f(e)).sum::<f64>() / total;
        let contribution_usd = avg(|e| e.contribution_usd);
        let net_usd = avg(|e| e.net_usd);
        let fixed_usd = first.fixed_usd;
        let annual_units = first.annual_units;
        let monthly = contribution_usd * annual_units / 12.0;
        Some(UnitEconomics {
            retail_usd: avg(|e| e.retail_usd),
            vat_pct: first.vat_pct,
            duty_pct: first.duty_pct,
            vat_usd: avg(|e| e.vat_usd),
            net_usd,
            channel_usd: avg(|e| e.channel_usd),
            revenue_usd: avg(|e| e.revenue_usd),
            payment_fees_usd: avg(|e| e.payment_fees_usd),
            ex_works_usd: avg(|e| e.ex_works_usd),
            freight_usd: avg(|e| e.freight_usd),
            insurance_usd: avg(|e| e.insurance_usd),
            cif_usd: avg(|e| e.cif_usd),
            duty_usd: avg(|e| e.duty_usd),
            import_vat_usd: avg(|e| e.import_vat_usd),
            warranty_usd: avg(|e| e.warranty_usd),
            service_usd: avg(|e| e.service_usd),
            marketing_usd: avg(|e| e.marketing_usd),
            fx_hedge_usd: avg(|e| e.fx_hedge_usd),
            contribution_usd,
            contribution_pct: if net_usd > 0.0 {
                100.0 * contribution_usd / net_usd
            } else {
                0.0
            },
            fixed_usd,
            break_even_units: (contribution_usd > 0.0).then(|| fixed_usd / contribution_usd),
            annual_units,
            payback_months: (monthly > 0.0).then(|| fixed_usd / monthly),
        })
    }
}

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
