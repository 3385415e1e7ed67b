//! Dates as the files write them, and each market's dates seen so far (for duplicates).

use std::fmt;

use crate::fnv_map::FnvMap;

/// A record's date as its file writes it: `YYYY-MM-DD`, or `YYYY-MM` in the competitor-share
/// file (shown by `Display` as written). Dates of one kind order as time does, as their text
/// does.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    /// 0 for a month.
    day: u8,
}

impl Date {
    /// `YYYY-MM-DD` (or `YYYY-MM` when `month_only`) with a real month and day; nothing else,
    /// not even surrounding spaces.
    pub fn parse(text: &str, month_only: bool) -> Option<Self> {
        Self::from_bytes(text.as_bytes(), month_only)
    }

    pub(super) fn from_bytes(text: &[u8], month_only: bool) -> Option<Self> {
        let number = |at: usize, digits: usize| -> Option<u32> {
            text.get(at..at + digits)?.iter().try_fold(0, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let dash = |at: usize| text.get(at) == Some(&b'-');
        let (year, month) = (number(0, 4)?, number(5, 2)?);
        if !dash(4) || !(1..=12).contains(&month) {
            return None;
        }
        let day = if month_only {
            (text.len() == 7).then_some(0)?
        } else {
            let day = (text.len() == 10 && dash(7))
                .then(|| number(8, 2))
                .flatten()?;
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            (1..=days[month as usize - 1])
                .contains(&day)
                .then_some(day)?
        };
        // Four digits, two and two: they fit.
        Some(Self {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// None for a month (`YYYY-MM`).
    pub fn day(self) -> Option<u32> {
        (self.day > 0).then_some(u32::from(self.day))
    }

    /// A number per date, in date order.
    pub(super) fn key(self) -> u32 {
        u32::from(self.year) << 9 | u32::from(self.month) << 5 | u32::from(self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)?;
        if self.day > 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}
/// One market's dates so far, each with the row it was first on. Dates mostly come in order,
/// so most are appended to a sorted list; a date before the latest goes to a map.
#[derive(Default, Clone)]
pub(super) struct Dates {
    in_order: Vec<(u32, u32)>,
    others: FnvMap<u32, u32>,
}

impl Dates {
    pub(super) fn first_row(&self, key: u32) -> Option<u32> {
        match self.in_order.last() {
            Some(&(last, _)) if key <= last => self
                .in_order
                .binary_search_by_key(&key, |&(k, _)| k)
                .ok()
                .map(|i| self.in_order[i].1)
                .or_else(|| self.others.get(&key).copied()),
            // Later than every date so far (the map only holds earlier ones).
            _ => None,
        }
    }

    pub(super) fn insert(&mut self, key: u32, row: u32) {
        match self.in_order.last() {
            Some(&(last, _)) if key <= last => {
                self.others.insert(key, row);
            }
            _ => self.in_order.push((key, row)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The date check as it was written first, on text: the oracle for `Date`.
    fn valid_date(text: &str, month_only: bool) -> bool {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, digits: usize| {
            (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        match (parts.as_slice(), month_only) {
            ([y, m], true) => {
                number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
            }
            ([y, m, d], false) => match (number(y, 4), number(m, 2), number(d, 2)) {
                (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => {
                    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                    let days = [
                        31,
                        if leap { 29 } else { 28 },
                        31,
                        30,
                        31,
                        30,
                        31,
                        31,
                        30,
                        31,
                        30,
                        31,
                    ];
                    (1..=days[m as usize - 1]).contains(&d)
                }
                _ => false,
            },
            _ => false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn dates_are_checked_as_before(text in r"[0-9]{0,5}-?[0-9]{0,3}-?[0-9]{0,3}[- ]?", month_only: bool) {
            let date = Date::parse(&text, month_only);
            prop_assert_eq!(date.is_some(), valid_date(&text, month_only), "{:?}", text);
            if let Some(date) = date {
                prop_assert_eq!(date.to_string(), text);
            }
        }

        #[test]
        fn real_dates_are_taken_and_shown_as_written(
            y in 0u32..10_000, m in 0u32..14, d in 0u32..33, month_only: bool
        ) {
            let text = if month_only { format!("{y:04}-{m:02}") } else { format!("{y:04}-{m:02}-{d:02}") };
            let date = Date::parse(&text, month_only);
            prop_assert_eq!(date.is_some(), valid_date(&text, month_only), "{:?}", text);
            if let Some(date) = date {
                prop_assert_eq!(date.to_string(), text);
                prop_assert_eq!((date.year(), date.month(), date.day()), (y, m, (!month_only).then_some(d)));
            }
        }
    }

    #[test]
    fn dates_order_as_their_text() {
        let texts = [
            "2013-09-02",
            "2013-10-01",
            "2013-09-30",
            "2012-12-31",
            "2014-01-06",
        ];
        let mut dates: Vec<Date> = texts.iter().filter_map(|t| Date::parse(t, false)).collect();
        dates.sort();
        let mut sorted = texts.to_vec();
        sorted.sort_unstable();
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, sorted);
    }

    #[test]
    fn dates_seen_out_of_order_are_still_found() {
        let mut dates = Dates::default();
        for (key, row) in [(5, 2), (9, 3), (7, 4), (12, 5), (1, 6)] {
            assert_eq!(dates.first_row(key), None);
            dates.insert(key, row);
        }
        for (key, row) in [(5, 2), (9, 3), (7, 4), (12, 5), (1, 6)] {
            assert_eq!(dates.first_row(key), Some(row));
        }
        assert_eq!(dates.first_row(8), None);
        assert_eq!(dates.first_row(13), None);
    }
}
