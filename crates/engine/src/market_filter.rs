//! Which markets are candidates: the filters of the ranking views.

use crate::dataset::Dataset;
use crate::market_match::MarketMatcher;
use crate::MarketIndex;

/// The default population floor, in millions. A volume maker needs volume, and the figures of
/// the smallest places are the noisiest (Bermuda's mobile web use is 99.5% iOS, Cocos Islands'
/// Internet use 13.4%), while 1 million keeps every market of interest: Hong Kong (7.5 M) and
/// Taiwan (23.4 M) stay, Estonia (1.4 M) and Bahrain (1.6 M) stay, and Macao, Luxembourg,
/// Malta and Iceland, with the territories, leave the default candidates. The user can lower
/// it to 0 to see every market.
pub const DEFAULT_MIN_POPULATION_M: f64 = 1.0;

#[derive(Debug, Clone, PartialEq)]
pub struct MarketFilter {
    /// UN region ("Asia", "Africa", …); None for all.
    pub region: Option<String>,
    pub english_official_only: bool,
    /// Markets below this population (millions) are left out; 0 keeps all.
    pub min_population_m: f64,
    /// Markets already entered (ISO3): not candidates.
    pub entered: Vec<String>,
}

impl Default for MarketFilter {
    /// Every region, any language, nothing entered, and the default population floor.
    fn default() -> Self {
        Self {
            region: None,
            english_official_only: false,
            min_population_m: DEFAULT_MIN_POPULATION_M,
            entered: Vec::new(),
        }
    }
}

impl MarketFilter {
    /// No filter at all: every market, however small, is a candidate.
    pub fn all() -> Self {
        Self {
            min_population_m: 0.0,
            ..Self::default()
        }
    }
}

impl MarketFilter {
    pub fn matches(&self, dataset: &Dataset, market: MarketIndex) -> bool {
        let Some(m) = dataset.market(market) else {
            return false;
        };
        if self.region.as_ref().is_some_and(|r| &m.region != r) {
            return false;
        }
        if self.english_official_only && m.english_official != Some(true) {
            return false;
        }
        if self.min_population_m > 0.0 {
            let population = dataset
                .indicator_index("population")
                .and_then(|i| dataset.observation(market, i))
                .map(|o| o.value);
            // Unknown population cannot pass a population threshold.
            if population.is_none_or(|p| p < self.min_population_m * 1e6) {
                return false;
            }
        }
        !self.entered.contains(&m.iso3)
    }

    /// Reads a list of markets typed by a person ("China, HK; Taiwan"): the ISO3 codes it
    /// names, and the parts that name no market.
    pub fn parse_entered(dataset: &Dataset, text: &str) -> (Vec<String>, Vec<String>) {
        let matcher = MarketMatcher::new(dataset.markets());
        let mut codes = Vec::new();
        let mut unknown = Vec::new();
        for part in text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match matcher.find(part) {
                Some(i) => {
                    let code = dataset[i].iso3.clone();
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
                None => unknown.push(part.to_owned()),
            }
        }
        (codes, unknown)
    }
}

/// The distinct UN regions of the dataset's markets, sorted.
pub fn regions(dataset: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = dataset
        .markets()
        .iter()
        .map(|m| m.region.clone())
        .filter(|r| !r.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}
