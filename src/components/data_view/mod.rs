//! The Data view: every indicator's source, licence, years and coverage; which markets lack
//! what; and loading the user's own files, merged with or replacing the bundled indicators.

use std::sync::Arc;

use crate::components::data_table::{CsvButton, TableData};
use beachhead_engine::{template, Dataset, MergeMode};
use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::browser::files;
use crate::i18n::{data_text, market_name, t, tf};
use crate::state::data_catalogue::{count_of, coverage_rows, indicator_rows, status_text};
use crate::state::user_files::{self, Headline, LoadReport, NamedFile};

/// How many of the least-covered markets to list before "Show all".
const COVERAGE_PREVIEW: usize = 25;

/// The user's files and the last load's report: they outlive the view, which is on the page
/// only while open.
#[derive(Clone, Copy)]
pub struct DataFilesState {
    files: StoredValue<Vec<NamedFile>>,
    active: RwSignal<Vec<String>>,
    mode: RwSignal<MergeMode>,
    report: RwSignal<Option<LoadReport>>,
    busy: RwSignal<bool>,
    show_all: RwSignal<bool>,
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

#[component]
pub fn DataView(
    base: Arc<Dataset>,
    dataset: RwSignal<Arc<Dataset>>,
    state: DataFilesState,
) -> impl IntoView {
    let DataFilesState {
        files,
        active,
        mode,
        report,
        busy,
        show_all,
    } = state;
    let base = StoredValue::new(base);
    let dragging = RwSignal::new(false);

    let load = move |all: Vec<NamedFile>| {
        let result = base.with_value(|b| user_files::apply(b, &all, mode.get_untracked()));
        match result {
            Ok((merged, ok)) => {
                dataset.set(Arc::new(merged));
                active.set(all.iter().map(|(n, _)| n.clone()).collect());
                files.set_value(all);
                report.set(Some(ok));
            }
            Err(failed) => report.set(Some(failed)),
        }
    };
    let add_files = move |list: Option<web_sys::FileList>| {
        let picked = list.as_ref().map(files::files_of).unwrap_or_default();
        if picked.is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match files::read_files(picked).await {
                Ok(new) => load(files.with_value(|old| user_files::combined(old, new))),
                Err(why) => report.set(Some(LoadReport {
                    ok: false,
                    headline: Headline::Text(why),
                    lines: Vec::new(),
                })),
            }
            busy.set(false);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            add_files(input.files());
            // Picking the same file again after editing it must fire another change.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        add_files(ev.data_transfer().and_then(|d| d.files()));
    };
    let set_mode = move |new_mode: MergeMode| {
        mode.set(new_mode);
        let current = files.get_value();
        if !current.is_empty() {
            load(current);
        }
    };
    let reset = move |_| {
        files.set_value(Vec::new());
        active.set(Vec::new());
        report.set(None);
        dataset.set(base.get_value());
    };
    let download_template = move |_| {
        let csv = dataset.with(|d| template::wide_csv(d));
        if let Err(why) = files::download_text("beachhead-data-template.csv", "text/csv", &csv) {
            report.set(Some(LoadReport {
                ok: false,
                headline: Headline::Text(why),
                lines: Vec::new(),
            }));
        }
    };

    let indicators = Memo::new(move |_| dataset.with(|d| indicator_rows(d)));
    let coverage = Memo::new(move |_| dataset.with(|d| coverage_rows(d)));
    let shown_coverage = Memo::new(move |_| {
        coverage.with(|rows| {
            let n = if show_all.get() {
                rows.len()
            } else {
                COVERAGE_PREVIEW
            };
            rows.iter().take(n).cloned().collect::<Vec<_>>()
        })
    });
    let market_count = move || dataset.with(|d| d.markets().len());
    let more_to_show =
        move || !show_all.get() && coverage.with(|rows| rows.len() > COVERAGE_PREVIEW);

    view! {
        <div class="data-view">
            <section class="card" aria-labelledby="your-data-title">
                <h2 id="your-data-title">{move || t("Your data")}</h2>
                <p class="subtitle">
                    {move || t("Bring your own indicators or correct ours: CSV (comma, semicolon or tab; wide or long) or JSON. Markets are matched by ISO code or name. Nothing leaves this page.")}
                </p>
                <div
                    class="drop-zone"
                    class:dragging=move || dragging.get()
                    data-testid="drop-zone"
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop
                >
                    <p>{move || t("Drop CSV or JSON files here, or")}</p>
                    <label class="button">
                        {move || t("Choose files…")}
                        <input
                            type="file"
                            class="visually-hidden"
                            data-testid="file-input"
                            multiple
                            accept=".csv,.tsv,.txt,.json,text/csv,application/json"
                            on:change=on_pick
                        />
                    </label>
                </div>
                <fieldset class="mode">
                    <legend>{move || t("Your indicators")}</legend>
                    <label>
                        <input
                            type="radio"
                            name="merge-mode"
                            data-testid="mode-merge"
                            prop:checked=move || mode.get() == MergeMode::Merge
                            on:change=move |_| set_mode(MergeMode::Merge)
                        />
                        " "{move || t("merge with the bundled ones (yours win where both have a value)")}
                    </label>
                    <label>
                        <input
                            type="radio"
                            name="merge-mode"
                            data-testid="mode-replace"
                            prop:checked=move || mode.get() == MergeMode::Replace
                            on:change=move |_| set_mode(MergeMode::Replace)
                        />
                        " "{move || t("replace the bundled ones (only your indicators are used)")}
                    </label>
                </fieldset>
                <div class="actions">
                    <button type="button" class="link-button" data-testid="download-template" on:click=download_template>
                        {move || t("Download a template (the data in use, in the wide CSV format)")}
                    </button>
                    <Show when=move || !active.get().is_empty()>
                        <button type="button" class="link-button" data-testid="use-bundled" on:click=reset>
                            {move || t("Go back to the bundled data only")}
                        </button>
                    </Show>
                </div>
                <Show when=move || busy.get()>
                    <p class="hint" aria-live="polite">{move || t("Reading files…")}</p>
                </Show>
                {move || report.get().map(|r| {
                    let class = if r.ok { "report ok" } else { "report error" };
                    view! {
                        <div class=class data-testid="load-report" role=if r.ok { "status" } else { "alert" }>
                            <p class="report-headline">{r.headline.text()}</p>
                            <ul class="problems">
                                {r.lines.into_iter().map(|l| {
                                    let (kind, kind_text) = if l.error { ("error", t("error")) } else { ("warning", t("warning")) };
                                    view! { <li class=kind><span class="kind">{kind_text}</span>" "{l.text}</li> }
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                })}
            </section>

            <section class="card" aria-labelledby="catalogue-title">
                <h2 id="catalogue-title">{move || t("Indicators, sources and licences")}</h2>
                <p class="subtitle">
                    {move || t("Illustrative indicators are generated (seeded) to make the company-specific views concrete; they are not measurements. Approximate ones were entered by hand from well-known facts: replace them with your own.")}
                </p>
                <p class="table-actions"><CsvButton label="indicator catalogue" data=Signal::derive(move || TableData {
                    headers: ["Id", "Indicator", "Pillar", "Unit", "Direction", "Status", "Years", "Coverage", "Source", "Licence"].map(String::from).to_vec(),
                    numeric: Vec::new(),
                    rows: indicators.get().into_iter().map(|r| vec![
                        r.id, r.label, r.pillar, r.unit, r.direction.to_owned(), r.status.label().to_owned(), r.years, r.coverage, r.source, r.licence,
                    ]).collect(),
                }) testid="indicator-catalogue"/></p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Indicator catalogue")>
                    <table class="data-table" data-testid="indicator-catalogue">
                        <thead>
                            <tr>
                                <th scope="col">{move || t("Indicator")}</th>
                                <th scope="col">{move || t("Pillar")}</th>
                                <th scope="col">{move || t("Unit")}</th>
                                <th scope="col">{move || t("Status")}</th>
                                <th scope="col">{move || t("Years")}</th>
                                <th scope="col" class="num">{move || t("Coverage")}</th>
                                <th scope="col">{move || t("Source")}</th>
                                <th scope="col">{move || t("Licence")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || indicators.get() key=|r| (r.id.clone(), r.coverage.clone(), r.source.clone(), r.direction) let:r>
                                <tr>
                                    <th scope="row" title=format!("{} ({})", r.id, r.direction)>{
                                        let label = r.label.clone();
                                        move || data_text(&label).to_owned()
                                    }</th>
                                    <td>{
                                        let pillar = r.pillar.clone();
                                        move || data_text(&pillar).to_owned()
                                    }</td>
                                    <td>{
                                        let unit = r.unit.clone();
                                        move || data_text(&unit).to_owned()
                                    }</td>
                                    <td><span class=format!("badge {}", r.status.label())>{move || status_text(r.status)}</span></td>
                                    <td>{r.years}</td>
                                    <td class="num">
                                        <span class="meter" aria-hidden="true"><span style:width=format!("{:.0}%", r.coverage_pct)></span></span>
                                        {r.coverage}
                                    </td>
                                    <td class="wrap">{r.source}</td>
                                    <td>{r.licence}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
                <p class="source-line">
                    {move || t("Attribution (CC BY 4.0): World Bank, World Development Indicators; ITU via World Bank, published by Our World in Data. Country codes, names and UN regions: datasets/country-codes (ODC-PDDL-1.0). Currencies and official languages: countries-list (MIT). VAT/GST rates: sales-tax (MIT). Vendor-share shapes: StatCounter Global Stats (gs.statcounter.com).")}
                </p>
            </section>

            <section class="card" aria-labelledby="coverage-title">
                <h2 id="coverage-title">{move || t("Coverage: which markets lack what")}</h2>
                <p class="subtitle">
                    {move || tf(
                        "{} of {} markets lack at least one indicator. A missing value stays missing: the score re-weights over what a market has, and ranks it only when its data carries enough of the weight.",
                        &[&coverage.with(Vec::len), &market_count()],
                    )}
                </p>
                <p class="table-actions"><CsvButton label="coverage by market" data=Signal::derive(move || TableData {
                    headers: ["Market", "ISO3", "Region", "Indicators with data", "Indicators", "Gaps"].map(String::from).to_vec(),
                    numeric: Vec::new(),
                    rows: coverage.get().into_iter().map(|r| vec![
                        r.name, r.iso3, r.region, r.have.to_string(), r.total.to_string(), r.gaps,
                    ]).collect(),
                }) testid="coverage-table"/></p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Coverage by market")>
                    <table class="data-table" data-testid="coverage-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t("Market")}</th>
                                <th scope="col">{move || t("Region")}</th>
                                <th scope="col" class="num">{move || t("Indicators")}</th>
                                <th scope="col">{move || t("Gaps")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || shown_coverage.get() key=|r| (r.iso3.clone(), r.have, r.gaps.clone()) let:r>
                                <tr>
                                    <th scope="row">{market_name(&r.iso3, &r.name).to_owned()}</th>
                                    <td>{r.region}</td>
                                    <td class="num">{move || count_of(r.have, r.total)}</td>
                                    <td class="wrap">{r.gaps}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </div>
                <Show when=more_to_show>
                    <button type="button" class="link-button" on:click=move |_| show_all.set(true)>
                        {move || tf("Show all {}", &[&coverage.with(Vec::len)])}
                    </button>
                </Show>
            </section>
        </div>
    }
}
