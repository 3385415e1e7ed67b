//! `dist/beachhead.html`: the whole app in one file (script, WebAssembly, styles and every
//! bundled data file inlined) for a meeting room with no network: it runs opened from disk
//! (`file://`), where a page may not fetch the files beside it.
//!
//! The page carries its own Content Security Policy, with hashes of its one script and one
//! style block instead of `'self'`, which means nothing for a file on disk.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};

pub const FILE_NAME: &str = "beachhead.html";

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn find(dist: &Path, prefix: &str, suffix: &str) -> Result<PathBuf, String> {
    std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(suffix))
        })
        .ok_or_else(|| format!("dist/ has no {prefix}*{suffix}"))
}

fn hash(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// The wasm-bindgen glue as plain module code: its exports dropped, since nothing imports
/// an inline script.
fn glue(js: &str) -> Result<String, String> {
    const EXPORTS: &str = "export { initSync, __wbg_init as default };";
    if !js.contains(EXPORTS) {
        return Err("the wasm-bindgen glue no longer ends with its usual exports".into());
    }
    Ok(js
        .replace(EXPORTS, "")
        .replace("\nexport class ", "\nclass ")
        .replace("\nexport function ", "\nfunction "))
}

pub fn write(dist: &Path) -> Result<(), String> {
    let js = glue(&read(&find(dist, "beachhead-app-", ".js")?)?)?;
    let wasm_path = find(dist, "beachhead-app-", "_bg.wasm")?;
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let css = read(&find(dist, "main-", ".css")?)?;
    // The bundled data, and the Chinese interface text the page fetches when Chinese is chosen.
    let mut files = Vec::new();
    for folder in ["data", "locales"] {
        let folder = dist.join(folder);
        crate::collect_files(&folder, &mut files)
            .map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    files.sort();
    let mut inlined = String::new();
    for file in files {
        let name = file
            .strip_prefix(dist)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        if name.ends_with(".md") {
            continue;
        }
        let text = read(&file)?;
        if text.to_ascii_lowercase().contains("</script") {
            return Err(format!("{name} contains </script and cannot be inlined"));
        }
        inlined.push_str(&format!(
            "<script type=\"text/plain\" id=\"bundled:{name}\">{text}</script>\n"
        ));
    }
    // The Monte Carlo worker's glue and wasm, which the page makes its workers from.
    let worker_glue = read(&dist.join("mc-worker.js"))?;
    if worker_glue.to_ascii_lowercase().contains("</script") {
        return Err("mc-worker.js contains </script and cannot be inlined".into());
    }
    let worker_wasm_path = dist.join("mc-worker_bg.wasm");
    let worker_wasm = std::fs::read(&worker_wasm_path)
        .map_err(|e| format!("{}: {e}", worker_wasm_path.display()))?;
    inlined.push_str(&format!(
        "<script type=\"text/plain\" id=\"bundled:mc-worker.js\">{worker_glue}</script>\n<script type=\"application/octet-stream\" id=\"bundled:mc-worker_bg.wasm\">{}</script>\n",
        base64::engine::general_purpose::STANDARD.encode(&worker_wasm)
    ));
    let script = format!(
        "{js}\nconst encoded = document.getElementById('beachhead-wasm').textContent;\nconst binary = atob(encoded);\nconst bytes = new Uint8Array(binary.length);\nfor (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);\nawait __wbg_init({{ module_or_path: bytes }});\n"
    );
    let policy = format!(
        "default-src 'none'; script-src 'sha256-{}' 'wasm-unsafe-eval'; style-src 'sha256-{}'; img-src data: blob:; worker-src blob:",
        hash(&script),
        hash(&css)
    );
    let wasm64 = base64::engine::general_purpose::STANDARD.encode(&wasm);
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>Beachhead · market readiness</title>\n<style>{css}</style>\n</head>\n<body>\n<noscript>Beachhead needs JavaScript and WebAssembly to compute rankings in your browser.</noscript>\n<script type=\"application/octet-stream\" id=\"beachhead-wasm\">{wasm64}</script>\n{inlined}<script type=\"module\">{script}</script>\n</body>\n</html>\n"
    );
    let out = dist.join(FILE_NAME);
    std::fs::write(&out, html).map_err(|e| format!("{}: {e}", out.display()))
}
