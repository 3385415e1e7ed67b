//! The three files' columns, their valid ranges, how a file's kind is told from its header,
//! and where each column is in a file.

use crate::problem::Problem;
use crate::table;

/// A column: its name, whether it may be empty, and its valid range.
pub(super) struct Column {
    pub(super) name: &'static str,
    pub(super) optional: bool,
    pub(super) min: f64,
    pub(super) max: f64,
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
/// Which of the three files a table is, told by its date column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Weekly,
    FlashSales,
    CompetitorShares,
}

impl FileKind {
    /// `week`, else `month`, else `date`: a file may have more than one of them.
    pub(super) fn of(header: &[String]) -> Option<Self> {
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

    pub(super) fn date_column(self) -> &'static str {
        match self {
            FileKind::Weekly => "week",
            FileKind::FlashSales => "date",
            FileKind::CompetitorShares => "month",
        }
    }

    pub(super) fn columns(self) -> Vec<Column> {
        match self {
            FileKind::Weekly => weekly_columns(),
            FileKind::FlashSales => flash_columns(),
            FileKind::CompetitorShares => share_columns(),
        }
    }
}
/// Where a file's columns are: the market, the date and the kind's values.
pub(super) struct Layout {
    pub(super) market: usize,
    pub(super) date: usize,
    pub(super) columns: Vec<Column>,
    pub(super) values: Vec<usize>,
}

impl Layout {
    /// None, and a problem per missing column, unless the header has them all.
    pub(super) fn find(
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
                    phrase!("no such column"),
                    phrase!("a column named \"{}\"", name),
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
