#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::gates::{
    check, default_gates, describe, describe_gap, evaluate, shortfalls, unused_metrics, Decision,
    Evidence, Gate, Metric, Outcome,
};
use beachhead_engine::tracker::Kpis;

fn kpis() -> Kpis {
    Kpis {
        latest_week: "2014-10-20".into(),
        recent_weeks: 13,
        sell_through_pct: 95.0,
        units_recent: 9500.0,
        units_total: 40_000.0,
        stockout_days_recent: 3.0,
        return_rate_pct: 2.0,
        repair_turnaround_days: 5.0,
        rating: 4.3,
        our_share_pct: Some(4.0),
        our_share_change_pp: Some(3.0),
        flash_sellout_pct: Some(100.0),
        flash_median_seconds: Some(40.0),
    }
}

fn desk(score: f64, margin: f64, payback: f64) -> Evidence {
    Evidence {
        readiness_score: Some(score),
        readiness_rank: Some(3),
        contribution_pct: Some(margin),
        payback_months: Some(payback),
        kpis: None,
    }
}

#[test]
fn a_market_passing_every_gate_is_a_go() {
    let evidence = Evidence {
        kpis: Some(kpis()),
        ..desk(70.0, 20.0, 12.0)
    };
    let (results, decision) = evaluate(&default_gates(), &evidence);
    assert!(
        results.iter().all(|r| r.outcome == Outcome::Pass),
        "{results:?}"
    );
    assert_eq!(decision, Decision::Go);
}

#[test]
fn without_a_test_market_a_market_that_passes_the_desk_gates_is_tested_first() {
    let (results, decision) = evaluate(&default_gates(), &desk(70.0, 20.0, 12.0));
    assert_eq!(decision, Decision::TestFirst);
    for r in results {
        let expected = if r.gate.metric.needs_test_market() {
            Outcome::Untested
        } else {
            Outcome::Pass
        };
        assert_eq!(r.outcome, expected, "{:?}", r.gate.metric);
    }
}

#[test]
fn one_failing_gate_is_a_no_go_with_the_gap_to_its_threshold() {
    let evidence = Evidence {
        kpis: Some(Kpis {
            return_rate_pct: 3.8,
            ..kpis()
        }),
        ..desk(50.8, 20.0, 12.0)
    };
    let (results, decision) = evaluate(&default_gates(), &evidence);
    assert_eq!(decision, Decision::NoGo);
    let failed: Vec<_> = results
        .iter()
        .filter(|r| r.outcome == Outcome::Fail)
        .collect();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].gate.metric, Metric::ReadinessScore);
    assert!((failed[0].gap.unwrap() - 4.2).abs() < 1e-9);
    assert_eq!(
        describe_gap(failed[0]).unwrap().english(),
        "needs 4.2 points more"
    );
    assert_eq!(failed[1].gate.metric, Metric::ReturnRatePct);
    assert!((failed[1].gap.unwrap() - 0.8).abs() < 1e-9);
    assert_eq!(
        describe_gap(failed[1]).unwrap().english(),
        "needs 0.8 points less"
    );
}

#[test]
fn a_desk_gate_without_evidence_is_a_no_go() {
    let evidence = Evidence {
        contribution_pct: None,
        payback_months: None,
        ..desk(80.0, 0.0, 0.0)
    };
    let (results, decision) = evaluate(&default_gates(), &evidence);
    assert_eq!(decision, Decision::NoGo);
    // What holds it back: the two desk gates without evidence, not the test-market ones.
    assert_eq!(
        shortfalls(&results),
        [Metric::ContributionPct, Metric::PaybackMonths]
    );
}

#[test]
fn a_new_gate_starts_at_its_default_and_thresholds_stay_in_range() {
    assert_eq!(Metric::ReadinessScore.starting_threshold(), 55.0);
    assert_eq!(Metric::ReadinessRank.starting_threshold(), 10.0);
    assert_eq!(Metric::OurSharePct.starting_threshold(), 3.0);
    for metric in Metric::ALL {
        let (lo, hi) = metric.range();
        let start = metric.starting_threshold();
        assert!((lo..=hi).contains(&start), "{metric:?} starts at {start}");
        assert_eq!(metric.parse_threshold(&format!(" {start} ")), Some(start));
        assert_eq!(metric.parse_threshold(&(hi + 1.0).to_string()), None);
        assert_eq!(metric.parse_threshold("NaN"), None);
        assert_eq!(metric.parse_threshold("twelve"), None);
    }
    let unused = unused_metrics(&default_gates());
    assert!(unused.contains(&Metric::ReadinessRank));
    assert!(!unused.contains(&Metric::ReadinessScore));
    assert_eq!(unused.len() + default_gates().len(), Metric::ALL.len());
}

#[test]
fn thresholds_are_inclusive_and_bounds_follow_the_metric() {
    let at = |metric, threshold, evidence: &Evidence| {
        check(Gate { metric, threshold }, evidence).outcome
    };
    let e = Evidence {
        kpis: Some(kpis()),
        ..desk(55.0, 10.0, 24.0)
    };
    assert_eq!(at(Metric::ReadinessScore, 55.0, &e), Outcome::Pass);
    assert_eq!(at(Metric::PaybackMonths, 24.0, &e), Outcome::Pass);
    assert_eq!(at(Metric::PaybackMonths, 23.9, &e), Outcome::Fail);
    assert_eq!(at(Metric::ReadinessRank, 2.0, &e), Outcome::Fail);
    assert_eq!(at(Metric::ReadinessRank, 3.0, &e), Outcome::Pass);
    assert_eq!(at(Metric::OurSharePct, 5.0, &e), Outcome::Fail);
}

#[test]
fn gates_read_aloud() {
    assert_eq!(
        describe(Gate {
            metric: Metric::ReadinessScore,
            threshold: 55.0
        })
        .english(),
        "Readiness score at least 55 of 100"
    );
    assert_eq!(
        describe(Gate {
            metric: Metric::ReturnRatePct,
            threshold: 2.5
        })
        .english(),
        "Return rate at most 2.5%"
    );
    assert_eq!(
        describe(Gate {
            metric: Metric::ReadinessRank,
            threshold: 10.0
        })
        .english(),
        "Readiness rank at most 10"
    );
    for metric in Metric::ALL {
        assert_eq!(Metric::from_id(metric.id()), Some(metric));
    }
}

#[test]
fn a_payback_that_never_comes_fails_without_a_number() {
    let evidence = desk(70.0, -5.0, f64::INFINITY);
    let result = check(
        Gate {
            metric: Metric::PaybackMonths,
            threshold: 24.0,
        },
        &evidence,
    );
    assert_eq!(result.outcome, Outcome::Fail);
    assert_eq!(result.gap, None);
    assert_eq!(
        beachhead_engine::gates::format_value(Metric::PaybackMonths, f64::INFINITY).english(),
        "never"
    );
    assert_eq!(
        beachhead_engine::gates::format_value(Metric::ContributionPct, 25.24).english(),
        "25.2%"
    );
    assert_eq!(
        beachhead_engine::gates::format_value(Metric::ReadinessRank, 4.0).english(),
        "rank 4"
    );
}

/// The words a gate's unit gives it, for every metric: as the engine wrote them before they
/// were phrases (the unit after the number, "points" for a share or a score).
#[test]
fn every_metric_is_worded_from_its_unit() {
    use beachhead_engine::gates::{format_number, format_value, Bound, GateResult};
    for metric in Metric::ALL {
        let unit = metric.unit();
        let number = format_number(55.0, metric.decimals());
        let value = match unit {
            "" => format!("rank {number}"),
            "%" => format!("{number}%"),
            unit => format!("{number} {unit}"),
        };
        assert_eq!(format_value(metric, 55.0).english(), value, "{metric:?}");

        let bound = match metric.bound() {
            Bound::AtLeast => "at least",
            Bound::AtMost => "at most",
        };
        let gate = match unit {
            "" => format!("{} {bound} {number}", metric.label()),
            "%" => format!("{} {bound} {number}%", metric.label()),
            unit => format!("{} {bound} {number} {unit}", metric.label()),
        };
        let threshold = Gate {
            metric,
            threshold: 55.0,
        };
        assert_eq!(describe(threshold).english(), gate, "{metric:?}");

        let direction = match (metric.bound(), metric) {
            (Bound::AtMost, Metric::ReadinessRank) => "places higher",
            (Bound::AtLeast, _) => "more",
            (Bound::AtMost, _) => "less",
        };
        let gap_unit = match unit {
            "%" | "of 100" | "of 5" => "points ",
            "" => "",
            other => &format!("{other} "),
        };
        let result = GateResult {
            gate: threshold,
            value: Some(0.0),
            outcome: Outcome::Fail,
            gap: Some(2.0),
        };
        assert_eq!(
            describe_gap(&result).unwrap().english(),
            format!("needs 2 {gap_unit}{direction}"),
            "{metric:?}"
        );
    }
}
