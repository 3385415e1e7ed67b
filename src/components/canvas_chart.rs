//! A `<canvas>` drawn by one of the shared plotters charts, redrawn whenever what the draw
//! function reads changes or the window is resized. The backing store is sized by
//! devicePixelRatio so text stays crisp on high-DPI screens.

use beachhead_charts::ChartError;
use leptos::{html, prelude::*};
use plotters_canvas::CanvasBackend;

/// Bumped when the layout changes without a window resize (a tab shown), so charts that were
/// hidden, and so had no size, draw.
#[derive(Clone, Copy)]
pub struct LayoutTick(pub RwSignal<u32>);

impl LayoutTick {
    /// Bumps after the browser has applied the change that prompted it.
    pub fn bump(self) {
        request_animation_frame(move || self.0.update(|n| *n = n.wrapping_add(1)));
    }
}

#[component]
pub fn CanvasChart<F>(
    /// Draws the chart; signals it reads are tracked, so the chart follows them.
    draw: F,
    /// What the chart shows, in words, for screen readers.
    #[prop(into)]
    summary: Signal<String>,
    testid: &'static str,
    class: &'static str,
) -> impl IntoView
where
    F: Fn(CanvasBackend, f64) -> Result<(), ChartError> + 'static,
{
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let draw_error = RwSignal::new(None::<String>);
    let draws = RwSignal::new(0u32);

    let listener = window_event_listener(leptos::ev::resize, move |_| {
        resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || listener.remove());

    let layout = use_context::<LayoutTick>();
    Effect::new(move |_| {
        resized.track();
        if let Some(LayoutTick(tick)) = layout {
            tick.track();
        }
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        // A hidden tab has no size: draw when it is shown (the resize or data change after).
        if canvas.client_width() == 0 {
            return;
        }
        let ratio = window().device_pixel_ratio();
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        let width = (f64::from(canvas.client_width()) * ratio).round() as u32;
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
        match draw(backend, ratio) {
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
                class=class
                data-testid=testid
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
