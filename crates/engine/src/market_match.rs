//! Matching the markets users name in their files (ISO2, ISO3, a name or a common alias) to
//! the dataset's markets.

use std::collections::HashMap;

use crate::dataset::{Market, MarketIndex};

pub struct MarketMatcher {
    by_key: HashMap<String, MarketIndex>,
}

/// Case, accents' absence, punctuation and "the" do not matter: "Côte d'Ivoire",
/// "COTE D IVOIRE" and "the Côte d’Ivoire" are one key.
pub fn normalise(name: &str) -> String {
    let lowered = name.trim().to_lowercase().replace('&', " and ");
    let words: Vec<String> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold_accents)
        .collect();
    let start = usize::from(words.first().is_some_and(|w| w == "the") && words.len() > 1);
    words[start..].join(" ")
}

fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

impl MarketMatcher {
    pub fn new(markets: &[Market]) -> Self {
        let mut by_key = HashMap::new();
        // Names and aliases first, codes last, so a code always wins over a name that happens
        // to spell it.
        for (i, market) in markets.iter().enumerate().map(|(i, m)| (MarketIndex(i), m)) {
            for alias in &market.aliases {
                by_key.entry(normalise(alias)).or_insert(i);
            }
        }
        for (i, market) in markets.iter().enumerate().map(|(i, m)| (MarketIndex(i), m)) {
            by_key.insert(normalise(&market.name), i);
        }
        for (i, market) in markets.iter().enumerate().map(|(i, m)| (MarketIndex(i), m)) {
            by_key.insert(market.iso2.to_lowercase(), i);
            by_key.insert(market.iso3.to_lowercase(), i);
        }
        by_key.remove("");
        Self { by_key }
    }

    pub fn find(&self, text: &str) -> Option<MarketIndex> {
        self.by_key.get(&normalise(text)).copied()
    }
}
