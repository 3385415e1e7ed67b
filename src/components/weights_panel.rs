//! A slider per criterion weight, with each weight's share of the total.

use leptos::prelude::*;

use crate::explorer::{Explorer, WEIGHT_MAX};

#[component]
pub fn WeightsPanel(explorer: Explorer) -> impl IntoView {
    let weights = explorer.weights;
    let shares = explorer.weight_shares;
    let reset = move |_| weights.set(explorer.default_weights.get_value());
    let sliders = explorer.criteria.with_value(|criteria| {
        criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let input_id = format!("weight-{}", c.id);
                let label = c.label.clone();
                let aria = format!("Weight of {}", c.label);
                let detail = format!(
                    "{}{}{}",
                    c.unit,
                    if c.log_transform { ", log scale" } else { "" },
                    if c.lower_is_better { ", lower is better" } else { "" }
                );
                let swatch = format!("background:{}", c.color);
                view! {
                    <div class="weight">
                        <label for=input_id.clone()>
                            <span class="swatch" style=swatch></span>
                            <span class="weight-name">{label}</span>
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
                            prop:value=move || weights.with(|w| w.get(i).copied().unwrap_or(0.0)).to_string()
                            on:input=move |ev| {
                                if let Ok(value) = event_target_value(&ev).parse::<f64>() {
                                    weights.update(|w| {
                                        if let Some(slot) = w.get_mut(i) {
                                            *slot = value.clamp(0.0, WEIGHT_MAX);
                                        }
                                    });
                                }
                            }
                        />
                        <span class="weight-detail">{detail}</span>
                    </div>
                }
            })
            .collect_view()
    });
    view! {
        <section class="card weights" aria-labelledby="weights-title">
            <div class="card-head">
                <h2 id="weights-title">"Weights"</h2>
                <button type="button" class="link-button" data-testid="reset-weights" on:click=reset>
                    "Reset"
                </button>
            </div>
            <p class="hint">"Move a slider to change how much an indicator counts. The ranking updates as you move."</p>
            {sliders}
        </section>
    }
}
