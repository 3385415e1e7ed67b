#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::economics::{
    margin_tornado, Assumptions, Channel, FixedCosts, Inputs, MarketAssumptions, Price, Product,
    Volume,
};
use beachhead_engine::MarketIndex;
use proptest::prelude::*;

fn inputs() -> Inputs {
    Inputs {
        product: Product {
            name: "Test phone".into(),
            bom_usd: 100.0,
            assembly_usd: 10.0,
            packaging_usd: 0.0,
            price_ratio: 1.0,
            mix_pct: 100.0,
        },
        market: MarketAssumptions {
            retail_price: Price {
                amount: 230.0,
                currency: "USD".into(),
            },
            price_includes_vat: true,
            freight_usd: 5.0,
            insurance_pct: 1.0,
            duty_pct: None,
            vat_pct: None,
            channels: vec![
                Channel {
                    name: "Own online store".into(),
                    share_pct: 50.0,
                    margin_pct: 0.0,
                },
                Channel {
                    name: "Retail".into(),
                    share_pct: 50.0,
                    margin_pct: 20.0,
                },
            ],
            payment_fee_pct: 2.0,
            warranty_rate_pct: 4.0,
            repair_cost_usd: 50.0,
            service_cost_usd: 3.0,
            marketing_usd: 7.0,
            fx_hedge_pct: 1.0,
            fixed: FixedCosts {
                certification_usd: 100_000.0,
                local_entity_usd: 200_000.0,
                service_centres_usd: 300_000.0,
                launch_marketing_usd: 400_000.0,
            },
            volume: Volume {
                smartphone_adoption_pct: 80.0,
                replacement_years: 2.5,
                price_segment_share_pct: 30.0,
                target_share_pct: 5.0,
            },
            sku_prices: Default::default(),
        },
        retail_usd: 230.0,
        vat_pct: 15.0,
        duty_pct: 10.0,
        population: Some(10_000_000.0),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

#[test]
fn the_waterfall_matches_the_hand_computation() {
    // Net 230 / 1.15 = 200; channel 10% = 20; revenue 180; fees 3.6; CIF 110 + 5 + 1.15 =
    // 116.15; duty 11.615; warranty 2; service 3; marketing 7; hedge 1.8 → contribution 34.835.
    let e = inputs().economics();
    let expected = [
        (e.vat_usd, 30.0),
        (e.net_usd, 200.0),
        (e.channel_usd, 20.0),
        (e.revenue_usd, 180.0),
        (e.payment_fees_usd, 3.6),
        (e.cif_usd, 116.15),
        (e.duty_usd, 11.615),
        (e.warranty_usd, 2.0),
        (e.fx_hedge_usd, 1.8),
        (e.contribution_usd, 34.835),
        (e.contribution_pct, 17.4175),
        (e.import_vat_usd, (116.15 + 11.615) * 0.15),
        (e.fixed_usd, 1_000_000.0),
        (e.annual_units, 48_000.0),
        (e.channel_margin_pct().unwrap_or(f64::NAN), 10.0),
    ];
    for (i, (got, want)) in expected.iter().enumerate() {
        assert!(close(*got, *want), "#{i}: {got} vs {want}");
    }
    assert!(close(e.break_even_units.unwrap(), 1_000_000.0 / 34.835));
    assert!(close(
        e.payback_months.unwrap(),
        1_000_000.0 / (34.835 * 4_000.0)
    ));
    // The waterfall's deductions take the retail price down to the contribution.
    let steps = e.waterfall();
    let deducted: f64 = steps.iter().filter(|s| !s.total).map(|s| s.usd).sum();
    let channel_and_vat = e.vat_usd + e.channel_usd;
    assert!(
        close(e.retail_usd + deducted, e.contribution_usd),
        "{} {channel_and_vat}",
        e.retail_usd + deducted
    );
}

#[test]
fn a_price_without_vat_gets_it_added_at_the_till() {
    let mut i = inputs();
    i.market.price_includes_vat = false;
    i.retail_usd = 200.0;
    let e = i.economics();
    assert!(close(e.net_usd, 200.0) && close(e.retail_usd, 230.0));
}

#[test]
fn a_unit_that_loses_money_never_breaks_even() {
    let mut i = inputs();
    i.product.bom_usd = 300.0;
    let e = i.economics();
    assert!(e.contribution_usd < 0.0);
    assert_eq!((e.break_even_units, e.payback_months), (None, None));
}

#[test]
fn goal_seek_reproduces_its_target_within_a_hundredth_of_a_percent() {
    let i = inputs();
    for target in [5.0, 17.4175, 25.0] {
        let price = i.price_for_margin(target).unwrap();
        let got = i.margin_at_price(price);
        assert!(
            ((got - target) / target).abs() < 1e-4,
            "price {price}: {got} vs {target}"
        );
        let bom = i.max_bom_for_margin(target).unwrap();
        let mut at_bom = i.clone();
        at_bom.product.bom_usd = bom;
        let got = at_bom.economics().contribution_pct;
        assert!(
            ((got - target) / target).abs() < 1e-4,
            "bom {bom}: {got} vs {target}"
        );
    }
    // Channel margins, fees and hedging take 13% of the net price: no price reaches 95%.
    assert_eq!(i.price_for_margin(95.0), None);
}

#[test]
fn the_tornado_moves_each_input_and_puts_the_price_first() {
    let swings = margin_tornado(&inputs(), 0.1);
    assert_eq!(swings.len(), 12);
    assert_eq!(swings[0].input, "Retail price");
    let duty = swings.iter().find(|s| s.input == "Import duty").unwrap();
    assert!(
        duty.contribution_low > duty.contribution_high,
        "more duty, less contribution"
    );
}

fn assumptions_text(defaults_patch: &str) -> String {
    format!(
        r#"{{"format":"beachhead-assumptions","version":1,
        "products":[{{"name":"P","bom_usd":100,"mix_pct":60}},{{"name":"Pro","bom_usd":150,"price_ratio":1.5,"mix_pct":40}}],
        "fx":{{"date":"2024-12-31","status":"illustrative","usd_per":{{"HKD":0.1287}}}},
        "defaults":{{"retail_price":{{"amount":249,"currency":"USD"}},"price_includes_vat":true,"freight_usd":4,"insurance_pct":0.5,
          "channels":[{{"name":"Online","share_pct":60,"margin_pct":5}},{{"name":"Retail","share_pct":40,"margin_pct":18}}],
          "payment_fee_pct":2,"warranty_rate_pct":3,"repair_cost_usd":40,"service_cost_usd":3,"marketing_usd":8,"fx_hedge_pct":1,
          "fixed":{{"certification_usd":50000}},
          "volume":{{"smartphone_adoption_pct":75,"replacement_years":2.5,"price_segment_share_pct":30,"target_share_pct":3}}}},
        "markets":{{"HKG":{defaults_patch}}}}}"#
    )
}

#[test]
fn bad_assumptions_are_refused_with_the_field_named() {
    let text = assumptions_text(
        r#"{"retail_price":{"amount":-1999,"currency":"HKX"},"channels":[{"name":"Online","share_pct":70,"margin_pct":120}]}"#,
    );
    let err = Assumptions::from_json("a.json", &text).unwrap_err();
    let messages: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, [
        "a.json, column \"markets.HKG.retail_price.amount\": found -1999; expected a price above 0",
        "a.json, column \"markets.HKG.retail_price.currency\": found \"HKX\"; expected USD or a currency in the FX table (HKD)",
        "a.json, column \"markets.HKG.channels[0].margin_pct\": found 120%; expected a percentage from 0 to 100",
        "a.json, column \"markets.HKG.channels\": found shares summing to 70%; expected shares summing to 100%",
    ]);
    let good = Assumptions::from_json(
        "a.json",
        &assumptions_text(r#"{"retail_price":{"amount":1999,"currency":"HKD"}}"#),
    )
    .unwrap();
    let mut hk = good.for_market("HKG").unwrap();
    assert_eq!(hk.channels.len(), 2, "overrides merge into the defaults");
    let mut edited = good.clone();
    hk.marketing_usd = 12.5;
    edited.set_market("HKG", &hk).unwrap();
    assert_eq!(edited.for_market("HKG").unwrap().marketing_usd, 12.5);
    assert_eq!(
        edited.for_market("TWN").unwrap().marketing_usd,
        8.0,
        "other markets keep the defaults"
    );
    assert!(close(
        good.to_usd(&hk.retail_price).unwrap(),
        1999.0 * 0.1287
    ));
}

#[test]
fn a_market_override_of_the_wrong_kind_names_its_field() {
    let text = assumptions_text(
        r#"{"retail_price":{"amount":1999,"currency":"HKD"},"volume":{"replacement_years":"often"}}"#,
    );
    let err = Assumptions::from_json("a.json", &text).unwrap_err();
    let messages: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, [
        "a.json, column \"markets.HKG.volume.replacement_years\": found invalid type: string \"often\", expected f64; expected a number, as in the defaults",
    ]);
    // A value set inside one that is not an object names the defaults' field it is in.
    let text = assumptions_text(r#"{"freight_usd":{"sea":3}}"#);
    let err = Assumptions::from_json("a.json", &text).unwrap_err();
    assert_eq!(
        err.problems[0].column.as_deref(),
        Some("markets.HKG.freight_usd"),
        "{err}"
    );
}

#[test]
fn a_json_error_is_placed_at_its_line_and_column() {
    let text = assumptions_text("{}");
    let cut = &text[..text.find("\"fixed\"").unwrap()];
    let err = Assumptions::from_json("a.json", cut).unwrap_err();
    let problem = &err.problems[0];
    let line = cut.lines().count();
    let column = cut.lines().last().unwrap().chars().count();
    assert_eq!(
        (problem.row, problem.line_column),
        (Some(line), Some(column))
    );
    assert_eq!(
        problem.to_string(),
        format!("a.json, line {line}, column {column}: found invalid JSON: EOF while parsing a value; expected assumptions in the format of docs/economics.md"),
        "the place once, as a line and column (not an entry)"
    );
}

#[test]
fn the_bundled_assumptions_are_valid() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/economics/assumptions.json"
    );
    Assumptions::from_json("assumptions.json", &std::fs::read_to_string(path).unwrap()).unwrap();
}

proptest! {
    #[test]
    fn higher_duty_never_raises_the_margin(duty in 0.0f64..100.0, more in 0.0f64..100.0, bom in 10.0f64..300.0) {
        let mut low = inputs();
        low.duty_pct = duty;
        low.product.bom_usd = bom;
        let mut high = low.clone();
        high.duty_pct = duty + more;
        prop_assert!(high.economics().contribution_pct <= low.economics().contribution_pct + 1e-12);
    }

    #[test]
    fn break_even_units_times_contribution_is_the_fixed_cost(price in 150.0f64..2000.0, fixed in 0.0f64..1e8) {
        let mut i = inputs();
        i.retail_usd = price;
        i.market.fixed = FixedCosts { certification_usd: fixed, local_entity_usd: 0.0, service_centres_usd: 0.0, launch_marketing_usd: 0.0 };
        let e = i.economics();
        if let Some(units) = e.break_even_units {
            prop_assert!((units * e.contribution_usd - fixed).abs() <= 1e-6 * fixed.max(1.0));
        }
    }
}

#[test]
fn the_price_curve_rises_with_price_and_passes_through_today() {
    let i = inputs();
    let curve = Assumptions::price_curve(&i, 0.6, 1.4, 41);
    assert_eq!(curve.len(), 41);
    assert!(curve.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 > w[0].1));
    let today = curve[20];
    assert!(
        close(today.0, 230.0) && close(today.1, 17.4175),
        "{today:?}"
    );
}

#[test]
fn a_market_can_be_checked_before_its_assumptions_are_applied() {
    let a = Assumptions::from_json("a.json", &assumptions_text("{}")).unwrap();
    let mut hk = a.for_market("HKG").unwrap();
    assert!(a.check_market("HKG", &hk).is_empty());
    hk.channels[0].share_pct = 50.0;
    let problems: Vec<String> = a
        .check_market("HKG", &hk)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems, ["assumptions, column \"markets.HKG.channels\": found shares summing to 90%; expected shares summing to 100%"]);
}

#[test]
fn skus_have_their_own_prices_and_blend_by_unit_mix() {
    use beachhead_engine::economics::market_economics;
    use beachhead_engine::{Dataset, Direction, Indicator, Market, Observation};
    let a = Assumptions::from_json(
        "a.json",
        &assumptions_text(r#"{"retail_price":{"amount":2000,"currency":"HKD"},"sku_prices":{"Pro":{"amount":350,"currency":"USD"}}}"#),
    )
    .unwrap();
    let indicators = ["population", "vat_pct", "import_duty_pct"]
        .map(|id| Indicator::new(id, "", Direction::HigherIsBetter))
        .to_vec();
    let observation = |value| Some(Observation { value, year: None });
    let data = Dataset::new(
        vec![
            Market::new("HKG", "HK", "Hong Kong"),
            Market::new("TWN", "TW", "Taiwan"),
        ],
        indicators,
        vec![
            observation(7.5e6),
            observation(0.0),
            observation(0.0),
            observation(2.3e7),
            observation(5.0),
            observation(0.0),
        ],
    )
    .unwrap();
    // Hong Kong: the headline SKU at HKD 2,000, Pro at its own US$ 350.
    let hk = market_economics(&a, &data, MarketIndex(0)).unwrap();
    assert!(close(hk.skus[0].1.retail_usd, 2000.0 * 0.1287));
    assert!(close(hk.skus[1].1.retail_usd, 350.0));
    // Taiwan (defaults: US$ 249): Pro at 1.5 times the headline price.
    let tw = market_economics(&a, &data, MarketIndex(1)).unwrap();
    assert!(close(tw.skus[1].1.retail_usd, 249.0 * 1.5));
    let blended = 0.6 * hk.skus[0].1.contribution_usd + 0.4 * hk.skus[1].1.contribution_usd;
    assert!(close(hk.blended.contribution_usd, blended));
    assert!(close(
        hk.blended.break_even_units.unwrap() * hk.blended.contribution_usd,
        hk.blended.fixed_usd
    ));

    let bad = Assumptions::from_json(
        "a.json",
        &assumptions_text(r#"{"sku_prices":{"Max":{"amount":1,"currency":"USD"}}}"#),
    )
    .unwrap_err();
    assert_eq!(bad.problems[0].to_string(), "a.json, column \"markets.HKG.sku_prices.Max\": found \"Max\"; expected a SKU of the products (P, Pro)");
}

#[test]
fn a_market_edit_is_stored_as_only_what_differs_from_the_defaults() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/economics/assumptions.json"
    );
    let mut a = Assumptions::from_json("assumptions.json", &std::fs::read_to_string(path).unwrap())
        .unwrap();
    let mut market = a.for_market("KEN").unwrap();
    market.marketing_usd += 1.0;
    a.set_market("KEN", &market).unwrap();
    assert_eq!(
        a.markets["KEN"],
        serde_json::json!({"marketing_usd": market.marketing_usd})
    );
    assert_eq!(a.for_market("KEN").unwrap(), market);
}
