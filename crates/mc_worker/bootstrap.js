// The Monte Carlo worker's own code, after the wasm-bindgen glue (which defines `wasm_bindgen`)
// in one classic script: the page makes a blob of the two, which is how a worker can start in
// the hosted build, in the single file opened from disk and in a sandboxed embed alike.
//
// Messages in: { module } the worker's compiled WebAssembly, once; { plan, from, to } a run;
// { stop } finish now with the draws so far. Out: { done } progress; { done, counts } the
// rank counts at the end (or at a stop); { error } when the run cannot start.
'use strict';
let ready = null;
let draws = null;
let stopping = false;
// Turns of the worker's own event loop between slices, so a stop is read as soon as it comes;
// a message channel, since nested timeouts are held back by at least 4 ms each.
const turns = new MessageChannel();
turns.port1.onmessage = () => step();

function step() {
  if (!stopping) {
    const start = performance.now();
    while (!draws.finished() && performance.now() - start < 25) draws.run(8);
  }
  if (stopping || draws.finished()) {
    const counts = draws.counts();
    postMessage({ done: draws.done(), counts }, [counts.buffer]);
    draws.free();
    draws = null;
    return;
  }
  postMessage({ done: draws.done() });
  turns.port2.postMessage(null);
}

onmessage = async (event) => {
  const message = event.data;
  if (message.module) {
    ready = wasm_bindgen({ module_or_path: message.module });
    return;
  }
  if (message.stop) {
    stopping = true;
    return;
  }
  try {
    await ready;
    stopping = false;
    draws = new wasm_bindgen.Draws(message.plan, message.from, message.to);
    step();
  } catch (error) {
    postMessage({ error: String((error && error.message) || error) });
  }
};
