//! The glue to the browser that Leptos does not give: fetching the bundled files, reading
//! picked or dropped files and offering downloads, the Monte Carlo's workers, the canvas/SVG drawing target, and the
//! service worker that keeps the app working offline.

pub mod chart_backend;
pub mod data_source;
pub mod files;
pub mod mc_workers;
pub mod offline;
