//! The explorer's state and everything derived from it. Signals hold what the user chose
//! (weights, table sort); memos hold what follows (ranking, chart bars, table rows), so views
//! only render.

use std::sync::Arc;

use beachhead_charts::{palette, ranking_chart::RankedBar};
use beachhead_engine::{readiness, Dataset, Direction, Ranking, ReadinessModel};
use leptos::prelude::*;

use crate::format;

/// How many markets the chart shows; the table lists them all.
pub const CHART_MARKETS: usize = 20;
/// Slider range for a criterion's weight. Integers keep the shares easy to read aloud.
pub const WEIGHT_MAX: f64 = 10.0;

/// What the page shows about one criterion of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionInfo {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub source: String,
    pub licence: String,
    /// "2017-2024", or "2022" when all values share a year.
    pub years: String,
    pub color: String,
    pub log_transform: bool,
    pub lower_is_better: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Rank,
    Market,
    Score,
    Criterion(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Default for TableSort {
    fn default() -> Self {
        Self {
            column: SortColumn::Rank,
            descending: false,
        }
    }
}

impl TableSort {
    /// Clicking the sorted column flips it; another column starts with its best first.
    pub fn clicked(self, column: SortColumn, criteria: &[CriterionInfo]) -> Self {
        if self.column == column {
            return Self {
                column,
                descending: !self.descending,
            };
        }
        let descending = match column {
            SortColumn::Rank | SortColumn::Market => false,
            SortColumn::Score => true,
            SortColumn::Criterion(i) => !criteria.get(i).is_some_and(|c| c.lower_is_better),
        };
        Self { column, descending }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    pub text: String,
    /// The value's year, or why it is missing.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub iso3: String,
    pub rank: usize,
    pub market: String,
    pub score: String,
    pub cells: Vec<TableCell>,
    pub in_chart: bool,
}

#[derive(Clone, Copy)]
pub struct Explorer {
    pub criteria: StoredValue<Vec<CriterionInfo>>,
    pub default_weights: StoredValue<Vec<f64>>,
    pub weights: RwSignal<Vec<f64>>,
    pub sort: RwSignal<TableSort>,
    pub ranking: Memo<Ranking>,
    pub weight_shares: Memo<Vec<f64>>,
    pub chart_bars: Memo<Vec<RankedBar>>,
    pub chart_summary: Memo<String>,
    pub table_rows: Memo<Vec<TableRow>>,
    /// Names of markets left unranked for want of data.
    pub unranked: Memo<Vec<String>>,
}

impl Explorer {
    pub fn new(dataset: Arc<Dataset>, model: ReadinessModel) -> Self {
        let criteria = criterion_info(&dataset, &model);
        let default_weights: Vec<f64> = model.criteria.iter().map(|c| c.weight).collect();
        let weights = RwSignal::new(default_weights.clone());
        let sort = RwSignal::new(TableSort::default());

        let ranking = {
            let dataset = Arc::clone(&dataset);
            Memo::new(move |_| {
                let mut model = model.clone();
                weights.with(|w| {
                    for (criterion, &weight) in model.criteria.iter_mut().zip(w) {
                        criterion.weight = weight;
                    }
                });
                readiness::score(&dataset, &model)
            })
        };
        let weight_shares = Memo::new(move |_| {
            weights.with(|w| {
                let total: f64 = w.iter().filter(|w| **w > 0.0).sum();
                w.iter()
                    .map(|&w| if total > 0.0 { w.max(0.0) / total } else { 0.0 })
                    .collect()
            })
        });
        let chart_bars = {
            let dataset = Arc::clone(&dataset);
            Memo::new(move |_| {
                ranking.with(|r| {
                    r.scores
                        .iter()
                        .take(CHART_MARKETS)
                        .map(|s| RankedBar {
                            rank: s.rank,
                            label: dataset.markets()[s.market].name.clone(),
                            score: s.score,
                            segments: s.contributions.iter().map(|c| c.unwrap_or(0.0)).collect(),
                        })
                        .collect()
                })
            })
        };
        let chart_summary = Memo::new(move |_| {
            let total = ranking.with(|r| r.scores.len());
            chart_bars.with(|bars: &Vec<RankedBar>| {
                let listed: Vec<String> = bars
                    .iter()
                    .map(|b| format!("{}. {} {:.1}", b.rank, b.label, b.score))
                    .collect();
                format!(
                    "Top {} of {total} markets by readiness score (0-100): {}",
                    bars.len(),
                    listed.join("; ")
                )
            })
        });
        let criteria = StoredValue::new(criteria);
        let table_rows = {
            let dataset = Arc::clone(&dataset);
            Memo::new(move |_| {
                let sort = sort.get();
                let model_indicators: Vec<Option<usize>> = criteria
                    .with_value(|c| c.iter().map(|c| dataset.indicator_index(&c.id)).collect());
                ranking.with(|r| table(&dataset, r, &model_indicators, sort, criteria))
            })
        };
        let unranked = {
            let dataset = Arc::clone(&dataset);
            Memo::new(move |_| {
                ranking.with(|r| {
                    r.excluded
                        .iter()
                        .map(|&m| dataset.markets()[m].name.clone())
                        .collect()
                })
            })
        };
        Self {
            criteria,
            default_weights: StoredValue::new(default_weights),
            weights,
            sort,
            ranking,
            weight_shares,
            chart_bars,
            chart_summary,
            table_rows,
            unranked,
        }
    }
}

fn criterion_info(dataset: &Dataset, model: &ReadinessModel) -> Vec<CriterionInfo> {
    model
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let index = dataset.indicator_index(&c.indicator);
            let indicator = index.map(|i| &dataset.indicators()[i]);
            let years: Vec<u16> = index
                .map(|ind| {
                    (0..dataset.markets().len())
                        .filter_map(|m| dataset.observation(m, ind).and_then(|o| o.year))
                        .collect()
                })
                .unwrap_or_default();
            let years = match (years.iter().min(), years.iter().max()) {
                (Some(lo), Some(hi)) if lo == hi => lo.to_string(),
                (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
                _ => "year not given".into(),
            };
            CriterionInfo {
                id: c.indicator.clone(),
                label: indicator.map_or_else(|| c.indicator.clone(), |i| i.label.clone()),
                unit: indicator.map(|i| i.unit.clone()).unwrap_or_default(),
                source: indicator.map(|i| i.source.clone()).unwrap_or_default(),
                licence: indicator.map(|i| i.licence.clone()).unwrap_or_default(),
                years,
                color: palette::css_hex(palette::series(i)),
                log_transform: c.log_transform,
                lower_is_better: indicator.is_some_and(|i| i.direction == Direction::LowerIsBetter),
            }
        })
        .collect()
}

fn table(
    dataset: &Dataset,
    ranking: &Ranking,
    indicators: &[Option<usize>],
    sort: TableSort,
    criteria: StoredValue<Vec<CriterionInfo>>,
) -> Vec<TableRow> {
    let raw = |market: usize, column: usize| {
        indicators[column].and_then(|ind| dataset.observation(market, ind))
    };
    let mut order: Vec<usize> = (0..ranking.scores.len()).collect();
    // Each column's ascending order; `descending` reverses it.
    order.sort_by(|a, b| {
        let (sa, sb) = (&ranking.scores[*a], &ranking.scores[*b]);
        let ascending = match sort.column {
            SortColumn::Rank => sa.rank.cmp(&sb.rank),
            SortColumn::Score => sa.score.total_cmp(&sb.score),
            SortColumn::Market => dataset.markets()[sa.market]
                .name
                .cmp(&dataset.markets()[sb.market].name),
            SortColumn::Criterion(c) => match (raw(sa.market, c), raw(sb.market, c)) {
                (Some(x), Some(y)) => x.value.total_cmp(&y.value),
                _ => std::cmp::Ordering::Equal,
            },
        };
        if sort.descending {
            ascending.reverse()
        } else {
            ascending
        }
    });
    if let SortColumn::Criterion(c) = sort.column {
        // Keep markets without the value at the bottom in both directions.
        order.sort_by_key(|&i| raw(ranking.scores[i].market, c).is_none());
    }
    let units: Vec<String> = criteria.with_value(|c| c.iter().map(|c| c.unit.clone()).collect());
    order
        .into_iter()
        .map(|i| {
            let s = &ranking.scores[i];
            let market = &dataset.markets()[s.market];
            TableRow {
                iso3: market.iso3.clone(),
                rank: s.rank,
                market: market.name.clone(),
                score: format!("{:.1}", s.score),
                cells: (0..indicators.len())
                    .map(|c| match raw(s.market, c) {
                        Some(o) => TableCell {
                            text: format::value(o.value, &units[c]),
                            note: o
                                .year
                                .map_or_else(|| "year not given".into(), |y| y.to_string()),
                        },
                        None => TableCell {
                            text: "–".into(),
                            note: "no data".into(),
                        },
                    })
                    .collect(),
                in_chart: i < CHART_MARKETS,
            }
        })
        .collect()
}
