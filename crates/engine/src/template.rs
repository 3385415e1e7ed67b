//! The data template users download: the current dataset in the wide values format, so they
//! can edit what is there and load it back. An illustrative indicator's column is there but
//! empty: values loaded back are the user's own data, and a generated number must not come
//! back as one.

use crate::dataset::{Dataset, Status};
use crate::MarketIndex;

/// Every market (ISO3 and name) and every indicator's value and year, as wide CSV; the
/// illustrative indicators' cells empty, for the user's own values.
pub fn wide_csv(dataset: &Dataset) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header = vec!["iso3".to_owned(), "name".to_owned()];
    for indicator in dataset.indicators() {
        header.push(indicator.id.clone());
        header.push(format!("{}_year", indicator.id));
    }
    // Writing to a Vec cannot fail; an error here would be a bug in csv, not in the data.
    let _ = writer.write_record(&header);
    for (m, market) in dataset.markets().iter().enumerate() {
        let mut record = vec![market.iso3.clone(), market.name.clone()];
        for (i, indicator) in dataset.indicators().iter().enumerate() {
            let value = dataset
                .observation(MarketIndex(m), i)
                .filter(|_| indicator.status != Status::Illustrative);
            match value {
                Some(o) => {
                    record.push(o.value.to_string());
                    record.push(o.year.map(|y| y.to_string()).unwrap_or_default());
                }
                None => record.extend([String::new(), String::new()]),
            }
        }
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
