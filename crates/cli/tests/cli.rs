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
    assert_eq!(lines[0], "iso3,name,score,rank,coverage");
    assert_eq!(lines.len(), 4);
    assert!(lines[1].ends_with(",1,1.0"), "{}", lines[1]);
}

#[test]
fn validate_reports_located_problems_and_fails() {
    let dir = std::env::temp_dir().join(format!("beachhead-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("indicators.csv"),
        "id,label,unit,direction,source,licence\npop,Population,people,higher,WB,CC BY 4.0\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("markets.csv"),
        "iso3,iso2,name,pop\nIND,IN,India,many\n",
    )
    .unwrap();
    let out = beachhead(&["validate", "--data", dir.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim(),
        "markets.csv, row 2, column \"pop\": found \"many\"; expected a finite number in people or an empty cell"
    );
    let ok = beachhead(&["validate"]);
    assert!(ok.status.success());
    std::fs::remove_dir_all(&dir).ok();
}
