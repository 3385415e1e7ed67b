//! One-at-a-time weight sensitivity for one market: each weight in the model moved down and up
//! by a share of itself, everything else held, and the market's score and rank recorded. The
//! tornado chart draws the result, widest swing first.

use crate::compiled_model::CompiledModel;
use crate::dataset::Dataset;
use crate::index_model::IndexModel;
use crate::readiness::Prepared;
use crate::MarketIndex;

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
    pub market: MarketIndex,
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
    market: MarketIndex,
    swing: f64,
) -> Option<Tornado> {
    let prepared = Prepared::new(dataset, model);
    let base = prepared.score(model, &model.root, model.min_coverage);
    let base_market = base.of_market(market)?;
    // Each of the two scorings per weight goes through the compiled model (the Monte Carlo's
    // scorer, bit for bit the plain one): through the plain scorer, 80 scorings at 250 markets
    // froze the page for a quarter of a second when the view opened.
    let compiled = CompiledModel::new(model, &prepared);
    let data = compiled.data(&prepared);
    let base_weights = compiled.base_weights();
    let mut weights = base_weights.clone();
    let mut scratch = compiled.scratch();
    let mut scores = Vec::new();
    // The compiled model numbers the nodes in the order `visit` meets them, the root first.
    let mut nodes = Vec::new();
    let mut number = 0;
    model.root.visit(&mut |n| {
        if number > 0 && n.weight > 0.0 {
            nodes.push((number, n.id.clone(), n.display_label().to_owned(), n.weight));
        }
        number += 1;
    });
    let mut at = |node: usize, weight: f64| {
        weights.copy_from_slice(&base_weights);
        weights[node] = weight;
        compiled.score_into(
            &data,
            &weights,
            None,
            model.scale,
            &mut scratch,
            &mut scores,
        );
        match scores.get(market.0) {
            // Every market with data is ranked here, as with no minimum coverage; tied scores
            // share a rank, as in the ranking.
            Some(&score) if !score.is_nan() => (
                score,
                1 + scores.iter().filter(|&&other| other > score).count(),
            ),
            _ => (f64::NAN, usize::MAX),
        }
    };
    let mut swings: Vec<Swing> = nodes
        .into_iter()
        .map(|(node, id, label, weight)| {
            let (score_low, rank_low) = at(node, weight * (1.0 - swing));
            let (score_high, rank_high) = at(node, weight * (1.0 + swing));
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
