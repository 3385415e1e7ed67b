//! Fetching the bundled dataset that ships beside `index.html`.

use beachhead_engine::{Dataset, LoadError};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Relative to the page, so the app works from any sub-path of any static host.
pub const DICTIONARY_URL: &str = "data/indicators.csv";
pub const MARKETS_URL: &str = "data/markets.csv";

/// Why the dataset is not there: the files could not be fetched, or they were fetched and
/// are wrong (each problem located).
#[derive(Debug, Clone, PartialEq)]
pub enum LoadFailure {
    Unreachable(String),
    Invalid(LoadError),
}

pub async fn load_bundled() -> Result<Dataset, LoadFailure> {
    let dictionary = fetch_text(DICTIONARY_URL).await?;
    let markets = fetch_text(MARKETS_URL).await?;
    Dataset::from_csv(DICTIONARY_URL, &dictionary, MARKETS_URL, &markets)
        .map_err(LoadFailure::Invalid)
}

async fn fetch_text(url: &str) -> Result<String, LoadFailure> {
    let unreachable = |why: String| LoadFailure::Unreachable(format!("{url}: {why}"));
    let describe = |e: wasm_bindgen::JsValue| {
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "the request failed".into())
    };
    let window = web_sys::window().ok_or_else(|| unreachable("no browser window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| unreachable(describe(e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| unreachable("not an HTTP response".into()))?;
    if !response.ok() {
        return Err(unreachable(format!(
            "the server answered HTTP {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let text = response.text().map_err(|e| unreachable(describe(e)))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|e| unreachable(describe(e)))?;
    text.as_string()
        .ok_or_else(|| unreachable("the body is not text".into()))
}
