//! A slider per pillar, each expandable to a slider per indicator, with every weight's share
//! of its parent and a line on why it weighs what it does.

use leptos::prelude::*;

use crate::components::illustrative_layers::{IllustrativeSwitch, WeightStatusLine};
use crate::i18n::{data_text, t, tf};
use crate::state::data_catalogue::status_text;
use crate::state::explorer::{
    CriterionInfo, Explorer, PillarInfo, INDICATOR_WEIGHT_MAX, PILLAR_WEIGHT_MAX,
};
use beachhead_engine::{Aggregation, Normalisation, Status};

fn aggregation_picker(
    explorer: Explorer,
    id: String,
    default: Aggregation,
    label: fn() -> &'static str,
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
            {move || label()}" "
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
                <option value="arithmetic" selected=is_arithmetic>{move || t("arithmetic mean")}</option>
                <option value="geometric" selected=move || current() == Aggregation::Geometric>{move || t("geometric mean")}</option>
            </select>
        </label>
    }
}

fn normalisation_picker(explorer: Explorer, c: &CriterionInfo) -> impl IntoView {
    let id = c.id.clone();
    let default = c.normalisation;
    let mut options: Vec<(&'static str, Normalisation)> = Vec::new();
    if let Normalisation::Goalposts { .. } = default {
        options.push(("goalposts", default));
    }
    options.push(("min_max", Normalisation::MinMax));
    options.push(("z_score", Normalisation::ZScore));
    options.push(("rank", Normalisation::Rank));
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
            {move || t("Method")}" "
            <select data-testid=format!("normalisation-{}", c.id) on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some((_, method)) = choices.iter().find(|(key, _)| *key == value) {
                    explorer.normalisations.update(|n| {
                        n.insert(id.clone(), *method);
                    });
                }
            }>
                {options.into_iter().map(|(key, method)| {
                    let current = current.clone();
                    view! { <option value=key selected=move || current() == method>{move || method_text(method)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// A normalisation method's name, in the language in use.
fn method_text(method: Normalisation) -> String {
    match method {
        Normalisation::Goalposts { min, max } => tf("goalposts {}-{}", &[&min, &max]),
        Normalisation::MinMax => t("min-max").into(),
        Normalisation::ZScore => t("z-score").into(),
        Normalisation::Rank => t("rank").into(),
    }
}

fn weight_slider(
    explorer: Explorer,
    id: String,
    label: String,
    swatch: Option<String>,
    detail: impl IntoView + 'static,
    max: f64,
) -> impl IntoView {
    let weights = explorer.weights;
    let shares = explorer.weight_shares;
    let input_id = format!("weight-{id}");
    let share_id = id.clone();
    let value_id = id.clone();
    let held_id = id.clone();
    let held = move || explorer.held_out.with(|h| h.contains(&held_id));
    let aria_label = label.clone();
    let aria = move || tf("Weight of {}", &[&data_text(&aria_label)]);
    view! {
        <div class="weight">
            <label for=input_id.clone()>
                {swatch.map(|s| view! { <span class="swatch" style:background=s></span> })}
                <span class="weight-name">{move || data_text(&label).to_owned()}</span>
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
                disabled=held.clone()
                title=move || held().then(|| t("An illustrative layer: switch on the illustrative layers to weigh it."))
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

/// Why an indicator weighs what it does and how it is scored, in the language in use.
fn indicator_detail(c: &CriterionInfo) -> String {
    // Worded here rather than read from `c.method`, so that it follows a language switch.
    let method = method_text(c.normalisation);
    let method = if c.log_transform {
        tf("log, {}", &[&method])
    } else {
        method
    };
    let mut notes = vec![method];
    if !c.unit.is_empty() {
        notes.insert(0, data_text(&c.unit).to_owned());
    }
    if c.lower_is_better {
        notes.push(t("lower is better").into());
    }
    if c.status != Status::Measured {
        notes.push(status_text(c.status).into());
    }
    if c.unavailable {
        notes.push(t("not in the data in use").into());
    }
    let mut text = notes.join(t(", "));
    if !c.rationale.is_empty() {
        let rationale = data_text(&c.rationale).trim_end_matches(['.', '。']);
        text = tf("{}. {}", &[&rationale, &text]);
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
                let info = c.clone();
                let detail = move || indicator_detail(&info);
                view! {
                    {weight_slider(explorer, c.id.clone(), c.label.clone(), None, detail, INDICATOR_WEIGHT_MAX)}
                    {normalisation_picker(explorer, c)}
                }
            })
            .collect_view();
        let aggregation = pillar
            .aggregation
            .map(|a| aggregation_picker(explorer, pillar.id.clone(), a, || t("Pillar from indicators by")));
        view! {
            <details class="indicators">
                <summary>{move || if count == 1 { tf("{} indicator", &[&count]) } else { tf("{} indicators", &[&count]) }}</summary>
                {aggregation}
                {sliders}
            </details>
        }
    });
    let leaf = single_leaf.then(|| pillar.indicators[0].clone());
    let rationale = pillar.rationale.clone();
    let detail = move || {
        leaf.as_ref()
            .map_or_else(|| data_text(&rationale).to_owned(), indicator_detail)
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
                <h2 id="weights-title">{move || t("Weights")}</h2>
                <button type="button" class="link-button" data-testid="reset-weights" on:click=reset>
                    {move || t("Reset")}
                </button>
            </div>
            <p class="hint">{move || t("Move a slider to change how much a pillar, or an indicator within it, counts. The ranking updates as you move.")}</p>
            <IllustrativeSwitch explorer=explorer testid="illustrative-switch"/>
            <WeightStatusLine explorer=explorer testid="weights-status"/>
            {aggregation_picker(explorer, root.0, root.1, || t("Score from pillars by"))}
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
