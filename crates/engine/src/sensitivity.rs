//! One-at-a-time weight sensitivity for one market: each weight in the model moved down and up
//! by a share of itself, everything else held, and the market's score and rank recorded. The
//! tornado chart draws the result, widest swing first.

use crate::dataset::Dataset;
use crate::index_model::IndexModel;
use crate::readiness::Prepared;

#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    pub node: String,
    pub label: String,
    pub score_low: f64,
    pub score_high: f64,
    pub rank_low: usize,
    pub rank_high: usize,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.score_high - self.score_low).abs()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    pub market: usize,
    pub base_score: f64,
    pub base_rank: usize,
    /// The share each weight moves (0.5: from half to one and a half times the weight).
    pub swing: f64,
    /// Widest first.
    pub swings: Vec<Swing>,
}

/// None when the market is not ranked under the model.
pub fn tornado(
    dataset: &Dataset,
    model: &IndexModel,
    market: usize,
    swing: f64,
) -> Option<Tornado> {
    let prepared = Prepared::new(dataset, model);
    let base = prepared.score(model, &model.root, model.min_coverage);
    let base_market = base.of_market(market)?;
    let mut nodes = Vec::new();
    model.root.visit(&mut |n| {
        if n.id != model.root.id && n.weight > 0.0 {
            nodes.push((n.id.clone(), n.display_label().to_owned(), n.weight));
        }
    });
    let at = |id: &str, weight: f64| {
        let mut varied = model.clone();
        varied.set_weight(id, weight);
        let ranking = prepared.score(&varied, &varied.root, 0.0);
        ranking
            .of_market(market)
            .map_or((f64::NAN, usize::MAX), |s| (s.score, s.rank))
    };
    let mut swings: Vec<Swing> = nodes
        .into_iter()
        .map(|(id, label, weight)| {
            let (score_low, rank_low) = at(&id, weight * (1.0 - swing));
            let (score_high, rank_high) = at(&id, weight * (1.0 + swing));
            Swing {
                node: id,
                label,
                score_low,
                score_high,
                rank_low,
                rank_high,
            }
        })
        .collect();
    swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
    Some(Tornado {
        market,
        base_score: base_market.score,
        base_rank: base_market.rank,
        swing,
        swings,
    })
}
