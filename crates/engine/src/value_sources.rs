//! A value's own source, where it differs from its indicator's usual one: Taiwan's population
//! from the IMF's World Economic Outlook, a territory's Internet use from the CIA World
//! Factbook, while the indicator's source is the World Bank. Every value keeps its own source,
//! year and licence, and a view showing the value can say so.
//!
//! Two files: `sources.csv` (key, name, licence, citation), the catalogue of other sources, and
//! `value_sources.csv` (iso3, indicator, source, note), one row per value that comes from one
//! of them. They sit beside `markets.csv` rather than in it, so that file keeps one value and
//! one year per indicator, and a dataset without them (the user's files, an older bundle)
//! loads as before: its values simply have their indicator's source.

use std::collections::BTreeMap;

use crate::dataset::{Dataset, MarketIndex};
use crate::phrase::Phrase;
use crate::problem::{LoadError, Problem, Problems};
use crate::table::{read_table_maybe_empty, Row, Table};

/// A source other than an indicator's usual one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Short and stable, as `value_sources.csv` names it: "imf-weo-2025-10".
    pub key: String,
    pub name: String,
    pub licence: String,
    /// Where exactly: edition, repository and commit, file.
    pub citation: String,
}

/// One value's own source: an index into the dataset's sources, and what a reader needs beside
/// the source's name ("Factbook text '128 (2024 est.)'", "last actual 2023").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueSource {
    pub source: usize,
    pub note: String,
}

/// A value's own source, as the views show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueSourceRef<'a> {
    pub source: &'a Source,
    pub note: &'a str,
}

/// Each value's own source, by (market, indicator) position in a dataset.
pub(crate) type ValueSourceMap = BTreeMap<(MarketIndex, usize), ValueSource>;

fn cell(table: &Table, row: &Row, name: &str) -> String {
    table
        .column(name)
        .and_then(|c| row.cells.get(c))
        .map(|c| c.trim().to_owned())
        .unwrap_or_default()
}

fn require_columns(table: &Table, names: &[&str], what: Phrase) -> Result<(), LoadError> {
    let problems: Vec<Problem> = names
        .iter()
        .filter(|n| table.column(n).is_none())
        .map(|n| {
            Problem::error(
                &table.file,
                Some(1),
                Some(n),
                phrase!("no such column"),
                phrase!("a column named \"{}\" ({})", *n, what.clone()),
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(LoadError { problems })
    }
}

/// Reads `sources.csv`: every source has a unique key, a name and a licence (a value without
/// its licence could not be reused), and optionally a citation.
pub fn parse_sources(file: &str, text: &str) -> Result<Vec<Source>, LoadError> {
    let table = read_table_maybe_empty(file, text)?;
    require_columns(
        &table,
        &["key", "name", "licence"],
        phrase!("each source's key, name and licence"),
    )?;
    let mut problems = Problems::default();
    let mut sources: Vec<Source> = Vec::new();
    for row in &table.rows {
        let source = Source {
            key: cell(&table, row, "key"),
            name: cell(&table, row, "name"),
            licence: cell(&table, row, "licence"),
            citation: cell(&table, row, "citation"),
        };
        let mut empty = |column: &str, expected: Phrase| {
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some(column),
                phrase!("an empty cell"),
                expected,
            ));
        };
        if source.key.is_empty() {
            empty(
                "key",
                phrase!("a short key that value_sources.csv names the source by"),
            );
            continue;
        }
        if source.name.is_empty() {
            empty("name", phrase!("the source's name"));
        }
        if source.licence.is_empty() {
            empty(
                "licence",
                phrase!("the licence its values may be reused under"),
            );
        }
        if sources.iter().any(|s| s.key == source.key) {
            problems.push(Problem::error(
                file,
                Some(row.line),
                Some("key"),
                phrase!("\"{}\" a second time", source.key.as_str()),
                phrase!("each source once"),
            ));
            continue;
        }
        sources.push(source);
    }
    problems.finish(sources).map(|(sources, _)| sources)
}

/// Reads `value_sources.csv` against the dataset's markets, indicators and values and the
/// sources: every row names a market and an indicator of the dataset for which it has a
/// value (a source says where a value came from; a gap has none), and a source key of
/// `sources`, each value once.
pub(crate) fn parse_value_sources(
    file: &str,
    text: &str,
    dataset: &Dataset,
    sources: &[Source],
    sources_file: &str,
) -> Result<ValueSourceMap, LoadError> {
    let table = read_table_maybe_empty(file, text)?;
    require_columns(
        &table,
        &["iso3", "indicator", "source"],
        phrase!("the market, the indicator and the key of the value's source"),
    )?;
    let mut problems = Problems::default();
    let mut out = ValueSourceMap::new();
    let mut first_lines: BTreeMap<(MarketIndex, usize), usize> = BTreeMap::new();
    for row in &table.rows {
        let iso3 = cell(&table, row, "iso3").to_ascii_uppercase();
        let indicator_id = cell(&table, row, "indicator");
        let key = cell(&table, row, "source");
        let error = |column: &str, found: Phrase, expected: Phrase| {
            Problem::error(file, Some(row.line), Some(column), found, expected)
        };
        let market = dataset.market_index(&iso3);
        let indicator = dataset.indicator_index(&indicator_id);
        let source = sources.iter().position(|s| s.key == key);
        if market.is_none() {
            problems.push(error(
                "iso3",
                phrase!("\"{}\"", iso3.as_str()),
                phrase!("the ISO3 code of a market in the market table"),
            ));
        }
        if indicator.is_none() {
            problems.push(error(
                "indicator",
                phrase!("\"{}\"", indicator_id.as_str()),
                phrase!("an indicator id from the dictionary"),
            ));
        }
        if source.is_none() {
            let keys: Vec<&str> = sources.iter().map(|s| s.key.as_str()).collect();
            let expected = if keys.is_empty() {
                phrase!("a key of {}, which lists no source", sources_file)
            } else {
                phrase!("a key of {}: {}", sources_file, keys.join(", "))
            };
            problems.push(error("source", phrase!("\"{}\"", key.as_str()), expected));
        }
        let (Some(market), Some(indicator), Some(source)) = (market, indicator, source) else {
            continue;
        };
        if dataset.observation(market, indicator).is_none() {
            problems.push(error(
                "indicator",
                phrase!("no value of {} for {}", indicator_id.as_str(), iso3.as_str()),
                phrase!("a market and indicator with a value: a source says where a value came from, and a gap has none"),
            ));
            continue;
        }
        if let Some(first) = first_lines.get(&(market, indicator)) {
            problems.push(error(
                "indicator",
                phrase!(
                    "{} {} again (first on row {})",
                    iso3.as_str(),
                    indicator_id.as_str(),
                    *first
                ),
                phrase!("each value's source once"),
            ));
            continue;
        }
        first_lines.insert((market, indicator), row.line);
        out.insert(
            (market, indicator),
            ValueSource {
                source,
                note: cell(&table, row, "note"),
            },
        );
    }
    problems.finish(out).map(|(out, _)| out)
}
