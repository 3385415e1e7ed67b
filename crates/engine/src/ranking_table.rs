//! The ranking table: the candidates as rows, in the order the user sorted them. Which column
//! sorts how, and where markets without a value go, is decided here (tested natively); the
//! app only writes the rows out.

use crate::MarketIndex;
use std::cmp::Ordering;
use std::collections::HashMap;

use crate::candidates::Candidate;
use crate::order::{by_name, missing_last};
use crate::Ranking;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Rank,
    Market,
    Score,
    /// A pillar by its position among the root's children.
    Pillar(usize),
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
    /// Clicking the sorted column flips it; another column starts with its best first
    /// (the lowest rank, the first name, the highest score).
    pub fn clicked(self, column: SortColumn) -> Self {
        if self.column == column {
            return Self {
                column,
                descending: !self.descending,
            };
        }
        let descending = matches!(column, SortColumn::Score | SortColumn::Pillar(_));
        Self { column, descending }
    }
}

/// One candidate as the table lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingRow {
    /// Index into the dataset's markets.
    pub market: MarketIndex,
    /// Rank among the candidates the filters keep.
    pub rank: usize,
    /// Rank among all ranked markets.
    pub world_rank: usize,
    pub score: f64,
    /// Each pillar's score; None where the market has no data for it.
    pub pillar_scores: Vec<Option<f64>>,
    /// The market is one of the `chart_markets` best candidates the chart shows.
    pub in_chart: bool,
}

/// The candidates in the order `sort` asks for. Ties keep the ranking's order, and markets
/// without a value in the sorted pillar come last in both directions. The Market column sorts
/// by `name_order(market)`: the name as the reader looks it up (the interface may translate
/// the dataset's, and spells a Chinese name in pinyin for its order).
pub fn rows<'a>(
    ranking: &Ranking,
    candidates: &[Candidate],
    sort: TableSort,
    chart_markets: usize,
    name_order: impl Fn(MarketIndex) -> &'a str,
) -> Vec<RankingRow> {
    let rank_of: HashMap<usize, usize> = candidates.iter().map(|c| (c.position, c.rank)).collect();
    let mut order: Vec<usize> = candidates.iter().map(|c| c.position).collect();
    let direction = |ordering: Ordering| {
        if sort.descending {
            ordering.reverse()
        } else {
            ordering
        }
    };
    // Every comparison falls back on the position in the ranking, so the order is total and
    // the same on every run; `sort_by` is stable, so ties keep the ranking's order anyway.
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&ranking.scores[a], &ranking.scores[b]);
        let primary = match sort.column {
            SortColumn::Rank => direction(sa.rank.cmp(&sb.rank)),
            SortColumn::Score => missing_last(Some(sa.score), Some(sb.score), sort.descending),
            SortColumn::Market => direction(by_name(name_order(sa.market), name_order(sb.market))),
            SortColumn::Pillar(p) => missing_last(
                sa.pillar_scores.get(p).copied().flatten(),
                sb.pillar_scores.get(p).copied().flatten(),
                sort.descending,
            ),
        };
        primary.then(a.cmp(&b))
    });
    order
        .into_iter()
        .map(|position| {
            let s = &ranking.scores[position];
            let rank = rank_of.get(&position).copied().unwrap_or(s.rank);
            RankingRow {
                market: s.market,
                rank,
                world_rank: s.rank,
                score: s.score,
                pillar_scores: s.pillar_scores.clone(),
                in_chart: rank <= chart_markets,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidates::candidates;
    use crate::test_support::{dataset, ranking};
    use proptest::prelude::*;

    #[test]
    fn a_pillar_with_missing_values_sorts_them_last_both_ways() {
        let r = ranking(&[
            (90.0, None),
            (80.0, Some(10.0)),
            (70.0, Some(f64::NAN)),
            (60.0, Some(30.0)),
            (50.0, None),
        ]);
        let d = dataset(5);
        let c = candidates(&r, |_| true);
        let pillar = |descending| {
            rows(
                &r,
                &c,
                TableSort {
                    column: SortColumn::Pillar(0),
                    descending,
                },
                20,
                |m| d[m].name.as_str(),
            )
            .iter()
            .map(|row| row.market.0)
            .collect::<Vec<_>>()
        };
        // Missing ones keep the ranking's order among themselves: 0 (90), 2 (70), 4 (50).
        assert_eq!(pillar(true), [3, 1, 0, 2, 4]);
        assert_eq!(pillar(false), [1, 3, 0, 2, 4]);
    }

    #[test]
    fn the_market_column_sorts_by_the_name_the_reader_sees() {
        let r = ranking(&[(90.0, None), (80.0, None), (70.0, None)]);
        let c = candidates(&r, |_| true);
        let shown = ["Zeta", "alpha", "Beta"];
        let sort = TableSort {
            column: SortColumn::Market,
            descending: false,
        };
        let order: Vec<usize> = rows(&r, &c, sort, 20, |m| shown[m.0])
            .iter()
            .map(|row| row.market.0)
            .collect();
        assert_eq!(order, [1, 2, 0]);
    }

    #[test]
    fn clicking_flips_the_sorted_column_and_starts_others_best_first() {
        let rank = TableSort::default();
        assert!(rank.clicked(SortColumn::Rank).descending);
        assert!(rank.clicked(SortColumn::Score).descending);
        assert!(rank.clicked(SortColumn::Pillar(3)).descending);
        assert!(!rank.clicked(SortColumn::Market).descending);
    }

    #[test]
    fn a_pillar_the_model_lacks_sorts_nothing_and_crashes_nothing() {
        let r = ranking(&[(90.0, Some(1.0)), (80.0, Some(2.0))]);
        let c = candidates(&r, |_| true);
        let sort = TableSort {
            column: SortColumn::Pillar(7),
            descending: true,
        };
        let order: Vec<usize> = rows(&r, &c, sort, 20, |_| "")
            .iter()
            .map(|row| row.market.0)
            .collect();
        assert_eq!(order, [0, 1]);
    }

    fn cell() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            Just(Some(f64::NAN)),
            (0u8..5).prop_map(|v| Some(f64::from(v)))
        ]
    }

    proptest! {
        // Any column, either direction, any mix of missing values: no panic, every candidate
        // once, missing values last, and the same order from the same input.
        #[test]
        fn every_sort_is_total_and_keeps_missing_values_last(
            cells in proptest::collection::vec(((0u8..6), cell()), 1..30),
            column in 0usize..5,
            descending in any::<bool>(),
            dropped in proptest::collection::vec(any::<bool>(), 30),
        ) {
            let cells: Vec<(f64, Option<f64>)> =
                cells.iter().map(|&(s, p)| (f64::from(s) * 10.0, p)).collect();
            let r = ranking(&cells);
            let d = dataset(cells.len());
            let c = candidates(&r, |m| !dropped[m.0]);
            let column = match column {
                0 => SortColumn::Rank,
                1 => SortColumn::Market,
                2 => SortColumn::Score,
                3 => SortColumn::Pillar(0),
                _ => SortColumn::Pillar(1),
            };
            let sort = TableSort { column, descending };
            let out = rows(&r, &c, sort, 20, |m| d[m].name.as_str());
            let order: Vec<usize> = out.iter().map(|row| row.market.0).collect();
            let again: Vec<usize> = rows(&r, &c, sort, 20, |m| d[m].name.as_str()).iter().map(|row| row.market.0).collect();
            prop_assert_eq!(&order, &again);
            let mut markets = order;
            markets.sort_unstable();
            let mut expected: Vec<usize> = c.iter().map(|k| r.scores[k.position].market.0).collect();
            expected.sort_unstable();
            prop_assert_eq!(markets, expected);
            if column == SortColumn::Pillar(0) {
                let missing: Vec<bool> = out
                    .iter()
                    .map(|row| row.pillar_scores[0].is_none_or(f64::is_nan))
                    .collect();
                let first = missing.iter().position(|&m| m).unwrap_or(missing.len());
                prop_assert!(missing[first..].iter().all(|&m| m));
            }
        }
    }
}
