//! What the Data view lists: each indicator with its provenance and coverage, and each
//! market with what it lacks, worded in the language in use.

use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, Direction, Status};

use crate::i18n::{data_text, t, tf};

/// How far a number can be trusted, in the language in use (`Status::label` stays the
/// English word for CSS classes and CSV files).
pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Measured => t("measured"),
        Status::Approximate => t("approximate"),
        Status::Illustrative => t("illustrative"),
    }
}

/// "100% measured, 0% approximate, 0% illustrative".
pub fn shares_text(shares: &beachhead_engine::weight_status::StatusShares) -> String {
    let pct = |v: f64| format!("{:.0}%", 100.0 * v);
    tf(
        "{} measured, {} approximate, {} illustrative",
        &[
            &pct(shares.measured),
            &pct(shares.approximate),
            &pct(shares.illustrative),
        ],
    )
}

/// "201 of 218"; the "of 218" is translated apart from the number.
pub fn count_of(count: usize, total: usize) -> String {
    format!("{count} {}", tf("of {}", &[&total]))
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub id: String,
    pub label: String,
    pub pillar: String,
    pub unit: String,
    pub direction: &'static str,
    pub status: Status,
    pub source: String,
    pub licence: String,
    /// How many of its values come from another source than `source`.
    pub other_sources: usize,
    pub years: String,
    /// "201 of 218"
    pub coverage: String,
    pub coverage_pct: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow {
    pub iso3: String,
    pub name: String,
    pub region: String,
    pub have: usize,
    pub total: usize,
    /// What it lacks, or, when that is most of the list, the little it has.
    pub gaps: String,
}

pub fn indicator_rows(dataset: &Dataset) -> Vec<IndicatorRow> {
    let markets = dataset.markets().len().max(1);
    dataset
        .indicators()
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let covered = dataset.coverage(i);
            IndicatorRow {
                id: ind.id.clone(),
                label: ind.label.clone(),
                pillar: ind.pillar.clone(),
                unit: ind.unit.clone(),
                direction: match ind.direction {
                    Direction::HigherIsBetter => t("higher is better"),
                    Direction::LowerIsBetter => t("lower is better"),
                },
                status: ind.status,
                source: ind.source.clone(),
                licence: ind.licence.clone(),
                other_sources: dataset.other_source_count(i),
                years: match dataset.year_range(i) {
                    Some((lo, hi)) if lo == hi => lo.to_string(),
                    Some((lo, hi)) => format!("{lo}-{hi}"),
                    None => "–".into(),
                },
                coverage: count_of(covered, dataset.markets().len()),
                coverage_pct: 100.0 * covered as f64 / markets as f64,
            }
        })
        .collect()
}

/// Markets lacking at least one indicator, least covered first.
pub fn coverage_rows(dataset: &Dataset) -> Vec<CoverageRow> {
    let total = dataset.indicators().len();
    let mut rows: Vec<CoverageRow> = dataset
        .markets()
        .iter()
        .enumerate()
        .filter_map(|(m, market)| {
            let missing = dataset.missing_for(MarketIndex(m));
            let label = |i: usize| data_text(&dataset.indicators()[i].label).to_owned();
            let gaps = if missing.len() * 2 > total {
                let present: Vec<String> = (0..total)
                    .filter(|i| !missing.contains(i))
                    .map(label)
                    .collect();
                if present.is_empty() {
                    t("no values at all").to_owned()
                } else {
                    tf("has only: {}", &[&present.join(t(", "))])
                }
            } else {
                let lacking: Vec<String> = missing.iter().map(|&i| label(i)).collect();
                tf("lacks: {}", &[&lacking.join(t(", "))])
            };
            (!missing.is_empty()).then(|| CoverageRow {
                iso3: market.iso3.clone(),
                name: market.name.clone(),
                region: market.region.clone(),
                have: total - missing.len(),
                total,
                gaps,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.have.cmp(&b.have).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// A value from another source than its indicator's usual one.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnSourceRow {
    pub iso3: String,
    pub market: String,
    pub indicator: String,
    pub value: String,
    pub year: String,
    pub source: String,
    pub licence: String,
    pub note: String,
}

/// Every value from another source than its indicator's usual one, by market.
pub fn own_source_rows(dataset: &Dataset) -> Vec<OwnSourceRow> {
    dataset
        .values_with_own_source()
        .map(|(m, i, own)| {
            let indicator = &dataset.indicators()[i];
            let observation = dataset.observation(m, i);
            OwnSourceRow {
                iso3: dataset[m].iso3.clone(),
                market: dataset[m].name.clone(),
                indicator: indicator.label.clone(),
                value: observation
                    .map(|o| crate::format::value(o.value, &indicator.unit))
                    .unwrap_or_default(),
                year: observation
                    .and_then(|o| o.year)
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                source: own.source.name.clone(),
                licence: own.source.licence.clone(),
                note: own.note.to_owned(),
            }
        })
        .collect()
}
