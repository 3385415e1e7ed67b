//! The Monte Carlo's draws in a Web Worker. The page sends a plan's bytes and the range of
//! draws this worker runs; `bootstrap.js` (in the app, which starts the worker) drives a
//! [`Draws`] a slice at a time, reports progress and sends the rank counts back. The engine
//! alone, without the app's interface: the worker's wasm is a fraction of the page's.

use beachhead_engine::uncertainty::{MonteCarlo, Plan};
use wasm_bindgen::prelude::*;

/// Some of a plan's draws, run a slice at a time.
#[wasm_bindgen]
pub struct Draws(MonteCarlo);

#[wasm_bindgen]
impl Draws {
    /// The draws `from..to` of the plan in `plan` (its bytes, as [`Plan::to_bytes`] writes them).
    #[wasm_bindgen(constructor)]
    pub fn new(plan: &[u8], from: usize, to: usize) -> Result<Draws, JsError> {
        let plan = Plan::from_bytes(plan).map_err(|e| JsError::new(&e))?;
        Ok(Draws(MonteCarlo::over(plan, from..to)))
    }

    /// Runs up to `count` more draws; returns how many ran.
    pub fn run(&mut self, count: usize) -> usize {
        self.0.run(count)
    }

    pub fn finished(&self) -> bool {
        self.0.finished()
    }

    pub fn done(&self) -> usize {
        self.0.draws_done()
    }

    /// How often each market took each rank in the draws run so far (see `Tally`).
    pub fn counts(&self) -> Vec<u32> {
        self.0.tally().counts.clone()
    }
}

/// Nothing to do at start: the page's messages drive the worker.
fn main() {}
