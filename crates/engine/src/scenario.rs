//! Scenarios: named sets of choices (weights, methods, filters, economics assumptions, gates)
//! the user saves, reopens, compares, and exchanges as JSON files.
//!
//! A scenario keeps its choices as link state ([`ViewState`]): one encoding for links, saved
//! scenarios and files, read by one decoder that names whatever it cannot follow.

use crate::MarketIndex;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::dataset::Dataset;
use crate::economics::{market_economics, Assumptions};
use crate::index_model::IndexModel;
use crate::market_filter::MarketFilter;
use crate::phrase::Phrase;
use crate::problem::Problem;
use crate::readiness::{self, Ranking};
use crate::view_state::{apply_assumption_changes, ViewState};

pub const SCENARIOS_FORMAT: &str = "beachhead-scenarios";
/// Bumped when the stored form changes; [`read`] then migrates the older versions it knows.
pub const SCENARIOS_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    /// When it was saved, as the browser's ISO 8601 time.
    pub saved: String,
    /// The choices, as the part of a link after `?`.
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioFile {
    pub format: String,
    pub version: u32,
    pub scenarios: Vec<Scenario>,
}

impl ScenarioFile {
    pub fn new(scenarios: Vec<Scenario>) -> Self {
        Self {
            format: SCENARIOS_FORMAT.into(),
            version: SCENARIOS_VERSION,
            scenarios,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why stored or imported scenarios could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// Not JSON, or not scenarios: the first problem, located (the line and column of a JSON
    /// error; the entry and field of a scenario that is not one).
    Corrupt(Box<Problem>),
    /// Written by a newer Beachhead: kept as it is, never overwritten.
    Future(u32),
}

impl ReadError {
    /// Without the file's name, which the sentence around it gives.
    pub fn phrase(&self) -> Phrase {
        match self {
            ReadError::Corrupt(p) => {
                let (found, expected) = (p.found.clone(), p.expected.clone());
                match p.place() {
                    Some(place) => phrase!(
                        "they are not readable scenarios ({}: found {}; expected {})",
                        place,
                        found,
                        expected
                    ),
                    None => phrase!(
                        "they are not readable scenarios (found {}; expected {})",
                        found,
                        expected
                    ),
                }
            }
            ReadError::Future(v) => phrase!(
                "they were saved by a newer Beachhead (format version {}; this one reads up to {})",
                *v,
                SCENARIOS_VERSION
            ),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.phrase().english())
    }
}

/// What a scenario file is, for its problems.
fn expected_file() -> Phrase {
    phrase!("a scenario file: {\"format\": \"beachhead-scenarios\", \"version\": 1, \"scenarios\": […]}")
}

/// Reads a scenario file (stored or imported); its problems name it `scenarios.json`.
pub fn read(text: &str) -> Result<ScenarioFile, ReadError> {
    read_file("scenarios.json", text)
}

/// A JSON value as a message shows it: short, whatever its size.
fn shown(value: &Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Reads a scenario file named `file`: every problem names it, with the line and column of
/// a JSON error, or the field (and the scenario's entry) that is not as it should be.
pub fn read_file(file: &str, text: &str) -> Result<ScenarioFile, ReadError> {
    let corrupt = |row: Option<usize>, column: Option<&str>, found: Phrase, expected: Phrase| {
        ReadError::Corrupt(Box::new(Problem::error(file, row, column, found, expected)))
    };
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ReadError::Corrupt(Box::new(Problem::json(file, &e, expected_file()))))?;
    let Some(object) = value.as_object() else {
        return Err(corrupt(
            None,
            None,
            phrase!("{}", shown(&value)),
            expected_file(),
        ));
    };
    match object.get("format") {
        Some(Value::String(format)) if format == SCENARIOS_FORMAT => {}
        other => {
            return Err(corrupt(
                None,
                Some("format"),
                other.map_or_else(|| phrase!("no format"), |v| phrase!("{}", shown(v))),
                phrase!("\"{}\"", SCENARIOS_FORMAT),
            ))
        }
    }
    let version = match object.get("version") {
        Some(v) => v.as_u64().ok_or_else(|| {
            corrupt(
                None,
                Some("version"),
                phrase!("{}", shown(v)),
                phrase!("a version number, such as 1"),
            )
        })?,
        None => {
            return Err(corrupt(
                None,
                Some("version"),
                phrase!("no version"),
                phrase!("a version number, such as 1"),
            ))
        }
    };
    let version = u32::try_from(version).map_err(|_| ReadError::Future(u32::MAX))?;
    // Each older version, once there is one, gets an arm here that migrates it.
    match version {
        SCENARIOS_VERSION => {}
        v if v > SCENARIOS_VERSION => return Err(ReadError::Future(v)),
        v => {
            return Err(corrupt(
                None,
                Some("version"),
                phrase!("version {}", v),
                phrase!(
                    "version {} (the version this Beachhead reads)",
                    SCENARIOS_VERSION
                ),
            ))
        }
    }
    let entries = match object.get("scenarios") {
        Some(Value::Array(entries)) => entries,
        other => {
            return Err(corrupt(
                None,
                Some("scenarios"),
                other.map_or_else(|| phrase!("no scenarios"), |v| phrase!("{}", shown(v))),
                phrase!("a list of scenarios"),
            ))
        }
    };
    let fields = [
        ("name", phrase!("text: the scenario's name")),
        ("saved", phrase!("text: when it was saved")),
        (
            "state",
            phrase!("text: the scenario's choices, as a link's state"),
        ),
    ];
    for (i, entry) in entries.iter().enumerate() {
        let Some(entry) = entry.as_object() else {
            return Err(corrupt(
                Some(i + 1),
                None,
                phrase!("{}", shown(entry)),
                phrase!("a scenario: an object with a name, saved and state"),
            ));
        };
        for (field, expected) in fields.iter().map(|(f, e)| (*f, e)) {
            match entry.get(field) {
                Some(Value::String(_)) => {}
                Some(other) => {
                    return Err(corrupt(
                        Some(i + 1),
                        Some(field),
                        phrase!("{}", shown(other)),
                        expected.clone(),
                    ))
                }
                None => {
                    return Err(corrupt(
                        Some(i + 1),
                        Some(field),
                        phrase!("a scenario without \"{}\"", field),
                        expected.clone(),
                    ))
                }
            }
        }
    }
    serde_json::from_value(value)
        .map_err(|e| ReadError::Corrupt(Box::new(Problem::json(file, &e, expected_file()))))
}

/// What a scenario yields: its ranking, its candidates' ranks under its filter, and each
/// market's blended contribution margin.
pub struct Outcome {
    pub ranking: Ranking,
    /// (market, rank among the candidates), best first.
    pub candidates: Vec<(MarketIndex, usize)>,
    pub margin_pct: Vec<Option<f64>>,
    /// What in the scenario could not be followed (an indicator no longer in the model, say).
    pub notices: Vec<Phrase>,
}

/// Computes a scenario against the dataset, the base model and the base assumptions; weights
/// not given keep the model's own.
pub fn outcome(
    dataset: &Dataset,
    model: &IndexModel,
    assumptions: &Assumptions,
    default_filter: &MarketFilter,
    state: &str,
) -> Outcome {
    let (state, mut notices) = ViewState::decode(&format!("?{state}"));
    // The sliders start from the designed weights; the switch decides whether the illustrative
    // layers among them count.
    let mut weights: std::collections::BTreeMap<String, f64> = model
        .with_designed_weights()
        .weights()
        .into_iter()
        .collect();
    weights.remove(&model.root.id);
    for (id, w) in state.weights {
        match weights.get_mut(&id) {
            Some(slot) => *slot = w,
            None => notices.push(phrase!(
                "\"{}\" is not in the model; its weight was left out.",
                id
            )),
        }
    }
    let mut chosen = model.with_choices(&weights, &state.normalisations, &state.aggregations);
    if !state.illustrative {
        chosen = chosen.without_illustrative(dataset.indicators());
    }
    let (assumptions, problems) = apply_assumption_changes(assumptions, &state.assumptions);
    notices.extend(problems);
    let ranking = readiness::score(dataset, &chosen);
    let filter = state.filter.unwrap_or_else(|| default_filter.clone());
    let mut candidates: Vec<(MarketIndex, usize)> = Vec::new();
    let mut previous: Option<(f64, usize)> = None;
    for s in ranking
        .scores
        .iter()
        .filter(|s| filter.matches(dataset, s.market))
    {
        let rank = match previous {
            Some((score, rank)) if score == s.score => rank,
            _ => candidates.len() + 1,
        };
        candidates.push((s.market, rank));
        previous = Some((s.score, rank));
    }
    let margin_pct = dataset
        .market_indices()
        .map(|m| {
            market_economics(&assumptions, dataset, m)
                .ok()
                .map(|e| e.blended.contribution_pct)
        })
        .collect();
    Outcome {
        ranking,
        candidates,
        margin_pct,
        notices,
    }
}

/// One market's place in two scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub market: MarketIndex,
    pub rank_a: Option<usize>,
    pub rank_b: Option<usize>,
    pub margin_a: Option<f64>,
    pub margin_b: Option<f64>,
}

/// How far a market moved from scenario A to B.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankMove {
    /// Up by this many places (a smaller rank in B).
    Up(usize),
    Down(usize),
    Same,
    /// Ranked in only one of the two.
    Unranked,
}

impl Change {
    pub fn rank_move(&self) -> RankMove {
        match (self.rank_a, self.rank_b) {
            (Some(a), Some(b)) if a > b => RankMove::Up(a - b),
            (Some(a), Some(b)) if b > a => RankMove::Down(b - a),
            (Some(_), Some(_)) => RankMove::Same,
            _ => RankMove::Unranked,
        }
    }

    /// B's margin less A's, in percentage points; None unless both have one.
    pub fn margin_change_pts(&self) -> Option<f64> {
        Some(self.margin_b? - self.margin_a?)
    }
}

/// The markets in either scenario's top `top` candidates, best in A first, with their
/// candidate ranks and margins in both (a rank is missing where a filter leaves the market out).
pub fn compare(a: &Outcome, b: &Outcome, top: usize) -> Vec<Change> {
    let rank = |o: &Outcome, m: MarketIndex| o.candidates.iter().find(|c| c.0 == m).map(|c| c.1);
    let mut markets: Vec<MarketIndex> = Vec::new();
    for o in [a, b] {
        for &(m, _) in o.candidates.iter().take(top) {
            if !markets.contains(&m) {
                markets.push(m);
            }
        }
    }
    markets.sort_by_key(|&m| {
        (
            rank(a, m).unwrap_or(usize::MAX),
            rank(b, m).unwrap_or(usize::MAX),
        )
    });
    markets
        .into_iter()
        .map(|m| Change {
            market: m,
            rank_a: rank(a, m),
            rank_b: rank(b, m),
            margin_a: a.margin_pct.get(m.0).copied().flatten(),
            margin_b: b.margin_pct.get(m.0).copied().flatten(),
        })
        .collect()
}
