//! A slider per criterion weight, with each weight's share of the total.

use leptos::prelude::*;

use crate::explorer::{CriterionInfo, Explorer, WEIGHT_MAX};
use beachhead_engine::Status;

#[component]
pub fn WeightsPanel(explorer: Explorer) -> impl IntoView {
    let weights = explorer.weights;
    let shares = explorer.weight_shares;
    let reset = move |_| weights.set(explorer.default_weights.get_value());
    let slider = move |i: usize, c: CriterionInfo| {
        let input_id = format!("weight-{}", c.id);
        let aria = format!("Weight of {}", c.label);
        let mut notes = vec![c.unit.clone()];
        if c.log_transform {
            notes.push("log scale".into());
        }
        if c.lower_is_better {
            notes.push("lower is better".into());
        }
        if c.status != Status::Measured {
            notes.push(c.status.label().into());
        }
        if c.unavailable {
            notes.push("not in the data in use".into());
        }
        let detail = notes.join(", ");
        let swatch = format!("background:{}", c.color);
        let id = c.id.clone();
        let value_id = c.id.clone();
        view! {
            <div class="weight">
                <label for=input_id.clone()>
                    <span class="swatch" style=swatch></span>
                    <span class="weight-name">{c.label.clone()}</span>
                    <span class="weight-share" data-testid=format!("share-{}", c.id)>
                        {move || format!("{:.0}%", 100.0 * shares.with(|s| s.get(i).copied().unwrap_or(0.0)))}
                    </span>
                </label>
                <input
                    id=input_id.clone()
                    data-testid=input_id
                    type="range"
                    min="0"
                    max=WEIGHT_MAX.to_string()
                    step="1"
                    aria-label=aria
                    prop:value=move || weights.with(|w| w.get(&value_id).copied().unwrap_or(0.0)).to_string()
                    on:input=move |ev| {
                        if let Ok(value) = event_target_value(&ev).parse::<f64>() {
                            explorer.set_weight(&id, value);
                        }
                    }
                />
                <span class="weight-detail">{detail}</span>
            </div>
        }
    };
    let numbered_criteria = move || {
        explorer
            .criteria
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    view! {
        <section class="card weights" aria-labelledby="weights-title">
            <div class="card-head">
                <h2 id="weights-title">"Weights"</h2>
                <button type="button" class="link-button" data-testid="reset-weights" on:click=reset>
                    "Reset"
                </button>
            </div>
            <p class="hint">"Move a slider to change how much an indicator counts. The ranking updates as you move."</p>
            <For
                each=numbered_criteria
                key=|(i, c)| (*i, c.clone().id, c.label.clone(), c.unavailable)
                children=move |(i, c)| slider(i, c)
            />
        </section>
    }
}
