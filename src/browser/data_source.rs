//! Fetching the bundled dataset that ships beside `index.html`.

use beachhead_engine::economics::Assumptions;
use beachhead_engine::test_market::{self, TestMarkets};
use beachhead_engine::{Dataset, IndexModel, LoadError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{t, tf};

/// Relative to the page, so the app works from any sub-path of any static host.
pub const DICTIONARY_URL: &str = "data/indicators.csv";
pub const MARKETS_URL: &str = "data/markets.csv";
/// The sources other than the indicators' usual ones, and which values come from them.
pub const SOURCES_URL: &str = "data/sources.csv";
pub const VALUE_SOURCES_URL: &str = "data/value_sources.csv";
pub const MODEL_URL: &str = "data/models/beachhead-readiness.json";
pub const ASSUMPTIONS_URL: &str = "data/economics/assumptions.json";
/// The illustrative Hong Kong and Taiwan test markets (docs/test-market-format.md).
pub const TEST_MARKET_URLS: [&str; 3] = [
    "data/test-markets/weekly.csv",
    "data/test-markets/flash_sales.csv",
    "data/test-markets/competitor_shares.csv",
];
/// Natural Earth 1:50m countries (world-atlas TopoJSON): fetched when the map is first shown.
pub const MAP_URL: &str = "data/geo/countries-50m.json";

/// Why the dataset is not there: the files could not be fetched, or they were fetched and
/// are wrong (each problem located).
#[derive(Debug, Clone, PartialEq)]
pub enum LoadFailure {
    Unreachable(String),
    Invalid(LoadError),
}

/// What the app starts from: the bundled dataset and the default index model.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub dataset: Dataset,
    pub model: IndexModel,
    pub assumptions: Assumptions,
    pub test_markets: TestMarkets,
}

pub async fn load_bundled() -> Result<Bundle, LoadFailure> {
    let [weekly, flash, shares] = TEST_MARKET_URLS;
    // All requested at once: one after another, each waited a round trip before the next began.
    let (dictionary, markets, sources, value_sources, model, assumptions, tracked) = futures::try_join!(
        fetch_text(DICTIONARY_URL),
        fetch_text(MARKETS_URL),
        fetch_text(SOURCES_URL),
        fetch_text(VALUE_SOURCES_URL),
        fetch_text(MODEL_URL),
        fetch_text(ASSUMPTIONS_URL),
        futures::future::try_join3(fetch_text(weekly), fetch_text(flash), fetch_text(shares)),
    )?;
    let dataset = Dataset::from_csv(DICTIONARY_URL, &dictionary, MARKETS_URL, &markets)
        .and_then(|d| {
            d.with_value_sources(SOURCES_URL, &sources, VALUE_SOURCES_URL, &value_sources)
        })
        .map_err(LoadFailure::Invalid)?;
    let model = IndexModel::from_json(MODEL_URL, &model).map_err(LoadFailure::Invalid)?;
    let assumptions =
        Assumptions::from_json(ASSUMPTIONS_URL, &assumptions).map_err(LoadFailure::Invalid)?;
    let (test_markets, _) = test_market::load(
        &dataset,
        (weekly, &tracked.0),
        (flash, &tracked.1),
        (shares, &tracked.2),
    )
    .map_err(LoadFailure::Invalid)?;
    Ok(Bundle {
        dataset,
        model,
        assumptions,
        test_markets,
    })
}

/// A bundled file's text: from the page itself when it carries it (the single-file build,
/// opened from disk, where nothing can be fetched), else fetched beside the page.
pub(crate) async fn fetch_text(url: &str) -> Result<String, LoadFailure> {
    if let Some(text) = inlined(url) {
        return Ok(text);
    }
    fetch_remote(url).await
}

/// A bundled binary file's bytes: as [`fetch_text`], where the single file carries it in base64.
pub(crate) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    if let Some(encoded) = inlined(url) {
        let window = web_sys::window().ok_or(t("no browser window"))?;
        let binary = window
            .atob(encoded.trim())
            .map_err(|_| format!("{url}: not base64"))?;
        // atob gives one character per byte, each below 256.
        return Ok(binary.chars().map(|c| c as u8).collect());
    }
    let failed = |e: wasm_bindgen::JsValue| format!("{url}: {}", describe(&e));
    let buffer = fetch_ok(url).await?.array_buffer().map_err(failed)?;
    let buffer = JsFuture::from(buffer).await.map_err(failed)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn inlined(url: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("bundled:{url}")))
        .and_then(|e| e.text_content())
}

/// What a failed browser call says, else that the request failed.
pub(crate) fn describe(error: &wasm_bindgen::JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| t("the request failed").into())
}

/// The answer to a GET of `url` beside the page, when it is a success; else why not, after
/// the URL.
async fn fetch_ok(url: &str) -> Result<web_sys::Response, String> {
    let failed = |why: String| format!("{url}: {why}");
    let window = web_sys::window().ok_or_else(|| failed(t("no browser window").into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| failed(describe(&e)))?
        .dyn_into()
        .map_err(|_| failed(t("not an HTTP response").into()))?;
    if !response.ok() {
        return Err(failed(tf(
            "the server answered HTTP {} {}",
            &[&response.status(), &response.status_text()],
        )));
    }
    Ok(response)
}

async fn fetch_remote(url: &str) -> Result<String, LoadFailure> {
    let unreachable = |why: String| LoadFailure::Unreachable(format!("{url}: {why}"));
    let response = fetch_ok(url).await.map_err(LoadFailure::Unreachable)?;
    let text = response.text().map_err(|e| unreachable(describe(&e)))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|e| unreachable(describe(&e)))?;
    text.as_string()
        .ok_or_else(|| unreachable(t("the body is not text").into()))
}

/// The world map's country shapes.
pub async fn load_world_map() -> Result<beachhead_charts::world_map::WorldMap, String> {
    let text = fetch_text(MAP_URL).await.map_err(|e| match e {
        LoadFailure::Unreachable(why) => why,
        LoadFailure::Invalid(e) => e.to_string(),
    })?;
    beachhead_charts::world_map::WorldMap::from_topojson(&text)
}

/// The world map, loaded once, the first time a view asks for it, and shared by every view
/// that draws it.
#[derive(Debug, Clone, PartialEq)]
pub enum MapState {
    NotLoaded,
    Loading,
    Ready(std::sync::Arc<beachhead_charts::world_map::WorldMap>),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct SharedMap(pub leptos::prelude::RwSignal<MapState>);

impl SharedMap {
    pub fn new() -> Self {
        Self(leptos::prelude::RwSignal::new(MapState::NotLoaded))
    }

    /// Starts loading unless it has started already.
    pub fn request(self) {
        use leptos::prelude::*;
        if self.0.with_untracked(|s| *s != MapState::NotLoaded) {
            return;
        }
        self.0.set(MapState::Loading);
        leptos::task::spawn_local(async move {
            self.0.set(match load_world_map().await {
                Ok(map) => MapState::Ready(std::sync::Arc::new(map)),
                Err(why) => MapState::Failed(why),
            });
        });
    }

    /// The map once it is in.
    pub fn map(self) -> Option<std::sync::Arc<beachhead_charts::world_map::WorldMap>> {
        use leptos::prelude::*;
        match self.0.get() {
            MapState::Ready(map) => Some(map),
            _ => None,
        }
    }
}

impl Default for SharedMap {
    fn default() -> Self {
        Self::new()
    }
}
