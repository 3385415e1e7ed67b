//! The engine's words for the user (a problem in a file, a link part left out, what a gate
//! needs), kept as an English template and its parameters so that the app can word them in
//! the interface language. The template is the translation key, as the app's own texts are;
//! data from the user's files (a cell's text, a code, a number) only ever fills a `{}`.

use std::fmt;

/// A template with `{}` where each argument goes, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub template: &'static str,
    pub args: Vec<Arg>,
}

/// What fills a `{}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is, in every language: data, codes, numbers.
    Text(String),
    /// A name from the data (an indicator's unit): shown in the language in use where the app
    /// has it, as it has the bundled files' names, else as it is.
    Name(String),
    /// Words of the engine's own, translated in turn.
    Phrase(Phrase),
}

/// A [`Phrase`] from a literal template and its arguments: text and numbers are shown as they
/// are; pass a `Phrase` for words to translate. The template must be a literal, so that the
/// app's tests can find every one and check that it has a translation.
#[macro_export]
macro_rules! phrase {
    ($template:literal $(, $arg:expr)* $(,)?) => {
        $crate::phrase::Phrase::new($template, vec![$($crate::phrase::Arg::from($arg)),*])
    };
}

impl Phrase {
    pub fn new(template: &'static str, args: Vec<Arg>) -> Self {
        Self { template, args }
    }

    /// The phrase with every template, its own and its arguments', and every name passed
    /// through `translate`.
    pub fn word(&self, translate: &dyn Fn(&str) -> &str) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|arg| match arg {
                Arg::Text(text) => text.clone(),
                Arg::Name(name) => translate(name).to_owned(),
                Arg::Phrase(phrase) => phrase.word(translate),
            })
            .collect();
        let args: Vec<&dyn fmt::Display> = args.iter().map(|a| a as &dyn fmt::Display).collect();
        fill(translate(self.template), &args)
    }

    /// In English, as files, logs and the command line keep it.
    pub fn english(&self) -> String {
        self.word(&|template| template)
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

/// `template` with each `{}` filled in order; a `{}` with no argument left is dropped.
pub fn fill(template: &str, args: &[&dyn fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut args = args.iter();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        if let Some(arg) = args.next() {
            out.push_str(&arg.to_string());
        }
        out.push_str(part);
    }
    out
}

impl From<Phrase> for Arg {
    fn from(phrase: Phrase) -> Self {
        Arg::Phrase(phrase)
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Text(n.to_string())
            }
        })*
    };
}

number_args!(usize, u32, u64, i32, i64, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_in_order_translating_nested_phrases() {
        let p = phrase!(
            "{} of {} in {}",
            3,
            "ten",
            phrase!("the {} file", "markets.csv")
        );
        assert_eq!(p.english(), "3 of ten in the markets.csv file");
        assert_eq!(p.to_string(), p.english());
        let shouted = p.word(&|t| match t {
            "{} of {} in {}" => "{} / {} @ {}",
            "the {} file" => "FILE {}",
            "ten" => "TEN",
            other => other,
        });
        assert_eq!(
            shouted, "3 / ten @ FILE markets.csv",
            "data is never translated"
        );
        let named = Phrase::new("in {}", vec![Arg::Name("ten".into())]);
        assert_eq!(
            named.word(&|t| if t == "ten" { "TEN" } else { t }),
            "in TEN"
        );
        assert_eq!(named.english(), "in ten");
    }

    #[test]
    fn data_never_becomes_a_template() {
        // Braces in the data are shown, not filled.
        assert_eq!(phrase!("found {}", "{}{}").english(), "found {}{}");
        assert_eq!(phrase!("no values").english(), "no values");
    }

    #[test]
    fn missing_arguments_leave_nothing() {
        assert_eq!(fill("{} and {}", &[&1]), "1 and ");
        assert_eq!(fill("共 {} 个", &[&5]), "共 5 个");
    }
}
