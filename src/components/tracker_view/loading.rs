//! Loading one's own test-market files: read in slices with progress and a way to stop,
//! then each market's track built, and what came of it reported.

use std::sync::Arc;

use beachhead_engine::test_market::{Ingest, TestMarkets};
use beachhead_engine::tracker::{Grouping, Track};
use beachhead_engine::{Arg, Phrase, Problem};
use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::browser::files::{files_of, read_files, run_in_slices, yield_to_browser};
use crate::components::progress_bar::ProgressBar;
use crate::i18n::{phrase, t, tf};
use crate::state::explorer::Explorer;
use crate::state::test_markets::{LoadStatus, TestMarketState};

/// A load's progress, with the button that stops it. The bar follows `done` and `total` in
/// place, as the load reports them.
fn progress_bar(
    tests: TestMarketState,
    what: &'static str,
    done: Signal<usize>,
    total: Signal<usize>,
) -> impl IntoView {
    let text = Signal::derive(move || {
        let total = total.get();
        let percent = if total > 0 {
            100.0 * done.get() as f64 / total as f64
        } else {
            0.0
        };
        format!("{what} {percent:.0}%")
    });
    view! {
        <div class="load-progress" data-testid="tracker-progress">
            <ProgressBar label=what done=done total=total text=text/>
            <button type="button" class="button secondary" data-testid="tracker-stop" on:click=move |_| {
                tests.stop_load();
            }>{move || t("Stop")}</button>
        </div>
    }
}

/// What loading one's own files gave, in words (built when shown, so it follows the language).
fn loaded_text(names: &[String], markets: usize, warnings: usize, shown: &[Phrase]) -> String {
    let names = names.join(", ");
    let mut text = if markets == 1 {
        tf("Loaded {}: {} test market.", &[&names, &markets])
    } else {
        tf("Loaded {}: {} test markets.", &[&names, &markets])
    };
    if warnings > 0 {
        let shown: Vec<String> = shown.iter().map(phrase).collect();
        let shown = shown.join("; ");
        text.push_str(&if warnings == 1 {
            tf(" {} warning: {}", &[&warnings, &shown])
        } else {
            tf(" {} warnings: {}", &[&warnings, &shown])
        });
    }
    text
}

/// Rows read between checks of the clock.
const ROWS_PER_STEP: usize = 2_000;

/// Every market's track, between the browser's turns: the records grouped by market, then
/// a market at a time. None when `go_on` says to stop.
async fn tracks_in_slices(
    data: &TestMarkets,
    mut go_on: impl FnMut(usize, usize) -> bool,
) -> Option<Vec<Arc<Track>>> {
    let mut grouping = Grouping::new(data);
    if !run_in_slices(
        &mut grouping,
        |g| g.step(ROWS_PER_STEP * 2),
        |_| go_on(0, 1),
    )
    .await
    {
        return None;
    }
    let markets = grouping.finish();
    let total = markets.len();
    let mut work = (markets.into_iter(), Vec::with_capacity(total));
    let finished = run_in_slices(
        &mut work,
        |(markets, tracks)| match markets.next() {
            Some(m) => {
                tracks.extend(Track::from_records(&m).map(Arc::new));
                false
            }
            None => true,
        },
        |(_, tracks)| go_on(tracks.len(), total),
    )
    .await;
    finished.then_some(work.1)
}

/// Loads the files chosen in the file input `ev` came from, replacing the test markets shown
/// once every file is read and tracked.
pub(super) fn load_chosen_files(explorer: Explorer, tests: TestMarketState, ev: leptos::ev::Event) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(list) = input.files() else { return };
    let files = files_of(&list);
    input.set_value("");
    if files.is_empty() {
        return;
    }
    let run = tests.begin_load();
    tests.report_load(run, LoadStatus::Reading { done: 0, total: 0 });
    // Each report is dropped, and the load ends, once it was stopped or another began.
    spawn_local(async move {
        let read = match read_files(files).await {
            Ok(read) => read,
            Err(why) => {
                let why = Phrase::new("{}", vec![Arg::Text(why)]);
                tests.report_load(run, LoadStatus::Failed(vec![why]));
                return;
            }
        };
        let names: Vec<String> = read.iter().map(|(n, _)| n.clone()).collect();
        let dataset = explorer.dataset.get_untracked();
        // A million rows take seconds: read in slices, with progress and a way to stop.
        let mut ingest = Ingest::new(&dataset, read);
        let finished = run_in_slices(
            &mut ingest,
            |ingest| ingest.step(ROWS_PER_STEP),
            |ingest| {
                let (done, total) = ingest.progress();
                tests.report_load(run, LoadStatus::Reading { done, total })
            },
        )
        .await;
        if !finished {
            return;
        }
        // Each stage after the slices in a task of its own: run in the last slice's task, the
        // checks, the last tracks and the view rebuilt for the new data made one of over 20 ms.
        yield_to_browser().await;
        let (data, warnings) = match ingest.finish() {
            Ok(loaded) => loaded,
            Err(e) => {
                let problems = e.problems.iter().map(Problem::phrase).collect();
                tests.report_load(run, LoadStatus::Failed(problems));
                return;
            }
        };
        let Some(tracks) = tracks_in_slices(&data, |done, total| {
            tests.report_load(run, LoadStatus::Tracking { done, total })
        })
        .await
        else {
            return;
        };
        yield_to_browser().await;
        let loaded = LoadStatus::Loaded {
            names: names.clone(),
            markets: tracks.len(),
            warnings: warnings.len(),
            shown: warnings.iter().take(5).map(Problem::phrase).collect(),
        };
        if tests.report_load(run, loaded) {
            tests.use_own(data, tracks, names);
            tests.chosen.set(None);
        }
    });
}

/// How the last load went: its progress, or what it gave.
#[component]
pub(super) fn LoadReport(tests: TestMarketState) -> impl IntoView {
    let status = tests.load;
    // The report is built again when the load moves to another stage, not with each report of
    // its progress: those only move the bar.
    let stage = Memo::new(move |_| {
        status.with(|s| match s {
            LoadStatus::Reading { .. } => Stage::Reading,
            LoadStatus::Tracking { .. } => Stage::Tracking,
            settled => Stage::Settled(settled.clone()),
        })
    });
    let progress = Memo::new(move |_| {
        status.with(|s| match *s {
            LoadStatus::Reading { done, total } | LoadStatus::Tracking { done, total } => {
                (done, total)
            }
            _ => (0, 0),
        })
    });
    let done = Signal::derive(move || progress.get().0);
    let total = Signal::derive(move || progress.get().1);
    move || {
        match stage.get() {
        Stage::Reading => progress_bar(tests, t("Reading your files…"), done, total).into_any(),
        Stage::Tracking => progress_bar(tests, t("Building each market's track…"), done, total).into_any(),
        Stage::Settled(settled) => match settled {
        LoadStatus::Idle | LoadStatus::Reading { .. } | LoadStatus::Tracking { .. } => ().into_any(),
        LoadStatus::Stopped => view! { <p class="notice" data-testid="tracker-stopped" role="status">{move || t("Loading stopped; the test markets shown are unchanged.")}</p> }.into_any(),
        LoadStatus::Loaded { names, markets, warnings, shown } => view! { <div class="report ok" data-testid="tracker-report" role="status"><p class="report-headline">{loaded_text(&names, markets, warnings, &shown)}</p></div> }.into_any(),
        LoadStatus::Failed(lines) => view! {
            <div class="report error" data-testid="tracker-report" role="alert">
                <p class="report-headline">{move || t("Your files were not loaded; the test markets shown are unchanged.")}</p>
                <ul class="problems">{lines.into_iter().map(|l| view! { <li class="error">{phrase(&l)}</li> }).collect_view()}</ul>
            </div>
        }.into_any(),
        },
    }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Reading,
    Tracking,
    /// Not loading: idle, stopped, loaded or failed, shown as it is.
    Settled(LoadStatus),
}
