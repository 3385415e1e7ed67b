//! What the market view shows: a market's pillar profile against its region's median and the
//! top candidates' median, and every indicator with its raw value, source, year, normalised
//! value and the points it adds.

use beachhead_engine::readiness::Prepared;
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
    pub source: String,
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

/// The engine's median (NaNs left out), by the signature the views call.
pub fn median(values: Vec<f64>) -> Option<f64> {
    beachhead_engine::stats::median(values)
}

pub fn market_detail(
    dataset: &Dataset,
    model: &IndexModel,
    ranking: &Ranking,
    candidates: &[(usize, usize)],
    market: usize,
) -> Option<MarketDetail> {
    let m = dataset.markets().get(market)?;
    let scored = ranking.of_market(market);
    let position = ranking.scores.iter().position(|s| s.market == market);
    let candidate_rank = position.and_then(|p| {
        candidates
            .iter()
            .find(|&&(i, _)| i == p)
            .map(|&(_, rank)| rank)
    });
    let region_scores: Vec<&beachhead_engine::MarketScore> = ranking
        .scores
        .iter()
        .filter(|s| dataset.markets()[s.market].region == m.region)
        .collect();
    let top: Vec<&beachhead_engine::MarketScore> = candidates
        .iter()
        .take(TOP_MARKETS)
        .map(|&(i, _)| &ranking.scores[i])
        .collect();
    let pillar_median = |scores: &[&beachhead_engine::MarketScore], p: usize| {
        median(
            scores
                .iter()
                .filter_map(|s| s.pillar_scores.get(p).copied().flatten())
                .collect(),
        )
    };
    let pillars = model
        .pillars()
        .iter()
        .enumerate()
        .map(|(p, pillar)| PillarComparison {
            label: pillar.display_label().to_owned(),
            market: scored.and_then(|s| s.pillar_scores.get(p).copied().flatten()),
            region_median: pillar_median(&region_scores, p),
            top_median: pillar_median(&top, p),
        })
        .collect();

    let prepared = Prepared::new(dataset, model);
    let mut indicators = Vec::new();
    let mut leaf_position = 0;
    for pillar in model.pillars() {
        for leaf in pillar.leaves() {
            let position = leaf_position;
            leaf_position += 1;
            let id = leaf.indicator.clone().unwrap_or_default();
            let index = dataset.indicator_index(&id);
            let indicator = index.map(|i| &dataset.indicators()[i]);
            let observation = index.and_then(|i| dataset.observation(market, i));
            let unit = indicator.map(|i| i.unit.clone()).unwrap_or_default();
            indicators.push(IndicatorLine {
                pillar: pillar.display_label().to_owned(),
                label: if leaf.label.is_empty() {
                    indicator.map_or(id.clone(), |i| i.label.clone())
                } else {
                    leaf.label.clone()
                },
                value: observation
                    .map_or_else(|| t("no data").into(), |o| format::value(o.value, &unit)),
                year: observation
                    .and_then(|o| o.year)
                    .map_or_else(String::new, |y| y.to_string()),
                unit,
                source: indicator.map(|i| i.source.clone()).unwrap_or_default(),
                status: indicator.map_or(Status::Measured, |i| i.status),
                normalised: prepared
                    .leaves
                    .get(position)
                    .and_then(|l| l.values.get(market).copied().flatten())
                    .map(|v| 100.0 * v),
                points: scored.and_then(|s| s.contributions.get(position).copied().flatten()),
            });
        }
    }
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
        score: scored.map(|s| s.score),
        world_rank: scored.map(|s| s.rank),
        candidate_rank,
        coverage: scored.map(|s| s.coverage),
        region: m.region.clone(),
        pillars,
        indicators,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(super::median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(super::median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(super::median(vec![]), None);
    }
}
