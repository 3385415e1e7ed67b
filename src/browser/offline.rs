//! Working offline: the hosted build registers its service worker (`sw.js`, written by
//! `cargo xtask dist`), so a page once loaded opens again with no network.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The single-file build carries its data in the page and needs no worker; a page from disk or
/// in a sandboxed frame may not have one. Everywhere else, register it and let it be.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" || !window.is_secure_context() {
        return;
    }
    let single_file = window
        .document()
        .and_then(|d| d.query_selector("script[id^=\"bundled:\"]").ok().flatten())
        .is_some();
    if single_file {
        return;
    }
    // Read through Reflect: in a sandboxed frame merely touching `navigator.serviceWorker`
    // throws, which a typed binding would turn into a crash.
    let container = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .and_then(|c| c.dyn_into::<web_sys::ServiceWorkerContainer>().ok());
    let Some(container) = container else {
        return;
    };
    let registering = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        // A development build has no sw.js; the app works the same without it.
        let _ = JsFuture::from(registering).await;
    });
}
