//! What each weight means: a node's share of its parent's weight, counting only the siblings
//! the dataset has data for (a pillar without any data takes nothing, as in scoring).

use std::collections::BTreeMap;

use crate::{Dataset, IndexModel, Node};

/// Whether any leaf under `node` names an indicator the dataset holds.
pub fn has_data(dataset: &Dataset, node: &Node) -> bool {
    node.leaves().iter().any(|l| {
        l.indicator
            .as_ref()
            .is_some_and(|id| dataset.indicator_index(id).is_some())
    })
}

/// Each node's share (0-1) of its parent's weight, by node id. Negative or NaN weights count
/// as 0; a parent whose children all weigh 0 gives each a share of 0.
pub fn weight_shares(dataset: &Dataset, model: &IndexModel) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    model.root.visit(&mut |node| {
        let counted: Vec<(&Node, f64)> = node
            .children
            .iter()
            .map(|c| {
                let weight = if c.weight.is_nan() { 0.0 } else { c.weight };
                let weight = if has_data(dataset, c) {
                    weight.max(0.0)
                } else {
                    0.0
                };
                (c, weight)
            })
            .collect();
        let total: f64 = counted.iter().map(|(_, w)| w).sum();
        for (child, w) in counted {
            let share = if total > 0.0 && total.is_finite() {
                w / total
            } else {
                0.0
            };
            out.insert(child.id.clone(), share);
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Aggregation, Normalisation};
    use proptest::prelude::*;

    fn dataset() -> Dataset {
        let dictionary = "id,label,unit,direction,source,licence\n\
            a,A,u,higher,s,l\nb,B,u,higher,s,l\nc,C,u,higher,s,l\n";
        Dataset::from_csv("d", dictionary, "m", "iso3,name,a,b,c\nAAA,A,1,2,3\n")
            .unwrap_or_else(|e| panic!("test dataset: {e:?}"))
    }

    fn model(weights: [f64; 4]) -> IndexModel {
        let leaf = |id: &str, w| Node::leaf(id, w, None, Normalisation::MinMax);
        let root = Node::group(
            "index",
            1.0,
            Aggregation::Arithmetic,
            vec![
                Node::group(
                    "p1",
                    weights[0],
                    Aggregation::Arithmetic,
                    vec![leaf("a", weights[1]), leaf("b", weights[2])],
                ),
                leaf("c", weights[3]),
                // No data anywhere under it: takes no share whatever its weight.
                leaf("missing", 5.0),
            ],
        );
        IndexModel {
            format: String::new(),
            version: 1,
            name: String::new(),
            description: String::new(),
            scale: 100.0,
            min_coverage: 0.7,
            root,
        }
    }

    #[test]
    fn shares_divide_by_the_siblings_with_data() {
        let shares = weight_shares(&dataset(), &model([3.0, 1.0, 3.0, 1.0]));
        assert_eq!(shares["p1"], 0.75);
        assert_eq!(shares["c"], 0.25);
        assert_eq!(shares["missing"], 0.0);
        assert_eq!(shares["a"], 0.25);
        assert_eq!(shares["b"], 0.75);
    }

    proptest! {
        // Siblings' shares are each in 0-1 and sum to 1, or are all 0 when nothing weighs.
        #[test]
        fn shares_are_a_partition(weights in proptest::array::uniform4(prop_oneof![
            Just(f64::NAN), Just(-1.0), Just(0.0), 0.0f64..50.0
        ])) {
            let shares = weight_shares(&dataset(), &model(weights));
            for group in [["p1", "c", "missing"].as_slice(), ["a", "b"].as_slice()] {
                let values: Vec<f64> = group.iter().map(|id| shares[*id]).collect();
                prop_assert!(values.iter().all(|v| (0.0..=1.0).contains(v)));
                let sum: f64 = values.iter().sum();
                prop_assert!(sum == 0.0 || (sum - 1.0).abs() < 1e-12, "{:?}", values);
            }
        }
    }
}
