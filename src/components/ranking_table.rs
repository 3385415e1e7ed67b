//! Every ranked market with its score and pillar scores; click a header to sort by it.

use leptos::prelude::*;

use crate::components::data_table::{CsvButton, TableData};
use crate::explorer::{Explorer, SortColumn};
use crate::i18n::{data_text, t, tf};
use crate::navigation::{Navigation, Tab};

/// Rows shown before "Show all".
const TABLE_PREVIEW: usize = 50;

#[component]
pub fn RankingTable(explorer: Explorer) -> impl IntoView {
    let sort = explorer.sort;
    let navigation = use_context::<Navigation>();
    let pillars = explorer.pillars;
    let header = move |column: SortColumn, label: Signal<String>, class: &'static str| {
        let aria_sort = move || {
            let s = sort.get();
            if s.column != column {
                "none"
            } else if s.descending {
                "descending"
            } else {
                "ascending"
            }
        };
        let arrow = move || {
            let s = sort.get();
            match (s.column == column, s.descending) {
                (false, _) => "",
                (true, true) => " ▼",
                (true, false) => " ▲",
            }
        };
        view! {
            <th scope="col" class=class aria-sort=aria_sort>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| {
                        sort.update(|s| *s = s.clicked(column))
                    }
                >
                    {move || label.get()}
                    {arrow}
                </button>
            </th>
        }
    };
    let pillar_headers = move || {
        pillars.with(|p| {
            p.iter()
                .enumerate()
                .map(|(i, p)| {
                    // The file below keeps the model's own names; the screen shows them in
                    // the language in use.
                    let label = p.label.clone();
                    header(
                        SortColumn::Pillar(i),
                        Signal::derive(move || data_text(&label).to_owned()),
                        "num",
                    )
                })
                .collect_view()
        })
    };
    let csv = Signal::derive(move || {
        let mut headers: Vec<String> = ["Rank", "Market", "ISO3", "World rank", "Score"]
            .map(String::from)
            .to_vec();
        pillars.with(|p| headers.extend(p.iter().map(|p| p.label.clone())));
        let rows = explorer.table_rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    let mut row = vec![
                        r.rank.to_string(),
                        r.market.clone(),
                        r.iso3.clone(),
                        r.world_rank.to_string(),
                        r.score.clone(),
                    ];
                    row.extend(r.cells.iter().map(|c| c.text.clone()));
                    row
                })
                .collect()
        });
        TableData {
            numeric: Vec::new(),
            headers,
            rows,
        }
    });
    // The first rows only until asked: every weight change rebuilds the rows shown, and at 250
    // markets building them all took longer than a frame. The CSV has every row.
    let show_all = RwSignal::new(false);
    let total = Memo::new(move |_| explorer.table_rows.with(Vec::len));
    let shown = Memo::new(move |_| {
        let all = show_all.get();
        explorer.table_rows.with(|rows| {
            let n = if all {
                rows.len()
            } else {
                rows.len().min(TABLE_PREVIEW)
            };
            rows[..n].to_vec()
        })
    });
    view! {
        <p class="table-actions"><CsvButton label="readiness ranking" data=csv testid="ranking-table"/></p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Ranking table")>
            <table class="ranking-table" data-testid="ranking-table">
                <thead>
                    <tr>
                        {header(SortColumn::Rank, Signal::derive(|| t("Rank").to_owned()), "num")}
                        {header(SortColumn::Market, Signal::derive(|| t("Market").to_owned()), "")}
                        <th scope="col" class="num" title=move || t("Rank among all markets, before filters")>{move || t("World")}</th>
                        {header(SortColumn::Score, Signal::derive(|| t("Score").to_owned()), "num")}
                        {pillar_headers}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || shown.get()
                        key=|row| (row.iso3.clone(), row.rank, row.world_rank, row.score.clone())
                        let:row
                    >
                        <tr class:in-chart=row.in_chart>
                            <td class="num">{row.rank}</td>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="market-link"
                                    title=move || t("Open this market")
                                    on:click={
                                        let code = row.iso3.clone();
                                        move |_| {
                                            explorer.selected.set(Some(code.clone()));
                                            if let Some(nav) = navigation {
                                                nav.go(Tab::Market);
                                            }
                                        }
                                    }
                                >
                                    {row.market}
                                </button>
                            </th>
                            <td class="num muted">{row.world_rank}</td>
                            <td class="num score">{row.score}</td>
                            {row
                                .cells
                                .into_iter()
                                .map(|cell| view! { <td class="num" title=cell.note>{cell.text}</td> })
                                .collect_view()}
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
        <Show when=move || { !show_all.get() && total.get() > TABLE_PREVIEW }>
            <p class="table-more">
                {move || tf("The first {} of {} markets.", &[&TABLE_PREVIEW, &total.get()])}
                " "
                <button type="button" class="link-button" data-testid="ranking-show-all" on:click=move |_| show_all.set(true)>
                    {move || tf("Show all {}", &[&total.get()])}
                </button>
            </p>
        </Show>
    }
}
