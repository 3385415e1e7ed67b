//! The world map: Natural Earth country shapes from TopoJSON (world-atlas), in the Natural
//! Earth projection, filled by a colour per country, and hit-tested for hover and click.

use plotters::prelude::*;

use crate::frame::Canvas;
use crate::{palette, ChartError};

/// One country: its ISO 3166-1 numeric id ("528"), name, and rings in projected units.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub id: String,
    pub name: String,
    pub rings: Vec<Vec<(f64, f64)>>,
    /// (min x, min y, max x, max y) in projected units.
    pub bounds: (f64, f64, f64, f64),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorldMap {
    pub countries: Vec<Country>,
}

/// Natural Earth I projection (Šavrič et al. 2011): λ, φ in radians → x, y.
pub fn natural_earth(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let (l, p) = (lon_deg.to_radians(), lat_deg.to_radians());
    let p2 = p * p;
    let p4 = p2 * p2;
    let x = l
        * (0.870_700 - 0.131_979 * p2 + p4 * (-0.013_791 + p4 * (0.003_971 * p2 - 0.001_529 * p4)));
    let y =
        p * (1.007_226 + p2 * (0.015_085 + p4 * (-0.044_475 + 0.028_874 * p2 - 0.005_916 * p4)));
    (x, y)
}

/// Projected extent of the whole world, Antarctica left out.
const WORLD: (f64, f64, f64, f64) = (-2.74, -1.05, 2.74, 1.43);
/// Antarctica: not a market, and a fifth of the map's height.
const ANTARCTICA: &str = "010";

/// The parts of a world-atlas TopoJSON file the map reads.
#[derive(serde::Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[f64; 2]>>,
    objects: Objects,
}

#[derive(serde::Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(serde::Deserialize)]
struct Objects {
    countries: Countries,
}

#[derive(serde::Deserialize)]
struct Countries {
    /// Small (names and arc numbers, nested by polygon), so read as plain JSON.
    geometries: Vec<serde_json::Value>,
}

fn bad(what: &str) -> String {
    format!("the map file is not world-atlas TopoJSON: {what}")
}

impl WorldMap {
    pub fn from_topojson(text: &str) -> Result<Self, String> {
        // The shared arcs, most of the file, are read straight into numbers: through
        // `serde_json::Value` the 750 KB file took several times longer, in the task that opens
        // the first map.
        let topology: Topology = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
        let [sx, sy] = topology.transform.scale;
        let [tx, ty] = topology.transform.translate;
        let arcs: Vec<Vec<(f64, f64)>> = topology
            .arcs
            .iter()
            .map(|arc| {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|&[dx, dy]| {
                        // Quantised and delta-encoded.
                        x += dx;
                        y += dy;
                        (x * sx + tx, y * sy + ty)
                    })
                    .collect()
            })
            .collect();
        let ring = |indices: &serde_json::Value| -> Vec<(f64, f64)> {
            let mut out: Vec<(f64, f64)> = Vec::new();
            for index in indices.as_array().into_iter().flatten() {
                let Some(i) = index.as_i64() else { continue };
                // A negative index is the one's complement of an arc to walk backwards.
                let (arc, reversed) = if i >= 0 {
                    (i as usize, false)
                } else {
                    ((!i) as usize, true)
                };
                let Some(points) = arcs.get(arc) else {
                    continue;
                };
                let mut points = points.clone();
                if reversed {
                    points.reverse();
                }
                // Consecutive arcs share their joining point.
                let skip = usize::from(!out.is_empty());
                out.extend(points.into_iter().skip(skip));
            }
            out
        };
        let mut countries = Vec::new();
        for g in &topology.objects.countries.geometries {
            let id = g["id"].as_str().unwrap_or_default().to_owned();
            if id == ANTARCTICA {
                continue;
            }
            let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
                Some("Polygon") => vec![&g["arcs"]],
                Some("MultiPolygon") => g["arcs"]
                    .as_array()
                    .map(|a| a.iter().collect())
                    .unwrap_or_default(),
                _ => continue,
            };
            let rings: Vec<Vec<(f64, f64)>> = polygons
                .iter()
                .flat_map(|polygon| polygon.as_array().into_iter().flatten().map(ring))
                .filter(|r| r.len() >= 3)
                .map(|r| {
                    unwrap_antimeridian(r)
                        .into_iter()
                        .map(|(lon, lat)| natural_earth(lon, lat))
                        .collect()
                })
                .collect();
            let bounds = rings.iter().flatten().fold(
                (
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ),
                |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
            );
            countries.push(Country {
                id,
                name: g["properties"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                rings,
                bounds,
            });
        }
        Ok(WorldMap { countries })
    }

    /// The country under pixel (x, y) of a `width` × `height` map, if any.
    pub fn hit(&self, width: f64, height: f64, x: f64, y: f64) -> Option<usize> {
        let fit = Fit::new(width, height);
        let (px, py) = fit.unproject(x, y);
        self.countries.iter().position(|c| {
            let (a, b, cc, d) = c.bounds;
            px >= a && px <= cc && py >= b && py <= d && contains(&c.rings, px, py)
        })
    }
}

/// A ring that crosses the 180° meridian jumps from +180 to -180 and back; drawn as is, it
/// would streak across the whole map. Shifting the points past each jump by 360° keeps the
/// ring continuous (its far side then lies just beyond the map's edge, as on most maps).
fn unwrap_antimeridian(ring: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut shift = 0.0;
    let mut previous: Option<f64> = None;
    let mut out = Vec::with_capacity(ring.len());
    for (lon, lat) in ring {
        if let Some(prev) = previous {
            let step = lon - prev;
            if step > 180.0 {
                shift -= 360.0;
            } else if step < -180.0 {
                shift += 360.0;
            }
        }
        previous = Some(lon);
        out.push((lon + shift, lat));
    }
    // Keep the bulk of the ring on the map: if most of it was shifted off, shift it back.
    let mean = out.iter().map(|p| p.0).sum::<f64>() / out.len().max(1) as f64;
    let back = if mean > 180.0 {
        -360.0
    } else if mean < -180.0 {
        360.0
    } else {
        0.0
    };
    out.into_iter()
        .map(|(lon, lat)| (lon + back, lat))
        .collect()
}

/// Even-odd rule over all rings: holes (lakes, enclaves) come out right.
fn contains(rings: &[Vec<(f64, f64)>], x: f64, y: f64) -> bool {
    let mut inside = false;
    for ring in rings {
        let mut j = ring.len() - 1;
        for i in 0..ring.len() {
            let (xi, yi) = ring[i];
            let (xj, yj) = ring[j];
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside = !inside;
            }
            j = i;
        }
    }
    inside
}

/// Fitting the projected world into a width × height box, centred, aspect kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub scale: f64,
    pub left: f64,
    pub top: f64,
}

impl Fit {
    pub fn new(width: f64, height: f64) -> Self {
        let (w, h) = (WORLD.2 - WORLD.0, WORLD.3 - WORLD.1);
        let scale = (width / w).min(height / h);
        Fit {
            scale,
            left: (width - w * scale) / 2.0,
            top: (height - h * scale) / 2.0,
        }
    }

    pub fn project(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.left + (x - WORLD.0) * self.scale,
            self.top + (WORLD.3 - y) * self.scale,
        )
    }

    pub fn unproject(&self, px: f64, py: f64) -> (f64, f64) {
        (
            (px - self.left) / self.scale + WORLD.0,
            WORLD.3 - (py - self.top) / self.scale,
        )
    }
}

/// A sequential blue scale for scores 0-100, light to dark.
pub fn score_color(score: f64) -> RGBColor {
    let t = (score / 100.0).clamp(0.0, 1.0);
    let (a, b) = ((0xde, 0xeb, 0xf7), (0x08, 0x30, 0x6b));
    let mix = |x: u8, y: u8| (f64::from(x) + t * (f64::from(y) - f64::from(x))).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

pub const NO_DATA: RGBColor = RGBColor(0xe6, 0xe6, 0xe6);

/// Draws every country filled with `fill(id)` (or the no-data grey), the `selected` one
/// outlined. Points closer than half a pixel are merged: the 50m shapes have far more detail
/// than a screen shows.
pub fn draw_map<DB: DrawingBackend>(
    backend: DB,
    map: &WorldMap,
    fill: &dyn Fn(&str) -> Option<RGBColor>,
    selected: Option<&str>,
    scale: f64,
) -> Result<(), ChartError> {
    let canvas = Canvas::open(backend, scale)?;
    let f = canvas.frame;
    let fit = Fit::new(f.width, f.height);
    let min_step = 0.5 * f.scale.max(1.0);
    let pixels = |ring: &[(f64, f64)]| -> Vec<(i32, i32)> {
        let mut out: Vec<(i32, i32)> = Vec::with_capacity(ring.len());
        let mut last = (f64::NAN, f64::NAN);
        for &(x, y) in ring {
            let (px, py) = fit.project(x, y);
            if (px - last.0).abs() >= min_step || (py - last.1).abs() >= min_step || last.0.is_nan()
            {
                out.push((px.round() as i32, py.round() as i32));
                last = (px, py);
            }
        }
        out
    };
    let border = palette::BACKGROUND.stroke_width(f.line);
    for country in &map.countries {
        let color = fill(&country.id).unwrap_or(NO_DATA);
        for ring in &country.rings {
            let points = pixels(ring);
            if points.len() < 3 {
                continue;
            }
            canvas.draw(&Polygon::new(points.clone(), color.filled()))?;
            let mut outline = points;
            outline.push(outline[0]);
            canvas.draw(&PathElement::new(outline, border))?;
        }
    }
    if let Some(country) = selected.and_then(|id| map.countries.iter().find(|c| c.id == id)) {
        let stroke = palette::series(5).stroke_width(f.px(2.0).round().max(2.0) as u32);
        for ring in &country.rings {
            let mut outline = pixels(ring);
            if let Some(&first) = outline.first() {
                outline.push(first);
                canvas.draw(&PathElement::new(outline, stroke))?;
            }
        }
    }
    canvas.finish()
}
