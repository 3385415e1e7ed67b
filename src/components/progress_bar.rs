//! Work that takes more than a moment (a Monte Carlo, a large file) shows how far it has got,
//! as a bar and in words, the same way everywhere.

use leptos::prelude::*;

/// The bar follows `done` and `total` in place: a run reports its progress every few
/// milliseconds, and building the bar anew each time cost a few of them.
#[component]
pub fn ProgressBar(
    /// What is under way, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    #[prop(into)] done: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
    /// The words on the bar.
    #[prop(into)]
    text: Signal<String>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let width = move || {
        let total = total.get();
        let share = if total > 0 {
            (done.get() as f64 / total as f64).clamp(0.0, 1.0)
        } else {
            0.0
        };
        format!("{:.0}%", 100.0 * share)
    };
    view! {
        <div
            class="progress"
            role="progressbar"
            aria-label=move || label.get()
            aria-valuemin="0"
            aria-valuemax=move || total.get().to_string()
            aria-valuenow=move || done.get().min(total.get()).to_string()
            data-testid=testid
        >
            <span style:width=width></span>
            <p>{move || text.get()}</p>
        </div>
    }
}
