//! The app's test hooks (`src/bench.rs`, the panic trigger) are built only with its `testing`
//! feature. This reads a finished build, its wasm's export section and the names the glue and
//! the single-file page define, and fails a release build that carries any hook, and a testing
//! build that lacks one (which would mean the check no longer sees them).

use std::path::Path;

use base64::Engine;

use crate::single_file;

/// The hooks' names start so (see `src/lib.rs`).
const PREFIXES: [&str; 2] = ["bench_", "beachhead_test_"];

/// Hooks a testing build must have: the end-to-end tests and the benchmarks call them.
const EXPECTED: [&str; 2] = ["beachhead_test_panic", "bench_monte_carlo"];

/// The names in a wasm module's export section, in order.
fn wasm_exports(wasm: &[u8]) -> Result<Vec<String>, String> {
    let mut reader = Reader { bytes: wasm, at: 0 };
    if reader.take(8)? != b"\0asm\x01\0\0\0" {
        return Err("not a WebAssembly module (version 1)".into());
    }
    let mut names = Vec::new();
    while reader.at < wasm.len() {
        let id = reader.take(1)?[0];
        let size = reader.leb()? as usize;
        let section = reader.take(size)?;
        const EXPORT: u8 = 7;
        if id != EXPORT {
            continue;
        }
        let mut section = Reader {
            bytes: section,
            at: 0,
        };
        for _ in 0..section.leb()? {
            let length = section.leb()? as usize;
            let name = section.take(length)?;
            names.push(String::from_utf8_lossy(name).into_owned());
            let _kind = section.take(1)?;
            let _index = section.leb()?;
        }
    }
    Ok(names)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or("the wasm ends in the middle of a section")?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    /// An unsigned LEB128 number, as the wasm format writes sizes and counts.
    fn leb(&mut self) -> Result<u32, String> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number in the wasm is longer than 5 bytes".into())
    }
}

/// Every name declared with `function NAME(` in a script: the glue's exported functions (also
/// once the single-file page has dropped their `export`).
fn script_functions(script: &str) -> Vec<String> {
    script
        .split("function ")
        .skip(1)
        .filter_map(|rest| rest.split_once('('))
        .map(|(name, _)| name.trim().to_owned())
        .filter(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        })
        .collect()
}

fn is_hook(name: &str) -> bool {
    PREFIXES.iter().any(|p| name.starts_with(p))
}

/// The wasm the single-file page carries, decoded.
fn single_file_wasm(html: &str) -> Result<Vec<u8>, String> {
    const OPEN: &str = "id=\"beachhead-wasm\">";
    let start = html
        .find(OPEN)
        .ok_or("the single-file page carries no wasm")?
        + OPEN.len();
    let end = html[start..]
        .find("</script>")
        .ok_or("the single-file page's wasm is not closed")?
        + start;
    base64::engine::general_purpose::STANDARD
        .decode(html[start..end].trim())
        .map_err(|e| format!("the single-file page's wasm: {e}"))
}

/// Checks the build in `dist`: with `testing`, every expected hook is in each place it is
/// looked for; without, none is anywhere.
pub fn check(dist: &Path, testing: bool) -> Result<(), String> {
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    let text = |path: &Path| read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
    let wasm = single_file::find(dist, "beachhead-app-", "_bg.wasm")?;
    let glue = single_file::find(dist, "beachhead-app-", ".js")?;
    let page = dist.join(single_file::FILE_NAME);
    let places: [(String, Vec<String>); 4] = [
        (
            format!("{} (exports)", wasm.display()),
            wasm_exports(&read(&wasm)?)?,
        ),
        (
            format!("{} (functions)", glue.display()),
            script_functions(&text(&glue)?),
        ),
        (
            format!("{} (wasm exports)", page.display()),
            wasm_exports(&single_file_wasm(&text(&page)?)?)?,
        ),
        (
            format!("{} (functions)", page.display()),
            script_functions(&text(&page)?),
        ),
    ];
    let mut problems = Vec::new();
    for (place, names) in &places {
        if testing {
            let missing: Vec<&str> = EXPECTED
                .into_iter()
                .filter(|e| !names.iter().any(|n| n == e))
                .collect();
            if !missing.is_empty() {
                problems.push(format!("{place} lacks {}", missing.join(", ")));
            }
        } else {
            let hooks: Vec<&str> = names
                .iter()
                .map(String::as_str)
                .filter(|n| is_hook(n))
                .collect();
            if !hooks.is_empty() {
                problems.push(format!("{place} has {}", hooks.join(", ")));
            }
        }
    }
    match (problems.is_empty(), testing) {
        (true, _) => Ok(()),
        (false, false) => Err(format!(
            "the release build carries test hooks, which only the `testing` feature may build:\n  {}",
            problems.join("\n  ")
        )),
        (false, true) => Err(format!(
            "the testing build lacks its hooks (so the release check would not see them either):\n  {}",
            problems.join("\n  ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_hook, script_functions, wasm_exports};

    /// A module with only an export section: `memory` and `bench_x`.
    fn module() -> Vec<u8> {
        let mut payload = vec![2];
        for (name, kind) in [("memory", 2u8), ("bench_x", 0)] {
            payload.push(name.len() as u8);
            payload.extend_from_slice(name.as_bytes());
            payload.extend_from_slice(&[kind, 0]);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // A custom section first, to be skipped.
        wasm.extend_from_slice(&[0, 3, 1, b'n', 0]);
        wasm.push(7);
        wasm.push(payload.len() as u8);
        wasm.extend(payload);
        wasm
    }

    #[test]
    fn the_export_section_is_read() {
        assert_eq!(
            wasm_exports(&module()).unwrap_or_default(),
            ["memory", "bench_x"]
        );
        let mut cut = module();
        cut.pop();
        assert!(wasm_exports(&cut).is_err());
        assert!(wasm_exports(b"<html>").is_err());
    }

    #[test]
    fn functions_are_found_with_or_without_export() {
        let glue = "let wasm;\nexport function bench_monte_carlo(markets, draws) {\n}\nfunction beachhead_test_panic() { wasm.beachhead_test_panic(); }\nasync function __wbg_load(module, imports) {}\nconst f = function (a) {};";
        let names = script_functions(glue);
        assert_eq!(
            names,
            ["bench_monte_carlo", "beachhead_test_panic", "__wbg_load"]
        );
        assert_eq!(names.iter().filter(|n| is_hook(n)).count(), 2, "{names:?}");
        assert!(!is_hook("__wbindgen_malloc"));
    }
}
