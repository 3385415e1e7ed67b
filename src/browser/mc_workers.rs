//! The Monte Carlo's draws on Web Workers, off the page's thread: the page only shows progress
//! and the result. Each worker runs the engine alone (`crates/mc_worker`, a wasm a fraction of
//! the page's) over its share of the draws, and their rank counts add up to exactly the result
//! one runner would give (see `uncertainty::Plan`).
//!
//! A worker starts from a blob made of the worker's wasm-bindgen glue and
//! `crates/mc_worker/bootstrap.js`, with its module compiled here and posted to it: the one way
//! that works alike in the hosted build, in the single file opened from `file://` (which can
//! fetch nothing) and in a sandboxed embed. The page's policy allows `worker-src blob:` for it.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use beachhead_engine::uncertainty::{Plan, Tally};
use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::data_source::{describe, fetch_bytes, fetch_text};

/// Built by Trunk beside the page (`index.html`), unhashed, and inlined in the single file.
pub const GLUE_URL: &str = "mc-worker.js";
pub const WASM_URL: &str = "mc-worker_bg.wasm";
const BOOTSTRAP: &str = include_str!("../../crates/mc_worker/bootstrap.js");
/// More workers than this gain little at the draws a user asks for, and each costs a thread.
const MOST_WORKERS: usize = 4;

/// Workers for this machine: one per logical core, as the page's thread only waits meanwhile.
pub fn worker_count() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(2, |n| n as usize)
        .clamp(1, MOST_WORKERS)
}

/// The worker's script as a blob URL and its compiled module: made once for the page's life.
#[derive(Clone)]
struct Source {
    url: String,
    module: JsValue,
}

thread_local! {
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
    /// Workers that finished a run, kept with their module instantiated for the next: starting
    /// two workers and instantiating their module took about 17 ms of every run.
    static IDLE: RefCell<Vec<web_sys::Worker>> = const { RefCell::new(Vec::new()) };
}

/// A worker ready for a run: an idle one, or a new one given its module.
fn hire(source: &Source) -> Result<web_sys::Worker, String> {
    if let Some(worker) = IDLE.with(|idle| idle.borrow_mut().pop()) {
        return Ok(worker);
    }
    let worker = web_sys::Worker::new(&source.url).map_err(|e| describe(&e))?;
    let first = Object::new();
    Reflect::set(&first, &"module".into(), &source.module).map_err(|e| describe(&e))?;
    worker.post_message(&first).map_err(|e| describe(&e))?;
    Ok(worker)
}

async fn source() -> Result<Source, String> {
    if let Some(source) = SOURCE.with(|s| s.borrow().clone()) {
        return Ok(source);
    }
    let glue = fetch_text(GLUE_URL)
        .await
        .map_err(|e| format!("{GLUE_URL}: {e:?}"))?;
    let wasm = fetch_bytes(WASM_URL).await?;
    let module = JsFuture::from(js_sys::WebAssembly::compile(&Uint8Array::from(&wasm[..])))
        .await
        .map_err(|e| format!("{WASM_URL}: {}", describe(&e)))?;
    let parts = Array::of2(&JsValue::from_str(&glue), &JsValue::from_str(BOOTSTRAP));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| describe(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let source = Source { url, module };
    SOURCE.with(|s| *s.borrow_mut() = Some(source.clone()));
    Ok(source)
}

/// What a worker said.
enum Report {
    Progress(usize),
    Counts(Tally),
    Failed(String),
}

/// Reports from every worker, in the order they came, and the waiting run to wake.
#[derive(Default)]
struct Inbox {
    reports: VecDeque<(usize, Report)>,
    wake: Option<js_sys::Function>,
}

impl Inbox {
    fn push(inbox: &RefCell<Inbox>, worker: usize, report: Report) {
        let wake = {
            let mut inbox = inbox.borrow_mut();
            inbox.reports.push_back((worker, report));
            inbox.wake.take()
        };
        if let Some(wake) = wake {
            let _ = wake.call0(&JsValue::NULL);
        }
    }
}

/// The run's workers and their handlers. Dropped after a run every worker finished, they go
/// back to [`IDLE`]; otherwise (a failure, or the run itself dropped) they are ended.
struct Crew {
    workers: Vec<web_sys::Worker>,
    finished: bool,
    _handlers: Vec<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    _error_handlers: Vec<Closure<dyn FnMut(web_sys::ErrorEvent)>>,
}

impl Drop for Crew {
    fn drop(&mut self) {
        for worker in self.workers.drain(..) {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            if self.finished {
                IDLE.with(|idle| idle.borrow_mut().push(worker));
            } else {
                worker.terminate();
            }
        }
    }
}

fn read_report(data: &JsValue, cells: usize) -> Report {
    let field = |name: &str| Reflect::get(data, &JsValue::from_str(name)).ok();
    if let Some(error) = field("error").and_then(|e| e.as_string()) {
        return Report::Failed(error);
    }
    let done = field("done").and_then(|d| d.as_f64()).unwrap_or(0.0) as usize;
    match field("counts").and_then(|c| c.dyn_into::<Uint32Array>().ok()) {
        Some(counts) if counts.length() as usize == cells => Report::Counts(Tally {
            counts: counts.to_vec(),
            draws: done,
        }),
        Some(_) => Report::Failed("a worker's rank counts are not the plan's size".into()),
        None => Report::Progress(done),
    }
}

/// Runs the plan's draws shared among `workers` workers. `progress` hears the draws done so
/// far after each report, and stops the run when it returns false: the workers then send the
/// draws they have, which make the result. An error means no worker result can be trusted
/// (none could start, or one failed) and the caller runs the draws itself.
pub async fn run_draws(
    plan: &Plan,
    workers: usize,
    mut progress: impl FnMut(usize) -> bool,
) -> Result<Tally, String> {
    let source = source().await?;
    let shares = plan.share_draws(workers);
    let mut tally = plan.empty_tally();
    let cells = tally.counts.len();
    let inbox = Rc::new(RefCell::new(Inbox::default()));
    let bytes = plan.to_bytes();
    let mut crew = Crew {
        workers: Vec::new(),
        finished: false,
        _handlers: Vec::new(),
        _error_handlers: Vec::new(),
    };
    for (index, share) in shares.iter().enumerate() {
        let worker = hire(&source)?;
        crew.workers.push(worker.clone());
        let mailbox = Rc::clone(&inbox);
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                Inbox::push(&mailbox, index, read_report(&event.data(), cells));
            },
        );
        let mailbox = Rc::clone(&inbox);
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                Inbox::push(&mailbox, index, Report::Failed(event.message()));
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        crew._handlers.push(on_message);
        crew._error_handlers.push(on_error);
        let job = Object::new();
        let plan_bytes = Uint8Array::from(&bytes[..]);
        for (key, value) in [
            ("plan", JsValue::from(plan_bytes.clone())),
            ("from", JsValue::from(share.start as f64)),
            ("to", JsValue::from(share.end as f64)),
        ] {
            Reflect::set(&job, &key.into(), &value).map_err(|e| describe(&e))?;
        }
        worker
            .post_message_with_transfer(&job, &Array::of1(&plan_bytes.buffer()))
            .map_err(|e| describe(&e))?;
    }
    drop(bytes);

    let mut done = vec![0; shares.len()];
    let mut finished = vec![false; shares.len()];
    let mut stopping = false;
    while !finished.iter().all(|&f| f) {
        let next = inbox.borrow_mut().reports.pop_front();
        let Some((worker, report)) = next else {
            // Nothing yet: wait for the next report. No report can come in between, as the
            // handlers run only once this task awaits.
            let wake = js_sys::Promise::new(&mut |resolve, _| {
                inbox.borrow_mut().wake = Some(resolve);
            });
            let _ = JsFuture::from(wake).await;
            continue;
        };
        match report {
            Report::Failed(why) => return Err(why),
            Report::Progress(n) => done[worker] = n,
            Report::Counts(counts) => {
                done[worker] = counts.draws;
                finished[worker] = true;
                if !tally.add(&counts) {
                    return Err("a worker's rank counts are not the plan's size".into());
                }
            }
        }
        if !progress(done.iter().sum()) && !stopping {
            stopping = true;
            let stop = Object::new();
            Reflect::set(&stop, &"stop".into(), &JsValue::TRUE).map_err(|e| describe(&e))?;
            for (worker, _) in crew
                .workers
                .iter()
                .zip(&finished)
                .filter(|(_, &finished)| !finished)
            {
                worker.post_message(&stop).map_err(|e| describe(&e))?;
            }
        }
    }
    crew.finished = true;
    Ok(tally)
}
