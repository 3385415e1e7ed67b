//! Makes the built page run under a strict Content Security Policy. Trunk starts the app with
//! an inline module script, which `script-src 'self'` forbids; it is moved to a file beside
//! the page, and the policy is written into the page itself so it holds on any static host.

use std::path::Path;

/// The policy: only the app's own files; WebAssembly may be compiled; workers are the service
/// worker and the Monte Carlo's, which the page makes as blobs of its own files. Nothing else
/// is allowed: styles come from the stylesheet and the CSSOM, images are drawn on canvases.
pub const POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:";

pub fn harden(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = move_inline_script(dist, &html)?;
    let html = add_policy(&html)?;
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))
}

fn move_inline_script(dist: &Path, html: &str) -> Result<String, String> {
    const OPEN: &str = "<script type=\"module\">";
    let Some(start) = html.find(OPEN) else {
        // Already moved (a second run over the same dist/).
        return Ok(html.to_owned());
    };
    let body_start = start + OPEN.len();
    let end = html[body_start..]
        .find("</script>")
        .map(|i| body_start + i)
        .ok_or("dist/index.html: the start-up script is not closed")?;
    let script = &html[body_start..end];
    // Named after the build's own hash, so a new build is never served an old start-up file.
    let hash = script
        .split("beachhead-app-")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .ok_or("dist/index.html: the start-up script does not import beachhead-app-<hash>.js")?;
    let name = format!("start-{hash}.js");
    std::fs::write(dist.join(&name), script.trim()).map_err(|e| format!("dist/{name}: {e}"))?;
    Ok(format!(
        "{}<script type=\"module\" src=\"./{name}\"></script>{}",
        &html[..start],
        &html[end + "</script>".len()..]
    ))
}

fn add_policy(html: &str) -> Result<String, String> {
    if html.contains("Content-Security-Policy") {
        return Ok(html.to_owned());
    }
    const CHARSET: &str = "<meta charset=\"utf-8\" />";
    let at = html
        .find(CHARSET)
        .ok_or("dist/index.html has no <meta charset=\"utf-8\" />")?
        + CHARSET.len();
    Ok(format!(
        "{}\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\" />{}",
        &html[..at],
        &html[at..]
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_inline_script_moves_to_a_file_and_the_policy_is_added() {
        let dir = std::env::temp_dir().join(format!("beachhead-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let html = "<head><meta charset=\"utf-8\" /><script type=\"module\">\nimport init from './beachhead-app-abc123.js';\nawait init();\n</script></head>";
        std::fs::write(dir.join("index.html"), html).unwrap_or_default();
        super::harden(&dir).unwrap_or_default();
        super::harden(&dir).unwrap_or_default();
        let out = std::fs::read_to_string(dir.join("index.html")).unwrap_or_default();
        let start = std::fs::read_to_string(dir.join("start-abc123.js")).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(out.matches("Content-Security-Policy").count(), 1, "{out}");
        assert!(
            out.contains("<script type=\"module\" src=\"./start-abc123.js\"></script>"),
            "{out}"
        );
        assert!(!out.contains("await init"), "{out}");
        assert_eq!(
            start,
            "import init from './beachhead-app-abc123.js';\nawait init();"
        );
    }
}
