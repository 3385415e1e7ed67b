//! Embedding: the Embed button's iframe snippet for the view on screen, and the slim credit line
//! an embedded view shows in place of the app's chrome.
//!
//! The snippet points at `beachhead.html`, the self-contained build: a `sandbox="allow-scripts"`
//! frame has an opaque origin, so it cannot fetch the hosted build's script, wasm or data files
//! (they would need CORS headers most static hosts do not send), while the single file needs
//! no fetch at all.

use leptos::prelude::*;

use crate::state::navigation::Navigation;
use crate::state::url_state::UrlState;

/// The file the snippet embeds, written beside `index.html` by `cargo xtask dist`.
pub const SINGLE_FILE: &str = "beachhead.html";

/// The page's address without its hash, with the file name swapped for the single file.
fn single_file_address() -> String {
    let href = window().location().href().unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    let page = page.split('?').next().unwrap_or_default();
    match page.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/{SINGLE_FILE}"),
        None => SINGLE_FILE.to_owned(),
    }
}

/// Escapes text for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe that shows `link` (the state after `#`, with `embed=1`).
pub fn snippet(address: &str, link: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" sandbox=\"allow-scripts allow-downloads\" width=\"100%\" height=\"640\" style=\"border:0\" loading=\"lazy\"></iframe>",
        attribute(&format!("{address}#{link}")),
        attribute(title)
    )
}

#[component]
pub fn EmbedButton(links: UrlState, navigation: Navigation) -> impl IntoView {
    let open = RwSignal::new(false);
    let copied = RwSignal::new(None::<bool>);
    let code = Memo::new(move |_| {
        let mut state = links.state();
        state.embed = true;
        let title = crate::i18n::tab_label(navigation.tab.get());
        snippet(
            &single_file_address(),
            &state.encode(),
            &format!("Beachhead: {title}"),
        )
    });
    let copy = move |_| {
        let text = code.get_untracked();
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(done));
        });
    };
    view! {
        <button type="button" class="button secondary embed" data-testid="embed" aria-expanded=move || open.get().to_string() on:click=move |_| { open.update(|o| *o = !*o); copied.set(None); }>
            {move || crate::i18n::t("Embed")}
        </button>
        <Show when=move || open.get()>
            <div class="card embed-panel" role="dialog" aria-label=move || crate::i18n::t("Embed this view") data-testid="embed-panel">
                <p class="subtitle">
                    {move || crate::i18n::t("Paste this into a wiki or web page to show the view on screen, as it is now, without the rest of Beachhead. It loads beachhead.html (from cargo xtask dist) beside this page, which needs no network and no storage.")}
                </p>
                <textarea readonly rows="4" data-testid="embed-code" aria-label=move || crate::i18n::t("Embed code") prop:value=move || code.get() on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(area) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                        area.select();
                    }
                }></textarea>
                <p class="actions">
                    <button type="button" class="button" data-testid="embed-copy" on:click=copy>{move || crate::i18n::t("Copy")}</button>
                    <button type="button" class="button secondary" on:click=move |_| open.set(false)>{move || crate::i18n::t("Close")}</button>
                    {move || copied.get().map(|done| view! {
                        <span role="status" class="hint">{if done { crate::i18n::t("Copied.") } else { crate::i18n::t("The browser refused the clipboard: select the code and copy it.") }}</span>
                    })}
                </p>
            </div>
        </Show>
    }
}

/// Shown under an embedded view: where it comes from, and the way to the whole app.
#[component]
pub fn EmbedCredit(links: UrlState) -> impl IntoView {
    let full = move || {
        let mut state = links.state();
        state.embed = false;
        format!("#{}", state.encode())
    };
    view! {
        <p class="embed-credit" data-testid="embed-credit">
            "Beachhead · "
            <a href=full target="_blank" rel="noopener">{move || crate::i18n::t("Open the full explorer")}</a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        let code = snippet(
            "https://x.test/b/beachhead.html",
            "ranking?m=\"HKG\"&embed=1",
            "A <b>",
        );
        assert!(
            code.contains(
                "src=\"https://x.test/b/beachhead.html#ranking?m=&quot;HKG&quot;&amp;embed=1\""
            ),
            "{code}"
        );
        assert!(code.contains("title=\"A &lt;b&gt;\""), "{code}");
        assert!(code.contains("sandbox=\"allow-scripts allow-downloads\""));
    }
}
