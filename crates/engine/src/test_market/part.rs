//! One kind's data: each row read against the layout, checked, and kept as a record.

use super::dates::Dates;
use super::market_cells::MarketCells;
use super::numbers::{parse_number, text, trim};
use super::records::Record;
use super::schema::{FileKind, Layout, MAX_VALUES};
use super::Date;
use crate::problem::Problem;
use crate::table;

/// One kind's data: the file read as that kind, its records, and the problems in them.
pub(super) struct Part {
    pub(super) file: String,
    pub(super) kind: FileKind,
    pub(super) records: Vec<Record>,
    /// The rows' problems, in row order.
    pub(super) problems: Vec<Problem>,
    /// The checks across a record's columns (sold against offered, shares summing to 100),
    /// reported after the rows' problems.
    pub(super) checks: Vec<Problem>,
    /// Per market: the dates so far, for duplicates.
    pub(super) dates: Vec<Dates>,
}

impl Part {
    pub(super) fn new(file: &str, kind: FileKind, markets: usize) -> Self {
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
    pub(super) fn read(
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
                phrase!(
                    "\"{}\", which matches no market (the row was skipped)",
                    text(trim(&row[layout.market]))
                ),
                phrase!("an ISO 3166-1 code or a country name"),
            ));
            return;
        };
        let date_cell = trim(&row[layout.date]);
        let month_only = self.kind == FileKind::CompetitorShares;
        let date_column = self.kind.date_column();
        let Some(date) = Date::from_bytes(date_cell, month_only) else {
            let expected = if month_only {
                phrase!("a month as YYYY-MM, such as 2014-03")
            } else {
                phrase!("a date as YYYY-MM-DD, such as 2014-03-10")
            };
            self.problems.push(Problem::error(
                file,
                Some(line),
                Some(date_column),
                phrase!("\"{}\"", text(date_cell)),
                expected,
            ));
            return;
        };
        let dates = &mut self.dates[market.0];
        if let Some(first) = dates.first_row(date.key()) {
            self.problems.push(Problem::error(
                file,
                Some(line),
                Some(date_column),
                phrase!(
                    "{} again for this market (first on row {})",
                    date.to_string(),
                    first
                ),
                phrase!("one row per market and date"),
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
                        phrase!("an empty cell"),
                        phrase!("a number"),
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
                    phrase!("{}", text(cell)),
                    phrase!("a value from {} to {}", spec.min, spec.max),
                )),
                _ => self.problems.push(Problem::error(
                    file,
                    Some(line),
                    Some(spec.name),
                    phrase!("\"{}\"", text(cell)),
                    if table::has_separators(text(cell)) {
                        phrase!("a finite number (without thousands separators or decimal commas)")
                    } else {
                        phrase!("a finite number")
                    },
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
                            phrase!("{} sold of {} offered", sold, offered),
                            phrase!("no more sold than offered"),
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
                        phrase!("shares summing to {}%", format!("{total:.1}")),
                        phrase!("shares summing to 100% (±0.5)"),
                    ));
                }
            }
        }
        self.records.push(record);
    }
}
