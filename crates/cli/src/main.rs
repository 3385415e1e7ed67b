//! `beachhead`: the engine on the command line, to validate data and score markets the same
//! way the app does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use beachhead_engine::{parse_user_files, readiness, Dataset, Problem, ReadinessModel};

const USAGE: &str = "usage:
  beachhead validate [--data DIR] [FILE...]
      check DIR/indicators.csv and DIR/markets.csv, then each FILE (your own dictionary or values,
      CSV or JSON, see docs/data-format.md) against them; every problem is printed with file,
      row and column, and the exit code is 1 when any is an error (warnings do not fail)
  beachhead score [--data DIR] [--format csv|json] [--top N]
      rank markets with the starter readiness model: iso3, name, score (0-100), rank, coverage

DIR defaults to public/data (the bundled dataset).";

#[derive(Debug, PartialEq)]
enum Format {
    Csv,
    Json,
}

#[derive(Debug, PartialEq)]
struct Options {
    data: PathBuf,
    format: Format,
    top: Option<usize>,
    files: Vec<PathBuf>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        data: PathBuf::from("public/data"),
        format: Format::Csv,
        top: None,
        files: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => options.data = PathBuf::from(value()?),
            "--format" => {
                options.format = match value()?.as_str() {
                    "csv" => Format::Csv,
                    "json" => Format::Json,
                    other => return Err(format!("--format takes csv or json, not \"{other}\"")),
                }
            }
            "--top" => {
                let v = value()?;
                options.top = Some(
                    v.parse()
                        .map_err(|_| format!("--top takes a whole number, not \"{v}\""))?,
                );
            }
            other if other.starts_with("--") => return Err(format!("unknown option \"{other}\"")),
            file => options.files.push(PathBuf::from(file)),
        }
    }
    Ok(options)
}

fn load(dir: &Path) -> Result<Dataset, String> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let (dictionary, markets) = (read("indicators.csv")?, read("markets.csv")?);
    Dataset::from_csv("indicators.csv", &dictionary, "markets.csv", &markets)
        .map_err(|e| e.to_string())
}

#[derive(serde::Serialize)]
struct ScoreRow<'a> {
    iso3: &'a str,
    name: &'a str,
    score: f64,
    rank: usize,
    coverage: f64,
}

fn score(options: &Options) -> Result<(), String> {
    let dataset = load(&options.data)?;
    let ranking = readiness::score(&dataset, &ReadinessModel::starter());
    let rows: Vec<ScoreRow> = ranking
        .scores
        .iter()
        .take(options.top.unwrap_or(usize::MAX))
        .map(|s| {
            let market = &dataset.markets()[s.market];
            ScoreRow {
                iso3: &market.iso3,
                name: &market.name,
                score: (s.score * 100.0).round() / 100.0,
                rank: s.rank,
                coverage: (s.coverage * 1000.0).round() / 1000.0,
            }
        })
        .collect();
    match options.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
            println!("{text}");
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(std::io::stdout());
            for row in &rows {
                writer.serialize(row).map_err(|e| e.to_string())?;
            }
            writer.flush().map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn validate(options: &Options) -> Result<(), String> {
    let dataset = load(&options.data)?;
    if options.files.is_empty() {
        println!(
            "ok: {} markets, {} indicators",
            dataset.markets().len(),
            dataset.indicators().len()
        );
        return Ok(());
    }
    let mut files = Vec::new();
    for path in &options.files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        files.push((name, bytes));
    }
    let describe = |p: &Problem| {
        let kind = if p.is_error() { "error" } else { "warning" };
        format!("{kind}: {p}")
    };
    match parse_user_files(&dataset, &files) {
        Ok((user, warnings)) => {
            for w in &warnings {
                println!("{}", describe(w));
            }
            println!(
                "ok: {} values for {} markets, {} indicators defined, {} warnings",
                user.values.len(),
                user.market_count(),
                user.indicators.len(),
                warnings.len()
            );
            Ok(())
        }
        Err(e) => {
            let lines: Vec<String> = e.problems.iter().map(describe).collect();
            Err(format!(
                "{}\n{} errors: nothing was loaded",
                lines.join("\n"),
                e.errors().count()
            ))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("score") => parse_options(&args[1..]).and_then(|o| score(&o)),
        Some("validate") => parse_options(&args[1..]).and_then(|o| validate(&o)),
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_and_bad_ones_are_explained() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_options(&args(&["--data", "x", "--format", "json", "--top", "5"])),
            Ok(Options {
                data: PathBuf::from("x"),
                format: Format::Json,
                top: Some(5),
                files: Vec::new(),
            })
        );
        assert_eq!(
            parse_options(&args(&["--format", "xml"])),
            Err("--format takes csv or json, not \"xml\"".into())
        );
        assert_eq!(
            parse_options(&args(&["--top"])),
            Err("--top needs a value".into())
        );
    }
}
