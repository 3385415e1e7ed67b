//! Every assumption the Margins form edits, defined once: its id, label, unit, valid range
//! and step, where validation finds it and how the form reads and writes it. The form and
//! `validation` both read these definitions, so a value one accepts the other accepts.

use super::{Assumptions, Inputs, MarketAssumptions, Price, Product};
use crate::phrase::Phrase;
use crate::problem::Problem;

/// The values a field may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    /// Whether `min` itself is refused: a price, a rate or a number of years must be above 0.
    pub min_exclusive: bool,
    pub max: Option<f64>,
}

impl Range {
    pub const NON_NEGATIVE: Range = Range {
        min: 0.0,
        min_exclusive: false,
        max: None,
    };
    pub const ABOVE_ZERO: Range = Range {
        min: 0.0,
        min_exclusive: true,
        max: None,
    };
    pub const PERCENT: Range = Range::up_to(100.0);

    /// From 0 to `max`, both included.
    pub const fn up_to(max: f64) -> Range {
        Range {
            min: 0.0,
            min_exclusive: false,
            max: Some(max),
        }
    }

    /// The value, or why it is out of range. Not finite (NaN, infinities) counts as below.
    pub fn check(&self, value: f64) -> Result<f64, OutOfRange> {
        let below = if self.min_exclusive {
            value <= self.min
        } else {
            value < self.min
        };
        if !value.is_finite() || below {
            return Err(OutOfRange::Low {
                min: self.min,
                exclusive: self.min_exclusive,
            });
        }
        match self.max {
            Some(max) if value > max => Err(OutOfRange::High { max }),
            _ => Ok(value),
        }
    }

    pub fn contains(&self, value: f64) -> bool {
        self.check(value).is_ok()
    }
}

/// Why a value is out of its field's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OutOfRange {
    /// Below `min` (or at it, when `exclusive`), or not a finite number.
    Low {
        min: f64,
        exclusive: bool,
    },
    High {
        max: f64,
    },
}

/// Why text typed into a field is not taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldError {
    NotANumber,
    OutOfRange(OutOfRange),
}

/// What a field's number is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Usd,
    /// The market's currency, for the price of the SKU in it.
    Local,
    /// A percentage; the text (English, for the app to translate) says of what, or is "%".
    Percent(&'static str),
    Years,
}

/// A field's metadata. `label` is English, the app's key for its translation; where it has
/// `{}`, the app fills in the channel's name or the currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldMeta {
    pub label: &'static str,
    pub unit: Unit,
    pub range: Range,
    /// The step of the form's arrows; None for any step (exchange rates span orders of
    /// magnitude, from a dong to a dinar).
    pub step: Option<f64>,
    /// What validation says the value should be, when it is out of range.
    pub expected: &'static str,
}

impl FieldMeta {
    pub fn percent(&self) -> bool {
        matches!(self.unit, Unit::Percent(_))
    }
}

/// Where a field's value lives in the assumptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In a market's assumptions (the defaults, or a market's with its overrides).
    Market,
    /// In the SKU's product, the same in every market.
    Product,
    /// In the FX table, the same in every market.
    Fx,
}

/// An editable assumption, in the order of the waterfall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssumptionField {
    RetailPrice,
    Vat,
    ChannelShare(usize),
    ChannelMargin(usize),
    PaymentFee,
    Bom,
    Assembly,
    Packaging,
    Freight,
    Insurance,
    Duty,
    Warranty,
    Repair,
    Service,
    Marketing,
    FxHedge,
    Certification,
    LocalEntity,
    ServiceCentres,
    LaunchMarketing,
    Adoption,
    ReplacementYears,
    SegmentShare,
    TargetShare,
    ExchangeRate,
}

const PERCENTAGE: &str = "a percentage from 0 to 100";
const NON_NEGATIVE: &str = "0 or more";

const fn usd(label: &'static str) -> FieldMeta {
    FieldMeta {
        label,
        unit: Unit::Usd,
        range: Range::NON_NEGATIVE,
        step: Some(1.0),
        expected: NON_NEGATIVE,
    }
}

const fn percent(label: &'static str, of: &'static str) -> FieldMeta {
    FieldMeta {
        label,
        unit: Unit::Percent(of),
        range: Range::PERCENT,
        step: Some(0.1),
        expected: PERCENTAGE,
    }
}

/// Which SKU and currency the form edits: a price it writes is that SKU's, in that currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub sku: usize,
    pub sku_name: String,
    pub currency: String,
}

impl AssumptionField {
    /// The fields the form shows for a market priced in `currency`: the exchange rate only
    /// where that is not US dollars.
    pub fn for_market(market: &MarketAssumptions, currency: &str) -> Vec<AssumptionField> {
        use AssumptionField::*;
        let mut out = vec![RetailPrice, Vat];
        for c in 0..market.channels.len() {
            out.extend([ChannelShare(c), ChannelMargin(c)]);
        }
        out.extend([
            PaymentFee,
            Bom,
            Assembly,
            Packaging,
            Freight,
            Insurance,
            Duty,
            Warranty,
            Repair,
            Service,
            Marketing,
            FxHedge,
            Certification,
            LocalEntity,
            ServiceCentres,
            LaunchMarketing,
            Adoption,
            ReplacementYears,
            SegmentShare,
            TargetShare,
        ]);
        if currency != "USD" {
            out.push(ExchangeRate);
        }
        out
    }

    pub const fn meta(self) -> FieldMeta {
        use AssumptionField::*;
        match self {
            RetailPrice => FieldMeta {
                label: "Retail price (this SKU)",
                unit: Unit::Local,
                range: Range::ABOVE_ZERO,
                step: Some(1.0),
                expected: "a price above 0",
            },
            Vat => percent("VAT/GST", "%"),
            ChannelShare(_) => percent("{}: share of units", "%"),
            ChannelMargin(_) => percent("{}: margin", "% of net price"),
            PaymentFee => percent("Payment fees", "% of revenue"),
            Bom => usd("Bill of materials (this SKU, all markets)"),
            Assembly => usd("Assembly (this SKU, all markets)"),
            Packaging => usd("Packaging (this SKU, all markets)"),
            Freight => usd("Freight per unit"),
            Insurance => percent("Insurance", "% of ex-works + freight"),
            Duty => FieldMeta {
                range: Range::up_to(300.0),
                expected: "a duty from 0 to 300%",
                ..percent("Import duty", "% of CIF")
            },
            Warranty => percent("Warranty returns", "% of units"),
            Repair => usd("Repair cost per return"),
            Service => usd("Service per unit"),
            Marketing => usd("Marketing per unit"),
            FxHedge => percent("FX hedging", "% of revenue"),
            Certification => usd("Certification (fixed)"),
            LocalEntity => usd("Local entity (fixed)"),
            ServiceCentres => usd("Service centres (fixed)"),
            LaunchMarketing => usd("Launch marketing (fixed)"),
            Adoption => percent("Smartphone adoption", "% of people"),
            ReplacementYears => FieldMeta {
                label: "Years between phones",
                unit: Unit::Years,
                range: Range::ABOVE_ZERO,
                step: Some(0.5),
                expected: "years above 0",
            },
            SegmentShare => percent("Price segment's share", "% of phones"),
            TargetShare => percent("Target share of segment", "%"),
            ExchangeRate => FieldMeta {
                label: "Exchange rate (US$ per {})",
                unit: Unit::Usd,
                range: Range::ABOVE_ZERO,
                step: None,
                expected: "a rate above 0 (US$ per unit)",
            },
        }
    }

    /// A stable name for the field, unique among a market's: the form's test ids end in it.
    pub fn id(self) -> String {
        use AssumptionField::*;
        match self {
            ChannelShare(c) => format!("channel-{c}-share"),
            ChannelMargin(c) => format!("channel-{c}-margin"),
            other => other.plain_id().to_owned(),
        }
    }

    fn plain_id(self) -> &'static str {
        use AssumptionField::*;
        match self {
            RetailPrice => "price",
            Vat => "vat",
            ChannelShare(_) => "channel-share",
            ChannelMargin(_) => "channel-margin",
            PaymentFee => "payment",
            Bom => "bom",
            Assembly => "assembly",
            Packaging => "packaging",
            Freight => "freight",
            Insurance => "insurance",
            Duty => "duty",
            Warranty => "warranty",
            Repair => "repair",
            Service => "service",
            Marketing => "marketing",
            FxHedge => "hedge",
            Certification => "certification",
            LocalEntity => "entity",
            ServiceCentres => "centres",
            LaunchMarketing => "launch",
            Adoption => "adoption",
            ReplacementYears => "replacement",
            SegmentShare => "segment",
            TargetShare => "share",
            ExchangeRate => "fx",
        }
    }

    pub fn scope(self) -> Scope {
        use AssumptionField::*;
        match self {
            Bom | Assembly | Packaging => Scope::Product,
            ExchangeRate => Scope::Fx,
            _ => Scope::Market,
        }
    }

    /// The field's dotted path in the assumptions file, from its scope: a market's
    /// (`fixed.certification_usd`), a product's (`bom_usd`) or the FX table's (`usd_per`, a
    /// currency's rate below it). The headline SKU's price; another SKU's is under
    /// `sku_prices`.
    pub fn path(self) -> String {
        use AssumptionField::*;
        let path = match self {
            ChannelShare(c) => return format!("channels[{c}].share_pct"),
            ChannelMargin(c) => return format!("channels[{c}].margin_pct"),
            RetailPrice => "retail_price.amount",
            Vat => "vat_pct",
            PaymentFee => "payment_fee_pct",
            Bom => "bom_usd",
            Assembly => "assembly_usd",
            Packaging => "packaging_usd",
            Freight => "freight_usd",
            Insurance => "insurance_pct",
            Duty => "duty_pct",
            Warranty => "warranty_rate_pct",
            Repair => "repair_cost_usd",
            Service => "service_cost_usd",
            Marketing => "marketing_usd",
            FxHedge => "fx_hedge_pct",
            Certification => "fixed.certification_usd",
            LocalEntity => "fixed.local_entity_usd",
            ServiceCentres => "fixed.service_centres_usd",
            LaunchMarketing => "fixed.launch_marketing_usd",
            Adoption => "volume.smartphone_adoption_pct",
            ReplacementYears => "volume.replacement_years",
            SegmentShare => "volume.price_segment_share_pct",
            TargetShare => "volume.target_share_pct",
            ExchangeRate => "usd_per",
        };
        path.to_owned()
    }

    /// The value a market's assumptions hold for a field of the market's scope; None for
    /// other scopes, a VAT or duty left to the dataset, and a channel the market lacks.
    pub fn market_value(self, m: &MarketAssumptions) -> Option<f64> {
        use AssumptionField::*;
        Some(match self {
            RetailPrice => m.retail_price.amount,
            Vat => return m.vat_pct,
            Duty => return m.duty_pct,
            ChannelShare(c) => m.channels.get(c)?.share_pct,
            ChannelMargin(c) => m.channels.get(c)?.margin_pct,
            PaymentFee => m.payment_fee_pct,
            Freight => m.freight_usd,
            Insurance => m.insurance_pct,
            Warranty => m.warranty_rate_pct,
            Repair => m.repair_cost_usd,
            Service => m.service_cost_usd,
            Marketing => m.marketing_usd,
            FxHedge => m.fx_hedge_pct,
            Certification => m.fixed.certification_usd,
            LocalEntity => m.fixed.local_entity_usd,
            ServiceCentres => m.fixed.service_centres_usd,
            LaunchMarketing => m.fixed.launch_marketing_usd,
            Adoption => m.volume.smartphone_adoption_pct,
            ReplacementYears => m.volume.replacement_years,
            SegmentShare => m.volume.price_segment_share_pct,
            TargetShare => m.volume.target_share_pct,
            Bom | Assembly | Packaging | ExchangeRate => return None,
        })
    }

    /// The value a product holds for a field of the product's scope.
    pub fn product_value(self, p: &Product) -> Option<f64> {
        match self {
            AssumptionField::Bom => Some(p.bom_usd),
            AssumptionField::Assembly => Some(p.assembly_usd),
            AssumptionField::Packaging => Some(p.packaging_usd),
            _ => None,
        }
    }

    /// The value the form shows: as resolved for the market (VAT and duty from the dataset
    /// unless set; the SKU's own price, in the market's currency at `usd_per_unit`).
    pub fn read(self, inputs: &Inputs, usd_per_unit: f64) -> f64 {
        use AssumptionField::*;
        match self {
            RetailPrice => inputs.retail_usd / usd_per_unit,
            Vat => inputs.vat_pct,
            Duty => inputs.duty_pct,
            ExchangeRate => usd_per_unit,
            Bom | Assembly | Packaging => self.product_value(&inputs.product).unwrap_or(0.0),
            _ => self.market_value(&inputs.market).unwrap_or(0.0),
        }
    }

    /// Writes `value` as the form does: into the market's assumptions `m`, or for a field of
    /// the product or FX scope, into `a` (every market's).
    pub fn write(
        self,
        a: &mut Assumptions,
        m: &mut MarketAssumptions,
        editing: &Editing,
        value: f64,
    ) {
        use AssumptionField::*;
        match self {
            // The headline SKU's price is the market's; another SKU's is its own in the market.
            RetailPrice if editing.sku == 0 => m.retail_price.amount = value,
            RetailPrice => {
                m.sku_prices.insert(
                    editing.sku_name.clone(),
                    Price {
                        amount: value,
                        currency: editing.currency.clone(),
                    },
                );
            }
            Vat => m.vat_pct = Some(value),
            Duty => m.duty_pct = Some(value),
            ChannelShare(c) => {
                if let Some(x) = m.channels.get_mut(c) {
                    x.share_pct = value
                }
            }
            ChannelMargin(c) => {
                if let Some(x) = m.channels.get_mut(c) {
                    x.margin_pct = value
                }
            }
            Bom | Assembly | Packaging => {
                if let Some(p) = a.products.get_mut(editing.sku) {
                    *match self {
                        Bom => &mut p.bom_usd,
                        Assembly => &mut p.assembly_usd,
                        _ => &mut p.packaging_usd,
                    } = value;
                }
            }
            ExchangeRate => {
                a.fx.usd_per.insert(editing.currency.clone(), value);
            }
            PaymentFee => m.payment_fee_pct = value,
            Freight => m.freight_usd = value,
            Insurance => m.insurance_pct = value,
            Warranty => m.warranty_rate_pct = value,
            Repair => m.repair_cost_usd = value,
            Service => m.service_cost_usd = value,
            Marketing => m.marketing_usd = value,
            FxHedge => m.fx_hedge_pct = value,
            Certification => m.fixed.certification_usd = value,
            LocalEntity => m.fixed.local_entity_usd = value,
            ServiceCentres => m.fixed.service_centres_usd = value,
            LaunchMarketing => m.fixed.launch_marketing_usd = value,
            Adoption => m.volume.smartphone_adoption_pct = value,
            ReplacementYears => m.volume.replacement_years = value,
            SegmentShare => m.volume.price_segment_share_pct = value,
            TargetShare => m.volume.target_share_pct = value,
        }
    }

    /// Text typed into the form as the field's value, or why it is not one.
    pub fn parse(self, text: &str) -> Result<f64, FieldError> {
        let value: f64 = text.trim().parse().map_err(|_| FieldError::NotANumber)?;
        self.meta()
            .range
            .check(value)
            .map_err(FieldError::OutOfRange)
    }

    /// The problem validation reports for `value` at `path` (the field's full dotted path),
    /// or None when the value is in range.
    pub fn problem(self, file: &str, path: &str, value: f64) -> Option<Problem> {
        let meta = self.meta();
        if meta.range.contains(value) {
            return None;
        }
        let found = if meta.percent() {
            phrase!("{}%", value)
        } else {
            phrase!("{}", value)
        };
        // A template kept in the field's constant metadata; the app's tests read every
        // field's to check it has a translation.
        let expected = Phrase::new(meta.expected, Vec::new());
        Some(Problem::error(file, None, Some(path), found, expected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::economics::Channel;
    use proptest::prelude::*;

    /// Two SKUs, one market priced in its own currency: enough for every scope and both
    /// ways of pricing a SKU.
    fn assumptions() -> Assumptions {
        let text = r#"{"format":"beachhead-assumptions","version":1,
        "products":[{"name":"P","bom_usd":100,"mix_pct":60},{"name":"Pro","bom_usd":150,"price_ratio":1.5,"mix_pct":40}],
        "fx":{"date":"2024-12-31","status":"illustrative","usd_per":{"HKD":0.1287}},
        "defaults":{"retail_price":{"amount":249,"currency":"USD"},"price_includes_vat":true,"freight_usd":4,"insurance_pct":0.5,
          "channels":[{"name":"Online","share_pct":60,"margin_pct":5},{"name":"Retail","share_pct":40,"margin_pct":18}],
          "payment_fee_pct":2,"warranty_rate_pct":3,"repair_cost_usd":40,"service_cost_usd":3,"marketing_usd":8,"fx_hedge_pct":1,
          "fixed":{"certification_usd":50000},
          "volume":{"smartphone_adoption_pct":75,"replacement_years":2.5,"price_segment_share_pct":30,"target_share_pct":3}},
        "markets":{"HKG":{"retail_price":{"amount":1999,"currency":"HKD"},"vat_pct":0,"duty_pct":0}}}"#;
        match Assumptions::from_json("test", text) {
            Ok(a) => a,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn editing(a: &Assumptions, sku: usize) -> Editing {
        Editing {
            sku,
            sku_name: a.products[sku].name.clone(),
            currency: "HKD".into(),
        }
    }

    /// The form's table before the fields moved here: (id, min_exclusive, max).
    const FORM_BEFORE: [(&str, bool, Option<f64>); 29] = [
        ("price", true, None),
        ("vat", false, Some(100.0)),
        ("channel-0-share", false, Some(100.0)),
        ("channel-0-margin", false, Some(100.0)),
        ("channel-1-share", false, Some(100.0)),
        ("channel-1-margin", false, Some(100.0)),
        ("payment", false, Some(100.0)),
        ("bom", false, None),
        ("assembly", false, None),
        ("packaging", false, None),
        ("freight", false, None),
        ("insurance", false, Some(100.0)),
        ("duty", false, Some(300.0)),
        ("warranty", false, Some(100.0)),
        ("repair", false, None),
        ("service", false, None),
        ("marketing", false, None),
        ("hedge", false, Some(100.0)),
        ("certification", false, None),
        ("entity", false, None),
        ("centres", false, None),
        ("launch", false, None),
        ("adoption", false, Some(100.0)),
        ("replacement", true, None),
        ("segment", false, Some(100.0)),
        ("share", false, Some(100.0)),
        ("fx", true, None),
        ("", false, None),
        ("", false, None),
    ];

    /// The form's check before the fields moved here, verbatim but for its messages.
    fn parse_before(min_exclusive: bool, max: Option<f64>, text: &str) -> Result<f64, &str> {
        let value: f64 = text.trim().parse().map_err(|_| "not a number")?;
        if !value.is_finite() || value < 0.0 || (min_exclusive && value == 0.0) {
            return Err(if min_exclusive {
                "must be above 0"
            } else {
                "must be 0 or more"
            });
        }
        if let Some(max) = max {
            if value > max {
                return Err("at most");
            }
        }
        Ok(value)
    }

    fn market_fields() -> Vec<AssumptionField> {
        let a = assumptions();
        let m = a.for_market("HKG").unwrap_or_else(|e| panic!("{e}"));
        AssumptionField::for_market(&m, "HKD")
    }

    #[test]
    fn the_form_has_the_fields_it_had_in_the_same_order() {
        let ids: Vec<String> = market_fields().iter().map(|f| f.id()).collect();
        let before: Vec<&str> = FORM_BEFORE
            .iter()
            .map(|r| r.0)
            .filter(|id| !id.is_empty())
            .collect();
        assert_eq!(ids, before);
        let a = assumptions();
        let in_usd = AssumptionField::for_market(&a.defaults, "USD");
        assert_eq!(in_usd.last(), Some(&AssumptionField::TargetShare));
    }

    #[test]
    fn paths_lead_to_the_values_they_name() {
        let a = assumptions();
        let defaults = serde_json::to_value(&a.defaults).unwrap_or_default();
        for f in AssumptionField::for_market(&a.defaults, "HKD") {
            if f.scope() != Scope::Market {
                continue;
            }
            let pointer = format!("/{}", f.path().replace(['.', '['], "/").replace(']', ""));
            let in_json = defaults
                .pointer(&pointer)
                .and_then(serde_json::Value::as_f64);
            assert_eq!(in_json, f.market_value(&a.defaults), "{}", f.path());
        }
    }

    #[test]
    fn a_value_written_is_the_value_read() {
        let mut a = assumptions();
        let mut m = a.for_market("HKG").unwrap_or_else(|e| panic!("{e}"));
        let editing = editing(&a, 0);
        for (i, f) in AssumptionField::for_market(&m.clone(), "HKD")
            .into_iter()
            .enumerate()
        {
            let value = 1.0 + i as f64;
            f.write(&mut a, &mut m, &editing, value);
            let usd_per_unit = a.usd_per_unit("HKD");
            let inputs = Inputs {
                product: a.products[0].clone(),
                retail_usd: m.retail_price.amount * usd_per_unit,
                vat_pct: m.vat_pct.unwrap_or_default(),
                duty_pct: m.duty_pct.unwrap_or_default(),
                population: None,
                market: m.clone(),
            };
            let read = f.read(&inputs, usd_per_unit);
            assert!(
                (read - value).abs() < 1e-9,
                "{}: {read} for {value}",
                f.id()
            );
        }
    }

    #[test]
    fn another_skus_price_is_its_own_in_the_market() {
        let mut a = assumptions();
        let mut m = a.for_market("HKG").unwrap_or_else(|e| panic!("{e}"));
        let pro = editing(&a, 1);
        AssumptionField::RetailPrice.write(&mut a, &mut m, &pro, 2999.0);
        assert_eq!(m.retail_price.amount, 1999.0);
        assert_eq!(
            m.sku_prices.get("Pro"),
            Some(&Price {
                amount: 2999.0,
                currency: "HKD".into()
            })
        );
        assert!(a.check_market("HKG", &m).is_empty());
    }

    #[test]
    fn a_field_out_of_range_is_named_as_validation_always_named_it() {
        let mut a = assumptions();
        a.defaults.channels.push(Channel {
            name: "Carriers".into(),
            share_pct: 120.0,
            margin_pct: -1.0,
        });
        a.defaults.volume.replacement_years = 0.0;
        a.defaults.duty_pct = Some(301.0);
        a.products[1].bom_usd = -2.0;
        a.fx.usd_per.insert("EUR".into(), 0.0);
        let shown: Vec<String> = a
            .problems("f")
            .iter()
            .filter(|p| p.file == "f" && !p.column.as_deref().unwrap_or("").starts_with("markets"))
            .map(|p| {
                format!(
                    "{}: {} / {}",
                    p.column.as_deref().unwrap_or(""),
                    p.found,
                    p.expected
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "products[1].bom_usd: -2 / 0 or more",
                "fx.usd_per.EUR: 0 / a rate above 0 (US$ per unit)",
                "defaults.duty_pct: 301% / a duty from 0 to 300%",
                "defaults.volume.replacement_years: 0 / years above 0",
                "defaults.channels[2].share_pct: 120% / a percentage from 0 to 100",
                "defaults.channels[2].margin_pct: -1% / a percentage from 0 to 100",
                "defaults.channels: shares summing to 220% / shares summing to 100%",
            ]
        );
    }

    /// Any number, often at or near a range's ends.
    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            -2.0f64..400.0,
            prop::sample::select(vec![
                0.0,
                -0.0,
                100.0,
                300.0,
                100.000_000_000_01,
                300.000_000_000_1,
                f64::MIN_POSITIVE,
                -f64::MIN_POSITIVE,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::MAX,
            ]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// A value the form takes is one validation accepts, and a value the form refuses is
        /// one validation names, at the field's own path.
        #[test]
        fn the_form_takes_what_validation_accepts(
            field in prop::sample::select(market_fields()),
            value in value(),
            sku in 0usize..2,
        ) {
            let mut a = assumptions();
            let mut m = a.for_market("HKG").unwrap_or_else(|e| panic!("{e}"));
            let editing = editing(&a, sku);
            let taken = field.parse(&value.to_string()).is_ok();
            field.write(&mut a, &mut m, &editing, value);
            let (problems, path) = match field.scope() {
                Scope::Market => {
                    let path = if field == AssumptionField::RetailPrice && sku > 0 {
                        format!("sku_prices.{}.amount", editing.sku_name)
                    } else {
                        field.path()
                    };
                    (a.check_market("HKG", &m), format!("markets.HKG.{path}"))
                }
                Scope::Product => (a.problems("f"), format!("products[{sku}].{}", field.path())),
                Scope::Fx => (a.problems("f"), format!("fx.{}.HKD", field.path())),
            };
            let named = problems.iter().any(|p| p.column.as_deref() == Some(path.as_str()));
            prop_assert_eq!(taken, !named, "{} = {}: {:?}", field.id(), value, problems);
        }

        /// The form takes and refuses what it did before its ranges moved here.
        #[test]
        fn the_form_checks_as_it_did(
            row in 0usize..27,
            value in value(),
            junk in prop::sample::select(vec!["", " ", "1,5", "abc", "1e400", "-1e400", " 7 "]),
            use_junk: bool,
        ) {
            let fields = market_fields();
            let (id, min_exclusive, max) = FORM_BEFORE[row];
            let field = fields[row];
            prop_assert_eq!(field.id(), id);
            let text = if use_junk { junk.to_owned() } else { value.to_string() };
            let before = parse_before(min_exclusive, max, &text);
            let now = field.parse(&text);
            prop_assert_eq!(before.ok().map(f64::to_bits), now.ok().map(f64::to_bits), "{} {:?}", id, text);
            match (before, now) {
                (Err("not a number"), e) => prop_assert_eq!(e, Err(FieldError::NotANumber)),
                (Err("at most"), e) => prop_assert_eq!(e, Err(FieldError::OutOfRange(OutOfRange::High { max: max.unwrap_or_default() }))),
                (Err(_), e) => prop_assert_eq!(e, Err(FieldError::OutOfRange(OutOfRange::Low { min: 0.0, exclusive: min_exclusive }))),
                (Ok(_), _) => {}
            }
        }
    }

    #[test]
    fn metadata_is_consistent() {
        for f in market_fields() {
            let meta = f.meta();
            assert_eq!(meta.percent(), meta.range.max.is_some(), "{}", f.id());
            assert!(meta.step.is_none_or(|s| s > 0.0));
            assert!(!meta.label.is_empty() && !meta.expected.is_empty());
        }
    }
}
