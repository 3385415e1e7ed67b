//! The user's loaded files: combining them, validating them against the bundled dataset, and
//! the report the Data view shows. A failed load changes nothing.

use beachhead_engine::{parse_user_files, Dataset, MergeMode, Problem};

pub type NamedFile = (String, Vec<u8>);

#[derive(Debug, Clone, PartialEq)]
pub struct ReportLine {
    pub error: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport {
    pub ok: bool,
    pub headline: String,
    pub lines: Vec<ReportLine>,
}

fn lines(problems: &[Problem]) -> Vec<ReportLine> {
    problems
        .iter()
        .map(|p| ReportLine {
            error: p.is_error(),
            text: p.to_string(),
        })
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The files already in use plus `new` (a file with the same name replaces the older one).
pub fn combined(previous: &[NamedFile], new: Vec<NamedFile>) -> Vec<NamedFile> {
    let mut files: Vec<NamedFile> = previous
        .iter()
        .filter(|(name, _)| !new.iter().any(|(n, _)| n == name))
        .cloned()
        .collect();
    files.extend(new);
    files
}

/// Validates `files` against `base`; on success, the dataset to use and what was loaded.
pub fn apply(
    base: &Dataset,
    files: &[NamedFile],
    mode: MergeMode,
) -> Result<(Dataset, LoadReport), LoadReport> {
    match parse_user_files(base, files) {
        Ok((user, warnings)) => {
            let dataset = base.with_user_data(&user, mode);
            let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
            let mut headline = format!(
                "Loaded {}: {} for {}",
                names.join(", "),
                plural(user.values.len(), "value", "values"),
                plural(user.market_count(), "market", "markets"),
            );
            if !user.indicators.is_empty() {
                headline.push_str(&format!(
                    ", {} defined",
                    plural(user.indicators.len(), "indicator", "indicators")
                ));
            }
            if !warnings.is_empty() {
                headline.push_str(&format!(
                    ". {} below.",
                    plural(warnings.len(), "warning", "warnings")
                ));
            }
            Ok((
                dataset,
                LoadReport {
                    ok: true,
                    headline,
                    lines: lines(&warnings),
                },
            ))
        }
        Err(e) => Err(LoadReport {
            ok: false,
            headline: format!(
                "Nothing was loaded: {} to fix. The data in use is unchanged.",
                plural(e.errors().count(), "problem", "problems")
            ),
            lines: lines(&e.problems),
        }),
    }
}
