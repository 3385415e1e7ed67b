#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a panic is a failed test, with its place

use beachhead_engine::MarketIndex;
use beachhead_engine::{Dataset, Direction, IndexModel};

const DICTIONARY: &str = "id,label,unit,direction,source,licence\n\
    pop,Population,people,higher,WB,CC BY 4.0\n\
    rank,Doing business,rank,lower,WB,CC BY 4.0\n";

fn load(values: &str) -> Result<Dataset, beachhead_engine::LoadError> {
    Dataset::from_csv("indicators.csv", DICTIONARY, "markets.csv", values)
}

#[test]
fn loads_values_with_years_and_keeps_missing_values_missing() {
    let data = load(
        "\u{feff}iso3,iso2,name,pop,pop_year,rank,rank_year\n\
         IND,IN,India,1450935791,2024,100.0,2017.0\n\
         ABW,AW,Aruba,107995,2024,,\n",
    )
    .expect("valid");
    assert_eq!(data.markets().len(), 2);
    assert_eq!(data.indicators()[1].direction, Direction::LowerIsBetter);
    let pop = data.observation(MarketIndex(0), 0).expect("present");
    assert_eq!((pop.value, pop.year), (1_450_935_791.0, Some(2024)));
    assert_eq!(
        data.observation(MarketIndex(0), 1).and_then(|o| o.year),
        Some(2017)
    );
    assert_eq!(data.observation(MarketIndex(1), 1), None);
}

#[test]
fn every_problem_is_located_by_file_row_and_column() {
    let err = load(
        "iso3,iso2,name,pop,pop_year,rank\n\
         IND,IN,India,lots,2024,1\n\
         IND,IN,India again,5,2024,1\n\
         XX,XX,Nowhere,5,2024,1\n\
         FRA,FR,France,NaN,2024,1\n\
         DEU,DE,Germany,5,soon,1\n",
    )
    .expect_err("invalid");
    let messages: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "markets.csv, row 2, column \"pop\": found \"lots\"; expected a number in people, or an empty cell for a missing value",
            "markets.csv, row 3, column \"iso3\": found \"IND\" again (first on row 2); expected each market once",
            "markets.csv, row 4, column \"iso3\": found \"XX\"; expected a three-letter ISO 3166-1 alpha-3 code",
            "markets.csv, row 5, column \"pop\": found \"NaN\"; expected a finite number in people, or an empty cell for a missing value",
            "markets.csv, row 6, column \"pop_year\": found \"soon\"; expected a year such as 2023, or an empty cell",
        ]
    );
}

#[test]
fn duplicate_missing_and_unknown_columns_are_reported() {
    let duplicate = load("iso3,name,pop,pop\nIND,India,1,2\n").expect_err("duplicate");
    assert_eq!(
        duplicate.problems[0].to_string(),
        "markets.csv, row 1, column \"pop\": found a second column with this name; expected each column name once"
    );
    let no_code = load("name,pop\nIndia,1\n").expect_err("no iso3");
    assert_eq!(
        no_code.problems[0].to_string(),
        "markets.csv, row 1, column \"iso3\": found no such column; expected a column named \"iso3\" with each market's ISO 3166-1 alpha-3 code"
    );
    let unknown = load("iso3,pop,gdp\nIND,1,2\n").expect_err("unknown");
    assert_eq!(
        unknown.problems[0].to_string(),
        "markets.csv, row 1, column \"gdp\": found an unknown indicator; expected an indicator id from the dictionary (add it to an indicator dictionary file to bring a new one)"
    );
}

#[test]
fn ragged_rows_empty_files_and_bad_directions_are_reported() {
    let ragged = load("iso3,iso2,name,pop,rank\nIND,IN,India,1\n").expect_err("ragged");
    assert_eq!(
        ragged.problems[0].to_string(),
        "markets.csv, row 2: found 4 fields; expected 5 fields, one per header column (is a quote left open, or a delimiter inside an unquoted value?)"
    );
    let empty = load("  \n").expect_err("empty");
    assert_eq!(
        empty.problems[0].to_string(),
        "markets.csv: found an empty file; expected a header row and at least one data row"
    );
    let header_only = load("iso3,iso2,name,pop,rank\n").expect_err("header only");
    assert_eq!(
        header_only.problems[0].to_string(),
        "markets.csv: found a header row only; expected at least one data row"
    );
    let bad_direction = Dataset::from_csv(
        "indicators.csv",
        "id,label,unit,direction,source,licence\npop,P,people,up,WB,CC\n",
        "markets.csv",
        "iso3,iso2,name,pop\nIND,IN,India,1\n",
    )
    .expect_err("direction");
    assert_eq!(
        bad_direction.problems[0].to_string(),
        "indicators.csv, row 2, column \"direction\": found \"up\"; expected \"higher\" or \"lower\" (which way is better)"
    );
}

#[test]
fn the_bundled_dataset_loads_and_ranks_well_over_a_hundred_markets() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect("bundled file");
    let data = Dataset::from_csv(
        "indicators.csv",
        &read("indicators.csv"),
        "markets.csv",
        &read("markets.csv"),
    )
    .expect("bundled data is valid");
    assert!(data.markets().len() >= 200, "{}", data.markets().len());
    let model = IndexModel::from_json(
        "beachhead-readiness.json",
        &read("models/beachhead-readiness.json"),
    )
    .expect("shipped model is valid");
    let ranking = beachhead_engine::readiness::score(&data, &model);
    assert!(ranking.unknown_indicators.is_empty());
    assert!(ranking.scores.len() >= 150, "{}", ranking.scores.len());
    // The scale is anchored: someone is best and someone is worst on each criterion, so a
    // full-coverage leader is high and the tail is low.
    assert!(
        ranking.scores[0].score > 70.0,
        "{}",
        ranking.scores[0].score
    );
    assert!(ranking.scores.last().map_or(100.0, |s| s.score) < 35.0);
}

#[test]
fn filters_pick_candidates_by_region_language_population_and_entry() {
    use beachhead_engine::market_filter::{regions, MarketFilter};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect("bundled file");
    let data = Dataset::from_csv(
        "indicators.csv",
        &read("indicators.csv"),
        "markets.csv",
        &read("markets.csv"),
    )
    .expect("valid");
    let index = |code: &str| data.market_index(code).expect(code);
    assert_eq!(
        regions(&data),
        ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    );

    let (entered, unknown) = MarketFilter::parse_entered(&data, "China; HK, Narnia");
    assert_eq!(entered, ["CHN", "HKG"]);
    assert_eq!(unknown, ["Narnia"]);
    let filter = MarketFilter {
        region: Some("Asia".into()),
        english_official_only: true,
        min_population_m: 10.0,
        entered,
    };
    // (market, passes): India is Asian, English-official and large; China is entered; Japan's
    // official language is not English; Singapore is too small; Nigeria is not in Asia.
    for (code, passes) in [
        ("IND", true),
        ("CHN", false),
        ("JPN", false),
        ("SGP", false),
        ("NGA", false),
        ("PHL", true),
    ] {
        assert_eq!(filter.matches(&data, index(code)), passes, "{code}");
    }
    assert!(MarketFilter::default().matches(&data, index("TWN")));
}

#[test]
fn the_default_population_floor_keeps_hong_kong_and_taiwan_and_drops_micro_territories() {
    use beachhead_engine::market_filter::{MarketFilter, DEFAULT_MIN_POPULATION_M};
    let data = bundled_with_sources();
    let index = |code: &str| data.market_index(code).expect(code);
    assert_eq!(DEFAULT_MIN_POPULATION_M, 1.0);
    let floor = MarketFilter::default();
    for code in ["HKG", "TWN", "EST", "BHR", "XKX", "IND"] {
        assert!(floor.matches(&data, index(code)), "{code} is kept");
    }
    // Bermuda's mobile web use is 99.5% iOS; Cocos Islands has 593 people; Macao 0.7 million;
    // Pitcairn has no population figure at all, so it cannot pass a floor.
    for code in ["BMU", "CCK", "VAT", "MAC", "LUX", "PCN"] {
        assert!(!floor.matches(&data, index(code)), "{code} is left out");
    }
    // Lowered to 0, every market is a candidate again.
    let all = MarketFilter::all();
    assert_eq!(all.min_population_m, 0.0);
    assert!(data.market_indices().all(|m| all.matches(&data, m)));
}

fn bundled_with_sources() -> Dataset {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect("bundled file");
    Dataset::from_csv(
        "indicators.csv",
        &read("indicators.csv"),
        "markets.csv",
        &read("markets.csv"),
    )
    .expect("valid")
    .with_value_sources(
        "sources.csv",
        &read("sources.csv"),
        "value_sources.csv",
        &read("value_sources.csv"),
    )
    .expect("the bundled value sources are valid")
}

#[test]
fn a_value_from_another_source_says_so_and_the_rest_have_their_indicators() {
    let data = bundled_with_sources();
    let market = |code: &str| data.market_index(code).expect(code);
    let indicator = |id: &str| data.indicator_index(id).expect(id);
    let (twn, hkg) = (market("TWN"), market("HKG"));
    let population = data
        .value_source(twn, indicator("population"))
        .expect("Taiwan's population comes from the IMF");
    assert_eq!(population.source.key, "imf-weo-2025-10");
    assert!(population
        .source
        .licence
        .contains("International Monetary Fund"));
    let mobile = data
        .value_source(twn, indicator("mobile_subs_per100"))
        .expect("Taiwan's mobile subscriptions come from the Factbook");
    assert_eq!(mobile.source.key, "cia-factbook");
    assert!(mobile.note.contains("128 (2024 est.)"), "{}", mobile.note);
    assert_eq!(
        data.observation(twn, indicator("lpi_score"))
            .map(|o| (o.value, o.year)),
        Some((3.9, Some(2022)))
    );
    // Hong Kong's values are the World Bank's: no source of their own.
    assert!(data.value_source(hkg, indicator("population")).is_none());
    // Taiwan's GNI has no open source: it stays a gap, with no source.
    assert!(data
        .observation(twn, indicator("gni_pc_ppp_intl"))
        .is_none());
    assert!(data
        .value_source(twn, indicator("gni_pc_ppp_intl"))
        .is_none());
    // India binds phones at 0% under the ITA but charges duty: its own, cited rate.
    let india = market("IND");
    assert_eq!(
        data.observation(india, indicator("import_duty_pct"))
            .map(|o| o.value),
        Some(16.5)
    );
    let duty = data
        .value_source(india, indicator("import_duty_pct"))
        .expect("India's duty has its own source");
    assert_eq!(duty.source.key, "in-budget-2024");
    assert!(duty.note.starts_with("approximate"), "{}", duty.note);
    assert_eq!(data.other_source_count(indicator("population")), 24);
    assert_eq!(
        (0..data.indicators().len())
            .map(|i| data.other_source_count(i))
            .sum::<usize>(),
        85
    );
}

#[test]
fn data_citing_no_other_source_loads_from_header_only_files_but_not_from_empty_ones() {
    let data = Dataset::from_csv(
        "indicators.csv",
        DICTIONARY,
        "markets.csv",
        "iso3,iso2,name,pop,pop_year,rank\nTWN,TW,Taiwan,23400000,2024,\n",
    )
    .expect("valid");
    let none = data
        .clone()
        .with_value_sources(
            "sources.csv",
            "key,name,licence,citation\n",
            "value_sources.csv",
            "iso3,indicator,source,note\n",
        )
        .expect("no other source is a valid answer");
    assert!(none.sources().is_empty());
    let twn = none.market_index("TWN").expect("TWN");
    assert_eq!(none.value_source(twn, 0).map(|s| s.note), None);
    // The header still says what the file is: an empty file or a wrong header is refused.
    let refused = data
        .clone()
        .with_value_sources(
            "sources.csv",
            "",
            "value_sources.csv",
            "iso3,indicator,source,note\n",
        )
        .expect_err("an empty file is refused");
    assert!(refused.to_string().contains("sources.csv"), "{refused}");
    assert!(data
        .with_value_sources(
            "sources.csv",
            "key,name\n",
            "value_sources.csv",
            "iso3,indicator,source,note\n"
        )
        .is_err());
}

#[test]
fn value_sources_that_do_not_fit_the_data_are_refused_with_their_place() {
    let data = Dataset::from_csv(
        "indicators.csv",
        DICTIONARY,
        "markets.csv",
        "iso3,iso2,name,pop,pop_year,rank\nIND,IN,India,1400000000,2023,\nTWN,TW,Taiwan,23400000,2024,\n",
    )
    .expect("valid");
    let sources = "key,name,licence,citation\nimf,IMF WEO,IMF terms,WEO Oct 2025\n";
    let load = |value_sources: &str| {
        data.clone()
            .with_value_sources("sources.csv", sources, "value_sources.csv", value_sources)
    };
    let good = load("iso3,indicator,source,note\nTWN,pop,imf,LP\n").expect("valid");
    let twn = good.market_index("TWN").expect("TWN");
    assert_eq!(good.value_source(twn, 0).map(|s| s.note), Some("LP"));
    assert_eq!(good.sources().len(), 1);

    let errors = |value_sources: &str| -> Vec<String> {
        load(value_sources)
            .expect_err("refused")
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        errors("iso3,indicator,source\nTWN,pop,weo\n"),
        ["value_sources.csv, row 2, column \"source\": found \"weo\"; expected a key of sources.csv: imf"]
    );
    assert_eq!(
        errors("iso3,indicator,source\nTWN,rank,imf\n"),
        ["value_sources.csv, row 2, column \"indicator\": found no value of rank for TWN; expected a market and indicator with a value: a source says where a value came from, and a gap has none"]
    );
    assert_eq!(
        errors("iso3,indicator,source\nXXX,gdp,imf\n"),
        [
            "value_sources.csv, row 2, column \"iso3\": found \"XXX\"; expected the ISO3 code of a market in the market table",
            "value_sources.csv, row 2, column \"indicator\": found \"gdp\"; expected an indicator id from the dictionary",
        ]
    );
    assert_eq!(
        errors("iso3,indicator,source\nTWN,pop,imf\nTWN,pop,imf\n"),
        ["value_sources.csv, row 3, column \"indicator\": found TWN pop again (first on row 2); expected each value's source once"]
    );
    assert_eq!(
        errors("iso3,source\nTWN,imf\n"),
        ["value_sources.csv, row 1, column \"indicator\": found no such column; expected a column named \"indicator\" (the market, the indicator and the key of the value's source)"]
    );
    let bad_sources = data
        .clone()
        .with_value_sources(
            "sources.csv",
            "key,name,licence\nimf,IMF,\nimf,IMF again,terms\n",
            "value_sources.csv",
            "iso3,indicator,source\n",
        )
        .expect_err("refused");
    let bad_sources: Vec<String> = bad_sources
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        bad_sources,
        [
            "sources.csv, row 2, column \"licence\": found an empty cell; expected the licence its values may be reused under",
            "sources.csv, row 3, column \"key\": found \"imf\" a second time; expected each source once",
        ]
    );
}

#[test]
fn the_users_value_replaces_the_bundled_values_source() {
    use beachhead_engine::{parse_user_files, MergeMode};
    let data = bundled_with_sources();
    let twn = data.market_index("TWN").expect("TWN");
    let population = data.indicator_index("population").expect("population");
    let internet = data.indicator_index("internet_pct").expect("internet");
    let (user, _) = parse_user_files(
        &data,
        &[(
            "mine.csv".to_owned(),
            b"iso3,population\nTWN,23500000\n".to_vec(),
        )],
    )
    .expect("valid");
    let merged = data.with_user_data(&user, MergeMode::Merge);
    assert!(
        merged.value_source(twn, population).is_none(),
        "the user's value is the user's"
    );
    // The other Factbook values keep their source.
    let merged_internet = merged.indicator_index("internet_pct").expect("internet");
    assert_eq!(
        merged
            .value_source(twn, merged_internet)
            .map(|s| s.source.key.as_str()),
        data.value_source(twn, internet)
            .map(|s| s.source.key.as_str())
    );
}
