//! `load`: from the bytes of one file to a validated [`Brief`], or to every problem in it
//! with a line and column. The file system is not known here; see `crate::library`.

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use super::diag::{Diagnostic, Problem, did_you_mean, path_string};
use super::model::{Brief, Section};
use super::validate::check_brief;
use super::yaml::{self, Fault, NodeRef, Step, Tree};

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
    /// Paths in `partial` whose values are placeholders for wrong ones (see
    /// [`near_mask`]): problems there are about our stand-ins, not the author's text.
    pub masked: Vec<Vec<Step>>,
}

/// Parse and validate one brief.
pub fn load(file: &str, bytes: &[u8], limits: &Limits) -> Result<Brief, Rejected> {
    let text = preflight(file, bytes, limits).map_err(|d| Rejected {
        diagnostics: vec![d],
        partial: None,
        masked: Vec::new(),
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
                    masked: Vec::new(),
                })
            }
        }
        Err(fault) => Err(diagnose(file, text, limits, fault)),
    }
}

/// Put lines and columns on problems found in the model of `text` (which parsed before).
pub fn locate(file: &str, text: &str, limits: &Limits, problems: &[Problem]) -> Vec<Diagnostic> {
    locate_in(file, Tree::parse(text, limits.yaml).ok().as_ref(), problems)
}

/// [`locate`] in a tree parsed already: parsing is most of the time a large file takes.
fn locate_in(file: &str, tree: Option<&Tree>, problems: &[Problem]) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            let (line, column) = tree.map_or((0, 0), |t| t.locate(&p.path, p.at_key));
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

/// Whether a problem at `path` touches a value we put in ourselves (`masked`): at or under
/// a placeholder, or about something that holds one. Such a problem is about our stand-in,
/// not the author's text, and is not reported.
pub fn near_mask(path: &[Step], masked: &[Vec<Step>]) -> bool {
    let near = |m: &[Step]| path.starts_with(m) || m.starts_with(path);
    masked.iter().any(|m| {
        near(m)
            // A list of one is named without its index (`cite.source` for the only
            // citation of `cite: [{...}]`, see `validate::cite_path`): so is its mask.
            || (0..m.len().saturating_sub(1))
                .filter(|&i| m[i] == Step::Index(0))
                .any(|i| near(&[&m[..i], &m[i + 1..]].concat()))
    })
}

/// The slow path, for a file the fast path rejected: find every error, not only the first.
/// The document is taken apart into its items (the brief's own fields, each source, actor,
/// issue and section, each entry) and each is decoded on its own, so that an error is
/// found in the item that holds it and one bad item hides nothing in the next. Within an
/// item, each bad value is reported and replaced by a placeholder that decodes, so the
/// item's other fields are still read and the whole brief still goes through the checks
/// that follow (its own, and those against the other briefs); problems with the
/// placeholders themselves are never reported (see [`near_mask`]).
fn diagnose(file: &str, text: &str, limits: &Limits, first: Fault) -> Rejected {
    let tree = match Tree::parse(text, limits.yaml) {
        Ok(tree) => tree,
        // A syntax error, a budget breach or a duplicate key: nothing past it is reliable.
        Err(f) => {
            return Rejected {
                diagnostics: vec![whole_file(file, f.line, f.column, f.message)],
                partial: None,
                masked: Vec::new(),
            };
        }
    };
    let mut r = Recovery {
        tree: &tree,
        problems: Vec::new(),
        masked: Vec::new(),
        full: false,
    };
    let brief = r.brief(tree.root());
    let Recovery {
        mut problems,
        masked,
        full,
        ..
    } = r;
    let mut partial = None;
    // With the error budget spent, the rest of the file was not read: checks on it would
    // speak of what is missing, not of what is wrong.
    if let Some(brief) = brief.filter(|_| !full) {
        problems.extend(
            check_brief(&brief, false)
                .into_iter()
                .filter(|p| !near_mask(&p.path, &masked)),
        );
        problems.truncate(MAX_ERRORS_PER_FILE);
        // A brief whose id we made up cannot be named beside the others.
        if !near_mask(&[Step::Key("id".to_owned())], &masked) {
            partial = Some(Box::new(brief));
        }
    }
    let diagnostics = if problems.is_empty() {
        // The two paths disagree on this file; the fast path's own word is still right.
        vec![whole_file(file, first.line, first.column, first.message)]
    } else {
        locate_in(file, Some(&tree), &problems)
    };
    Rejected {
        diagnostics,
        partial,
        masked,
    }
}

/// The lists of a brief and of a section whose elements are decoded one by one. Any other
/// field is decoded with the item that holds it.
const BRIEF_LISTS: [&str; 4] = ["sources", "actors", "issues", "sections"];
const SECTION_LISTS: [&str; 4] = ["items", "figures", "events", "positions"];

/// Decodes a document item by item; see [`diagnose`].
struct Recovery<'t> {
    tree: &'t Tree,
    /// The format errors found, in document order item by item.
    problems: Vec<Problem>,
    /// Paths whose values are placeholders of ours.
    masked: Vec<Vec<Step>>,
    /// The error budget is spent.
    full: bool,
}

/// How often one item is decoded again before we give up on it: each round reports or
/// repairs one value, and an item has a few dozen at most that are not list elements.
const MAX_ROUNDS_PER_ITEM: usize = 200;

impl Recovery<'_> {
    fn report(&mut self, problem: Problem) {
        if self.problems.len() >= MAX_ERRORS_PER_FILE {
            self.full = true;
        } else {
            self.problems.push(problem);
        }
    }

    /// The whole brief, or `None` when some item of it could not be read; every item is
    /// read either way, so that one lost item does not hide the errors of the next.
    fn brief(&mut self, root: NodeRef<'_>) -> Option<Brief> {
        let brief: Option<Brief> = self.item(&[], root, &BRIEF_LISTS);
        let sources = self.list(root, &[], "sources");
        let actors = self.list(root, &[], "actors");
        let issues = self.list(root, &[], "issues");
        let mut sections = Some(Vec::new());
        if let Some(nodes) = root.get("sections").and_then(NodeRef::elements) {
            for (i, node) in nodes.enumerate() {
                let base = vec![Step::Key("sections".to_owned()), Step::Index(i)];
                let section: Option<Section> = self.item(&base, node, &SECTION_LISTS);
                let items = self.list(node, &base, "items");
                let figures = self.list(node, &base, "figures");
                let events = self.list(node, &base, "events");
                let positions = self.list(node, &base, "positions");
                let section = (|| {
                    let mut s = section?;
                    (s.items, s.figures, s.events, s.positions) =
                        (items?, figures?, events?, positions?);
                    Some(s)
                })();
                sections = sections.zip(section).map(|(mut all, s)| {
                    all.push(s);
                    all
                });
            }
        }
        let mut brief = brief?;
        (brief.sources, brief.actors, brief.issues, brief.sections) =
            (sources?, actors?, issues?, sections?);
        Some(brief)
    }

    /// Each element of the list `name` of `parent`, decoded on its own. A list that is not
    /// a sequence was reported with its parent, and reads as empty.
    fn list<T: DeserializeOwned>(
        &mut self,
        parent: NodeRef<'_>,
        base: &[Step],
        name: &str,
    ) -> Option<Vec<T>> {
        let Some(nodes) = parent.get(name).and_then(NodeRef::elements) else {
            return Some(Vec::new());
        };
        let mut out = Some(Vec::new());
        for (i, node) in nodes.enumerate() {
            let mut at = base.to_vec();
            at.extend([Step::Key(name.to_owned()), Step::Index(i)]);
            let item = self.item(&at, node, &[]);
            out = out.zip(item).map(|(mut all, x)| {
                all.push(x);
                all
            });
        }
        out
    }

    /// Decode one item at `base`, its `lists` (when they are sequences) left empty for the
    /// caller to decode element by element. Reports every format error in it, and returns
    /// it with placeholders where values were wrong; `None` when it cannot be made to
    /// decode or the error budget is spent.
    fn item<T: DeserializeOwned>(
        &mut self,
        base: &[Step],
        node: NodeRef<'_>,
        lists: &[&str],
    ) -> Option<T> {
        if self.full {
            return None;
        }
        let start = self.problems.len();
        let at = |rel: &[Step]| {
            let mut p = base.to_vec();
            p.extend_from_slice(rel);
            p
        };
        // Fields named in a "did you mean": their absence is said already.
        let mut suggested: Vec<Vec<Step>> = Vec::new();
        // Paths in the item given a placeholder.
        let mut masks: Vec<Vec<Step>> = Vec::new();
        // The item's own unknown keys are found by name, in document order and in one
        // pass: a mapping of a hundred thousand of them must not be decoded once each.
        let mut value = match (fields_of::<T>(), node.entries()) {
            (Some(fields), Some(entries)) => {
                let mut map = serde_json::Map::new();
                let mut unknown = Vec::new();
                for (k, v) in entries {
                    if !fields.contains(&k.as_str()) {
                        unknown.push(k);
                    } else if lists.contains(&k.as_str()) && v.is_seq() {
                        map.insert(k, serde_json::Value::Array(Vec::new()));
                    } else {
                        map.insert(k, v.to_json());
                    }
                }
                for k in unknown {
                    if self.full {
                        break;
                    }
                    if let Some(m) = did_you_mean(&k, fields.iter().copied())
                        && !map.contains_key(m)
                    {
                        suggested.push(vec![Step::Key(m.to_owned())]);
                    }
                    let message = unknown_name("field", &k, fields);
                    self.report(Problem {
                        path: at(&[Step::Key(k)]),
                        at_key: true,
                        message,
                    });
                }
                serde_json::Value::Object(map)
            }
            // serde would read a struct from a list by position and report each element
            // in turn; the author needs one word: a mapping goes here.
            (Some(_), None) => {
                let found = node.kind();
                self.report(Problem::new(
                    base.to_vec(),
                    format!("expected a mapping of fields, found {found}"),
                ));
                masks.push(Vec::new());
                serde_json::Value::Object(serde_json::Map::new())
            }
            (None, _) => node.to_json(),
        };
        // For each path given a placeholder, the ones still to try.
        let mut untried: Vec<(Vec<Step>, Vec<serde_json::Value>)> = Vec::new();
        let mut decoded = None;
        for _ in 0..MAX_ROUNDS_PER_ITEM {
            if self.full {
                break;
            }
            let error = match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(x) => {
                    decoded = Some(x);
                    break;
                }
                Err(e) => e,
            };
            let path = steps(error.path());
            let raw = error.inner().to_string();
            // An error in a placeholder of ours: it did not fit, try the next.
            let ours = masks.iter().any(|m| path.starts_with(m));
            let target = if let Some(field) = missing_field(&raw) {
                let mut full = path.clone();
                full.push(Step::Key(field.to_owned()));
                if !ours && !suggested.contains(&full) {
                    self.report(Problem::new(at(&path), explain(&raw)));
                }
                full
            } else if raw.starts_with("unknown field") {
                // In a mapping inside the item (its own keys were sorted out above).
                if !ours {
                    if let (Some((_, parent)), Some(wrong)) =
                        (path.split_last(), first_quoted(&raw))
                        && let Some(m) = did_you_mean(wrong, expected_names(&raw))
                    {
                        let mut full = parent.to_vec();
                        full.push(Step::Key(m.to_owned()));
                        suggested.push(full);
                    }
                    self.report(Problem {
                        path: at(&path),
                        at_key: true,
                        message: explain(&raw),
                    });
                }
                if remove(&mut value, &path).is_none() {
                    break;
                }
                continue;
            } else {
                if !ours {
                    self.report(Problem::new(at(&path), explain(&raw)));
                }
                path
            };
            let slot = match untried.iter().position(|(p, _)| *p == target) {
                Some(i) => i,
                None => {
                    untried.push((target.clone(), placeholders(&raw)));
                    untried.len() - 1
                }
            };
            // A placeholder that is not among the allowed values learns which are.
            if ours
                && raw.starts_with("unknown variant")
                && let Some(first) = expected_names(&raw).first()
            {
                untried[slot].1.push(serde_json::Value::from(*first));
            }
            let Some(next) = untried[slot].1.pop() else {
                break; // nothing we have fits here
            };
            if !set(&mut value, &target, next) {
                break;
            }
            if !masks.contains(&target) {
                masks.push(target);
            }
        }
        // In document order within the item, whatever order serde met them in.
        let tree = self.tree;
        self.problems[start..].sort_by_cached_key(|p| tree.locate(&p.path, p.at_key));
        self.masked.extend(masks.iter().map(|m| at(m)));
        decoded
    }
}

/// Values to stand in for a wrong or missing one, tried last first: text that is also a
/// date and an id, a number, a list, a mapping, nothing; before them, for a value not
/// among those allowed, the first that is.
fn placeholders(raw: &str) -> Vec<serde_json::Value> {
    use serde_json::Value;
    let mut out = vec![
        Value::Null,
        Value::Object(serde_json::Map::new()),
        Value::Array(Vec::new()),
        Value::from(0),
        Value::from("2000"),
    ];
    if raw.starts_with("unknown variant")
        && let Some(first) = expected_names(raw).first()
    {
        out.push(Value::from(*first));
    }
    out
}

/// The value at `path`, through mappings and sequences.
fn walk<'v>(mut v: &'v mut serde_json::Value, path: &[Step]) -> Option<&'v mut serde_json::Value> {
    for step in path {
        v = match step {
            Step::Key(k) => v.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => v.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(v)
}

/// Put `new` at `path`, adding the last key if it is missing. False when the way there
/// does not exist.
fn set(value: &mut serde_json::Value, path: &[Step], new: serde_json::Value) -> bool {
    let Some((last, parent)) = path.split_last() else {
        *value = new;
        return true;
    };
    match (walk(value, parent), last) {
        (Some(serde_json::Value::Object(m)), Step::Key(k)) => {
            m.insert(k.clone(), new);
            true
        }
        (Some(serde_json::Value::Array(a)), Step::Index(i)) if *i < a.len() => {
            a[*i] = new;
            true
        }
        _ => false,
    }
}

/// Drop the mapping key at `path`.
fn remove(value: &mut serde_json::Value, path: &[Step]) -> Option<()> {
    let (Step::Key(k), parent) = path.split_last()? else {
        return None;
    };
    walk(value, parent)?.as_object_mut()?.remove(k).map(|_| ())
}

/// The fields of the struct `T` as serde knows them, asked of `T`'s own `Deserialize` by
/// a deserializer that notes what it is asked for and gives nothing. `None` for what is
/// not a plain struct (a `flatten`ed one asks for a map), whose unknown keys are then left
/// to serde. The list holds aliases too; that a key outside it is an error rests on the
/// model's structs all denying unknown fields, as the format promises.
fn fields_of<T: DeserializeOwned>() -> Option<&'static [&'static str]> {
    use serde::de::{Error, Visitor, value::Error as Refusal};
    struct Probe(Option<&'static [&'static str]>);
    impl<'de> serde::Deserializer<'de> for &mut Probe {
        type Error = Refusal;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Refusal> {
            Err(Refusal::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Refusal> {
            self.0 = Some(fields);
            Err(Refusal::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut probe = Probe(None);
    let _ = T::deserialize(&mut probe);
    probe.0
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

fn missing_field(raw: &str) -> Option<&str> {
    raw.strip_prefix("missing field `")?.strip_suffix('`')
}

/// The names serde lists after "expected": "one of `a`, `b`, `c`" for three or more,
/// "`a` or `b`" for two, "`a`" for one (and "there are no fields" for none).
fn expected_names(raw: &str) -> Vec<&str> {
    let Some((_, rest)) = raw.split_once(", expected ") else {
        return Vec::new();
    };
    let list = rest.strip_prefix("one of ").unwrap_or(rest);
    if !list.starts_with('`') {
        return Vec::new();
    }
    list.split(", ")
        .flat_map(|s| s.split(" or "))
        .map(|s| s.trim_matches('`'))
        .collect()
}

fn first_quoted(raw: &str) -> Option<&str> {
    let (_, rest) = raw.split_once('`')?;
    Some(rest.split_once('`')?.0)
}

/// "unknown field `sumary`: did you mean `summary`? (allowed fields: ...)"; `what` is
/// "field" or "value".
fn unknown_name(what: &str, wrong: &str, names: &[&str]) -> String {
    let hint = did_you_mean(wrong, names.iter().copied())
        .or_else(|| same_meaning(wrong).filter(|m| names.contains(m)))
        .map(|m| format!(": did you mean `{m}`?"))
        .unwrap_or_default();
    let allowed = if names.is_empty() {
        String::from("none here")
    } else {
        names.join(", ")
    };
    format!("unknown {what} `{wrong}`{hint} (allowed {what}s: {allowed})")
}

/// The value an author meant by another word for it: `against` for `oppose`. Spelling
/// mistakes are `did_you_mean`'s; these are words no spelling brings near.
fn same_meaning(wrong: &str) -> Option<&'static str> {
    const SAME: &[(&[&str], &str)] = &[
        (
            &["against", "opposes", "opposed", "reject", "rejects", "no"],
            "oppose",
        ),
        (
            &[
                "for",
                "in-favour",
                "in-favor",
                "favour",
                "favor",
                "supports",
                "yes",
                "pro",
            ],
            "support",
        ),
        (
            &["neutral", "abstain", "abstains", "silent", "unknown"],
            "none",
        ),
        (&["partial", "split", "ambivalent"], "mixed"),
        (&["conditional-support", "if", "qualified"], "conditional"),
        (
            &["reservations", "concern", "concerns", "caveat"],
            "reservation",
        ),
        (&["past", "done", "happened", "took-place"], "held"),
        (&["upcoming", "future", "scheduled", "expected"], "planned"),
    ];
    let wrong = wrong.trim().to_lowercase().replace([' ', '_'], "-");
    SAME.iter()
        .find(|(words, _)| words.contains(&wrong.as_str()))
        .map(|(_, meant)| *meant)
}

/// serde's messages, said the way an author needs them.
fn explain(raw: &str) -> String {
    if let Some(field) = missing_field(raw) {
        return format!("missing required field `{field}`");
    }
    for (prefix, what) in [("unknown field", "field"), ("unknown variant", "value")] {
        if raw.starts_with(prefix) {
            let wrong = first_quoted(raw).unwrap_or("");
            return unknown_name(what, wrong, &expected_names(raw));
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
    fn reads_every_way_serde_lists_the_allowed_names() {
        assert_eq!(
            expected_names("unknown variant `x`, expected `held` or `planned`"),
            ["held", "planned"]
        );
        assert_eq!(expected_names("unknown field `x`, expected `id`"), ["id"]);
        assert_eq!(
            expected_names("unknown field `x`, expected one of `a`, `b`, `c`"),
            ["a", "b", "c"]
        );
        assert!(expected_names("unknown field `x`, there are no fields").is_empty());
    }

    #[test]
    fn asks_a_struct_for_its_fields() {
        let fields = fields_of::<super::super::model::Citation>().unwrap();
        assert!(fields.contains(&"source") && fields.contains(&"at"));
        assert_eq!(fields_of::<String>(), None);
    }

    #[test]
    fn a_placeholder_hides_what_is_at_under_and_around_it_only() {
        let masked = vec![crate::brief::diag::path![
            "sections", 0, "items", 0, "cite", 0, "at"
        ]];
        let near = |p: Vec<Step>| near_mask(&p, &masked);
        assert!(near(crate::brief::diag::path![
            "sections", 0, "items", 0, "cite", 0, "at"
        ]));
        assert!(near(crate::brief::diag::path!["sections", 0, "items", 0]));
        // The only citation of a list is named without its index.
        assert!(near(crate::brief::diag::path![
            "sections", 0, "items", 0, "cite", "at"
        ]));
        assert!(!near(crate::brief::diag::path![
            "sections", 0, "items", 0, "cite", 0, "source"
        ]));
        assert!(!near(crate::brief::diag::path![
            "sections", 0, "items", 1, "cite", 0, "at"
        ]));
        assert!(!near(crate::brief::diag::path![
            "sections", 0, "items", 0, "title"
        ]));
    }

    #[test]
    fn every_item_of_a_broken_file_is_read_and_the_rest_still_loads() {
        let text = "id: b\ntitle: B\npublisher: p\nkind: kind-of\npublished: 2025\nsummary: s\n\
                    sections:\n  - id: s\n    title: S\n    items:\n\
                    \x20     - {id: a, title: A, summary: S, cite: {source: x, at: y}, sea: []}\n\
                    \x20     - {id: b, title: B, summary: S, cite: {source: x, at: y}}\n";
        let rejected = load("f", text.as_bytes(), &Limits::default()).unwrap_err();
        let said: Vec<String> = rejected.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            said,
            [
                "f:4:7: kind: unknown value `kind-of` (allowed values: perspective-paper, consultation-input, blog-post, commentary, web-page, statement, report, overview, negotiated-text, other)",
                "f:11:65: sections[0].items[0].sea: unknown field `sea`: did you mean `see`? (allowed fields: id, title, summary, body, group, tags, cite, see)",
            ]
        );
        let brief = rejected.partial.expect("the rest of the brief is read");
        assert_eq!(brief.sections[0].items.len(), 2);
        assert_eq!(rejected.masked, [crate::brief::diag::path!["kind"]]);
    }

    #[test]
    fn counts_lines_and_columns_in_characters() {
        assert_eq!(line_col_of(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col_of("ø\nxé!".as_bytes(), 6), (2, 3));
    }

    #[test]
    fn another_word_for_a_value_is_pointed_to_it() {
        let names = [
            "support",
            "oppose",
            "conditional",
            "mixed",
            "reservation",
            "none",
        ];
        assert_eq!(
            unknown_name("value", "against", &names),
            "unknown value `against`: did you mean `oppose`? (allowed values: support, oppose, conditional, mixed, reservation, none)"
        );
        assert!(unknown_name("value", "In favour", &names).contains("did you mean `support`?"));
        // Only to a value that is allowed here; nothing when no word fits.
        assert!(!unknown_name("value", "against", &["held", "planned"]).contains("did you mean"));
        assert!(!unknown_name("value", "sideways", &names).contains("did you mean"));
    }
}
