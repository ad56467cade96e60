//! The brief format as Rust types. These types are the single definition of the format:
//! the loader deserializes into them, `brief schema` derives the JSON Schema from them and
//! the renderers serialize them. `docs/brief-format.md` documents them for authors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::proposal::{Action, Recorded};
use super::text::Text;

/// One brief: a document (or an overview of several) broken into cited sections.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    /// The brief's id: lowercase letters, digits and hyphens.
    pub id: Text,
    /// The document's title, as the document gives it.
    pub title: Text,
    /// Actor id of who published the document.
    pub publisher: Text,
    pub kind: BriefKind,
    /// Date of publication: YYYY, YYYY-MM or YYYY-MM-DD.
    pub published: Date,
    /// Whether `published` is only near the truth: the document carries no date and it is
    /// inferred (from the events it speaks of, a page's archive). Shown as "about 2025-06".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_approximate: bool,
    /// BCP 47 language tag of the brief's text.
    #[serde(default = "default_language")]
    pub language: Text,
    /// What the document is and argues, in one to three sentences.
    pub summary: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    /// Documents this brief cites. Source ids are global.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Actor declarations. Actor ids are global.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    /// Issue declarations. Issue ids are global.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    pub sections: Vec<Section>,
}

impl Brief {
    /// `2025-06`, or `about 2025-06` where the date is approximate.
    pub fn published_shown(&self) -> String {
        if self.published_approximate {
            format!("about {}", self.published)
        } else {
            self.published.to_string()
        }
    }
}

fn default_language() -> Text {
    Text::from("en")
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "kebab-case")]
pub enum BriefKind {
    PerspectivePaper,
    ConsultationInput,
    BlogPost,
    Commentary,
    WebPage,
    Statement,
    Report,
    Overview,
    /// The versions of a negotiated text, made from its history file (`crate::draft`):
    /// a section per version, an item per paragraph.
    NegotiatedText,
    Other,
}

impl BriefKind {
    /// The kind as a reader would say it.
    pub fn label(self) -> &'static str {
        match self {
            BriefKind::PerspectivePaper => "perspective paper",
            BriefKind::ConsultationInput => "consultation input",
            BriefKind::BlogPost => "blog post",
            BriefKind::Commentary => "commentary",
            BriefKind::WebPage => "web page",
            BriefKind::Statement => "statement",
            BriefKind::Report => "report",
            BriefKind::Overview => "overview",
            BriefKind::NegotiatedText => "negotiated text",
            BriefKind::Other => "other",
        }
    }
}

/// A document that entries cite.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    /// Who published it, as text.
    pub publisher: Text,
    /// The author, where the document names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Text>,
    /// When it was published; left out for a page that carries no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// What kind of document it is, so a reader knows what a summary rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    /// Where it can be read. Expected, and left out only where no public address could be
    /// found (the note then says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// What kind of document a source is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A UN document, draft, resolution or official meeting coverage.
    OfficialRecord,
    /// An organisation's or a government's own statement or submission.
    Statement,
    /// Analysis, a blog post, an op-ed, a mailing-list post.
    Commentary,
    News,
    Report,
    /// A summary of a session written by a person.
    SessionReport,
    /// Machine-generated: a session report made by software, or a self-described AI
    /// summary. Not anyone's own words.
    MachineSummary,
    WebPage,
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::OfficialRecord => "official record",
            SourceKind::Statement => "statement",
            SourceKind::Commentary => "commentary",
            SourceKind::News => "news",
            SourceKind::Report => "report",
            SourceKind::SessionReport => "session report",
            SourceKind::MachineSummary => "machine-generated summary",
            SourceKind::WebPage => "web page",
        }
    }
}

/// Who a position belongs to, or who published or reported something.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: Text,
    pub name: Text,
    /// Short name or acronym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    pub group: StakeholderGroup,
    /// Bloc or region where it matters (G77 and China, EU).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bloc: Option<Text>,
    /// A joint actor (a contribution made by several together): the ids of its members,
    /// each declared as an actor of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Actor {
    /// The short name where there is one, else the full name.
    pub fn display_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// The stakeholder roles of the Tunis Agenda, plus `unspecified` where sources do not say.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "kebab-case")]
pub enum StakeholderGroup {
    Government,
    /// Intergovernmental and international organizations.
    Intergovernmental,
    PrivateSector,
    CivilSociety,
    TechnicalCommunity,
    AcademicCommunity,
    Unspecified,
}

impl StakeholderGroup {
    pub const ALL: [StakeholderGroup; 7] = [
        StakeholderGroup::Government,
        StakeholderGroup::Intergovernmental,
        StakeholderGroup::PrivateSector,
        StakeholderGroup::CivilSociety,
        StakeholderGroup::TechnicalCommunity,
        StakeholderGroup::AcademicCommunity,
        StakeholderGroup::Unspecified,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StakeholderGroup::Government => "government",
            StakeholderGroup::Intergovernmental => "intergovernmental",
            StakeholderGroup::PrivateSector => "private sector",
            StakeholderGroup::CivilSociety => "civil society",
            StakeholderGroup::TechnicalCommunity => "technical community",
            StakeholderGroup::AcademicCommunity => "academic community",
            StakeholderGroup::Unspecified => "stakeholder group not stated",
        }
    }
}

/// A question on which actors take positions.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: Text,
    pub title: Text,
    /// The question at stake, as one neutral question.
    pub question: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
}

#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Text,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    /// Proposals on the paragraphs of a negotiated text, as this document makes or
    /// records them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<Proposal>,
}

impl Section {
    /// Every entry of the section, in display order: items, figures, events, positions,
    /// proposals.
    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> {
        self.items
            .iter()
            .map(EntryRef::Item)
            .chain(self.figures.iter().map(EntryRef::Figure))
            .chain(self.events.iter().map(EntryRef::Event))
            .chain(self.positions.iter().map(EntryRef::Position))
            .chain(self.proposals.iter().map(EntryRef::Proposal))
    }

    /// Every entry with where it stands in the file: its list's field name and its index.
    pub fn entries_in_place(&self) -> impl Iterator<Item = (&'static str, usize, EntryRef<'_>)> {
        let place = |list: &'static str| move |(i, e)| (list, i, e);
        (self
            .items
            .iter()
            .map(EntryRef::Item)
            .enumerate()
            .map(place("items")))
        .chain(
            self.figures
                .iter()
                .map(EntryRef::Figure)
                .enumerate()
                .map(place("figures")),
        )
        .chain(
            self.events
                .iter()
                .map(EntryRef::Event)
                .enumerate()
                .map(place("events")),
        )
        .chain(
            self.positions
                .iter()
                .map(EntryRef::Position)
                .enumerate()
                .map(place("positions")),
        )
        .chain(
            self.proposals
                .iter()
                .map(EntryRef::Proposal)
                .enumerate()
                .map(place("proposals")),
        )
    }

    pub fn entry(&self, id: &str) -> Option<EntryRef<'_>> {
        self.entries().find(|e| e.id() == id)
    }

    /// The `i`th entry in [`Section::entries`] order, without walking the lists.
    pub fn entry_at(&self, i: usize) -> Option<EntryRef<'_>> {
        let mut i = i;
        if let Some(x) = self.items.get(i) {
            return Some(EntryRef::Item(x));
        }
        i -= self.items.len();
        if let Some(x) = self.figures.get(i) {
            return Some(EntryRef::Figure(x));
        }
        i -= self.figures.len();
        if let Some(x) = self.events.get(i) {
            return Some(EntryRef::Event(x));
        }
        i -= self.events.len();
        if let Some(x) = self.positions.get(i) {
            return Some(EntryRef::Position(x));
        }
        i -= self.positions.len();
        self.proposals.get(i).map(EntryRef::Proposal)
    }

    pub fn entry_count(&self) -> usize {
        self.items.len()
            + self.figures.len()
            + self.events.len()
            + self.positions.len()
            + self.proposals.len()
    }
}

/// Where in which document an entry comes from.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Source id.
    pub source: Text,
    /// Where in the source: a heading, question number or paragraph.
    pub at: Text,
}

/// The citations of an entry: in YAML one citation or a list of them (an entry may draw
/// on a press release and on a resolution's number from another page). Never empty; the
/// first is the main one. Shared rather than owned: the entries made from a text's
/// paragraphs, a million in a large library, all cite their version alike, and a clone
/// shares the one list.
#[derive(Debug, Clone, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Cites(std::sync::Arc<[Citation]>);

impl Cites {
    pub fn one(c: Citation) -> Cites {
        Cites(std::sync::Arc::new([c]))
    }

    /// The main citation.
    pub fn first(&self) -> &Citation {
        // Deserializing refuses an empty list and code builds one with `one`; only a
        // cache entry altered to hold none could get here empty, and it must not panic.
        static NONE: std::sync::OnceLock<Citation> = std::sync::OnceLock::new();
        self.0.first().unwrap_or_else(|| {
            NONE.get_or_init(|| Citation {
                source: Text::new("unknown"),
                at: Text::new("no citation"),
            })
        })
    }

    pub fn all(&self) -> &[Citation] {
        &self.0
    }

    /// Whether `other` is a clone of this list (not merely equal to it).
    pub fn is_shared_with(&self, other: &Cites) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Serialize for Cites {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &*self.0 {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Cites {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Cites, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Cites;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a citation {source, at} or a list of them")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, a: A) -> Result<Cites, A::Error> {
                Citation::deserialize(serde::de::value::MapAccessDeserializer::new(a))
                    .map(Cites::one)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, a: A) -> Result<Cites, A::Error> {
                let list =
                    Vec::<Citation>::deserialize(serde::de::value::SeqAccessDeserializer::new(a))?;
                if list.is_empty() {
                    return Err(serde::de::Error::custom(
                        "an empty list of citations: give at least one {source, at}",
                    ));
                }
                Ok(Cites(list.into()))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Cites {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cites".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<Citation>();
        schemars::json_schema!({
            "description": "One citation, or a list of them (the first is the main one).",
            "oneOf": [one, {"type": "array", "items": one, "minItems": 1}]
        })
    }
}

/// A date one source gives for an event where another gives a different one.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct DatedBy {
    pub date: Date,
    pub cite: Cites,
}

/// A figure's value: a number, or in YAML a range `[low, high]` ("67–74 %").
#[derive(Debug, Clone, Copy, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Amount {
    pub low: f64,
    pub high: Option<f64>,
}

impl Amount {
    pub fn exactly(v: f64) -> Amount {
        Amount { low: v, high: None }
    }

    pub fn is_finite(&self) -> bool {
        self.low.is_finite() && self.high.is_none_or(f64::is_finite)
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn number(v: f64) -> String {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{}", v as i64)
            } else {
                format!("{v}")
            }
        }
        match self.high {
            Some(h) => write!(f, "{}–{}", number(self.low), number(h)),
            None => f.write_str(&number(self.low)),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.high {
            Some(h) => [self.low, h].serialize(s),
            None => self.low.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number, or a range [low, high]")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Amount, E> {
                Ok(Amount::exactly(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount::exactly(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount::exactly(v as f64))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Amount, A::Error> {
                use serde::de::Error;
                let low: f64 = a
                    .next_element()?
                    .ok_or_else(|| A::Error::custom("a range needs two numbers, [low, high]"))?;
                let high: f64 = a
                    .next_element()?
                    .ok_or_else(|| A::Error::custom("a range needs two numbers, [low, high]"))?;
                if a.next_element::<f64>()?.is_some() {
                    return Err(A::Error::custom("a range is two numbers, [low, high]"));
                }
                if high <= low {
                    return Err(A::Error::custom(format!(
                        "a range goes from low to high: [{low}, {high}] does not"
                    )));
                }
                Ok(Amount {
                    low,
                    high: Some(high),
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number, or a range [low, high].",
            "oneOf": [
                {"type": "number"},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
            ]
        })
    }
}

/// A general entry: a characteristic, an ability, a priority, a recommendation, ...
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: Text,
    pub title: Text,
    /// One to three sentences.
    pub summary: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Text>,
    /// A heading that groups consecutive items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    pub cite: Cites,
    /// Selectors of related entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<Text>,
    /// For an item made from a paragraph of a negotiated text: what became of it and
    /// where it stands. Never written in a brief file: the library derives it from the
    /// text's history. Boxed: most items are not paragraphs, and a library of texts
    /// holds a million entries that have yet to be given theirs.
    #[serde(skip)]
    #[schemars(skip)]
    pub paragraph: Option<Box<ParagraphMark>>,
}

/// What a paragraph of a negotiated text is, beyond its words: shown as markers wherever
/// the paragraph is listed, and followed to its versions before and after.
#[derive(Debug, Clone, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct ParagraphMark {
    /// The paragraph's label as the text gives it (`8`, `New 8A`, `PP3`).
    pub label: Text,
    /// The version's label (`Revision 1`).
    pub version: Text,
    /// What happened to it from the version before.
    pub change: ParagraphChange,
    /// Its negotiating status, as the draft tags it (`agreed ad ref`).
    pub status: Option<Text>,
    /// Spans still in brackets.
    pub brackets: u32,
    /// Selectors of the paragraphs it continues, oldest version first, and of those that
    /// continue it, next version first.
    pub earlier: Vec<Text>,
    pub later: Vec<Text>,
    /// A hash of its wording, to tell whether a note made on an earlier version of it is
    /// about the words it has now.
    pub wording: u64,
}

/// What happened to a paragraph from one version to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub enum ParagraphChange {
    /// In the first version: nothing before it.
    First,
    Unchanged,
    /// The same words, laid out otherwise.
    Layout,
    Changed,
    Moved,
    Merged,
    Split,
    New,
    /// Gone in this version: listed where it went, struck.
    Deleted,
}

impl ParagraphChange {
    /// The glyph the outline shows, and its meaning (the help's legend).
    pub fn glyph(self) -> &'static str {
        match self {
            ParagraphChange::First | ParagraphChange::Unchanged => "=",
            ParagraphChange::Layout => "≈",
            ParagraphChange::Changed => "~",
            ParagraphChange::Moved => "↕",
            ParagraphChange::Merged => "⊕",
            ParagraphChange::Split => "÷",
            ParagraphChange::New => "+",
            ParagraphChange::Deleted => "✗",
        }
    }

    /// In words, for a delegate: "changed", "new", "moved".
    pub fn words(self) -> &'static str {
        match self {
            ParagraphChange::First => "in the first version",
            ParagraphChange::Unchanged => "unchanged",
            ParagraphChange::Layout => "unchanged (layout only)",
            ParagraphChange::Changed => "changed",
            ParagraphChange::Moved => "moved",
            ParagraphChange::Merged => "merged",
            ParagraphChange::Split => "split",
            ParagraphChange::New => "new",
            ParagraphChange::Deleted => "deleted",
        }
    }
}

/// A number a source states.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: Text,
    /// What is counted.
    pub label: Text,
    pub value: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    #[serde(default, skip_serializing_if = "Qualifier::is_exactly")]
    pub qualifier: Qualifier,
    /// The year or date the figure refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// Shared by figures that measure the same thing, so they line up side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    pub cite: Cites,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<Text>,
}

impl Figure {
    /// The value as a reader would say it: "more than 180 forums".
    pub fn display_value(&self) -> String {
        let number = self.value.to_string();
        let mut out = String::new();
        if let Some(q) = self.qualifier.prefix() {
            out.push_str(q);
            out.push(' ');
        }
        out.push_str(&number);
        if let Some(unit) = &self.unit {
            if unit != "percent" {
                out.push(' ');
            }
            out.push_str(if unit == "percent" { "%" } else { unit });
        }
        out
    }
}

/// How a source states a number.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    #[default]
    Exactly,
    About,
    MoreThan,
    LessThan,
}

impl Qualifier {
    fn is_exactly(&self) -> bool {
        *self == Qualifier::Exactly
    }

    pub fn prefix(self) -> Option<&'static str> {
        match self {
            Qualifier::Exactly => None,
            Qualifier::About => Some("about"),
            Qualifier::MoreThan => Some("more than"),
            Qualifier::LessThan => Some("less than"),
        }
    }
}

/// A dated event: held, or planned as of the source's date.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Text,
    pub date: Date,
    /// Last day of an event that spans days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Text>,
    pub status: EventStatus,
    /// Dates other sources give for the same event, each with its source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_dates: Vec<DatedBy>,
    /// Selectors of planned events (in any brief) whose outcome this event records: the
    /// timeline shows them as this one, held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_of: Vec<Text>,
    /// Selectors of events (in other briefs, or this one) that are the same meeting under
    /// another name or date: the timeline shows them as one row, naming every brief.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    pub cite: Cites,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<Text>,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "kebab-case")]
pub enum EventStatus {
    Held,
    Planned,
}

impl EventStatus {
    pub fn label(self) -> &'static str {
        match self {
            EventStatus::Held => "held",
            EventStatus::Planned => "planned",
        }
    }
}

/// An actor's position on an issue.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub id: Text,
    /// Issue id.
    pub issue: Text,
    /// Actor id of who holds the position.
    pub actor: Text,
    pub stance: Stance,
    /// The position in one to three sentences.
    pub summary: Text,
    /// Actor id of who reports the position, when it is not the actor's own statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<Text>,
    /// When the position was stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The paragraphs of a text the position is about, by their labels in that text
    /// ("PP7", "48"): those a reservation names, say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Text>,
    /// The version of a loaded negotiated text whose labels `paragraphs` are
    /// (`harbour-statement/rev2`): they then link to its paragraphs, and `brief check`
    /// reports a label that version lacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    pub cite: Cites,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<Text>,
}

/// Where an actor stands on an issue's question: a small closed set so positions compare.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    Support,
    Oppose,
    Conditional,
    Mixed,
    /// Joins (a consensus, an adopted text) but disassociates from named paragraphs or
    /// places reservations on language: neither support nor opposition.
    Reservation,
    /// No stated position.
    None,
}

impl Stance {
    pub const ALL: [Stance; 6] = [
        Stance::Support,
        Stance::Oppose,
        Stance::Conditional,
        Stance::Mixed,
        Stance::Reservation,
        Stance::None,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::Conditional => "conditional",
            Stance::Mixed => "mixed",
            Stance::Reservation => "reservation",
            Stance::None => "no stated position",
        }
    }
}

/// A proposal on a paragraph of a negotiated text, as a document makes or records it: a
/// delegation's position paper lists its amendments, a compilation note who asked what.
/// `brief proposals` and the reader put it beside the proposals the text's history and
/// versions carry, and say whether the later versions took it.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    pub id: Text,
    /// Actor ids of who made it: one, several for a proposal made together, or a joint
    /// actor's id.
    pub by: Vec<Text>,
    /// `TEXT/VERSION/LABEL`: the paragraph it is on, by the text's id, the version's id
    /// and the paragraph's label in that version (`harbour-statement/rev1/3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<Text>,
    /// `TEXT/VERSION/LABEL`: a new paragraph, proposed after that one. Give `on` or
    /// `after`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Text>,
    pub action: Action,
    /// The words proposed: the paragraph as it would read (amend, alternative), the words
    /// to add, delete or retain; left out for a whole paragraph deleted, retained or
    /// reserved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<Text>,
    /// When it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// What the record says became of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Recorded>,
    /// Why, in one to three sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
    pub cite: Cites,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<Text>,
}

impl Proposal {
    /// Where it is: `on` or `after`, and whether it is a new paragraph after that one.
    pub fn at(&self) -> Option<(&str, bool)> {
        match (&self.on, &self.after) {
            (Some(on), None) => Some((on, false)),
            (None, Some(after)) => Some((after, true)),
            _ => None,
        }
    }

    /// The id of the text it is on (the first part of `on` or `after`).
    pub fn text(&self) -> Option<&str> {
        let (at, _) = self.at()?;
        super::proposal::place(at).map(|(text, _, _)| text)
    }

    /// The selector of the paragraph it is on or follows (`text/version/paragraph-id`).
    pub fn paragraph(&self) -> Option<String> {
        let (at, _) = self.at()?;
        let (text, version, label) = super::proposal::place(at)?;
        Some(format!("{text}/{version}/{}", paragraph_id(label)))
    }
}

/// A borrowed view of any entry, so that selectors, search and rendering treat the five
/// kinds alike.
#[derive(Debug, Clone, Copy)]
pub enum EntryRef<'a> {
    Item(&'a Item),
    Figure(&'a Figure),
    Event(&'a Event),
    Position(&'a Position),
    Proposal(&'a Proposal),
}

impl<'a> EntryRef<'a> {
    pub fn id(self) -> &'a str {
        match self {
            EntryRef::Item(x) => &x.id,
            EntryRef::Figure(x) => &x.id,
            EntryRef::Event(x) => &x.id,
            EntryRef::Position(x) => &x.id,
            EntryRef::Proposal(x) => &x.id,
        }
    }

    /// The main citation.
    pub fn cite(self) -> &'a Citation {
        self.cites().first()
    }

    pub fn cites(self) -> &'a Cites {
        match self {
            EntryRef::Item(x) => &x.cite,
            EntryRef::Figure(x) => &x.cite,
            EntryRef::Event(x) => &x.cite,
            EntryRef::Position(x) => &x.cite,
            EntryRef::Proposal(x) => &x.cite,
        }
    }

    pub fn see(self) -> &'a [Text] {
        match self {
            EntryRef::Item(x) => &x.see,
            EntryRef::Figure(x) => &x.see,
            EntryRef::Event(x) => &x.see,
            EntryRef::Position(x) => &x.see,
            EntryRef::Proposal(x) => &x.see,
        }
    }

    pub fn tags(self) -> &'a [Text] {
        match self {
            EntryRef::Item(x) => &x.tags,
            EntryRef::Figure(x) => &x.tags,
            EntryRef::Event(x) => &x.tags,
            EntryRef::Position(x) => &x.tags,
            EntryRef::Proposal(x) => &x.tags,
        }
    }

    /// The field that names the entry in lists ("label" for figures, "title" otherwise);
    /// positions have none of their own and are named from their actor and issue,
    /// proposals from their actors, action and paragraph.
    pub fn own_title(self) -> Option<&'a str> {
        match self {
            EntryRef::Item(x) => Some(&x.title),
            EntryRef::Figure(x) => Some(&x.label),
            EntryRef::Event(x) => Some(&x.title),
            EntryRef::Position(_) | EntryRef::Proposal(_) => None,
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            EntryRef::Item(_) => "item",
            EntryRef::Figure(_) => "figure",
            EntryRef::Event(_) => "event",
            EntryRef::Position(_) => "position",
            EntryRef::Proposal(_) => "proposal",
        }
    }
}

/// The entry id of a negotiated text's paragraph labelled `label`: lowercase, spaces and
/// marks as hyphens (`New 65A` → `new-65a`, `1 ter` → `1-ter`, `PP3` → `pp3`). The first
/// paragraph of a version with that label has it (a later one adds `-2`, `-3`).
pub fn paragraph_id(label: &str) -> String {
    // One string, made once: every paragraph of every version of every text has an id.
    let mut id = String::with_capacity(label.len());
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    if id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() { "p".to_owned() } else { id }
}
