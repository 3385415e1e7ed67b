//! Located problems found while loading a file: what the user reads when their data is wrong.

use std::fmt;

use crate::phrase::Phrase;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Blocks the load: nothing from the files is used.
    Error,
    /// Reported, but the load goes ahead (for example, a row naming an unknown market is skipped).
    Warning,
}

/// One problem in an input file. Rows are 1-based and count the header as row 1, as a
/// spreadsheet shows them, so the user can go straight to the cell. In JSON files the row is
/// the entry's position in its list; for a fault in the text itself (a JSON syntax error) it
/// is the line, and `line_column` says where in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    /// Set for a fault located in the file's text rather than in a row or entry: `row` is then
    /// the line (1-based) and this the character in it (1-based), as `line 16, column 3`.
    pub line_column: Option<usize>,
    pub found: Phrase,
    pub expected: Phrase,
}

impl Problem {
    pub fn error(
        file: &str,
        row: Option<usize>,
        column: Option<&str>,
        found: Phrase,
        expected: Phrase,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            row,
            column: column.map(str::to_owned),
            line_column: None,
            found,
            expected,
        }
    }

    pub fn warning(
        file: &str,
        row: Option<usize>,
        column: Option<&str>,
        found: Phrase,
        expected: Phrase,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, row, column, found, expected)
        }
    }

    /// A JSON document serde_json could not read, at the line and column it gives (none when
    /// the error has no position). A syntax error is "invalid JSON: …"; a document of the
    /// wrong shape (a missing field, a value of the wrong type) is serde_json's own words.
    /// Those words stay English in every language: serde_json has no others, and they are a
    /// parameter here, never a template.
    pub fn json(file: &str, error: &serde_json::Error, expected: Phrase) -> Self {
        let mut why = error.to_string();
        let at = format!(" at line {} column {}", error.line(), error.column());
        if error.line() > 0 && why.ends_with(&at) {
            why.truncate(why.len() - at.len());
        }
        let found = if error.is_syntax() || error.is_eof() {
            phrase!("invalid JSON: {}", why)
        } else {
            phrase!("{}", why)
        };
        let line = (error.line() > 0).then_some(error.line());
        Self {
            line_column: line.map(|_| error.column()),
            ..Self::error(file, line, None, found, expected)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where in its file the problem is, as the message puts it: `row 3, column "rating"`,
    /// `entry 2, column "value"` (in a JSON file), `line 16, column 3` (in its text), or
    /// none for the file as a whole.
    pub fn place(&self) -> Option<Phrase> {
        let at = match (self.row, self.line_column) {
            (Some(line), Some(column)) => Some(phrase!("line {}, column {}", line, column)),
            (Some(row), None) if self.file.ends_with(".json") => Some(phrase!("entry {}", row)),
            (Some(row), None) => Some(phrase!("row {}", row)),
            (None, _) => None,
        };
        let column = self.column.as_ref().map(|c| phrase!("column \"{}\"", c));
        match (at, column) {
            (Some(at), Some(column)) => Some(phrase!("{}, {}", at, column)),
            (at, column) => at.or(column),
        }
    }

    /// The whole message: `markets.csv, row 3, column "gdp": found "n/a"; expected a number`.
    pub fn phrase(&self) -> Phrase {
        let (found, expected) = (self.found.clone(), self.expected.clone());
        match self.place() {
            Some(place) => phrase!(
                "{}, {}: found {}; expected {}",
                &self.file,
                place,
                found,
                expected
            ),
            None => phrase!("{}: found {}; expected {}", &self.file, found, expected),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase().english())
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

impl LoadError {
    /// Every problem, a line each.
    pub fn phrase(&self) -> Phrase {
        let mut problems = self.problems.iter().map(Problem::phrase);
        let first = problems.next().unwrap_or_else(|| phrase!(""));
        problems.fold(first, |all, next| phrase!("{}\n{}", all, next))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase().english())
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
