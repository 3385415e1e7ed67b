//! The page: header, the explorer once data is in, and designed loading and error states.

use std::sync::Arc;

use beachhead_engine::economics::Assumptions;
use beachhead_engine::test_market::TestMarkets;
use beachhead_engine::{Dataset, IndexModel};
use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::browser::data_source::{self, Bundle, LoadFailure};
use crate::components::embed::{EmbedButton, EmbedCredit};
use crate::components::presentation::PresentationBar;
use crate::components::scenarios_panel::ScenariosPanel;
use crate::components::{
    illustrative_layers::IllustrativeBanner, CompareView, DataView, DemandView, FilterBar,
    GatesView, MapView, MarginView, MarketView, MemoView, OpportunityView, RankingChart,
    RankingTable, Sources, TrackerView, UncertaintyView, WeightsPanel,
};
use crate::i18n::{data_text, problem_text, t, tab_label, tf, LanguageSwitch};
use crate::state::explorer::{Explorer, CHART_MARKETS};
use crate::state::gate_board::GateBoard;
use crate::state::margins::MarginState;
use crate::state::navigation::{Navigation, Tab};
use crate::state::presentation::Presentation;
use crate::state::scenarios::Scenarios;
use crate::state::test_markets::TestMarketState;
use crate::state::uncertainty::UncertaintyState;
use crate::state::url_state::{notice_text, UrlState};
use crate::state::user_files::DataFilesState;

#[derive(Debug, Clone, PartialEq)]
enum LoadState {
    Loading,
    Ready(Arc<Bundle>),
    Failed(LoadFailure),
}

#[component]
pub fn App() -> impl IntoView {
    crate::i18n::start();
    crate::browser::offline::register_service_worker();
    let state = RwSignal::new(LoadState::Loading);
    let load = move || {
        state.set(LoadState::Loading);
        spawn_local(async move {
            state.set(match data_source::load_bundled().await {
                Ok(bundle) => LoadState::Ready(Arc::new(bundle)),
                Err(failure) => LoadState::Failed(failure),
            });
        });
    };
    load();

    view! {
        <a class="skip-link" href="#main" on:click=|ev: leptos::ev::MouseEvent| {
            // The hash holds the view: move the focus, not the URL.
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = main.focus();
            }
        }>{move || t("Skip to the content")}</a>
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <div>
                    <h1>"Beachhead"</h1>
                    <p class="tagline">{move || t("Where to launch next: market readiness from public indicators")}</p>
                </div>
            </div>
            <LanguageSwitch/>
        </header>
        <main id="main" tabindex="-1">
            {move || match state.get() {
                LoadState::Loading => view! { <Loading/> }.into_any(),
                LoadState::Failed(failure) => view! { <Failed failure retry=load/> }.into_any(),
                LoadState::Ready(bundle) => {
                    view! {
                        <Ready
                            dataset=Arc::new(bundle.dataset.clone())
                            model=bundle.model.clone()
                            assumptions=bundle.assumptions.clone()
                            test_markets=bundle.test_markets.clone()
                        />
                    }
                    .into_any()
                }
            }}
        </main>
        <footer class="bottom">
            {move || t("Data: World Bank, World Development Indicators and LPI; ITU via Our World in Data; StatCounter via caniuse (all CC BY 4.0); gaps filled from the IMF World Economic Outlook, the CIA World Factbook and UN World Population Prospects; duty from the WTO Information Technology Agreement. Every source and licence: the Data tab. Beachhead computes everything in your browser; nothing you do leaves this page.")}
        </footer>
    }
}

#[component]
fn Loading() -> impl IntoView {
    view! {
        <section class="card state-card" data-testid="loading" aria-busy="true">
            <div class="spinner" aria-hidden="true"></div>
            <p>{move || t("Loading market data…")}</p>
        </section>
    }
}

#[component]
fn Failed(failure: LoadFailure, retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let (title, details): (&str, Vec<String>) = match failure {
        LoadFailure::Unreachable(why) => (t("The market data could not be fetched"), vec![why]),
        LoadFailure::Invalid(error) => (
            t("The market data has problems"),
            error.problems.iter().map(problem_text).collect(),
        ),
    };
    view! {
        <section class="card state-card error" data-testid="load-error" role="alert">
            <h2>{title}</h2>
            <ul class="problems">
                {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
            </ul>
            <p class="hint">
                {t("Beachhead reads data/indicators.csv and data/markets.csv beside its index.html. Serve the whole dist/ folder from a web server (opening index.html as a file does not allow it to read them).")}
            </p>
            <button type="button" class="button" on:click=move |_| retry()>{t("Try again")}</button>
        </section>
    }
}

#[component]
fn Ready(
    dataset: Arc<Dataset>,
    model: IndexModel,
    assumptions: Assumptions,
    test_markets: TestMarkets,
) -> impl IntoView {
    let bundled_ids: Vec<String> = dataset.indicators().iter().map(|i| i.id.clone()).collect();
    let base = Arc::clone(&dataset);
    let in_use = RwSignal::new(dataset);
    let base_model = Arc::new(model.clone());
    let base_assumptions = Arc::new(assumptions.clone());
    let explorer = Explorer::new(in_use.into(), model, bundled_ids, assumptions);
    let tests = TestMarketState::new(test_markets);
    provide_context(crate::browser::data_source::SharedMap::new());
    let board = GateBoard::new(explorer, tests);
    let navigation = Navigation::provide();
    let links = UrlState::start(explorer, tests, board, navigation);
    let scenarios = Scenarios::load();
    let presentation = Presentation::new(navigation);
    let tab = navigation.tab;
    // Only the open view is on the page (see TabPanel): what a view must keep while another
    // is open lives here.
    let uncertainty = UncertaintyState::default();
    let margins = MarginState::default();
    let data_files = DataFilesState::default();
    // Embedded: one view, no chrome (the stylesheet puts it away).
    Effect::new(move |_| {
        let embedded = navigation.embed.get();
        if let Some(body) = document().body() {
            let _ = body.class_list().toggle_with_force("embedded", embedded);
        }
    });
    view! {
        <Show when=move || links.notices.with(|n| !n.is_empty())>
            <div class="report error link-notice" role="status" data-testid="link-notice">
                <p class="report-headline">{move || t("This link could not be followed entirely; the parts below were left at their defaults.")}</p>
                <ul class="problems">
                    {move || links.notices.with(|notices| notices.iter().map(|n| view! { <li>{notice_text(n)}</li> }).collect_view())}
                </ul>
                <button type="button" class="button secondary" on:click=move |_| links.notices.set(Vec::new())>{move || t("Dismiss")}</button>
            </div>
        </Show>
        <TabStrip explorer navigation base=Arc::clone(&base)/>
        <div class="toolbar">
            <ScenariosPanel explorer links scenarios base_model base_assumptions/>
            <EmbedButton links navigation/>
            <button type="button" class="button present" data-testid="present" title=move || t("Full screen, large type, a story stepped with the arrow keys") on:click=move |_| presentation.start()>{move || t("▶ Present")}</button>
        </div>
        <PresentationBar presentation explorer board/>
        <IllustrativeBanner explorer/>
        <TabPanel of=Tab::Ranking tab>
            <RankingView explorer/>
        </TabPanel>
        <TabPanel of=Tab::Map tab>
            <MapView explorer/>
        </TabPanel>
        <TabPanel of=Tab::Market tab>
            <MarketView explorer/>
        </TabPanel>
        <TabPanel of=Tab::Compare tab>
            <CompareView explorer/>
        </TabPanel>
        <TabPanel of=Tab::Uncertainty tab>
            <UncertaintyView explorer state=uncertainty/>
        </TabPanel>
        <TabPanel of=Tab::Margins tab>
            <MarginView explorer state=margins/>
        </TabPanel>
        <TabPanel of=Tab::Opportunity tab>
            <OpportunityView explorer/>
        </TabPanel>
        <TabPanel of=Tab::TestMarkets tab>
            <TrackerView explorer tests/>
        </TabPanel>
        <TabPanel of=Tab::Demand tab>
            <DemandView explorer/>
        </TabPanel>
        <TabPanel of=Tab::Gates tab>
            <GatesView explorer board/>
        </TabPanel>
        <TabPanel of=Tab::Memo tab>
            <MemoView explorer board tests/>
        </TabPanel>
        <TabPanel of=Tab::Data tab>
            <DataView base=Arc::clone(&base) dataset=in_use state=data_files explorer/>
        </TabPanel>
        <Show when=move || navigation.embed.get()>
            <EmbedCredit links/>
        </Show>
    }
}

/// The tabs, one per view, and the badge saying the user's own data is in use.
#[component]
fn TabStrip(explorer: Explorer, navigation: Navigation, base: Arc<Dataset>) -> impl IntoView {
    let tab = navigation.tab;
    // The tabs follow the ARIA tabs pattern: one stop for Tab, the arrow keys move between them.
    let tab_button = move |to: Tab| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                id=format!("tab-{}", to.slug())
                aria-controls=format!("panel-{}", to.slug())
                data-testid=format!("tab-{}", to.slug())
                aria-selected=move || (tab.get() == to).to_string()
                tabindex=move || if tab.get() == to { "0" } else { "-1" }
                on:click=move |_| navigation.go(to)
            >
                {move || tab_label(to)}
            </button>
        }
    };
    let on_tab_keys = move |ev: leptos::ev::KeyboardEvent| {
        let tabs: Vec<Tab> = Tab::ALL.iter().map(|&(t, _)| t).collect();
        let at = tabs
            .iter()
            .position(|&t| t == tab.get_untracked())
            .unwrap_or(0);
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (at + 1) % tabs.len(),
            "ArrowLeft" | "ArrowUp" => (at + tabs.len() - 1) % tabs.len(),
            "Home" => 0,
            "End" => tabs.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        navigation.go(tabs[to]);
        if let Some(button) = document()
            .get_element_by_id(&format!("tab-{}", tabs[to].slug()))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = button.focus();
        }
    };
    // On a phone the tabs scroll sideways: keep the open one in sight.
    Effect::new(move |_| {
        let open = tab.get();
        request_animation_frame(move || {
            let document = document();
            let (Some(nav), Some(button)) = (
                document.query_selector("nav.tabs").ok().flatten(),
                document
                    .query_selector(&format!("[data-testid=\"tab-{}\"]", open.slug()))
                    .ok()
                    .flatten(),
            ) else {
                return;
            };
            let (Ok(nav), Ok(button)) = (
                nav.dyn_into::<web_sys::HtmlElement>(),
                button.dyn_into::<web_sys::HtmlElement>(),
            ) else {
                return;
            };
            let left = button.offset_left() - nav.offset_left();
            let right = left + button.offset_width();
            if left < nav.scroll_left() || right > nav.scroll_left() + nav.client_width() {
                nav.set_scroll_left(left - 16);
            }
        });
    });
    let bundled = base;
    let using_own_data = move || explorer.dataset.with(|d| !Arc::ptr_eq(d, &bundled));

    view! {
    <nav class="tabs" role="tablist" aria-label=move || t("Views") on:keydown=on_tab_keys>
        {Tab::ALL.iter().map(|&(to, _)| tab_button(to)).collect_view()}
        <Show when=using_own_data>
            <span class="badge own-data" data-testid="own-data-badge">{move || t("using your data")}</span>
        </Show>
    </nav>
    }
}

/// A view's panel, named by its tab. Its view is built when the tab opens and dropped when it
/// closes: a view that is not shown then costs nothing when the weights or data change (with
/// every view live, one weight change at 250 markets recomputed the gate board, the demand
/// signals and the economics of every candidate). What a view keeps is held outside it.
#[component]
fn TabPanel(of: Tab, tab: RwSignal<Tab>, children: ChildrenFn) -> impl IntoView {
    view! {
        <div
            role="tabpanel"
            id=format!("panel-{}", of.slug())
            aria-labelledby=format!("tab-{}", of.slug())
            hidden=move || tab.get() != of
        >
            {move || (tab.get() == of).then(|| children())}
        </div>
    }
}

#[component]
fn RankingView(explorer: Explorer) -> impl IntoView {
    let has_ranking = Memo::new(move |_| explorer.ranking.with(|r| !r.scores.is_empty()));
    let has_candidates = Memo::new(move |_| explorer.candidates.with(|c| !c.is_empty()));
    let legend = move || {
        explorer.pillars.with(|pillars| {
            pillars
                .iter()
                .map(|c| {
                    view! {
                        <li><span class="swatch" style:background=c.color.clone()></span>{data_text(&c.label).to_owned()}</li>
                    }
                })
                .collect_view()
        })
    };
    let pillar_names = Signal::derive(move || {
        explorer.pillars.with(|p| {
            p.iter()
                .map(|c| data_text(&c.label).to_owned())
                .collect::<Vec<_>>()
        })
    });
    let ranked_count = move || explorer.candidates.with(Vec::len);
    let unranked_note = move || {
        explorer.unranked.with(|names| {
            (!names.is_empty()).then(|| {
                tf(
                    "{} markets are not ranked: their data covers too little of the weight ({}{}).",
                    &[
                        &names.len(),
                        &names.iter().take(6).cloned().collect::<Vec<_>>().join(", "),
                        &if names.len() > 6 { ", …" } else { "" },
                    ],
                )
            })
        })
    };
    let missing_note = move || {
        explorer.ranking.with(|r| {
            (!r.unknown_indicators.is_empty()).then(|| {
                tf(
                    "Not in the data in use, so not scored: {}.",
                    &[&r.unknown_indicators.join(", ")],
                )
            })
        })
    };

    view! {
        <div class="layout">
            <aside class="side">
                <WeightsPanel explorer/>
            </aside>
            <div class="content">
                <section class="card" aria-labelledby="chart-title">
                    <h2 id="chart-title">{move || tf("Top {} candidate markets by readiness", &[&CHART_MARKETS])}</h2>
                    <p class="subtitle">
                        {move || t("Score 0-100 from the Beachhead readiness model: indicators are normalised, weighted into pillars, and pillars into the score; bar segments show what each pillar adds.")}
                    </p>
                    <FilterBar explorer/>
                    <ul class="legend" aria-label=move || t("Legend")>{legend}</ul>
                    {move || missing_note().map(|n| view! { <p class="hint">{n}</p> })}
                    <Show
                        when=move || has_ranking.get()
                        fallback=|| view! {
                            <p class="notice empty" data-testid="empty-ranking">
                                {move || t("Every weight is zero, so there is nothing to rank. Move a slider above zero.")}
                            </p>
                        }
                    >
                        <Show
                            when=move || has_candidates.get()
                            fallback=|| view! {
                                <p class="notice empty" data-testid="no-candidates">
                                    {move || t("No market passes these filters. Widen the region or lower the population floor.")}
                                </p>
                            }
                        >
                            <RankingChart bars=explorer.chart_bars summary=explorer.chart_summary pillars=pillar_names/>
                        </Show>
                    </Show>
                    <p class="source-line">
                        {move || t("Source: World Bank WDI; ITU via Our World in Data (CC BY 4.0); VAT: sales-tax (MIT). Competition, community and service pillars use illustrative data.")}
                    </p>
                </section>
                <section class="card" aria-labelledby="table-title">
                    <h2 id="table-title">{move || t("All candidate markets")}</h2>
                    <p class="subtitle">
                        {move || tf("{} candidate markets ranked (filters above). Click a column heading to sort.", &[&ranked_count()])}
                    </p>
                    {move || unranked_note().map(|n| view! { <p class="hint">{n}</p> })}
                    <Show when=move || has_ranking.get()>
                        <RankingTable explorer/>
                    </Show>
                </section>
                <Sources explorer/>
            </div>
        </div>
    }
}
