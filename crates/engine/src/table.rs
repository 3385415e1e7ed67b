//! Reading a delimited text file into a header and rows, whatever its delimiter, with every
//! problem located: the shared first step of every CSV the engine reads.

use crate::phrase::Phrase;
use crate::problem::{LoadError, Problem, Problems};

/// Files larger than this are refused before parsing: a browser tab should not be asked to
/// hold an accidental multi-gigabyte export in memory.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;
/// More columns than this is not a market table (and would make every row a megabyte).
pub const MAX_COLUMNS: usize = 2_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line of the row in the file, the header being line 1.
    pub line: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub file: String,
    pub delimiter: u8,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// Where the header names `name`, ignoring ASCII case.
pub fn column_index(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h.eq_ignore_ascii_case(name))
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        column_index(&self.header, name)
    }

    /// The first of `names` the header has.
    pub fn first_column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.column(n))
    }
}

/// A size in megabytes of 1,000,000 bytes (as most file browsers show sizes), to a tenth.
fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// A count with its thousands grouped: 268,435,456.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The file's size is checked against [`MAX_FILE_BYTES`] before anything else. Both sizes
/// are in the same megabytes; a file so little over the limit that they read alike is given
/// in bytes.
pub fn check_size(file: &str, bytes: usize) -> Result<(), LoadError> {
    if bytes > MAX_FILE_BYTES {
        let (size, limit) = (megabytes(bytes), megabytes(MAX_FILE_BYTES));
        let found = if size == limit {
            phrase!("{} bytes ({})", grouped(bytes), size)
        } else {
            phrase!("{}", size)
        };
        return Err(LoadError::single(Problem::error(
            file,
            None,
            None,
            found,
            phrase!(
                "a file of at most {} ({} bytes); split it, or keep only the columns you need",
                limit,
                grouped(MAX_FILE_BYTES)
            ),
        )));
    }
    Ok(())
}

/// A header of one column: the file's fields are most likely separated by something other
/// than a comma, semicolon or tab. What was found; what was expected then says how columns
/// are separated.
pub(crate) fn one_column(header: &[String]) -> Option<Phrase> {
    match header {
        [only] => Some(phrase!("one column, \"{}\"", only)),
        _ => None,
    }
}

/// `text` would be a number without its commas: it has thousands separators or a decimal
/// comma, which the message about it points out.
pub(crate) fn has_separators(text: &str) -> bool {
    text.contains(',') && text.replace(',', "").parse::<f64>().is_ok()
}

/// Comma, semicolon or tab, whichever the header line uses most outside quotes.
pub(crate) fn sniff_delimiter(text: &[u8]) -> u8 {
    let first_line = text.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &byte in first_line {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0].1 += 1,
            b';' if !quoted => counts[1].1 += 1,
            b'\t' if !quoted => counts[2].1 += 1,
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(delimiter, count)| (*count, *delimiter == b','))
        .map_or(b',', |(delimiter, _)| *delimiter)
}

/// The text without its UTF-8 byte-order mark.
pub(crate) fn strip_bom(text: &[u8]) -> &[u8] {
    text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text)
}

/// A NUL anywhere in the text (after its byte-order mark).
pub(crate) fn binary_problem(file: &str) -> Problem {
    Problem::error(
        file,
        None,
        None,
        phrase!("binary data (a spreadsheet or archive, not text)"),
        phrase!("a CSV text file: in a spreadsheet, use Save as… CSV (UTF-8)"),
    )
}

/// Text (after its byte-order mark) that is all whitespace.
pub(crate) fn empty_problem(file: &str) -> Problem {
    Problem::error(
        file,
        None,
        None,
        phrase!("an empty file"),
        phrase!("a header row and at least one data row"),
    )
}

/// The reader of every delimited file: `delimiter` between fields, the header read as a row,
/// rows of any length (their length is checked against the header's, with the row's line).
pub(crate) fn csv_reader(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false);
    builder
}

/// The header's fields, trimmed, are checked here: too many columns stops the file; empty
/// and repeated names come back as problems, and its rows are still read.
pub(crate) fn check_header(file: &str, header: &[String]) -> Result<Vec<Problem>, LoadError> {
    if header.len() > MAX_COLUMNS {
        return Err(too_many_columns(file, header.len()));
    }
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if name.contains(['\n', '\r']) {
            // A quote opened in the header and never closed: the name swallowed the rows.
            let first_line = name.lines().next().unwrap_or("").trim();
            let column = if first_line.is_empty() {
                format!("#{}", i + 1)
            } else {
                first_line.to_owned()
            };
            problems.push(Problem::error(
                file,
                Some(1),
                Some(&column),
                phrase!(
                    "a column name running over several lines, starting \"{}\"",
                    first_line
                ),
                phrase!("one name per column: a quote (\") opened in the header is never closed"),
            ));
        } else if name.is_empty() {
            problems.push(Problem::error(
                file,
                Some(1),
                Some(&format!("#{}", i + 1)),
                phrase!("an empty column name"),
                phrase!("a name for every column"),
            ));
        } else if header[..i].iter().any(|h| h.eq_ignore_ascii_case(name)) {
            problems.push(Problem::error(
                file,
                Some(1),
                Some(name),
                phrase!("a second column with this name"),
                phrase!("each column name once"),
            ));
        }
    }
    Ok(problems)
}

fn too_many_columns(file: &str, columns: usize) -> LoadError {
    LoadError::single(Problem::error(
        file,
        Some(1),
        None,
        phrase!("{} columns", columns),
        phrase!("at most {} columns", MAX_COLUMNS),
    ))
}

/// The header could not be read.
pub(crate) fn header_problem(file: &str, error: Option<&csv::Error>) -> Problem {
    match error {
        // The csv reader's own words, which have no other language.
        Some(e) => Problem::error(
            file,
            Some(1),
            None,
            phrase!("{}", e.to_string()),
            phrase!("a header row"),
        ),
        None => Problem::error(
            file,
            None,
            None,
            phrase!("no rows"),
            phrase!("a header row"),
        ),
    }
}

/// A row could not be read (`fallback_line` when the reader does not say where).
pub(crate) fn row_problem(file: &str, error: &csv::Error, fallback_line: usize) -> Problem {
    let line = error
        .position()
        .map_or(fallback_line, |p| p.line() as usize);
    let found = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => phrase!("text that is not UTF-8"),
        // The csv reader's own words, which have no other language.
        _ => phrase!("{}", error.to_string()),
    };
    Problem::error(
        file,
        Some(line),
        None,
        found,
        phrase!("UTF-8 text (in a spreadsheet, use Save as… CSV UTF-8)"),
    )
}

/// A row whose field count is not the header's.
pub(crate) fn field_count_problem(
    file: &str,
    line: usize,
    fields: usize,
    columns: usize,
) -> Problem {
    Problem::error(
        file,
        Some(line),
        None,
        if fields == 1 {
            phrase!("1 field")
        } else {
            phrase!("{} fields", fields)
        },
        phrase!("{} fields, one per header column (is a quote left open, or a delimiter inside an unquoted value?)", columns),
    )
}

/// A file with a header and no data row (blank rows do not count).
pub(crate) fn header_only_problem(file: &str) -> Problem {
    Problem::error(
        file,
        None,
        None,
        phrase!("a header row only"),
        phrase!("at least one data row"),
    )
}

pub fn read_table(file: &str, text: &str) -> Result<Table, LoadError> {
    read(file, text, true)
}

/// As `read_table`, for a list that can rightly have no row: the values from other sources,
/// when every value has its indicator's usual one. The header is still required and checked.
pub fn read_table_maybe_empty(file: &str, text: &str) -> Result<Table, LoadError> {
    read(file, text, false)
}

fn read(file: &str, text: &str, rows_required: bool) -> Result<Table, LoadError> {
    check_size(file, text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Line breaks that are carriage returns alone (classic Mac OS, Excel's "CSV (Macintosh)"):
    // the reader splits rows at them but counts lines only at line feeds, so every row would
    // be named row 1.
    let unix;
    let text = if cr_only(text.as_bytes()) {
        unix = text.replace('\r', "\n");
        unix.as_str()
    } else {
        text
    };
    if text.contains('\0') {
        return Err(LoadError::single(binary_problem(file)));
    }
    if text.trim().is_empty() {
        return Err(LoadError::single(empty_problem(file)));
    }
    let delimiter = sniff_delimiter(text.as_bytes());
    let mut reader = csv_reader(delimiter).from_reader(text.as_bytes());
    let mut problems = Problems::default();
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        // Too many columns is refused before a name is copied.
        Some(Ok(record)) if record.len() > MAX_COLUMNS => {
            return Err(too_many_columns(file, record.len()))
        }
        Some(Ok(record)) => record.iter().map(|c| c.trim().to_owned()).collect(),
        Some(Err(e)) => return Err(LoadError::single(header_problem(file, Some(&e)))),
        None => return Err(LoadError::single(header_problem(file, None))),
    };
    problems.0.extend(check_header(file, &header)?);
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let fallback_line = i + 2;
        match record {
            Ok(record) => {
                let line = record
                    .position()
                    .map_or(fallback_line, |p| p.line() as usize);
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if record.len() != header.len() {
                    problems.push(field_count_problem(file, line, record.len(), header.len()));
                    continue;
                }
                rows.push(Row {
                    line,
                    cells: record.iter().map(|c| c.trim().to_owned()).collect(),
                });
            }
            Err(e) => problems.push(row_problem(file, &e, fallback_line)),
        }
    }
    if rows_required && rows.is_empty() && !problems.has_errors() {
        problems.push(header_only_problem(file));
    }
    let table = Table {
        file: file.to_owned(),
        delimiter,
        header,
        rows,
    };
    problems.finish(table).map(|(table, _)| table)
}

/// Turns a file's bytes into text, refusing what is not UTF-8 with the line where it breaks.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<String, LoadError> {
    check_size(file, bytes.len())?;
    check_bytes(file, bytes)?;
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| LoadError::single(utf8_problem(file, bytes, e.valid_up_to())))
}

/// Bytes looked at for signs of a file that is not text: enough for any file format's header,
/// and a prefix only, so a big file is not scanned twice.
const SNIFF_BYTES: usize = 8 * 1024;

/// What the first bytes give away, for a file read as raw bytes row by row (the test-market
/// files): what [`check_bytes`] refuses, and what [`check_line_breaks`] does.
pub(crate) fn check_encoding(file: &str, bytes: &[u8]) -> Result<(), LoadError> {
    check_bytes(file, bytes)?;
    check_line_breaks(file, bytes)
}

/// Line breaks that are carriage returns alone, which the row reader cannot number (it
/// counts lines at line feeds: every row would be row 1) and, unlike [`read_table`], reads
/// without a copy of the text to turn them into line feeds.
pub(crate) fn check_line_breaks(file: &str, bytes: &[u8]) -> Result<(), LoadError> {
    if cr_only(&bytes[..bytes.len().min(64 * 1024)]) {
        return Err(LoadError::single(Problem::error(
            file,
            None,
            None,
            phrase!("line breaks that are carriage returns alone (an old Mac format)"),
            phrase!("lines ending in a line feed (in a spreadsheet, use Save as… CSV UTF-8)"),
        )));
    }
    Ok(())
}

/// A carriage return and no line feed: the line breaks of classic Mac OS.
fn cr_only(text: &[u8]) -> bool {
    !text.contains(&b'\n') && text.contains(&b'\r')
}

/// UTF-16 text with or without its byte-order mark, a zip archive (an .xlsx workbook), or a
/// NUL in the first bytes (a PNG, a gzip file, an .xls workbook): refused before the bytes are
/// decoded, so the message says what the file is rather than where its first byte that is
/// not UTF-8 lies.
pub(crate) fn check_bytes(file: &str, bytes: &[u8]) -> Result<(), LoadError> {
    let utf16 = |found: Phrase| {
        Err(LoadError::single(Problem::error(
            file,
            None,
            None,
            found,
            phrase!("UTF-8 text (in a spreadsheet, use Save as… CSV UTF-8)"),
        )))
    };
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return utf16(phrase!("UTF-16 text"));
    }
    if utf16_without_bom(bytes) {
        return utf16(phrase!("UTF-16 text (without a byte-order mark)"));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(LoadError::single(Problem::error(
            file,
            None,
            None,
            phrase!("a zip archive (an .xlsx workbook, or a zipped file renamed)"),
            phrase!("a CSV or JSON text file"),
        )));
    }
    if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        return Err(LoadError::single(binary_problem(file)));
    }
    Ok(())
}

/// Text of ASCII characters in UTF-16, without a byte-order mark: every other byte is 0,
/// the others are not, over the first bytes.
fn utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return false;
    }
    let pairs = || head.chunks_exact(2);
    pairs().all(|p| p[0] != 0 && p[1] == 0) || pairs().all(|p| p[0] == 0 && p[1] != 0)
}

/// The first byte that is not UTF-8, at `at` in `bytes`, with its line.
pub(crate) fn utf8_problem(file: &str, bytes: &[u8], at: usize) -> Problem {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    Problem::error(
        file,
        Some(line),
        None,
        phrase!(
            "a byte that is not UTF-8 (0x{})",
            format!("{:02X}", bytes[at])
        ),
        phrase!("UTF-8 text (in a spreadsheet, use Save as… CSV UTF-8)"),
    )
}
