//! Native engine benchmarks (criterion). `cargo xtask bench` runs them and reads the Monte
//! Carlo's estimate beside the same work timed in the browser.

use std::hint::black_box;
use std::time::Duration;

use beachhead_engine::synthetic::{bundle, weekly_csv};
use beachhead_engine::test_market::{load_files, Ingest};
use beachhead_engine::uncertainty::{MonteCarlo, Settings};
use beachhead_engine::{readiness, Dataset, IndexModel};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The benchmark scale the budgets are set at.
const MARKETS: usize = 250;
const INDICATORS: usize = 40;
const SEED: u64 = 7;
/// Rows per slice of the sliced ingest.
const ROWS_PER_SLICE: usize = 5_000;

fn data() -> (Dataset, IndexModel) {
    let files = bundle(MARKETS, INDICATORS, SEED);
    let dataset = Dataset::from_csv("i", &files.dictionary_csv, "m", &files.markets_csv)
        .unwrap_or_else(|e| panic!("synthetic data: {e:?}"));
    let model = IndexModel::from_json("model", &files.model_json)
        .unwrap_or_else(|e| panic!("synthetic model: {e:?}"));
    (dataset, model)
}

fn monte_carlo(c: &mut Criterion) {
    let (dataset, model) = data();
    let mut group = c.benchmark_group("monte_carlo");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("mc_10k_250x40", |b| {
        b.iter(|| {
            let settings = Settings {
                draws: 10_000,
                seed: SEED,
                ..Settings::default()
            };
            let mut run = MonteCarlo::new(&dataset, &model, &settings);
            while !run.finished() {
                run.run(10_000);
            }
            black_box(run.result())
        })
    });
    group.finish();
}

fn scoring(c: &mut Criterion) {
    let (dataset, model) = data();
    c.bench_function("score_250x40", |b| {
        b.iter(|| black_box(readiness::score(&dataset, &model)))
    });
}

fn ingest(c: &mut Criterion) {
    let (dataset, _) = data();
    let codes: Vec<&str> = dataset.markets().iter().map(|m| m.iso3.as_str()).collect();
    // A tenth of the browser benchmark's file: the rate is what is compared.
    let csv = weekly_csv(&codes, 100_000, SEED).into_bytes();
    let mut group = c.benchmark_group("ingest");
    group
        .sample_size(10)
        .throughput(Throughput::Bytes(csv.len() as u64));
    let files = [("weekly.csv".to_owned(), csv)];
    group.bench_function("sell_through_100k_rows", |b| {
        b.iter(|| black_box(load_files(&dataset, &files).map(|(t, _)| t.markets().len())))
    });
    // As the app reads it: a slice of rows at a time (borrowing the bytes, as load_files does).
    group.bench_function("sell_through_100k_rows_sliced", |b| {
        b.iter(|| {
            let borrowed = files
                .iter()
                .map(|(n, b)| (n.clone(), b.as_slice()))
                .collect();
            let mut ingest = Ingest::new(&dataset, borrowed);
            while !ingest.step(ROWS_PER_SLICE) {}
            black_box(ingest.finish().map(|(t, _)| t.markets().len()))
        })
    });
    group.finish();
}

criterion_group!(benches, monte_carlo, scoring, ingest);
criterion_main!(benches);
