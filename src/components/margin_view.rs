//! Margins: one market's unit economics (the waterfall from shelf price to contribution, the
//! assumptions behind it, break-even and payback, goal seek, and what moves the margin), and
//! every market's contribution, break-even and payback in one table.

use beachhead_charts::margin_charts::{
    compact_usd, draw_margin_curve, draw_payback, draw_waterfall, WaterfallStep,
};
use beachhead_charts::uncertainty_chart::{draw_tornado, TornadoRow};
use beachhead_engine::economics::{
    margin_tornado, market_economics, target_margin, AssumptionField, Assumptions, EconomicsSort,
    Editing, FieldError, Inputs, MarketAssumptions, OutOfRange, Payback, PaybackReading, Unit,
    UnitEconomics, PAYBACK_CHART_MONTHS, PAYBACK_HORIZON_MONTHS,
};
use leptos::prelude::*;

use crate::components::canvas_chart::CanvasChart;
use crate::components::data_table::{CsvButton, DataTable, TableData};
use crate::explorer::Explorer;
use crate::format;
use crate::i18n::{data_text, t, tf};

/// One market's resolved inputs and results, with what the page needs to show prices locally.
#[derive(Debug, Clone, PartialEq)]
struct Current {
    iso3: String,
    name: String,
    /// The SKU shown, by position in the products, and every SKU's name.
    sku: usize,
    skus: Vec<String>,
    /// The market's economics blended over the SKUs' unit mix.
    blended: Option<UnitEconomics>,
    currency: String,
    usd_per_unit: f64,
    inputs: Inputs,
    economics: UnitEconomics,
}

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

fn payback_text(months: Option<f64>) -> String {
    match PaybackReading::of(months) {
        PaybackReading::Never => t("never").into(),
        PaybackReading::BeyondHorizon => tf("over {}", &[&format!("{PAYBACK_HORIZON_MONTHS:.0}")]),
        PaybackReading::Within(m) => format!("{m:.1}"),
    }
}

fn money(usd: f64) -> String {
    format!("US$ {usd:.2}")
}

/// A waterfall step's amount as the chart labels it, with an ASCII minus so a spreadsheet reads
/// the CSV as numbers: totals as they are, deductions negative ("0.00" when they round to nothing).
pub fn waterfall_amount(step: &WaterfallStep) -> String {
    if step.total {
        format!("{:.2}", step.usd)
    } else {
        match -step.usd {
            d if d < 0.005 => "0.00".to_owned(),
            d => format!("-{d:.2}"),
        }
    }
}

/// Whole US dollars for a table cell: "-2,500", "0", "350".
fn whole_usd(usd: f64) -> String {
    // Adding zero turns a rounded −0 into 0.
    let usd = usd.round() + 0.0;
    if usd.abs() >= 1000.0 {
        format::value(usd, "")
    } else {
        format!("{usd:.0}")
    }
}

/// Two decimals, or a dash for a value the chart leaves out.
fn cents(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.2}")
    } else {
        "–".into()
    }
}

/// What the user chose and typed in the view: it outlives the view, which is on the page only
/// while open.
#[derive(Clone, Copy)]
pub struct MarginState {
    sku: RwSignal<usize>,
    target: RwSignal<String>,
    /// Edits not yet applied: see the form.
    draft: RwSignal<Option<Assumptions>>,
    draft_problems: RwSignal<Vec<String>>,
    sort: RwSignal<EconomicsSort>,
}

impl Default for MarginState {
    fn default() -> Self {
        Self {
            sku: RwSignal::new(0),
            target: RwSignal::new("20".into()),
            draft: RwSignal::new(None),
            draft_problems: RwSignal::new(Vec::new()),
            sort: RwSignal::new(EconomicsSort::Margin),
        }
    }
}

#[component]
pub fn MarginView(explorer: Explorer, state: MarginState) -> impl IntoView {
    let MarginState {
        sku,
        target,
        draft,
        draft_problems,
        sort,
    } = state;
    let current = Memo::new(move |_| {
        let market = explorer.selected_market()?;
        let sku = sku.get();
        explorer.dataset.with(|d| {
            explorer.assumptions.with(|a| {
                let m = d.markets().get(market)?;
                let sku = sku.min(a.products.len().saturating_sub(1));
                let inputs = Inputs::resolve(a, d, market, sku).ok()?;
                let currency = inputs.price_currency().to_owned();
                let usd_per_unit = a.usd_per_unit(&currency);
                Some(Current {
                    iso3: m.iso3.clone(),
                    name: m.name.clone(),
                    sku,
                    skus: a.products.iter().map(|p| p.name.clone()).collect(),
                    blended: market_economics(a, d, market).ok().map(|e| e.blended),
                    currency,
                    usd_per_unit,
                    economics: inputs.economics(),
                    inputs,
                })
            })
        })
    });
    let missing_reason = move || {
        let market = explorer.selected_market()?;
        explorer.dataset.with(|d| {
            explorer
                .assumptions
                .with(|a| Inputs::resolve(a, d, market, 0).err())
        })
    };
    let steps = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                c.economics
                    .waterfall()
                    .into_iter()
                    .map(|s| WaterfallStep {
                        label: data_text(s.label).to_owned(),
                        usd: s.usd,
                        total: s.total,
                    })
                    .collect()
            })
        })
    });
    let waterfall_summary = Memo::new(move |_| {
        steps.with(|s| {
            let parts: Vec<String> = s
                .iter()
                .map(|s| format!("{} {:.2}", s.label, s.usd))
                .collect();
            tf("Price waterfall, US$ per unit: {}", &[&parts.join("; ")])
        })
    });
    let waterfall_table = Memo::new(move |_| {
        steps.with(|s| {
            TableData::new(
                &[t("Step"), t("US$ per unit")],
                s.iter()
                    .map(|s| vec![s.label.clone(), waterfall_amount(s)])
                    .collect(),
            )
        })
    });
    let payback = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or(
                Payback {
                    monthly_contribution_usd: 0.0,
                    fixed_usd: 0.0,
                },
                |c| Payback::of(&c.economics),
            )
        })
    });
    // As drawn: cumulative contribution each month to the horizon, and the fixed-cost line.
    let payback_table = Memo::new(move |_| {
        let p = payback.get();
        TableData::new(
            &[
                t("Months after launch"),
                t("Cumulative contribution (US$)"),
                t("Fixed entry cost (US$)"),
            ],
            p.series(PAYBACK_CHART_MONTHS)
                .into_iter()
                .map(|(m, cumulative)| {
                    vec![m.to_string(), whole_usd(cumulative), whole_usd(p.fixed_usd)]
                })
                .collect(),
        )
    });
    let payback_summary = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(String::new, |c| match c.economics.payback_months {
                Some(m) => tf("Cumulative contribution passes the fixed entry cost of {} after {} months", &[&compact_usd(c.economics.fixed_usd), &format!("{m:.1}")]),
                None => t("The launch never pays back: each unit loses money or no units are forecast").into(),
            })
        })
    });
    let tornado_rows = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                margin_tornado(&c.inputs, 0.1)
                    .into_iter()
                    .map(|s| TornadoRow {
                        label: data_text(s.input).to_owned(),
                        low: s.contribution_low,
                        high: s.contribution_high,
                    })
                    .collect()
            })
        })
    });
    let tornado_base = Memo::new(move |_| {
        current.with(|c| c.as_ref().map_or(0.0, |c| c.economics.contribution_usd))
    });
    let tornado_table = Memo::new(move |_| {
        tornado_rows.with(|rows| {
            TableData::new(
                &[
                    t("Input"),
                    t("Contribution, input 10% lower (US$)"),
                    t("Contribution, input 10% higher (US$)"),
                ],
                rows.iter()
                    .map(|r| vec![r.label.clone(), cents(r.low), cents(r.high)])
                    .collect(),
            )
        })
    });
    let tornado_summary = Memo::new(move |_| {
        tornado_rows.with(|rows| {
            let parts: Vec<String> = rows
                .iter()
                .map(|r| {
                    tf(
                        "{}: {} to {}",
                        &[
                            &r.label,
                            &format!("{:.2}", r.low),
                            &format!("{:.2}", r.high),
                        ],
                    )
                })
                .collect();
            tf(
                "Contribution per unit with each input 10% lower and higher: {}",
                &[&parts.join("; ")],
            )
        })
    });
    let goal = move || {
        let Some(target_pct) = target.with(|text| target_margin(text)) else {
            return t("Enter a target margin from 0 to 100%.").to_owned();
        };
        current.with(|c| {
            let Some(c) = c else { return String::new() };
            let price = c.inputs.price_for_margin(target_pct).map_or_else(
                || t("no price reaches it (price-linked costs take more)").to_owned(),
                |usd| {
                    tf(
                        "a retail price of {} {} ({})",
                        &[
                            &c.currency,
                            &format!("{:.0}", usd / c.usd_per_unit),
                            &money(usd),
                        ],
                    )
                },
            );
            let bom = c.inputs.max_bom_for_margin(target_pct).map_or_else(
                || t("no bill of materials reaches it at this price").to_owned(),
                |b| tf("a bill of materials of at most {}", &[&money(b)]),
            );
            tf(
                "{}% needs {}, or at today's price {}.",
                &[&target_pct, &price, &bom],
            )
        })
    };
    // Edits go to the draft (in the state); the draft replaces the assumptions in use only when
    // the market's assumptions are valid as a whole (channel shares can be rebalanced one field
    // at a time). The form is rebuilt when the market changes, never while the user types in it (a rebuild
    // would take the focus away mid-number).
    let form_market =
        Memo::new(move |_| current.with(|c| c.as_ref().map(|c| (c.iso3.clone(), c.sku))));
    let form = move || {
        form_market.get()?;
        current.get_untracked().map(|c| {
            let iso3 = c.iso3.clone();
            let editing = Editing {
                sku: c.sku,
                sku_name: c.inputs.product.name.clone(),
                currency: c.currency.clone(),
            };
            let rows = AssumptionField::for_market(&c.inputs.market, &c.currency).into_iter().map(|field| {
                let meta = field.meta();
                let error = RwSignal::new(None::<String>);
                let value = field.read(&c.inputs, c.usd_per_unit);
                let code = iso3.clone();
                let editing = editing.clone();
                let testid = format!("assumption-{}", field.id());
                let label = field_label(field, &c.inputs.market, &c.currency);
                let unit = unit_text(meta.unit, &c.currency);
                let step = meta.step.map_or_else(|| "any".to_owned(), |s| s.to_string());
                view! {
                    <label class="assumption" class:invalid=move || error.with(Option::is_some)>
                        <span class="assumption-label">{label.clone()}</span>
                        <input
                            type="number"
                            step=step
                            min=meta.range.min.to_string()
                            max=meta.range.max.map(|m| m.to_string())
                            data-testid=testid
                            value=format::trim_number(value)
                            aria-invalid=move || error.with(Option::is_some).to_string()
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                let value = match field.parse(&text) {
                                    Ok(v) => v,
                                    Err(why) => {
                                        error.set(Some(field_error(&label, why, &text)));
                                        return;
                                    }
                                };
                                error.set(None);
                                let mut next = draft.get_untracked().unwrap_or_else(|| explorer.assumptions.get_untracked());
                                let Ok(mut market) = next.for_market(&code) else { return };
                                field.write(&mut next, &mut market, &editing, value);
                                let problems = next.check_market(&code, &market);
                                if let Err(why) = next.set_market(&code, &market) {
                                    error.set(Some(why));
                                    return;
                                }
                                if problems.is_empty() {
                                    draft.set(None);
                                    draft_problems.set(Vec::new());
                                    explorer.assumptions.set(next);
                                } else {
                                    draft_problems.set(problems.iter().map(|p| tf("{}: found {}; expected {}", &[&p.column.clone().unwrap_or_default(), &p.found, &p.expected])).collect());
                                    draft.set(Some(next));
                                }
                            }
                        />
                        <span class="assumption-unit">{unit}</span>
                        {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                    </label>
                }
            }).collect_view();
            view! {
                <div class="assumptions-form" data-testid="assumptions-form">{rows}</div>
            }
        })
    };
    let pending =
        move || {
            let problems = draft_problems.get();
            (!problems.is_empty()).then(|| view! {
            <div class="notice error draft" role="alert" data-testid="draft-problems">
                <p>{move || t("Not applied yet:")}</p>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        })
        };
    let curve = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                Assumptions::price_curve(&c.inputs, 0.6, 1.4, 41)
                    .into_iter()
                    .map(|(usd, pct)| (usd / c.usd_per_unit, pct))
                    .collect()
            })
        })
    });
    let curve_point = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or((0.0, 0.0), |c| {
                (
                    c.inputs.market.retail_price.amount,
                    c.economics.contribution_pct,
                )
            })
        })
    });
    let curve_table = Memo::new(move |_| {
        let price = current.with(|c| {
            c.as_ref()
                .map_or_else(String::new, |c| tf("Retail price ({})", &[&c.currency]))
        });
        let today = curve_point.get().0;
        curve.with(|points| {
            TableData::new(
                &[
                    price.as_str(),
                    t("Contribution margin (%)"),
                    t("% of today's price"),
                ],
                points
                    .iter()
                    .map(|&(p, m)| {
                        vec![
                            format!("{p:.0}"),
                            format!("{m:.1}"),
                            if today > 0.0 {
                                format!("{:.0}", p / today * 100.0)
                            } else {
                                "–".into()
                            },
                        ]
                    })
                    .collect(),
            )
        })
    });
    let curve_summary = Memo::new(move |_| {
        current.with(|c| {
            c.as_ref().map_or_else(String::new, |c| {
                let (lo, hi) = curve.with(|p| (p.first().copied().unwrap_or_default(), p.last().copied().unwrap_or_default()));
                tf(
                    "Contribution margin against retail price in {}: {}% at {}, {}% at {}; today {}%",
                    &[
                        &c.currency,
                        &format!("{:.1}", lo.1),
                        &format!("{:.0}", lo.0),
                        &format!("{:.1}", hi.1),
                        &format!("{:.0}", hi.0),
                        &format!("{:.1}", c.economics.contribution_pct),
                    ],
                )
            })
        })
    });
    let currency_label =
        move || current.with(|c| c.as_ref().map_or_else(String::new, |c| c.currency.clone()));
    let headline = move || {
        current.get().map(|c| {
            let e = &c.economics;
            let break_even = e.break_even_units.map_or_else(|| t("never").to_owned(), |u| tf("{} units", &[&format!("{:.0}", u.ceil())]));
            let payback = e.payback_months.map_or_else(|| t("never").to_owned(), |m| tf("{} months", &[&format!("{m:.1}")]));
            let picker = (c.skus.len() > 1).then(|| {
                let options = c.skus.iter().enumerate().map(|(i, name)| {
                    view! { <option value=i.to_string() selected=i == c.sku>{data_text(name).to_owned()}</option> }
                }).collect_view();
                view! {
                    <label class="picker">"SKU "
                        <select data-testid="sku-picker" on:change=move |ev| sku.set(event_target_value(&ev).parse().unwrap_or(0))>{options}</select>
                    </label>
                }
            });
            let blended = (c.skus.len() > 1).then(|| c.blended.clone()).flatten().map(|b| {
                view! {
                    <p class="blended" data-testid="blended">
                        {tf(
                            "All SKUs by unit mix: {} contribution per unit ({}%), break-even {}, payback {}.",
                            &[
                                &money(b.contribution_usd),
                                &format!("{:.1}", b.contribution_pct),
                                &b.break_even_units.map_or_else(|| t("never").to_owned(), |u| tf("{} units", &[&format!("{:.0}", u.ceil())])),
                                &if matches!(PaybackReading::of(b.payback_months), PaybackReading::Within(_)) {
                                    tf("{} months", &[&payback_text(b.payback_months)])
                                } else {
                                    payback_text(b.payback_months)
                                },
                            ],
                        )}
                    </p>
                }
            });
            view! {
                <h2 data-testid="margin-market">{tf("Margins in {}", &[&c.name])}</h2>
                {picker}
                {blended}
                <div class="kpis">
                    <div class="kpi"><span class="kpi-value" data-testid="kpi-contribution">{money(e.contribution_usd)}</span><span class="kpi-label">{t("contribution per unit")}</span></div>
                    <div class="kpi"><span class="kpi-value" data-testid="kpi-margin">{format!("{:.1}%", e.contribution_pct)}</span><span class="kpi-label">{t("of the net price")}</span></div>
                    <div class="kpi"><span class="kpi-value" data-testid="kpi-break-even">{break_even}</span><span class="kpi-label">{tf("to recover {} fixed costs", &[&compact_usd(e.fixed_usd)])}</span></div>
                    <div class="kpi"><span class="kpi-value" data-testid="kpi-payback">{payback}</span><span class="kpi-label">{tf("payback at {} units a year", &[&format!("{:.0}", e.annual_units)])}</span></div>
                </div>
                <p class="hint">{tf("Import VAT of {} per unit is paid at the border and recovered against output VAT, so it is not a cost here.", &[&money(e.import_vat_usd)])}</p>
            }
        })
    };

    view! {
        <div class="margin-view">
            <section class="card">
                {headline}
                {move || missing_reason().map(|why| view! { <p class="notice" data-testid="margin-missing">{tf("No economics for this market: {}.", &[&why])}</p> })}
                <p class="source-line">{move || t("Product, prices, costs and the FX table are illustrative (public/data/economics/assumptions.json): enter your own below. Duty and VAT come from the Data tab unless you set them.")}</p>
            </section>
            <Show when=move || current.with(Option::is_some)>
                <div class="margin-grid">
                    <section class="card" aria-labelledby="waterfall-title">
                        <h2 id="waterfall-title">{move || t("From shelf price to contribution")}</h2>
                        <CanvasChart
                            draw=move |backend, ratio| steps.with(|s| draw_waterfall(backend, s, ratio))
                            summary=waterfall_summary
                            testid="waterfall-chart"
                            class="waterfall-canvas"
                        />
                        <DataTable label="price waterfall data" data=waterfall_table testid="waterfall-chart-table"/>
                    </section>
                    <section class="card" aria-labelledby="assumptions-title">
                        <h2 id="assumptions-title">{move || t("Assumptions")}</h2>
                        <p class="hint">{move || t("Every change recomputes at once; a value out of range is named and not applied.")}</p>
                        {pending}
                        {form}
                    </section>
                </div>
                <div class="margin-grid">
                    <section class="card" aria-labelledby="payback-title">
                        <h2 id="payback-title">{move || t("Break-even and payback")}</h2>
                        <CanvasChart
                            draw=move |backend, ratio| {
                                let p = payback.get();
                                draw_payback(backend, p.monthly_contribution_usd, p.fixed_usd, PAYBACK_CHART_MONTHS, ratio)
                            }
                            summary=payback_summary
                            testid="payback-chart"
                            class="payback-canvas"
                        />
                        <DataTable label="payback data" data=payback_table testid="payback-chart-table"/>
                    </section>
                    <section class="card" aria-labelledby="curve-title">
                        <h2 id="curve-title">{move || t("Margin against price")}</h2>
                        <CanvasChart
                            draw=move |backend, ratio| curve.with(|p| draw_margin_curve(backend, p, curve_point.get(), ratio))
                            summary=curve_summary
                            testid="margin-curve"
                            class="payback-canvas"
                        />
                        <DataTable label="margin against price data" data=curve_table testid="margin-curve-table"/>
                        <p class="hint">{move || tf("Retail price in {} from 60% to 140% of today's (the dot); all else held.", &[&currency_label()])}</p>
                    </section>
                </div>
                <div class="margin-grid">
                    <section class="card" aria-labelledby="goal-title">
                        <h2 id="goal-title">{move || t("Goal seek")}</h2>
                        <label class="assumption">
                            <span class="assumption-label">{move || t("Target contribution margin")}</span>
                            <input type="number" step="any" data-testid="goal-target" prop:value=move || target.get()
                                on:input=move |ev| target.set(event_target_value(&ev))/>
                            <span class="assumption-unit">"%"</span>
                        </label>
                        <p data-testid="goal-result" class="goal">{goal}</p>
                        <h2>{move || t("What moves the margin")}</h2>
                        <CanvasChart
                            draw=move |backend, ratio| tornado_rows.with(|rows| draw_tornado(backend, rows, tornado_base.get(), ratio))
                            summary=tornado_summary
                            testid="margin-tornado"
                            class="tornado-canvas"
                        />
                        <DataTable label="what moves the margin data" data=tornado_table testid="margin-tornado-table"/>
                        <p class="hint">{move || t("Contribution per unit (US$) with each input 10% lower (orange) and higher (blue).")}</p>
                    </section>
                </div>
            </Show>
            <MarketsEconomicsTable explorer sort/>
        </div>
    }
}

#[component]
fn MarketsEconomicsTable(explorer: Explorer, sort: RwSignal<EconomicsSort>) -> impl IntoView {
    let rows = Memo::new(move |_| {
        let sort = sort.get();
        explorer.dataset.with(|d| {
            explorer.economics.with(|all| {
                let mut rows: Vec<(String, String, UnitEconomics)> = all
                    .iter()
                    .filter_map(|(m, e)| {
                        e.as_ref().ok().map(|e| {
                            (
                                d.markets()[*m].iso3.clone(),
                                d.markets()[*m].name.clone(),
                                e.clone(),
                            )
                        })
                    })
                    .collect();
                sort.sort(&mut rows, |r| &r.2);
                rows
            })
        })
    });
    let skipped = move || {
        explorer
            .economics
            .with(|all| all.iter().filter(|(_, e)| e.is_err()).count())
    };
    // Each column sorts best first: the highest margin, the fewest units, the soonest payback.
    let header = move |label: fn() -> &'static str, key: EconomicsSort| {
        let (aria, arrow) = if key.descending() {
            ("descending", " ▼")
        } else {
            ("ascending", " ▲")
        };
        view! {
            <th scope="col" class="num" aria-sort=move || if sort.get() == key { aria } else { "none" }>
                <button type="button" class="sort" on:click=move |_| sort.set(key)>{move || label()}{move || if sort.get() == key { arrow } else { "" }}</button>
            </th>
        }
    };
    let csv = Signal::derive(move || TableData {
        headers: [
            "Market",
            "ISO3",
            "Contribution per unit (US$)",
            "Margin %",
            "Break-even units",
            "Payback (months)",
        ]
        .map(String::from)
        .to_vec(),
        numeric: Vec::new(),
        rows: rows.with(|rows| {
            rows.iter()
                .map(|r| {
                    vec![
                        r.1.clone(),
                        r.0.clone(),
                        format!("{:.2}", r.2.contribution_usd),
                        format!("{:.1}", r.2.contribution_pct),
                        r.2.break_even_units
                            .map_or("never".into(), |u| format!("{:.0}", u.ceil())),
                        r.2.payback_months
                            .map_or("never".into(), |m| format!("{m:.1}")),
                    ]
                })
                .collect()
        }),
    });
    view! {
        <section class="card" aria-labelledby="all-margins-title">
            <h2 id="all-margins-title">{move || t("All markets")}</h2>
            <p class="subtitle">{move || tf("{} markets with the data to compute; {} lack duty, VAT or an exchange rate (set them in the assumptions). Best first; click a heading to sort.", &[&rows.with(Vec::len), &skipped()])}</p>
            <p class="table-actions"><CsvButton label="economics of all markets" data=csv testid="economics-table"/></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || t("Economics of all markets")>
                <table class="data-table" data-testid="economics-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t("Market")}</th>
                            <th scope="col" class="num">{move || t("Contribution / unit")}</th>
                            {header(|| t("Margin"), EconomicsSort::Margin)}
                            {header(|| t("Break-even units"), EconomicsSort::BreakEven)}
                            {header(|| t("Payback (months)"), EconomicsSort::Payback)}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| (r.0.clone(), format!("{:.4}", r.2.contribution_usd), format!("{:?}", r.2.payback_months)) let:r>
                            <tr>
                                <th scope="row">
                                    <button type="button" class="market-link" on:click={
                                        let code = r.0.clone();
                                        move |_| explorer.selected.set(Some(code.clone()))
                                    }>{r.1.clone()}</button>
                                </th>
                                <td class="num">{format!("{:.2}", r.2.contribution_usd)}</td>
                                <td class="num">{format!("{:.1}%", r.2.contribution_pct)}</td>
                                <td class="num">{
                                    let units = r.2.break_even_units;
                                    move || units.map_or_else(|| t("never").into(), |u| format::value(u.ceil(), "units"))
                                }</td>
                                <td class="num">{
                                    let months = r.2.payback_months;
                                    move || payback_text(months)
                                }</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
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
        let text = include_str!("../../public/data/economics/assumptions.json");
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
