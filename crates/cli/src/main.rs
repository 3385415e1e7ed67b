//! `beachhead`: the engine on the command line, to validate data and score markets the same
//! way the app does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use beachhead_engine::uncertainty::{monte_carlo, Settings};
use beachhead_engine::{parse_user_files, readiness, Dataset, IndexModel, Problem};

const USAGE: &str = "usage:
  beachhead validate [--data DIR] [FILE...]
      check DIR/indicators.csv and DIR/markets.csv, then each FILE (your own dictionary or values,
      CSV or JSON, see docs/data-format.md) against them; every problem is printed with file,
      row and column, and the exit code is 1 when any is an error (warnings do not fail)
  beachhead score [--data DIR] [--model MODEL] [--format csv|json] [--top N]
      rank markets: id (ISO3), name, score, rank, coverage and each pillar's score
  beachhead sensitivity [--data DIR] [--model MODEL] [--draws N] [--seed S] [--kappa K]
                        [--top-k K] [--vary-methods] [--format csv|json] [--top N]
      Monte Carlo over the weights (Dirichlet, concentration K, default 50): each market's rank,
      median rank, 5-95% rank interval and probability of ranking in the top K (default 10)
  beachhead economics [--data DIR] [--assumptions FILE] [--format csv|json] [--top N]
      unit economics per market (docs/economics.md): price, net price, contribution per unit
      and %, fixed costs, break-even units, annual units, payback months; FILE defaults to
      DIR/economics/assumptions.json

  beachhead synthetic --out DIR [--markets N] [--indicators N] [--rows N] [--seed S]
      seeded synthetic data at benchmark scale (default 250 markets, 40 indicators, a
      1,110,000-row, 100 MB weekly sell-through file): DIR/indicators.csv, DIR/markets.csv,
      DIR/model.json and DIR/weekly.csv, in the formats the app and this command read

--data takes a directory in the bundled format (indicators.csv, markets.csv; default public/data)
or one values file (CSV or JSON, docs/data-format.md): its markets are matched against the bundled
ones (--base DIR), and numeric columns the dictionary lacks become indicators (higher is better)
unless --dictionary FILE defines them. MODEL defaults to the bundled Beachhead readiness model
(format: docs/index-model.md).";

#[derive(Debug, PartialEq)]
enum Format {
    Csv,
    Json,
}

#[derive(Debug, PartialEq)]
struct Options {
    data: PathBuf,
    model: Option<PathBuf>,
    dictionary: Option<PathBuf>,
    assumptions: Option<PathBuf>,
    base: PathBuf,
    format: Format,
    top: Option<usize>,
    files: Vec<PathBuf>,
    draws: usize,
    seed: u64,
    kappa: f64,
    top_k: usize,
    vary_methods: bool,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        data: PathBuf::from("public/data"),
        format: Format::Csv,
        top: None,
        files: Vec::new(),
        model: None,
        dictionary: None,
        assumptions: None,
        base: PathBuf::from("public/data"),
        draws: 1000,
        seed: 2013,
        kappa: 50.0,
        top_k: 10,
        vary_methods: false,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => options.data = PathBuf::from(value()?),
            "--model" => options.model = Some(PathBuf::from(value()?)),
            "--dictionary" => options.dictionary = Some(PathBuf::from(value()?)),
            "--assumptions" => options.assumptions = Some(PathBuf::from(value()?)),
            "--base" => options.base = PathBuf::from(value()?),
            "--draws" => options.draws = number(flag, value()?)?,
            "--seed" => options.seed = number(flag, value()?)?,
            "--kappa" => options.kappa = number(flag, value()?)?,
            "--top-k" => options.top_k = number(flag, value()?)?,
            "--vary-methods" => options.vary_methods = true,
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

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} takes a number, not \"{text}\""))
}

fn load_model(options: &Options) -> Result<IndexModel, String> {
    let path = options
        .model
        .clone()
        .unwrap_or_else(|| options.data.join("models").join("beachhead-readiness.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    IndexModel::from_json(&name, &text).map_err(|e| e.to_string())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The data to score: a bundled-format directory, or one values file on the bundled markets.
fn load_data(options: &Options) -> Result<Dataset, String> {
    if options.data.is_dir() {
        return load(&options.data);
    }
    let base = load(&options.base)?;
    let dictionary = match &options.dictionary {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let table = beachhead_engine::table::read_table(&file_name(path), &text)
                .map_err(|e| e.to_string())?;
            beachhead_engine::dictionary::parse_dictionary_table(&table)
                .map_err(|e| e.to_string())?
                .0
        }
        None => Vec::new(),
    };
    let bytes =
        std::fs::read(&options.data).map_err(|e| format!("{}: {e}", options.data.display()))?;
    let (user, warnings) = beachhead_engine::user_data::parse_values_inferring(
        &base,
        &dictionary,
        &file_name(&options.data),
        &bytes,
    )
    .map_err(|e| e.to_string())?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    Ok(base.with_user_data(&user, beachhead_engine::MergeMode::Replace))
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

fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

/// Writes rows as CSV (header from the first row's keys) or JSON.
fn write_rows(
    format: &Format,
    rows: &[serde_json::Map<String, serde_json::Value>],
) -> Result<(), String> {
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(rows).map_err(|e| e.to_string())?;
            println!("{text}");
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(std::io::stdout());
            if let Some(first) = rows.first() {
                writer
                    .write_record(first.keys())
                    .map_err(|e| e.to_string())?;
            }
            for row in rows {
                let cells: Vec<String> = row
                    .values()
                    .map(|v| match v {
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                writer.write_record(&cells).map_err(|e| e.to_string())?;
            }
            writer.flush().map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn score(options: &Options) -> Result<(), String> {
    let dataset = load_data(options)?;
    let model = load_model(options)?;
    let unknown = model.unknown_indicators(&dataset);
    if !unknown.is_empty() {
        eprintln!(
            "warning: the model's indicators {} are not in the data",
            unknown.join(", ")
        );
    }
    let ranking = readiness::score(&dataset, &model);
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = ranking
        .scores
        .iter()
        .take(options.top.unwrap_or(usize::MAX))
        .map(|s| {
            let market = &dataset.markets()[s.market];
            let mut row = serde_json::Map::new();
            row.insert("id".into(), market.iso3.clone().into());
            row.insert("name".into(), market.name.clone().into());
            row.insert("score".into(), round(s.score, 3).into());
            row.insert("rank".into(), s.rank.into());
            row.insert("coverage".into(), round(s.coverage, 3).into());
            for (pillar, value) in ranking.pillar_ids.iter().zip(&s.pillar_scores) {
                row.insert(pillar.clone(), value.map(|v| round(v, 3)).into());
            }
            row
        })
        .collect();
    write_rows(&options.format, &rows)
}

fn sensitivity(options: &Options) -> Result<(), String> {
    let dataset = load_data(options)?;
    let model = load_model(options)?;
    let settings = Settings {
        draws: options.draws,
        seed: options.seed,
        concentration: options.kappa,
        vary_normalisation: options.vary_methods,
        vary_aggregation: options.vary_methods,
        top_k: options.top_k,
    };
    let result = monte_carlo(&dataset, &model, &settings, &mut |_| true);
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = result
        .intervals
        .iter()
        .take(options.top.unwrap_or(usize::MAX))
        .map(|i| {
            let market = &dataset.markets()[i.market];
            let mut row = serde_json::Map::new();
            row.insert("id".into(), market.iso3.clone().into());
            row.insert("name".into(), market.name.clone().into());
            row.insert("rank".into(), i.rank.into());
            row.insert("median_rank".into(), i.median.into());
            row.insert("rank_p05".into(), i.p05.into());
            row.insert("rank_p95".into(), i.p95.into());
            row.insert(
                format!("p_top_{}", result.top_k),
                round(i.p_top_k, 4).into(),
            );
            row
        })
        .collect();
    write_rows(&options.format, &rows)
}

fn economics(options: &Options) -> Result<(), String> {
    use beachhead_engine::economics::{market_economics, Assumptions};
    let dataset = load_data(options)?;
    let bundled = if options.data.is_dir() {
        &options.data
    } else {
        &options.base
    };
    let path = options
        .assumptions
        .clone()
        .unwrap_or_else(|| bundled.join("economics").join("assumptions.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let assumptions =
        Assumptions::from_json(&file_name(&path), &text).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for (m, market) in dataset.markets().iter().enumerate() {
        let e = match market_economics(&assumptions, &dataset, m) {
            Ok(economics) => economics.blended,
            Err(why) => {
                eprintln!("skipped: {why}");
                continue;
            }
        };
        let mut row = serde_json::Map::new();
        row.insert("id".into(), market.iso3.clone().into());
        row.insert("name".into(), market.name.clone().into());
        row.insert("retail_usd".into(), round(e.retail_usd, 2).into());
        row.insert("net_usd".into(), round(e.net_usd, 2).into());
        row.insert(
            "contribution_usd".into(),
            round(e.contribution_usd, 2).into(),
        );
        row.insert(
            "contribution_pct".into(),
            round(e.contribution_pct, 2).into(),
        );
        row.insert("fixed_usd".into(), round(e.fixed_usd, 0).into());
        row.insert(
            "break_even_units".into(),
            e.break_even_units.map(|u| u.ceil()).into(),
        );
        row.insert("annual_units".into(), round(e.annual_units, 0).into());
        row.insert(
            "payback_months".into(),
            e.payback_months.map(|p| round(p, 1)).into(),
        );
        rows.push(row);
    }
    rows.sort_by(|a, b| {
        let pct = |r: &serde_json::Map<String, serde_json::Value>| {
            r["contribution_pct"].as_f64().unwrap_or(f64::MIN)
        };
        pct(b).total_cmp(&pct(a))
    });
    rows.truncate(options.top.unwrap_or(usize::MAX));
    write_rows(&options.format, &rows)
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

/// Writes the synthetic benchmark data (`beachhead synthetic`).
fn synthetic(args: &[String]) -> Result<(), String> {
    let (mut out, mut markets, mut indicators, mut rows, mut seed) =
        (None, 250usize, 40usize, 1_110_000usize, 7u64);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value)),
            "--markets" => markets = number(flag, value)?,
            "--indicators" => indicators = number(flag, value)?,
            "--rows" => rows = number(flag, value)?,
            "--seed" => seed = number(flag, value)?,
            other => return Err(format!("unknown option \"{other}\"")),
        }
    }
    let out = out.ok_or("synthetic needs --out DIR")?;
    if !(1..=676).contains(&markets) || indicators == 0 {
        return Err("--markets takes 1 to 676 and --indicators at least 1".into());
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let files = beachhead_engine::synthetic::bundle(markets, indicators, seed);
    let dataset = Dataset::from_csv(
        "indicators.csv",
        &files.dictionary_csv,
        "markets.csv",
        &files.markets_csv,
    )
    .map_err(|e| format!("{e:?}"))?;
    let codes: Vec<&str> = dataset.markets().iter().map(|m| m.iso3.as_str()).collect();
    let weekly = beachhead_engine::synthetic::weekly_csv(&codes, rows, seed);
    for (name, text) in [
        ("indicators.csv", files.dictionary_csv.as_str()),
        ("markets.csv", files.markets_csv.as_str()),
        ("model.json", files.model_json.as_str()),
        ("weekly.csv", weekly.as_str()),
    ] {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("{} ({} bytes)", path.display(), text.len());
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("score") => parse_options(&args[1..]).and_then(|o| score(&o)),
        Some("validate") => parse_options(&args[1..]).and_then(|o| validate(&o)),
        Some("sensitivity") => parse_options(&args[1..]).and_then(|o| sensitivity(&o)),
        Some("economics") => parse_options(&args[1..]).and_then(|o| economics(&o)),
        Some("synthetic") => synthetic(&args[1..]),
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
                ..parse_options(&[]).unwrap()
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
