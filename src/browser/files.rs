//! The few browser facilities the app needs beyond Leptos: reading picked or dropped files,
//! and offering text as a download.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The files in a list, taken out of it: a `FileList` is live, and clearing the input it
/// belongs to empties it.
pub fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Every file's name and bytes.
pub async fn read_files(files: Vec<web_sys::File>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    for file in files {
        let buffer = JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| format!("{}: the browser could not read the file", file.name()))?;
        out.push((
            file.name(),
            copy_in_slices(&js_sys::Uint8Array::new(&buffer)).await,
        ));
    }
    Ok(out)
}

/// Bytes copied into wasm memory per turn: a 100 MB file copied at once held the page for
/// most of a tenth of a second.
const COPY_CHUNK_BYTES: usize = 8 * 1024 * 1024;

async fn copy_in_slices(array: &js_sys::Uint8Array) -> Vec<u8> {
    let len = array.length() as usize;
    // Reserved, not zeroed: zeroing 100 MB took a tenth of a second in one task.
    let mut bytes = Vec::with_capacity(len);
    for start in (0..len).step_by(COPY_CHUNK_BYTES) {
        let end = (start + COPY_CHUNK_BYTES).min(len);
        // Lengths come from a JavaScript array, so they fit in u32.
        bytes.extend_from_slice(&array.subarray(start as u32, end as u32).to_vec());
        if end < len {
            yield_to_browser().await;
        }
    }
    bytes
}

/// Saves `text` as a file named `filename` through the browser's download.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |_| format!("the browser refused to save {filename}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let saved = download_url(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    saved
}

/// Saves what `url` points at (a `data:` URL, say) as a file named `filename`.
pub fn download_url(filename: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_owned())?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| format!("the browser refused to save {filename}"))?
        .dyn_into()
        .map_err(|_| "no anchor element".to_owned())?;
    anchor.set_href(url);
    anchor.set_download(filename);
    anchor.click();
    Ok(())
}

/// Main-thread time a slice of long work may take before the browser gets a turn: well under a
/// frame, and long enough that the yields (at least 4 ms each once timers nest) do not dominate.
pub const SLICE_MS: f64 = 12.0;

/// Runs long work on the main thread without freezing the page: `step` (true when the work is
/// done) runs again and again for about [`SLICE_MS`], then `between` shows progress and says
/// whether to go on (false: cancelled), and the browser gets a turn. True when the work finished.
///
/// Slices rather than a Web Worker: the app also runs as one file from `file://` and inside a
/// sandboxed iframe, where a worker cannot be started from the app's own files.
pub async fn run_in_slices<T>(
    work: &mut T,
    mut step: impl FnMut(&mut T) -> bool,
    mut between: impl FnMut(&T) -> bool,
) -> bool {
    let clock = web_sys::window().and_then(|w| w.performance());
    let now = || clock.as_ref().map_or(0.0, |c| c.now());
    loop {
        let start = now();
        loop {
            if step(work) {
                return true;
            }
            // Without a clock every step is a slice of its own.
            if clock.is_none() || now() - start >= SLICE_MS {
                break;
            }
        }
        if !between(work) {
            return false;
        }
        yield_to_browser().await;
    }
}

/// Lets the browser paint and handle input before the caller continues.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}
