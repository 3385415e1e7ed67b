//! Test-market tracking data (docs/test-market-format.md): weekly sell-through, inventory,
//! demand signals and service KPIs; flash sales; monthly competitor shares. Read from three
//! CSV files, matched to the dataset's markets and validated like every other input.

use crate::dataset::Dataset;
use crate::market_match::MarketMatcher;
use crate::problem::{LoadError, Problem, Problems};
use crate::table::{read_table, Table};
use std::collections::HashMap;

/// A column: its name, whether it may be empty, and its valid range.
struct Column {
    name: &'static str,
    optional: bool,
    min: f64,
    max: f64,
}

const fn column(name: &'static str, min: f64, max: f64) -> Column {
    Column {
        name,
        optional: false,
        min,
        max,
    }
}

const COUNT: f64 = 1e12;

pub const WEEKLY_COLUMNS: [&str; 14] = [
    "plan_units",
    "units_online",
    "units_platforms",
    "units_carriers",
    "units_retail",
    "inventory_on_hand",
    "inventory_in_transit",
    "stockout_days",
    "forum_posts",
    "reseller_listings",
    "service_tickets",
    "repair_turnaround_days",
    "return_rate_pct",
    "rating",
];

fn weekly_columns() -> Vec<Column> {
    let mut out: Vec<Column> = WEEKLY_COLUMNS[..7]
        .iter()
        .map(|n| column(n, 0.0, COUNT))
        .collect();
    out.push(column("stockout_days", 0.0, 7.0));
    out.extend(WEEKLY_COLUMNS[8..11].iter().map(|n| column(n, 0.0, COUNT)));
    out.push(column("repair_turnaround_days", 0.0, 365.0));
    out.push(column("return_rate_pct", 0.0, 100.0));
    out.push(column("rating", 0.0, 5.0));
    out
}

fn flash_columns() -> Vec<Column> {
    vec![
        column("units_offered", 0.0, COUNT),
        column("units_sold", 0.0, COUNT),
        Column {
            optional: true,
            ..column("seconds_to_sell_out", 0.0, 86_400.0 * 7.0)
        },
        column("registrations", 0.0, COUNT),
    ]
}

pub const VENDORS: [&str; 6] = [
    "samsung_pct",
    "apple_pct",
    "htc_pct",
    "lenovo_pct",
    "ours_pct",
    "others_pct",
];

/// One row: the market (index into the dataset), its date as written, and its values in the
/// order of the file kind's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The row in its file, for messages.
    pub line: usize,
    pub market: usize,
    pub date: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TestMarkets {
    pub weekly: Vec<Record>,
    pub flash_sales: Vec<Record>,
    pub competitor_shares: Vec<Record>,
}

impl TestMarkets {
    /// Markets with weekly data, in the order they first appear.
    pub fn markets(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for r in &self.weekly {
            if !out.contains(&r.market) {
                out.push(r.market);
            }
        }
        out
    }
}

/// `YYYY-MM-DD` (or `YYYY-MM` when `month_only`) with a real month and day.
fn valid_date(text: &str, month_only: bool) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, digits: usize| {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match (parts.as_slice(), month_only) {
        ([y, m], true) => {
            number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
        }
        ([y, m, d], false) => match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => {
                let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                let days = [
                    31,
                    if leap { 29 } else { 28 },
                    31,
                    30,
                    31,
                    30,
                    31,
                    31,
                    30,
                    31,
                    30,
                    31,
                ];
                (1..=days[m as usize - 1]).contains(&d)
            }
            _ => false,
        },
        _ => false,
    }
}

fn parse_records(
    table: &Table,
    date_column: &str,
    month_only: bool,
    columns: &[Column],
    matcher: &MarketMatcher,
    problems: &mut Problems,
) -> Vec<Record> {
    let file = table.file.as_str();
    let mut missing = Vec::new();
    let market_col = table.column("market");
    let date_col = table.column(date_column);
    let value_cols: Vec<Option<usize>> = columns.iter().map(|c| table.column(c.name)).collect();
    for (name, col) in [("market", market_col), (date_column, date_col)]
        .into_iter()
        .chain(
            columns
                .iter()
                .map(|c| c.name)
                .zip(value_cols.iter().copied()),
        )
    {
        if col.is_none() {
            missing.push(name);
        }
    }
    if !missing.is_empty() {
        for name in missing {
            problems.push(Problem::error(
                file,
                Some(1),
                Some(name),
                "no such column",
                format!("a column named \"{name}\""),
            ));
        }
        return Vec::new();
    }
    let (Some(market_col), Some(date_col)) = (market_col, date_col) else {
        return Vec::new();
    };
    let mut records: Vec<Record> = Vec::with_capacity(table.rows.len());
    // (market, date) → the row it was first on: a million-row file must not be searched per row.
    let mut first_row: HashMap<(usize, String), usize> = HashMap::with_capacity(table.rows.len());
    for row in &table.rows {
        let market_text = &row.cells[market_col];
        let Some(market) = matcher.find(market_text) else {
            problems.push(Problem::warning(
                file,
                Some(row.line),
                Some("market"),
                format!("\"{market_text}\", which matches no market (the row was skipped)"),
                "an ISO 3166-1 code or a country name",
            ));
            continue;
        };
        let date = row.cells[date_col].trim().to_owned();
        if !valid_date(&date, month_only) {
            let expected = if month_only {
                "a month as YYYY-MM, such as 2014-03"
            } else {
                "a date as YYYY-MM-DD, such as 2014-03-10"
            };
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some(date_column),
                format!("\"{date}\""),
                expected,
            ));
            continue;
        }
        if let Some(first) = first_row.get(&(market, date.clone())) {
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some(date_column),
                format!("{date} again for this market (first on row {first})"),
                "one row per market and date",
            ));
            continue;
        }
        let mut values = Vec::with_capacity(columns.len());
        for (spec, col) in columns.iter().zip(&value_cols) {
            let text = col.map_or("", |c| row.cells[c].trim());
            if text.is_empty() {
                if !spec.optional {
                    problems.push(Problem::error(
                        file,
                        Some(row.line),
                        Some(spec.name),
                        "an empty cell",
                        "a number",
                    ));
                }
                values.push(None);
                continue;
            }
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= spec.min && v <= spec.max => values.push(Some(v)),
                Ok(v) if v.is_finite() => {
                    problems.push(Problem::error(
                        file,
                        Some(row.line),
                        Some(spec.name),
                        text,
                        format!("a value from {} to {}", spec.min, spec.max),
                    ));
                    values.push(None);
                }
                _ => {
                    problems.push(Problem::error(
                        file,
                        Some(row.line),
                        Some(spec.name),
                        format!("\"{text}\""),
                        "a finite number",
                    ));
                    values.push(None);
                }
            }
        }
        first_row.insert((market, date.clone()), row.line);
        records.push(Record {
            line: row.line,
            market,
            date,
            values,
        });
    }
    records
}

/// Reads the three files (by name and text) against the dataset's markets. Any error blocks
/// the load; warnings (unknown markets) come back beside the data.
pub fn load(
    dataset: &Dataset,
    weekly: (&str, &str),
    flash: (&str, &str),
    shares: (&str, &str),
) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
    load_parts(
        dataset,
        Problems::default(),
        [Some(weekly), Some(flash), Some(shares)],
    )
}

/// The weekly, flash-sale and competitor-share files, each optional; `problems` already
/// found come first in the result.
fn load_parts(
    dataset: &Dataset,
    mut problems: Problems,
    [weekly, flash, shares]: [Option<(&str, &str)>; 3],
) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
    let matcher = MarketMatcher::new(dataset.markets());
    let mut read = |file: Option<(&str, &str)>| {
        let (name, text) = file?;
        match read_table(name, text) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.0.extend(e.problems);
                None
            }
        }
    };
    let (w, f, s) = (read(weekly), read(flash), read(shares));
    let mut data = TestMarkets::default();
    if let Some(t) = w {
        data.weekly = parse_records(
            &t,
            "week",
            false,
            &weekly_columns(),
            &matcher,
            &mut problems,
        );
    }
    if let Some(t) = f {
        data.flash_sales =
            parse_records(&t, "date", false, &flash_columns(), &matcher, &mut problems);
        for record in &data.flash_sales {
            if let (Some(offered), Some(sold)) = (record.values[0], record.values[1]) {
                if sold > offered {
                    problems.push(Problem::error(
                        &t.file,
                        Some(record.line),
                        Some("units_sold"),
                        format!("{sold} sold of {offered} offered"),
                        "no more sold than offered",
                    ));
                }
            }
        }
    }
    if let Some(t) = s {
        let columns: Vec<Column> = VENDORS.iter().map(|n| column(n, 0.0, 100.0)).collect();
        data.competitor_shares =
            parse_records(&t, "month", true, &columns, &matcher, &mut problems);
        for record in &data.competitor_shares {
            let total: f64 = record.values.iter().flatten().sum();
            if (total - 100.0).abs() > 0.5 {
                problems.push(Problem::error(
                    &t.file,
                    Some(record.line),
                    None,
                    format!("shares summing to {total:.1}%"),
                    "shares summing to 100% (±0.5)",
                ));
            }
        }
    }
    problems.finish(data)
}

/// Which of the three files a table is, told by its date column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Weekly,
    FlashSales,
    CompetitorShares,
}

impl FileKind {
    fn of(table: &Table) -> Option<Self> {
        if table.column("week").is_some() {
            Some(FileKind::Weekly)
        } else if table.column("month").is_some() {
            Some(FileKind::CompetitorShares)
        } else if table.column("date").is_some() {
            Some(FileKind::FlashSales)
        } else {
            None
        }
    }
}

/// Reads the user's own files (raw bytes, any order, one to three of them): each is told
/// apart by its date column (`week`, `date` or `month`); kinds not given are left empty. At
/// least one weekly file is needed, since the tracker, KPIs and gates read it.
pub fn load_files(
    dataset: &Dataset,
    files: &[(String, Vec<u8>)],
) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
    let mut problems = Problems::default();
    let mut texts: [Option<(String, String)>; 3] = [None, None, None];
    for (name, bytes) in files {
        let text = match crate::table::check_size(name, bytes.len())
            .and_then(|()| crate::table::decode_text(name, bytes))
        {
            Ok(text) => text,
            Err(e) => {
                problems.0.extend(e.problems);
                continue;
            }
        };
        let table = match read_table(name, &text) {
            Ok(t) => t,
            Err(e) => {
                problems.0.extend(e.problems);
                continue;
            }
        };
        let Some(kind) = FileKind::of(&table) else {
            problems.push(Problem::error(
                name,
                Some(1),
                None,
                "no week, date or month column",
                "a weekly file (week column), a flash-sale file (date) or a competitor-share file (month); see docs/test-market-format.md",
            ));
            continue;
        };
        let slot = &mut texts[kind as usize];
        if let Some((first, _)) = slot {
            problems.push(Problem::error(
                name,
                None,
                None,
                format!("a second {} file (the first is {first})", kind.noun()),
                "one file of each kind",
            ));
            continue;
        }
        *slot = Some((name.clone(), text));
    }
    if texts[FileKind::Weekly as usize].is_none() && !problems.has_errors() {
        problems.push(Problem::error(
            files.first().map_or("your files", |(n, _)| n.as_str()),
            None,
            None,
            "no weekly file",
            "a weekly file with market, week, plan_units … columns",
        ));
    }
    if problems.has_errors() {
        return Err(LoadError {
            problems: problems.0,
        });
    }
    let part = |kind: FileKind| {
        texts[kind as usize]
            .as_ref()
            .map(|(name, text)| (name.as_str(), text.as_str()))
    };
    load_parts(
        dataset,
        problems,
        [
            part(FileKind::Weekly),
            part(FileKind::FlashSales),
            part(FileKind::CompetitorShares),
        ],
    )
}

impl FileKind {
    fn noun(self) -> &'static str {
        match self {
            FileKind::Weekly => "weekly",
            FileKind::FlashSales => "flash-sale",
            FileKind::CompetitorShares => "competitor-share",
        }
    }
}
