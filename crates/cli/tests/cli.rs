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

#[test]
fn a_published_method_runs_from_a_plain_file_hdi_example() {
    // Two countries with made-up component values; the expected HDI is computed here by the
    // UNDP formula, independently of the engine.
    let dir = std::env::temp_dir().join(format!("beachhead-hdi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("hdr.csv");
    std::fs::write(
        &data,
        "iso3,country,hdicode,le_2022,eys_2022,mys_2022,gnipc_2022\n\
         NOR,Norway,Very High,83.0,18.5,13.0,69000\n\
         KEN,Kenya,Medium,62.0,10.5,8.5,4800\n",
    )
    .unwrap();
    let out = beachhead(&[
        "score",
        "--data",
        data.to_str().unwrap(),
        "--model",
        "docs/examples/hdi-model.json",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hdi = |le: f64, eys: f64, mys: f64, gni: f64| {
        let health = ((le - 20.0) / 65.0).min(1.0);
        let education = ((eys / 18.0).min(1.0) + (mys / 15.0).min(1.0)) / 2.0;
        let income = ((gni.ln() - 100f64.ln()) / (75_000f64.ln() - 100f64.ln())).min(1.0);
        (health * education * income).cbrt()
    };
    let expected = [
        ("NOR", hdi(83.0, 18.5, 13.0, 69000.0)),
        ("KEN", hdi(62.0, 10.5, 8.5, 4800.0)),
    ];
    for (row, (id, value)) in rows.as_array().unwrap().iter().zip(expected) {
        assert_eq!(row["id"], id);
        let got = row["score"].as_f64().unwrap();
        assert!((got - value).abs() < 5e-4, "{id}: {got} vs {value}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"hdicode\""));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn economics_lists_markets_by_contribution_with_break_even_and_payback() {
    let out = beachhead(&["economics", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() > 50, "{}", rows.len());
    let pct: Vec<f64> = rows
        .iter()
        .map(|r| r["contribution_pct"].as_f64().unwrap())
        .collect();
    assert!(
        pct.windows(2).all(|w| w[0] >= w[1]),
        "sorted by contribution %"
    );
    let hk = rows.iter().find(|r| r["id"] == "HKG").unwrap();
    // Blended by unit mix: 70% at HKD 2,299 and 30% at 1.4 times that.
    let expected = 2299.0 * 0.1287 * (0.7 + 0.3 * 1.4);
    assert!(
        (hk["retail_usd"].as_f64().unwrap() - expected).abs() < 0.01,
        "{hk}"
    );
    assert!(hk["break_even_units"].as_f64().unwrap() > 0.0);
}
