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
