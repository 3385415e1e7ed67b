//! The scenarios panel: save the current choices under a name, reopen, rename, duplicate,
//! delete, export and import scenarios, and compare two by rank and margin.

use std::sync::Arc;

use beachhead_engine::economics::Assumptions;
use beachhead_engine::scenario::{compare, outcome, RankMove, Scenario, ScenarioFile};
use beachhead_engine::view_state::ViewState;
use beachhead_engine::IndexModel;
use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::browser::files::{download_text, files_of, read_files};
use crate::i18n::{market_name, phrase, t, tf};
use crate::state::explorer::Explorer;
use crate::state::scenarios::{now_iso, Scenarios};
use crate::state::url_state::UrlState;

/// How many of each scenario's best markets the comparison lists.
const COMPARED_TOP: usize = 10;

/// The choices a scenario keeps: everything in the link but where the user is looking.
fn choices(links: &UrlState) -> String {
    let state = ViewState {
        view: String::new(),
        market: None,
        compared: Vec::new(),
        tracked: None,
        embed: false,
        ..links.state()
    };
    state.encode().trim_start_matches('?').to_owned()
}

#[component]
pub fn ScenariosPanel(
    explorer: Explorer,
    links: UrlState,
    scenarios: Scenarios,
    base_model: Arc<IndexModel>,
    base_assumptions: Arc<Assumptions>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    view! {
        <details class="scenarios card" data-testid="scenarios">
            <summary>{move || tf("Scenarios ({})", &[&scenarios.list.with(Vec::len)])}</summary>
            <form class="scenario-save" on:submit=move |ev| {
                ev.prevent_default();
                scenarios.save(&name.get_untracked(), choices(&links));
                name.set(String::new());
            }>
                <label>
                    {move || t("Save the current weights, methods, filters, assumptions and gates as")}" "
                    <input type="text" placeholder=move || t("a name") data-testid="scenario-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="button" data-testid="scenario-save">{move || t("Save")}</button>
            </form>
            {move || scenarios.message.get().map(|m| view! {
                <p class=if m.error { "notice error" } else { "notice" } role="status" data-testid="scenario-message">{m.text}</p>
            })}
            <ScenarioList links=links scenarios=scenarios/>
            <ScenarioFileActions links=links scenarios=scenarios/>
            <ScenarioCompare
                explorer=explorer
                links=links
                scenarios=scenarios
                base_model=base_model
                base_assumptions=base_assumptions
            />
        </details>
    }
}

/// The saved scenarios, each with its actions: open, rename, duplicate, export and delete.
#[component]
fn ScenarioList(links: UrlState, scenarios: Scenarios) -> impl IntoView {
    view! {
        <table class="data-table" data-testid="scenario-list">
            <thead><tr><th scope="col">{move || t("Scenario")}</th><th scope="col">{move || t("Saved")}</th><th scope="col">{move || t("Actions")}</th></tr></thead>
            <tbody>
                {move || scenarios.list.get().into_iter().enumerate().map(|(i, s)| {
                    let state = s.state.clone();
                    let single = ScenarioFile::new(vec![s.clone()]).to_json();
                    let file_name = format!("{}.json", s.name.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect::<String>());
                    view! {
                        <tr>
                            <th scope="row">
                                <input type="text" class="scenario-rename" aria-label=move || t("Scenario name") value=s.name.clone() on:change=move |ev| scenarios.rename(i, &event_target_value(&ev))/>
                            </th>
                            <td>{s.saved.replace('T', " ").chars().take(16).collect::<String>()}</td>
                            <td class="scenario-actions">
                                <button type="button" class="link-button" data-testid=format!("scenario-open-{i}") on:click=move |_| {
                                    let view = links.state().view;
                                    let _ = window().location().set_hash(&format!("{view}?{state}"));
                                }>{move || t("Open")}</button>
                                <button type="button" class="link-button" on:click=move |_| scenarios.duplicate(i)>{move || t("Duplicate")}</button>
                                <button type="button" class="link-button" on:click=move |_| {
                                    if let Err(e) = download_text(&file_name, "application/json", &single) {
                                        scenarios.message.set(Some(crate::state::scenarios::Message { error: true, text: e }));
                                    }
                                }>{move || t("Export")}</button>
                                <button type="button" class="link-button" data-testid=format!("scenario-delete-{i}") on:click=move |_| scenarios.delete(i)>{move || t("Delete")}</button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Export every scenario or the current choices as a file, and import scenario files.
#[component]
fn ScenarioFileActions(links: UrlState, scenarios: Scenarios) -> impl IntoView {
    let export_all = move |_| {
        let text = scenarios
            .list
            .with(|l| ScenarioFile::new(l.clone()).to_json());
        if let Err(e) = download_text("beachhead-scenarios.json", "application/json", &text) {
            scenarios
                .message
                .set(Some(crate::state::scenarios::Message {
                    error: true,
                    text: e,
                }));
        }
    };
    let export_current = move |_| {
        let current = Scenario {
            name: tf(
                "Beachhead view of {}",
                &[&now_iso().chars().take(10).collect::<String>()],
            ),
            saved: now_iso(),
            state: choices(&links),
        };
        let text = ScenarioFile::new(vec![current]).to_json();
        if let Err(e) = download_text("beachhead-current-scenario.json", "application/json", &text)
        {
            scenarios
                .message
                .set(Some(crate::state::scenarios::Message {
                    error: true,
                    text: e,
                }));
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let files = files_of(&list);
        input.set_value("");
        spawn_local(async move {
            match read_files(files).await {
                Ok(read) => {
                    for (file, bytes) in read {
                        scenarios.import(&file, &String::from_utf8_lossy(&bytes));
                    }
                }
                Err(why) => scenarios
                    .message
                    .set(Some(crate::state::scenarios::Message {
                        error: true,
                        text: why,
                    })),
            }
        });
    };
    view! {
        <p class="actions">
            <button type="button" class="button secondary" data-testid="scenario-export-current" title=move || t("The weights, methods, filters, assumptions and gates on screen now, as a scenario file to import later or share") on:click=export_current>{move || t("Export current as JSON")}</button>
            <button type="button" class="button secondary" on:click=export_all>{move || t("Export all")}</button>
            <label class="button secondary">
                {move || t("Import…")}
                <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="scenario-import" on:change=on_import/>
            </label>
        </p>
    }
}

/// Two scenarios side by side: their top candidates' ranks and margins.
#[component]
fn ScenarioCompare(
    explorer: Explorer,
    links: UrlState,
    scenarios: Scenarios,
    base_model: Arc<IndexModel>,
    base_assumptions: Arc<Assumptions>,
) -> impl IntoView {
    let pick_a = RwSignal::new(None::<usize>);
    let pick_b = RwSignal::new(None::<usize>);
    let comparison = Memo::new(move |_| {
        let (Some(a), Some(b)) = (pick_a.get(), pick_b.get()) else {
            return None;
        };
        let states = scenarios
            .list
            .with(|l| Some((l.get(a)?.clone(), l.get(b)?.clone())))?;
        explorer.dataset.with(|d| {
            let filter = links.default_filter();
            let oa = outcome(d, &base_model, &base_assumptions, &filter, &states.0.state);
            let ob = outcome(d, &base_model, &base_assumptions, &filter, &states.1.state);
            let rows: Vec<(String, String, String, String, String, String)> =
                compare(&oa, &ob, COMPARED_TOP)
                    .into_iter()
                    .map(|c| {
                        let rank = |r: Option<usize>| r.map_or("–".into(), |r| r.to_string());
                        let margin =
                            |m: Option<f64>| m.map_or("–".into(), |m| format!("{m:.1}%"));
                        let moved = match c.rank_move() {
                            RankMove::Up(places) => format!("▲ {places}"),
                            RankMove::Down(places) => format!("▼ {places}"),
                            RankMove::Same => "=".into(),
                            RankMove::Unranked => "–".into(),
                        };
                        let margin_change = c
                            .margin_change_pts()
                            .map_or("–".into(), |pts| tf("{} pts", &[&format!("{pts:+.1}")]));
                        let m = &d[c.market];
                        (
                            market_name(&m.iso3, &m.name).to_owned(),
                            rank(c.rank_a),
                            rank(c.rank_b),
                            moved,
                            format!("{} → {}", margin(c.margin_a), margin(c.margin_b)),
                            margin_change,
                        )
                    })
                    .collect();
            let mut notices = oa.notices;
            notices.extend(ob.notices);
            Some((states.0.name, states.1.name, rows, notices))
        })
    });
    let options = move |picked: RwSignal<Option<usize>>| {
        view! {
            <option value="" selected=move || picked.get().is_none()>{move || t("choose…")}</option>
            {move || scenarios.list.with(|l| l.iter().enumerate().map(|(i, s)| view! {
                <option value=i.to_string() selected=move || picked.get() == Some(i)>{s.name.clone()}</option>
            }).collect_view())}
        }
    };

    view! {
        <div class="scenario-compare">
            <h3>{move || t("Compare two scenarios")}</h3>
            <label>"A " <select data-testid="compare-a" on:change=move |ev| pick_a.set(event_target_value(&ev).parse().ok())>{options(pick_a)}</select></label>
            <label>" B " <select data-testid="compare-b" on:change=move |ev| pick_b.set(event_target_value(&ev).parse().ok())>{options(pick_b)}</select></label>
            {move || comparison.get().map(|(a, b, rows, notices)| view! {
                <p class="subtitle">{tf("The top {} candidates of each: candidate rank and blended contribution margin in \"{}\" and in \"{}\".", &[&COMPARED_TOP, &a, &b])}</p>
                {(!notices.is_empty()).then(|| view! { <p class="hint">{notices.iter().map(phrase).collect::<Vec<_>>().join(" ")}</p> })}
                <div class="table-scroll" tabindex="0" role="region" aria-label=t("Scenario comparison")>
                    <table class="data-table" data-testid="scenario-comparison">
                        <thead><tr><th scope="col">{t("Market")}</th><th scope="col" class="num">{t("Rank A")}</th><th scope="col" class="num">{t("Rank B")}</th><th scope="col">{t("Move")}</th><th scope="col">{t("Margin A → B")}</th><th scope="col" class="num">{t("Change")}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr><th scope="row">{r.0}</th><td class="num">{r.1}</td><td class="num">{r.2}</td><td>{r.3}</td><td>{r.4}</td><td class="num">{r.5}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </div>
    }
}
