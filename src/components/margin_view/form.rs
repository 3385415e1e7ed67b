//! The assumptions card: a field per assumption, as the engine defines them (label, unit,
//! range, step), and the draft of edits not yet applied.

use beachhead_engine::economics::{
    AssumptionField, Assumptions, Editing, FieldError, MarketAssumptions, OutOfRange, Unit,
};
use beachhead_engine::Problem;
use leptos::prelude::*;

use super::Current;
use crate::format;
use crate::i18n::{data_text, phrase, t, tf};
use crate::state::explorer::Explorer;

/// A field's label in the language in use, its `{}` filled with the channel's name or the
/// currency.
fn field_label(field: AssumptionField, market: &MarketAssumptions, currency: &str) -> String {
    let label = field.meta().label;
    match field {
        AssumptionField::ChannelShare(c) | AssumptionField::ChannelMargin(c) => {
            let name = market.channels.get(c).map_or("", |x| x.name.as_str());
            tf(label, &[&data_text(name)])
        }
        AssumptionField::ExchangeRate => tf(label, &[&currency]),
        _ => t(label).to_owned(),
    }
}

fn unit_text(unit: Unit, currency: &str) -> String {
    match unit {
        Unit::Usd => "US$".into(),
        Unit::Local => currency.to_owned(),
        Unit::Percent("%") => "%".into(),
        Unit::Percent(of) => t(of).into(),
        Unit::Years => t("years").into(),
    }
}

/// Why `text` was not taken for the field labelled `label`.
fn field_error(label: &str, error: FieldError, text: &str) -> String {
    match error {
        FieldError::NotANumber => tf("{}: \"{}\" is not a number", &[&label, &text]),
        FieldError::OutOfRange(OutOfRange::Low {
            exclusive: true, ..
        }) => tf("{}: must be above 0", &[&label]),
        FieldError::OutOfRange(OutOfRange::Low { .. }) => tf("{}: must be 0 or more", &[&label]),
        FieldError::OutOfRange(OutOfRange::High { max }) => tf("{}: at most {}", &[&label, &max]),
    }
}

/// A draft's problem by its field alone: the file is the form itself.
fn draft_problem_text(p: &Problem) -> String {
    tf(
        "{}: found {}; expected {}",
        &[
            &p.column.clone().unwrap_or_default(),
            &phrase(&p.found),
            &phrase(&p.expected),
        ],
    )
}

/// Where edits go: the draft (in the view's state) replaces the assumptions in use only when
/// the market's assumptions are valid as a whole, since channel shares are rebalanced one
/// field at a time.
#[derive(Clone, Copy)]
pub(super) struct Draft {
    pub explorer: Explorer,
    pub draft: RwSignal<Option<Assumptions>>,
    pub problems: RwSignal<Vec<Problem>>,
}

impl Draft {
    /// Writes `value` into the market `code`'s assumptions; Err when they cannot be recorded.
    fn apply(
        self,
        code: &str,
        field: AssumptionField,
        editing: &Editing,
        value: f64,
    ) -> Result<(), String> {
        let mut next = self
            .draft
            .get_untracked()
            .unwrap_or_else(|| self.explorer.assumptions.get_untracked());
        let Ok(mut market) = next.for_market(code) else {
            return Ok(());
        };
        field.write(&mut next, &mut market, editing, value);
        let problems = next.check_market(code, &market);
        next.set_market(code, &market)?;
        if problems.is_empty() {
            self.draft.set(None);
            self.problems.set(Vec::new());
            self.explorer.assumptions.set(next);
        } else {
            self.problems.set(problems);
            self.draft.set(Some(next));
        }
        Ok(())
    }
}

/// One assumption's input, showing `value` and writing through `draft`.
#[component]
fn AssumptionRow(
    field: AssumptionField,
    label: String,
    unit: String,
    value: f64,
    /// The market's ISO3 code.
    code: String,
    editing: Editing,
    draft: Draft,
) -> impl IntoView {
    let meta = field.meta();
    let error = RwSignal::new(None::<String>);
    let step = meta
        .step
        .map_or_else(|| "any".to_owned(), |s| s.to_string());
    let shown = label.clone();
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        match field.parse(&text) {
            Ok(value) => {
                error.set(None);
                if let Err(why) = draft.apply(&code, field, &editing, value) {
                    error.set(Some(why));
                }
            }
            Err(why) => error.set(Some(field_error(&label, why, &text))),
        }
    };
    view! {
        <label class="assumption" class:invalid=move || error.with(Option::is_some)>
            <span class="assumption-label">{shown}</span>
            <input
                type="number"
                step=step
                min=meta.range.min.to_string()
                max=meta.range.max.map(|m| m.to_string())
                data-testid=format!("assumption-{}", field.id())
                value=format::trim_number(value)
                aria-invalid=move || error.with(Option::is_some).to_string()
                on:input=on_input
            />
            <span class="assumption-unit">{unit}</span>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </label>
    }
}

#[component]
pub(super) fn AssumptionsCard(current: Memo<Option<Current>>, draft: Draft) -> impl IntoView {
    // Rebuilt when the market or SKU changes, never while the user types in it (a rebuild
    // would take the focus away mid-number).
    let form_market =
        Memo::new(move |_| current.with(|c| c.as_ref().map(|c| (c.iso3.clone(), c.sku))));
    let form = move || {
        form_market.get()?;
        current.get_untracked().map(|c| {
            let editing = Editing {
                sku: c.sku,
                sku_name: c.inputs.product.name.clone(),
                currency: c.currency.clone(),
            };
            let rows = AssumptionField::for_market(&c.inputs.market, &c.currency)
                .into_iter()
                .map(|field| {
                    let label = field_label(field, &c.inputs.market, &c.currency);
                    let unit = unit_text(field.meta().unit, &c.currency);
                    let value = field.read(&c.inputs, c.usd_per_unit);
                    let (code, editing) = (c.iso3.clone(), editing.clone());
                    view! { <AssumptionRow field label unit value code editing draft/> }
                })
                .collect_view();
            view! { <div class="assumptions-form" data-testid="assumptions-form">{rows}</div> }
        })
    };
    let pending = move || {
        let problems = draft.problems.get();
        (!problems.is_empty()).then(|| view! {
            <div class="notice error draft" role="alert" data-testid="draft-problems">
                <p>{move || t("Not applied yet:")}</p>
                <ul>{problems.iter().map(|p| view! { <li>{draft_problem_text(p)}</li> }).collect_view()}</ul>
            </div>
        })
    };
    view! {
        <section class="card" aria-labelledby="assumptions-title">
            <h2 id="assumptions-title">{move || t("Assumptions")}</h2>
            <p class="hint">{move || t("Every change recomputes at once; a value out of range is named and not applied.")}</p>
            {pending}
            {form}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{data_text_in, Lang};

    /// The i18n test reads the literals the sources pass to `t` and `tf`; the fields' labels
    /// and units come from the engine, so they are checked here.
    #[test]
    fn every_fields_label_and_unit_has_chinese() {
        let text = include_str!("../../../public/data/economics/assumptions.json");
        let Ok(a) = Assumptions::from_json("assumptions.json", text) else {
            panic!("the bundled assumptions load");
        };
        let mut missing = Vec::new();
        for field in AssumptionField::for_market(&a.defaults, "HKD") {
            let meta = field.meta();
            let unit = match meta.unit {
                Unit::Percent(of) if of != "%" => Some(of),
                Unit::Years => Some("years"),
                _ => None,
            };
            for english in std::iter::once(meta.label).chain(unit) {
                if data_text_in(Lang::Zh, english) == english {
                    missing.push(english);
                }
            }
        }
        assert!(missing.is_empty(), "no Chinese for {missing:?}");
    }
}
