//! Saved scenarios in the browser's storage. Nothing is ever dropped silently: storage that
//! cannot be read is set aside under another key and named; storage written by a newer
//! Beachhead is left untouched; when storage is off or full, scenarios live in the page and the
//! user is told to export them.

use beachhead_engine::scenario::{read, ReadError, Scenario, ScenarioFile};
use leptos::prelude::*;

use crate::i18n::{phrase, t, tf};

pub const STORAGE_KEY: &str = "beachhead.scenarios";

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub error: bool,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct Scenarios {
    pub list: RwSignal<Vec<Scenario>>,
    pub message: RwSignal<Option<Message>>,
    /// False when the browser's storage cannot be written (off, or holding a newer format).
    pub persistent: RwSignal<bool>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

impl Scenarios {
    pub fn load() -> Self {
        let this = Self {
            list: RwSignal::new(Vec::new()),
            message: RwSignal::new(None),
            persistent: RwSignal::new(true),
        };
        let Some(store) = storage() else {
            this.persistent.set(false);
            this.say(false, t("This browser does not let Beachhead keep scenarios here (private browsing or an embedded page): they last until the page closes. Export them to keep them."));
            return this;
        };
        let Ok(Some(text)) = store.get_item(STORAGE_KEY) else {
            return this;
        };
        match read(&text) {
            Ok(file) => this.list.set(file.scenarios),
            Err(ReadError::Future(v)) => {
                this.persistent.set(false);
                this.say(true, &tf("Your saved scenarios were written by a newer Beachhead (format version {}). They are left as they are; scenarios you save now last until the page closes.", &[&v]));
            }
            Err(why) => {
                let why = phrase(&why.phrase());
                let aside = format!("{STORAGE_KEY}.unreadable.{}", now_iso());
                let kept = store.set_item(&aside, &text).is_ok();
                let _ = kept && store.remove_item(STORAGE_KEY).is_ok();
                this.say(true, &if kept {
                    tf("Your saved scenarios could not be read: {}. They were set aside, unchanged, under the storage key \"{}\", and a new list was started.", &[&why, &aside])
                } else {
                    this.persistent.set(false);
                    tf("Your saved scenarios could not be read: {}. They are left as they are; scenarios you save now last until the page closes.", &[&why])
                });
            }
        }
        this
    }

    fn say(&self, error: bool, text: &str) {
        self.message.set(Some(Message {
            error,
            text: text.to_owned(),
        }));
    }

    /// Writes the list; when that fails, says so, and the list stays in the page.
    fn persist(&self) {
        if !self.persistent.get_untracked() {
            return;
        }
        let text = self
            .list
            .with_untracked(|l| ScenarioFile::new(l.clone()).to_json());
        let written = storage().map(|s| s.set_item(STORAGE_KEY, &text));
        match written {
            Some(Ok(())) => {}
            Some(Err(_)) => self.say(true, t("The browser's storage is full, so this change was not saved there. Your scenarios are still here until the page closes: export them to keep them.")),
            None => self.say(true, t("The browser's storage is not available. Your scenarios are still here until the page closes: export them to keep them.")),
        }
    }

    fn unique_name(&self, wanted: &str) -> String {
        let wanted = wanted.trim();
        let base = if wanted.is_empty() {
            "Scenario"
        } else {
            wanted
        };
        let taken = |n: &str| self.list.with_untracked(|l| l.iter().any(|s| s.name == n));
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|i| format!("{base} ({i})"))
            .find(|n| !taken(n))
            .unwrap_or_else(|| base.to_owned())
    }

    pub fn save(&self, name: &str, state: String) {
        let name = self.unique_name(name);
        self.list.update(|l| {
            l.push(Scenario {
                name: name.clone(),
                saved: now_iso(),
                state,
            })
        });
        self.persist();
        if !self.persistent.get_untracked() {
            // Never a bare "Saved": it would read as kept in the browser.
            self.say(true, &tf("Saved \"{}\" for this page only: it cannot be kept in this browser's storage, so it lasts until the page closes. Export your scenarios to keep them.", &[&name]));
        } else if self
            .message
            .with_untracked(|m| m.as_ref().is_none_or(|m| !m.error))
        {
            self.say(false, &tf("Saved \"{}\".", &[&name]));
        }
    }

    pub fn rename(&self, index: usize, name: &str) {
        let name = name.trim();
        if name.is_empty()
            || self
                .list
                .with_untracked(|l| l.get(index).is_some_and(|s| s.name == name))
        {
            return;
        }
        let name = self.unique_name(name);
        self.list.update(|l| {
            if let Some(s) = l.get_mut(index) {
                s.name = name;
            }
        });
        self.persist();
    }

    pub fn duplicate(&self, index: usize) {
        let Some(copy) = self.list.with_untracked(|l| l.get(index).cloned()) else {
            return;
        };
        let name = self.unique_name(&tf("{} copy", &[&copy.name]));
        self.list.update(|l| {
            l.insert(
                index + 1,
                Scenario {
                    name,
                    saved: now_iso(),
                    ..copy
                },
            )
        });
        self.persist();
    }

    pub fn delete(&self, index: usize) {
        self.list.update(|l| {
            if index < l.len() {
                l.remove(index);
            }
        });
        self.persist();
    }

    /// Adds the scenarios of an exported file; names already taken get a number.
    pub fn import(&self, file_name: &str, text: &str) {
        match read(text) {
            Ok(file) => {
                let count = file.scenarios.len();
                for s in file.scenarios {
                    let name = self.unique_name(&s.name);
                    self.list.update(|l| l.push(Scenario { name, ..s }));
                }
                self.persist();
                self.say(
                    false,
                    &if count == 1 {
                        tf("Imported 1 scenario from {}.", &[&file_name])
                    } else {
                        tf("Imported {} scenarios from {}.", &[&count, &file_name])
                    },
                );
            }
            Err(why) => self.say(
                true,
                &tf(
                    "{} was not imported: {}. Your scenarios are unchanged.",
                    &[&file_name, &why],
                ),
            ),
        }
    }
}
