//! Per-market overrides: partial JSON objects laid over the defaults, recorded as only what
//! differs, and explained field by field when one does not fit.

use super::{Assumptions, MarketAssumptions};
use crate::json_diff;
use crate::phrase::Phrase;

impl Assumptions {
    /// The defaults with the market's overrides laid over them (objects merge, values replace).
    pub fn for_market(&self, iso3: &str) -> Result<MarketAssumptions, String> {
        let Some(overrides) = self.markets.get(iso3) else {
            return Ok(self.defaults.clone());
        };
        let mut merged = serde_json::to_value(&self.defaults).map_err(|e| e.to_string())?;
        json_diff::apply(&mut merged, "", overrides).map_err(|e| e.english())?;
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
        for (pointer, value) in json_diff::changes_in(overrides) {
            // The defaults with this one value laid over them.
            let mut merged = defaults.clone();
            let Ok(keys) = json_diff::pointer_keys(&pointer) else {
                continue;
            };
            if json_diff::apply(&mut merged, &pointer, &value).is_err() {
                continue;
            }
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
        let minimal = json_diff::to_merge_patch(&json_diff::diff(&defaults, &json));
        self.markets.insert(iso3.to_owned(), minimal);
        Ok(())
    }
}
