//! A slider per pillar, each expandable to a slider per indicator, with every weight's share
//! of its parent and a line on why it weighs what it does.

use leptos::prelude::*;

use crate::explorer::{
    CriterionInfo, Explorer, PillarInfo, INDICATOR_WEIGHT_MAX, PILLAR_WEIGHT_MAX,
};
use beachhead_engine::{Aggregation, Normalisation, Status};

fn aggregation_picker(
    explorer: Explorer,
    id: String,
    default: Aggregation,
    label: &'static str,
) -> impl IntoView {
    let current = {
        let id = id.clone();
        move || {
            explorer
                .aggregations
                .with(|a| a.get(&id).copied().unwrap_or(default))
        }
    };
    let is_arithmetic = {
        let current = current.clone();
        move || current() == Aggregation::Arithmetic
    };
    let testid = format!("aggregation-{id}");
    view! {
        <label class="method">
            {label}
            <select data-testid=testid on:change=move |ev| {
                let choice = if event_target_value(&ev) == "geometric" {
                    Aggregation::Geometric
                } else {
                    Aggregation::Arithmetic
                };
                explorer.aggregations.update(|a| {
                    a.insert(id.clone(), choice);
                });
            }>
                <option value="arithmetic" selected=is_arithmetic>"arithmetic mean"</option>
                <option value="geometric" selected=move || current() == Aggregation::Geometric>"geometric mean"</option>
            </select>
        </label>
    }
}

fn normalisation_picker(explorer: Explorer, c: &CriterionInfo) -> impl IntoView {
    let id = c.id.clone();
    let default = c.normalisation;
    let mut options: Vec<(&'static str, Normalisation, String)> = Vec::new();
    if let Normalisation::Goalposts { min, max } = default {
        options.push(("goalposts", default, format!("goalposts {min}-{max}")));
    }
    options.push(("min_max", Normalisation::MinMax, "min-max".into()));
    options.push(("z_score", Normalisation::ZScore, "z-score".into()));
    options.push(("rank", Normalisation::Rank, "rank".into()));
    let current = {
        let id = id.clone();
        move || {
            explorer
                .normalisations
                .with(|n| n.get(&id).copied().unwrap_or(default))
        }
    };
    let choices = options.clone();
    view! {
        <label class="method">
            "Method "
            <select data-testid=format!("normalisation-{}", c.id) on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some((_, method, _)) = choices.iter().find(|(key, _, _)| *key == value) {
                    explorer.normalisations.update(|n| {
                        n.insert(id.clone(), *method);
                    });
                }
            }>
                {options.into_iter().map(|(key, method, text)| {
                    let current = current.clone();
                    view! { <option value=key selected=move || current() == method>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

fn weight_slider(
    explorer: Explorer,
    id: String,
    label: String,
    swatch: Option<String>,
    detail: String,
    max: f64,
) -> impl IntoView {
    let weights = explorer.weights;
    let shares = explorer.weight_shares;
    let input_id = format!("weight-{id}");
    let share_id = id.clone();
    let value_id = id.clone();
    let aria = format!("Weight of {label}");
    view! {
        <div class="weight">
            <label for=input_id.clone()>
                {swatch.map(|s| view! { <span class="swatch" style:background=s></span> })}
                <span class="weight-name">{label}</span>
                <span class="weight-share" data-testid=format!("share-{id}")>
                    {move || format!("{:.0}%", 100.0 * shares.with(|s| s.get(&share_id).copied().unwrap_or(0.0)))}
                </span>
            </label>
            <input
                id=input_id.clone()
                data-testid=input_id
                type="range"
                min="0"
                max=max.to_string()
                step="1"
                aria-label=aria
                prop:value=move || weights.with(|w| w.get(&value_id).copied().unwrap_or(0.0)).to_string()
                on:input=move |ev| {
                    if let Ok(value) = event_target_value(&ev).parse::<f64>() {
                        explorer.set_weight(&id, value.min(max));
                    }
                }
            />
            <span class="weight-detail">{detail}</span>
        </div>
    }
}

fn indicator_detail(c: &CriterionInfo) -> String {
    let mut notes = vec![c.method.clone()];
    if !c.unit.is_empty() {
        notes.insert(0, c.unit.clone());
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
    let mut text = notes.join(", ");
    if !c.rationale.is_empty() {
        text = format!("{}. {text}", c.rationale.trim_end_matches('.'));
    }
    text
}

fn pillar_block(explorer: Explorer, pillar: PillarInfo) -> impl IntoView {
    let single_leaf = pillar.indicators.len() == 1 && pillar.indicators[0].id == pillar.id;
    let children = (!single_leaf).then(|| {
        let count = pillar.indicators.len();
        let sliders = pillar
            .indicators
            .iter()
            .map(|c| {
                view! {
                    {weight_slider(explorer, c.id.clone(), c.label.clone(), None, indicator_detail(c), INDICATOR_WEIGHT_MAX)}
                    {normalisation_picker(explorer, c)}
                }
            })
            .collect_view();
        let aggregation = pillar
            .aggregation
            .map(|a| aggregation_picker(explorer, pillar.id.clone(), a, "Pillar from indicators by "));
        view! {
            <details class="indicators">
                <summary>{format!("{count} indicator{}", if count == 1 { "" } else { "s" })}</summary>
                {aggregation}
                {sliders}
            </details>
        }
    });
    let detail = if single_leaf {
        indicator_detail(&pillar.indicators[0])
    } else {
        pillar.rationale.clone()
    };
    view! {
        <div class="pillar" data-testid=format!("pillar-{}", pillar.id)>
            {weight_slider(explorer, pillar.id.clone(), pillar.label.clone(), Some(pillar.color.clone()), detail, PILLAR_WEIGHT_MAX)}
            {children}
        </div>
    }
}

#[component]
pub fn WeightsPanel(explorer: Explorer) -> impl IntoView {
    let reset = move |_| explorer.reset();
    let root = explorer.model.with_untracked(|m| {
        (
            m.root.id.clone(),
            m.root.aggregation.unwrap_or(Aggregation::Arithmetic),
        )
    });
    view! {
        <section class="card weights" aria-labelledby="weights-title">
            <div class="card-head">
                <h2 id="weights-title">"Weights"</h2>
                <button type="button" class="link-button" data-testid="reset-weights" on:click=reset>
                    "Reset"
                </button>
            </div>
            <p class="hint">"Move a slider to change how much a pillar, or an indicator within it, counts. The ranking updates as you move."</p>
            {aggregation_picker(explorer, root.0, root.1, "Score from pillars by ")}
            {move || {
                let problems = explorer.model_problems.get();
                (!problems.is_empty()).then(|| view! {
                    <ul class="notice error model-problems" role="alert">
                        {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                })
            }}
            <For
                each=move || explorer.pillars.get()
                key=|p| (p.id.clone(), p.indicators.len(), p.indicators.iter().any(|i| i.unavailable))
                children=move |p| pillar_block(explorer, p)
            />
        </section>
    }
}
