//! The interface's language: English or Simplified Chinese, switched in the header and
//! remembered in the browser (or, where storage is off, for the page's life).
//!
//! The English text is the key: `t("Ranking")` gives "排名" in Chinese, and text without a
//! translation stays English rather than showing a key. Translations live in `locales/zh/`, a
//! file per area of the app (English, a tab, Chinese), fetched when Chinese is first chosen; `tf` fills `{}` in order, after translating the template. A test
//! reads every `t("…")` and `tf("…")` in the sources and fails on any without a translation.
//! The engine's messages (a problem in a file, a link notice, what a gate needs) are
//! `beachhead_engine::Phrase`s, an English template and its parameters: `phrase` words them
//! like `tf`, from `locales/zh/messages.tsv`, and a test reads every template in the engine.
//! Data stays in the language of its source (sources, serde_json's and the CSV reader's own
//! words in a message), except the names
//! the app ships with: the bundled model's pillars and indicators, the indicator catalogue's
//! names and units, the test markets' channels and vendors, the gates' units and the price
//! waterfall's steps. `data_text` shows those in the language in use (`locales/zh/data.tsv`,
//! tested against the bundled files); files, links and CSV column ids keep the English, and the
//! user's own data, not being in the table, shows as it is. Country and territory names have
//! their own table, Unicode CLDR's, by ISO3 (`market_name`, `locales/zh/countries.tsv`).
//!
//! Hand-written rather than `leptos_i18n`: that crate keys every string by an invented id and
//! generates code from JSON at build time; English-text keys keep each view readable as it is,
//! and the lookup is one hash map.

use std::collections::HashMap;
#[cfg(test)]
use std::sync::LazyLock;
use std::sync::OnceLock;

use beachhead_engine::phrase::fill;
use beachhead_engine::{Phrase, Problem};
use leptos::prelude::*;

use crate::state::navigation::Tab;

pub const STORAGE_KEY: &str = "beachhead.language";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Lang::Zh)
        } else if tag.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// The Chinese tables, by area of the app: `locales/zh/<area>.tsv`, copied beside the page
/// (and inlined in the single file) and fetched when Chinese is first chosen, so that the page's
/// wasm does not carry them (35 KB gzipped) for every reader of the English.
const ZH_AREAS: [&str; 6] = [
    "core",
    "readiness",
    "margins",
    "test_markets",
    "data",
    "messages",
];
/// ISO3, the English name as the bundled markets have it, the Chinese (Unicode CLDR's; empty
/// where CLDR has none) and its toneless pinyin. Built by `scripts/build_country_names.py`.
const ZH_COUNTRIES_URL: &str = "locales/zh/countries.tsv";

fn zh_url(area: &str) -> String {
    format!("locales/zh/{area}.tsv")
}

/// The Chinese text and country names, once loaded (kept for the page's life).
struct Chinese {
    text: HashMap<&'static str, &'static str>,
    /// By ISO3: the Chinese name and its pinyin.
    countries: HashMap<&'static str, (&'static str, &'static str)>,
}

impl Chinese {
    fn parse(tables: &[&'static str], countries: &'static str) -> Self {
        Self {
            text: tables
                .iter()
                .flat_map(|text| text.lines())
                .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
                .filter_map(|line| line.split_once('\t'))
                .collect(),
            countries: country_rows_in(countries)
                .filter(|row| !row.chinese.is_empty())
                .map(|row| (row.iso3, (row.chinese, row.pinyin)))
                .collect(),
        }
    }
}

static CHINESE: OnceLock<Chinese> = OnceLock::new();

/// The Chinese tables if loaded; until then Chinese shows as English. Native tests read them
/// from the repository.
fn chinese() -> Option<&'static Chinese> {
    #[cfg(test)]
    return Some(CHINESE.get_or_init(|| {
        let tables: Vec<&'static str> = ZH_TABLES.iter().map(|(_, text)| *text).collect();
        Chinese::parse(&tables, COUNTRIES)
    }));
    #[cfg(not(test))]
    CHINESE.get()
}

/// Fetches the Chinese tables unless they are loaded.
async fn load_chinese() -> Result<(), String> {
    if chinese().is_some() {
        return Ok(());
    }
    let fetch = |url: String| async move {
        crate::browser::data_source::fetch_text(&url)
            .await
            .map_err(|e| format!("{url}: {e:?}"))
    };
    let (core, readiness, margins, test_markets, data, messages, countries) = futures::try_join!(
        fetch(zh_url(ZH_AREAS[0])),
        fetch(zh_url(ZH_AREAS[1])),
        fetch(zh_url(ZH_AREAS[2])),
        fetch(zh_url(ZH_AREAS[3])),
        fetch(zh_url(ZH_AREAS[4])),
        fetch(zh_url(ZH_AREAS[5])),
        fetch(ZH_COUNTRIES_URL.to_owned()),
    )?;
    // Kept for the page's life, as the lookups hand out &'static str.
    let keep = |text: String| -> &'static str { Box::leak(text.into_boxed_str()) };
    let tables = [core, readiness, margins, test_markets, data, messages].map(keep);
    let _ = CHINESE.set(Chinese::parse(&tables, keep(countries)));
    Ok(())
}

/// The tables as the native tests read them, by area.
#[cfg(test)]
const ZH_TABLES: [(&str, &str); 6] = [
    ("core", include_str!("../locales/zh/core.tsv")),
    ("readiness", include_str!("../locales/zh/readiness.tsv")),
    ("margins", include_str!("../locales/zh/margins.tsv")),
    (
        "test_markets",
        include_str!("../locales/zh/test_markets.tsv"),
    ),
    ("data", include_str!("../locales/zh/data.tsv")),
    ("messages", include_str!("../locales/zh/messages.tsv")),
];
#[cfg(test)]
const COUNTRIES: &str = include_str!("../locales/zh/countries.tsv");
#[cfg(test)]
static ZH: LazyLock<&'static HashMap<&'static str, &'static str>> =
    LazyLock::new(|| &chinese().expect("read from the repository").text);
#[cfg(test)]
static ZH_COUNTRIES: LazyLock<&'static HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| &chinese().expect("read from the repository").countries);
#[cfg(test)]
fn country_rows() -> impl Iterator<Item = CountryRow> {
    country_rows_in(COUNTRIES)
}

struct CountryRow {
    iso3: &'static str,
    /// Read only by the test that holds the table to markets.csv.
    #[cfg_attr(not(test), allow(dead_code))]
    english: &'static str,
    chinese: &'static str,
    pinyin: &'static str,
}

fn country_rows_in(text: &'static str) -> impl Iterator<Item = CountryRow> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut cells = line.split('\t');
            Some(CountryRow {
                iso3: cells.next()?,
                english: cells.next()?,
                chinese: cells.next().unwrap_or(""),
                pinyin: cells.next().unwrap_or(""),
            })
        })
}

thread_local! {
    static LANGUAGE: ArcRwSignal<Lang> = ArcRwSignal::new(Lang::En);
}

fn language() -> ArcRwSignal<Lang> {
    LANGUAGE.with(Clone::clone)
}

/// The language in use; reading it inside a reactive closure re-renders on a switch.
pub fn current() -> Lang {
    language().get()
}

/// Switches the interface (once its tables are loaded) and remembers the choice where the
/// browser allows.
pub fn set(lang: Lang) {
    if let Some(store) = storage() {
        // Full or refused storage: the choice lasts for the page, which is all it can do.
        let _ = store.set_item(STORAGE_KEY, lang.tag());
    }
    switch_to(lang);
}

/// Uses `lang` at once, or for Chinese once its tables are fetched (a few milliseconds: they
/// are the app's own files). Where they cannot be fetched the interface stays as it is.
fn switch_to(lang: Lang) {
    if lang == Lang::En || chinese().is_some() {
        apply(lang);
        return;
    }
    leptos::task::spawn_local(async move {
        match load_chinese().await {
            Ok(()) => apply(lang),
            Err(why) => web_sys::console::warn_2(
                &"The Chinese interface text could not be loaded:".into(),
                &why.into(),
            ),
        }
    });
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered language, else the browser's, else English.
pub fn start() {
    let remembered = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag));
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|tag| Lang::from_tag(&tag));
    switch_to(remembered.or(browser).unwrap_or(Lang::En));
}

/// Uses `lang` for the interface and tells the page (`<html lang>`, for screen readers and fonts).
fn apply(lang: Lang) {
    language().set(lang);
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// `english` in the language in use.
pub fn t(english: &'static str) -> &'static str {
    translate(current(), english)
}

pub fn translate(lang: Lang, english: &'static str) -> &'static str {
    data_text_in(lang, english)
}

/// A name from the data in the language in use: the bundled files' names (pillars, indicators,
/// units, channels, vendors, waterfall steps) have a translation; anything else, such as the
/// user's own data, stays as it is. Reads the language, so a reactive caller follows a switch.
pub fn data_text(text: &str) -> &str {
    data_text_in(current(), text)
}

/// A data table's name (its label, which also names its CSV file) in the language in use.
pub fn table_label(label: &'static str) -> &'static str {
    t(label)
}

pub fn data_text_in(lang: Lang, text: &str) -> &str {
    match lang {
        Lang::En => text,
        Lang::Zh => chinese()
            .and_then(|zh| zh.text.get(text).copied())
            .unwrap_or(text),
    }
}

/// A market's name in the language in use: in Chinese, CLDR's name for its ISO3 code, which also
/// names the user's own file's markets by their code; `name`, the dataset's, in English and for a
/// code the table lacks. Reads the language, so a reactive caller follows a switch.
pub fn market_name<'a>(iso3: &str, name: &'a str) -> &'a str {
    market_name_in(current(), iso3, name)
}

pub fn market_name_in<'a>(lang: Lang, iso3: &str, name: &'a str) -> &'a str {
    match lang {
        Lang::En => name,
        Lang::Zh => chinese()
            .and_then(|zh| zh.countries.get(iso3))
            .map_or(name, |(chinese, _)| chinese),
    }
}

/// What a market's name sorts by in `lang`: the name itself, or in Chinese its pinyin, the
/// order a Chinese reader looks a name up in (Unicode's order of the characters is not one).
pub fn market_sort_key_in<'a>(lang: Lang, iso3: &str, name: &'a str) -> &'a str {
    match lang {
        Lang::En => name,
        Lang::Zh => chinese()
            .and_then(|zh| zh.countries.get(iso3))
            .map_or(name, |(_, pinyin)| pinyin),
    }
}

/// Orders a picker's (ISO3, shown name) pairs as `lang` reads names ([`market_sort_key_in`]),
/// then by code, so that two markets of one name keep a fixed order.
pub fn by_shown_name(
    lang: Lang,
) -> impl Fn(&(String, String), &(String, String)) -> std::cmp::Ordering {
    move |a, b| {
        let key =
            |(iso3, name): &(String, String)| market_sort_key_in(lang, iso3, name).to_lowercase();
        key(a).cmp(&key(b)).then_with(|| a.0.cmp(&b.0))
    }
}

/// `template` translated, each `{}` filled in order with `args`.
pub fn tf(template: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    fill(t(template), args)
}

/// One of the engine's messages in the language in use; reads the language, so a reactive
/// caller follows a switch.
pub fn phrase(phrase: &Phrase) -> String {
    phrase_in(current(), phrase)
}

pub fn phrase_in(lang: Lang, phrase: &Phrase) -> String {
    phrase.word(&|text| data_text_in(lang, text))
}

/// A problem in a file, whole (`markets.csv, row 3, column "gdp": found …; expected …`), in
/// the language in use.
pub fn problem_text(problem: &Problem) -> String {
    phrase(&problem.phrase())
}

/// A view's name on its tab.
pub fn tab_label(tab: Tab) -> &'static str {
    let english = Tab::ALL
        .iter()
        .find(|(t, _)| *t == tab)
        .map_or("", |(_, label)| *label);
    t(english)
}

/// The header's language switch.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    view! {
        <label class="language">
            <span class="visually-hidden">"Language / 语言"</span>
            <select data-testid="language" on:change=move |ev| {
                if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                    set(lang);
                }
            }>
                {Lang::ALL.iter().map(|&lang| view! {
                    <option value=lang.tag() lang=lang.tag() selected=move || current() == lang>{lang.own_name()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The templates of the engine's messages: the literal first argument of every
    /// `phrase!(` in its sources, outside their unit tests.
    fn engine_templates() -> Vec<(String, String)> {
        let mut found = Vec::new();
        for (path, source) in crate::rust_sources("crates/engine/src") {
            let source = source.split("#[cfg(test)]").next().unwrap_or_default();
            for template in literals_after(source, "phrase!(") {
                found.push((path.display().to_string(), template));
            }
        }
        found
    }

    /// Every template of the engine's messages has its Chinese, with as many `{}`. Templates
    /// without a letter ("{}%", "{}, {}") read the same untranslated.
    #[test]
    fn every_engine_phrase_is_translated() {
        use beachhead_engine::economics::{AssumptionField, Assumptions};
        use beachhead_engine::gates::Metric;

        let mut templates = engine_templates();
        assert!(
            templates.len() > 150,
            "only {} templates found",
            templates.len()
        );
        // Templates the engine keeps in constants rather than at a `phrase!`.
        let assumptions = Assumptions::from_json(
            "assumptions.json",
            include_str!("../public/data/economics/assumptions.json"),
        )
        .unwrap_or_else(|e| panic!("the bundled assumptions: {e}"));
        templates.extend(
            AssumptionField::for_market(&assumptions.defaults, "HKD")
                .into_iter()
                .map(|f| ("field metadata".to_owned(), f.meta().expected.to_owned())),
        );
        templates.extend(Metric::ALL.map(|m| ("gate metric".to_owned(), m.label().to_owned())));
        let mut missing: Vec<String> = templates
            .iter()
            .filter(|(_, en)| en.chars().any(char::is_alphabetic))
            .filter_map(|(file, en)| match ZH.get(en.as_str()) {
                None => Some(format!("{file}: {en}")),
                Some(zh) if zh.matches("{}").count() != en.matches("{}").count() => {
                    Some(format!("{file}: {en} (the placeholders differ)"))
                }
                Some(_) => None,
            })
            .collect();
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "{} engine templates have no Chinese in locales/zh/messages.tsv:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    /// The three cases, in the Chinese interface: a validation error, a broken-link
    /// notice and what a failing gate would take.
    #[test]
    fn engine_messages_are_worded_in_chinese() {
        use beachhead_engine::gates::{check, describe_gap, Evidence, Gate, Metric};
        use beachhead_engine::link_resolution::LinkNotice;
        use beachhead_engine::view_state::ViewState;

        let error = beachhead_engine::Dataset::from_csv(
            "indicators.csv",
            include_str!("../public/data/indicators.csv"),
            "markets.csv",
            "iso3,name,region,internet_pct\nHKG,Hong Kong,Asia,lots\n",
        )
        .err()
        .unwrap_or_else(|| panic!("a word where a number goes is refused"));
        let problem = error
            .problems
            .iter()
            .find(|p| p.column.as_deref() == Some("internet_pct"))
            .unwrap_or_else(|| panic!("no problem with the cell: {error}"));
        assert_eq!(
            problem.to_string(),
            "markets.csv, row 2, column \"internet_pct\": found \"lots\"; expected a number in % of population, or an empty cell for a missing value"
        );
        assert_eq!(
            phrase_in(Lang::Zh, &problem.phrase()),
            "markets.csv，第 2 行，“internet_pct”列：当前为“lots”；应为以占人口百分比为单位的数字，缺失值可留空"
        );

        let (_, decoded) = ViewState::decode("ranking?zz=1");
        let notice = LinkNotice::Unreadable(
            decoded
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("a notice")),
        );
        assert_eq!(
            phrase_in(Lang::Zh, &notice.phrase()),
            "此版本的 Beachhead 不读取链接中的“zz”；已将其略去。"
        );
        assert_eq!(
            phrase_in(Lang::Zh, &LinkNotice::UnknownMarket("ZZZ".into()).phrase()),
            "链接中的市场“ZZZ”不在数据中；现显示排名第一的候选市场。"
        );

        let gate = Gate {
            metric: Metric::ReadinessScore,
            threshold: 55.0,
        };
        let evidence = Evidence {
            readiness_score: Some(50.8),
            ..Evidence::default()
        };
        let gap =
            describe_gap(&check(gate, &evidence)).unwrap_or_else(|| panic!("50.8 is short of 55"));
        assert_eq!(gap.english(), "needs 4.2 points more");
        assert_eq!(phrase_in(Lang::Zh, &gap), "还差 4.2 分");
        assert_eq!(phrase_in(Lang::En, &gap), "needs 4.2 points more");
    }

    #[test]
    fn untranslated_text_stays_english() {
        assert_eq!(
            translate(Lang::Zh, "no such text, surely"),
            "no such text, surely"
        );
        assert_eq!(translate(Lang::En, "Ranking"), "Ranking");
        assert_ne!(translate(Lang::Zh, "Ranking"), "Ranking");
    }

    #[test]
    fn the_tables_have_no_duplicate_or_empty_entries_and_keep_placeholders() {
        let mut seen = std::collections::HashMap::new();
        for (area, text) in ZH_TABLES {
            for (number, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let place = format!("locales/zh/{area}.tsv line {}", number + 1);
                let (en, zh) = line
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{place}: no tab"));
                assert!(!zh.trim().is_empty(), "{place}: empty translation");
                assert!(!zh.contains('\t'), "{place}: more than one tab");
                if let Some(first) = seen.insert(en, place.clone()) {
                    panic!("{place}: \"{en}\" is already in {first}");
                }
                assert_eq!(
                    en.matches("{}").count(),
                    zh.matches("{}").count(),
                    "{place}: the placeholders of \"{en}\" differ"
                );
            }
        }
    }

    #[test]
    fn data_text_translates_the_bundled_names_and_leaves_the_rest() {
        assert_eq!(
            data_text_in(Lang::En, "Digital adoption"),
            "Digital adoption"
        );
        assert_eq!(data_text_in(Lang::Zh, "Digital adoption"), "数字化普及");
        // A name in an interface table rather than data.tsv is found all the same.
        assert_eq!(
            data_text_in(Lang::Zh, "Demand"),
            translate(Lang::Zh, "Demand")
        );
        assert_eq!(data_text_in(Lang::Zh, "My own pillar"), "My own pillar");
    }

    #[test]
    fn chinese_names_sort_by_pinyin() {
        let mut names: Vec<(String, String)> = ["DEU", "USA", "AUS", "JPN", "HKG"]
            .iter()
            .map(|&iso3| {
                (
                    iso3.to_owned(),
                    market_name_in(Lang::Zh, iso3, iso3).to_owned(),
                )
            })
            .collect();
        names.sort_by(by_shown_name(Lang::Zh));
        let order: Vec<&str> = names.iter().map(|(_, name)| name.as_str()).collect();
        // ao, de, mei, ri, xiang: pinyin order, where Unicode's would be 德 日 澳 美 香.
        assert_eq!(order, ["澳大利亚", "德国", "美国", "日本", "香港"]);
        assert_eq!(
            market_sort_key_in(Lang::Zh, "HKG", "Hong Kong"),
            "xiang gang"
        );
        assert_eq!(
            market_sort_key_in(Lang::En, "HKG", "Hong Kong"),
            "Hong Kong"
        );
        assert_eq!(
            market_sort_key_in(Lang::Zh, "ZZZ", "My market"),
            "My market"
        );
    }

    #[test]
    fn market_names_are_chinese_by_code_in_chinese_only() {
        assert_eq!(market_name_in(Lang::Zh, "HKG", "Hong Kong"), "香港");
        assert_eq!(market_name_in(Lang::Zh, "DEU", "Deutschland"), "德国");
        assert_eq!(market_name_in(Lang::En, "HKG", "Hong Kong"), "Hong Kong");
        assert_eq!(market_name_in(Lang::Zh, "ZZZ", "My market"), "My market");
    }

    /// Every bundled market has its row in countries.tsv, under the name markets.csv gives it
    /// (so a rebuilt bundle without a rebuilt table fails here), and a Chinese name unless the
    /// file's header lists it among CLDR's gaps.
    #[test]
    fn every_bundled_market_has_a_chinese_name_or_is_a_listed_fallback() {
        let dataset = beachhead_engine::Dataset::from_csv(
            "indicators.csv",
            include_str!("../public/data/indicators.csv"),
            "markets.csv",
            include_str!("../public/data/markets.csv"),
        )
        .unwrap_or_else(|e| panic!("the bundled dataset: {e:?}"));
        let listed = COUNTRIES
            .lines()
            .find_map(|line| line.strip_prefix("# No CLDR name, shown in English: "))
            .unwrap_or_else(|| panic!("countries.tsv lists no fallbacks, not even none"));
        let fallbacks: Vec<&str> = if listed == "none" {
            Vec::new()
        } else {
            listed
                .split(", ")
                .filter_map(|f| f.split(' ').next())
                .collect()
        };
        let rows: HashMap<&str, (&str, &str)> = country_rows()
            .map(|row| (row.iso3, (row.english, row.chinese)))
            .collect();
        let mut wrong = Vec::new();
        for m in dataset.markets() {
            match rows.get(m.iso3.as_str()) {
                None => wrong.push(format!("{} {}: no row", m.iso3, m.name)),
                Some((en, _)) if *en != m.name => {
                    wrong.push(format!("{} {}: the table has it as {en}", m.iso3, m.name));
                }
                Some((_, "")) if !fallbacks.contains(&m.iso3.as_str()) => {
                    wrong.push(format!("{} {}: no Chinese, not listed", m.iso3, m.name));
                }
                Some((_, zh)) if !zh.is_empty() && fallbacks.contains(&m.iso3.as_str()) => {
                    wrong.push(format!("{} {}: listed, yet named {zh}", m.iso3, m.name));
                }
                Some(_) => {}
            }
        }
        assert!(
            wrong.is_empty(),
            "locales/zh/countries.tsv is out of step with public/data/markets.csv \
             (python3 scripts/build_country_names.py):\n{}",
            wrong.join("\n")
        );
        assert_eq!(
            ZH_COUNTRIES.len() + fallbacks.len(),
            dataset.markets().len()
        );
    }

    /// Every name the bundled files, the engine's channels, vendors and gate units, and the
    /// price waterfall show has its Chinese in `locales/zh/` (data.tsv, or the interface table
    /// that has it already).
    #[test]
    fn every_bundled_name_is_translated() {
        use beachhead_engine::economics::{margin_tornado, Assumptions, Inputs};
        use beachhead_engine::gates::Metric;
        use beachhead_engine::tracker::{CHANNELS, VENDOR_LABELS};
        use beachhead_engine::{Dataset, IndexModel};

        let dataset = Dataset::from_csv(
            "indicators.csv",
            include_str!("../public/data/indicators.csv"),
            "markets.csv",
            include_str!("../public/data/markets.csv"),
        )
        .unwrap_or_else(|e| panic!("the bundled dataset: {e:?}"));
        let model = IndexModel::from_json(
            "beachhead-readiness.json",
            include_str!("../public/data/models/beachhead-readiness.json"),
        )
        .unwrap_or_else(|e| panic!("the bundled model: {e:?}"));
        let assumptions = Assumptions::from_json(
            "assumptions.json",
            include_str!("../public/data/economics/assumptions.json"),
        )
        .unwrap_or_else(|e| panic!("the bundled assumptions: {e:?}"));

        let mut names: Vec<(&str, String)> = Vec::new();
        model.root.visit(&mut |node| {
            names.push(("model label", node.display_label().to_owned()));
            names.push(("model rationale", node.rationale.clone()));
        });
        for indicator in dataset.indicators() {
            names.push(("indicator label", indicator.label.clone()));
            names.push(("indicator unit", indicator.unit.clone()));
            names.push(("indicator pillar", indicator.pillar.clone()));
        }
        names.extend(
            assumptions
                .products
                .iter()
                .map(|p| ("product", p.name.clone())),
        );
        let mut codes: Vec<String> = assumptions.markets.keys().cloned().collect();
        codes.push(String::new());
        for code in &codes {
            let market = assumptions
                .for_market(code)
                .unwrap_or_else(|e| panic!("assumptions for {code:?}: {e}"));
            names.extend(
                market
                    .channels
                    .iter()
                    .map(|c| ("assumed channel", c.name.clone())),
            );
        }
        names.extend(CHANNELS.map(|c| ("test-market channel", c.to_owned())));
        names.extend(VENDOR_LABELS.map(|v| ("vendor", v.to_owned())));
        names.extend(Metric::ALL.map(|m| ("gate unit", m.unit().to_owned())));
        let market = dataset
            .market_index("HKG")
            .unwrap_or_else(|| panic!("Hong Kong is in the bundled markets"));
        let inputs = Inputs::resolve(&assumptions, &dataset, market, 0)
            .unwrap_or_else(|e| panic!("Hong Kong's economics: {e}"));
        names.extend(
            inputs
                .economics()
                .waterfall()
                .iter()
                .map(|s| ("waterfall step", s.label.to_owned())),
        );
        names.extend(
            margin_tornado(&inputs, 0.1)
                .iter()
                .map(|s| ("margin input", s.input.to_owned())),
        );
        assert!(names.len() > 100, "only {} names read", names.len());

        // Symbols and numbers ("%") read the same in both languages.
        let mut missing: Vec<String> = names
            .iter()
            .filter(|(_, name)| name.chars().any(|c| c.is_ascii_alphabetic()))
            .filter(|(_, name)| !ZH.contains_key(name.as_str()))
            .map(|(kind, name)| format!("{kind}: {name}"))
            .collect();
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "{} bundled names have no Chinese in locales/zh/data.tsv:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    /// Every string the sources pass to `t` or `tf` has a translation.
    #[test]
    fn every_interface_text_is_translated() {
        let mut missing = Vec::new();
        for (path, source) in crate::rust_sources("src") {
            // This file quotes the calls in its documentation.
            if path.ends_with("i18n.rs") {
                continue;
            }
            for english in literals_passed_to_t(&source)
                .into_iter()
                .chain(table_labels(&source))
            {
                if !ZH.contains_key(english.as_str()) {
                    missing.push(format!("{}: {english}", path.display()));
                }
            }
        }
        // The words the charts draw inside their canvas, which the app hands them as `Words`.
        let mut chart_words = 0;
        for (path, source) in crate::rust_sources("crates/charts/src") {
            for english in literals_after(&source, "words(") {
                chart_words += 1;
                if !ZH.contains_key(english.as_str()) {
                    missing.push(format!("{}: {english}", path.display()));
                }
            }
        }
        assert!(chart_words >= 10, "only {chart_words} chart words found");
        assert!(
            missing.is_empty(),
            "{} texts have no Chinese in locales/zh/:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    /// The names data tables show (`<DataTable label="…"`, and the tracker's charts, which
    /// pass a table's label just before its `…-table` test id).
    fn table_labels(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (at, _) in source.match_indices("<DataTable label=\"") {
            let rest = &source[at + "<DataTable label=\"".len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_owned());
            }
        }
        for (at, _) in source.match_indices("-table\")") {
            let before = &source[..at];
            // …, "weekly sales", "sales-table")
            let Some(id_start) = before.rfind('"') else {
                continue;
            };
            let head = before[..id_start]
                .trim_end()
                .trim_end_matches(',')
                .trim_end();
            if let Some(label) = head.strip_suffix('"') {
                if let Some(open) = label.rfind('"') {
                    found.push(label[open + 1..].to_owned());
                }
            }
        }
        found
    }

    fn literals_passed_to_t(source: &str) -> Vec<String> {
        let mut found = literals_after(source, "t(");
        found.extend(literals_after(source, "tf("));
        found
    }

    /// The string literals that open the calls `opener` begins.
    fn literals_after(source: &str, opener: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = source;
        while let Some(at) = rest.find(opener) {
            let before = rest[..at].chars().last();
            rest = &rest[at + opener.len()..];
            // `t(` ending `format!(`, `set(` or `split(` is not a call of ours.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // rustfmt puts a long literal on the next line: `tf(\n    "…",`.
            let Some(literal) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            found.push(string_literal(literal));
        }
        found
    }

    /// The text of a string literal whose opening quote is just before `rest`.
    fn string_literal(rest: &str) -> String {
        let mut literal = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => literal.push('\n'),
                    // A line continuation: the break and the next line's indent are not text.
                    Some('\n') => {
                        let after = chars.as_str().trim_start();
                        chars = after.chars();
                    }
                    Some(other) => literal.push(other),
                    None => break,
                },
                _ => literal.push(c),
            }
        }
        literal
    }

    /// `format!` literals with words in them: text a reader sees that `t`/`tf` never saw.
    /// Identifiers, class names, test ids and file names (no words outside placeholders but
    /// ones joined by `-`, `.`, `_` or `/`) are not interface text.
    fn worded_format_literals(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = source;
        while let Some(at) = rest.find("format!(") {
            rest = &rest[at + "format!(".len()..];
            let Some(literal) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            let literal = string_literal(literal);
            // Markup the Embed button gives to paste into another page, and headings of CSVs
            // that keep the English (README, Languages) are not interface text.
            if literal.starts_with('<') || ENGLISH_BY_DESIGN.contains(&literal.as_str()) {
                continue;
            }
            let mut outside = String::new();
            let mut depth = 0;
            for c in literal.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ if depth == 0 => outside.push(c),
                    _ => {}
                }
            }
            let words = outside
                .split(|c: char| !c.is_alphabetic() && c != '-' && c != '_' && c != '.' && c != '/')
                .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                // Codes and units ("US$", "ISO3") read the same in both languages.
                .filter(|w| w.chars().any(char::is_lowercase))
                // The product's name is the same in every language.
                .filter(|w| *w != "Beachhead")
                .count();
            // One word joined to a placeholder is an id ("tab-{}"); spaced from one, it is
            // read ("{} copy"), unless it is a class list ("badge {}").
            if words >= 2
                || (words == 1
                    && outside.contains(' ')
                    && !CSS_CLASSES.iter().any(|c| literal.starts_with(c)))
            {
                found.push(literal);
            }
        }
        found
    }

    /// The rank-probabilities CSV's heading, English like the CSV's other headings.
    const ENGLISH_BY_DESIGN: [&str; 1] = ["P(top {}) %"];

    /// Class names the views build with `format!("badge {}", …)`.
    const CSS_CLASSES: [&str; 2] = ["badge ", "result "];

    #[test]
    fn interface_text_is_not_built_with_format() {
        let mut worded = Vec::new();
        for dir in ["src/components", "src/state"] {
            for (path, source) in crate::rust_sources(dir) {
                for literal in worded_format_literals(&source) {
                    worded.push(format!("{}: format!(\"{literal}\")", path.display()));
                }
            }
        }
        assert!(
            worded.is_empty(),
            "text built with format! bypasses the translation; use tf:\n{}",
            worded.join("\n")
        );
    }

    #[test]
    fn the_checks_find_calls_split_over_lines_and_worded_format() {
        let source = "let a = tf(\n        \"Top {} of {}\",\n        &[&1]);\nlet b = t(\"One\");\nlet p = phrase!(\n    \"a \\\"{}\\\" file\",\n    name);\nlet c = format!(\"{n} markets left\");\nlet d = format!(\"tab-{id}\");\nlet e = format!(\"badge {}\", x);\nlet f = format!(\"{} copy\", n);";
        assert_eq!(literals_passed_to_t(source), ["One", "Top {} of {}"]);
        assert_eq!(literals_after(source, "phrase!("), ["a \"{}\" file"]);
        assert_eq!(
            worded_format_literals(source),
            ["{n} markets left", "{} copy"]
        );
    }
}
