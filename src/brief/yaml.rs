//! The one place that knows YAML. Everything goes through serde-saphyr (maintained, no
//! unsafe, errors with line and column, budgets against alias bombs) rather than the
//! archived serde_yaml.
//!
//! Two ways in: [`decode`] deserializes straight into the model and is the fast path for
//! files that are right; [`Tree`] keeps every node with its location and is built only
//! when something is wrong, to put a line and column on every error and to recover from
//! one error to find the next.

use serde::de::{DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::{Location, Options, Spanned};

/// A YAML-level failure with where it happened (1-based; 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

/// Structural limits applied while parsing, beyond the file-size limit checked before.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Events (scalars, starts and ends of collections) in one file.
    pub max_events: usize,
    /// Events that aliases may replay in one file: what stops an alias bomb.
    pub max_alias_replay: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 32,
            // A brief at the 8 MiB size limit is a few hundred thousand events. Each
            // event costs ~100 bytes in the tree that locates errors, so this caps that
            // tree near 100 MB (4,000,000 let a 7 MB list of tags take over a gigabyte).
            max_events: 1_000_000,
            max_alias_replay: 100_000,
        }
    }
}

fn options(limits: Limits) -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits.max_depth,
            max_events: limits.max_events,
            max_nodes: limits.max_events,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits.max_alias_replay,
        },
        // Text that YAML would read as a number, boolean or null must be quoted: no
        // Norway problem (`language: no`), and the same answer on both paths below.
        no_schema: true,
        strict_booleans: true,
        with_snippet: false,
    }
}

fn fault(e: &serde_saphyr::Error, limits: Limits) -> Fault {
    use serde_saphyr::Error;
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let inner = match e.without_snippet() {
        Error::AliasError { error, .. } => error.as_ref(),
        other => other,
    };
    let raw = inner.to_string();
    // Say it for an author, not for a programmer configuring the parser.
    let message = match inner {
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => format!(
            "aliases here expand to more than {} nodes: refused as an alias bomb",
            limits.max_alias_replay
        ),
        // The parser's own guard against deep flow nesting (`[[[[…`) trips before our
        // budget sees the depth: the same problem, said the same way.
        _ if raw.contains("recursion limit exceeded") => format!(
            "nested more than {} levels deep; a brief needs far fewer",
            limits.max_depth
        ),
        Error::Budget { .. } if raw.contains("Depth") => format!(
            "nested more than {} levels deep; a brief needs far fewer",
            limits.max_depth
        ),
        Error::Budget { .. } => format!("too large or complex to read safely ({raw})"),
        _ => {
            let mut m = strip_location(&raw).to_owned();
            if let Some(key) = m.strip_prefix("duplicate mapping key: ") {
                let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
                m = format!("duplicate key `{key}`: each key may appear once in a mapping");
            } else if m.contains("found a tab") || m.contains("tabs") {
                m.push_str(": indent YAML with spaces, not tabs");
            }
            m
        }
    };
    Fault {
        line,
        column,
        message,
    }
}

/// serde-saphyr ends messages with " at line L, column C"; we print the location ourselves.
fn strip_location(message: &str) -> &str {
    if let Some(cut) = message.rfind(" at line ") {
        let tail = &message[cut + " at line ".len()..];
        let rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
        if let Some(col) = rest.strip_prefix(", column ")
            && !col.is_empty()
            && col.bytes().all(|b| b.is_ascii_digit())
        {
            return &message[..cut];
        }
    }
    message
}

/// Deserialize a whole document into `T`: the fast path.
pub fn decode<T: DeserializeOwned>(text: &str, limits: Limits) -> Result<T, Fault> {
    serde_saphyr::from_str_with_options(text, options(limits)).map_err(|e| fault(&e, limits))
}

/// Serialize `value` as a YAML document.
pub fn encode<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|e| e.to_string())
}

/// One step of a path into a document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A parsed document that remembers where each node was.
pub struct Tree {
    root: Spanned<Node>,
}

#[derive(Debug)]
enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

impl Node {
    /// Whether this node, as a mapping key, is spelt `k`: without building the key's text
    /// for the usual string key (a mapping of many keys is searched once per problem).
    fn key_is(&self, k: &str) -> bool {
        match self {
            Node::Str(s) => s == k,
            other => other.key_text() == k,
        }
    }

    fn key_text(&self) -> String {
        match self {
            Node::Str(s) => s.clone(),
            Node::Int(i) => i.to_string(),
            Node::Float(f) => f.to_string(),
            Node::Bool(b) => b.to_string(),
            Node::Null => "null".to_owned(),
            Node::Seq(_) | Node::Map(_) => "<collection>".to_owned(),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
                Ok(Node::Int(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
                Ok(Node::Int(i128::try_from(v).unwrap_or(i128::MAX)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = a.next_element()? {
                    out.push(x);
                }
                Ok(Node::Seq(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = a.next_key()? {
                    out.push((k, a.next_value()?));
                }
                Ok(Node::Map(out))
            }
        }
        d.deserialize_any(NodeVisitor)
    }
}

fn line_col(l: &Location) -> (u64, u64) {
    (l.line(), l.column())
}

impl Tree {
    pub fn parse(text: &str, limits: Limits) -> Result<Tree, Fault> {
        serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options(limits))
            .map(|root| Tree { root })
            .map_err(|e| fault(&e, limits))
    }

    /// Where the node at `path` starts; for a path that runs past the tree, the deepest
    /// node on the way. With `key` set and a path ending in a mapping key, the key itself.
    pub fn locate(&self, path: &[Step], key: bool) -> (u64, u64) {
        let mut node = &self.root;
        for (i, step) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            let next = match (&node.value, step) {
                (Node::Map(entries), Step::Key(k)) => entries
                    .iter()
                    .find(|(name, _)| name.value.key_is(k))
                    .map(|(name, value)| if last && key { name } else { value }),
                (Node::Seq(items), Step::Index(i)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        line_col(&node.referenced)
    }

    /// The document's top node, to take it apart item by item.
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef(&self.root.value)
    }
}

/// A node of a [`Tree`], seen from outside: enough to split a document into its items and
/// to decode each on its own.
#[derive(Clone, Copy)]
pub struct NodeRef<'t>(&'t Node);

impl<'t> NodeRef<'t> {
    /// A mapping's entries in document order, keys as text; `None` for anything else.
    pub fn entries(self) -> Option<impl Iterator<Item = (String, NodeRef<'t>)>> {
        match self.0 {
            Node::Map(entries) => Some(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.key_text(), NodeRef(&v.value))),
            ),
            _ => None,
        }
    }

    /// A sequence's elements; `None` for anything else.
    pub fn elements(self) -> Option<impl Iterator<Item = NodeRef<'t>>> {
        match self.0 {
            Node::Seq(items) => Some(items.iter().map(|x| NodeRef(&x.value))),
            _ => None,
        }
    }

    /// The value under `key` of a mapping.
    pub fn get(self, key: &str) -> Option<NodeRef<'t>> {
        match self.0 {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.value.key_is(key))
                .map(|(_, v)| NodeRef(&v.value)),
            _ => None,
        }
    }

    /// What the node is, as said in messages: "a list", "text `x`".
    pub fn kind(self) -> String {
        match self.0 {
            Node::Null => "nothing".to_owned(),
            Node::Bool(b) => format!("boolean `{b}`"),
            Node::Int(i) => format!("integer `{i}`"),
            Node::Float(f) => format!("number `{f}`"),
            // Quoted, so kept short: the text may be a whole chapter.
            Node::Str(s) if s.chars().count() > 40 => {
                format!("text `{}…`", s.chars().take(40).collect::<String>())
            }
            Node::Str(s) => format!("text `{s}`"),
            Node::Seq(_) => "a list".to_owned(),
            Node::Map(_) => "a mapping".to_owned(),
        }
    }

    pub fn is_seq(self) -> bool {
        matches!(self.0, Node::Seq(_))
    }

    /// The node as JSON, to replay through serde with the path of each error known.
    pub fn to_json(self) -> serde_json::Value {
        to_json(self.0)
    }
}

fn to_json(n: &Node) -> serde_json::Value {
    {
        fn conv(n: &Node) -> serde_json::Value {
            use serde_json::Value;
            match n {
                Node::Null => Value::Null,
                Node::Bool(b) => Value::Bool(*b),
                Node::Int(i) => i64::try_from(*i)
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::from(*i as f64)),
                Node::Float(f) => {
                    serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
                }
                Node::Str(s) => Value::String(s.clone()),
                Node::Seq(items) => Value::Array(items.iter().map(|x| conv(&x.value)).collect()),
                Node::Map(entries) => Value::Object(
                    entries
                        .iter()
                        .map(|(k, v)| (k.value.key_text(), conv(&v.value)))
                        .collect(),
                ),
            }
        }
        conv(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_values_and_items() {
        let tree = Tree::parse(
            "a: 1\nlist:\n  - x: hello\n    y: [1, 2]\n",
            Limits::default(),
        )
        .unwrap();
        let path = [
            Step::Key("list".into()),
            Step::Index(0),
            Step::Key("y".into()),
        ];
        assert_eq!(tree.locate(&path, true), (4, 5));
        assert_eq!(tree.locate(&path, false), (4, 8));
        assert_eq!(tree.locate(&[Step::Key("a".into())], false), (1, 4));
        // A path that runs off the tree stops at the deepest node found.
        let missing = [
            Step::Key("list".into()),
            Step::Index(0),
            Step::Key("z".into()),
        ];
        assert_eq!(tree.locate(&missing, false), (3, 5));
    }

    #[test]
    fn refuses_alias_bombs_and_deep_nesting() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            bomb.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(
            Tree::parse(&bomb, Limits::default()).is_err(),
            "alias bomb was accepted"
        );
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let Err(err) = Tree::parse(&deep, Limits::default()) else {
            panic!("deep nesting was accepted")
        };
        assert!(
            err.message.contains("depth") || err.message.contains("nest"),
            "{}",
            err.message
        );
    }
}
