//! A chart's data as a table, folded away under the chart until asked for: every number a chart
//! shows can be read exactly, and by a screen reader.

use beachhead_engine::csv_export::to_csv;
use leptos::prelude::*;

use crate::browser::files::download_text;
use crate::i18n::{t, table_label, tf};

/// A file name from a table's label: "weekly sales" → "weekly-sales.csv".
pub fn csv_name(label: &str) -> String {
    let slug: String = label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{slug}.csv")
}

/// A button that saves `data` as CSV, formula-like cells defused.
#[component]
pub fn CsvButton(
    label: &'static str,
    #[prop(into)] data: Signal<TableData>,
    testid: &'static str,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <button type="button" class="link-button no-print" data-testid=format!("{testid}-csv") on:click=move |_| {
            let csv = data.with_untracked(|d| to_csv(&d.headers, &d.rows));
            // The byte-order mark tells Excel the file is UTF-8 (names such as Côte d'Ivoire).
            let text = format!("\u{feff}{csv}");
            error.set(download_text(&csv_name(label), "text/csv;charset=utf-8", &text).err());
        }>{move || t("Download CSV")}</button>
        {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
    }
}

/// Cells are text; `numeric` columns align right.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableData {
    pub headers: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl TableData {
    /// The first column is text, the others numbers.
    pub fn new(headers: &[&str], rows: Vec<Vec<String>>) -> Self {
        Self::with_headers(headers.iter().map(|h| (*h).to_owned()).collect(), rows)
    }

    /// As [`TableData::new`], with headings made at run time (translated, or named by data).
    pub fn with_headers(headers: Vec<String>, rows: Vec<Vec<String>>) -> Self {
        Self {
            numeric: (0..headers.len()).map(|i| i > 0).collect(),
            headers,
            rows,
        }
    }
}

/// The note under a table that lists only its first `shown` of `total` rows, with the button
/// that lists them all; nothing once they are all listed.
#[component]
pub fn ShowAllNote(
    shown: usize,
    #[prop(into)] total: Signal<usize>,
    show_all: RwSignal<bool>,
    /// Which rows are listed, in words, from `shown` and `total`.
    message: fn(usize, usize) -> String,
    testid: String,
) -> impl IntoView {
    view! {
        <Show when=move || { !show_all.get() && total.get() > shown }>
            <p class="table-more">
                {move || message(shown, total.get())}
                " "
                <button type="button" class="link-button" data-testid=testid.clone() on:click=move |_| show_all.set(true)>
                    {move || tf("Show all {}", &[&total.get()])}
                </button>
            </p>
        </Show>
    }
}

/// Rows a table lists before "Show all".
const ROWS_SHOWN: usize = 200;

#[component]
pub fn DataTable(
    /// What the table holds, for its summary line and its region's name.
    label: &'static str,
    #[prop(into)] data: Signal<TableData>,
    testid: &'static str,
    /// Shown unfolded, for a table that is the view's main content.
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let rows = move || data.with(|d| d.rows.len());
    // The rows are built only while the fold is open, and the first ROWS_SHOWN until asked:
    // a million-row test-market file makes tables of thousands of rows, and every chart has
    // one, so building them all (folded away, for every change) froze the page for seconds.
    let unfolded = RwSignal::new(open);
    let show_all = RwSignal::new(false);
    view! {
        <details class="chart-data" open=open on:toggle=move |ev| {
            let open = event_target::<web_sys::Element>(&ev).has_attribute("open");
            unfolded.set(open);
        }>
            <summary>{move || tf("Data table: {} ({} rows)", &[&table_label(label), &rows()])}</summary>
            <CsvButton label data testid/>
            <div class="table-scroll limited" tabindex="0" role="region" aria-label=move || table_label(label)>
                <table class="data-table" data-testid=testid>
                    <thead>
                        <tr>
                            {move || data.with(|d| {
                                d.headers
                                    .iter()
                                    .zip(&d.numeric)
                                    .map(|(h, &numeric)| view! { <th scope="col" class:num=numeric>{h.clone()}</th> })
                                    .collect_view()
                            })}
                        </tr>
                    </thead>
                    <tbody>
                        {move || unfolded.get().then(|| data.with(|d| {
                            let shown = if show_all.get() { d.rows.len() } else { ROWS_SHOWN };
                            d.rows
                                .iter()
                                .take(shown)
                                .map(|row| {
                                    let cells = row
                                        .iter()
                                        .enumerate()
                                        .map(|(i, cell)| {
                                            let numeric = d.numeric.get(i).copied().unwrap_or(false);
                                            if i == 0 {
                                                view! { <th scope="row">{cell.clone()}</th> }.into_any()
                                            } else {
                                                view! { <td class:num=numeric>{cell.clone()}</td> }.into_any()
                                            }
                                        })
                                        .collect_view();
                                    view! { <tr>{cells}</tr> }
                                })
                                .collect_view()
                        }))}
                    </tbody>
                </table>
            </div>
            <Show when=move || unfolded.get()>
                <ShowAllNote
                    shown=ROWS_SHOWN
                    total=Signal::derive(rows)
                    show_all=show_all
                    message=|shown, total| tf("The first {} of {} rows; the CSV has them all.", &[&shown, &total])
                    testid=format!("{testid}-show-all")
                />
            </Show>
        </details>
    }
}
