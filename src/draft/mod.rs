//! Negotiated texts, paragraph by paragraph (issue 14): a version as a list of labelled
//! paragraphs ([`model`]), read from plain text, Markdown or Akoma Ntoso ([`read`]);
//! two versions aligned by content across renumbering, moves, merges and splits
//! ([`align`]); a word diff inside each pair ([`words`], [`diff`]) and its outputs
//! ([`render`]); a paragraph's lineage through many versions ([`trace`]); long synthetic
//! texts for benchmarks ([`synth`]).
//!
//! Apart from `brief/` on purpose: a text's history (its versions, a concordance) will be
//! loaded beside briefs, but a version is read from a PDF copy or an XML file, not from
//! YAML. Nothing here reads files or knows the terminal beyond colour codes; the command
//! line (`cli/cmd/diff.rs`) reads the bytes and picks the output.

pub mod align;
pub mod as_brief;
pub mod diff;
pub mod history;
pub mod model;
mod moved;
pub mod proposals;
pub mod read;
pub mod render;
pub mod synth;
pub mod text;
pub mod trace;
pub mod words;

pub use align::{Forced, Options, Pair, PairKind, align};
pub use diff::{Entry, compare, entries};
pub use model::{Comment, Kind, Label, Paragraph, Status, Version};
pub use read::{Form, ReadError, read};
pub use text::NegotiatedText;
