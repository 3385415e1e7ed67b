//! Embedding: the Embed button's iframe snippets for the view on screen, and the slim credit
//! line an embedded view shows in place of the app's chrome.
//!
//! Two snippets, because wikis differ in what they allow:
//! - **From this site** (the default): the frame loads the hosted build, the page itself, so it
//!   downloads what the first view needs (the wasm and the data, about a fifth of the single
//!   file) and several embeds on one wiki page share the browser's cache. Its sandbox adds
//!   `allow-same-origin`, which lets the frame fetch its own files; that is safe only when the
//!   wiki is on another origin than Beachhead, which the panel says.
//! - **The single file** (`beachhead.html`, from `cargo xtask dist`): for a wiki that can only
//!   host an attachment or allows scripts but no same-origin frames. A frame sandboxed with
//!   scripts only has an opaque origin and cannot fetch anything, and the single file needs no
//!   fetch at all.

use leptos::prelude::*;

use crate::state::navigation::Navigation;
use crate::state::url_state::UrlState;

/// The file the single-file snippet embeds, written beside `index.html` by `cargo xtask dist`.
pub const SINGLE_FILE: &str = "beachhead.html";

/// Where an embedded view loads the app from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedSource {
    /// The hosted build this page was loaded from.
    Hosted,
    /// The self-contained `beachhead.html` beside it.
    SingleFile,
}

impl EmbedSource {
    /// A hosted frame needs its own origin to fetch its files; the single file needs none.
    fn sandbox(self) -> &'static str {
        match self {
            EmbedSource::Hosted => "allow-scripts allow-same-origin allow-downloads",
            EmbedSource::SingleFile => "allow-scripts allow-downloads",
        }
    }

    /// The address the frame loads, from this page's: the page itself without its query and
    /// hash, or the single file in the same folder.
    fn address(self, href: &str) -> String {
        let page = href.split('#').next().unwrap_or_default();
        let page = page.split('?').next().unwrap_or_default();
        match self {
            EmbedSource::Hosted => page.to_owned(),
            EmbedSource::SingleFile => match page.rsplit_once('/') {
                Some((folder, _)) => format!("{folder}/{SINGLE_FILE}"),
                None => SINGLE_FILE.to_owned(),
            },
        }
    }
}

/// Escapes text for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe that shows `link` (the state after `#`, with `embed=1`), loaded from `source`
/// as seen from the page at `href`.
pub fn snippet(source: EmbedSource, href: &str, link: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" sandbox=\"{}\" width=\"100%\" height=\"640\" style=\"border:0\" loading=\"lazy\"></iframe>",
        attribute(&format!("{}#{link}", source.address(href))),
        attribute(title),
        source.sandbox()
    )
}

#[component]
pub fn EmbedButton(links: UrlState, navigation: Navigation) -> impl IntoView {
    let open = RwSignal::new(false);
    let copied = RwSignal::new(None::<bool>);
    let source = RwSignal::new(EmbedSource::Hosted);
    let code = Memo::new(move |_| {
        let mut state = links.state();
        state.embed = true;
        let title = crate::i18n::tab_label(navigation.tab.get());
        snippet(
            source.get(),
            &window().location().href().unwrap_or_default(),
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
                    {move || crate::i18n::t("Paste this into a wiki or web page to show the view on screen, as it is now, without the rest of Beachhead.")}
                </p>
                <fieldset class="embed-source" data-testid="embed-source">
                    <legend>{move || crate::i18n::t("Load it from")}</legend>
                    <label>
                        <input type="radio" name="embed-source" data-testid="embed-hosted" prop:checked=move || source.get() == EmbedSource::Hosted on:change=move |_| { source.set(EmbedSource::Hosted); copied.set(None); }/>
                        " " {move || crate::i18n::t("This site")}
                        <span class="hint">{move || crate::i18n::t("Smallest download, and several embeds share it. For a wiki on another web address than Beachhead's that allows frames from it.")}</span>
                    </label>
                    <label>
                        <input type="radio" name="embed-source" data-testid="embed-single-file" prop:checked=move || source.get() == EmbedSource::SingleFile on:change=move |_| { source.set(EmbedSource::SingleFile); copied.set(None); }/>
                        " " {move || crate::i18n::t("The single file")}
                        <span class="hint">{move || crate::i18n::t("beachhead.html (from cargo xtask dist) beside this page: for a wiki that only hosts attachments or allows no same-origin frames. Needs no network and no storage, but each embed loads all of it.")}</span>
                    </label>
                </fieldset>
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
            EmbedSource::SingleFile,
            "https://x.test/b/index.html?x=1#ranking",
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

    #[test]
    fn the_hosted_snippet_loads_this_page_with_its_own_origin() {
        let code = snippet(
            EmbedSource::Hosted,
            "https://x.test/b/?lang=zh#margins?m=TWN",
            "ranking?embed=1",
            "Beachhead",
        );
        assert!(
            code.contains("src=\"https://x.test/b/#ranking?embed=1\""),
            "{code}"
        );
        assert!(
            code.contains("sandbox=\"allow-scripts allow-same-origin allow-downloads\""),
            "{code}"
        );
        assert_eq!(
            EmbedSource::Hosted.address("https://x.test/app/index.html"),
            "https://x.test/app/index.html"
        );
        assert_eq!(
            EmbedSource::SingleFile.address("https://x.test/"),
            "https://x.test/beachhead.html"
        );
    }
}
