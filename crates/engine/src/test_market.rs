//! Test-market tracking data (docs/test-market-format.md): weekly sell-through, inventory,
//! demand signals and service KPIs; flash sales; monthly competitor shares. Read from three
//! CSV files, matched to the dataset's markets and validated like every other input.
//!
//! The files are read once, row by row, by an [`Ingest`], which can stop after any number of
//! rows and go on later: a browser reads a 100 MB file a slice at a time between frames,
//! showing how far it has got. Every check is the one [`crate::table::read_table`] makes, at
//! the same rows, with the same messages.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Cursor;

use crate::dataset::Dataset;
use crate::market_match::MarketMatcher;
use crate::problem::{LoadError, Problem, Problems};
use crate::table;

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

fn share_columns() -> Vec<Column> {
    VENDORS.iter().map(|n| column(n, 0.0, 100.0)).collect()
}

/// The most values a record holds: the weekly file's.
pub const MAX_VALUES: usize = WEEKLY_COLUMNS.len();

/// A record's date as its file writes it: `YYYY-MM-DD`, or `YYYY-MM` in the competitor-share
/// file (shown by `Display` as written). Dates of one kind order as time does, as their text
/// does.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    /// 0 for a month.
    day: u8,
}

impl Date {
    /// `YYYY-MM-DD` (or `YYYY-MM` when `month_only`) with a real month and day; nothing else,
    /// not even surrounding spaces.
    pub fn parse(text: &str, month_only: bool) -> Option<Self> {
        Self::from_bytes(text.as_bytes(), month_only)
    }

    fn from_bytes(text: &[u8], month_only: bool) -> Option<Self> {
        let number = |at: usize, digits: usize| -> Option<u32> {
            text.get(at..at + digits)?.iter().try_fold(0, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let dash = |at: usize| text.get(at) == Some(&b'-');
        let (year, month) = (number(0, 4)?, number(5, 2)?);
        if !dash(4) || !(1..=12).contains(&month) {
            return None;
        }
        let day = if month_only {
            (text.len() == 7).then_some(0)?
        } else {
            let day = (text.len() == 10 && dash(7))
                .then(|| number(8, 2))
                .flatten()?;
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
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
            (1..=days[month as usize - 1])
                .contains(&day)
                .then_some(day)?
        };
        // Four digits, two and two: they fit.
        Some(Self {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// None for a month (`YYYY-MM`).
    pub fn day(self) -> Option<u32> {
        (self.day > 0).then_some(u32::from(self.day))
    }

    /// A number per date, in date order.
    fn key(self) -> u32 {
        u32::from(self.year) << 9 | u32::from(self.month) << 5 | u32::from(self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        if self.day > 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

/// One row: the market (index into the dataset), its date, and its values in the order of the
/// file kind's columns. Held in place, without a heap allocation: a million rows are a million
/// records.
#[derive(Clone, Copy)]
pub struct Record {
    /// The row in its file, for messages.
    pub line: usize,
    pub market: usize,
    pub date: Date,
    /// The first `len` are the kind's columns; NaN where the cell was empty or wrong (no valid
    /// value is NaN: non-finite numbers are refused).
    values: [f64; MAX_VALUES],
    len: u8,
}

impl Record {
    /// The value of the kind's `i`th column; None when its cell was empty or wrong, or the
    /// kind has fewer columns.
    pub fn value(&self, i: usize) -> Option<f64> {
        self.values[..usize::from(self.len)]
            .get(i)
            .copied()
            .filter(|v| !v.is_nan())
    }

    /// Every column's value, in the kind's column order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        self.values[..usize::from(self.len)]
            .iter()
            .map(|&v| (!v.is_nan()).then_some(v))
    }
}

impl PartialEq for Record {
    /// Values compare bit for bit, so an empty cell (NaN) equals an empty cell.
    fn eq(&self, other: &Self) -> bool {
        let len = usize::from(self.len);
        (self.line, self.market, self.date, self.len)
            == (other.line, other.market, other.date, other.len)
            && self.values[..len]
                .iter()
                .zip(&other.values[..len])
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("line", &self.line)
            .field("market", &self.market)
            .field("date", &self.date)
            .field("values", &self.values().collect::<Vec<_>>())
            .finish()
    }
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
        let mut seen: Vec<bool> = Vec::new();
        let mut out = Vec::new();
        for r in &self.weekly {
            if r.market >= seen.len() {
                seen.resize(r.market + 1, false);
            }
            if !seen[r.market] {
                seen[r.market] = true;
                out.push(r.market);
            }
        }
        out
    }
}

/// Which of the three files a table is, told by its date column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Weekly,
    FlashSales,
    CompetitorShares,
}

impl FileKind {
    /// `week`, else `month`, else `date`: a file may have more than one of them.
    fn of(header: &[String]) -> Option<Self> {
        let has = |name: &str| table::column_index(header, name).is_some();
        if has("week") {
            Some(FileKind::Weekly)
        } else if has("month") {
            Some(FileKind::CompetitorShares)
        } else if has("date") {
            Some(FileKind::FlashSales)
        } else {
            None
        }
    }

    fn noun(self) -> &'static str {
        match self {
            FileKind::Weekly => "weekly",
            FileKind::FlashSales => "flash-sale",
            FileKind::CompetitorShares => "competitor-share",
        }
    }

    fn date_column(self) -> &'static str {
        match self {
            FileKind::Weekly => "week",
            FileKind::FlashSales => "date",
            FileKind::CompetitorShares => "month",
        }
    }

    fn columns(self) -> Vec<Column> {
        match self {
            FileKind::Weekly => weekly_columns(),
            FileKind::FlashSales => flash_columns(),
            FileKind::CompetitorShares => share_columns(),
        }
    }
}

/// The cell without the whitespace `str::trim` removes (Unicode's, not only ASCII's).
fn trim(cell: &[u8]) -> &[u8] {
    // char::is_whitespace's ASCII: tab, line feed, vertical tab, form feed, return, space.
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let start = cell.iter().position(|b| !space(b)).unwrap_or(cell.len());
    let end = cell
        .iter()
        .rposition(|b| !space(b))
        .map_or(start, |i| i + 1);
    let cell = &cell[start..end];
    match (cell.first(), cell.last()) {
        (Some(&first), Some(&last)) if first >= 0x80 || last >= 0x80 => {
            std::str::from_utf8(cell).map_or(cell, |text| text.trim().as_bytes())
        }
        _ => cell,
    }
}

/// A cell as text: the file was checked to be UTF-8 before its rows were read.
fn text(cell: &[u8]) -> &str {
    std::str::from_utf8(cell).unwrap_or_default()
}

/// `text` as `f64::from_str` reads it (None where it refuses). A plain decimal of at most 15
/// digits is an integer over a power of ten, both exact in an f64, and IEEE division rounds
/// their quotient correctly, as `from_str` rounds: the same value, without the general parser.
/// Anything else (exponents, `inf`, long numbers) goes to `from_str`.
fn parse_number(text: &[u8]) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let general = || std::str::from_utf8(text).ok()?.parse::<f64>().ok();
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let (mut mantissa, mut count, mut point) = (0u64, 0usize, None);
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' if count < 15 => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return general(),
        }
    }
    if count == 0 {
        return general();
    }
    let decimals = point.map_or(0, |i| digits.len() - i - 1);
    let value = mantissa as f64 / POWERS[decimals];
    Some(if negative { -value } else { value })
}

/// FNV-1a: the keys are a few bytes (a market's cell) or a number, and a cheap hash is what
/// counts when every row looks one up.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The dataset's markets, and the market each cell seen so far names: a file names a few
/// hundred markets a million times, and matching normalises the name.
struct MarketCells {
    matcher: MarketMatcher,
    count: usize,
    known: FnvMap<Box<[u8]>, Option<usize>>,
}

impl MarketCells {
    /// Cells remembered at most (a file of made-up names should not fill memory).
    const KNOWN: usize = 1 << 16;

    fn find(&mut self, cell: &[u8]) -> Option<usize> {
        if let Some(&market) = self.known.get(cell) {
            return market;
        }
        let market = self.matcher.find(text(trim(cell)));
        if self.known.len() < Self::KNOWN {
            self.known.insert(cell.into(), market);
        }
        market
    }
}

/// One market's dates so far, each with the row it was first on. Dates mostly come in order,
/// so most are appended to a sorted list; a date before the latest goes to a map.
#[derive(Default, Clone)]
struct Dates {
    in_order: Vec<(u32, u32)>,
    others: FnvMap<u32, u32>,
}

impl Dates {
    fn first_row(&self, key: u32) -> Option<u32> {
        match self.in_order.last() {
            Some(&(last, _)) if key <= last => self
                .in_order
                .binary_search_by_key(&key, |&(k, _)| k)
                .ok()
                .map(|i| self.in_order[i].1)
                .or_else(|| self.others.get(&key).copied()),
            // Later than every date so far (the map only holds earlier ones).
            _ => None,
        }
    }

    fn insert(&mut self, key: u32, row: u32) {
        match self.in_order.last() {
            Some(&(last, _)) if key <= last => {
                self.others.insert(key, row);
            }
            _ => self.in_order.push((key, row)),
        }
    }
}

/// Where a file's columns are: the market, the date and the kind's values.
struct Layout {
    market: usize,
    date: usize,
    columns: Vec<Column>,
    values: Vec<usize>,
}

impl Layout {
    /// None, and a problem per missing column, unless the header has them all.
    fn find(
        file: &str,
        header: &[String],
        kind: FileKind,
        problems: &mut Vec<Problem>,
    ) -> Option<Self> {
        let columns = kind.columns();
        let names = ["market", kind.date_column()]
            .into_iter()
            .chain(columns.iter().map(|c| c.name));
        let mut found = Vec::with_capacity(columns.len() + 2);
        for name in names {
            match table::column_index(header, name) {
                Some(i) => found.push(i),
                None => problems.push(Problem::error(
                    file,
                    Some(1),
                    Some(name),
                    "no such column",
                    format!("a column named \"{name}\""),
                )),
            }
        }
        (found.len() == columns.len() + 2).then(|| Self {
            market: found[0],
            date: found[1],
            values: found[2..].to_vec(),
            columns,
        })
    }
}

/// One kind's data: the file read as that kind, its records, and the problems in them.
struct Part {
    file: String,
    kind: FileKind,
    records: Vec<Record>,
    /// The rows' problems, in row order.
    problems: Vec<Problem>,
    /// The checks across a record's columns (sold against offered, shares summing to 100),
    /// reported after the rows' problems.
    checks: Vec<Problem>,
    /// Per market: the dates so far, for duplicates.
    dates: Vec<Dates>,
}

impl Part {
    fn new(file: &str, kind: FileKind, markets: usize) -> Self {
        Self {
            file: file.to_owned(),
            kind,
            records: Vec::new(),
            problems: Vec::new(),
            checks: Vec::new(),
            dates: vec![Dates::default(); markets],
        }
    }

    /// One data row (of the header's length) against the layout.
    fn read(
        &mut self,
        layout: &Layout,
        row: &csv::ByteRecord,
        line: usize,
        markets: &mut MarketCells,
    ) {
        let file = self.file.as_str();
        let Some(market) = markets.find(&row[layout.market]) else {
            self.problems.push(Problem::warning(
                file,
                Some(line),
                Some("market"),
                format!(
                    "\"{}\", which matches no market (the row was skipped)",
                    text(trim(&row[layout.market]))
                ),
                "an ISO 3166-1 code or a country name",
            ));
            return;
        };
        let date_cell = trim(&row[layout.date]);
        let month_only = self.kind == FileKind::CompetitorShares;
        let date_column = self.kind.date_column();
        let Some(date) = Date::from_bytes(date_cell, month_only) else {
            let expected = if month_only {
                "a month as YYYY-MM, such as 2014-03"
            } else {
                "a date as YYYY-MM-DD, such as 2014-03-10"
            };
            self.problems.push(Problem::error(
                file,
                Some(line),
                Some(date_column),
                format!("\"{}\"", text(date_cell)),
                expected,
            ));
            return;
        };
        let dates = &mut self.dates[market];
        if let Some(first) = dates.first_row(date.key()) {
            self.problems.push(Problem::error(
                file,
                Some(line),
                Some(date_column),
                format!("{date} again for this market (first on row {first})"),
                "one row per market and date",
            ));
            return;
        }
        let mut values = [f64::NAN; MAX_VALUES];
        for ((slot, spec), &col) in values.iter_mut().zip(&layout.columns).zip(&layout.values) {
            let cell = trim(&row[col]);
            if cell.is_empty() {
                if !spec.optional {
                    self.problems.push(Problem::error(
                        file,
                        Some(line),
                        Some(spec.name),
                        "an empty cell",
                        "a number",
                    ));
                }
                continue;
            }
            match parse_number(cell) {
                Some(v) if v.is_finite() && v >= spec.min && v <= spec.max => *slot = v,
                Some(v) if v.is_finite() => self.problems.push(Problem::error(
                    file,
                    Some(line),
                    Some(spec.name),
                    text(cell),
                    format!("a value from {} to {}", spec.min, spec.max),
                )),
                _ => self.problems.push(Problem::error(
                    file,
                    Some(line),
                    Some(spec.name),
                    format!("\"{}\"", text(cell)),
                    format!("a finite number{}", table::separator_hint(text(cell))),
                )),
            }
        }
        // Lines stop far short of u32::MAX in a file of at most MAX_FILE_BYTES.
        dates.insert(date.key(), u32::try_from(line).unwrap_or(u32::MAX));
        let record = Record {
            line,
            market,
            date,
            values,
            len: layout.columns.len() as u8,
        };
        match self.kind {
            FileKind::Weekly => {}
            FileKind::FlashSales => {
                if let (Some(offered), Some(sold)) = (record.value(0), record.value(1)) {
                    if sold > offered {
                        self.checks.push(Problem::error(
                            file,
                            Some(line),
                            Some("units_sold"),
                            format!("{sold} sold of {offered} offered"),
                            "no more sold than offered",
                        ));
                    }
                }
            }
            FileKind::CompetitorShares => {
                let total: f64 = record.values().flatten().sum();
                if (total - 100.0).abs() > 0.5 {
                    self.checks.push(Problem::error(
                        file,
                        Some(line),
                        None,
                        format!("shares summing to {total:.1}%"),
                        "shares summing to 100% (±0.5)",
                    ));
                }
            }
        }
        self.records.push(record);
    }
}

/// A file being read.
struct File<B> {
    name: String,
    len: usize,
    /// Given (by [`load`]) or, once the header is read, told by its date column.
    kind: Option<FileKind>,
    stage: Stage<B>,
}

enum Stage<B> {
    /// The bytes are checked first, as text: UTF-8 (or the line where it breaks), no NUL, not
    /// all blank; `at` is how far.
    Text {
        bytes: B,
        at: usize,
        nul: bool,
        blank: bool,
    },
    /// Then its rows.
    Rows(Box<Rows<B>>),
}

struct Rows<B> {
    reader: csv::Reader<Cursor<B>>,
    /// Where the reader started: after a byte-order mark.
    start: usize,
    row: csv::ByteRecord,
    columns: usize,
    /// Rows read after the header.
    read: usize,
    /// Rows of the header's length, blank ones aside.
    rows: usize,
    /// A problem with the file itself (its header or a row's length): its records are not used.
    errors: bool,
    /// Whether its kind's part is this file's.
    owns: bool,
    /// Where the columns are, when this file's records are read.
    layout: Option<Layout>,
    /// For a header of one column: what it is, and the advice on delimiters
    /// ([`table::one_column`]), should the file turn out to be of no kind.
    one_column: Option<(String, &'static str)>,
}

/// Bytes checked as text per row of a step's budget: checking a byte is over ten times
/// cheaper than reading it in a row, and rows are about a hundred bytes.
const TEXT_BYTES_PER_ROW: usize = 1024;

/// Rows read before the records' room is reserved from the rows' average length.
const ESTIMATE_AFTER: usize = 1024;

/// Reading test-market files a slice at a time: [`Ingest::step`] reads some rows and returns,
/// [`Ingest::progress`] says how far it has got, and [`Ingest::finish`] gives what
/// [`load_files`] gives (which is `new`, `step` to the end and `finish`). Dropping it cancels.
/// `B` is the files' bytes, owned (`Vec<u8>`) or borrowed (`&[u8]`).
pub struct Ingest<B = Vec<u8>> {
    markets: MarketCells,
    /// The rules of the user's own files: kinds told by the header, a second file of a kind,
    /// a weekly file needed, and any problem with a file stops the load before its rows'.
    own_files: bool,
    /// The first file's name, for "no weekly file".
    first_name: Option<String>,
    pending: VecDeque<(String, B, Option<FileKind>)>,
    file: Option<File<B>>,
    /// Bytes of the files done.
    done: usize,
    total: usize,
    /// Problems with the files themselves, in file order.
    front: Vec<Problem>,
    /// By [`FileKind`].
    parts: [Option<Part>; 3],
}

impl<B: AsRef<[u8]>> Ingest<B> {
    /// The user's own files (one to three, any order, each told apart by its date column),
    /// against the dataset's markets. Nothing is read until [`Ingest::step`].
    pub fn new(dataset: &Dataset, files: Vec<(String, B)>) -> Self {
        Self::with_kinds(
            dataset,
            files.into_iter().map(|(n, b)| (n, b, None)).collect(),
            true,
        )
    }

    fn with_kinds(
        dataset: &Dataset,
        files: VecDeque<(String, B, Option<FileKind>)>,
        own_files: bool,
    ) -> Self {
        Self {
            markets: MarketCells {
                matcher: MarketMatcher::new(dataset.markets()),
                count: dataset.markets().len(),
                known: FnvMap::default(),
            },
            own_files,
            first_name: files.front().map(|(n, _, _)| n.clone()),
            total: files.iter().map(|(_, b, _)| b.as_ref().len()).sum(),
            pending: files,
            file: None,
            done: 0,
            front: Vec::new(),
            parts: [None, None, None],
        }
    }

    /// Reads up to `rows` more rows (checking a file's text first counts
    /// [`TEXT_BYTES_PER_ROW`] bytes a row); true when every file is read.
    pub fn step(&mut self, rows: usize) -> bool {
        let mut budget = rows;
        while budget > 0 {
            match &self.file {
                None => match self.pending.pop_front() {
                    Some(file) => self.open(file),
                    None => break,
                },
                Some(File {
                    stage: Stage::Text { .. },
                    ..
                }) => self.check_text(&mut budget),
                Some(File {
                    stage: Stage::Rows(_),
                    ..
                }) => self.read_rows(&mut budget),
            }
        }
        self.finished()
    }

    /// Whether every file is read.
    pub fn finished(&self) -> bool {
        self.file.is_none() && self.pending.is_empty()
    }

    /// (bytes read, bytes in all files), for a progress bar: the bytes of the files done and
    /// of the current file's rows read (not its text check, which is quick). It only grows,
    /// and reaches the total when [`Ingest::step`] returns true.
    pub fn progress(&self) -> (usize, usize) {
        let current = match &self.file {
            Some(File {
                stage: Stage::Rows(rows),
                len,
                ..
            }) => (rows.start + rows.reader.position().byte() as usize).min(*len),
            _ => 0,
        };
        (self.done + current, self.total)
    }

    /// The data and its warnings, or every problem; reads what is left first. As
    /// [`load_files`] (or [`load`]) returns.
    pub fn finish(mut self) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
        while !self.step(usize::MAX) {}
        let mut problems = Problems(std::mem::take(&mut self.front));
        if self.own_files {
            if self.parts[FileKind::Weekly as usize].is_none() && !problems.has_errors() {
                problems.push(Problem::error(
                    self.first_name.as_deref().unwrap_or("your files"),
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
        }
        let mut data = TestMarkets::default();
        for part in self.parts.into_iter().flatten() {
            problems.0.extend(part.problems);
            problems.0.extend(part.checks);
            *match part.kind {
                FileKind::Weekly => &mut data.weekly,
                FileKind::FlashSales => &mut data.flash_sales,
                FileKind::CompetitorShares => &mut data.competitor_shares,
            } = part.records;
        }
        problems.finish(data)
    }

    /// The size, the line breaks, and for the user's own files what the first bytes give
    /// away.
    fn open(&mut self, (name, bytes, kind): (String, B, Option<FileKind>)) {
        let len = bytes.as_ref().len();
        let checked = table::check_size(&name, len).and_then(|()| {
            if self.own_files {
                table::check_encoding(&name, bytes.as_ref())
            } else {
                table::check_line_breaks(&name, bytes.as_ref())
            }
        });
        if let Err(e) = checked {
            self.front.extend(e.problems);
            self.done += len;
            return;
        }
        let at = len - table::strip_bom(bytes.as_ref()).len();
        self.file = Some(File {
            name,
            len,
            kind,
            stage: Stage::Text {
                bytes,
                at,
                nul: false,
                blank: true,
            },
        });
    }

    /// The file is not used: `problem` says why.
    fn refuse(&mut self, problem: Problem) {
        if let Some(file) = self.file.take() {
            self.drop_file(file.len, [problem]);
        }
    }

    /// A file (taken out of `self.file` already) that is not used, and why.
    fn drop_file(&mut self, len: usize, problems: impl IntoIterator<Item = Problem>) {
        self.front.extend(problems);
        self.done += len;
    }

    fn check_text(&mut self, budget: &mut usize) {
        let Some(File {
            name,
            stage:
                Stage::Text {
                    bytes,
                    at,
                    nul,
                    blank,
                },
            ..
        }) = &mut self.file
        else {
            return;
        };
        let all = bytes.as_ref();
        let end = at
            .saturating_add(budget.saturating_mul(TEXT_BYTES_PER_ROW))
            .min(all.len());
        let text = match std::str::from_utf8(&all[*at..end]) {
            Ok(text) => text,
            // A character cut by the slice's end: it is checked whole next time.
            Err(e) if e.error_len().is_none() && end < all.len() => {
                std::str::from_utf8(&all[*at..*at + e.valid_up_to()]).unwrap_or_default()
            }
            Err(e) => {
                let problem = table::utf8_problem(name, all, *at + e.valid_up_to());
                return self.refuse(problem);
            }
        };
        *nul = *nul || text.as_bytes().contains(&0);
        *blank = *blank && text.chars().all(char::is_whitespace);
        *at += text.len();
        *budget = budget.saturating_sub(text.len().div_ceil(TEXT_BYTES_PER_ROW).max(1));
        if *at < all.len() {
            return;
        }
        // The whole text is UTF-8; a NUL anywhere, or nothing but whitespace, refuses it.
        if *nul {
            let problem = table::binary_problem(name);
            self.refuse(problem);
        } else if *blank {
            let problem = table::empty_problem(name);
            self.refuse(problem);
        } else {
            self.read_header(budget);
        }
    }

    /// The delimiter and the header: its checks, the file's kind, and whether this file is
    /// its kind's (the first of the kind whose header and rows are sound).
    fn read_header(&mut self, budget: &mut usize) {
        let Some(File {
            name,
            len,
            kind,
            stage: Stage::Text { bytes, .. },
        }) = self.file.take()
        else {
            return;
        };
        let (start, delimiter) = {
            let body = table::strip_bom(bytes.as_ref());
            (
                bytes.as_ref().len() - body.len(),
                table::sniff_delimiter(body),
            )
        };
        let mut cursor = Cursor::new(bytes);
        cursor.set_position(start as u64);
        let mut reader = table::csv_reader(delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(cursor);
        let mut row = csv::ByteRecord::new();
        *budget = budget.saturating_sub(1);
        match reader.read_byte_record(&mut row) {
            Ok(true) => {}
            Ok(false) => return self.drop_file(len, [table::header_problem(&name, None)]),
            Err(e) => return self.drop_file(len, [table::header_problem(&name, Some(&e))]),
        }
        let header: Vec<String> = row.iter().map(|c| text(c).trim().to_owned()).collect();
        let header_problems = match table::check_header(&name, &header) {
            Ok(problems) => problems,
            Err(e) => return self.drop_file(len, e.problems),
        };
        let errors = !header_problems.is_empty();
        self.front.extend(header_problems);
        let kind = kind.or_else(|| FileKind::of(&header));
        let (mut owns, mut layout) = (false, None);
        if let Some(kind) = kind.filter(|_| !errors) {
            let part = &mut self.parts[kind as usize];
            if part.is_none() {
                let mut new = Part::new(&name, kind, self.markets.count);
                layout = Layout::find(&name, &header, kind, &mut new.problems);
                *part = Some(new);
                owns = true;
            }
        }
        self.file = Some(File {
            name,
            len,
            kind,
            stage: Stage::Rows(Box::new(Rows {
                reader,
                start,
                row,
                columns: header.len(),
                read: 0,
                rows: 0,
                errors,
                owns,
                layout,
                one_column: table::one_column(&header),
            })),
        });
    }

    fn read_rows(&mut self, budget: &mut usize) {
        let Self {
            file,
            front,
            parts,
            markets,
            own_files,
            ..
        } = self;
        let Some(File {
            name,
            len,
            kind,
            stage: Stage::Rows(rows),
        }) = file
        else {
            return;
        };
        let rows = &mut **rows;
        let mut ended = false;
        while *budget > 0 {
            *budget -= 1;
            match rows.reader.read_byte_record(&mut rows.row) {
                Ok(true) => {}
                Ok(false) => {
                    ended = true;
                    break;
                }
                Err(e) => {
                    rows.read += 1;
                    front.push(table::row_problem(name, &e, rows.read + 1));
                    rows.errors = true;
                    continue;
                }
            }
            rows.read += 1;
            let row = &rows.row;
            let line = row.position().map_or(rows.read + 1, |p| p.line() as usize);
            if row.iter().all(|c| trim(c).is_empty()) {
                continue;
            }
            if row.len() != rows.columns {
                front.push(table::field_count_problem(
                    name,
                    line,
                    row.len(),
                    rows.columns,
                ));
                rows.errors = true;
                continue;
            }
            rows.rows += 1;
            // A file with a problem is not used; nor, for the user's own files, is any row
            // once a file has one (the load stops with the files' problems alone).
            if rows.errors || (*own_files && !front.is_empty()) || !rows.owns {
                continue;
            }
            let (Some(layout), Some(part)) =
                (&rows.layout, kind.and_then(|k| parts[k as usize].as_mut()))
            else {
                continue;
            };
            if rows.rows == ESTIMATE_AFTER {
                // Room for the rest at the rows' length so far: no copy of a growing
                // million-record list, and no list twice the size it needs.
                let read = rows.reader.position().byte() as usize;
                let left = len.saturating_sub(rows.start + read);
                let per_row = (read / (rows.read + 1)).max(1);
                part.records.reserve(left / per_row / 40 * 41);
            }
            part.read(layout, &rows.row, line, markets);
        }
        if ended {
            self.end_file();
        }
    }

    /// Every row is read: the file's problems decide whether its part stands, and for the
    /// user's own files, whether it has a kind and is the first of it.
    fn end_file(&mut self) {
        let Some(File {
            name,
            len,
            kind,
            stage: Stage::Rows(mut rows),
        }) = self.file.take()
        else {
            return;
        };
        self.done += len;
        if !rows.errors && rows.rows == 0 {
            self.front.push(table::header_only_problem(&name));
            rows.errors = true;
        }
        match kind {
            Some(kind) if rows.owns => {
                if rows.errors {
                    self.parts[kind as usize] = None;
                }
            }
            _ if rows.errors || !self.own_files => {}
            None => {
                let (found, advice) = match rows.one_column.take() {
                    Some((found, advice)) => (
                        format!("no week, date or month column, only {found}"),
                        format!(", {advice}"),
                    ),
                    None => ("no week, date or month column".to_owned(), String::new()),
                };
                self.front.push(Problem::error(
                    &name,
                    Some(1),
                    None,
                    found,
                    format!("a weekly file (week column), a flash-sale file (date) or a competitor-share file (month){advice}; see docs/test-market-format.md"),
                ));
            }
            Some(kind) => {
                let first = self.parts[kind as usize]
                    .as_ref()
                    .map_or("", |p| p.file.as_str());
                let found = format!("a second {} file (the first is {first})", kind.noun());
                self.front.push(Problem::error(
                    &name,
                    None,
                    None,
                    found,
                    "one file of each kind",
                ));
            }
        }
    }
}

/// Reads the three files (by name and text) against the dataset's markets. Any error blocks
/// the load; warnings (unknown markets) come back beside the data.
pub fn load(
    dataset: &Dataset,
    weekly: (&str, &str),
    flash: (&str, &str),
    shares: (&str, &str),
) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
    let files = [
        (weekly, FileKind::Weekly),
        (flash, FileKind::FlashSales),
        (shares, FileKind::CompetitorShares),
    ]
    .into_iter()
    .map(|((name, text), kind)| (name.to_owned(), text.as_bytes(), Some(kind)))
    .collect();
    Ingest::with_kinds(dataset, files, false).finish()
}

/// Reads the user's own files (raw bytes, any order, one to three of them): each is told
/// apart by its date column (`week`, `date` or `month`); kinds not given are left empty. At
/// least one weekly file is needed, since the tracker, KPIs and gates read it. All at once:
/// [`Ingest`] reads them a slice at a time.
pub fn load_files(
    dataset: &Dataset,
    files: &[(String, Vec<u8>)],
) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
    let files = files
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes.as_slice()))
        .collect();
    Ingest::new(dataset, files).finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The date check as it was written first, on text: the oracle for `Date`.
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

    fn same_number(text: &str) -> Result<(), TestCaseError> {
        let fast = parse_number(text.as_bytes()).map(f64::to_bits);
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        prop_assert_eq!(fast, std, "{:?}", text);
        Ok(())
    }

    #[test]
    fn numbers_read_as_from_str_reads_them() {
        for text in [
            "0",
            "-0",
            "+0",
            "5.",
            ".5",
            "+.5",
            "-.5",
            ".",
            "-",
            "+",
            "",
            "1.2.3",
            "--1",
            "+-1",
            "1e3",
            "1E-2",
            "inf",
            "-inf",
            "NaN",
            "infinity",
            "1_000",
            "0x10",
            " 1",
            "1 ",
            "999999999999999",
            "9999999999999999",
            "9007199254740993",
            "0.1",
            "0.3",
            "0.30000000000000004",
            "123456789012345.6",
            "12345678901234.56",
            "1.000000000000001",
            "000000000000000000001",
            "0.000000000000001",
            "0.0000000000000001",
            "4.35",
            "2.675",
            "1.005",
            "7.325",
            "٣",
            "１",
        ] {
            same_number(text).unwrap();
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn decimals_read_as_from_str_reads_them(text in r"[+-]?[0-9]{0,18}(\.[0-9]{0,18})?") {
            same_number(&text)?;
        }

        #[test]
        fn any_short_text_reads_as_from_str_reads_it(text in r"[0-9.+eE_a-z -]{0,24}") {
            same_number(&text)?;
        }

        #[test]
        fn dates_are_checked_as_before(text in r"[0-9]{0,5}-?[0-9]{0,3}-?[0-9]{0,3}[- ]?", month_only: bool) {
            let date = Date::parse(&text, month_only);
            prop_assert_eq!(date.is_some(), valid_date(&text, month_only), "{:?}", text);
            if let Some(date) = date {
                prop_assert_eq!(date.to_string(), text);
            }
        }

        #[test]
        fn real_dates_are_taken_and_shown_as_written(
            y in 0u32..10_000, m in 0u32..14, d in 0u32..33, month_only: bool
        ) {
            let text = if month_only { format!("{y:04}-{m:02}") } else { format!("{y:04}-{m:02}-{d:02}") };
            let date = Date::parse(&text, month_only);
            prop_assert_eq!(date.is_some(), valid_date(&text, month_only), "{:?}", text);
            if let Some(date) = date {
                prop_assert_eq!(date.to_string(), text);
                prop_assert_eq!((date.year(), date.month(), date.day()), (y, m, (!month_only).then_some(d)));
            }
        }

        #[test]
        fn cells_are_trimmed_as_str_trim_does(text in r"[ \t\n\x0b\x0c\r\u{a0}\u{3000}\u{85}\u{2028}ax7é]{0,8}") {
            prop_assert_eq!(trim(text.as_bytes()), text.trim().as_bytes());
        }
    }

    #[test]
    fn dates_order_as_their_text() {
        let texts = [
            "2013-09-02",
            "2013-10-01",
            "2013-09-30",
            "2012-12-31",
            "2014-01-06",
        ];
        let mut dates: Vec<Date> = texts.iter().filter_map(|t| Date::parse(t, false)).collect();
        dates.sort();
        let mut sorted = texts.to_vec();
        sorted.sort_unstable();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, sorted);
    }

    #[test]
    fn dates_seen_out_of_order_are_still_found() {
        let mut dates = Dates::default();
        for (key, row) in [(5, 2), (9, 3), (7, 4), (12, 5), (1, 6)] {
            assert_eq!(dates.first_row(key), None);
            dates.insert(key, row);
        }
        for (key, row) in [(5, 2), (9, 3), (7, 4), (12, 5), (1, 6)] {
            assert_eq!(dates.first_row(key), Some(row));
        }
        assert_eq!(dates.first_row(8), None);
        assert_eq!(dates.first_row(13), None);
    }
}
