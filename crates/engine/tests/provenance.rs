//! Provenance that can be checked: every bundled indicator says where it comes from, under what
//! licence and how far it can be trusted, and `public/data/PROVENANCE.md` names it; the default
//! model's answer rests on real data only (no illustrative indicator carries weight), and
//! switching the illustrative layers on gives them their designed weights back.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_engine::candidates::filtered;
use beachhead_engine::market_filter::MarketFilter;
use beachhead_engine::table::read_table;
use beachhead_engine::weight_status::{by_pillar, overall};
use beachhead_engine::{readiness, Dataset, IndexModel, Node, Status};

fn read(file: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/");
    std::fs::read_to_string(format!("{path}{file}")).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn bundled() -> (Dataset, IndexModel) {
    let dataset = Dataset::from_csv(
        "indicators.csv",
        &read("indicators.csv"),
        "markets.csv",
        &read("markets.csv"),
    )
    .unwrap()
    .with_value_sources(
        "sources.csv",
        &read("sources.csv"),
        "value_sources.csv",
        &read("value_sources.csv"),
    )
    .unwrap();
    let model = IndexModel::from_json(
        "beachhead-readiness.json",
        &read("models/beachhead-readiness.json"),
    )
    .unwrap();
    (dataset, model)
}

#[test]
fn every_indicator_has_source_licence_and_status_and_is_in_provenance() {
    // Read as text: an empty status cell would load as "measured", so the file must say it.
    let table = read_table("indicators.csv", &read("indicators.csv")).unwrap();
    let provenance = read("PROVENANCE.md");
    let mut problems = Vec::new();
    for row in &table.rows {
        let cell = |name: &str| {
            let column = table
                .column(name)
                .unwrap_or_else(|| panic!("no {name} column"));
            row.cells[column].trim().to_owned()
        };
        let id = cell("id");
        for column in ["source", "licence", "status"] {
            if cell(column).is_empty() {
                problems.push(format!(
                    "indicators.csv row {}: {id} has no {column}",
                    row.line
                ));
            }
        }
        if !provenance.contains(&format!("`{id}`")) {
            problems.push(format!("public/data/PROVENANCE.md does not name `{id}`"));
        }
    }
    assert!(problems.is_empty(), "\n  - {}", problems.join("\n  - "));
    let (dataset, _) = bundled();
    for source in dataset.sources() {
        assert!(
            !source.licence.is_empty() && !source.citation.is_empty(),
            "{source:?}"
        );
    }
}

/// A node's weight as a share of the whole index, by node id, following the weights down.
fn effective_weights(node: &Node, share: f64, out: &mut Vec<(String, Option<String>, f64)>) {
    out.push((node.id.clone(), node.indicator.clone(), share));
    let total: f64 = node.children.iter().map(|c| c.weight.max(0.0)).sum();
    for child in &node.children {
        let part = if total > 0.0 {
            child.weight.max(0.0) / total
        } else {
            0.0
        };
        effective_weights(child, share * part, out);
    }
}

#[test]
fn no_illustrative_indicator_carries_weight_in_the_default_model() {
    let (dataset, model) = bundled();
    let mut weights = Vec::new();
    effective_weights(&model.root, 1.0, &mut weights);
    let mut leaves_on_illustrative = 0;
    for (id, indicator, share) in &weights {
        let Some(indicator) = indicator else { continue };
        let status = dataset.indicators()[dataset.indicator_index(indicator).unwrap()].status;
        if status == Status::Illustrative {
            leaves_on_illustrative += 1;
            assert_eq!(*share, 0.0, "{id} is illustrative but weighs {share}");
        } else {
            assert!(
                *share > 0.0,
                "{id} is {} but weighs nothing",
                status.label()
            );
        }
    }
    assert_eq!(leaves_on_illustrative, 5);
    let all = overall(&dataset, &model).unwrap();
    assert_eq!((all.illustrative, all.approximate), (0.0, 0.0), "{all:?}");
    assert!((all.measured - 1.0).abs() < 1e-12);
    // Competition is measured now: the platform shares, not the generated vendor shares.
    let competition = by_pillar(&dataset, &model)
        .into_iter()
        .find(|p| p.id == "competition")
        .unwrap();
    assert_eq!(competition.shares.unwrap().measured, 1.0);
    // The switch restores the designed weights, and switching it off again is the shipped model.
    let on = model.with_illustrative(dataset.indicators(), true);
    let pillar = |m: &IndexModel, id: &str| m.root.find(id).unwrap().weight;
    assert_eq!(
        (pillar(&on, "community"), pillar(&on, "service")),
        (10.0, 10.0)
    );
    assert_eq!(pillar(&on, "forum_members_k"), 2.0);
    assert_eq!(pillar(&on, "incumbent_top2_pct"), 1.0);
    let with = overall(&dataset, &on).unwrap();
    assert!(
        with.illustrative > 0.2 && with.illustrative < 0.35,
        "{with:?}"
    );
    assert_eq!(on.with_illustrative(dataset.indicators(), false), model);
    assert_eq!(model.with_illustrative(dataset.indicators(), false), model);
}

#[test]
fn switching_off_zeroes_an_illustrative_leaf_that_a_file_weighted() {
    let (dataset, model) = bundled();
    let mut weighted = model.clone();
    weighted.set_weight("community", 10.0);
    weighted.set_weight("forum_members_k", 3.0);
    // A leaf with no illustrative_weight, on an illustrative indicator: off still zeroes it.
    weighted.root.visit_mut(&mut |n| {
        if n.id == "service_centres" {
            n.illustrative_weight = None;
            n.weight = 4.0;
        }
    });
    let off = weighted.with_illustrative(dataset.indicators(), false);
    for id in ["community", "forum_members_k", "service_centres"] {
        assert_eq!(off.root.find(id).unwrap().weight, 0.0, "{id}");
    }
    assert_eq!(overall(&dataset, &off).unwrap().illustrative, 0.0);
    // Measured weights are left as they were.
    assert_eq!(off.root.find("demand").unwrap().weight, 25.0);
}

#[test]
fn taiwan_and_hong_kong_are_ranked_and_candidates_with_the_bundled_data_alone() {
    let (dataset, model) = bundled();
    let ranking = readiness::score(&dataset, &model);
    let rank_of = |code: &str| {
        ranking
            .scores
            .iter()
            .find(|s| dataset[s.market].iso3 == code)
            .map(|s| (s.rank, s.coverage))
    };
    for code in ["TWN", "HKG"] {
        let (rank, coverage) = rank_of(code).unwrap_or_else(|| panic!("{code} is not ranked"));
        assert!(rank <= 20, "{code} ranks {rank}");
        assert_eq!(coverage, 1.0, "{code}");
    }
    // The app's default candidates: China entered, the default population floor.
    let filter = MarketFilter {
        entered: vec!["CHN".into()],
        ..MarketFilter::default()
    };
    let codes: Vec<&str> = filtered(&dataset, &ranking, &filter)
        .iter()
        .map(|c| dataset[ranking.scores[c.position].market].iso3.as_str())
        .collect();
    for code in ["TWN", "HKG"] {
        assert!(codes.contains(&code), "{code} is not a default candidate");
    }
    // Macao (0.7 million people) is under the default floor.
    assert!(!codes.contains(&"MAC"));
}

#[test]
fn values_a_user_gives_for_an_illustrative_indicator_are_theirs_and_count() {
    use beachhead_engine::user_data::{parse_user_files, MergeMode};
    let (dataset, model) = bundled();
    let (user, _) = parse_user_files(
        &dataset,
        &[(
            "centres.csv".to_owned(),
            b"iso3,service_centres\nHKG,12\nTWN,30\n".to_vec(),
        )],
    )
    .expect("readable");
    let merged = dataset.with_user_data(&user, MergeMode::Merge);
    let centres = merged.indicator_index("service_centres").unwrap();
    let indicator = &merged.indicators()[centres];
    assert_eq!(indicator.status, beachhead_engine::Status::Measured);
    assert_eq!(indicator.label, "Authorised service centres");
    assert_eq!(indicator.source, "centres.csv");
    // Only the user's values: no generated number is left beside them.
    let with_values: Vec<_> = merged
        .market_indices()
        .filter(|&m| merged.observation(m, centres).is_some())
        .map(|m| merged[m].iso3.as_str())
        .collect();
    assert_eq!(with_values, ["HKG", "TWN"]);
    // With the layers off, the service pillar counts the user's data at its designed weight and
    // the community pillar (still generated) weighs nothing.
    let off = model.with_illustrative(merged.indicators(), false);
    assert_eq!(off.root.find("service").unwrap().weight, 10.0);
    assert_eq!(off.root.find("service_centres").unwrap().weight, 1.0);
    assert_eq!(off.root.find("community").unwrap().weight, 0.0);
    let status = overall(&merged, &off).unwrap();
    assert_eq!(status.illustrative, 0.0);
}

#[test]
fn the_nodes_held_out_are_those_resting_on_generated_numbers_only() {
    let (dataset, model) = bundled();
    let mut held = model.illustrative_only(dataset.indicators());
    held.sort();
    assert_eq!(
        held,
        [
            "community",
            "forum_growth_pct",
            "forum_members_k",
            "incumbent_top2_pct",
            "reseller_listings",
            "service",
            "service_centres"
        ]
    );
    // Competition holds one generated leaf among measured ones: the pillar itself stays in.
    assert!(!held.contains(&"competition".to_owned()));
}
