//! `beachhead`: the engine on the command line, to validate data and score markets the same
//! way the app does.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use beachhead_engine::uncertainty::{monte_carlo, Settings};
use beachhead_engine::{parse_user_files, readiness, Dataset, IndexModel, MarketIndex, Problem};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

const DATA_HELP: &str = "\
--data takes a directory in the bundled format (indicators.csv, markets.csv; default public/data)
or one values file (CSV or JSON, docs/data-format.md): its markets are matched against the bundled
ones (--base DIR), and numeric columns the dictionary lacks become indicators (higher is better)
unless --dictionary FILE defines them.";

const EXIT_CODES: &str =
    "Exit codes: 0 done, 1 a data or file problem (explained on stderr), 2 a usage error.";

/// Beachhead's engine on the command line: validate data, rank markets, test the ranking's
/// sensitivity and work out unit economics, exactly as the app does.
#[derive(Debug, Parser)]
#[command(name = "beachhead", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the data, then each FILE (your own dictionary or values) against it
    ///
    /// Checks DIR/indicators.csv and DIR/markets.csv, then each FILE (your own dictionary or
    /// values, CSV or JSON, see docs/data-format.md) against them. Every problem is printed with
    /// file, row and column; the exit code is 1 when any is an error (warnings do not fail).
    Validate(ValidateArgs),
    /// Rank markets: id (ISO3), name, score, rank, coverage and each pillar's score
    #[command(after_help = DATA_HELP)]
    Score(ScoreArgs),
    /// Monte Carlo over the weights: each market's rank interval and chance of a top-K place
    ///
    /// Draws every group's weights from a Dirichlet (concentration --kappa) and ranks the markets
    /// once per draw: each market's rank, median rank, 5-95% rank interval and probability of
    /// ranking in the top K (--top-k).
    #[command(after_help = DATA_HELP)]
    Sensitivity(SensitivityArgs),
    /// Unit economics per market: contribution, break-even and payback
    ///
    /// Per market (docs/economics.md): price, net price, contribution per unit and %, fixed
    /// costs, break-even units, annual units and payback months, best contribution first.
    #[command(after_help = DATA_HELP)]
    Economics(EconomicsArgs),
    /// Write seeded synthetic data at benchmark scale
    ///
    /// DIR/indicators.csv, DIR/markets.csv, DIR/model.json and DIR/weekly.csv (by default 250
    /// markets, 40 indicators and a 1,110,000-row, 100 MB weekly sell-through file), in the
    /// formats the app and this command read.
    Synthetic(SyntheticArgs),
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// The bundled-format directory to check, and to check each FILE against
    #[arg(long, value_name = "DIR", default_value = "public/data")]
    data: PathBuf,
    /// Your dictionary or values files (CSV or JSON)
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Where the markets to score come from.
#[derive(Debug, Args)]
struct DataArgs {
    /// A bundled-format directory, or one values file scored on the --base markets
    #[arg(long, value_name = "DIR|FILE", default_value = "public/data")]
    data: PathBuf,
    /// The bundled-format directory a values file's markets are matched against
    #[arg(long, value_name = "DIR", default_value = "public/data")]
    base: PathBuf,
    /// Your dictionary for a values file's columns
    #[arg(long, value_name = "FILE")]
    dictionary: Option<PathBuf>,
}

impl DataArgs {
    /// The bundled-format directory whose models and assumptions apply.
    fn bundled(&self) -> &Path {
        if self.data.is_dir() {
            &self.data
        } else {
            &self.base
        }
    }
}

// Every number flag takes allow_negative_numbers: "--top -1" then says that --top takes no
// "-1", where it would otherwise complain of an unknown argument "-1".
#[derive(Debug, Args)]
struct OutputArgs {
    /// The output format
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Print only the first N rows
    #[arg(long, allow_negative_numbers = true, value_name = "N")]
    top: Option<usize>,
}

#[derive(Debug, Args)]
struct ScoreArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The index model (docs/index-model.md) [default: the bundled data's
    /// models/beachhead-readiness.json]
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Count the illustrative layers (generated numbers) at their designed weights; without it
    /// they weigh nothing, as in the app with its switch off
    #[arg(long)]
    illustrative: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct SensitivityArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The index model (docs/index-model.md) [default: the bundled data's
    /// models/beachhead-readiness.json]
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Count the illustrative layers (generated numbers) at their designed weights; without it
    /// they weigh nothing, as in the app with its switch off
    #[arg(long)]
    illustrative: bool,
    /// How many weight draws
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 1000, value_parser = at_least_one)]
    draws: usize,
    /// The random seed: the same seed gives the same result
    #[arg(
        long,
        allow_negative_numbers = true,
        value_name = "S",
        default_value_t = 2013
    )]
    seed: u64,
    /// The Dirichlet concentration: higher keeps the draws closer to the model's weights
    #[arg(long, allow_negative_numbers = true, value_name = "K", default_value_t = 50.0, value_parser = positive)]
    kappa: f64,
    /// The K in "probability of ranking in the top K"
    #[arg(long, allow_negative_numbers = true, value_name = "K", default_value_t = 10, value_parser = at_least_one)]
    top_k: usize,
    /// Vary the normalisation and aggregation methods too, not only the weights
    #[arg(long)]
    vary_methods: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct EconomicsArgs {
    #[command(flatten)]
    data: DataArgs,
    /// The economics assumptions (docs/economics.md) [default: the bundled data's
    /// economics/assumptions.json]
    #[arg(long, value_name = "FILE")]
    assumptions: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct SyntheticArgs {
    /// The directory to write the files into (created if missing)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// How many markets; at most 676, as their codes are two letters after a Q
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 250,
          value_parser = clap::value_parser!(u16).range(1..=676))]
    markets: u16,
    /// How many indicators
    #[arg(long, allow_negative_numbers = true, value_name = "N", default_value_t = 40, value_parser = at_least_one)]
    indicators: usize,
    /// How many rows in weekly.csv
    #[arg(
        long,
        allow_negative_numbers = true,
        value_name = "N",
        default_value_t = 1_110_000
    )]
    rows: usize,
    /// The random seed: the same seed gives the same files
    #[arg(
        long,
        allow_negative_numbers = true,
        value_name = "S",
        default_value_t = 7
    )]
    seed: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
enum Format {
    Csv,
    Json,
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("takes a whole number, at least 1".into()),
    }
}

fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("takes a number above 0".into()),
    }
}

/// "1 error", "2 errors": every noun this command counts takes a plain -s plural.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Why a command stopped before its end.
#[derive(Debug, PartialEq)]
enum Stop {
    /// A data or file problem, explained on stderr; exit 1.
    Failed(String),
    /// Whoever read the output stopped reading (`beachhead score | head`): not a failure, and
    /// nothing is left to say.
    OutputClosed,
}

impl From<String> for Stop {
    fn from(message: String) -> Self {
        Stop::Failed(message)
    }
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Stop::OutputClosed
        } else {
            Stop::Failed(format!("writing the output: {e}"))
        }
    }
}

impl From<csv::Error> for Stop {
    fn from(e: csv::Error) -> Self {
        let message = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(io) => io.into(),
            _ => Stop::Failed(message),
        }
    }
}

fn load_model(path: Option<&Path>, data: &DataArgs) -> Result<IndexModel, String> {
    let path = path.map_or_else(
        || {
            data.bundled()
                .join("models")
                .join("beachhead-readiness.json")
        },
        Path::to_path_buf,
    );
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    IndexModel::from_json(&file_name(&path), &text).map_err(|e| e.to_string())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The data to score: a bundled-format directory, or one values file on the bundled markets.
fn load_data(options: &DataArgs) -> Result<Dataset, String> {
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
    let dataset = Dataset::from_csv("indicators.csv", &dictionary, "markets.csv", &markets)
        .map_err(|e| e.to_string())?;
    // Each value's own source, where the directory has them (the bundle does; a directory of
    // one's own need not).
    if !dir.join("value_sources.csv").exists() {
        return Ok(dataset);
    }
    let (sources, value_sources) = (read("sources.csv")?, read("value_sources.csv")?);
    dataset
        .with_value_sources("sources.csv", &sources, "value_sources.csv", &value_sources)
        .map_err(|e| e.to_string())
}

fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

/// One cell of output. Unit serializes as JSON null and prints as an empty CSV field.
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
enum Cell {
    Text(String),
    Number(f64),
    Whole(usize),
    Missing,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Cell::Number(x)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Whole(n)
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Self {
        x.map_or(Cell::Missing, Cell::Number)
    }
}

impl Cell {
    fn csv_text(&self) -> Result<String, String> {
        match self {
            Cell::Text(text) => Ok(text.clone()),
            // JSON writes these as null; CSV leaves them empty, as for a missing value.
            Cell::Missing => Ok(String::new()),
            Cell::Number(x) if !x.is_finite() => Ok(String::new()),
            // Numbers as JSON writes them ("3.0", "1e-7"), so the two formats agree.
            number => serde_json::to_string(number).map_err(|e| e.to_string()),
        }
    }
}

/// One output row, its cells in column order. Some columns are only known at run time (a
/// model's pillars, `p_top_K`), so this is not a struct; it serializes as a JSON object whose
/// keys keep this order because serde writes map entries as they are given, which spares
/// switching on serde_json's `preserve_order` (and with it, for the engine too, in a workspace
/// build the app does not ship).
#[derive(Debug, Default, PartialEq)]
struct Row(Vec<(String, Cell)>);

impl Row {
    fn with(mut self, key: impl Into<String>, value: impl Into<Cell>) -> Self {
        self.0.push((key.into(), value.into()));
        self
    }
}

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, cell) in &self.0 {
            map.serialize_entry(key, cell)?;
        }
        map.end()
    }
}

/// Writes rows as CSV (header from the first row's keys) or JSON.
fn write_rows(out: &mut dyn Write, format: Format, rows: &[Row]) -> Result<(), Stop> {
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(rows).map_err(|e| e.to_string())?;
            writeln!(out, "{text}")?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            if let Some(first) = rows.first() {
                writer.write_record(first.0.iter().map(|(key, _)| key))?;
            }
            for row in rows {
                let cells = row
                    .0
                    .iter()
                    .map(|(_, cell)| cell.csv_text())
                    .collect::<Result<Vec<_>, _>>()?;
                writer.write_record(&cells)?;
            }
            writer.flush()?;
        }
    }
    Ok(())
}

fn score(args: &ScoreArgs, out: &mut dyn Write) -> Result<(), Stop> {
    let dataset = load_data(&args.data)?;
    let model = load_model(args.model.as_deref(), &args.data)?
        .with_illustrative(dataset.indicators(), args.illustrative);
    let unknown = model.unknown_indicators(&dataset);
    match unknown.len() {
        0 => {}
        1 => eprintln!(
            "warning: the model's indicator {} is not in the data",
            unknown.join(", ")
        ),
        _ => eprintln!(
            "warning: the model's indicators {} are not in the data",
            unknown.join(", ")
        ),
    }
    let ranking = readiness::score(&dataset, &model);
    let rows: Vec<Row> = ranking
        .scores
        .iter()
        .take(args.output.top.unwrap_or(usize::MAX))
        .map(|s| {
            let market = &dataset[s.market];
            let row = Row::default()
                .with("id", market.iso3.clone())
                .with("name", market.name.clone())
                .with("score", round(s.score, 3))
                .with("rank", s.rank)
                .with("coverage", round(s.coverage, 3));
            ranking
                .pillar_ids
                .iter()
                .zip(&s.pillar_scores)
                .fold(row, |row, (pillar, value)| {
                    row.with(pillar.clone(), value.map(|v| round(v, 3)))
                })
        })
        .collect();
    write_rows(out, args.output.format, &rows)
}

fn sensitivity(args: &SensitivityArgs, out: &mut dyn Write) -> Result<(), Stop> {
    let dataset = load_data(&args.data)?;
    let model = load_model(args.model.as_deref(), &args.data)?
        .with_illustrative(dataset.indicators(), args.illustrative);
    let settings = Settings {
        draws: args.draws,
        seed: args.seed,
        concentration: args.kappa,
        vary_normalisation: args.vary_methods,
        vary_aggregation: args.vary_methods,
        top_k: args.top_k,
    };
    let result = monte_carlo(&dataset, &model, &settings, &mut |_| true);
    let rows: Vec<Row> = result
        .intervals
        .iter()
        .take(args.output.top.unwrap_or(usize::MAX))
        .map(|i| {
            let market = &dataset[i.market];
            Row::default()
                .with("id", market.iso3.clone())
                .with("name", market.name.clone())
                .with("rank", i.rank)
                .with("median_rank", i.median)
                .with("rank_p05", i.p05)
                .with("rank_p95", i.p95)
                .with(format!("p_top_{}", result.top_k), round(i.p_top_k, 4))
        })
        .collect();
    write_rows(out, args.output.format, &rows)
}

fn economics(args: &EconomicsArgs, out: &mut dyn Write) -> Result<(), Stop> {
    use beachhead_engine::economics::{market_economics, Assumptions};
    let dataset = load_data(&args.data)?;
    let path = args.assumptions.clone().unwrap_or_else(|| {
        args.data
            .bundled()
            .join("economics")
            .join("assumptions.json")
    });
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let assumptions =
        Assumptions::from_json(&file_name(&path), &text).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for (m, market) in dataset.markets().iter().enumerate() {
        let e = match market_economics(&assumptions, &dataset, MarketIndex(m)) {
            Ok(economics) => economics.blended,
            Err(why) => {
                eprintln!("skipped: {why}");
                continue;
            }
        };
        let contribution_pct = round(e.contribution_pct, 2);
        let row = Row::default()
            .with("id", market.iso3.clone())
            .with("name", market.name.clone())
            .with("retail_usd", round(e.retail_usd, 2))
            .with("net_usd", round(e.net_usd, 2))
            .with("contribution_usd", round(e.contribution_usd, 2))
            .with("contribution_pct", contribution_pct)
            .with("fixed_usd", round(e.fixed_usd, 0))
            .with("break_even_units", e.break_even_units.map(f64::ceil))
            .with("annual_units", round(e.annual_units, 0))
            .with("payback_months", e.payback_months.map(|p| round(p, 1)));
        // A contribution that is not a number (printed empty) sorts last.
        let key = if contribution_pct.is_finite() {
            contribution_pct
        } else {
            f64::MIN
        };
        rows.push((key, row));
    }
    rows.sort_by(|(a, _), (b, _)| b.total_cmp(a));
    let rows: Vec<Row> = rows
        .into_iter()
        .take(args.output.top.unwrap_or(usize::MAX))
        .map(|(_, row)| row)
        .collect();
    write_rows(out, args.output.format, &rows)
}

fn validate(args: &ValidateArgs, out: &mut dyn Write) -> Result<(), Stop> {
    let dataset = load(&args.data)?;
    if args.files.is_empty() {
        writeln!(
            out,
            "ok: {}, {}",
            count(dataset.markets().len(), "market"),
            count(dataset.indicators().len(), "indicator")
        )?;
        return Ok(());
    }
    let mut files = Vec::new();
    for path in &args.files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((file_name(path), bytes));
    }
    let describe = |p: &Problem| {
        let kind = if p.is_error() { "error" } else { "warning" };
        format!("{kind}: {p}")
    };
    match parse_user_files(&dataset, &files) {
        Ok((user, warnings)) => {
            for w in &warnings {
                writeln!(out, "{}", describe(w))?;
            }
            writeln!(
                out,
                "ok: {} for {}, {} defined, {}",
                count(user.values.len(), "value"),
                count(user.market_count(), "market"),
                count(user.indicators.len(), "indicator"),
                count(warnings.len(), "warning")
            )?;
            Ok(())
        }
        Err(e) => {
            let lines: Vec<String> = e.problems.iter().map(describe).collect();
            Err(Stop::Failed(format!(
                "{}\n{}: nothing was loaded",
                lines.join("\n"),
                count(e.errors().count(), "error")
            )))
        }
    }
}

/// Writes the synthetic benchmark data (`beachhead synthetic`).
fn synthetic(args: &SyntheticArgs, out: &mut dyn Write) -> Result<(), Stop> {
    let dir = &args.out;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let files =
        beachhead_engine::synthetic::bundle(usize::from(args.markets), args.indicators, args.seed);
    let dataset = Dataset::from_csv(
        "indicators.csv",
        &files.dictionary_csv,
        "markets.csv",
        &files.markets_csv,
    )
    .map_err(|e| format!("{e:?}"))?;
    let codes: Vec<&str> = dataset.markets().iter().map(|m| m.iso3.as_str()).collect();
    let weekly = beachhead_engine::synthetic::weekly_csv(&codes, args.rows, args.seed);
    for (name, text) in [
        ("indicators.csv", files.dictionary_csv.as_str()),
        ("markets.csv", files.markets_csv.as_str()),
        ("model.json", files.model_json.as_str()),
        ("weekly.csv", weekly.as_str()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        writeln!(out, "{} ({})", path.display(), count(text.len(), "byte"))?;
    }
    Ok(())
}

fn run(command: &Command, out: &mut dyn Write) -> Result<(), Stop> {
    match command {
        Command::Validate(args) => validate(args, out),
        Command::Score(args) => score(args, out),
        Command::Sensitivity(args) => sensitivity(args, out),
        Command::Economics(args) => economics(args, out),
        Command::Synthetic(args) => synthetic(args, out),
    }
}

fn main() -> ExitCode {
    // Exits by itself on --help and --version (0) and on a usage error (2, with the reason).
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    match run(&cli.command, &mut out).and_then(|()| Ok(out.flush()?)) {
        Ok(()) | Err(Stop::OutputClosed) => ExitCode::SUCCESS,
        Err(Stop::Failed(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("beachhead").chain(args.iter().copied()))
            .map(|cli| cli.command)
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn options_parse_and_bad_ones_are_usage_errors() {
        let Ok(Command::Score(args)) = parse(&["score", "--data", "x", "--format", "json"]) else {
            panic!("score did not parse");
        };
        assert_eq!(args.data.data, PathBuf::from("x"));
        assert_eq!(args.output.format, Format::Json);
        assert_eq!(args.output.top, None);
        for bad in [
            &["score", "--format", "xml"][..],
            &["score", "--top"],
            &["score", "--draws", "5"],
            &["score", "stray.csv"],
            &["sensitivity", "--draws", "0"],
            &["sensitivity", "--kappa", "-1"],
            &["sensitivity", "--kappa", "NaN"],
            &["synthetic", "--out", "x", "--markets", "677"],
            &["synthetic"],
        ] {
            let Err(e) = parse(bad) else {
                panic!("{bad:?} was accepted");
            };
            assert_eq!(e.exit_code(), 2, "{bad:?}: {e}");
        }
    }

    #[test]
    fn counts_are_in_the_right_grammar() {
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(2, "error"), "2 errors");
    }

    #[test]
    fn rows_keep_their_column_order_in_json_and_csv() {
        let row = Row::default()
            .with("zeta", "z".to_string())
            .with("alpha", 1.5)
            .with("mid", 3usize)
            .with("none", None::<f64>)
            .with("whole", 2.0)
            .with("nan", f64::NAN);
        assert_eq!(
            serde_json::to_string(&row).ok().as_deref(),
            Some(r#"{"zeta":"z","alpha":1.5,"mid":3,"none":null,"whole":2.0,"nan":null}"#)
        );
        let mut csv = Vec::new();
        assert_eq!(write_rows(&mut csv, Format::Csv, &[row]), Ok(()));
        assert_eq!(
            String::from_utf8_lossy(&csv),
            "zeta,alpha,mid,none,whole,nan\nz,1.5,3,,2.0,\n"
        );
    }
}
