//! The market dataset: markets × indicators, each value with its year, each indicator with its
//! dictionary entry. The bundled dataset is read from two CSV files: the indicator dictionary
//! and the market table (one row per market: ISO codes, name, UN region, currency, whether
//! English is official, aliases, then a column per indicator and an optional `<id>_year`).
//! An empty cell is a missing value and stays missing (never 0).

use crate::dictionary::{self, parse_year, Indicator, RESERVED_COLUMNS};
use crate::phrase::Arg;
use crate::problem::{LoadError, Problem, Problems};
use crate::table::{read_table, Table};
use crate::user_data::{MergeMode, UserData};
use crate::value_sources::{self, Source, ValueSourceMap, ValueSourceRef};

pub use crate::dictionary::{Direction, Status};

/// A market's position in one dataset's markets, which the engine's results name a market by.
/// The ISO3 code names it to the user, in files and in links; this names it within the dataset
/// loaded, so that a position is never taken for a code, or for a position in a ranking.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct MarketIndex(pub usize);

/// The position, for messages and test output.
impl std::fmt::Display for MarketIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::ops::Index<MarketIndex> for Dataset {
    type Output = Market;

    /// Panics for an index from another dataset: use [`Dataset::market`] where that can be.
    fn index(&self, index: MarketIndex) -> &Market {
        &self.markets[index.0]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Market {
    pub iso3: String,
    pub iso2: String,
    /// ISO 3166-1 numeric, three digits ("528"): how map geometries name countries.
    pub iso_numeric: String,
    pub name: String,
    /// UN M49 region and sub-region.
    pub region: String,
    pub subregion: String,
    /// ISO 4217.
    pub currency: String,
    pub english_official: Option<bool>,
    /// Other names users write for it: "USA", "Korea, Rep.", "Chinese Taipei".
    pub aliases: Vec<String>,
}

impl Market {
    pub fn new(iso3: &str, iso2: &str, name: &str) -> Self {
        Self {
            iso3: iso3.into(),
            iso2: iso2.into(),
            name: name.into(),
            ..Self::default()
        }
    }
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
    /// Sources other than the indicators' usual ones, and the values that come from them.
    sources: Vec<Source>,
    value_sources: ValueSourceMap,
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
            sources: Vec::new(),
            value_sources: ValueSourceMap::new(),
        })
    }

    /// Parses and validates the indicator dictionary and the market table. Every problem in
    /// either file is reported, located by file, row and column; any problem blocks the load.
    pub fn from_csv(
        dictionary_file: &str,
        dictionary_csv: &str,
        values_file: &str,
        values_csv: &str,
    ) -> Result<Self, LoadError> {
        let dictionary = read_table(dictionary_file, dictionary_csv)?;
        let (indicators, _) = dictionary::parse_dictionary_table(&dictionary)?;
        let table = read_table(values_file, values_csv)?;
        parse_market_table(&table, indicators)
    }

    /// This dataset with each value's own source where it differs from its indicator's usual
    /// one: `sources.csv` (key, name, licence, citation) and `value_sources.csv` (iso3,
    /// indicator, source, note; see [`value_sources`]). Every problem in either file is
    /// reported, located by file, row and column; any problem blocks the load.
    pub fn with_value_sources(
        mut self,
        sources_file: &str,
        sources_csv: &str,
        value_sources_file: &str,
        value_sources_csv: &str,
    ) -> Result<Self, LoadError> {
        let sources = value_sources::parse_sources(sources_file, sources_csv)?;
        self.value_sources = value_sources::parse_value_sources(
            value_sources_file,
            value_sources_csv,
            &self,
            &sources,
            sources_file,
        )?;
        self.sources = sources;
        Ok(self)
    }

    /// The sources other than the indicators' usual ones.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The value's own source when it comes from another source than its indicator's usual one
    /// (`Indicator::source`); None when it has the indicator's source, or no value.
    pub fn value_source(
        &self,
        market: MarketIndex,
        indicator: usize,
    ) -> Option<ValueSourceRef<'_>> {
        let own = self.value_sources.get(&(market, indicator))?;
        Some(ValueSourceRef {
            source: self.sources.get(own.source)?,
            note: &own.note,
        })
    }

    /// Every value that comes from another source than its indicator's usual one, by market
    /// then indicator (the dataset's order).
    pub fn values_with_own_source(
        &self,
    ) -> impl Iterator<Item = (MarketIndex, usize, ValueSourceRef<'_>)> + '_ {
        self.value_sources
            .keys()
            .filter_map(|&(m, i)| self.value_source(m, i).map(|own| (m, i, own)))
    }

    /// How many of the indicator's values come from another source than its usual one.
    pub fn other_source_count(&self, indicator: usize) -> usize {
        self.value_sources
            .keys()
            .filter(|&&(_, i)| i == indicator)
            .count()
    }

    pub fn markets(&self) -> &[Market] {
        &self.markets
    }

    /// Every market's index, in the dataset's order.
    pub fn market_indices(
        &self,
    ) -> impl DoubleEndedIterator<Item = MarketIndex> + ExactSizeIterator + use<> {
        (0..self.markets.len()).map(MarketIndex)
    }

    /// The market at `index`; None for an index from another dataset that this one lacks.
    pub fn market(&self, index: MarketIndex) -> Option<&Market> {
        self.markets.get(index.0)
    }

    /// The market whose ISO3 code is `iso3`.
    pub fn market_index(&self, iso3: &str) -> Option<MarketIndex> {
        self.markets
            .iter()
            .position(|m| m.iso3 == iso3)
            .map(MarketIndex)
    }

    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    pub fn observation(&self, market: MarketIndex, indicator: usize) -> Option<Observation> {
        if indicator >= self.indicators.len() {
            return None;
        }
        self.values
            .get(market.0 * self.indicators.len() + indicator)
            .copied()
            .flatten()
    }

    /// How many markets have a value for the indicator.
    pub fn coverage(&self, indicator: usize) -> usize {
        self.market_indices()
            .filter(|&m| self.observation(m, indicator).is_some())
            .count()
    }

    /// The oldest and newest year among the indicator's values.
    pub fn year_range(&self, indicator: usize) -> Option<(u16, u16)> {
        let years = self
            .market_indices()
            .filter_map(|m| self.observation(m, indicator).and_then(|o| o.year));
        years.fold(None, |range, y| match range {
            None => Some((y, y)),
            Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
        })
    }

    /// Indicators (by index) the market has no value for.
    pub fn missing_for(&self, market: MarketIndex) -> Vec<usize> {
        (0..self.indicators.len())
            .filter(|&i| self.observation(market, i).is_none())
            .collect()
    }

    /// This dataset with the user's data added. `Merge` keeps every bundled indicator and lets
    /// the user's values and dictionary entries win where they overlap; `Replace` keeps only
    /// the indicators the user's files define or give values for, with only the user's values.
    /// Markets (and their reference data) are always kept.
    pub fn with_user_data(&self, user: &UserData, mode: MergeMode) -> Dataset {
        let mut indicators: Vec<Indicator> = match mode {
            MergeMode::Merge => self.indicators.clone(),
            MergeMode::Replace => Vec::new(),
        };
        let mut place =
            |indicator: &Indicator| match indicators.iter().position(|i| i.id == indicator.id) {
                Some(i) => indicators[i] = indicator.clone(),
                None => indicators.push(indicator.clone()),
            };
        for indicator in &user.indicators {
            place(indicator);
        }
        if mode == MergeMode::Replace {
            // Known indicators the user gave values for keep their definition and their order.
            for known in &self.indicators {
                let defined = user.indicators.iter().any(|i| i.id == known.id);
                if !defined && user.values.iter().any(|v| v.indicator == known.id) {
                    place(known);
                }
            }
        }
        // Values the user gives for an illustrative indicator make it the user's: their values
        // alone, no generated number beside them, and no longer marked illustrative.
        let mut made_own: Vec<String> = Vec::new();
        for indicator in indicators.iter_mut() {
            let defined = user.indicators.iter().any(|i| i.id == indicator.id);
            let given = user.values.iter().any(|v| v.indicator == indicator.id);
            if indicator.status == Status::Illustrative && given && !defined {
                made_own.push(indicator.id.clone());
                indicator.status = Status::Measured;
                indicator.label = indicator
                    .label
                    .trim_end_matches(" (illustrative)")
                    .to_owned();
                indicator.source = user.files.join(", ");
                indicator.licence = String::new();
            }
        }
        let width = indicators.len();
        let mut values = vec![None; self.markets.len() * width];
        let mut value_sources = ValueSourceMap::new();
        if mode == MergeMode::Merge {
            for (new_index, indicator) in indicators.iter().enumerate() {
                if made_own.contains(&indicator.id) {
                    continue;
                }
                if let Some(old) = self.indicator_index(&indicator.id) {
                    for m in self.market_indices() {
                        values[m.0 * width + new_index] = self.observation(m, old);
                        if let Some(own) = self.value_sources.get(&(m, old)) {
                            value_sources.insert((m, new_index), own.clone());
                        }
                    }
                }
            }
        }
        for value in &user.values {
            if let Some(i) = indicators.iter().position(|i| i.id == value.indicator) {
                if let Some(slot) = values.get_mut(value.market.0 * width + i) {
                    *slot = Some(value.observation);
                    // The user's value is the user's: the bundled value's source goes with it.
                    value_sources.remove(&(value.market, i));
                }
            }
        }
        Dataset {
            markets: self.markets.clone(),
            indicators,
            values,
            sources: self.sources.clone(),
            value_sources,
        }
    }
}

/// Reads a value cell: empty is missing; anything else must be a finite number in range.
pub(crate) fn parse_value(
    file: &str,
    line: usize,
    column: &str,
    indicator: &Indicator,
    text: &str,
    year_text: Option<&str>,
    problems: &mut Problems,
) -> Option<Observation> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.contains('\n') {
        let first_line = text.lines().next().unwrap_or("");
        problems.push(Problem::error(
            file,
            Some(line),
            Some(column),
            phrase!(
                "a value running over several lines, starting \"{}\"",
                first_line
            ),
            phrase!("one value per cell: a quote (\") opened here is never closed"),
        ));
        return None;
    }
    let value = match text.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        Ok(_) => {
            problems.push(Problem::error(
                file,
                Some(line),
                Some(column),
                phrase!("\"{}\"", text),
                phrase!(
                    "a finite number in {}, or an empty cell for a missing value",
                    Arg::Name(indicator.unit.clone())
                ),
            ));
            return None;
        }
        Err(_) => {
            let expected = if crate::table::has_separators(text) {
                phrase!("a number in {} (without thousands separators or decimal commas), or an empty cell for a missing value", Arg::Name(indicator.unit.clone()))
            } else {
                phrase!(
                    "a number in {}, or an empty cell for a missing value",
                    Arg::Name(indicator.unit.clone())
                )
            };
            problems.push(Problem::error(
                file,
                Some(line),
                Some(column),
                phrase!("\"{}\"", text),
                expected,
            ));
            return None;
        }
    };
    if let Some(expected) = indicator.out_of_range(value) {
        problems.push(Problem::error(
            file,
            Some(line),
            Some(column),
            phrase!("{}", text),
            expected,
        ));
        return None;
    }
    let year = match year_text.map(str::trim).filter(|y| !y.is_empty()) {
        None => indicator.year,
        Some(y) => match parse_year(y) {
            Some(year) => Some(year),
            None => {
                problems.push(Problem::error(
                    file,
                    Some(line),
                    Some(&format!("{}_year", indicator.id)),
                    phrase!("\"{}\"", y),
                    phrase!("a year such as 2023, or an empty cell"),
                ));
                None
            }
        },
    };
    Some(Observation { value, year })
}

/// Columns that name neither a market field nor a year: each must be a known indicator.
pub(crate) fn check_indicator_columns(
    table: &Table,
    indicators: &[Indicator],
    problems: &mut Problems,
) {
    for name in &table.header {
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix("_year").unwrap_or(&lower);
        if RESERVED_COLUMNS.contains(&lower.as_str()) || indicators.iter().any(|i| i.id == base) {
            continue;
        }
        problems.push(Problem::error(
            &table.file,
            Some(1),
            Some(name),
            phrase!("an unknown indicator"),
            phrase!("an indicator id from the dictionary (add it to an indicator dictionary file to bring a new one)"),
        ));
    }
}

fn parse_market_table(table: &Table, indicators: Vec<Indicator>) -> Result<Dataset, LoadError> {
    let file = table.file.as_str();
    let mut problems = Problems::default();
    let Some(iso3_column) = table.column("iso3") else {
        return Err(LoadError::single(Problem::error(
            file,
            Some(1),
            Some("iso3"),
            phrase!("no such column"),
            phrase!("a column named \"iso3\" with each market's ISO 3166-1 alpha-3 code"),
        )));
    };
    check_indicator_columns(table, &indicators, &mut problems);
    let columns: Vec<(Option<usize>, Option<usize>)> = indicators
        .iter()
        .map(|i| (table.column(&i.id), table.column(&format!("{}_year", i.id))))
        .collect();
    let text = |row: &crate::table::Row, name: &str| {
        table
            .column(name)
            .and_then(|c| row.cells.get(c))
            .cloned()
            .unwrap_or_default()
    };
    let mut markets: Vec<Market> = Vec::with_capacity(table.rows.len());
    let mut first_lines: Vec<usize> = Vec::with_capacity(table.rows.len());
    let mut values = Vec::with_capacity(table.rows.len() * indicators.len());
    for row in &table.rows {
        let code = row.cells[iso3_column].to_ascii_uppercase();
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some("iso3"),
                phrase!("\"{}\"", &row.cells[iso3_column]),
                phrase!("a three-letter ISO 3166-1 alpha-3 code"),
            ));
            continue;
        }
        if let Some(first) = markets.iter().position(|m| m.iso3 == code) {
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some("iso3"),
                phrase!("\"{}\" again (first on row {})", code, first_lines[first]),
                phrase!("each market once"),
            ));
            continue;
        }
        let english = text(row, "english_official").to_ascii_lowercase();
        let english_official = match english.as_str() {
            "" => None,
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            other => {
                problems.push(Problem::error(
                    file,
                    Some(row.line),
                    Some("english_official"),
                    phrase!("\"{}\"", other),
                    phrase!("true, false or an empty cell"),
                ));
                None
            }
        };
        for (indicator, &(value_column, year_column)) in indicators.iter().zip(&columns) {
            values.push(value_column.and_then(|c| {
                parse_value(
                    file,
                    row.line,
                    &indicator.id,
                    indicator,
                    &row.cells[c],
                    year_column.map(|y| row.cells[y].as_str()),
                    &mut problems,
                )
            }));
        }
        let name = text(row, "name");
        markets.push(Market {
            iso2: text(row, "iso2").to_ascii_uppercase(),
            iso_numeric: text(row, "iso_numeric"),
            name: if name.is_empty() { code.clone() } else { name },
            iso3: code,
            region: text(row, "region"),
            subregion: text(row, "subregion"),
            currency: text(row, "currency").to_ascii_uppercase(),
            english_official,
            aliases: text(row, "aliases")
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
        });
        first_lines.push(row.line);
    }
    problems
        .finish(Dataset {
            markets,
            indicators,
            values,
            sources: Vec::new(),
            value_sources: ValueSourceMap::new(),
        })
        .map(|(dataset, _)| dataset)
}
