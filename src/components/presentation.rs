//! Presentation mode, for a country manager in a meeting room: full screen, large type, the
//! app around the charts hidden, and a story stepped with the arrow keys, from where demand is
//! to the decision.

use leptos::prelude::*;

use crate::i18n::{market_name, t, tf};
use crate::state::explorer::Explorer;
use crate::state::gate_board::GateBoard;
use crate::state::navigation::Tab;
use crate::state::presentation::{Presentation, STEPS};

/// A step's headline and line in the language in use.
fn caption(step: usize) -> (&'static str, &'static str) {
    match step {
        0 => (t("Where demand is"), t("Fans and resellers already ask for us here; interest ahead of readiness is demand waiting.")),
        1 => (t("Where we can win"), t("Readiness from public indicators, weighted as we decided.")),
        2 => (t("Whether we can make money"), t("Readiness against contribution margin: top right is ready and profitable.")),
        3 => (t("What the test markets say"), t("Sell-through against plan, flash sales, stock and service, week by week.")),
        _ => (t("The decision"), t("Every candidate against our go/no-go gates.")),
    }
}

/// The caption bar of the step shown, with the way through.
#[component]
pub fn PresentationBar(
    presentation: Presentation,
    explorer: Explorer,
    board: GateBoard,
) -> impl IntoView {
    // One line of fact under the story's headline, from the data as it is now.
    let fact = move |step: usize| -> String {
        match STEPS[step] {
            Tab::Ranking => explorer.chart_bars.with(|bars| {
                let top: Vec<&str> = bars.iter().take(5).map(|b| b.label.as_str()).collect();
                tf("Most ready: {}.", &[&top.join(", ")])
            }),
            Tab::Gates => board.rows.with(|rows| {
                use beachhead_engine::decision_board::{tally, with_decision};
                let go: Vec<&str> = with_decision(rows, beachhead_engine::gates::Decision::Go)
                    .map(|r| market_name(&r.iso3, &r.name))
                    .collect();
                let (_, test, _) = tally(rows);
                if go.is_empty() {
                    tf("No market clears every gate yet; {} pass the desk gates and need a test market.", &[&test])
                } else {
                    tf("Go: {}. Test first: {} markets.", &[&go.join(", "), &test])
                }
            }),
            _ => String::new(),
        }
    };
    view! {
        {move || presentation.step.get().map(|step| {
            let (title, line) = caption(step);
            view! {
                <div class="presentation-bar" role="region" aria-label=t("Presentation") data-testid="presentation-bar">
                    <div>
                        <p class="presentation-step">{tf("{} of {}", &[&(step + 1), &STEPS.len()])}</p>
                        <h2 data-testid="presentation-title">{title}</h2>
                        <p>{line}" "<strong>{fact(step)}</strong></p>
                    </div>
                    <div class="presentation-nav">
                        <button type="button" class="button secondary" aria-label=t("Previous") disabled=step == 0 on:click=move |_| {
                            presentation.show(step.saturating_sub(1));
                        }>"←"</button>
                        <button type="button" class="button secondary" aria-label=t("Next") disabled=step + 1 == STEPS.len() on:click=move |_| {
                            presentation.show((step + 1).min(STEPS.len() - 1));
                        }>"→"</button>
                        <button type="button" class="button secondary" data-testid="presentation-end" on:click=move |_| presentation.stop()>{t("End (Esc)")}</button>
                    </div>
                </div>
            }
        })}
    }
}
