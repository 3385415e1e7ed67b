//! Entry points for `cargo xtask bench`, which calls them from the page through
//! `window.wasmBindings`: the engine's Monte Carlo and the test-market loader timed inside the
//! browser, on the same seeded synthetic data the native benchmarks use. Nothing in the app
//! calls them, so they are built only with the `testing` feature and what ships lacks them.

use beachhead_engine::synthetic;
use beachhead_engine::test_market::{load_files, Ingest};
use beachhead_engine::uncertainty::{MonteCarlo, Plan, Settings};
use beachhead_engine::{Dataset, IndexModel};
use wasm_bindgen::prelude::*;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn synthetic_data(
    markets: usize,
    indicators: usize,
    seed: u64,
) -> Result<(Dataset, IndexModel), JsError> {
    let files = synthetic::bundle(markets, indicators, seed);
    let dataset = Dataset::from_csv(
        "synthetic indicators",
        &files.dictionary_csv,
        "synthetic markets",
        &files.markets_csv,
    )
    .map_err(|e| JsError::new(&format!("{e:?}")))?;
    let model = IndexModel::from_json("synthetic model", &files.model_json)
        .map_err(|e| JsError::new(&format!("{e:?}")))?;
    Ok((dataset, model))
}

/// The synthetic data and the settings of a Monte Carlo benchmark.
fn monte_carlo_input(
    markets: usize,
    indicators: usize,
    draws: usize,
    // u32, not u64: a u64 would have to cross from JavaScript as a BigInt.
    seed: u32,
) -> Result<(Dataset, IndexModel, Settings), JsError> {
    let seed = u64::from(seed);
    let (dataset, model) = synthetic_data(markets, indicators, seed)?;
    let settings = Settings {
        draws,
        seed,
        ..Settings::default()
    };
    Ok((dataset, model, settings))
}

/// Milliseconds for `draws` Monte Carlo draws with ranking at `markets` × `indicators`
/// (the data made beforehand, outside the timing).
#[wasm_bindgen]
pub fn bench_monte_carlo(
    markets: usize,
    indicators: usize,
    draws: usize,
    seed: u32,
) -> Result<f64, JsError> {
    let (dataset, model, settings) = monte_carlo_input(markets, indicators, draws, seed)?;
    let start = now_ms();
    let mut run = MonteCarlo::new(&dataset, &model, &settings);
    while !run.finished() {
        run.run(draws);
    }
    std::hint::black_box(run.result());
    Ok(now_ms() - start)
}

/// The same draws as [`bench_monte_carlo`], as the app runs them: `[milliseconds, workers]`,
/// on the app's background workers (0 workers: none could start, and nothing was timed).
/// Planning, sending the plan and starting the workers are in the time.
#[wasm_bindgen]
pub async fn bench_monte_carlo_workers(
    markets: usize,
    indicators: usize,
    draws: usize,
    seed: u32,
) -> Result<Vec<f64>, JsError> {
    let (dataset, model, settings) = monte_carlo_input(markets, indicators, draws, seed)?;
    let workers = crate::browser::mc_workers::worker_count();
    let start = now_ms();
    let plan = Plan::new(&dataset, &model, &settings);
    let tally = crate::browser::mc_workers::run_draws(&plan, workers, |_| true)
        .await
        .map_err(|e| JsError::new(&e))?;
    std::hint::black_box(plan.result(&tally));
    Ok(vec![now_ms() - start, workers as f64])
}

/// Milliseconds to load `bytes` as a weekly test-market file against the synthetic markets
/// (`markets` of them, as `xtask bench` wrote the file for), validation included.
#[wasm_bindgen]
pub fn bench_ingest(
    bytes: Vec<u8>,
    markets: usize,
    indicators: usize,
    seed: u32,
) -> Result<f64, JsError> {
    let (dataset, _) = synthetic_data(markets, indicators, u64::from(seed))?;
    let files = [("weekly.csv".to_owned(), bytes)];
    let start = now_ms();
    let loaded = load_files(&dataset, &files).map_err(|e| {
        JsError::new(&format!(
            "{} problems, first: {:?}",
            e.problems.len(),
            e.problems.first()
        ))
    })?;
    let elapsed = now_ms() - start;
    std::hint::black_box(loaded);
    Ok(elapsed)
}

/// The same load as [`bench_ingest`], a slice of `rows_per_slice` rows at a time as the app
/// reads a file: `[total milliseconds, longest slice in milliseconds, slices]`, the last
/// slice being the last step and `finish`.
#[wasm_bindgen]
pub fn bench_ingest_sliced(
    bytes: Vec<u8>,
    markets: usize,
    indicators: usize,
    seed: u32,
    rows_per_slice: usize,
) -> Result<Vec<f64>, JsError> {
    let (dataset, _) = synthetic_data(markets, indicators, u64::from(seed))?;
    let start = now_ms();
    let mut ingest = Ingest::new(&dataset, vec![("weekly.csv".to_owned(), bytes)]);
    let (mut longest, mut slices) = (0.0f64, 0usize);
    let last = loop {
        let slice = now_ms();
        slices += 1;
        if ingest.step(rows_per_slice.max(1)) {
            break slice;
        }
        longest = longest.max(now_ms() - slice);
    };
    let loaded = ingest.finish().map_err(|e| {
        JsError::new(&format!(
            "{} problems, first: {:?}",
            e.problems.len(),
            e.problems.first()
        ))
    })?;
    let end = now_ms();
    longest = longest.max(end - last);
    std::hint::black_box(loaded);
    Ok(vec![end - start, longest, slices as f64])
}

/// The wasm module's linear memory in megabytes: what the engine's data takes (it never shrinks,
/// so read after a load it is the peak).
#[wasm_bindgen]
pub fn bench_wasm_memory_mb() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65_536) as f64 / 1e6
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
