//! A `<canvas>` drawn by one of the shared plotters charts, redrawn whenever what the draw
//! function reads changes or the window is resized. The backing store is sized by
//! devicePixelRatio so text stays crisp on high-DPI screens.

use std::rc::Rc;

use beachhead_charts::ChartError;
use leptos::{html, prelude::*};
use leptos_use_element_size::{use_element_size, UseElementSizeReturn};
use plotters_canvas::CanvasBackend;

use crate::browser::chart_backend::ChartBackend;
use crate::browser::files::{download_text, download_url};
use crate::i18n::{t, tf};

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
    F: for<'a> Fn(ChartBackend<'a>, f64) -> Result<(), ChartError> + 'static,
{
    let draw = Rc::new(draw);
    let export_error = RwSignal::new(None::<String>);
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let draw_error = RwSignal::new(None::<String>);
    let draws = RwSignal::new(0u32);
    // The size as a ResizeObserver reports it after layout: reading the canvas's size while
    // drawing would make the browser lay out the page (a long table) in the middle of every
    // redraw. A hidden chart has no size and draws when it gets one.
    let UseElementSizeReturn {
        width: css_width,
        height: css_height,
    } = use_element_size(canvas_ref);
    // The size is handed on a task later, so that charts sized by the same layout (a view
    // opening, data arriving) each draw in a task of their own: drawn inside the observer's
    // callback, the eight test-market charts and their layout made one task of over 50 ms.
    let size = RwSignal::new((0.0_f64, 0.0_f64));
    Effect::new(move |_| {
        let observed = (css_width.get(), css_height.get());
        set_timeout(
            move || {
                // The chart may have left the page before the task ran.
                let _ = size.try_set(observed);
            },
            std::time::Duration::ZERO,
        );
    });

    let draw_on_canvas = Rc::clone(&draw);
    Effect::new(move |_| {
        let draw = &draw_on_canvas;
        let (css_width, css_height) = size.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        if css_width < 1.0 {
            return;
        }
        let ratio = window().device_pixel_ratio();
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        let width = (css_width * ratio).round() as u32;
        let height = (css_height.max(1.0) * ratio).round() as u32;
        if canvas.width() != width {
            canvas.set_width(width);
        }
        if canvas.height() != height {
            canvas.set_height(height);
        }
        let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
            draw_error.set(Some(t("this browser gave no 2D canvas").into()));
            return;
        };
        match draw(ChartBackend::Canvas(backend), ratio) {
            Ok(()) => {
                draw_error.set(None);
                draws.update(|n| *n += 1);
            }
            Err(e) => draw_error.set(Some(e.to_string())),
        }
    });

    let draw_svg = Rc::clone(&draw);
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
            <div class="chart-export no-print">
                <button type="button" class="link-button" data-testid=format!("{testid}-png") on:click=move |_| {
                    let result = canvas_ref
                        .get_untracked()
                        .ok_or_else(|| t("the chart is not on the page").to_owned())
                        .and_then(|canvas| canvas.to_data_url().map_err(|_| t("the browser would not give the picture").to_owned()))
                        .and_then(|url| download_url(&format!("{testid}.png"), &url));
                    export_error.set(result.err());
                }>"PNG"</button>
                <button type="button" class="link-button" data-testid=format!("{testid}-svg") on:click=move |_| {
                    export_error.set(export_svg(canvas_ref, &*draw_svg, testid).err());
                }>"SVG"</button>
                {move || export_error.get().map(|e| view! { <span class="field-error" role="alert">{move || tf("Export failed: {}", &[&e])}</span> })}
            </div>
            {move || {
                draw_error
                    .get()
                    .map(|e| view! { <p class="notice error" role="alert">{e}</p> })
            }}
        </div>
    }
}

/// The chart drawn again as SVG, at the size it has on the page, and saved.
fn export_svg<F>(canvas_ref: NodeRef<html::Canvas>, draw: &F, name: &str) -> Result<(), String>
where
    F: for<'a> Fn(ChartBackend<'a>, f64) -> Result<(), ChartError>,
{
    let canvas = canvas_ref
        .get_untracked()
        .ok_or_else(|| t("the chart is not on the page").to_owned())?;
    let size = (
        canvas.client_width().max(1) as u32,
        canvas.client_height().max(1) as u32,
    );
    let mut svg = String::new();
    draw(
        ChartBackend::Svg(plotters::backend::SVGBackend::with_string(&mut svg, size)),
        1.0,
    )
    .map_err(|e| e.to_string())?;
    download_text(&format!("{name}.svg"), "image/svg+xml", &svg)
}
