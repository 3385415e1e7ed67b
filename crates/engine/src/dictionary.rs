//! The indicator dictionary: what each indicator is, which way is better, which pillar it
//! belongs to, where it comes from, and the range its values must fall in.

use crate::phrase::{Arg, Phrase};
use crate::problem::{LoadError, Problem, Problems};
use crate::table::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// How far a number can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Measured,
    /// Entered by hand from well-known facts; editable.
    Approximate,
    /// Generated, not measured: shown only to make the product's views concrete.
    Illustrative,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Measured => "measured",
            Status::Approximate => "approximate",
            Status::Illustrative => "illustrative",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub direction: Direction,
    pub pillar: String,
    pub source: String,
    pub licence: String,
    /// The year of values that do not carry their own.
    pub year: Option<u16>,
    /// The declared valid range; values outside it are errors.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub status: Status,
}

impl Indicator {
    /// A plain indicator with no range, pillar or provenance: for tests and quick fixtures.
    pub fn new(id: &str, unit: &str, direction: Direction) -> Self {
        Self {
            id: id.into(),
            label: id.into(),
            unit: unit.into(),
            direction,
            pillar: String::new(),
            source: String::new(),
            licence: String::new(),
            year: None,
            min: None,
            max: None,
            status: Status::Measured,
        }
    }

    /// Why `value` is not acceptable, or None when it is.
    pub fn out_of_range(&self, value: f64) -> Option<Phrase> {
        let below = self.min.is_some_and(|min| value < min);
        let above = self.max.is_some_and(|max| value > max);
        if !(below || above) {
            return None;
        }
        match (self.min, self.max) {
            (Some(min), Some(max)) => Some(phrase!(
                "a value from {} to {} ({})",
                min,
                max,
                Arg::Name(self.unit.clone())
            )),
            (Some(min), None) => Some(phrase!(
                "a value of at least {} ({})",
                min,
                Arg::Name(self.unit.clone())
            )),
            (None, Some(max)) => Some(phrase!(
                "a value of at most {} ({})",
                max,
                Arg::Name(self.unit.clone())
            )),
            (None, None) => None,
        }
    }
}

/// Column names a values file uses for markets and their reference data, never indicators.
pub const RESERVED_COLUMNS: [&str; 13] = [
    "iso3",
    "iso2",
    "iso_numeric",
    "name",
    "market",
    "country",
    "region",
    "subregion",
    "currency",
    "english_official",
    "aliases",
    "indicator",
    "value",
];

/// Checks an indicator id: lower-case letters, digits and underscores, not a reserved column.
pub fn id_problem(id: &str) -> Option<Phrase> {
    if id.is_empty() {
        Some(phrase!("an indicator id"))
    } else if !id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Some(phrase!(
            "an id of lower-case letters, digits and underscores, such as internet_pct"
        ))
    } else if id.ends_with("_year") || RESERVED_COLUMNS.contains(&id) {
        Some(phrase!("an id that is not a reserved column name (iso3, name, value, …) and does not end in _year"))
    } else {
        None
    }
}

/// Whether a table's header makes it a dictionary rather than values.
pub fn is_dictionary(table: &Table) -> bool {
    table.column("id").is_some() && table.column("direction").is_some()
}

pub fn parse_direction(text: &str) -> Option<Direction> {
    match text.trim().to_ascii_lowercase().as_str() {
        "higher" | "higher is better" | "+" => Some(Direction::HigherIsBetter),
        "lower" | "lower is better" | "-" => Some(Direction::LowerIsBetter),
        _ => None,
    }
}

fn parse_status(text: &str) -> Option<Status> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "measured" => Some(Status::Measured),
        "approximate" => Some(Status::Approximate),
        "illustrative" => Some(Status::Illustrative),
        _ => None,
    }
}

fn parse_optional_number(text: &str) -> Result<Option<f64>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

pub fn parse_year(text: &str) -> Option<u16> {
    // Spreadsheets and pandas write years as floats ("2017.0") when a column has gaps.
    let whole = text.trim().strip_suffix(".0").unwrap_or(text.trim());
    whole
        .parse::<u16>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
}

/// One dictionary entry's fields as text, wherever they came from (CSV row or JSON object).
pub struct RawIndicator<'a> {
    pub location: Option<usize>,
    pub field: &'a dyn Fn(&str) -> String,
}

/// Validates one entry; problems are pushed with the entry's location.
pub fn indicator_from_fields(
    file: &str,
    raw: &RawIndicator<'_>,
    problems: &mut Problems,
) -> Option<Indicator> {
    let get = |name: &str| (raw.field)(name).trim().to_owned();
    let at = raw.location;
    let id = get("id");
    if let Some(expected) = id_problem(&id) {
        problems.push(Problem::error(
            file,
            at,
            Some("id"),
            phrase!("\"{}\"", id),
            expected,
        ));
        return None;
    }
    let Some(direction) = parse_direction(&get("direction")) else {
        problems.push(Problem::error(
            file,
            at,
            Some("direction"),
            phrase!("\"{}\"", get("direction")),
            phrase!("\"higher\" or \"lower\" (which way is better)"),
        ));
        return None;
    };
    let mut number = |column: &str| match parse_optional_number(&get(column)) {
        Ok(v) => v,
        Err(()) => {
            problems.push(Problem::error(
                file,
                at,
                Some(column),
                phrase!("\"{}\"", get(column)),
                phrase!("a number, or an empty cell for no limit"),
            ));
            None
        }
    };
    let (min, max) = (number("min"), number("max"));
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            problems.push(Problem::error(
                file,
                at,
                Some("max"),
                phrase!("max {} below min {}", hi, lo),
                phrase!("max at least min"),
            ));
        }
    }
    let year_text = get("year");
    let year = parse_year(&year_text);
    if !year_text.is_empty() && year.is_none() {
        problems.push(Problem::error(
            file,
            at,
            Some("year"),
            phrase!("\"{}\"", year_text),
            phrase!("a year such as 2023, or an empty cell"),
        ));
    }
    let Some(status) = parse_status(&get("status")) else {
        problems.push(Problem::error(
            file,
            at,
            Some("status"),
            phrase!("\"{}\"", get("status")),
            phrase!("\"measured\", \"approximate\" or \"illustrative\" (empty means measured)"),
        ));
        return None;
    };
    let label = get("label");
    Some(Indicator {
        label: if label.is_empty() { id.clone() } else { label },
        id,
        unit: get("unit"),
        direction,
        pillar: get("pillar"),
        source: get("source"),
        licence: get("licence"),
        year,
        min,
        max,
        status,
    })
}

/// Reads a dictionary table. Required columns: id, direction; the rest are optional.
pub fn parse_dictionary_table(table: &Table) -> Result<(Vec<Indicator>, Vec<Problem>), LoadError> {
    let mut problems = Problems::default();
    let mut indicators: Vec<Indicator> = Vec::new();
    for row in &table.rows {
        let field = |name: &str| {
            table
                .column(name)
                .and_then(|c| row.cells.get(c))
                .cloned()
                .unwrap_or_default()
        };
        let raw = RawIndicator {
            location: Some(row.line),
            field: &field,
        };
        if let Some(indicator) = indicator_from_fields(&table.file, &raw, &mut problems) {
            if indicators.iter().any(|i| i.id == indicator.id) {
                problems.push(Problem::error(
                    &table.file,
                    Some(row.line),
                    Some("id"),
                    phrase!("\"{}\" a second time", indicator.id),
                    phrase!("each indicator once"),
                ));
            } else {
                indicators.push(indicator);
            }
        }
    }
    problems.finish(indicators)
}
