//! Unit economics: the price waterfall from shelf price to contribution per unit, break-even
//! and payback, per SKU and blended over the unit mix.

use super::payback::monthly_contribution;
use super::{Assumptions, MarketAssumptions, Price, Product};
use crate::dataset::Dataset;
use crate::MarketIndex;

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
    /// The channel's margin as a percentage of the net price (the blended mix's, for a blend);
    /// None for a price of nothing.
    pub fn channel_margin_pct(&self) -> Option<f64> {
        (self.net_usd > 0.0).then(|| self.channel_usd / self.net_usd * 100.0)
    }

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
        market: MarketIndex,
        sku: usize,
    ) -> Result<Self, String> {
        let product = assumptions.products.get(sku).ok_or("no such SKU")?.clone();
        let m = dataset.market(market).ok_or("no such market")?;
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

    /// The currency the SKU's price is set in: its own price's in the market, else the
    /// market's.
    pub fn price_currency(&self) -> &str {
        self.market
            .sku_prices
            .get(&self.product.name)
            .map_or(&self.market.retail_price.currency, |p| &p.currency)
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
        let monthly = monthly_contribution(contribution_usd, annual_units);
        let payback_months = (monthly > 0.0).then(|| fixed_usd / monthly);
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
    market: MarketIndex,
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
        let monthly = monthly_contribution(contribution_usd, annual_units);
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
