//! Streaming ingest: the files read a slice of rows at a time, with progress, in the same
//! checks and order as reading them at once.

use std::collections::VecDeque;
use std::io::Cursor;

use super::market_cells::MarketCells;
use super::numbers::{text, trim};
use super::part::Part;
use super::records::TestMarkets;
use super::schema::{FileKind, Layout};
use crate::dataset::Dataset;
use crate::fnv_map::FnvMap;
use crate::market_match::MarketMatcher;
use crate::phrase::Phrase;
use crate::problem::{LoadError, Problem, Problems};
use crate::table;

/// A file being read.
struct File<B> {
    name: String,
    len: usize,
    /// Given (by [`load`](super::load)) or, once the header is read, told by its date column.
    kind: Option<FileKind>,
    stage: Stage<B>,
}

enum Stage<B> {
    /// The bytes are checked first, as text: UTF-8 (or the line where it breaks), no NUL, not
    /// all blank; `at` is how far.
    Text {
        bytes: B,
        at: usize,
        nul: bool,
        blank: bool,
    },
    /// Then its rows.
    Rows(Box<Rows<B>>),
}

struct Rows<B> {
    reader: csv::Reader<Cursor<B>>,
    /// Where the reader started: after a byte-order mark.
    start: usize,
    row: csv::ByteRecord,
    columns: usize,
    /// Rows read after the header.
    read: usize,
    /// Rows of the header's length, blank ones aside.
    rows: usize,
    /// A problem with the file itself (its header or a row's length): its records are not used.
    errors: bool,
    /// Whether its kind's part is this file's.
    owns: bool,
    /// Where the columns are, when this file's records are read.
    layout: Option<Layout>,
    /// For a header of one column: what it is, and the advice on delimiters
    /// ([`table::one_column`]), should the file turn out to be of no kind.
    one_column: Option<Phrase>,
}

/// Bytes checked as text per row of a step's budget: checking a byte is over ten times
/// cheaper than reading it in a row, and rows are about a hundred bytes.
const TEXT_BYTES_PER_ROW: usize = 1024;

/// Rows read before the records' room is reserved from the rows' average length.
const ESTIMATE_AFTER: usize = 1024;

/// Reading test-market files a slice at a time: [`Ingest::step`] reads some rows and returns,
/// [`Ingest::progress`] says how far it has got, and [`Ingest::finish`] gives what
/// [`load_files`](super::load_files) gives (which is `new`, `step` to the end and `finish`).
/// Dropping it cancels. `B` is the files' bytes, owned (`Vec<u8>`) or borrowed (`&[u8]`).
pub struct Ingest<B = Vec<u8>> {
    markets: MarketCells,
    /// The rules of the user's own files: kinds told by the header, a second file of a kind,
    /// a weekly file needed, and any problem with a file stops the load before its rows'.
    own_files: bool,
    /// The first file's name, for "no weekly file".
    first_name: Option<String>,
    pending: VecDeque<(String, B, Option<FileKind>)>,
    file: Option<File<B>>,
    /// Bytes of the files done.
    done: usize,
    total: usize,
    /// Problems with the files themselves, in file order.
    front: Vec<Problem>,
    /// By [`FileKind`].
    parts: [Option<Part>; 3],
}

impl<B: AsRef<[u8]>> Ingest<B> {
    /// The user's own files (one to three, any order, each told apart by its date column),
    /// against the dataset's markets. Nothing is read until [`Ingest::step`].
    pub fn new(dataset: &Dataset, files: Vec<(String, B)>) -> Self {
        Self::with_kinds(
            dataset,
            files.into_iter().map(|(n, b)| (n, b, None)).collect(),
            true,
        )
    }

    pub(super) fn with_kinds(
        dataset: &Dataset,
        files: VecDeque<(String, B, Option<FileKind>)>,
        own_files: bool,
    ) -> Self {
        Self {
            markets: MarketCells {
                matcher: MarketMatcher::new(dataset.markets()),
                count: dataset.markets().len(),
                known: FnvMap::default(),
            },
            own_files,
            first_name: files.front().map(|(n, _, _)| n.clone()),
            total: files.iter().map(|(_, b, _)| b.as_ref().len()).sum(),
            pending: files,
            file: None,
            done: 0,
            front: Vec::new(),
            parts: [None, None, None],
        }
    }

    /// Reads up to `rows` more rows (checking a file's text first counts
    /// `TEXT_BYTES_PER_ROW` bytes a row); true when every file is read.
    pub fn step(&mut self, rows: usize) -> bool {
        let mut budget = rows;
        while budget > 0 {
            match &self.file {
                None => match self.pending.pop_front() {
                    Some(file) => self.open(file),
                    None => break,
                },
                Some(File {
                    stage: Stage::Text { .. },
                    ..
                }) => self.check_text(&mut budget),
                Some(File {
                    stage: Stage::Rows(_),
                    ..
                }) => self.read_rows(&mut budget),
            }
        }
        self.finished()
    }

    /// Whether every file is read.
    pub fn finished(&self) -> bool {
        self.file.is_none() && self.pending.is_empty()
    }

    /// (bytes read, bytes in all files), for a progress bar: the bytes of the files done and
    /// of the current file's rows read (not its text check, which is quick). It only grows,
    /// and reaches the total when [`Ingest::step`] returns true.
    pub fn progress(&self) -> (usize, usize) {
        let current = match &self.file {
            Some(File {
                stage: Stage::Rows(rows),
                len,
                ..
            }) => (rows.start + rows.reader.position().byte() as usize).min(*len),
            _ => 0,
        };
        (self.done + current, self.total)
    }

    /// The data and its warnings, or every problem; reads what is left first. As
    /// [`load_files`](super::load_files) (or [`load`](super::load)) returns.
    pub fn finish(mut self) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
        while !self.step(usize::MAX) {}
        let mut problems = Problems(std::mem::take(&mut self.front));
        if self.own_files {
            if self.parts[FileKind::Weekly as usize].is_none() && !problems.has_errors() {
                problems.push(Problem::error(
                    self.first_name.as_deref().unwrap_or("your files"),
                    None,
                    None,
                    phrase!("no weekly file"),
                    phrase!("a weekly file with market, week, plan_units … columns"),
                ));
            }
            if problems.has_errors() {
                return Err(LoadError {
                    problems: problems.0,
                });
            }
        }
        let mut data = TestMarkets::default();
        for part in self.parts.into_iter().flatten() {
            problems.0.extend(part.problems);
            problems.0.extend(part.checks);
            *match part.kind {
                FileKind::Weekly => &mut data.weekly,
                FileKind::FlashSales => &mut data.flash_sales,
                FileKind::CompetitorShares => &mut data.competitor_shares,
            } = part.records;
        }
        problems.finish(data)
    }

    /// The size, the line breaks, and for the user's own files what the first bytes give
    /// away.
    fn open(&mut self, (name, bytes, kind): (String, B, Option<FileKind>)) {
        let len = bytes.as_ref().len();
        let checked = table::check_size(&name, len).and_then(|()| {
            if self.own_files {
                table::check_encoding(&name, bytes.as_ref())
            } else {
                table::check_line_breaks(&name, bytes.as_ref())
            }
        });
        if let Err(e) = checked {
            self.front.extend(e.problems);
            self.done += len;
            return;
        }
        let at = len - table::strip_bom(bytes.as_ref()).len();
        self.file = Some(File {
            name,
            len,
            kind,
            stage: Stage::Text {
                bytes,
                at,
                nul: false,
                blank: true,
            },
        });
    }

    /// The file is not used: `problem` says why.
    fn refuse(&mut self, problem: Problem) {
        if let Some(file) = self.file.take() {
            self.drop_file(file.len, [problem]);
        }
    }

    /// A file (taken out of `self.file` already) that is not used, and why.
    fn drop_file(&mut self, len: usize, problems: impl IntoIterator<Item = Problem>) {
        self.front.extend(problems);
        self.done += len;
    }

    fn check_text(&mut self, budget: &mut usize) {
        let Some(File {
            name,
            stage:
                Stage::Text {
                    bytes,
                    at,
                    nul,
                    blank,
                },
            ..
        }) = &mut self.file
        else {
            return;
        };
        let all = bytes.as_ref();
        let end = at
            .saturating_add(budget.saturating_mul(TEXT_BYTES_PER_ROW))
            .min(all.len());
        let text = match std::str::from_utf8(&all[*at..end]) {
            Ok(text) => text,
            // A character cut by the slice's end: it is checked whole next time.
            Err(e) if e.error_len().is_none() && end < all.len() => {
                std::str::from_utf8(&all[*at..*at + e.valid_up_to()]).unwrap_or_default()
            }
            Err(e) => {
                let problem = table::utf8_problem(name, all, *at + e.valid_up_to());
                return self.refuse(problem);
            }
        };
        *nul = *nul || text.as_bytes().contains(&0);
        *blank = *blank && text.chars().all(char::is_whitespace);
        *at += text.len();
        *budget = budget.saturating_sub(text.len().div_ceil(TEXT_BYTES_PER_ROW).max(1));
        if *at < all.len() {
            return;
        }
        // The whole text is UTF-8; a NUL anywhere, or nothing but whitespace, refuses it.
        if *nul {
            let problem = table::binary_problem(name);
            self.refuse(problem);
        } else if *blank {
            let problem = table::empty_problem(name);
            self.refuse(problem);
        } else {
            self.read_header(budget);
        }
    }

    /// The delimiter and the header: its checks, the file's kind, and whether this file is
    /// its kind's (the first of the kind whose header and rows are sound).
    fn read_header(&mut self, budget: &mut usize) {
        let Some(File {
            name,
            len,
            kind,
            stage: Stage::Text { bytes, .. },
        }) = self.file.take()
        else {
            return;
        };
        let (start, delimiter) = {
            let body = table::strip_bom(bytes.as_ref());
            (
                bytes.as_ref().len() - body.len(),
                table::sniff_delimiter(body),
            )
        };
        let mut cursor = Cursor::new(bytes);
        cursor.set_position(start as u64);
        let mut reader = table::csv_reader(delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(cursor);
        let mut row = csv::ByteRecord::new();
        *budget = budget.saturating_sub(1);
        match reader.read_byte_record(&mut row) {
            Ok(true) => {}
            Ok(false) => return self.drop_file(len, [table::header_problem(&name, None)]),
            Err(e) => return self.drop_file(len, [table::header_problem(&name, Some(&e))]),
        }
        let header: Vec<String> = row.iter().map(|c| text(c).trim().to_owned()).collect();
        let header_problems = match table::check_header(&name, &header) {
            Ok(problems) => problems,
            Err(e) => return self.drop_file(len, e.problems),
        };
        let errors = !header_problems.is_empty();
        self.front.extend(header_problems);
        let kind = kind.or_else(|| FileKind::of(&header));
        let (mut owns, mut layout) = (false, None);
        if let Some(kind) = kind.filter(|_| !errors) {
            let part = &mut self.parts[kind as usize];
            if part.is_none() {
                let mut new = Part::new(&name, kind, self.markets.count);
                layout = Layout::find(&name, &header, kind, &mut new.problems);
                *part = Some(new);
                owns = true;
            }
        }
        self.file = Some(File {
            name,
            len,
            kind,
            stage: Stage::Rows(Box::new(Rows {
                reader,
                start,
                row,
                columns: header.len(),
                read: 0,
                rows: 0,
                errors,
                owns,
                layout,
                one_column: table::one_column(&header),
            })),
        });
    }

    fn read_rows(&mut self, budget: &mut usize) {
        let Self {
            file,
            front,
            parts,
            markets,
            own_files,
            ..
        } = self;
        let Some(File {
            name,
            len,
            kind,
            stage: Stage::Rows(rows),
        }) = file
        else {
            return;
        };
        let rows = &mut **rows;
        let mut ended = false;
        while *budget > 0 {
            *budget -= 1;
            match rows.reader.read_byte_record(&mut rows.row) {
                Ok(true) => {}
                Ok(false) => {
                    ended = true;
                    break;
                }
                Err(e) => {
                    rows.read += 1;
                    front.push(table::row_problem(name, &e, rows.read + 1));
                    rows.errors = true;
                    continue;
                }
            }
            rows.read += 1;
            let row = &rows.row;
            let line = row.position().map_or(rows.read + 1, |p| p.line() as usize);
            if row.iter().all(|c| trim(c).is_empty()) {
                continue;
            }
            if row.len() != rows.columns {
                front.push(table::field_count_problem(
                    name,
                    line,
                    row.len(),
                    rows.columns,
                ));
                rows.errors = true;
                continue;
            }
            rows.rows += 1;
            // A file with a problem is not used; nor, for the user's own files, is any row
            // once a file has one (the load stops with the files' problems alone).
            if rows.errors || (*own_files && !front.is_empty()) || !rows.owns {
                continue;
            }
            let (Some(layout), Some(part)) =
                (&rows.layout, kind.and_then(|k| parts[k as usize].as_mut()))
            else {
                continue;
            };
            if rows.rows == ESTIMATE_AFTER {
                // Room for the rest at the rows' length so far: no copy of a growing
                // million-record list, and no list twice the size it needs.
                let read = rows.reader.position().byte() as usize;
                let left = len.saturating_sub(rows.start + read);
                let per_row = (read / (rows.read + 1)).max(1);
                part.records.reserve(left / per_row / 40 * 41);
            }
            part.read(layout, &rows.row, line, markets);
        }
        if ended {
            self.end_file();
        }
    }

    /// Every row is read: the file's problems decide whether its part stands, and for the
    /// user's own files, whether it has a kind and is the first of it.
    fn end_file(&mut self) {
        let Some(File {
            name,
            len,
            kind,
            stage: Stage::Rows(mut rows),
        }) = self.file.take()
        else {
            return;
        };
        self.done += len;
        if !rows.errors && rows.rows == 0 {
            self.front.push(table::header_only_problem(&name));
            rows.errors = true;
        }
        match kind {
            Some(kind) if rows.owns => {
                if rows.errors {
                    self.parts[kind as usize] = None;
                }
            }
            _ if rows.errors || !self.own_files => {}
            None => {
                let (found, expected) = match rows.one_column.take() {
                    Some(found) => (
                        phrase!("no week, date or month column, only {}", found),
                        phrase!("a weekly file (week column), a flash-sale file (date) or a competitor-share file (month), with the columns separated by commas, semicolons or tabs; see docs/test-market-format.md"),
                    ),
                    None => (
                        phrase!("no week, date or month column"),
                        phrase!("a weekly file (week column), a flash-sale file (date) or a competitor-share file (month); see docs/test-market-format.md"),
                    ),
                };
                self.front
                    .push(Problem::error(&name, Some(1), None, found, expected));
            }
            Some(kind) => {
                let first = self.parts[kind as usize]
                    .as_ref()
                    .map_or("", |p| p.file.as_str());
                let found = match kind {
                    FileKind::Weekly => phrase!("a second weekly file (the first is {})", first),
                    FileKind::FlashSales => {
                        phrase!("a second flash-sale file (the first is {})", first)
                    }
                    FileKind::CompetitorShares => {
                        phrase!("a second competitor-share file (the first is {})", first)
                    }
                };
                self.front.push(Problem::error(
                    &name,
                    None,
                    None,
                    found,
                    phrase!("one file of each kind"),
                ));
            }
        }
    }
}
