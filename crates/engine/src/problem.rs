//! Located problems found while loading a file: what the user reads when their data is wrong.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Blocks the load: nothing from the files is used.
    Error,
    /// Reported, but the load goes ahead (for example, a row naming an unknown market is skipped).
    Warning,
}

/// One problem in an input file. Rows are 1-based and count the header as row 1, as a
/// spreadsheet shows them, so the user can go straight to the cell. In JSON files the row is
/// the entry's position in its list.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub found: String,
    pub expected: String,
}

impl Problem {
    pub fn error(
        file: &str,
        row: Option<usize>,
        column: Option<&str>,
        found: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            row,
            column: column.map(str::to_owned),
            found: found.into(),
            expected: expected.into(),
        }
    }

    pub fn warning(
        file: &str,
        row: Option<usize>,
        column: Option<&str>,
        found: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, row, column, found, expected)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            let word = if self.file.ends_with(".json") {
                "entry"
            } else {
                "row"
            };
            write!(f, ", {word} {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        write!(f, ": found {}; expected {}", self.found, self.expected)
    }
}

/// A load that did not produce a dataset. It carries every problem found, errors and
/// warnings, not just the first, so one round of fixing the file is enough.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl LoadError {
    pub fn single(problem: Problem) -> Self {
        Self {
            problems: vec![problem],
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Problems gathered while reading; `finish` turns them into a result.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// `Ok((value, warnings))` when nothing blocks the load, else every problem.
    pub fn finish<T>(self, value: T) -> Result<(T, Vec<Problem>), LoadError> {
        if self.has_errors() {
            Err(LoadError { problems: self.0 })
        } else {
            Ok((value, self.0))
        }
    }
}
