//! The market dataset: markets × indicators, each value with its year, each indicator with its
//! unit, direction, source and licence. Loaded from two CSV files:
//!
//! * an indicator dictionary: `id,label,unit,direction,source,licence`;
//! * market values, wide: `iso3,iso2,name`, then for every indicator a column `<id>` and an
//!   optional `<id>_year`. An empty cell is a missing value and stays missing (never 0).

use crate::problem::{LoadError, Problem};

/// Files larger than this are refused before parsing: a browser tab should not be asked to
/// hold an accidental multi-gigabyte export in memory.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Market {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub direction: Direction,
    pub source: String,
    pub licence: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    pub value: f64,
    pub year: Option<u16>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    markets: Vec<Market>,
    indicators: Vec<Indicator>,
    /// Row-major: `values[market * indicators.len() + indicator]`.
    values: Vec<Option<Observation>>,
}

impl Dataset {
    /// Builds a dataset from already-validated parts. `values` is row-major, one row per market.
    pub fn new(
        markets: Vec<Market>,
        indicators: Vec<Indicator>,
        values: Vec<Option<Observation>>,
    ) -> Option<Self> {
        (values.len() == markets.len() * indicators.len()).then_some(Self {
            markets,
            indicators,
            values,
        })
    }

    /// Parses and validates the indicator dictionary and the market values. Every problem in
    /// either file is reported, located by file, row and column; any problem blocks the load.
    pub fn from_csv(
        dictionary_file: &str,
        dictionary_csv: &str,
        values_file: &str,
        values_csv: &str,
    ) -> Result<Self, LoadError> {
        let indicators = parse_dictionary(dictionary_file, dictionary_csv)?;
        let (markets, values) = parse_values(values_file, values_csv, &indicators)?;
        Ok(Self {
            markets,
            indicators,
            values,
        })
    }

    pub fn markets(&self) -> &[Market] {
        &self.markets
    }

    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    pub fn observation(&self, market: usize, indicator: usize) -> Option<Observation> {
        if indicator >= self.indicators.len() {
            return None;
        }
        self.values
            .get(market * self.indicators.len() + indicator)
            .copied()
            .flatten()
    }
}

fn check_size(file: &str, text: &str) -> Result<(), LoadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(LoadError {
            problems: vec![Problem {
                file: file.to_owned(),
                row: None,
                column: None,
                found: format!("{:.1} MB", text.len() as f64 / 1e6),
                expected: format!("a file of at most {} MB", MAX_FILE_BYTES / (1024 * 1024)),
            }],
        });
    }
    Ok(())
}

/// Reads a CSV into its header and records, turning the csv crate's errors (ragged rows, bad
/// UTF-8) into located problems.
fn read_csv(file: &str, text: &str) -> Result<(Vec<String>, Vec<csv::StringRecord>), LoadError> {
    check_size(file, text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let problem = |row: Option<usize>, found: String, expected: &str| Problem {
        file: file.to_owned(),
        row,
        column: None,
        found,
        expected: expected.to_owned(),
    };
    if text.trim().is_empty() {
        return Err(LoadError {
            problems: vec![problem(
                None,
                "an empty file".into(),
                "a header row and at least one data row",
            )],
        });
    }
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Err(e) => {
            return Err(LoadError {
                problems: vec![problem(
                    Some(1),
                    e.to_string(),
                    "a comma-separated header row",
                )],
            })
        }
    };
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => records.push(r),
            Err(e) => {
                let row = e.position().map(|p| p.line() as usize).unwrap_or(i + 2);
                let found = match e.kind() {
                    csv::ErrorKind::UnequalLengths { len, .. } => format!("{len} fields"),
                    _ => e.to_string(),
                };
                problems.push(problem(
                    Some(row),
                    found,
                    &format!("{} fields, one per header column", header.len()),
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    Ok((header, records))
}

fn column_index(
    file: &str,
    header: &[String],
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let found = header.iter().position(|h| h == name);
    if found.is_none() {
        problems.push(Problem {
            file: file.to_owned(),
            row: Some(1),
            column: Some(name.to_owned()),
            found: "no such column".into(),
            expected: format!("a column named \"{name}\""),
        });
    }
    found
}

fn check_unique_header(file: &str, header: &[String], problems: &mut Vec<Problem>) {
    for (i, name) in header.iter().enumerate() {
        if header[..i].contains(name) {
            problems.push(Problem {
                file: file.to_owned(),
                row: Some(1),
                column: Some(name.clone()),
                found: "a second column with this name".into(),
                expected: "each column name once".into(),
            });
        }
    }
}

fn parse_dictionary(file: &str, text: &str) -> Result<Vec<Indicator>, LoadError> {
    let (header, records) = read_csv(file, text)?;
    let mut problems = Vec::new();
    check_unique_header(file, &header, &mut problems);
    let columns: Vec<Option<usize>> = ["id", "label", "unit", "direction", "source", "licence"]
        .iter()
        .map(|name| column_index(file, &header, name, &mut problems))
        .collect();
    let [Some(id), Some(label), Some(unit), Some(direction), Some(source), Some(licence)] =
        columns[..]
    else {
        return Err(LoadError { problems });
    };
    let mut indicators: Vec<Indicator> = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let row = i + 2;
        let cell = |c: usize| record.get(c).unwrap_or("").trim().to_owned();
        let locate = |column: &str, found: String, expected: &str| Problem {
            file: file.to_owned(),
            row: Some(row),
            column: Some(column.to_owned()),
            found,
            expected: expected.to_owned(),
        };
        let id_text = cell(id);
        if id_text.is_empty() {
            problems.push(locate("id", "an empty id".into(), "an indicator id"));
            continue;
        }
        if indicators.iter().any(|known| known.id == id_text) {
            problems.push(locate(
                "id",
                format!("\"{id_text}\" a second time"),
                "each indicator once",
            ));
            continue;
        }
        let direction = match cell(direction).to_ascii_lowercase().as_str() {
            "higher" => Direction::HigherIsBetter,
            "lower" => Direction::LowerIsBetter,
            other => {
                problems.push(locate(
                    "direction",
                    format!("\"{other}\""),
                    "\"higher\" or \"lower\" (which way is better)",
                ));
                continue;
            }
        };
        indicators.push(Indicator {
            id: id_text,
            label: cell(label),
            unit: cell(unit),
            direction,
            source: cell(source),
            licence: cell(licence),
        });
    }
    if indicators.is_empty() && problems.is_empty() {
        problems.push(Problem {
            file: file.to_owned(),
            row: None,
            column: None,
            found: "a header row only".into(),
            expected: "at least one indicator".into(),
        });
    }
    if problems.is_empty() {
        Ok(indicators)
    } else {
        Err(LoadError { problems })
    }
}

type MarketValues = (Vec<Market>, Vec<Option<Observation>>);

fn parse_values(
    file: &str,
    text: &str,
    indicators: &[Indicator],
) -> Result<MarketValues, LoadError> {
    let (header, records) = read_csv(file, text)?;
    let mut problems = Vec::new();
    check_unique_header(file, &header, &mut problems);
    let iso3 = column_index(file, &header, "iso3", &mut problems);
    let iso2 = column_index(file, &header, "iso2", &mut problems);
    let name = column_index(file, &header, "name", &mut problems);
    let indicator_columns: Vec<(Option<usize>, Option<usize>)> = indicators
        .iter()
        .map(|ind| {
            let value = column_index(file, &header, &ind.id, &mut problems);
            let year = header.iter().position(|h| *h == format!("{}_year", ind.id));
            (value, year)
        })
        .collect();
    let (Some(iso3), Some(iso2), Some(name)) = (iso3, iso2, name) else {
        return Err(LoadError { problems });
    };
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }

    let mut markets: Vec<Market> = Vec::with_capacity(records.len());
    let mut values = Vec::with_capacity(records.len() * indicators.len());
    for (i, record) in records.iter().enumerate() {
        let row = i + 2;
        let cell = |c: usize| record.get(c).unwrap_or("").trim();
        let locate = |column: &str, found: String, expected: &str| Problem {
            file: file.to_owned(),
            row: Some(row),
            column: Some(column.to_owned()),
            found,
            expected: expected.to_owned(),
        };
        let code = cell(iso3).to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            problems.push(locate(
                "iso3",
                format!("\"{}\"", cell(iso3)),
                "a three-letter ISO 3166-1 alpha-3 code",
            ));
            continue;
        }
        if let Some(first) = markets.iter().position(|m| m.iso3 == code) {
            problems.push(locate(
                "iso3",
                format!("\"{code}\" again (first on row {})", first + 2),
                "each market once",
            ));
            continue;
        }
        for (ind, &(value_col, year_col)) in indicators.iter().zip(&indicator_columns) {
            let Some(value_col) = value_col else {
                values.push(None);
                continue;
            };
            let raw = cell(value_col);
            let observation = if raw.is_empty() {
                None
            } else {
                match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() => {
                        let year = year_col.map(cell).filter(|y| !y.is_empty());
                        match year.map(|y| (y, parse_year(y))) {
                            Some((y, None)) => {
                                problems.push(locate(
                                    &format!("{}_year", ind.id),
                                    format!("\"{y}\""),
                                    "a year such as 2023",
                                ));
                                None
                            }
                            Some((_, year)) => Some(Observation { value: v, year }),
                            None => Some(Observation {
                                value: v,
                                year: None,
                            }),
                        }
                    }
                    _ => {
                        problems.push(locate(
                            &ind.id,
                            format!("\"{raw}\""),
                            &format!("a finite number in {} or an empty cell", ind.unit),
                        ));
                        None
                    }
                }
            };
            values.push(observation);
        }
        markets.push(Market {
            iso3: code,
            iso2: cell(iso2).to_ascii_uppercase(),
            name: cell(name).to_owned(),
        });
    }
    if markets.is_empty() && problems.is_empty() {
        problems.push(Problem {
            file: file.to_owned(),
            row: None,
            column: None,
            found: "a header row only".into(),
            expected: "at least one market row".into(),
        });
    }
    if problems.is_empty() {
        Ok((markets, values))
    } else {
        Err(LoadError { problems })
    }
}

fn parse_year(text: &str) -> Option<u16> {
    // The WDI export writes years as floats ("2017.0") when a column has gaps.
    let whole = text.strip_suffix(".0").unwrap_or(text);
    whole
        .parse::<u16>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
}
