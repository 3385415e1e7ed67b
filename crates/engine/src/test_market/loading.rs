//! Loading at once: the bundled three files, or the user's own.

use super::ingest::Ingest;
use super::records::TestMarkets;
use super::schema::FileKind;
use crate::dataset::Dataset;
use crate::problem::{LoadError, Problem};

/// Reads the three files (by name and text) against the dataset's markets. Any error blocks
/// the load; warnings (unknown markets) come back beside the data.
pub fn load(
    dataset: &Dataset,
    weekly: (&str, &str),
    flash: (&str, &str),
    shares: (&str, &str),
) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
    let files = [
        (weekly, FileKind::Weekly),
        (flash, FileKind::FlashSales),
        (shares, FileKind::CompetitorShares),
    ]
    .into_iter()
    .map(|((name, text), kind)| (name.to_owned(), text.as_bytes(), Some(kind)))
    .collect();
    Ingest::with_kinds(dataset, files, false).finish()
}

/// Reads the user's own files (raw bytes, any order, one to three of them): each is told
/// apart by its date column (`week`, `date` or `month`); kinds not given are left empty. At
/// least one weekly file is needed, since the tracker, KPIs and gates read it. All at once:
/// [`Ingest`] reads them a slice at a time.
pub fn load_files(
    dataset: &Dataset,
    files: &[(String, Vec<u8>)],
) -> Result<(TestMarkets, Vec<Problem>), LoadError> {
    let files = files
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes.as_slice()))
        .collect();
    Ingest::new(dataset, files).finish()
}
