//! Per-market overrides: partial JSON objects laid over the defaults, recorded as only what
//! differs, and explained field by field when one does not fit.

use super::{Assumptions, MarketAssumptions};
use crate::phrase::Phrase;

impl Assumptions {
    /// The defaults with the market's overrides laid over them (objects merge, values replace).
    pub fn for_market(&self, iso3: &str) -> Result<MarketAssumptions, String> {
        let Some(overrides) = self.markets.get(iso3) else {
            return Ok(self.defaults.clone());
        };
        let mut merged = serde_json::to_value(&self.defaults).map_err(|e| e.to_string())?;
        merge_json(&mut merged, overrides);
        serde_json::from_value(merged).map_err(|e| e.to_string())
    }

    /// Why the market's overrides do not apply (`why`, from [`Assumptions::for_market`]), as
    /// (field, found, expected): the first value in them, by its dotted path
    /// (`markets.HKG.freight_usd`), that does not read as the defaults' field of that name.
    /// What was found is serde_json's words, which have no other language.
    pub(super) fn override_problem(&self, iso3: &str, why: String) -> (String, Phrase, Phrase) {
        let whole = (
            format!("markets.{iso3}"),
            phrase!("{}", why),
            phrase!("fields of the defaults, with values of the same kinds"),
        );
        let (Some(overrides), Ok(defaults)) =
            (self.markets.get(iso3), serde_json::to_value(&self.defaults))
        else {
            return whole;
        };
        let mut leaves = Vec::new();
        override_leaves(overrides, &mut Vec::new(), &mut leaves);
        for (keys, value) in leaves {
            // The defaults with this one value laid over them.
            let mut single = value.clone();
            for key in keys.iter().rev() {
                single = serde_json::Value::Object([(key.clone(), single)].into_iter().collect());
            }
            let mut merged = defaults.clone();
            merge_json(&mut merged, &single);
            let Err(e) = serde_json::from_value::<MarketAssumptions>(merged) else {
                continue;
            };
            // The path down to the defaults' own field (a value set inside a number names
            // the number).
            let (mut end, mut default) = (0, Some(&defaults));
            while let (Some(key), Some(serde_json::Value::Object(map))) = (keys.get(end), default) {
                default = map.get(key);
                end += 1;
            }
            let field = std::iter::once(format!("markets.{iso3}"))
                .chain(keys[..end].iter().cloned())
                .collect::<Vec<_>>()
                .join(".");
            let expected = match default {
                Some(serde_json::Value::Number(_)) => phrase!("a number, as in the defaults"),
                Some(serde_json::Value::String(_)) => phrase!("text, as in the defaults"),
                Some(serde_json::Value::Bool(_)) => phrase!("true or false, as in the defaults"),
                Some(serde_json::Value::Array(_)) => phrase!("a list, as in the defaults"),
                Some(serde_json::Value::Object(_)) => {
                    phrase!("an object of the defaults' fields, as in the defaults")
                }
                Some(serde_json::Value::Null) | None => {
                    phrase!("a value of the kind the defaults have, as in the defaults")
                }
            };
            return (field, phrase!("{}", e.to_string()), expected);
        }
        whole
    }

    /// Records `market` as the market's assumptions: as an override of only what differs from
    /// the defaults, so the file (and a link to the view) carries no more than was changed.
    pub fn set_market(&mut self, iso3: &str, market: &MarketAssumptions) -> Result<(), String> {
        let json = serde_json::to_value(market).map_err(|e| e.to_string())?;
        let defaults = serde_json::to_value(&self.defaults).map_err(|e| e.to_string())?;
        let minimal = differences(&defaults, &json)
            .unwrap_or_else(|| serde_json::Value::Object(serde_json::Map::new()));
        self.markets.insert(iso3.to_owned(), minimal);
        Ok(())
    }
}

/// What `value` changes in `base`, as an object to merge over it (see [`merge_json`]); None
/// when nothing differs. Objects recurse; anything else that differs is taken whole.
fn differences(base: &serde_json::Value, value: &serde_json::Value) -> Option<serde_json::Value> {
    match (base, value) {
        (serde_json::Value::Object(b), serde_json::Value::Object(v)) => {
            let changed: serde_json::Map<String, serde_json::Value> = v
                .iter()
                .filter_map(|(k, v)| match b.get(k) {
                    Some(old) => differences(old, v).map(|d| (k.clone(), d)),
                    None => Some((k.clone(), v.clone())),
                })
                .collect();
            (!changed.is_empty()).then_some(serde_json::Value::Object(changed))
        }
        _ if base == value => None,
        _ => Some(value.clone()),
    }
}

/// The values an override sets, each with its keys from the override's top: objects are
/// walked into (they merge); anything else is one value (it replaces).
fn override_leaves<'a>(
    value: &'a serde_json::Value,
    keys: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, &'a serde_json::Value)>,
) {
    match value {
        serde_json::Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                keys.push(key.clone());
                override_leaves(child, keys, out);
                keys.pop();
            }
        }
        _ => out.push((keys.clone(), value)),
    }
}

fn merge_json(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge_json(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}
