//! The view's state as text, for links: `view?key=value&…` after the page's `#`. Only what
//! differs from the defaults is written, so a link to the bundled view is just `#ranking`.
//!
//! Decoding never fails: each part that cannot be read (an old link, a typo, a hand-edited
//! value) is left at its default and named in a notice, and the rest of the link still applies.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::gates::{Gate, Metric};
use crate::index_model::{Aggregation, Normalisation};
use crate::json_diff;
use crate::market_filter::{MarketFilter, DEFAULT_MIN_POPULATION_M};
use crate::phrase::Phrase;

/// Longer links are not read: no real view needs this much, and a pasted monster should not
/// stall the page.
pub const MAX_LINK_CHARS: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// The view's slug ("ranking", "margins", …); empty for the default view.
    pub view: String,
    /// The market shown (ISO3).
    pub market: Option<String>,
    pub compared: Vec<String>,
    /// Weights by model node id.
    pub weights: BTreeMap<String, f64>,
    pub normalisations: BTreeMap<String, Normalisation>,
    pub aggregations: BTreeMap<String, Aggregation>,
    /// The illustrative layers (generated numbers) enter the ranking: off unless the user
    /// switches them on.
    pub illustrative: bool,
    /// None: the default filter.
    pub filter: Option<MarketFilter>,
    /// Changes to the economics assumptions: (JSON pointer, value); a null value removes the
    /// member.
    pub assumptions: Vec<(String, Value)>,
    /// None: the default gates.
    pub gates: Option<Vec<Gate>>,
    /// The test market the tracker shows (ISO3).
    pub tracked: Option<String>,
    /// One view without the app's chrome, to sit in another page's iframe.
    pub embed: bool,
}

fn number(v: f64) -> String {
    crate::gates::format_number(v, 6)
}

fn normalisation_text(n: Normalisation) -> String {
    match n {
        Normalisation::MinMax => "min_max".into(),
        Normalisation::ZScore => "z_score".into(),
        Normalisation::Rank => "rank".into(),
        Normalisation::Goalposts { min, max } => {
            format!("goalposts~{}~{}", number(min), number(max))
        }
    }
}

fn parse_normalisation(text: &str) -> Option<Normalisation> {
    match text {
        "min_max" => Some(Normalisation::MinMax),
        "z_score" => Some(Normalisation::ZScore),
        "rank" => Some(Normalisation::Rank),
        _ => {
            let rest = text.strip_prefix("goalposts~")?;
            let (min, max) = rest.split_once('~')?;
            let (min, max) = (finite(min)?, finite(max)?);
            (min < max).then_some(Normalisation::Goalposts { min, max })
        }
    }
}

/// A finite number, as a link writes it ([`number`]: at most six decimals), so that the state
/// a link decodes to encodes to a link that decodes to the same state.
fn finite(text: &str) -> Option<f64> {
    let value = text.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
    number(value).parse().ok()
}

/// `id:value`, split at the last colon so ids may hold colons.
fn pair(text: &str) -> Option<(&str, &str)> {
    let (id, value) = text.rsplit_once(':')?;
    (!id.is_empty()).then_some((id, value))
}

fn codes(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ViewState {
    /// `view?m=HKG&w=demand:30…`, ready to follow a `#`.
    pub fn encode(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(m) = &self.market {
            query.append_pair("m", m);
        }
        if !self.compared.is_empty() {
            query.append_pair("c", &self.compared.join(","));
        }
        for (id, w) in &self.weights {
            query.append_pair("w", &format!("{id}:{}", number(*w)));
        }
        for (id, n) in &self.normalisations {
            query.append_pair("n", &format!("{id}:{}", normalisation_text(*n)));
        }
        for (id, a) in &self.aggregations {
            let method = match a {
                Aggregation::Arithmetic => "arithmetic",
                Aggregation::Geometric => "geometric",
            };
            query.append_pair("g", &format!("{id}:{method}"));
        }
        if self.illustrative {
            query.append_pair("il", "1");
        }
        if let Some(f) = &self.filter {
            if let Some(region) = &f.region {
                query.append_pair("r", region);
            }
            if f.english_official_only {
                query.append_pair("e", "1");
            }
            // The floor is written whenever it is not the default one, 0 included, since a
            // link's filter starts from the default filter.
            if f.min_population_m != DEFAULT_MIN_POPULATION_M {
                query.append_pair("p", &number(f.min_population_m));
            }
            let entered = if f.entered.is_empty() {
                "-".to_owned()
            } else {
                f.entered.join(",")
            };
            query.append_pair("x", &entered);
        }
        for (pointer, value) in &self.assumptions {
            query.append_pair("a", &format!("{pointer} {value}"));
        }
        if let Some(gates) = &self.gates {
            if gates.is_empty() {
                query.append_pair("gt", "none");
            }
            for g in gates {
                query.append_pair("gt", &format!("{}:{}", g.metric.id(), number(g.threshold)));
            }
        }
        if let Some(t) = &self.tracked {
            query.append_pair("t", t);
        }
        if self.embed {
            query.append_pair("embed", "1");
        }
        let query = query.finish();
        if query.is_empty() {
            self.view.clone()
        } else {
            format!("{}?{query}", self.view)
        }
    }

    /// Reads a link's state (the text after `#`), with a notice for every part left out.
    /// Numbers are read as a link writes them (six decimals at most), so what this decodes
    /// [`ViewState::encode`]s to a link that decodes to the same state.
    pub fn decode(text: &str) -> (Self, Vec<Phrase>) {
        // Every `#`: a view's name never starts with one, and encoding writes none.
        let text = text.trim_start_matches('#');
        let mut notices = Vec::new();
        let (view, query) = text.split_once('?').unwrap_or((text, ""));
        let mut state = ViewState {
            view: view.to_owned(),
            ..Self::default()
        };
        if text.len() > MAX_LINK_CHARS {
            notices.push(phrase!(
                "The link is {} characters long, more than the {} it may be; only its view was used.",
                text.len(),
                MAX_LINK_CHARS
            ));
            return (state, notices);
        }
        let bad = |notices: &mut Vec<Phrase>, key: &str, value: &str, expected: Phrase| {
            notices.push(phrase!(
                "The link's \"{}={}\" was left out: expected {}.",
                key,
                value,
                expected
            ));
        };
        // Any filter part replaces the whole default filter: a link gives the filter it was made with.
        let mut filter: Option<MarketFilter> = None;
        fn filter_of(filter: &mut Option<MarketFilter>) -> &mut MarketFilter {
            filter.get_or_insert_with(MarketFilter::default)
        }
        let mut gates: Option<Vec<Gate>> = None;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let (key, value) = (key.as_ref(), value.as_ref());
            match key {
                "m" => state.market = Some(value.trim().to_owned()).filter(|v| !v.is_empty()),
                "c" => state.compared = codes(value),
                "w" => match pair(value).and_then(|(id, w)| Some((id, finite(w)?))) {
                    Some((id, w)) if w >= 0.0 => {
                        state.weights.insert(id.to_owned(), w);
                    }
                    _ => bad(&mut notices, key, value, phrase!("a node id, a colon and a weight of 0 or more")),
                },
                "n" => match pair_with(value, parse_normalisation) {
                    Some((id, n)) => {
                        state.normalisations.insert(id, n);
                    }
                    None => bad(&mut notices, key, value, phrase!("a node id, a colon and min_max, z_score, rank or goalposts~MIN~MAX")),
                },
                "g" => match pair_with(value, |m| match m {
                    "arithmetic" => Some(Aggregation::Arithmetic),
                    "geometric" => Some(Aggregation::Geometric),
                    _ => None,
                }) {
                    Some((id, a)) => {
                        state.aggregations.insert(id, a);
                    }
                    None => bad(&mut notices, key, value, phrase!("a group id, a colon and arithmetic or geometric")),
                },
                "il" => match value {
                    "1" => state.illustrative = true,
                    "0" => state.illustrative = false,
                    _ => bad(&mut notices, key, value, phrase!("1 (illustrative layers on) or 0 (off)")),
                },
                "r" => filter_of(&mut filter).region = Some(value.to_owned()).filter(|v| !v.is_empty()),
                "e" => filter_of(&mut filter).english_official_only = value == "1",
                "p" => match finite(value) {
                    Some(p) if p >= 0.0 => filter_of(&mut filter).min_population_m = p,
                    _ => bad(&mut notices, key, value, phrase!("a population floor in millions, 0 or more")),
                },
                "x" => {
                    // "-" is "none" (a list of no codes), never a code.
                    filter_of(&mut filter).entered = codes(value).into_iter().filter(|c| c != "-").collect();
                }
                "a" => match value.split_once(' ') {
                    Some((pointer, json)) if pointer.starts_with('/') => {
                        match serde_json::from_str::<Value>(json) {
                            Ok(v) => state.assumptions.push((pointer.to_owned(), v)),
                            Err(_) => bad(&mut notices, key, value, phrase!("a JSON pointer, a space and a JSON value")),
                        }
                    }
                    _ => bad(&mut notices, key, value, phrase!("a JSON pointer, a space and a JSON value")),
                },
                "gt" => {
                    if value == "none" {
                        gates.get_or_insert_with(Vec::new);
                        continue;
                    }
                    // Only a readable gate starts the link's own list: a link whose gates are
                    // all unreadable keeps the default gates.
                    match pair_with(value, finite).and_then(|(id, threshold)| {
                        let metric = Metric::from_id(&id)?;
                        let (lo, hi) = metric.range();
                        (lo..=hi).contains(&threshold).then_some(Gate { metric, threshold })
                    }) {
                        Some(gate) if !gates.as_ref().is_some_and(|list| list.iter().any(|g| g.metric == gate.metric)) => {
                            gates.get_or_insert_with(Vec::new).push(gate)
                        }
                        _ => bad(&mut notices, key, value, phrase!("a gate metric, a colon and a threshold in its range, once per metric")),
                    }
                }
                "t" => state.tracked = Some(value.trim().to_owned()).filter(|v| !v.is_empty()),
                "embed" => state.embed = value != "0",
                _ => notices.push(phrase!(
                    "The link's \"{}\" is not something this version of Beachhead reads; it was left out.",
                    key
                )),
            }
        }
        state.filter = filter;
        state.gates = gates;
        (state, notices)
    }
}

fn pair_with<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Option<(String, T)> {
    // Goalposts hold no colon, so the last colon still separates the id.
    let (id, value) = pair(text)?;
    Some((id.to_owned(), parse(value)?))
}

/// How `current` differs from `base`, as link parts.
pub fn assumption_changes(
    base: &crate::economics::Assumptions,
    current: &crate::economics::Assumptions,
) -> Vec<(String, Value)> {
    match (serde_json::to_value(base), serde_json::to_value(current)) {
        (Ok(base), Ok(current)) => json_diff::diff(&base, &current),
        _ => Vec::new(),
    }
}

/// `base` with each change applied in turn; a change that does not parse or leaves the
/// assumptions invalid is skipped, with the reason.
pub fn apply_assumption_changes(
    base: &crate::economics::Assumptions,
    changes: &[(String, Value)],
) -> (crate::economics::Assumptions, Vec<Phrase>) {
    let mut notices = Vec::new();
    let mut assumptions = base.clone();
    let Ok(mut value) = serde_json::to_value(base) else {
        return (assumptions, notices);
    };
    for (pointer, change) in changes {
        let mut trial = value.clone();
        let applied = json_diff::apply(&mut trial, pointer, change).and_then(|()| {
            crate::economics::Assumptions::from_json("the link", &trial.to_string())
                .map_err(|e| e.phrase())
        });
        match applied {
            Ok(valid) => {
                value = trial;
                assumptions = valid;
            }
            Err(why) => notices.push(phrase!(
                "The link's change to the assumptions at {} was left out: {}",
                pointer,
                why
            )),
        }
    }
    (assumptions, notices)
}
