//! Problems found in briefs, and how they are reported: `file:line:col: path: message`.

use std::fmt;

use super::text::neutralise;
use super::yaml::Step;

/// A problem found on the model, before it has a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: Vec<Step>,
    /// Point at the key of the last step rather than its value (unknown fields).
    pub at_key: bool,
    pub message: String,
}

impl Problem {
    pub fn new(path: Vec<Step>, message: impl Into<String>) -> Problem {
        Problem {
            path,
            at_key: false,
            message: message.into(),
        }
    }
}

/// A problem with where it is: what `brief check` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u64,
    pub column: u64,
    /// The field's path, such as `sections[2].items[0].summary`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names and messages may quote brief text: neutralise them like any other.
        write!(f, "{}", neutralise(&self.file))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        f.write_str(": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", neutralise(&self.path))?;
        }
        f.write_str(&neutralise(&self.message))
    }
}

/// `sections[2].items[0].summary`
pub fn path_string(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Shorthand for building paths: `path!["sections", 2, "items"]`.
macro_rules! steps {
    ($($step:expr),* $(,)?) => {
        vec![$($crate::brief::diag::IntoStep::into_step($step)),*]
    };
}
pub(crate) use steps as path;

pub trait IntoStep {
    fn into_step(self) -> Step;
}

impl IntoStep for &str {
    fn into_step(self) -> Step {
        Step::Key(self.to_owned())
    }
}

impl IntoStep for usize {
    fn into_step(self) -> Step {
        Step::Index(self)
    }
}

/// "did you mean `summary`?" for a near miss among `known`, else nothing.
/// [`did_you_mean`] for an id made of words (`example-forum-mandate`), or else the id
/// that shares most of the wrong one's words, in any order, when it shares at least half
/// of them: `forum-mandate` and `mandate-of-the-forum` both mean `example-forum-mandate`.
pub fn did_you_mean_id<'a>(
    wrong: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if let Some(m) = did_you_mean(wrong, known.clone()) {
        return Some(m);
    }
    const SMALL: &[&str] = &["a", "an", "the", "of", "on", "in", "for", "and", "to", "by"];
    let words = |s: &'a str| -> Vec<&'a str> {
        s.split(['-', '_'])
            .filter(|w| !w.is_empty() && !SMALL.contains(w))
            .collect()
    };
    let wrong_words: Vec<&str> = wrong
        .split(['-', '_'])
        .filter(|w| !w.is_empty() && !SMALL.contains(w))
        .collect();
    if wrong_words.is_empty() {
        return None;
    }
    known
        .into_iter()
        .map(|k| {
            let theirs = words(k);
            let shared = wrong_words.iter().filter(|w| theirs.contains(w)).count();
            (shared, std::cmp::Reverse(theirs.len()), k)
        })
        .filter(|(shared, ..)| *shared * 2 >= wrong_words.len() && *shared > 0)
        .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| b.2.cmp(a.2)))
        .map(|(.., k)| k)
}

pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(wrong, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4) && *d < k.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_suggested_by_its_words_when_its_spelling_is_far() {
        let known = [
            "example-forum-mandate",
            "digital-divide",
            "internet-governance-forum",
        ];
        assert_eq!(
            did_you_mean_id("forum-mandate", known),
            Some("example-forum-mandate")
        );
        assert_eq!(
            did_you_mean_id("mandate-of-the-forum", known),
            Some("example-forum-mandate")
        );
        assert_eq!(
            did_you_mean_id("digital-divid", known),
            Some("digital-divide")
        );
        assert_eq!(did_you_mean_id("totally-unrelated", known), None);
        assert_eq!(did_you_mean_id("of-the", known), None);
    }
}
