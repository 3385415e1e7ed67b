//! Tables as CSV for spreadsheets. A cell a spreadsheet would run as a formula (one beginning
//! with `=`, `+`, `-`, `@`, or a tab or carriage return) gets a leading apostrophe, so opening
//! an export never runs anything; plain numbers such as `-2.5` are left as numbers.

/// Whether `cell` must be defused before a spreadsheet reads it.
fn looks_like_formula(cell: &str) -> bool {
    let starts = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let number = cell.replace(',', "").trim().parse::<f64>().is_ok();
    starts && !number
}

pub fn escape_cell(cell: &str) -> String {
    if looks_like_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// RFC 4180 CSV (comma, CRLF, quotes where needed) with every cell defused.
pub fn to_csv(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a row that somehow did is left out rather than panicking.
    let _ = writer.write_record(headers.iter().map(|h| escape_cell(h)));
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| escape_cell(c)));
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}
