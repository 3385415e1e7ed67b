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
fn the_illustrative_layers_count_only_when_asked_for() {
    let columns = |args: &[&str]| -> Vec<String> {
        let out = beachhead(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        // The community pillar's score on the first row: empty when it weighs nothing.
        let first = text.lines().nth(1).unwrap().to_owned();
        first.split(',').map(str::to_owned).collect()
    };
    let off = columns(&["score", "--top", "1"]);
    let on = columns(&["score", "--top", "1", "--illustrative"]);
    assert_eq!(off[10], "", "community weighs nothing by default: {off:?}");
    assert_ne!(on[10], "", "community counts with --illustrative: {on:?}");
    assert_ne!(off[2], on[2], "the score changes");
}

#[test]
fn validate_checks_user_files_and_fails_only_on_errors() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/fixtures/user");
    let bad = beachhead(&["validate", &format!("{fixtures}/percent-over-100.csv")]);
    assert!(!bad.status.success());
    assert_eq!(
        String::from_utf8(bad.stderr).unwrap().trim(),
        "error: percent-over-100.csv, row 2, column \"internet_pct\": found 104.5; expected a value from 0 to 100 (% of population)\n1 error: nothing was loaded"
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
            .ends_with("ok: 1 value for 1 market, 0 indicators defined, 1 warning"),
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

/// Each subcommand and the flags its help must name: all it takes.
const SUBCOMMANDS: [(&str, &[&str]); 5] = [
    ("validate", &["--data", "FILE"]),
    (
        "score",
        &[
            "--data",
            "--base",
            "--dictionary",
            "--model",
            "--format",
            "--top",
        ],
    ),
    (
        "sensitivity",
        &[
            "--data",
            "--base",
            "--dictionary",
            "--model",
            "--draws",
            "--seed",
            "--kappa",
            "--top-k",
            "--vary-methods",
            "--format",
            "--top",
        ],
    ),
    (
        "economics",
        &[
            "--data",
            "--base",
            "--dictionary",
            "--assumptions",
            "--format",
            "--top",
        ],
    ),
    (
        "synthetic",
        &["--out", "--markets", "--indicators", "--rows", "--seed"],
    ),
];

#[test]
fn every_subcommand_has_its_own_help() {
    let top = beachhead(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    let text = String::from_utf8(top.stdout).unwrap();
    for (sub, _) in SUBCOMMANDS {
        assert!(text.contains(sub), "beachhead --help lacks {sub}:\n{text}");
    }
    for (sub, flags) in SUBCOMMANDS {
        for help in [&[sub, "--help"][..], &[sub, "-h"], &["help", sub]] {
            let out = beachhead(help);
            let text = String::from_utf8(out.stdout).unwrap();
            assert_eq!(out.status.code(), Some(0), "{help:?}: {text}");
            for flag in flags {
                assert!(text.contains(flag), "{help:?} lacks {flag}:\n{text}");
            }
        }
    }
}

#[test]
fn a_flag_a_subcommand_does_not_take_is_a_usage_error_naming_it() {
    for (sub, _) in SUBCOMMANDS {
        let out = beachhead(&[sub, "--no-such-flag"]);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{sub}: {err}");
        assert!(err.contains("'--no-such-flag'"), "{sub}: {err}");
        assert!(out.stdout.is_empty(), "{sub}");
    }
    // Flags of another subcommand, which every subcommand once took and ignored.
    for args in [
        &["score", "--draws", "5"][..],
        &["score", "--assumptions", "a.json"],
        &["economics", "--model", "m.json"],
        &["validate", "--format", "json"],
        &["synthetic", "--out", "x", "--data", "public/data"],
    ] {
        let out = beachhead(args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("'{}'", args[args.len() - 2])),
            "{args:?}: {err}"
        );
    }
    let stray = beachhead(&["score", "my-values.csv"]);
    assert_eq!(stray.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&stray.stderr).contains("'my-values.csv'"));
    let none = beachhead(&[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("Usage"));
}

#[test]
fn a_bad_value_is_a_usage_error_naming_the_flag_and_the_value() {
    for args in [
        &["score", "--format", "xml"][..],
        &["score", "--top", "many"],
        &["sensitivity", "--draws", "0"],
        &["sensitivity", "--kappa", "-1"],
        &["sensitivity", "--top-k", "0"],
        &["score", "--top", "-1"],
        &["synthetic", "--out", "x", "--seed", "-7"],
        &["synthetic", "--out", "x", "--markets", "677"],
        &["synthetic", "--out", "x", "--indicators", "0"],
    ] {
        let out = beachhead(args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let (flag, value) = (args[args.len() - 2], args[args.len() - 1]);
        assert!(err.contains(flag) && err.contains(value), "{args:?}: {err}");
    }
    let missing = beachhead(&["score", "--top"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--top"));
    let no_out = beachhead(&["synthetic"]);
    assert_eq!(no_out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_out.stderr).contains("--out"));
}

#[test]
fn problems_are_counted_in_the_right_grammar() {
    let dir = std::env::temp_dir().join(format!("beachhead-grammar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let two = dir.join("two-errors.csv");
    std::fs::write(&two, "iso3,internet_pct\nHKG,104.5\nJPN,-3\n").unwrap();
    let out = beachhead(&["validate", two.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.trim_end().ends_with("\n2 errors: nothing was loaded"),
        "{err}"
    );
    let good = dir.join("two-values.csv");
    std::fs::write(&good, "iso3,internet_pct\nHKG,90\nJPN,80\n").unwrap();
    let out = beachhead(&["validate", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "ok: 2 values for 2 markets, 0 indicators defined, 0 warnings"
    );
    let synthetic = dir.join("one-market");
    let out = beachhead(&[
        "synthetic",
        "--out",
        synthetic.to_str().unwrap(),
        "--markets",
        "1",
        "--indicators",
        "1",
        "--rows",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = beachhead(&["validate", "--data", synthetic.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "ok: 1 market, 1 indicator"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_values_file_is_scored_with_the_bundled_model_by_default() {
    let dir = std::env::temp_dir().join(format!("beachhead-default-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("values.csv");
    std::fs::write(&data, "iso3,internet_pct\nHKG,90\n").unwrap();
    let out = beachhead(&["score", "--data", data.to_str().unwrap(), "--top", "1"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn json_keeps_the_columns_in_their_csv_order() {
    let csv = String::from_utf8(beachhead(&["score", "--top", "1"]).stdout).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let json =
        String::from_utf8(beachhead(&["score", "--top", "1", "--format", "json"]).stdout).unwrap();
    let keys: Vec<&str> = json
        .lines()
        .filter_map(|line| line.trim().strip_prefix('"')?.split('"').next())
        .collect();
    assert_eq!(keys, header);
}

#[test]
fn a_reader_that_stops_early_is_no_failure() {
    // `beachhead score --format json | head -1`: the pipe closes before the output is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_beachhead"))
        .args(["score", "--format", "json"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
