//! The user's own files: indicator dictionaries and values, as CSV (wide or long, comma,
//! semicolon or tab) or JSON, validated against the dataset they join. See
//! `docs/data-format.md`.

use crate::dataset::{check_indicator_columns, parse_value, Dataset, Observation};
use crate::dictionary::{self, indicator_from_fields, Indicator, RawIndicator};
use crate::market_match::MarketMatcher;
use crate::problem::{LoadError, Problem, Problems};
use crate::table::{decode_text, read_table, Table};
use crate::MarketIndex;

/// The data format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;
pub const FORMAT_NAME: &str = "beachhead-data";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeMode {
    Merge,
    Replace,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserValue {
    /// Index into the base dataset's markets.
    pub market: MarketIndex,
    pub indicator: String,
    pub observation: Observation,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserData {
    pub files: Vec<String>,
    /// Dictionary entries the files define (new indicators, or new definitions of known ones).
    pub indicators: Vec<Indicator>,
    pub values: Vec<UserValue>,
}

impl UserData {
    /// Markets with at least one value.
    pub fn market_count(&self) -> usize {
        let mut markets: Vec<MarketIndex> = self.values.iter().map(|v| v.market).collect();
        markets.sort_unstable();
        markets.dedup();
        markets.len()
    }
}

enum Parsed {
    Json(serde_json::Value),
    Table(Table),
}

/// Reads every file, dictionaries first, and validates the values against the base dataset's
/// markets and the combined dictionary. Any error blocks the whole load; warnings (a row naming
/// a market nobody knows) are returned beside the data.
pub fn parse_user_files(
    base: &Dataset,
    files: &[(String, Vec<u8>)],
) -> Result<(UserData, Vec<Problem>), LoadError> {
    let mut problems = Problems::default();
    let mut parsed: Vec<(String, Parsed)> = Vec::new();
    for (name, bytes) in files {
        let text = match decode_text(name, bytes) {
            Ok(text) => text,
            Err(e) => {
                problems.0.extend(e.problems);
                continue;
            }
        };
        let looks_json = name.to_ascii_lowercase().ends_with(".json")
            || text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('{');
        if looks_json {
            match serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}')) {
                Ok(value) => parsed.push((name.clone(), Parsed::Json(value))),
                Err(e) => problems.push(Problem::json(
                    name,
                    &e,
                    phrase!("a JSON document in the Beachhead data format"),
                )),
            }
        } else {
            match read_table(name, &text) {
                Ok(table) => parsed.push((name.clone(), Parsed::Table(table))),
                Err(e) => problems.0.extend(e.problems),
            }
        }
    }

    let mut user = UserData {
        files: files.iter().map(|(n, _)| n.clone()).collect(),
        ..UserData::default()
    };
    // Dictionaries first, so values in any file may use indicators defined in any other.
    for (name, file) in &parsed {
        let entries = match file {
            Parsed::Table(table) if dictionary::is_dictionary(table) => {
                match dictionary::parse_dictionary_table(table) {
                    Ok((entries, warnings)) => {
                        problems.0.extend(warnings);
                        entries
                    }
                    Err(e) => {
                        problems.0.extend(e.problems);
                        continue;
                    }
                }
            }
            Parsed::Json(json) => json_indicators(name, json, &mut problems),
            Parsed::Table(_) => continue,
        };
        for entry in entries {
            if user.indicators.iter().any(|i| i.id == entry.id) {
                problems.push(Problem::error(
                    name,
                    None,
                    Some("id"),
                    phrase!("\"{}\" defined in two files", entry.id),
                    phrase!("each indicator defined once"),
                ));
            } else {
                user.indicators.push(entry);
            }
        }
    }
    let mut known: Vec<Indicator> = user.indicators.clone();
    known.extend(
        base.indicators()
            .iter()
            .filter(|b| !user.indicators.iter().any(|u| u.id == b.id))
            .cloned(),
    );
    let matcher = MarketMatcher::new(base.markets());
    for (name, file) in &parsed {
        match file {
            Parsed::Table(table) if dictionary::is_dictionary(table) => {}
            Parsed::Table(table) if table.column("indicator").is_some() => {
                long_values(table, &known, &matcher, base, &mut user, &mut problems)
            }
            Parsed::Table(table) => {
                wide_values(table, &known, &matcher, base, &mut user, &mut problems)
            }
            Parsed::Json(json) => {
                json_values(name, json, &known, &matcher, base, &mut user, &mut problems)
            }
        }
    }
    if !problems.has_errors() && user.values.is_empty() && user.indicators.is_empty() {
        problems.push(Problem::error(
            &user.files.join(", "),
            None,
            None,
            phrase!("no indicators and no values"),
            phrase!("a dictionary or values file in the Beachhead data format"),
        ));
    }
    problems.finish(user)
}

const MARKET_COLUMNS: [&str; 5] = ["iso3", "iso2", "market", "country", "name"];

fn market_at(
    file: &str,
    line: usize,
    column: &str,
    text: &str,
    matcher: &MarketMatcher,
    problems: &mut Problems,
) -> Option<MarketIndex> {
    let found = matcher.find(text);
    if found.is_none() {
        problems.push(Problem::warning(
            file,
            Some(line),
            Some(column),
            phrase!(
                "\"{}\", which matches no market (the row was skipped)",
                text
            ),
            phrase!("an ISO 3166-1 alpha-2 or alpha-3 code, or a country name"),
        ));
    }
    found
}

/// Records a value, refusing a second value for the same market and indicator.
fn add_value(
    file: &str,
    line: usize,
    column: &str,
    value: UserValue,
    base: &Dataset,
    user: &mut UserData,
    problems: &mut Problems,
) {
    if user
        .values
        .iter()
        .any(|v| v.market == value.market && v.indicator == value.indicator)
    {
        problems.push(Problem::error(
            file,
            Some(line),
            Some(column),
            phrase!(
                "a second value of {} for {}",
                &value.indicator,
                &base[value.market].name
            ),
            phrase!("one value per market and indicator"),
        ));
    } else {
        user.values.push(value);
    }
}

fn wide_values(
    table: &Table,
    known: &[Indicator],
    matcher: &MarketMatcher,
    base: &Dataset,
    user: &mut UserData,
    problems: &mut Problems,
) {
    let file = table.file.as_str();
    let Some(market_column) = table.first_column(&MARKET_COLUMNS) else {
        let (found, expected) = match crate::table::one_column(&table.header) {
            Some(found) => (found, phrase!("a market column (iso3, iso2, market, country or name), or long format (market, indicator, value), with the columns separated by commas, semicolons or tabs")),
            None => (
                phrase!("the columns {}", table.header.join(", ")),
                phrase!("a market column (iso3, iso2, market, country or name), or long format (market, indicator, value)"),
            ),
        };
        problems.push(Problem::error(file, Some(1), None, found, expected));
        return;
    };
    check_indicator_columns(table, known, problems);
    let columns: Vec<(usize, &Indicator, Option<usize>)> = known
        .iter()
        .filter_map(|i| {
            table
                .column(&i.id)
                .map(|c| (c, i, table.column(&format!("{}_year", i.id))))
        })
        .collect();
    let mut seen: Vec<(MarketIndex, usize)> = Vec::new();
    for row in &table.rows {
        let market_text = &row.cells[market_column];
        let column_name = &table.header[market_column];
        let Some(market) = market_at(file, row.line, column_name, market_text, matcher, problems)
        else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(m, _)| *m == market) {
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some(column_name),
                phrase!(
                    "\"{}\" ({}) again (first on row {})",
                    market_text,
                    &base[market].name,
                    *first
                ),
                phrase!("each market once"),
            ));
            continue;
        }
        seen.push((market, row.line));
        for &(column, indicator, year_column) in &columns {
            let year = year_column.map(|y| row.cells[y].as_str());
            if let Some(observation) = parse_value(
                file,
                row.line,
                &table.header[column],
                indicator,
                &row.cells[column],
                year,
                problems,
            ) {
                let value = UserValue {
                    market,
                    indicator: indicator.id.clone(),
                    observation,
                };
                add_value(
                    file,
                    row.line,
                    &table.header[column],
                    value,
                    base,
                    user,
                    problems,
                );
            }
        }
    }
}

fn long_values(
    table: &Table,
    known: &[Indicator],
    matcher: &MarketMatcher,
    base: &Dataset,
    user: &mut UserData,
    problems: &mut Problems,
) {
    let file = table.file.as_str();
    let (Some(market_column), Some(indicator_column), Some(value_column)) = (
        table.first_column(&MARKET_COLUMNS),
        table.column("indicator"),
        table.column("value"),
    ) else {
        problems.push(Problem::error(
            file,
            Some(1),
            None,
            phrase!("the columns {}", table.header.join(", ")),
            phrase!("long format's columns: market, indicator, value (and optionally year)"),
        ));
        return;
    };
    let year_column = table.column("year");
    for row in &table.rows {
        let id = row.cells[indicator_column].trim();
        let Some(indicator) = known.iter().find(|i| i.id == id) else {
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some("indicator"),
                phrase!("\"{}\", an unknown indicator", id),
                phrase!("an indicator id from the dictionary (add it to an indicator dictionary file to bring a new one)"),
            ));
            continue;
        };
        let column_name = &table.header[market_column];
        let Some(market) = market_at(
            file,
            row.line,
            column_name,
            &row.cells[market_column],
            matcher,
            problems,
        ) else {
            continue;
        };
        let year = year_column.map(|y| row.cells[y].as_str());
        if let Some(observation) = parse_value(
            file,
            row.line,
            "value",
            indicator,
            &row.cells[value_column],
            year,
            problems,
        ) {
            let value = UserValue {
                market,
                indicator: indicator.id.clone(),
                observation,
            };
            add_value(file, row.line, "value", value, base, user, problems);
        }
    }
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Checks the document's format marker and version; None when it is not ours to read.
fn json_document<'a>(
    file: &str,
    json: &'a serde_json::Value,
    problems: &mut Problems,
) -> Option<&'a serde_json::Map<String, serde_json::Value>> {
    let Some(object) = json.as_object() else {
        problems.push(Problem::error(
            file,
            None,
            None,
            phrase!("a JSON value that is not an object"),
            phrase!("an object with \"format\": \"beachhead-data\", \"version\", \"indicators\" and \"values\""),
        ));
        return None;
    };
    let format = object.get("format").map(json_text).unwrap_or_default();
    if format != FORMAT_NAME {
        problems.push(Problem::error(
            file,
            None,
            Some("format"),
            phrase!("\"{}\"", format),
            phrase!("\"{}\"", FORMAT_NAME),
        ));
        return None;
    }
    match object.get("version").and_then(serde_json::Value::as_u64) {
        Some(FORMAT_VERSION) => Some(object),
        other => {
            problems.push(Problem::error(
                file,
                None,
                Some("version"),
                other.map_or_else(
                    || phrase!("no version"),
                    |v| phrase!("version {}", v.to_string()),
                ),
                phrase!(
                    "version {} (the version this Beachhead reads)",
                    FORMAT_VERSION
                ),
            ));
            None
        }
    }
}

fn json_list<'a>(
    file: &str,
    object: &'a serde_json::Map<String, serde_json::Value>,
    key: &str,
    problems: &mut Problems,
) -> &'a [serde_json::Value] {
    match object.get(key) {
        None => &[],
        Some(serde_json::Value::Array(items)) => items,
        Some(_) => {
            problems.push(Problem::error(
                file,
                None,
                Some(key),
                phrase!("something other than a list"),
                phrase!("a list of {}", key),
            ));
            &[]
        }
    }
}

fn json_indicators(
    file: &str,
    json: &serde_json::Value,
    problems: &mut Problems,
) -> Vec<Indicator> {
    // Format problems are reported once, by json_values.
    let mut quiet = Problems::default();
    let Some(object) = json_document(file, json, &mut quiet) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, entry) in json_list(file, object, "indicators", problems)
        .iter()
        .enumerate()
    {
        let field = |name: &str| entry.get(name).map(json_text).unwrap_or_default();
        let raw = RawIndicator {
            location: Some(i + 1),
            field: &field,
        };
        if let Some(indicator) = indicator_from_fields(file, &raw, problems) {
            out.push(indicator);
        }
    }
    out
}

fn json_values(
    file: &str,
    json: &serde_json::Value,
    known: &[Indicator],
    matcher: &MarketMatcher,
    base: &Dataset,
    user: &mut UserData,
    problems: &mut Problems,
) {
    let Some(object) = json_document(file, json, problems) else {
        return;
    };
    for (i, entry) in json_list(file, object, "values", problems)
        .iter()
        .enumerate()
    {
        let entry_number = i + 1;
        let field = |name: &str| entry.get(name).map(json_text).unwrap_or_default();
        let id = field("indicator");
        let Some(indicator) = known.iter().find(|k| k.id == id) else {
            problems.push(Problem::error(
                file,
                Some(entry_number),
                Some("indicator"),
                phrase!("\"{}\", an unknown indicator", id),
                phrase!("an indicator id from the dictionary"),
            ));
            continue;
        };
        let Some(market) = market_at(
            file,
            entry_number,
            "market",
            &field("market"),
            matcher,
            problems,
        ) else {
            continue;
        };
        let year = field("year");
        if let Some(observation) = parse_value(
            file,
            entry_number,
            "value",
            indicator,
            &field("value"),
            Some(&year),
            problems,
        ) {
            let value = UserValue {
                market,
                indicator: indicator.id.clone(),
                observation,
            };
            add_value(file, entry_number, "value", value, base, user, problems);
        }
    }
}

/// Reads one wide values file on its own terms, for quick scoring from the command line:
/// every numeric column the dictionary does not know becomes an indicator (higher is better,
/// its source the file); columns that are not numeric are left out with a warning.
pub fn parse_values_inferring(
    base: &Dataset,
    dictionary: &[Indicator],
    name: &str,
    bytes: &[u8],
) -> Result<(UserData, Vec<Problem>), LoadError> {
    let text = decode_text(name, bytes)?;
    let table = read_table(name, &text)?;
    let mut problems = Problems::default();
    let market_column = table.first_column(&MARKET_COLUMNS);
    let mut known: Vec<Indicator> = dictionary.to_vec();
    known.extend(
        base.indicators()
            .iter()
            .filter(|b| !dictionary.iter().any(|d| d.id == b.id))
            .cloned(),
    );
    let mut inferred = Vec::new();
    let mut keep = Vec::new();
    for (c, column) in table.header.iter().enumerate() {
        let id = column.to_ascii_lowercase();
        let base_id = id.strip_suffix("_year").unwrap_or(&id);
        let reserved = dictionary::RESERVED_COLUMNS.contains(&id.as_str());
        if Some(c) == market_column || known.iter().any(|k| k.id == base_id) {
            keep.push(c);
            continue;
        }
        let numeric = table.rows.iter().all(|r| {
            let cell = r.cells[c].trim();
            cell.is_empty() || cell.parse::<f64>().is_ok_and(f64::is_finite)
        });
        if !reserved && numeric && dictionary::id_problem(&id).is_none() {
            let mut indicator = Indicator::new(&id, "", dictionary::Direction::HigherIsBetter);
            indicator.source = name.to_owned();
            inferred.push(indicator);
            keep.push(c);
        } else if !reserved {
            problems.push(Problem::warning(
                name,
                Some(1),
                Some(column),
                phrase!(
                    "a column that is not numeric or not a valid indicator id (it was left out)"
                ),
                phrase!("numbers, to use it as an indicator"),
            ));
        }
    }
    let filtered = Table {
        file: table.file.clone(),
        delimiter: table.delimiter,
        header: keep
            .iter()
            .map(|&c| table.header[c].to_ascii_lowercase())
            .collect(),
        rows: table
            .rows
            .iter()
            .map(|r| crate::table::Row {
                line: r.line,
                cells: keep.iter().map(|&c| r.cells[c].clone()).collect(),
            })
            .collect(),
    };
    known.extend(inferred.iter().cloned());
    let mut user = UserData {
        files: vec![name.to_owned()],
        indicators: dictionary.iter().cloned().chain(inferred).collect(),
        values: Vec::new(),
    };
    let matcher = MarketMatcher::new(base.markets());
    wide_values(&filtered, &known, &matcher, base, &mut user, &mut problems);
    problems.finish(user)
}
