//! `load`: from the bytes of one file to a validated [`Brief`], or to every problem in it
//! with a line and column. The file system is not known here; see `crate::library`.

use serde_path_to_error::Segment;

use super::diag::{Diagnostic, Problem, did_you_mean, path_string};
use super::model::Brief;
use super::validate::check_brief;
use super::yaml::{self, Fault, Step, Tree};

/// Limits that keep a hostile or broken file from costing unbounded time or memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    pub yaml: yaml::Limits,
}

/// 8 MiB: a hundred times the largest shipped brief.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            yaml: yaml::Limits::default(),
        }
    }
}

/// How many errors one file may report before we stop looking for more.
const MAX_ERRORS_PER_FILE: usize = 100;

fn whole_file(file: &str, line: u64, column: u64, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line,
        column,
        path: String::new(),
        message: message.into(),
    }
}

/// Line and column (1-based, in characters) of byte `offset` in `bytes`.
fn line_col_of(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u64
        + 1;
    (line, column)
}

/// Check what can be checked before parsing: size, binary content, encoding. Returns the
/// text without a byte-order mark.
fn preflight<'a>(file: &str, bytes: &'a [u8], limits: &Limits) -> Result<&'a str, Diagnostic> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(whole_file(
            file,
            0,
            0,
            format!(
                "file is {size} bytes, over the limit of {} bytes; a brief this large is not one brief",
                limits.max_file_bytes
            ),
        ));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let (l, c) = line_col_of(bytes, nul);
        return Err(whole_file(
            file,
            l,
            c,
            "binary file (it holds NUL bytes): a brief is YAML text in UTF-8",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (l, c) = line_col_of(bytes, e.valid_up_to());
        whole_file(
            file,
            l,
            c,
            format!(
                "not UTF-8 text (byte 0x{:02X} here): save the brief as UTF-8",
                bytes[e.valid_up_to()]
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(whole_file(
            file,
            0,
            0,
            "file is empty: a brief needs at least id, title, publisher, kind, published, summary and sections",
        ));
    }
    Ok(text)
}

/// Why a file did not load.
#[derive(Debug)]
pub struct Rejected {
    /// Every problem found, each with a location.
    pub diagnostics: Vec<Diagnostic>,
    /// What could be read of the brief despite them, for its declarations of actors,
    /// sources and issues, which other briefs may rely on.
    pub partial: Option<Box<Brief>>,
}

/// Parse and validate one brief.
pub fn load(file: &str, bytes: &[u8], limits: &Limits) -> Result<Brief, Rejected> {
    let text = preflight(file, bytes, limits).map_err(|d| Rejected {
        diagnostics: vec![d],
        partial: None,
    })?;
    match yaml::decode::<Brief>(text, limits.yaml) {
        Ok(brief) => {
            let problems = check_brief(&brief, false);
            if problems.is_empty() {
                Ok(brief)
            } else {
                Err(Rejected {
                    diagnostics: locate(file, text, limits, &problems),
                    partial: Some(Box::new(brief)),
                })
            }
        }
        Err(fault) => Err(diagnose(file, text, limits, fault)),
    }
}

/// Put lines and columns on problems found in the model of `text` (which parsed before).
pub fn locate(file: &str, text: &str, limits: &Limits, problems: &[Problem]) -> Vec<Diagnostic> {
    let tree = Tree::parse(text, limits.yaml).ok();
    problems
        .iter()
        .map(|p| {
            let (line, column) = tree
                .as_ref()
                .map_or((0, 0), |t| t.locate(&p.path, p.at_key));
            Diagnostic {
                file: file.to_owned(),
                line,
                column,
                path: path_string(&p.path),
                message: p.message.clone(),
            }
        })
        .collect()
}

/// The slow path, for a file the fast path rejected: find every error, not only the first.
/// Each structural error is recorded and the smallest part that holds it is dropped, then
/// the rest is tried again, so that one bad item does not hide the next.
fn diagnose(file: &str, text: &str, limits: &Limits, first: Fault) -> Rejected {
    let tree = match Tree::parse(text, limits.yaml) {
        Ok(tree) => tree,
        // A syntax error, a budget breach or a duplicate key: nothing past it is reliable.
        Err(f) => {
            return Rejected {
                diagnostics: vec![whole_file(file, f.line, f.column, f.message)],
                partial: None,
            };
        }
    };
    let mut partial_brief = None;
    let mut value = tree.to_json();
    let mut problems: Vec<Problem> = Vec::new();
    let mut removed_keys: Vec<Vec<Step>> = Vec::new();
    // Fields we suggested for a misspelt one: their absence was reported already.
    let mut suggested: Vec<Vec<Step>> = Vec::new();
    let mut partial = false;
    while problems.len() < MAX_ERRORS_PER_FILE {
        let error = match serde_path_to_error::deserialize::<_, Brief>(&value) {
            Ok(brief) => {
                problems.extend(check_brief(&brief, partial));
                partial_brief = Some(Box::new(brief));
                break;
            }
            Err(e) => e,
        };
        let path = steps(error.path());
        let raw = error.inner().to_string();
        let unknown_field = raw.starts_with("unknown field");
        if let Some(field) = missing_field(&raw) {
            let mut full = path.clone();
            full.push(Step::Key(field.to_owned()));
            if removed_keys.contains(&full) {
                break; // we dropped that field ourselves after reporting it
            }
            if suggested.contains(&full) {
                // "did you mean `summary`?" said it already; go on past this element.
                if prune(&mut value, &path, false).is_none() {
                    break;
                }
                partial = true;
                continue;
            }
        }
        if unknown_field
            && let (Some((_, parent)), Some(wrong)) = (path.split_last(), first_quoted(&raw))
            && let Some(m) = did_you_mean(wrong, expected_names(&raw))
        {
            let mut full = parent.to_vec();
            full.push(Step::Key(m.to_owned()));
            suggested.push(full);
        }
        problems.push(Problem {
            path: path.clone(),
            at_key: unknown_field,
            message: explain(&raw),
        });
        match prune(&mut value, &path, unknown_field) {
            Some(Pruned::Key) => removed_keys.push(path),
            Some(Pruned::Element) => {}
            None => break,
        }
        partial = true;
    }
    let diagnostics = if problems.is_empty() {
        // The two paths disagree on this file; the fast path's own word is still right.
        vec![whole_file(file, first.line, first.column, first.message)]
    } else {
        locate(file, text, limits, &problems)
    };
    Rejected {
        diagnostics,
        partial: partial_brief,
    }
}

fn steps(path: &serde_path_to_error::Path) -> Vec<Step> {
    path.iter()
        .filter_map(|seg| match seg {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Enum { variant } => Some(Step::Key(variant.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

enum Pruned {
    Key,
    Element,
}

/// Drop what holds the error at `path`: the unknown key itself, or else the innermost
/// list element around it, or else the key. `None` when there is nothing left to drop.
fn prune(value: &mut serde_json::Value, path: &[Step], unknown_field: bool) -> Option<Pruned> {
    fn walk<'v>(
        mut v: &'v mut serde_json::Value,
        path: &[Step],
    ) -> Option<&'v mut serde_json::Value> {
        for step in path {
            v = match step {
                Step::Key(k) => v.as_object_mut()?.get_mut(k)?,
                Step::Index(i) => v.as_array_mut()?.get_mut(*i)?,
            };
        }
        Some(v)
    }
    let (last, parent) = path.split_last()?;
    if !unknown_field && let Some(cut) = path.iter().rposition(|s| matches!(s, Step::Index(_))) {
        let Step::Index(i) = path[cut] else {
            return None;
        };
        walk(value, &path[..cut])?.as_array_mut()?.remove(i);
        return Some(Pruned::Element);
    }
    let Step::Key(k) = last else { return None };
    walk(value, parent)?.as_object_mut()?.remove(k)?;
    Some(Pruned::Key)
}

fn missing_field(raw: &str) -> Option<&str> {
    raw.strip_prefix("missing field `")?.strip_suffix('`')
}

/// The names serde lists after "expected one of".
fn expected_names(raw: &str) -> Vec<&str> {
    raw.split_once("expected one of ")
        .map(|(_, rest)| rest.split(", ").map(|s| s.trim_matches('`')).collect())
        .unwrap_or_default()
}

fn first_quoted(raw: &str) -> Option<&str> {
    let (_, rest) = raw.split_once('`')?;
    Some(rest.split_once('`')?.0)
}

/// serde's messages, said the way an author needs them.
fn explain(raw: &str) -> String {
    if let Some(field) = missing_field(raw) {
        return format!("missing required field `{field}`");
    }
    for (prefix, what) in [("unknown field", "field"), ("unknown variant", "value")] {
        if raw.starts_with(prefix) {
            let wrong = first_quoted(raw).unwrap_or("");
            let names = expected_names(raw);
            let hint = did_you_mean(wrong, names.iter().copied())
                .map(|m| format!(": did you mean `{m}`?"))
                .unwrap_or_default();
            let allowed = if names.is_empty() {
                String::from("none here")
            } else {
                names.join(", ")
            };
            let label = if what == "field" {
                "allowed fields"
            } else {
                "allowed values"
            };
            return format!("unknown {what} `{wrong}`{hint} ({label}: {allowed})");
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "something else"));
        if found == "null" {
            return format!("is empty; expected {expected}");
        }
        let mut msg = format!("expected {expected}, found {found}");
        if expected.contains("string")
            && (found.starts_with("integer")
                || found.starts_with("floating")
                || found.starts_with("boolean"))
        {
            msg.push_str(": put text that looks like a number or a boolean in quotes");
        }
        return msg;
    }
    raw.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_serde_messages() {
        assert_eq!(
            explain("unknown field `sumary`, expected one of `id`, `title`, `summary`"),
            "unknown field `sumary`: did you mean `summary`? (allowed fields: id, title, summary)"
        );
        assert_eq!(
            explain("missing field `cite`"),
            "missing required field `cite`"
        );
        assert_eq!(
            explain("invalid type: integer `2025`, expected a string"),
            "expected a string, found integer `2025`: put text that looks like a number or a boolean in quotes"
        );
    }

    #[test]
    fn counts_lines_and_columns_in_characters() {
        assert_eq!(line_col_of(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col_of("ø\nxé!".as_bytes(), 6), (2, 3));
    }
}
