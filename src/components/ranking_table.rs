//! Every ranked market with its score and pillar scores; click a header to sort by it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::data_table::{CsvButton, ShowAllNote, TableData};
use beachhead_engine::ranking_table::SortColumn;

use crate::i18n::{current, data_text, market_name_in, t, tf, Lang};
use crate::state::explorer::{Explorer, TableRow};
use crate::state::navigation::{Navigation, Tab};

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
    // One effect rewrites the shown rows in place, only the text that changed: rebuilding 50 rows
    // of 14 cells on every weight change was most of a redraw (measured: about 7 of 12 ms), and
    // a reactive node per cell costs an effect each, far more at this count.
    let body = NodeRef::<leptos::html::Tbody>::new();
    let row_nodes = StoredValue::new_local(Vec::<RowNodes>::new());
    Effect::new(move |_| {
        let Some(body) = body.get() else { return };
        let open_title = t("Open this market");
        let lang = current();
        shown.with(|rows| {
            row_nodes.update_value(|nodes| show_rows(&body, nodes, rows, open_title, lang));
        });
    });
    let open_clicked_market = move |ev: leptos::ev::MouseEvent| {
        let Some(code) = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|target| target.closest("button.market-link").ok().flatten())
            .and_then(|button| button.get_attribute("data-iso3"))
        else {
            return;
        };
        explorer.selected.set(Some(code));
        if let Some(nav) = navigation {
            nav.go(Tab::Market);
        }
    };
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
                <tbody node_ref=body on:click=open_clicked_market></tbody>
            </table>
        </div>
        <ShowAllNote
            shown=TABLE_PREVIEW
            total=total
            show_all=show_all
            message=|shown, total| tf("The first {} of {} markets.", &[&shown, &total])
            testid="ranking-show-all".to_owned()
        />
    }
}

/// One shown row's nodes and the text they hold, so that only what changed crosses into the page.
struct RowNodes {
    row: web_sys::Element,
    /// Rank, market (its button), world rank, score, then a cell per pillar.
    cells: Vec<web_sys::Element>,
    texts: Vec<String>,
    titles: Vec<String>,
    iso3: String,
    in_chart: bool,
}

const FIXED_CELLS: usize = 4;

impl RowNodes {
    fn new(document: &web_sys::Document, pillars: usize) -> Option<Self> {
        let row = document.create_element("tr").ok()?;
        let mut cells = Vec::with_capacity(FIXED_CELLS + pillars);
        for i in 0..FIXED_CELLS + pillars {
            let cell = if i == 1 {
                let th = document.create_element("th").ok()?;
                th.set_attribute("scope", "row").ok()?;
                let button = document.create_element("button").ok()?;
                button.set_attribute("type", "button").ok()?;
                button.set_class_name("market-link");
                th.append_child(&button).ok()?;
                row.append_child(&th).ok()?;
                button
            } else {
                let td = document.create_element("td").ok()?;
                td.set_class_name(match i {
                    2 => "num muted",
                    3 => "num score",
                    _ => "num",
                });
                row.append_child(&td).ok()?;
                td
            };
            cells.push(cell);
        }
        Some(Self {
            row,
            texts: vec![String::new(); cells.len()],
            titles: vec![String::new(); cells.len()],
            cells,
            iso3: String::new(),
            in_chart: false,
        })
    }

    fn show(&mut self, row: &TableRow, open_title: &str, lang: Lang) {
        let rank = row.rank.to_string();
        let world_rank = row.world_rank.to_string();
        let fixed = [
            (rank.as_str(), ""),
            (market_name_in(lang, &row.iso3, &row.market), open_title),
            (world_rank.as_str(), ""),
            (row.score.as_str(), ""),
        ];
        let texts = fixed
            .into_iter()
            .chain(row.cells.iter().map(|c| (c.text.as_str(), c.note.as_str())));
        for (i, (text, title)) in texts.enumerate() {
            let Some(cell) = self.cells.get(i) else { break };
            if self.texts[i] != text {
                cell.set_text_content(Some(text));
                self.texts[i] = text.to_owned();
            }
            if self.titles[i] != title {
                let _ = cell.set_attribute("title", title);
                self.titles[i] = title.to_owned();
            }
        }
        if self.iso3 != row.iso3 {
            let _ = self.cells[1].set_attribute("data-iso3", &row.iso3);
            self.iso3.clone_from(&row.iso3);
        }
        if self.in_chart != row.in_chart {
            self.row
                .set_class_name(if row.in_chart { "in-chart" } else { "" });
            self.in_chart = row.in_chart;
        }
    }
}

/// Makes `body` show `rows`, reusing the rows already there.
fn show_rows(
    body: &web_sys::HtmlElement,
    nodes: &mut Vec<RowNodes>,
    rows: &[TableRow],
    open_title: &str,
    lang: Lang,
) {
    let pillars = rows.first().map_or(0, |r| r.cells.len());
    if nodes
        .first()
        .is_some_and(|n| n.cells.len() != FIXED_CELLS + pillars)
    {
        for stale in nodes.drain(..) {
            stale.row.remove();
        }
    }
    while nodes.len() > rows.len() {
        if let Some(extra) = nodes.pop() {
            extra.row.remove();
        }
    }
    if nodes.len() < rows.len() {
        let Some(document) = body.owner_document() else {
            return;
        };
        while nodes.len() < rows.len() {
            let Some(fresh) = RowNodes::new(&document, pillars) else {
                return;
            };
            if body.append_child(&fresh.row).is_err() {
                return;
            }
            nodes.push(fresh);
        }
    }
    for (node, row) in nodes.iter_mut().zip(rows) {
        node.show(row, open_title, lang);
    }
}
