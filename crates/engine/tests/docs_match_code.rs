//! The documents say what the code is, so they cannot drift from it:
//!
//! - `ARCHITECTURE.md` names every module file of the workspace, each in the code map's section
//!   for its folder, and every path it names exists;
//! - `README.md`'s Layout table has a row for every top-level folder and crate and names every
//!   `docs/*.md`, and every path it names exists;
//! - the figures `README.md` states (pillars, indicators, the data's years, the test markets)
//!   are the bundled data's, as the engine loads it;
//! - the layering rules `ARCHITECTURE.md` states hold.
//!
//! Every failure names the file and the document, so the fix is a one-line edit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use beachhead_engine::market_match::MarketMatcher;
use beachhead_engine::{test_market, Dataset, IndexModel, Status};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn exists(relative: &str) -> bool {
    root().join(relative.trim_end_matches('/')).exists()
}

/// Fails with every problem at once, one per line.
fn report(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}:\n  - {}\n",
        problems.join("\n  - ")
    );
}

// ---------------------------------------------------------------------------------------------
// Paths in Markdown

/// Spans between backticks, and link targets (`](target)`) that are not web addresses.
fn quoted(line: &str) -> Vec<&str> {
    let mut out: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            let target = &rest[..end];
            if !target.contains("://") && !target.starts_with('#') {
                out.push(target);
            }
        }
    }
    out
}

const EXTENSIONS: [&str; 14] = [
    ".rs", ".md", ".json", ".csv", ".tsv", ".toml", ".mjs", ".js", ".py", ".html", ".css", ".svg",
    ".png", ".txt",
];

/// A quoted span that names a file or folder of the repository: no spaces or code, and a `/`
/// or a file extension. Build outputs (`dist/`, `target/`) are not in the repository.
fn as_path(span: &str) -> Option<&str> {
    let code = |c: char| c.is_whitespace() || "<>{}[]()*?#=&|:;,\"'@!$".contains(c);
    let pathish = span.contains('/') || EXTENSIONS.iter().any(|e| span.ends_with(e));
    let built = span.starts_with("dist/") || span.starts_with("target/");
    (!span.is_empty() && !span.contains(code) && pathish && !built).then_some(span)
}

/// The `.rs` files and module folders of the workspace's crates, by folder (relative to the
/// root, without a trailing `/`): every crate's `src/`, the app's and xtask's.
fn module_folders() -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let mut starts = vec!["src".to_owned(), "xtask/src".to_owned()];
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if exists(&format!("crates/{name}/src")) {
            starts.push(format!("crates/{name}/src"));
        }
    }
    let mut folders = BTreeMap::new();
    while let Some(folder) = starts.pop() {
        let (mut files, mut subfolders) = (Vec::new(), Vec::new());
        for entry in std::fs::read_dir(root().join(&folder)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() {
                subfolders.push(name.clone());
                starts.push(format!("{folder}/{name}"));
            } else if name.ends_with(".rs") {
                files.push(name);
            }
        }
        files.sort();
        subfolders.sort();
        folders.insert(folder, (files, subfolders));
    }
    folders
}

// ---------------------------------------------------------------------------------------------
// ARCHITECTURE.md

/// The code map's sections (`### \`folder/\``) with the names quoted in each, and every
/// problem with a path the document names.
fn architecture() -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let text = read("ARCHITECTURE.md");
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let (mut in_code_map, mut in_block) = (false, false);
    let mut section: Option<String> = None;
    for (number, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            in_code_map = heading.trim() == "Code map";
            section = None;
            continue;
        }
        if let Some(heading) = line.strip_prefix("### ") {
            section = quoted(heading)
                .first()
                .filter(|_| in_code_map)
                .map(|s| s.trim_end_matches('/').to_owned());
            if let Some(folder) = &section {
                if !exists(folder) {
                    problems.push(format!(
                        "ARCHITECTURE.md line {number}: the section `{folder}/` names a folder that does not exist"
                    ));
                }
                sections.entry(folder.clone()).or_default();
            }
            continue;
        }
        for path in quoted(line).into_iter().filter_map(as_path) {
            // In a folder's section, a name without a `/` inside is one of that folder's.
            let local = !path.trim_end_matches('/').contains('/');
            match (&section, local) {
                (Some(folder), true) => {
                    if !exists(&format!("{folder}/{path}")) {
                        problems.push(format!(
                            "ARCHITECTURE.md line {number}: `{path}` is not in {folder}/ (renamed, moved or deleted?)"
                        ));
                    }
                    sections
                        .entry(folder.clone())
                        .or_default()
                        .insert(path.trim_end_matches('/').to_owned());
                }
                _ => {
                    if !exists(path) {
                        problems.push(format!(
                            "ARCHITECTURE.md line {number}: `{path}` does not exist (outside a folder's section, paths are from the root)"
                        ));
                    }
                }
            }
        }
    }
    (sections, problems)
}

#[test]
fn architecture_names_every_module_and_only_paths_that_exist() {
    let (sections, mut problems) = architecture();
    for (folder, (files, subfolders)) in module_folders() {
        let Some(named) = sections.get(&folder) else {
            problems.push(format!(
                "ARCHITECTURE.md has no section for {folder}/: add a heading \"### `{folder}/`\" under \"## Code map\" naming its modules ({})",
                files.join(", ")
            ));
            continue;
        };
        // A folder module's `mod.rs` is its folder, which has a section of its own.
        for file in files.iter().filter(|f| *f != "mod.rs") {
            if !named.contains(file) {
                problems.push(format!(
                    "{folder}/{file} is missing from ARCHITECTURE.md: add `{file}` and its one concept to the section `{folder}/`"
                ));
            }
        }
        for sub in subfolders {
            if !named.contains(&sub) {
                problems.push(format!(
                    "{folder}/{sub}/ is missing from ARCHITECTURE.md: add `{sub}/` to the section `{folder}/`"
                ));
            }
        }
    }
    report("ARCHITECTURE.md does not match the code", &problems);
}

// ---------------------------------------------------------------------------------------------
// README.md's Layout table

/// A row of the Layout table: its line, the paths of its first column, and the path-like
/// spans of the rest.
struct LayoutRow {
    line: usize,
    paths: Vec<String>,
    named: Vec<String>,
}

/// The Layout table's rows, and every path under the heading outside the table (with its line).
fn layout_rows(readme: &str) -> (Vec<LayoutRow>, Vec<(usize, String)>) {
    let mut rows = Vec::new();
    let mut links = Vec::new();
    let mut inside = false;
    for (number, line) in readme.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if line.starts_with("## ") {
            inside = line.trim() == "## Layout";
            continue;
        }
        if !inside {
            continue;
        }
        let cells: Vec<&str> = line.split('|').collect();
        if !line.starts_with('|') || cells.len() < 4 {
            links.extend(
                quoted(line)
                    .into_iter()
                    .filter_map(as_path)
                    .map(|p| (number, p.to_owned())),
            );
            continue;
        }
        let first: Vec<String> = quoted(cells[1]).into_iter().map(str::to_owned).collect();
        if first.is_empty() {
            continue; // the header and the rule under it
        }
        let rest = cells[2..].join("|");
        let named = quoted(&rest)
            .into_iter()
            .filter_map(as_path)
            .map(str::to_owned)
            .collect();
        rows.push(LayoutRow {
            line: number,
            paths: first,
            named,
        });
    }
    (rows, links)
}

#[test]
fn readme_layout_covers_every_folder_and_names_only_paths_that_exist() {
    let readme = read("README.md");
    let (rows, links) = layout_rows(&readme);
    let mut problems = Vec::new();
    assert!(
        !rows.is_empty(),
        "README.md has no \"## Layout\" table of `path` | what it is"
    );
    for (number, path) in &links {
        if !exists(path) {
            problems.push(format!(
                "README.md line {number} (Layout): `{path}` does not exist"
            ));
        }
    }
    let mut bases = BTreeSet::new();
    let mut named_anywhere = BTreeSet::new();
    for LayoutRow {
        line: number,
        paths: first,
        named,
    } in &rows
    {
        for base in first {
            if !exists(base) {
                problems.push(format!(
                    "README.md line {number} (Layout): the row's path `{base}` does not exist"
                ));
            }
            bases.insert(base.trim_end_matches('/').to_owned());
        }
        // A file a row names is under one of the row's paths, or a path from the root.
        for path in named {
            let under = first
                .iter()
                .map(|base| format!("{}/{path}", base.trim_end_matches('/')))
                .find(|p| exists(p));
            match under {
                Some(found) => named_anywhere.insert(found),
                None if exists(path) => named_anywhere.insert(path.clone()),
                None => {
                    problems.push(format!(
                        "README.md line {number} (Layout): `{path}` is neither under {} nor a path from the root",
                        first.join(", ")
                    ));
                    false
                }
            };
        }
    }
    // Every top-level folder, and every crate, has a row (or a row for something inside it).
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(root()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let generated = ["target", "node_modules", "dist"].contains(&name.as_str());
        if entry.path().is_dir() && !name.starts_with('.') && !generated {
            if name == "crates" {
                for krate in std::fs::read_dir(entry.path()).unwrap() {
                    let krate = krate.unwrap().file_name().to_string_lossy().into_owned();
                    folders.push(format!("crates/{krate}"));
                }
            } else {
                folders.push(name);
            }
        }
    }
    for folder in folders {
        let covered = bases
            .iter()
            .any(|b| *b == folder || b.starts_with(&format!("{folder}/")));
        if !covered {
            problems.push(format!(
                "{folder}/ is missing from README.md's Layout table: add a row \"| `{folder}/` | … |\""
            ));
        }
    }
    // The docs row names every document.
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !named_anywhere.contains(&format!("docs/{name}")) {
            problems.push(format!(
                "docs/{name} is missing from README.md's Layout table: add `{name}` to the `docs/` row"
            ));
        }
    }
    report(
        "README.md's Layout table does not match the files",
        &problems,
    );
}

// ---------------------------------------------------------------------------------------------
// The README's figures

fn bundled_dataset() -> Dataset {
    Dataset::from_csv(
        "indicators.csv",
        &read("public/data/indicators.csv"),
        "markets.csv",
        &read("public/data/markets.csv"),
    )
    .unwrap()
}

fn bundled_model() -> IndexModel {
    IndexModel::from_json(
        "beachhead-readiness.json",
        &read("public/data/models/beachhead-readiness.json"),
    )
    .unwrap()
}

/// Every "N word" in the text: the number, the line, and the text just before the number.
fn counts_of<'a>(text: &'a str, word: &str) -> Vec<(usize, usize, &'a str)> {
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        let mut from = 0;
        while let Some(at) = line[from..].find(&format!(" {word}")) {
            let end = from + at;
            from = end + 1;
            let digits = line[..end]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit())
                .last()
                .map(|(i, _)| i);
            let Some(start) = digits else { continue };
            let after = line[end + 1 + word.len()..].chars().next();
            if after.is_some_and(char::is_alphanumeric) {
                continue; // "pillarsX": another word
            }
            out.push((number, line[start..end].parse().unwrap(), &line[..start]));
        }
    }
    out
}

#[test]
fn readme_counts_are_the_bundled_models() {
    let model = bundled_model();
    let pillars = model.pillars().len();
    let indicators: BTreeSet<String> = model
        .root
        .leaves()
        .iter()
        .filter_map(|l| l.indicator.clone())
        .collect();
    let mut problems = Vec::new();
    let mut found = 0;
    for document in ["README.md", "ARCHITECTURE.md"] {
        let text = read(document);
        for (line, stated, _) in counts_of(&text, "pillars") {
            found += 1;
            if stated != pillars {
                problems.push(format!(
                    "{document} line {line} says {stated} pillars; the bundled model (public/data/models/beachhead-readiness.json) has {pillars}"
                ));
            }
        }
        for (line, stated, before) in counts_of(&text, "indicators") {
            // "250 markets × 40 indicators" is the benchmarks' synthetic data, not the model.
            if before.ends_with("× ") {
                continue;
            }
            found += 1;
            if stated != indicators.len() {
                problems.push(format!(
                    "{document} line {line} says {stated} indicators; the bundled model (public/data/models/beachhead-readiness.json) scores {}",
                    indicators.len()
                ));
            }
        }
    }
    assert!(
        found >= 2,
        "README.md no longer states the model's pillars and indicators (\"N pillars, M indicators\"): update this test"
    );
    report("README.md's figures are not the bundled model's", &problems);
}

#[test]
fn readme_years_are_the_bundled_datas() {
    let readme = read("README.md");
    let claim = "measured value is the latest a country reported in ";
    let at = readme.find(claim).unwrap_or_else(|| {
        panic!("README.md no longer says \"Each {claim}YYYY-YYYY\": update this test")
    });
    let range = &readme[at + claim.len()..at + claim.len() + 9];
    let (from, to) = range
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse::<u16>().ok()?, b.parse::<u16>().ok()?)))
        .unwrap_or_else(|| panic!("README.md: \"{claim}{range}\" is not a range of years"));
    let dataset = bundled_dataset();
    let mut problems = Vec::new();
    for (i, indicator) in dataset.indicators().iter().enumerate() {
        if indicator.status != Status::Measured {
            continue;
        }
        let outside: Vec<String> = dataset
            .market_indices()
            .filter_map(|m| {
                let observation = dataset.observation(m, i)?;
                let year = observation.year.filter(|y| (from..=to).contains(y));
                year.is_none().then(|| {
                    let when = observation.year.map_or("no year".into(), |y| y.to_string());
                    format!("{} {when}", dataset[m].iso3)
                })
            })
            .collect();
        if !outside.is_empty() {
            problems.push(format!(
                "README.md says measured values are from {from}-{to}; {} in public/data/markets.csv is not for {}",
                indicator.id,
                outside.join(", ")
            ));
        }
    }
    report("README.md's years are not the bundled data's", &problems);
}

#[test]
fn readme_test_markets_are_the_bundled_ones() {
    let dataset = bundled_dataset();
    let folder = "public/data/test-markets";
    let (weekly, flash, shares) = (
        read(&format!("{folder}/weekly.csv")),
        read(&format!("{folder}/flash_sales.csv")),
        read(&format!("{folder}/competitor_shares.csv")),
    );
    let (bundled, _) = test_market::load(
        &dataset,
        ("weekly.csv", &weekly),
        ("flash_sales.csv", &flash),
        ("competitor_shares.csv", &shares),
    )
    .unwrap();
    let bundled: BTreeSet<String> = bundled
        .markets()
        .into_iter()
        .map(|m| dataset[m].iso3.clone())
        .collect();
    let matcher = MarketMatcher::new(dataset.markets());
    let readme = read("README.md");
    let mut problems = Vec::new();
    // Where the README names them: "for Hong Kong and Taiwan (…".
    for start in ["**Test markets**: for ", "Test-market tracking for "] {
        let at = readme.find(start).unwrap_or_else(|| {
            panic!("README.md no longer says \"{start}… and … (\": update this test")
        });
        let rest = &readme[at + start.len()..];
        let names = &rest[..rest
            .find(" (")
            .expect("the test markets are followed by \" (\"")];
        let stated: BTreeSet<String> = names
            .split(" and ")
            .flat_map(|part| part.split(", "))
            .map(|name| match matcher.find(name.trim()) {
                Some(market) => dataset[market].iso3.clone(),
                None => format!("\"{name}\" (no market of the dataset)"),
            })
            .collect();
        if stated != bundled {
            problems.push(format!(
                "README.md says \"{start}{names}\" ({stated:?}); {folder}/ holds {bundled:?}"
            ));
        }
    }
    report(
        "README.md's test markets are not the bundled ones",
        &problems,
    );
}

// ---------------------------------------------------------------------------------------------
// The layering rules ARCHITECTURE.md states

/// The packages a crate depends on when built for `target` (None: this machine), as Cargo
/// resolves them (features included, dev-dependencies not).
fn dependencies(package: &str, target: Option<&str>) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root())
        .args([
            "tree",
            "--offline",
            "-e",
            "normal",
            "--prefix",
            "none",
            "-p",
            package,
        ])
        .args(target.map(|t| ["--target", t]).into_iter().flatten())
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree -p {package}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_engine_and_the_cli_know_nothing_of_the_web() {
    let web = [
        "leptos",
        "web-sys",
        "js-sys",
        "wasm-bindgen",
        "plotters",
        "beachhead-charts",
    ];
    let mut problems = Vec::new();
    // The engine as the app ships it (wasm) and as the CLI and tests use it; the CLI natively.
    for (package, target) in [
        ("beachhead-engine", Some("wasm32-unknown-unknown")),
        ("beachhead-engine", None),
        ("beachhead-cli", None),
    ] {
        let deps = dependencies(package, target);
        assert!(
            deps.contains("serde"),
            "cargo tree -p {package} gave {deps:?}"
        );
        let target = target.map_or(String::new(), |t| format!(" --target {t}"));
        for crate_name in web.iter().filter(|w| deps.contains(**w)) {
            problems.push(format!(
                "{package} depends on {crate_name} (`cargo tree -p {package} -i {crate_name}{target}`); ARCHITECTURE.md says it knows nothing of the web"
            ));
        }
    }
    report(
        "a layer depends on what it should know nothing of",
        &problems,
    );
}

/// Every `.rs` file under a folder, relative to the root.
fn sources(folder: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![folder.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(root().join(&dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let path = format!("{dir}/{name}");
            if root().join(&path).is_dir() {
                stack.push(path);
            } else if name.ends_with(".rs") {
                let text = read(&path);
                out.push((path, text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn charts_know_nothing_of_the_page_or_the_engine() {
    let mut problems = Vec::new();
    for folder in ["crates/charts/src", "crates/charts/tests"] {
        for (path, text) in sources(folder) {
            for name in [
                "beachhead_engine",
                "leptos",
                "web_sys",
                "js_sys",
                "wasm_bindgen",
            ] {
                if text.contains(name) {
                    problems.push(format!("{path} names `{name}`"));
                }
            }
        }
    }
    report(
        "the charts are drawing only (ARCHITECTURE.md): they take plain data and a DrawingBackend",
        &problems,
    );
}

/// Components word and lay out what `src/state/` computes: they order nothing and compare no
/// numbers (orders are the engine's, `crates/engine/src/order.rs`) and take no statistics.
#[test]
fn components_compute_nothing() {
    const COMPUTING: [&str; 7] = [
        "total_cmp",
        "partial_cmp",
        "stats::",
        "sort_by",
        "sort_unstable",
        ".sort()",
        "max_by",
    ];
    let mut problems = Vec::new();
    let files = sources("src/components");
    for (path, text) in &files {
        for token in COMPUTING.into_iter().filter(|token| text.contains(token)) {
            problems.push(format!(
                "{path} uses `{token}`: compute it in the engine and call it from src/state/"
            ));
        }
    }
    assert!(
        files.len() > 20,
        "only {} component files found",
        files.len()
    );
    report("domain computation in src/components/", &problems);
}
