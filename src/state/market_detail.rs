//! What the market view shows: a market's pillar profile against its region's median and the
//! top candidates' median, and every indicator with its raw value, source, year, normalised
//! value and the points it adds.

use beachhead_engine::candidates::Candidate;
use beachhead_engine::market_profile::market_profile;
use beachhead_engine::readiness::Prepared;
use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, IndexModel, Ranking, Status};

use crate::format;
use crate::i18n::t;

/// How many of the best candidates make "the top markets".
pub const TOP_MARKETS: usize = 10;

#[derive(Debug, Clone, PartialEq)]
pub struct PillarComparison {
    pub label: String,
    pub market: Option<f64>,
    pub region_median: Option<f64>,
    pub top_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorLine {
    pub pillar: String,
    pub label: String,
    /// The raw value in its unit, or "no data".
    pub value: String,
    pub unit: String,
    pub year: String,
    /// The value's own source where it has one, else its indicator's.
    pub source: String,
    /// The name of the value's own source, when it comes from another source than its
    /// indicator's usual one.
    pub own_source: Option<String>,
    pub status: Status,
    /// 0-100 after normalisation (higher is better).
    pub normalised: Option<f64>,
    /// Points this indicator adds to the score.
    pub points: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarketDetail {
    pub iso3: String,
    pub name: String,
    /// "Asia · Eastern Asia · HKD · English official"
    pub facts: String,
    pub score: Option<f64>,
    pub world_rank: Option<usize>,
    pub candidate_rank: Option<usize>,
    pub coverage: Option<f64>,
    pub region: String,
    pub pillars: Vec<PillarComparison>,
    pub indicators: Vec<IndicatorLine>,
}

/// The market's profile from the engine, worded for the page. `prepared` is the ranking's
/// own normalised data.
pub fn market_detail(
    dataset: &Dataset,
    model: &IndexModel,
    prepared: &Prepared,
    ranking: &Ranking,
    candidates: &[Candidate],
    market: MarketIndex,
) -> Option<MarketDetail> {
    let m = dataset.market(market)?;
    let profile = market_profile(
        dataset,
        model,
        prepared,
        ranking,
        candidates,
        market,
        TOP_MARKETS,
    )?;
    let pillar_label = |p: usize| {
        model
            .pillars()
            .get(p)
            .map(|n| n.display_label().to_owned())
            .unwrap_or_default()
    };
    let leaves = model.root.leaves();
    let pillars = profile
        .pillars
        .iter()
        .map(|c| PillarComparison {
            label: pillar_label(c.pillar),
            market: c.market,
            region_median: c.region_median,
            top_median: c.top_median,
        })
        .collect();
    let indicators = profile
        .indicators
        .iter()
        .map(|line| {
            let indicator = line.indicator.map(|i| &dataset.indicators()[i]);
            let own = line
                .indicator
                .filter(|_| line.observation.is_some())
                .and_then(|i| dataset.value_source(market, i));
            let leaf = leaves.get(line.leaf);
            let unit = indicator.map(|i| i.unit.clone()).unwrap_or_default();
            let label = match leaf {
                Some(l) if !l.label.is_empty() => l.label.clone(),
                _ => indicator.map_or_else(
                    || leaf.and_then(|l| l.indicator.clone()).unwrap_or_default(),
                    |i| i.label.clone(),
                ),
            };
            IndicatorLine {
                pillar: pillar_label(line.pillar),
                label,
                value: line
                    .observation
                    .map_or_else(|| t("no data").into(), |o| format::value(o.value, &unit)),
                year: line
                    .observation
                    .and_then(|o| o.year)
                    .map_or_else(String::new, |y| y.to_string()),
                unit,
                source: own
                    .map(|own| value_source_text(&own))
                    .or_else(|| indicator.map(|i| i.source.clone()))
                    .unwrap_or_default(),
                own_source: own.map(|own| own.source.name.clone()),
                status: indicator.map_or(Status::Measured, |i| i.status),
                normalised: line.normalised,
                points: line.points,
            }
        })
        .collect();
    let english = match m.english_official {
        Some(true) => t("English official"),
        Some(false) => t("English not official"),
        None => t("official languages unknown"),
    };
    let facts = [
        m.region.as_str(),
        m.subregion.as_str(),
        m.currency.as_str(),
        english,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" · ");
    Some(MarketDetail {
        iso3: m.iso3.clone(),
        name: m.name.clone(),
        facts,
        score: profile.score,
        world_rank: profile.world_rank,
        candidate_rank: profile.candidate_rank,
        coverage: profile.coverage,
        region: m.region.clone(),
        pillars,
        indicators,
    })
}

/// A value's own source as the views print it: "name (licence): note".
pub fn value_source_text(own: &beachhead_engine::ValueSourceRef<'_>) -> String {
    let source = format!("{} ({})", own.source.name, own.source.licence);
    if own.note.is_empty() {
        source
    } else {
        format!("{source}: {}", own.note)
    }
}

/// One of a market's values as a view cites it: "16.5% (source)", the source being the value's
/// own where it has one (then `own` is true), else its indicator's; None when the market has no
/// value or the dataset lacks the indicator.
pub fn cited_value(
    dataset: &Dataset,
    market: MarketIndex,
    indicator_id: &str,
) -> Option<CitedValue> {
    let i = dataset.indicator_index(indicator_id)?;
    let indicator = &dataset.indicators()[i];
    let observation = dataset.observation(market, i)?;
    let own = dataset.value_source(market, i);
    Some(CitedValue {
        value: with_unit(
            &format::value(observation.value, &indicator.unit),
            &indicator.unit,
        ),
        source: own
            .as_ref()
            .map_or_else(|| indicator.source.clone(), value_source_text),
        own: own.is_some(),
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct CitedValue {
    pub value: String,
    pub source: String,
    pub own: bool,
}

/// "16.5% of CIF value", "12 centres".
fn with_unit(value: &str, unit: &str) -> String {
    if unit.starts_with('%') {
        format!("{value}{unit}")
    } else if unit.is_empty() {
        value.to_owned()
    } else {
        format!("{value} {unit}")
    }
}

impl MarketDetail {
    /// The sources other than the indicators' usual ones this market's values come from, each
    /// with the labels of its values, in the order the values are listed.
    pub fn own_sources(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for line in &self.indicators {
            let Some(source) = &line.own_source else {
                continue;
            };
            match out.iter_mut().find(|(s, _)| s == source) {
                Some((_, labels)) => labels.push(line.label.clone()),
                None => out.push((source.clone(), vec![line.label.clone()])),
            }
        }
        out
    }
}
