//! `dist/sw.js`: the hosted build's service worker, so a page once loaded opens again with no
//! network. It precaches every file of the build but the single-file copy (which needs no
//! worker), under a version named by the build's contents, so a new build replaces the old.

use std::path::Path;

use sha2::{Digest, Sha256};

pub const FILE_NAME: &str = "sw.js";
const TEMPLATE: &str = include_str!("../templates/sw.js");

pub fn write(dist: &Path) -> Result<(), String> {
    let mut paths = Vec::new();
    crate::collect_files(dist, &mut paths).map_err(|e| format!("{}: {e}", dist.display()))?;
    paths.sort();
    let mut digest = Sha256::new();
    let mut cached = vec!["./".to_owned()];
    let mut fresh = Vec::new();
    for path in paths {
        let name = path
            .strip_prefix(dist)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        if name == FILE_NAME || name == crate::single_file::FILE_NAME {
            continue;
        }
        digest.update(name.as_bytes());
        digest.update(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
        if !named_by_content(&name) && name != "index.html" {
            fresh.push(format!("./{name}"));
        }
        cached.push(format!("./{name}"));
    }
    let version: String = digest
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = serde_json::to_string(&cached).map_err(|e| e.to_string())?;
    let fresh = serde_json::to_string(&fresh).map_err(|e| e.to_string())?;
    let script = TEMPLATE
        .replace("__VERSION__", &version)
        .replace("__FILES__", &list)
        .replace("__FRESH__", &fresh);
    let target = dist.join(FILE_NAME);
    std::fs::write(&target, script).map_err(|e| format!("{}: {e}", target.display()))
}

/// Whether a file's name carries a hash of its content, as Trunk names the page's script,
/// wasm, styles and icon (`main-3d0bc19819958367.css`): such a name is never reused for other
/// content, so a cached copy is always right.
fn named_by_content(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = file.split('.').next().unwrap_or(file);
    // wasm-bindgen's module beside its script: `<name>_bg.wasm`.
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::named_by_content;

    #[test]
    fn hashed_names_are_told_from_names_that_stay() {
        for hashed in [
            "beachhead-app-17de76cf32a0ebe0.js",
            "beachhead-app-17de76cf32a0ebe0_bg.wasm",
            "main-3d0bc19819958367.css",
            "favicon-b11d19fc19fa5712.svg",
        ] {
            assert!(named_by_content(hashed), "{hashed}");
        }
        for stays in [
            "mc-worker.js",
            "mc-worker_bg.wasm",
            "data/indicators.csv",
            "data/test-markets/flash_sales.csv",
            "data/geo/countries-50m.json",
            "index.html",
        ] {
            assert!(!named_by_content(stays), "{stays}");
        }
    }
}
