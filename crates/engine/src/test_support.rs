//! Small datasets and rankings for the unit tests of the modules that order and judge
//! candidates, built the way the engine builds them.

use crate::readiness::{assign_ranks, MarketScore};
use crate::MarketIndex;
use crate::{Dataset, Ranking};

/// `n` markets (ISO3 `MAA`, `MAB`, …, named "Market A", "Market B", …) with one indicator.
pub fn dataset(n: usize) -> Dataset {
    let letter = |k: usize| char::from(b'A' + (k % 26) as u8);
    let rows: String = (0..n)
        .map(|i| format!("M{}{},Market {},1\n", letter(i / 26), letter(i), letter(i)))
        .collect();
    let dictionary = "id,label,unit,direction,source,licence\nx,X,u,higher,s,l\n";
    Dataset::from_csv(
        "dictionary",
        dictionary,
        "markets",
        &format!("iso3,name,x\n{rows}"),
    )
    .unwrap_or_else(|e| panic!("test dataset: {e:?}"))
}

/// A ranking of markets 0, 1, … with these scores and one pillar each, best first, ranked
/// as the engine ranks (ties share a rank, equal scores in market order).
pub fn ranking(cells: &[(f64, Option<f64>)]) -> Ranking {
    let mut scores: Vec<MarketScore> = cells
        .iter()
        .enumerate()
        .map(|(market, &(score, pillar))| MarketScore {
            market: MarketIndex(market),
            score,
            rank: 0,
            coverage: 1.0,
            pillar_scores: vec![pillar],
            pillar_points: Vec::new(),
            contributions: Vec::new(),
        })
        .collect();
    scores.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.market.cmp(&b.market)));
    assign_ranks(&mut scores);
    Ranking {
        scores,
        ..Ranking::default()
    }
}

/// `ranking` for scores alone.
pub fn ranking_of(scores: &[f64]) -> Ranking {
    ranking(&scores.iter().map(|&s| (s, None)).collect::<Vec<_>>())
}
