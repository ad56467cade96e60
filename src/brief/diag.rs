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
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(wrong, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4) && *d < k.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
