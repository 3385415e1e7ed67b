//! The explorer's state and everything derived from it. Signals hold what the user chose
//! (the dataset in use, weights, table sort); memos hold what follows (model, ranking, chart
//! bars, table rows), so views only render.

use beachhead_engine::MarketIndex;
use std::collections::BTreeMap;
use std::sync::Arc;

use beachhead_charts::{palette, ranking_chart::RankedBar};
use beachhead_engine::candidates::{self, Candidate};
use beachhead_engine::economics::{market_economics, Assumptions, UnitEconomics};
use beachhead_engine::market_filter::MarketFilter;
use beachhead_engine::ranking_table::{self, TableSort};
use beachhead_engine::weight_shares::weight_shares;
use beachhead_engine::weight_status;
use beachhead_engine::{
    readiness::Prepared, Dataset, Direction, IndexModel, Node, Normalisation, Ranking, Status,
    Transform,
};
use leptos::prelude::*;

use crate::i18n::{
    by_shown_name, current, market_name, market_name_in, market_sort_key_in, phrase, t, tf, Lang,
};
use crate::state::market_detail::{market_detail, MarketDetail};

/// How many markets the chart shows; the table lists them all.
pub const CHART_MARKETS: usize = 20;
/// Slider ranges: pillars are weighted in points out of about 100, indicators within a pillar
/// relative to each other. Integers keep the shares easy to read aloud.
pub const PILLAR_WEIGHT_MAX: f64 = 50.0;
pub const INDICATOR_WEIGHT_MAX: f64 = 10.0;

/// What the page shows about one indicator (a leaf) of the model.
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
    pub rationale: String,
    /// "goalposts 0-100", "min-max", "z-score", "rank".
    pub method: String,
    /// The model's own normalisation for this indicator.
    pub normalisation: Normalisation,
}

/// A pillar (a child of the index) and the indicators under it.
#[derive(Debug, Clone, PartialEq)]
pub struct PillarInfo {
    pub id: String,
    pub label: String,
    pub rationale: String,
    pub color: String,
    pub indicators: Vec<CriterionInfo>,
    /// The model's own aggregation for a group pillar; None for a pillar that is one indicator.
    pub aggregation: Option<beachhead_engine::Aggregation>,
}

/// The pillar that gathers indicators the user brought, at weight 0 until they raise it.
pub const USER_PILLAR: &str = "your_data";

#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    pub text: String,
    /// The value's year, or why it is missing.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub iso3: String,
    /// Rank among the candidates the filters keep.
    pub rank: usize,
    /// Rank among all markets.
    pub world_rank: usize,
    /// The dataset's name, which the CSV keeps; the table shows `i18n::market_name`.
    pub market: String,
    pub score: String,
    pub cells: Vec<TableCell>,
    pub in_chart: bool,
}

/// The weight by the status of the data under it: per pillar, and for the whole index.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightStatus {
    pub pillars: Vec<weight_status::PillarStatus>,
    pub overall: Option<weight_status::StatusShares>,
}

/// Every market as (ISO3, name as shown), by the shown name.
pub type MarketOptions = Vec<(String, String)>;

#[derive(Clone, Copy)]
pub struct Explorer {
    pub dataset: Signal<Arc<Dataset>>,
    pub pillars: Memo<Vec<PillarInfo>>,
    /// Weight per model node id (pillars and indicators); the model's own weights to start.
    pub weights: RwSignal<BTreeMap<String, f64>>,
    pub default_weights: StoredValue<BTreeMap<String, f64>>,
    /// Method choices that override the model: normalisation by leaf id, aggregation by group id.
    pub normalisations: RwSignal<BTreeMap<String, Normalisation>>,
    pub aggregations: RwSignal<BTreeMap<String, beachhead_engine::Aggregation>>,
    /// The illustrative layers (generated numbers) count in the ranking: off until the user
    /// switches them on. Their sliders keep their weights either way.
    pub illustrative: RwSignal<bool>,
    /// Nodes whose sliders the switch holds at no weight (the illustrative layers, while off).
    pub held_out: Memo<Vec<String>>,
    /// How much of the weight, per pillar and overall, rests on measured, approximate and
    /// illustrative data, with the weights as they are now.
    pub weight_status: Memo<WeightStatus>,
    /// Why the chosen methods do not fit together, if they do not.
    pub model_problems: Memo<Vec<String>>,
    pub sort: RwSignal<TableSort>,
    pub filter: RwSignal<MarketFilter>,
    /// The market the Market view shows (ISO3); None: the top candidate.
    pub selected: RwSignal<Option<String>>,
    /// Markets the Compare view shows side by side (ISO3, two to four).
    pub compared: RwSignal<Vec<String>>,
    /// The economics assumptions, as loaded and as the user edits them.
    pub assumptions: RwSignal<Assumptions>,
    /// Each market's unit economics blended over the SKUs' unit mix, or why it has none
    /// (missing duty, VAT or FX), in the dataset's market order (a `MarketIndex` indexes it).
    pub economics: Memo<Vec<Result<UnitEconomics, String>>>,
    pub model: Memo<IndexModel>,
    /// The dataset normalised under the model's methods (what scoring aggregates).
    pub prepared: Memo<Arc<Prepared>>,
    pub ranking: Memo<Ranking>,
    /// Positions in `ranking.scores` of the markets the filters keep, with their rank among
    /// them (ties share a rank).
    pub candidates: Memo<Vec<Candidate>>,
    /// Each node's share (0-1) of its parent's weight, counting only nodes with data.
    pub weight_shares: Memo<BTreeMap<String, f64>>,
    pub chart_bars: Memo<Vec<RankedBar>>,
    pub chart_summary: Memo<String>,
    pub table_rows: Memo<Vec<TableRow>>,
    /// Names of markets left unranked for want of data, in the language in use.
    pub unranked: Memo<Vec<String>>,
    /// Every market as (ISO3, name in the language in use), by that name: the options of the
    /// market pickers.
    pub market_options: Memo<MarketOptions>,
}

impl Explorer {
    /// `base` is the model to start from; indicators the dataset gains beyond `bundled_ids`
    /// (the user's own) join it in a pillar of their own with weight 0, for the user to raise.
    pub fn new(
        dataset: Signal<Arc<Dataset>>,
        base: IndexModel,
        bundled_ids: Vec<String>,
        assumptions: Assumptions,
    ) -> Self {
        let assumptions = RwSignal::new(assumptions);
        let economics = economics_memo(dataset, assumptions);
        // The sliders start from the designed weights, the illustrative layers' included: the
        // switch, not a slider at 0, keeps those out of the ranking.
        let mut default_weights: BTreeMap<String, f64> =
            base.with_designed_weights().weights().into_iter().collect();
        default_weights.remove(&base.root.id);
        default_weights.insert(USER_PILLAR.into(), 0.0);
        let weights = RwSignal::new(default_weights.clone());
        let sort = RwSignal::new(TableSort::default());
        // Xiaomi's home market is entered already: the question is where to go next.
        let filter = RwSignal::new(MarketFilter {
            entered: vec!["CHN".into()],
            ..MarketFilter::default()
        });

        // The model's shape follows the dataset; its weights follow the sliders.
        let shaped = shaped_model(dataset, base, bundled_ids);
        let normalisations = RwSignal::new(BTreeMap::<String, Normalisation>::new());
        let aggregations = RwSignal::new(BTreeMap::<String, beachhead_engine::Aggregation>::new());
        let illustrative = RwSignal::new(false);
        // What the switch holds depends on the model's shape and the data, never on the
        // weights: worked out once, not on every slider move.
        let held_out = Memo::new(move |_| {
            if illustrative.get() {
                Vec::new()
            } else {
                shaped.with(|m| dataset.with(|d| m.illustrative_only(d.indicators())))
            }
        });
        let model = Memo::new(move |_| {
            let chosen = shaped.with(|m| {
                weights.with(|w| {
                    normalisations.with(|n| aggregations.with(|a| m.with_choices(w, n, a)))
                })
            });
            held_out.with(|ids| {
                if ids.is_empty() {
                    chosen
                } else {
                    chosen.holding(ids)
                }
            })
        });
        let pillars = Memo::new(move |_| shaped.with(|m| dataset.with(|d| pillar_info(d, m))));
        let weight_status = Memo::new(move |_| {
            dataset.with(|d| {
                model.with(|m| WeightStatus {
                    pillars: weight_status::by_pillar(d, m),
                    overall: weight_status::overall(d, m),
                })
            })
        });
        let model_problems = model_problems_memo(model);
        // Normalising reads the data and the methods, never the weights: a moved slider only
        // re-aggregates.
        let prepared = Memo::new(move |_| {
            dataset.with(|d| {
                shaped.with(|m| {
                    normalisations.with(|n| {
                        let methods = m.with_choices(&BTreeMap::new(), n, &BTreeMap::new());
                        Arc::new(Prepared::new(d, &methods))
                    })
                })
            })
        });
        let ranking = Memo::new(move |_| {
            prepared.with(|p| model.with(|m| p.score(m, &m.root, m.min_coverage)))
        });
        let weight_shares =
            Memo::new(move |_| dataset.with(|d| model.with(|m| weight_shares(d, m))));
        let candidates = Memo::new(move |_| {
            dataset.with(|d| filter.with(|f| ranking.with(|r| candidates::filtered(d, r, f))))
        });
        let (chart_bars, chart_summary) = chart_memos(dataset, ranking, candidates);
        let table_rows = Memo::new(move |_| {
            let sort = sort.get();
            let lang = current();
            dataset.with(|d| ranking.with(|r| candidates.with(|c| table(d, r, c, sort, lang))))
        });
        let (unranked, market_options) = name_memos(dataset, ranking);
        Self {
            dataset,
            pillars,
            weights,
            default_weights: StoredValue::new(default_weights),
            normalisations,
            aggregations,
            illustrative,
            held_out,
            weight_status,
            model_problems,
            sort,
            filter,
            selected: RwSignal::new(None),
            compared: RwSignal::new(Vec::new()),
            assumptions,
            economics,
            model,
            prepared,
            ranking,
            candidates,
            weight_shares,
            chart_bars,
            chart_summary,
            table_rows,
            unranked,
            market_options,
        }
    }

    /// Back to the model as shipped: its weights and methods.
    pub fn reset(&self) {
        self.weights.set(self.default_weights.get_value());
        self.normalisations.set(BTreeMap::new());
        self.aggregations.set(BTreeMap::new());
        self.illustrative.set(false);
    }

    /// The market the Market view shows: the chosen one, else the top candidate.
    pub fn selected_market(&self) -> Option<MarketIndex> {
        let chosen = self.selected.get();
        self.dataset.with(|d| match chosen {
            Some(code) => d.market_index(&code),
            None => self.candidates.with(|c| {
                c.first().and_then(|c| {
                    self.ranking
                        .with(|r| r.scores.get(c.position).map(|s| s.market))
                })
            }),
        })
    }

    /// What the Market, Compare and Memo views show of one market (a dataset index).
    pub fn market_detail(&self, market: MarketIndex) -> Option<MarketDetail> {
        self.dataset.with(|d| {
            self.model.with(|m| {
                self.prepared.with(|p| {
                    self.ranking.with(|r| {
                        self.candidates
                            .with(|c| market_detail(d, m, p, r, c, market))
                    })
                })
            })
        })
    }

    /// Sets one node's weight (never negative, never NaN).
    pub fn set_weight(&self, id: &str, weight: f64) {
        let weight = if weight.is_finite() {
            weight.max(0.0)
        } else {
            0.0
        };
        self.weights.update(|w| {
            w.insert(id.to_owned(), weight);
        });
    }
}

fn economics_memo(
    dataset: Signal<Arc<Dataset>>,
    assumptions: RwSignal<Assumptions>,
) -> Memo<Vec<Result<UnitEconomics, String>>> {
    Memo::new(move |_| {
        dataset.with(|d| {
            assumptions.with(|a| {
                d.market_indices()
                    .map(|m| market_economics(a, d, m).map(|e| e.blended))
                    .collect()
            })
        })
    })
}

/// The base model with the user's own indicators in a pillar of their own (weight 0).
fn shaped_model(
    dataset: Signal<Arc<Dataset>>,
    base: IndexModel,
    bundled_ids: Vec<String>,
) -> Memo<IndexModel> {
    Memo::new(move |_| {
        let mut model = base.clone();
        let own: Vec<Node> = dataset.with(|d| {
            d.indicators()
                .iter()
                .filter(|i| !bundled_ids.contains(&i.id))
                .map(|i| Node::leaf(&i.id, 1.0, None, Normalisation::MinMax))
                .collect()
        });
        if !own.is_empty() {
            let mut pillar = Node::group(
                USER_PILLAR,
                0.0,
                beachhead_engine::Aggregation::Arithmetic,
                own,
            );
            pillar.label = t("Your indicators").into();
            pillar.rationale =
                t("Indicators from your files: raise the weight to count them.").into();
            model.root.children.push(pillar);
        }
        model
    })
}

/// Why the chosen methods do not fit together, worded for the page.
fn model_problems_memo(model: Memo<IndexModel>) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        model.with(|m| {
            m.check("the model")
                .err()
                .map(|e| {
                    e.problems
                        .iter()
                        .map(|p| {
                            tf(
                                "{}: {}; use {}",
                                &[
                                    &p.column.clone().unwrap_or_default(),
                                    &phrase(&p.found),
                                    &phrase(&p.expected),
                                ],
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

/// The ranking chart's bars (the best candidates) and its text summary.
fn chart_memos(
    dataset: Signal<Arc<Dataset>>,
    ranking: Memo<Ranking>,
    candidates: Memo<Vec<Candidate>>,
) -> (Memo<Vec<RankedBar>>, Memo<String>) {
    let chart_bars = Memo::new(move |_| {
        dataset.with(|d| {
            ranking.with(|r| {
                candidates.with(|c| {
                    c.iter()
                        .take(CHART_MARKETS)
                        .map(|c| {
                            let s = &r.scores[c.position];
                            let m = &d[s.market];
                            RankedBar {
                                rank: c.rank,
                                label: market_name(&m.iso3, &m.name).to_owned(),
                                score: s.score,
                                segments: s.pillar_points.clone(),
                            }
                        })
                        .collect()
                })
            })
        })
    });
    let chart_summary = Memo::new(move |_| {
        let total = candidates.with(Vec::len);
        chart_bars.with(|bars: &Vec<RankedBar>| {
            let listed: Vec<String> = bars
                .iter()
                .map(|b| format!("{}. {} {:.1}", b.rank, b.label, b.score))
                .collect();
            tf(
                "Top {} of {} candidate markets by readiness score (0-100): {}",
                &[&bars.len(), &total, &listed.join("; ")],
            )
        })
    });
    (chart_bars, chart_summary)
}

/// The unranked markets' names and the market pickers' options, in the language in use.
fn name_memos(
    dataset: Signal<Arc<Dataset>>,
    ranking: Memo<Ranking>,
) -> (Memo<Vec<String>>, Memo<MarketOptions>) {
    let unranked = Memo::new(move |_| {
        dataset.with(|d| {
            ranking.with(|r| {
                r.excluded
                    .iter()
                    .map(|&m| {
                        let m = &d[m];
                        market_name(&m.iso3, &m.name).to_owned()
                    })
                    .collect()
            })
        })
    });
    let market_options = Memo::new(move |_| {
        let lang = current();
        dataset.with(|d| {
            let mut all: Vec<(String, String)> = d
                .markets()
                .iter()
                .map(|m| {
                    let name = market_name_in(lang, &m.iso3, &m.name);
                    (m.iso3.clone(), name.to_owned())
                })
                .collect();
            all.sort_by(by_shown_name(lang));
            all
        })
    });
    (unranked, market_options)
}

fn method_label(node: &Node) -> String {
    let method = match node.normalisation.unwrap_or(Normalisation::MinMax) {
        Normalisation::Goalposts { min, max } => tf("goalposts {}-{}", &[&min, &max]),
        Normalisation::MinMax => t("min-max").into(),
        Normalisation::ZScore => t("z-score").into(),
        Normalisation::Rank => t("rank").into(),
    };
    if node.transform == Some(Transform::Log) {
        tf("log, {}", &[&method])
    } else {
        method
    }
}

fn pillar_info(dataset: &Dataset, model: &IndexModel) -> Vec<PillarInfo> {
    model
        .root
        .children
        .iter()
        .enumerate()
        .map(|(i, pillar)| PillarInfo {
            id: pillar.id.clone(),
            label: pillar.display_label().to_owned(),
            rationale: pillar.rationale.clone(),
            color: palette::css_hex(palette::series(i)),
            aggregation: (!pillar.is_leaf()).then(|| {
                pillar
                    .aggregation
                    .unwrap_or(beachhead_engine::Aggregation::Arithmetic)
            }),
            indicators: pillar
                .leaves()
                .into_iter()
                .map(|leaf| criterion_info(dataset, leaf, i))
                .collect(),
        })
        .collect()
}

fn criterion_info(dataset: &Dataset, leaf: &Node, pillar: usize) -> CriterionInfo {
    let id = leaf.indicator.clone().unwrap_or_else(|| leaf.id.clone());
    let index = dataset.indicator_index(&id);
    let indicator = index.map(|i| &dataset.indicators()[i]);
    let years = match index.and_then(|i| dataset.year_range(i)) {
        Some((lo, hi)) if lo == hi => lo.to_string(),
        Some((lo, hi)) => format!("{lo}-{hi}"),
        None => t("year not given").into(),
    };
    let label = if leaf.label.is_empty() {
        indicator.map_or_else(|| id.clone(), |i| i.label.clone())
    } else {
        leaf.label.clone()
    };
    CriterionInfo {
        id: leaf.id.clone(),
        label,
        unit: indicator.map(|i| i.unit.clone()).unwrap_or_default(),
        source: indicator.map(|i| i.source.clone()).unwrap_or_default(),
        licence: indicator.map(|i| i.licence.clone()).unwrap_or_default(),
        years,
        color: palette::css_hex(palette::series(pillar)),
        log_transform: leaf.transform == Some(Transform::Log),
        lower_is_better: indicator.is_some_and(|i| i.direction == Direction::LowerIsBetter),
        status: indicator.map_or(Status::Measured, |i| i.status),
        unavailable: indicator.is_none(),
        rationale: leaf.rationale.clone(),
        method: method_label(leaf),
        normalisation: leaf.normalisation.unwrap_or(Normalisation::MinMax),
    }
}

fn table(
    dataset: &Dataset,
    ranking: &Ranking,
    candidates: &[Candidate],
    sort: TableSort,
    lang: Lang,
) -> Vec<TableRow> {
    let name_order = |m: MarketIndex| {
        let market = &dataset[m];
        market_sort_key_in(
            lang,
            &market.iso3,
            market_name_in(lang, &market.iso3, &market.name),
        )
    };
    ranking_table::rows(ranking, candidates, sort, CHART_MARKETS, name_order)
        .into_iter()
        .map(|row| {
            let market = &dataset[row.market];
            TableRow {
                iso3: market.iso3.clone(),
                rank: row.rank,
                world_rank: row.world_rank,
                market: market.name.clone(),
                score: format!("{:.1}", row.score),
                cells: row
                    .pillar_scores
                    .iter()
                    .map(|p| match p {
                        Some(v) if v.is_finite() => TableCell {
                            text: format!("{v:.1}"),
                            note: String::new(),
                        },
                        _ => TableCell {
                            text: "–".into(),
                            note: t("no data for this pillar").into(),
                        },
                    })
                    .collect(),
                in_chart: row.in_chart,
            }
        })
        .collect()
}
