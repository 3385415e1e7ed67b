//! Work that takes more than a moment (a Monte Carlo, a large file) shows how far it has got,
//! as a bar and in words, the same way everywhere.

use leptos::prelude::*;

#[component]
pub fn ProgressBar(
    /// What is under way, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    done: usize,
    total: usize,
    /// The words on the bar.
    text: String,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let share = if total > 0 {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    view! {
        <div
            class="progress"
            role="progressbar"
            aria-label=move || label.get()
            aria-valuemin="0"
            aria-valuemax=total.to_string()
            aria-valuenow=done.min(total).to_string()
            data-testid=testid
        >
            <span style:width=format!("{:.0}%", 100.0 * share)></span>
            <p>{text}</p>
        </div>
    }
}
