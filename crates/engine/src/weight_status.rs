//! How much of the weight rests on measured, approximate and illustrative data, per pillar and
//! for the whole index, with the weights as they are now (the sliders included): what the Data
//! tab and the memo print, so that a ranking says how far it can be trusted. A leaf counts with
//! its share of its pillar's weight as scoring uses it ([`weight_shares`]: only siblings with
//! data share a weight), and with its indicator's status in the dataset's dictionary.

use crate::dataset::{Dataset, Status};
use crate::weight_shares::weight_shares;
use crate::{IndexModel, Node};

/// Shares (0-1) of a weight by the status of the data under it; they sum to 1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StatusShares {
    pub measured: f64,
    pub approximate: f64,
    pub illustrative: f64,
}

impl StatusShares {
    pub fn get(&self, status: Status) -> f64 {
        match status {
            Status::Measured => self.measured,
            Status::Approximate => self.approximate,
            Status::Illustrative => self.illustrative,
        }
    }

    fn add(&mut self, status: Status, weight: f64) {
        match status {
            Status::Measured => self.measured += weight,
            Status::Approximate => self.approximate += weight,
            Status::Illustrative => self.illustrative += weight,
        }
    }

    fn total(&self) -> f64 {
        self.measured + self.approximate + self.illustrative
    }

    /// Scaled to sum to 1; None when nothing weighs.
    fn normalised(self) -> Option<Self> {
        let total = self.total();
        (total > 0.0 && total.is_finite()).then(|| Self {
            measured: self.measured / total,
            approximate: self.approximate / total,
            illustrative: self.illustrative / total,
        })
    }
}

/// One pillar: its share of the index's weight and how its own weight divides by status.
#[derive(Debug, Clone, PartialEq)]
pub struct PillarStatus {
    pub id: String,
    pub label: String,
    /// The pillar's share (0-1) of the index's weight.
    pub index_share: f64,
    /// None when nothing under the pillar weighs anything (no weight, or no data).
    pub shares: Option<StatusShares>,
}

/// The weight under `node` by status, each leaf weighted by the product of the shares on its
/// path below `node`.
fn collect(
    dataset: &Dataset,
    node: &Node,
    shares: &std::collections::BTreeMap<String, f64>,
    path_share: f64,
    out: &mut StatusShares,
) {
    if let Some(id) = &node.indicator {
        if let Some(i) = dataset.indicator_index(id) {
            out.add(dataset.indicators()[i].status, path_share);
        }
        return;
    }
    for child in &node.children {
        let share = shares.get(&child.id).copied().unwrap_or(0.0);
        if share > 0.0 {
            collect(dataset, child, shares, path_share * share, out);
        }
    }
}

/// Every pillar (the root's children) with its share of the index and its weight by status.
pub fn by_pillar(dataset: &Dataset, model: &IndexModel) -> Vec<PillarStatus> {
    let shares = weight_shares(dataset, model);
    model
        .pillars()
        .iter()
        .map(|pillar| {
            let mut raw = StatusShares::default();
            collect(dataset, pillar, &shares, 1.0, &mut raw);
            PillarStatus {
                id: pillar.id.clone(),
                label: pillar.display_label().to_owned(),
                index_share: shares.get(&pillar.id).copied().unwrap_or(0.0),
                shares: raw.normalised(),
            }
        })
        .collect()
}

/// The whole index's weight by status; None when nothing weighs.
pub fn overall(dataset: &Dataset, model: &IndexModel) -> Option<StatusShares> {
    let mut raw = StatusShares::default();
    for pillar in by_pillar(dataset, model) {
        if let Some(s) = pillar.shares {
            raw.measured += pillar.index_share * s.measured;
            raw.approximate += pillar.index_share * s.approximate;
            raw.illustrative += pillar.index_share * s.illustrative;
        }
    }
    raw.normalised()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Aggregation, Normalisation};
    use proptest::prelude::*;

    /// m1, m2 measured, a approximate, i1, i2 illustrative; every market has every value.
    fn dataset() -> Dataset {
        let dictionary = "id,label,unit,direction,status\n\
            m1,M1,u,higher,measured\nm2,M2,u,higher,\na,A,u,lower,approximate\n\
            i1,I1,u,higher,illustrative\ni2,I2,u,higher,illustrative\n";
        Dataset::from_csv(
            "d",
            dictionary,
            "m",
            "iso3,name,m1,m2,a,i1,i2\nAAA,A,1,2,3,4,5\nBBB,B,2,3,4,5,6\n",
        )
        .unwrap_or_else(|e| panic!("test dataset: {e:?}"))
    }

    /// Pillar p1: m1 and a nested group (m2, i1); pillar p2: a, i2; pillar p3: a leaf on an
    /// indicator the data lacks.
    fn model(w: [f64; 8]) -> IndexModel {
        let leaf = |id: &str, w| Node::leaf(id, w, None, Normalisation::MinMax);
        let group = |id: &str, w, children| Node::group(id, w, Aggregation::Arithmetic, children);
        let mut model = IndexModel::flat("t", &[], 0.5);
        model.root.children = vec![
            group(
                "p1",
                w[0],
                vec![
                    leaf("m1", w[1]),
                    group("nested", w[2], vec![leaf("m2", w[3]), leaf("i1", w[4])]),
                ],
            ),
            group("p2", w[5], vec![leaf("a", w[6]), leaf("i2", w[7])]),
            group("p3", 1.0, vec![leaf("absent", 1.0)]),
        ];
        model
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn shares_follow_the_weights_down_the_tree() {
        let pillars = by_pillar(&dataset(), &model([3.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0]));
        let p1 = pillars[0].shares.unwrap_or_default();
        // m1 takes half of p1; the nested group's half splits between m2 and i1.
        assert!(
            close(p1.measured, 0.75) && close(p1.illustrative, 0.25),
            "{p1:?}"
        );
        let p2 = pillars[1].shares.unwrap_or_default();
        assert!(
            close(p2.approximate, 0.25) && close(p2.illustrative, 0.75),
            "{p2:?}"
        );
        // No data under p3: no share of the index and no status.
        assert_eq!(pillars[2].shares, None);
        assert!(close(pillars[0].index_share, 0.75) && close(pillars[2].index_share, 0.0));
        let all = overall(&dataset(), &model([3.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0]))
            .unwrap_or_default();
        assert!(close(all.measured, 0.75 * 0.75), "{all:?}");
        assert!(close(all.approximate, 0.25 * 0.25), "{all:?}");
        assert!(
            close(all.illustrative, 0.75 * 0.25 + 0.25 * 0.75),
            "{all:?}"
        );
    }

    #[test]
    fn illustrative_leaves_at_zero_weigh_nothing() {
        let all = overall(&dataset(), &model([1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0]))
            .unwrap_or_default();
        assert_eq!(all.illustrative, 0.0);
        assert!(close(all.measured + all.approximate, 1.0));
        assert_eq!(all.get(Status::Illustrative), 0.0);
    }

    #[test]
    fn nothing_weighing_gives_no_shares() {
        assert_eq!(overall(&dataset(), &model([0.0; 8])), None);
        assert!(by_pillar(&dataset(), &model([0.0; 8]))
            .iter()
            .all(|p| p.shares.is_none()));
    }

    proptest! {
        // Any weights: each pillar's shares and the overall ones are in 0-1 and sum to 1 when
        // anything under them weighs, and are None exactly when nothing does.
        #[test]
        fn shares_sum_to_one_when_anything_weighs(w in proptest::array::uniform8(prop_oneof![
            Just(0.0), Just(f64::NAN), Just(-2.0), 0.0f64..20.0
        ])) {
            let data = dataset();
            let m = model(w);
            let positive = |x: f64| x > 0.0;
            for p in by_pillar(&data, &m) {
                if let Some(s) = p.shares {
                    for v in [s.measured, s.approximate, s.illustrative] {
                        prop_assert!((0.0..=1.0 + 1e-12).contains(&v), "{:?}", s);
                    }
                    prop_assert!((s.total() - 1.0).abs() < 1e-9, "{:?}", s);
                }
            }
            let p1_weighs = positive(w[1]) || (positive(w[2]) && (positive(w[3]) || positive(w[4])));
            let p2_weighs = positive(w[6]) || positive(w[7]);
            let any = (positive(w[0]) && p1_weighs) || (positive(w[5]) && p2_weighs);
            match overall(&data, &m) {
                Some(s) => {
                    prop_assert!(any, "{:?} {:?}", w, s);
                    prop_assert!((s.total() - 1.0).abs() < 1e-9, "{:?}", s);
                }
                None => prop_assert!(!any, "{:?}", w),
            }
        }
    }
}
