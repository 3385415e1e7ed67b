//! The explorer's state and everything derived from it. Signals hold what the user chose
//! (the dataset in use, weights, table sort); memos hold what follows (model, ranking, chart
//! bars, table rows), so views only render.

use std::collections::BTreeMap;
use std::sync::Arc;

use beachhead_charts::{palette, ranking_chart::RankedBar};
use beachhead_engine::{readiness, Criterion, Dataset, Direction, Ranking, ReadinessModel, Status};
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
    pub status: Status,
    /// The indicator is not in the dataset in use (for example after replacing it).
    pub unavailable: bool,
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
    pub dataset: Signal<Arc<Dataset>>,
    pub criteria: Memo<Vec<CriterionInfo>>,
    /// Weight per indicator id; criteria not in the map weigh 0.
    pub weights: RwSignal<BTreeMap<String, f64>>,
    pub default_weights: StoredValue<BTreeMap<String, f64>>,
    pub sort: RwSignal<TableSort>,
    pub model: Memo<ReadinessModel>,
    pub ranking: Memo<Ranking>,
    pub weight_shares: Memo<Vec<f64>>,
    pub chart_bars: Memo<Vec<RankedBar>>,
    pub chart_summary: Memo<String>,
    pub table_rows: Memo<Vec<TableRow>>,
    /// Names of markets left unranked for want of data.
    pub unranked: Memo<Vec<String>>,
}

impl Explorer {
    /// `base` is the model to start from; indicators the dataset gains beyond `bundled_ids`
    /// (the user's own) join it with weight 0, for the user to raise.
    pub fn new(
        dataset: Signal<Arc<Dataset>>,
        base: ReadinessModel,
        bundled_ids: Vec<String>,
    ) -> Self {
        let default_weights: BTreeMap<String, f64> = base
            .criteria
            .iter()
            .map(|c| (c.indicator.clone(), c.weight))
            .collect();
        let weights = RwSignal::new(default_weights.clone());
        let sort = RwSignal::new(TableSort::default());

        let model = Memo::new(move |_| {
            let mut criteria: Vec<Criterion> = base.criteria.clone();
            dataset.with(|d| {
                for indicator in d.indicators() {
                    if !bundled_ids.contains(&indicator.id)
                        && !criteria.iter().any(|c| c.indicator == indicator.id)
                    {
                        criteria.push(Criterion {
                            indicator: indicator.id.clone(),
                            weight: 0.0,
                            log_transform: false,
                        });
                    }
                }
            });
            weights.with(|w| {
                for c in &mut criteria {
                    c.weight = w.get(&c.indicator).copied().unwrap_or(0.0);
                }
            });
            ReadinessModel {
                criteria,
                min_coverage: base.min_coverage,
            }
        });
        // Criteria info changes with the dataset, not with every weight move.
        let criterion_ids = Memo::new(move |_| {
            model.with(|m| {
                m.criteria
                    .iter()
                    .map(|c| (c.indicator.clone(), c.log_transform))
                    .collect::<Vec<_>>()
            })
        });
        let criteria =
            Memo::new(move |_| criterion_ids.with(|ids| dataset.with(|d| criterion_info(d, ids))));
        let ranking = Memo::new(move |_| dataset.with(|d| model.with(|m| readiness::score(d, m))));
        // Only criteria the dataset has count, as in the score itself.
        let weight_shares = Memo::new(move |_| {
            dataset.with(|d| {
                model.with(|m| {
                    let effective: Vec<f64> = m
                        .criteria
                        .iter()
                        .map(|c| match d.indicator_index(&c.indicator) {
                            Some(_) => c.weight.max(0.0),
                            None => 0.0,
                        })
                        .collect();
                    let total: f64 = effective.iter().sum();
                    effective
                        .iter()
                        .map(|w| if total > 0.0 { w / total } else { 0.0 })
                        .collect()
                })
            })
        });
        let chart_bars = Memo::new(move |_| {
            dataset.with(|d| {
                ranking.with(|r| {
                    r.scores
                        .iter()
                        .take(CHART_MARKETS)
                        .map(|s| RankedBar {
                            rank: s.rank,
                            label: d.markets()[s.market].name.clone(),
                            score: s.score,
                            segments: s.contributions.iter().map(|c| c.unwrap_or(0.0)).collect(),
                        })
                        .collect()
                })
            })
        });
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
        let table_rows = Memo::new(move |_| {
            let sort = sort.get();
            dataset.with(|d| criteria.with(|c| ranking.with(|r| table(d, r, c, sort))))
        });
        let unranked = Memo::new(move |_| {
            dataset.with(|d| {
                ranking.with(|r| {
                    r.excluded
                        .iter()
                        .map(|&m| d.markets()[m].name.clone())
                        .collect()
                })
            })
        });
        Self {
            dataset,
            criteria,
            weights,
            default_weights: StoredValue::new(default_weights),
            sort,
            model,
            ranking,
            weight_shares,
            chart_bars,
            chart_summary,
            table_rows,
            unranked,
        }
    }

    /// Sets one criterion's weight, clamped to the slider's range.
    pub fn set_weight(&self, id: &str, weight: f64) {
        let weight = if weight.is_finite() {
            weight.clamp(0.0, WEIGHT_MAX)
        } else {
            0.0
        };
        self.weights.update(|w| {
            w.insert(id.to_owned(), weight);
        });
    }
}

fn criterion_info(dataset: &Dataset, criteria: &[(String, bool)]) -> Vec<CriterionInfo> {
    criteria
        .iter()
        .enumerate()
        .map(|(i, (id, log_transform))| {
            let index = dataset.indicator_index(id);
            let indicator = index.map(|i| &dataset.indicators()[i]);
            let years = match index.and_then(|i| dataset.year_range(i)) {
                Some((lo, hi)) if lo == hi => lo.to_string(),
                Some((lo, hi)) => format!("{lo}-{hi}"),
                None => "year not given".into(),
            };
            CriterionInfo {
                id: id.clone(),
                label: indicator.map_or_else(|| id.clone(), |i| i.label.clone()),
                unit: indicator.map(|i| i.unit.clone()).unwrap_or_default(),
                source: indicator.map(|i| i.source.clone()).unwrap_or_default(),
                licence: indicator.map(|i| i.licence.clone()).unwrap_or_default(),
                years,
                color: palette::css_hex(palette::series(i)),
                log_transform: *log_transform,
                lower_is_better: indicator.is_some_and(|i| i.direction == Direction::LowerIsBetter),
                status: indicator.map_or(Status::Measured, |i| i.status),
                unavailable: indicator.is_none(),
            }
        })
        .collect()
}

fn table(
    dataset: &Dataset,
    ranking: &Ranking,
    criteria: &[CriterionInfo],
    sort: TableSort,
) -> Vec<TableRow> {
    let indicators: Vec<Option<usize>> = criteria
        .iter()
        .map(|c| dataset.indicator_index(&c.id))
        .collect();
    let raw = |market: usize, column: usize| {
        indicators
            .get(column)
            .copied()
            .flatten()
            .and_then(|ind| dataset.observation(market, ind))
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
                cells: (0..criteria.len())
                    .map(|c| match raw(s.market, c) {
                        Some(o) => TableCell {
                            text: format::value(o.value, &criteria[c].unit),
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
