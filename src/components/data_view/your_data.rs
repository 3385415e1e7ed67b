//! Loading the user's own files: the drop zone, merge or replace, the template, going back to
//! the bundled data, and the last load's report.

use std::sync::Arc;

use beachhead_engine::{template, Dataset, MergeMode};
use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::browser::files;
use crate::i18n::{problem_text, t};
use crate::state::user_files::DataFilesState;
use crate::state::user_files::{self, Headline, LoadReport, NamedFile};

/// The "Your data" card.
#[component]
pub(super) fn YourDataCard(
    base: StoredValue<Arc<Dataset>>,
    dataset: RwSignal<Arc<Dataset>>,
    state: DataFilesState,
) -> impl IntoView {
    let DataFilesState {
        files,
        active,
        mode,
        report,
        busy,
        ..
    } = state;
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

    view! {
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
        <ModeChoice mode=mode set_mode=Callback::new(set_mode)/>
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
        <LoadStatus busy=busy report=report/>
    </section>
    }
}

/// Merge with or replace the bundled indicators.
#[component]
fn ModeChoice(mode: RwSignal<MergeMode>, set_mode: Callback<MergeMode>) -> impl IntoView {
    view! {
        <fieldset class="mode">
            <legend>{move || t("Your indicators")}</legend>
            <label>
                <input
                    type="radio"
                    name="merge-mode"
                    data-testid="mode-merge"
                    prop:checked=move || mode.get() == MergeMode::Merge
                    on:change=move |_| set_mode.run(MergeMode::Merge)
                />
                " "{move || t("merge with the bundled ones (yours win where both have a value)")}
            </label>
            <label>
                <input
                    type="radio"
                    name="merge-mode"
                    data-testid="mode-replace"
                    prop:checked=move || mode.get() == MergeMode::Replace
                    on:change=move |_| set_mode.run(MergeMode::Replace)
                />
                " "{move || t("replace the bundled ones (only your indicators are used)")}
            </label>
        </fieldset>
    }
}

/// "Reading files…" while busy, and the last load's report.
#[component]
fn LoadStatus(busy: RwSignal<bool>, report: RwSignal<Option<LoadReport>>) -> impl IntoView {
    view! {
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
                            view! { <li class=kind><span class="kind">{kind_text}</span>" "{problem_text(&l.problem)}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })}
    }
}
