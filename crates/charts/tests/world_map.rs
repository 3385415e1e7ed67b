#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic is a failed test, with its place

use beachhead_charts::world_map::{draw_map, natural_earth, score_color, Fit, WorldMap};
use plotters::prelude::SVGBackend;

fn atlas() -> WorldMap {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/geo/countries-50m.json"
    );
    WorldMap::from_topojson(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_50m_atlas_decodes_with_small_markets_and_without_antarctica() {
    let map = atlas();
    assert!(map.countries.len() >= 230, "{}", map.countries.len());
    for (id, name) in [
        ("702", "Singapore"),
        ("344", "Hong Kong"),
        ("158", "Taiwan"),
        ("470", "Malta"),
    ] {
        let c = map
            .countries
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert!(
            c.name.contains(name.split(' ').next().unwrap()),
            "{} for {id}",
            c.name
        );
    }
    assert!(map.countries.iter().all(|c| c.id != "010"));
}

#[test]
fn clicking_a_point_finds_the_country_under_it() {
    let map = atlas();
    let fit = Fit::new(1000.0, 500.0);
    // (longitude, latitude, expected ISO numeric): Paris, Nairobi, São Paulo, Singapore.
    for (lon, lat, id) in [
        (2.35, 48.86, "250"),
        (36.82, -1.29, "404"),
        (-46.63, -23.55, "076"),
        (103.82, 1.35, "702"),
    ] {
        let (x, y) = natural_earth(lon, lat);
        let (px, py) = fit.project(x, y);
        let hit = map
            .hit(1000.0, 500.0, px, py)
            .map(|i| map.countries[i].id.as_str());
        assert_eq!(hit, Some(id), "{lon},{lat}");
    }
    // Mid-Pacific is sea.
    let (x, y) = natural_earth(-150.0, 0.0);
    let (px, py) = fit.project(x, y);
    assert_eq!(map.hit(1000.0, 500.0, px, py), None);
}

#[test]
fn the_map_draws_filled_countries_and_the_scale_runs_light_to_dark() {
    let map = atlas();
    let mut svg = String::new();
    let fill = |id: &str| (id == "404").then(|| score_color(80.0));
    draw_map(
        SVGBackend::with_string(&mut svg, (600, 300)),
        &map,
        &fill,
        Some("404"),
        1.0,
    )
    .unwrap();
    assert!(svg.matches("<polygon").count() > 200);
    let dark = score_color(100.0);
    let light = score_color(0.0);
    assert!(
        u32::from(dark.0) + u32::from(dark.1) + u32::from(dark.2)
            < u32::from(light.0) + u32::from(light.1) + u32::from(light.2)
    );
}

#[test]
fn no_ring_streaks_across_the_map() {
    // A ring edge longer than half the map's width can only be an antimeridian streak.
    for country in atlas().countries {
        for ring in &country.rings {
            for pair in ring.windows(2) {
                assert!(
                    (pair[1].0 - pair[0].0).abs() < 2.7,
                    "{} streaks",
                    country.name
                );
            }
        }
    }
}
