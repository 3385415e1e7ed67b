//! The assumptions' data model, as `docs/economics.md` lays out the file: the SKUs, the FX
//! table, the defaults every market starts from and the per-market overrides.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    /// US dollars per unit of `currency`, for showing US$ amounts in it: 1 for US dollars,
    /// and for a currency the FX table lacks (whose prices do not resolve, so nothing shows).
    pub fn usd_per_unit(&self, currency: &str) -> f64 {
        if currency == "USD" {
            1.0
        } else {
            self.fx.usd_per.get(currency).copied().unwrap_or(1.0)
        }
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
