//! Components in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use std::sync::Arc;

use beachhead_app::components::{RankingChart, WeightsPanel};
use beachhead_app::state::explorer::Explorer;
use beachhead_charts::ranking_chart::RankedBar;
use beachhead_engine::{Dataset, IndexModel};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host(width_px: u32) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    host.style()
        .set_property("width", &format!("{width_px}px"))
        .unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Lets effects run and the browser lay out and paint.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn ranking_chart_draws_bars_in_the_series_colours() {
    let host = host(600);
    let bars = vec![
        RankedBar {
            rank: 1,
            label: "Hong Kong".into(),
            score: 78.0,
            segments: vec![40.0, 38.0],
        },
        RankedBar {
            rank: 2,
            label: "Singapore".into(),
            score: 60.0,
            segments: vec![30.0, 30.0],
        },
    ];
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <RankingChart
                bars=Signal::stored(bars)
                summary=Signal::stored("two markets".to_string())
                pillars=Signal::stored(vec!["Demand".to_string(), "Digital".to_string()])
            />
        }
    });
    settle().await;

    // Its data table: a row per bar, a column per pillar.
    let headings: Vec<String> = (0..5)
        .filter_map(|i| {
            host.query_selector(&format!(
                "[data-testid=\"ranking-chart-table\"] thead th:nth-child({})",
                i + 1
            ))
            .ok()
            .flatten()
            .and_then(|h| h.text_content())
        })
        .collect();
    assert_eq!(headings, ["Market", "Rank", "Score", "Demand", "Digital"]);
    // Folded, the table has no rows yet; unfolded, it builds them.
    assert!(host
        .query_selector("[data-testid=\"ranking-chart-table\"] tbody tr")
        .unwrap()
        .is_none());
    host.query_selector("details.chart-data")
        .unwrap()
        .unwrap()
        .set_attribute("open", "")
        .unwrap();
    settle().await;
    let first_row = host
        .query_selector("[data-testid=\"ranking-chart-table\"] tbody tr")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(first_row, "Hong Kong178.040.038.0");

    let canvas: web_sys::HtmlCanvasElement = host
        .query_selector("canvas")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("two markets")
    );
    // The backing store is the CSS size (from a ResizeObserver, fractional) times the ratio,
    // rounded; clientWidth is itself rounded, so they may differ by a pixel.
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let expected = (f64::from(canvas.client_width()) * ratio).round();
    assert!(
        (f64::from(canvas.width()) - expected).abs() <= ratio.ceil(),
        "backing store {} for {} CSS px at ratio {ratio}",
        canvas.width(),
        canvas.client_width()
    );
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let pixels = context
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data();
    let rgba: Vec<&[u8]> = pixels.chunks_exact(4).collect();
    let inked = rgba
        .iter()
        .filter(|p| p[0] < 240 || p[1] < 240 || p[2] < 240)
        .count();
    assert!(inked > 2_000, "only {inked} drawn pixels");
    // First series (#0072B2) and second (#E69F00) are both on the canvas: the bars are stacked.
    assert!(rgba.iter().any(|p| p[..3] == [0x00, 0x72, 0xB2]));
    assert!(rgba.iter().any(|p| p[..3] == [0xE6, 0x9F, 0x00]));
    drop(handle);
}

fn assumptions() -> beachhead_engine::economics::Assumptions {
    beachhead_engine::economics::Assumptions::from_json(
        "assumptions.json",
        include_str!("../public/data/economics/assumptions.json"),
    )
    .unwrap()
}

/// Hong Kong and India on two indicators, weighted alike.
fn two_markets() -> (Dataset, IndexModel) {
    let dataset = Dataset::from_csv(
        "indicators.csv",
        "id,label,unit,direction,source,licence\n\
         population,Population,people,higher,WB,CC BY 4.0\n\
         gdp_pc_ppp_intl,GDP,$,higher,WB,CC BY 4.0\n",
        "markets.csv",
        "iso3,iso2,name,population,gdp_pc_ppp_intl\nHKG,HK,Hong Kong,7500000,70000\nIND,IN,India,1400000000,11000\n",
    )
    .unwrap();
    let model = IndexModel::flat(
        "test",
        &[("population", 3.0, true), ("gdp_pc_ppp_intl", 3.0, true)],
        0.5,
    );
    (dataset, model)
}

#[wasm_bindgen_test]
async fn moving_a_weight_slider_changes_the_weights_and_their_shares() {
    let (dataset, model) = two_markets();
    let host = host(300);
    let (set_explorer, explorer_out) = std::sync::mpsc::channel();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let explorer = Explorer::new(
            Signal::stored(Arc::new(dataset)),
            model,
            vec!["population".into(), "gdp_pc_ppp_intl".into()],
            assumptions(),
        );
        set_explorer.send(explorer).unwrap();
        view! { <WeightsPanel explorer/> }
    });
    let explorer = explorer_out.recv().unwrap();
    settle().await;
    let share = |id: &str| {
        host.query_selector(&format!("[data-testid=share-{id}]"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    // Population carries 3 of the model's 6 weight points.
    assert_eq!(share("population"), "50%");

    let slider: web_sys::HtmlInputElement = host
        .query_selector("[data-testid=weight-population]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    slider.set_value("0");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    slider
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;

    assert_eq!(
        explorer.weights.get_untracked().get("population"),
        Some(&0.0)
    );
    assert_eq!(share("population"), "0%");
    assert_eq!(share("gdp_pc_ppp_intl"), "100%");
    // With population at zero the richer market leads.
    let leader = explorer.ranking.get_untracked().scores[0].market;
    assert_eq!(leader, beachhead_engine::MarketIndex(0));
    drop(handle);
}

#[wasm_bindgen_test]
async fn yields_all_resume_in_order_and_let_timers_run_between_slices() {
    use beachhead_app::browser::files::{run_in_slices, yield_to_browser};
    use std::cell::RefCell;
    use std::rc::Rc;
    // Many yields waiting at once: each resumes, in the order they began.
    let order = Rc::new(RefCell::new(Vec::new()));
    for i in 0..50 {
        let order = Rc::clone(&order);
        wasm_bindgen_futures::spawn_local(async move {
            yield_to_browser().await;
            order.borrow_mut().push(i);
        });
    }
    settle().await;
    assert_eq!(*order.borrow(), (0..50).collect::<Vec<_>>());

    // Long work in slices: it finishes, reports between slices, and a timer set before it
    // fires while it runs (the browser got turns).
    let timer_fired = Rc::new(RefCell::new(false));
    let fired = Rc::clone(&timer_fired);
    let on_timer = wasm_bindgen::closure::Closure::once_into_js(move || *fired.borrow_mut() = true);
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timer.unchecked_ref(), 0)
        .unwrap();
    let clock = web_sys::window().unwrap().performance().unwrap();
    let reports = std::cell::Cell::new(0usize);
    let mut work = (0u64, false);
    let finished = run_in_slices(
        &mut work,
        |(done, seen_timer)| {
            // About 0.1 ms a step: 3,000 steps are several slices.
            let start = clock.now();
            while clock.now() - start < 0.1 {}
            *done += 1;
            *seen_timer |= *timer_fired.borrow();
            *done >= 3_000
        },
        |_| {
            reports.set(reports.get() + 1);
            true
        },
    )
    .await;
    assert!(finished);
    assert_eq!(work.0, 3_000);
    assert!(
        reports.get() >= 2,
        "progress reported {} times",
        reports.get()
    );
    assert!(work.1, "a timer never ran while the work went on");

    // Stopped between slices: not finished, and no step after the stop.
    let mut steps = 0u64;
    let stopped = run_in_slices(
        &mut steps,
        |n| {
            let start = clock.now();
            while clock.now() - start < 0.1 {}
            *n += 1;
            false
        },
        |_| false,
    )
    .await;
    assert!(!stopped);
    assert!(steps > 0);
}

#[wasm_bindgen_test]
async fn a_progress_bar_follows_its_signals_in_place() {
    use beachhead_app::components::progress_bar::ProgressBar;
    let host = host(400);
    let done = RwSignal::new(0usize);
    let total = RwSignal::new(200usize);
    let _mount = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <ProgressBar
                label=Signal::derive(|| "work".to_owned())
                done=done
                total=total
                text=Signal::derive(move || format!("{} of {}", done.get(), total.get()))
                testid="bar"
            />
        }
    });
    settle().await;
    let bar = host.query_selector("[data-testid=bar]").unwrap().unwrap();
    let fill = host
        .query_selector("[data-testid=bar] span")
        .unwrap()
        .unwrap();
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("0"));
    done.set(50);
    settle().await;
    let same_bar = host.query_selector("[data-testid=bar]").unwrap().unwrap();
    assert!(bar.is_same_node(Some(&same_bar)), "the bar was built anew");
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("50"));
    assert_eq!(bar.get_attribute("aria-valuemax").as_deref(), Some("200"));
    assert!(fill
        .get_attribute("style")
        .unwrap_or_default()
        .contains("25%"));
    assert_eq!(bar.text_content().as_deref(), Some("50 of 200"));
    // More done than the total (a file grew?): the bar stops at full.
    done.set(500);
    settle().await;
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("200"));
    assert!(fill
        .get_attribute("style")
        .unwrap_or_default()
        .contains("100%"));
}

/// Where the worker's files are missing (as here: the test page serves none), the Monte Carlo's
/// workers fail at once with the reason, and the view runs the draws on the page instead:
/// never a wait that does not end.
#[wasm_bindgen_test]
async fn without_the_worker_files_the_workers_fail_at_once_with_the_reason() {
    use beachhead_engine::uncertainty::{Plan, Settings};
    let (dataset, model) = two_markets();
    let plan = Plan::new(&dataset, &model, &Settings::default());
    let mut reports = 0;
    let outcome = beachhead_app::browser::mc_workers::run_draws(&plan, 2, |_| {
        reports += 1;
        true
    })
    .await;
    let why = outcome.expect_err("no worker can start without its files");
    assert!(why.contains("mc-worker"), "{why}");
    assert_eq!(reports, 0);
}
