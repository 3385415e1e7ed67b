//! The ranking chart on a `<canvas>`, drawn by the shared plotters code and redrawn whenever
//! its bars or its size change. The backing store is sized by devicePixelRatio so text stays
//! crisp on high-DPI screens.

use beachhead_charts::ranking_chart::{draw_ranking, RankedBar};
use leptos::{html, prelude::*};
use plotters_canvas::CanvasBackend;

#[component]
pub fn RankingChart(
    #[prop(into)] bars: Signal<Vec<RankedBar>>,
    /// What the chart shows, in words, for screen readers.
    #[prop(into)]
    summary: Signal<String>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let draw_error = RwSignal::new(None::<String>);
    let draws = RwSignal::new(0u32);

    let listener = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());

    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let ratio = window().device_pixel_ratio();
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        let width = (f64::from(canvas.client_width().max(1)) * ratio).round() as u32;
        let height = (f64::from(canvas.client_height().max(1)) * ratio).round() as u32;
        if canvas.width() != width {
            canvas.set_width(width);
        }
        if canvas.height() != height {
            canvas.set_height(height);
        }
        let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
            draw_error.set(Some("this browser gave no 2D canvas".into()));
            return;
        };
        let result = bars.with(|bars| draw_ranking(backend, bars, ratio));
        match result {
            Ok(()) => {
                draw_error.set(None);
                draws.update(|n| *n += 1);
            }
            Err(e) => draw_error.set(Some(e.to_string())),
        }
    });

    view! {
        <div class="chart-frame">
            <canvas
                node_ref=canvas_ref
                class="ranking-canvas"
                data-testid="ranking-chart"
                data-draws=move || draws.get().to_string()
                role="img"
                aria-label=move || summary.get()
            ></canvas>
            {move || {
                draw_error
                    .get()
                    .map(|e| view! { <p class="notice error" role="alert">{e}</p> })
            }}
        </div>
    }
}
