#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use std::process::Command;

fn beachhead(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_beachhead"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("runs")
}

#[test]
fn score_prints_the_bundled_ranking_as_csv() {
    let out = beachhead(&["score", "--top", "3"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "id,name,score,rank,coverage,demand,digital,channels,cost,competition,community,service"
    );
    assert_eq!(lines.len(), 4);
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(first[3], "1", "{}", lines[1]);
}

#[test]
fn validate_checks_user_files_and_fails_only_on_errors() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/fixtures/user");
    let bad = beachhead(&["validate", &format!("{fixtures}/percent-over-100.csv")]);
    assert!(!bad.status.success());
    assert_eq!(
        String::from_utf8(bad.stderr).unwrap().trim(),
        "error: percent-over-100.csv, row 2, column \"internet_pct\": found 104.5; expected a value from 0 to 100 (% of population)\n1 errors: nothing was loaded"
    );
    let warned = beachhead(&["validate", &format!("{fixtures}/unknown-market.csv")]);
    assert!(warned.status.success());
    let out = String::from_utf8(warned.stdout).unwrap();
    assert!(
        out.starts_with("warning: unknown-market.csv, row 2, column \"market\": found \"Narnia\""),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with("ok: 1 values for 1 markets, 0 indicators defined, 1 warnings"),
        "{out}"
    );
    assert!(beachhead(&["validate"]).status.success());
}

#[test]
fn sensitivity_is_reproducible_with_a_seed() {
    let args = [
        "sensitivity",
        "--draws",
        "200",
        "--seed",
        "5",
        "--top",
        "5",
        "--format",
        "json",
    ];
    let a = beachhead(&args);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, beachhead(&args).stdout);
    let rows: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let first = &rows[0];
    assert_eq!(first["rank"], 1);
    for key in ["median_rank", "rank_p05", "rank_p95", "p_top_10"] {
        assert!(first.get(key).is_some(), "{key} missing: {first}");
    }
}
