//! A panic stops the app's code for good (the release build aborts), so what the user sees is
//! built here with plain DOM calls, outside Leptos, and works without running any more of the
//! app: a banner that says what happened, that nothing saved is lost, a link that reloads the
//! page at the same link, and the error report to copy or download. Saved scenarios live in
//! the browser's storage and the view's state in the link, so a reload loses neither.

/// Replaces the default panic output with the banner (and still logs to the console).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner(&info.to_string());
    }));
}

/// Panics on purpose, so the end-to-end tests can check what a user sees after a panic. Only
/// with the `testing` feature: what ships has no use for a way to stop the app.
#[cfg(feature = "testing")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn beachhead_test_panic() {
    panic!("a deliberate test of the error banner");
}

struct Texts {
    headline: &'static str,
    body: &'static str,
    reload: &'static str,
    report: &'static str,
    download: &'static str,
}

const ENGLISH: Texts = Texts {
    headline: "Beachhead hit an internal error and stopped.",
    body: "Nothing you saved is lost: saved scenarios stay in this browser, and the page's link holds the view you were on. Reload to go on; if it happens again, please send us the report below.",
    reload: "Reload",
    report: "Error report",
    download: "Download the report",
};

const CHINESE: Texts = Texts {
    headline: "Beachhead 遇到内部错误，已停止运行。",
    body: "您保存的内容不会丢失：已保存的情景保留在此浏览器中，页面链接保留了您所在的视图。重新加载即可继续；如果再次发生，请将下面的报告发给我们。",
    reload: "重新加载",
    report: "错误报告",
    download: "下载报告",
};

/// Every step may fail (no document, say); then there is nothing more to show.
fn show_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let chinese = document.document_element().is_some_and(|html| {
        html.get_attribute("lang")
            .is_some_and(|l| l.starts_with("zh"))
    });
    let texts = if chinese { &CHINESE } else { &ENGLISH };
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let agent = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let reload = reload_link(&href, js_sys::Date::now());
    let report = format!(
        "Beachhead {}\n{message}\nPage: {href}\nBrowser: {agent}\n",
        env!("CARGO_PKG_VERSION")
    );
    let element = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        // Text, never HTML: the message can hold text from the user's files.
        e.set_text_content(Some(text));
        Some(e)
    };
    let Some(banner) = element("div", "") else {
        return;
    };
    banner.set_id("panic-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "panic-banner");
    let _ = banner.set_attribute("data-testid", "panic-banner");
    let parts = [
        element("strong", texts.headline),
        element("p", texts.body),
        element("a", texts.reload).inspect(|a| {
            // A plain link: it works although the app's code no longer runs.
            let _ = a.set_attribute("href", &reload);
            let _ = a.set_attribute("class", "button");
            let _ = a.set_attribute("data-testid", "panic-reload");
        }),
        element("a", texts.download).inspect(|a| {
            let encoded = js_sys::encode_uri_component(&report);
            let _ = a.set_attribute("href", &format!("data:text/plain;charset=utf-8,{encoded}"));
            let _ = a.set_attribute("download", "beachhead-error-report.txt");
            let _ = a.set_attribute("data-testid", "panic-download");
        }),
        element("details", "").inspect(|details| {
            if let (Some(summary), Some(pre)) =
                (element("summary", texts.report), element("pre", &report))
            {
                let _ = pre.set_attribute("data-testid", "panic-report");
                let _ = details.append_child(&summary);
                let _ = details.append_child(&pre);
            }
        }),
    ];
    for part in parts.into_iter().flatten() {
        let _ = banner.append_child(&part);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

/// `href` with a query that differs from its own (`reloaded=` the time), so that following it
/// loads the page again: a link that differs only in its hash would not. The hash, which holds
/// the view's state, stays.
fn reload_link(href: &str, now_ms: f64) -> String {
    let (page, hash) = href.split_once('#').unwrap_or((href, ""));
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("reloaded="))
        .map(str::to_owned)
        .collect();
    params.push(format!("reloaded={now_ms:.0}"));
    let hash = if hash.is_empty() {
        String::new()
    } else {
        format!("#{hash}")
    };
    format!("{path}?{}{hash}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::reload_link;

    #[test]
    fn the_reload_link_changes_the_query_and_keeps_the_hash() {
        assert_eq!(
            reload_link("http://h/app/#ranking?w=demand:5", 7.0),
            "http://h/app/?reloaded=7#ranking?w=demand:5"
        );
        assert_eq!(
            reload_link("http://h/app/?a=1&reloaded=7#margins", 9.0),
            "http://h/app/?a=1&reloaded=9#margins"
        );
        assert_eq!(
            reload_link("file:///x/beachhead.html", 1.0),
            "file:///x/beachhead.html?reloaded=1"
        );
    }
}
