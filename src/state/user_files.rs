//! The user's loaded files: combining them, validating them against the bundled dataset, and
//! the report the Data view shows. A failed load changes nothing.

use beachhead_engine::{parse_user_files, Dataset, MergeMode, Problem};
use leptos::prelude::*;

use crate::i18n::tf;

pub type NamedFile = (String, Vec<u8>);

#[derive(Debug, Clone, PartialEq)]
pub struct ReportLine {
    pub error: bool,
    /// Worded when shown, so that it follows the language.
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport {
    pub ok: bool,
    pub headline: Headline,
    pub lines: Vec<ReportLine>,
}

/// What a load came to, kept as numbers so that it is worded in the language in use when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Headline {
    Loaded {
        files: String,
        values: usize,
        markets: usize,
        indicators: usize,
        warnings: usize,
    },
    Refused {
        problems: usize,
    },
    /// Already in words (the browser's reason a file could not be read or saved).
    Text(String),
}

impl Headline {
    /// The headline in the language in use; reading it in a reactive closure follows a switch.
    pub fn text(&self) -> String {
        match self {
            Headline::Loaded {
                files,
                values,
                markets,
                indicators,
                warnings,
            } => {
                let values = if *values == 1 {
                    tf("{} value", &[values])
                } else {
                    tf("{} values", &[values])
                };
                let markets = if *markets == 1 {
                    tf("{} market", &[markets])
                } else {
                    tf("{} markets", &[markets])
                };
                let mut text = tf("Loaded {}: {} for {}", &[files, &values, &markets]);
                if *indicators > 0 {
                    let indicators = if *indicators == 1 {
                        tf("{} indicator", &[indicators])
                    } else {
                        tf("{} indicators", &[indicators])
                    };
                    text.push_str(&tf(", {} defined", &[&indicators]));
                }
                if *warnings > 0 {
                    let warnings = if *warnings == 1 {
                        tf("{} warning", &[warnings])
                    } else {
                        tf("{} warnings", &[warnings])
                    };
                    text.push_str(&tf(". {} below.", &[&warnings]));
                }
                text
            }
            Headline::Refused { problems } => {
                let problems = if *problems == 1 {
                    tf("{} problem", &[problems])
                } else {
                    tf("{} problems", &[problems])
                };
                tf(
                    "Nothing was loaded: {} to fix. The data in use is unchanged.",
                    &[&problems],
                )
            }
            Headline::Text(text) => text.clone(),
        }
    }
}

fn lines(problems: &[Problem]) -> Vec<ReportLine> {
    problems
        .iter()
        .map(|p| ReportLine {
            error: p.is_error(),
            problem: p.clone(),
        })
        .collect()
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
            let headline = Headline::Loaded {
                files: names.join(", "),
                values: user.values.len(),
                markets: user.market_count(),
                indicators: user.indicators.len(),
                warnings: warnings.len(),
            };
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
            headline: Headline::Refused {
                problems: e.errors().count(),
            },
            lines: lines(&e.problems),
        }),
    }
}

/// The user's files and the last load's report: they outlive the view, which is on the page
/// only while open.
#[derive(Clone, Copy)]
pub struct DataFilesState {
    pub files: StoredValue<Vec<NamedFile>>,
    pub active: RwSignal<Vec<String>>,
    pub mode: RwSignal<MergeMode>,
    pub report: RwSignal<Option<LoadReport>>,
    pub busy: RwSignal<bool>,
    pub show_all: RwSignal<bool>,
}

impl Default for DataFilesState {
    fn default() -> Self {
        Self {
            files: StoredValue::new(Vec::new()),
            active: RwSignal::new(Vec::new()),
            mode: RwSignal::new(MergeMode::Merge),
            report: RwSignal::new(None),
            busy: RwSignal::new(false),
            show_all: RwSignal::new(false),
        }
    }
}
