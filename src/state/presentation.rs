//! Presentation mode's state: the step of the story shown, and the keys and full screen that
//! move through it and end it.

use leptos::prelude::*;

use crate::state::navigation::{Navigation, Tab};

/// The story: each step a view; `caption` says what it answers.
pub const STEPS: [Tab; 5] = [
    Tab::Demand,
    Tab::Ranking,
    Tab::Opportunity,
    Tab::TestMarkets,
    Tab::Gates,
];

#[derive(Clone, Copy)]
pub struct Presentation {
    /// The step shown; None when not presenting.
    pub step: RwSignal<Option<usize>>,
    navigation: Navigation,
}

impl Presentation {
    pub fn new(navigation: Navigation) -> Self {
        let this = Self {
            step: RwSignal::new(None),
            navigation,
        };
        let listener = window_event_listener(leptos::ev::keydown, move |ev| {
            let Some(step) = this.step.get_untracked() else {
                return;
            };
            let to = match ev.key().as_str() {
                "ArrowRight" | "PageDown" | " " => Some((step + 1).min(STEPS.len() - 1)),
                "ArrowLeft" | "PageUp" => Some(step.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(STEPS.len() - 1),
                "Escape" => {
                    this.stop();
                    None
                }
                _ => return,
            };
            ev.prevent_default();
            if let Some(to) = to {
                this.show(to);
            }
        });
        on_cleanup(move || listener.remove());
        // Leaving full screen with the browser's own Escape ends the presentation too.
        let exit = window_event_listener(
            leptos::ev::Custom::<leptos::ev::Event>::new("fullscreenchange"),
            move |_| {
                if document().fullscreen_element().is_none() && this.step.get_untracked().is_some()
                {
                    this.stop();
                }
            },
        );
        on_cleanup(move || exit.remove());
        this
    }

    pub fn show(&self, step: usize) {
        self.step.set(Some(step));
        self.navigation.go(STEPS[step]);
    }

    pub fn start(&self) {
        if let Some(root) = document().document_element() {
            // Refused outside a user gesture or in a frame without permission: the story runs in
            // the window as it is.
            let _ = root.request_fullscreen();
        }
        let _ = document()
            .body()
            .map(|b| b.class_list().add_1("presenting"));
        self.show(0);
    }

    pub fn stop(&self) {
        self.step.set(None);
        let _ = document()
            .body()
            .map(|b| b.class_list().remove_1("presenting"));
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
        // The charts get their room back.
        self.navigation.go(self.navigation.tab.get_untracked());
    }
}
