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
        cached.push(format!("./{name}"));
    }
    let version: String = digest
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = serde_json::to_string(&cached).map_err(|e| e.to_string())?;
    let script = TEMPLATE
        .replace("__VERSION__", &version)
        .replace("__FILES__", &list);
    let target = dist.join(FILE_NAME);
    std::fs::write(&target, script).map_err(|e| format!("{}: {e}", target.display()))
}
