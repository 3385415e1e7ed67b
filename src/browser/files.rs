//! The few browser facilities the app needs beyond Leptos: reading picked or dropped files,
//! and offering text as a download.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
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
        let name = file.name();
        let bytes = read_in_slices(&file)
            .await
            .ok_or_else(|| format!("{name}: the browser could not read the file"))?;
        out.push((name, bytes));
    }
    Ok(out)
}

/// Bytes read into wasm memory per turn. A piece of the file at a time, never the whole file
/// as one JavaScript buffer: a 100 MB buffer made the browser collect garbage in pauses of
/// 10 to 20 ms, and 8 MB copied twice (into a new vector, then onto the end) made turns of
/// over 20 ms.
const READ_CHUNK_BYTES: usize = 2 * 1024 * 1024;

async fn read_in_slices(file: &web_sys::File) -> Option<Vec<u8>> {
    // A file's size is a whole number of bytes, well inside f64's exact integers.
    let len = file.size() as usize;
    // Reserved, and zeroed a piece at a time: zeroing 100 MB took a tenth of a second in one task.
    let mut bytes: Vec<u8> = Vec::with_capacity(len);
    for start in (0..len).step_by(READ_CHUNK_BYTES) {
        let end = (start + READ_CHUNK_BYTES).min(len);
        let piece = file.slice_with_f64_and_f64(start as f64, end as f64).ok()?;
        let buffer = JsFuture::from(piece.array_buffer()).await.ok()?;
        let array = js_sys::Uint8Array::new(&buffer);
        let wanted = end - start;
        // The file changed on disk while it was read: not the file the user chose.
        if array.length() as usize != wanted {
            return None;
        }
        // Copied once, onto the end (zeroing a piece first costs a fraction of the copy).
        bytes.resize(end, 0);
        array.copy_to(&mut bytes[start..end]);
    }
    Some(bytes)
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

/// Main-thread time a slice of long work may take before the browser gets a turn: half a
/// frame, so that the slice, the progress it shows and the browser's own layout and paint stay
/// within the 16 ms a frame has. Yields cost next to nothing (see [`yield_to_browser`]).
pub const SLICE_MS: f64 = 8.0;

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
    // Not in the task that asked for the work (a click, say), which has its own to do.
    yield_to_browser().await;
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

/// Lets the browser paint and handle input before the caller continues. A message posted to
/// the page itself, not a zero timeout: browsers hold nested timeouts back at least 4 ms each,
/// which at a slice every 8 ms would have left a third of the time idle.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        YIELDS.with(|yields| match yields {
            Some(yields) => {
                yields.waiting.borrow_mut().push_back(resolve);
                if yields.channel.port2().post_message(&JsValue::NULL).is_err() {
                    wake_oldest(&yields.waiting);
                }
            }
            // No channel (not expected in a browser): carry on at once rather than never.
            None => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
    });
    let _ = JsFuture::from(promise).await;
}

/// One channel for every yield, kept for the page's life: a channel made per yield could be
/// collected with its message still on the way, and the work waiting on it would never resume.
struct Yields {
    channel: web_sys::MessageChannel,
    /// Each message wakes the oldest waiting yield.
    waiting: Rc<RefCell<VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut()>,
}

impl Yields {
    fn new() -> Option<Self> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let waiting = Rc::new(RefCell::new(VecDeque::new()));
        let queue = Rc::clone(&waiting);
        let on_message = Closure::<dyn FnMut()>::new(move || wake_oldest(&queue));
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            waiting,
            _on_message: on_message,
        })
    }
}

fn wake_oldest(waiting: &RefCell<VecDeque<js_sys::Function>>) {
    // Taken out before the call, which may queue the next yield.
    let next = waiting.borrow_mut().pop_front();
    if let Some(resolve) = next {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

thread_local! {
    static YIELDS: Option<Yields> = Yields::new();
}
