//! A static file server for dist/ on loopback: what `serve` shows and the end-to-end tests
//! drive. Any static host serves dist/ the same way; this one exists so nothing else is needed.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

pub struct Server {
    url: String,
    server: Arc<tiny_http::Server>,
    worker: JoinHandle<()>,
}

impl Server {
    /// Serves `dir` on 127.0.0.1:`port`; port 0 picks a free one.
    pub fn start(dir: &Path, port: u16) -> Result<Self, String> {
        let server = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = server
            .server_addr()
            .to_ip()
            .map_or(port, |address| address.port());
        let server = Arc::new(server);
        let dir = dir.to_path_buf();
        let worker = {
            let server = Arc::clone(&server);
            std::thread::spawn(move || {
                // One thread per request: answering in this loop let one client that stopped
                // reading (a page closed mid-download) hold every other page's requests.
                for request in server.incoming_requests() {
                    let dir = dir.clone();
                    std::thread::spawn(move || respond(&dir, request));
                }
            })
        };
        Ok(Self {
            url: format!("http://127.0.0.1:{port}/"),
            server,
            worker,
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Blocks until the process is stopped.
    pub fn join(self) {
        let _ = self.worker.join();
    }

    pub fn stop(self) {
        self.server.unblock();
        let _ = self.worker.join();
    }
}

fn respond(dir: &Path, request: tiny_http::Request) {
    let response = match resolve(dir, request.url()) {
        Some(path) => match std::fs::read(&path) {
            Ok(bytes) => with_headers(
                tiny_http::Response::from_data(bytes),
                &[
                    ("Content-Type", content_type(&path)),
                    ("Cache-Control", "no-cache"),
                ],
            ),
            Err(_) => not_found(),
        },
        None => not_found(),
    };
    let _ = request.respond(response);
}

type Body = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn not_found() -> Body {
    with_headers(
        tiny_http::Response::from_string("not found"),
        &[("Content-Type", "text/plain; charset=utf-8")],
    )
    .with_status_code(404)
}

fn with_headers(mut response: Body, headers: &[(&str, &str)]) -> Body {
    for (name, value) in headers {
        // Header names and values here are ASCII literals, which tiny_http always accepts.
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

/// Maps a request path into `dir`, refusing anything that would leave it.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut full = dir.join(relative);
    if full.is_dir() {
        full.push("index.html");
    }
    full.is_file().then_some(full)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("md") => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    }
}
