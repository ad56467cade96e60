//! The set of loaded briefs: checks that need all of them (global ids, references between
//! briefs) and the lookups everything else uses (actors, issues, sources, selectors).

use std::collections::HashSet;
use std::sync::OnceLock;

// FNV rather than SipHash: keys are short ids from files the user chose, looked up for every
// entry on every load; SipHash's defence against crafted collisions costs more than the
// worst a hostile brief could do with a few thousand ids.
use fnv::FnvHashMap as HashMap;

use super::diag::{Problem, did_you_mean, did_you_mean_id, path};
use super::model::{Actor, Brief, EntryRef, Issue, Proposal, Section, Source};
use super::text::Text;
use super::yaml::Step;

/// What a selector names.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Brief(&'a Brief),
    Section(&'a Brief, &'a Section),
    Entry(&'a Brief, &'a Section, EntryRef<'a>),
}

/// Validated briefs whose references all resolve.
#[derive(Debug, Default)]
pub struct Corpus {
    briefs: Vec<Slot>,
    // Declarations are kept apart from the briefs that made them: a brief left out for a
    // problem of its own still declares what the others refer to, so one broken file does
    // not make every reference to its actors an error too.
    actors: Declared<Actor>,
    sources: Declared<Source>,
    issues: Declared<Issue>,
    /// Every actor by any of its names, shared with the briefs made when first read.
    names: std::sync::Arc<ActorNames>,
}

/// Each actor's id, short name and name, lower-cased, to its id and the name the corpus
/// shows it by: how a name written in a compilation or a Word file (any case) is taken
/// to an actor.
#[derive(Debug, Default)]
pub struct ActorNames(HashMap<String, (Text, Text)>);

impl ActorNames {
    fn of(actors: &Declared<Actor>) -> ActorNames {
        let mut names = HashMap::default();
        for a in actors.iter() {
            let known = (a.id.clone(), Text::new(a.display_name()));
            for n in [Some(&a.name), a.short.as_ref(), Some(&a.id)]
                .into_iter()
                .flatten()
            {
                names.insert(n.to_lowercase(), known.clone());
            }
        }
        ActorNames(names)
    }

    /// The id of the actor `name` names (its id, short name or name, in any case).
    pub fn id(&self, name: &str) -> Option<&str> {
        self.0.get(&name.to_lowercase()).map(|(id, _)| id.as_str())
    }

    /// The name the corpus shows the actor `name` names by; `name` as it is when no
    /// actor has it.
    pub fn shown<'a>(&'a self, name: &'a str) -> &'a str {
        self.0
            .get(&name.to_lowercase())
            .map_or(name, |(_, shown)| shown.as_str())
    }
}

/// One brief of a corpus: made when the corpus was, or made when first read (a brief built
/// into the binary, whose checks were made when the binary was built: see
/// [`Corpus::prechecked`]). A command that shows one brief then decodes that one alone.
#[derive(Debug)]
enum Slot {
    Ready(Brief),
    Deferred {
        made: OnceLock<Brief>,
        make: Box<Deferred>,
        /// What the corpus tells it, handed to `make`: a text's paragraphs' pages tell
        /// the proposals other briefs make on it, and name every proposal's actors.
        around: Around,
    },
}

/// What the corpus tells a brief made when first read about the rest of it (see
/// [`Deferred`]): a negotiated text knows no actors of its own.
#[derive(Debug, Clone, Default)]
pub struct Around {
    /// The proposals the corpus's other briefs' sections make on it (see [`Proposed`]),
    /// their actors named as the corpus shows them.
    pub proposed: Vec<Proposed>,
    /// The corpus's actors by any of their names.
    pub actors: std::sync::Arc<ActorNames>,
}

/// How to make a brief of a corpus checked ahead of time: `make(index)`, which must give
/// the brief that the checks were made on, the one `listing` lists (its id too). A brief
/// built into the binary is decoded from it; one in the load cache is read from there; a
/// negotiated text's is made from the text.
#[derive(Clone)]
pub struct Deferred {
    pub index: usize,
    /// `make(index, around)`: `around` is what the corpus tells it (see [`Around`]).
    pub make: Make,
    pub listing: Listing,
}

/// How a [`Deferred`] brief is made: `make(index, around)`.
pub type Make = std::sync::Arc<dyn Fn(usize, &Around) -> Brief + Send + Sync>;

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Deferred({}, {:?})", self.index, self.listing.id)
    }
}

/// What an outline shows of a brief: its title, and each section's title and number of
/// entries. Kept beside a brief not yet made, so that the reader's first frame lists
/// every brief and decodes only the one it shows.
#[derive(Debug, Clone, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Listing {
    id: Text,
    title: Text,
    sections: Vec<(Text, usize)>,
    /// Each event, as the timeline's links need it: how a page tells an event's standing
    /// and the events recorded as the same meeting without making every brief.
    events: Vec<EventMark>,
    /// Each paragraph of a text a position names (`text:` and `paragraphs:`), as
    /// (position, paragraph) selectors: how a paragraph's page lists the positions that
    /// name it without making every brief.
    named: Vec<(Text, Text)>,
    /// Each proposal on a text's paragraph (see [`Proposed`]): how a text's proposals
    /// and its paragraphs' pages gather those its briefs make without making every brief.
    proposed: Vec<Proposed>,
}

/// A proposal a brief's section makes on a text, with where it is: its selector and its
/// section's title, so it can be said whose it is ("from brief X, section Y").
#[derive(Debug, Clone, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Proposed {
    /// `brief/section/entry`.
    pub selector: Text,
    pub section: Text,
    pub proposal: Proposal,
}

impl Proposed {
    /// The id of the brief it is in.
    pub fn brief(&self) -> &str {
        self.selector.split('/').next().unwrap_or_default()
    }

    /// Every proposal of `brief` that names a text.
    pub fn all_of(brief: &Brief) -> Vec<Proposed> {
        let mut out = Vec::new();
        for s in &brief.sections {
            for p in &s.proposals {
                if p.text().is_some() {
                    out.push(Proposed {
                        selector: Text::new(&format!("{}/{}/{}", brief.id, s.id, p.id)),
                        section: s.title.clone(),
                        proposal: p.clone(),
                    });
                }
            }
        }
        out
    }
}

/// The paragraphs of texts `brief`'s positions name, as (position, paragraph) selectors.
pub fn paragraphs_named(brief: &Brief) -> Vec<(Text, Text)> {
    let mut out = Vec::new();
    for s in &brief.sections {
        for p in &s.positions {
            let Some(text) = &p.text else { continue };
            let position = Text::new(&format!("{}/{}/{}", brief.id, s.id, p.id));
            for label in &p.paragraphs {
                let paragraph = format!("{text}/{}", super::model::paragraph_id(label));
                out.push((position.clone(), Text::new(&paragraph)));
            }
        }
    }
    out
}

/// An event as links between briefs see it: its selector, whether it was held, and the
/// events it names in `outcome_of` and `same_as`.
#[derive(Debug, Clone, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct EventMark {
    pub selector: Text,
    pub held: bool,
    pub outcome_of: Vec<Text>,
    pub same_as: Vec<Text>,
}

impl EventMark {
    /// Every event of `brief`, in order.
    pub fn all_of(brief: &Brief) -> Vec<EventMark> {
        brief
            .sections
            .iter()
            .flat_map(|s| {
                s.events.iter().map(move |e| EventMark {
                    selector: Text::from(format!("{}/{}/{}", brief.id, s.id, e.id)),
                    held: e.status == super::model::EventStatus::Held,
                    outcome_of: e.outcome_of.clone(),
                    same_as: e.same_as.clone(),
                })
            })
            .collect()
    }
}

impl Listing {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn of(brief: &Brief) -> Listing {
        Listing {
            id: brief.id.clone(),
            title: brief.title.clone(),
            sections: brief
                .sections
                .iter()
                .map(|s| (s.title.clone(), s.entry_count()))
                .collect(),
            events: EventMark::all_of(brief),
            named: paragraphs_named(brief),
            proposed: Proposed::all_of(brief),
        }
    }
}

/// A brief's outline (see [`Listing`]), read from the brief if it is made, else from its
/// listing.
#[derive(Debug, Clone, Copy)]
pub enum Contents<'a> {
    Brief(&'a Brief),
    Listed(&'a Listing),
}

impl<'a> Contents<'a> {
    /// The listing of it.
    pub fn listing(self) -> Listing {
        match self {
            Contents::Brief(b) => Listing::of(b),
            Contents::Listed(l) => l.clone(),
        }
    }

    pub fn id(self) -> &'a str {
        match self {
            Contents::Brief(b) => &b.id,
            Contents::Listed(l) => &l.id,
        }
    }

    pub fn title(self) -> &'a str {
        match self {
            Contents::Brief(b) => &b.title,
            Contents::Listed(l) => &l.title,
        }
    }

    pub fn sections(self) -> usize {
        match self {
            Contents::Brief(b) => b.sections.len(),
            Contents::Listed(l) => l.sections.len(),
        }
    }

    pub fn section_title(self, section: usize) -> Option<&'a str> {
        match self {
            Contents::Brief(b) => b.sections.get(section).map(|s| s.title.as_str()),
            Contents::Listed(l) => l.sections.get(section).map(|(t, _)| t.as_str()),
        }
    }

    pub fn entries(self, section: usize) -> usize {
        match self {
            Contents::Brief(b) => b.sections.get(section).map_or(0, Section::entry_count),
            Contents::Listed(l) => l.sections.get(section).map_or(0, |&(_, n)| n),
        }
    }

    /// Its events as links between briefs see them (see [`EventMark`]).
    pub fn events(self) -> Vec<EventMark> {
        match self {
            Contents::Brief(b) => EventMark::all_of(b),
            Contents::Listed(l) => l.events.clone(),
        }
    }

    /// The paragraphs its positions name (see [`paragraphs_named`]).
    pub fn named(self) -> Vec<(Text, Text)> {
        match self {
            Contents::Brief(b) => paragraphs_named(b),
            Contents::Listed(l) => l.named.clone(),
        }
    }

    /// The proposals on texts its sections make (see [`Proposed`]).
    pub fn proposed(self) -> Vec<Proposed> {
        match self {
            Contents::Brief(b) => Proposed::all_of(b),
            Contents::Listed(l) => l.proposed.clone(),
        }
    }
}

impl Slot {
    fn id(&self) -> &str {
        match self {
            Slot::Ready(b) => &b.id,
            Slot::Deferred { make, .. } => &make.listing.id,
        }
    }

    fn brief(&self) -> &Brief {
        match self {
            Slot::Ready(b) => b,
            Slot::Deferred { made, make, around } => {
                made.get_or_init(|| (make.make)(make.index, around))
            }
        }
    }

    fn contents(&self) -> Contents<'_> {
        match self {
            Slot::Ready(b) => Contents::Brief(b),
            Slot::Deferred { made, make, .. } => match made.get() {
                Some(b) => Contents::Brief(b),
                None => Contents::Listed(&make.listing),
            },
        }
    }
}

/// The briefs of a corpus, in load order, each made when first read: a slice in all but
/// name, since a slice would need every brief made before any is read.
#[derive(Debug, Clone, Copy)]
pub struct Briefs<'a>(&'a [Slot]);

impl<'a> Briefs<'a> {
    pub fn len(self) -> usize {
        self.0.len()
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    pub fn get(self, i: usize) -> Option<&'a Brief> {
        self.0.get(i).map(Slot::brief)
    }

    pub fn iter(self) -> BriefIter<'a> {
        BriefIter(self.0.iter())
    }

    /// The outline of brief `i`, without making it.
    pub fn contents(self, i: usize) -> Option<Contents<'a>> {
        self.0.get(i).map(Slot::contents)
    }

    /// Whether brief `i` is made (for tests of what is decoded when).
    #[cfg(test)]
    pub fn is_made(self, i: usize) -> bool {
        match &self.0[i] {
            Slot::Ready(_) => true,
            Slot::Deferred { made, .. } => made.get().is_some(),
        }
    }

    /// The brief with this id, made alone if it is not yet.
    pub fn find(self, id: &str) -> Option<&'a Brief> {
        self.0.get(self.position(id)?).map(Slot::brief)
    }

    /// Where the brief with this id is, without making any brief.
    pub fn position(self, id: &str) -> Option<usize> {
        self.0.iter().position(|s| s.id() == id)
    }
}

impl<'a> IntoIterator for Briefs<'a> {
    type Item = &'a Brief;
    type IntoIter = BriefIter<'a>;
    fn into_iter(self) -> BriefIter<'a> {
        self.iter()
    }
}

/// The briefs of [`Briefs`], each made as it is reached.
#[derive(Debug, Clone)]
pub struct BriefIter<'a>(std::slice::Iter<'a, Slot>);

impl<'a> Iterator for BriefIter<'a> {
    type Item = &'a Brief;
    fn next(&mut self) -> Option<&'a Brief> {
        self.0.next().map(Slot::brief)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
    fn nth(&mut self, n: usize) -> Option<&'a Brief> {
        self.0.nth(n).map(Slot::brief)
    }
}

impl DoubleEndedIterator for BriefIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(Slot::brief)
    }
}

impl ExactSizeIterator for BriefIter<'_> {}

impl std::ops::Index<usize> for Briefs<'_> {
    type Output = Brief;
    /// Brief `i`; out of range panics, as a slice's index does.
    fn index(&self, i: usize) -> &Brief {
        self.0[i].brief()
    }
}

/// What the briefs of a corpus declare for one another, in the order first declared: all
/// a corpus keeps besides its briefs, so that a corpus checked ahead of time (the built-in
/// briefs, when the binary is built) is made again without its checks.
#[derive(Debug, Clone, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Globals {
    actors: Vec<Actor>,
    sources: Vec<Source>,
    issues: Vec<Issue>,
}

/// The global declarations of one kind, in the order they were first declared.
#[derive(Debug)]
struct Declared<T> {
    by_id: HashMap<String, T>,
    order: Vec<String>,
}

impl<T> Default for Declared<T> {
    fn default() -> Self {
        Declared {
            by_id: HashMap::default(),
            order: Vec::new(),
        }
    }
}

impl<T: Declaration> Declared<T> {
    fn of(list: Vec<T>) -> Declared<T> {
        let order = list.iter().map(|x| x.id().to_owned()).collect();
        let by_id = list.into_iter().map(|x| (x.id().to_owned(), x)).collect();
        Declared { by_id, order }
    }
}

impl<T: Clone> Declared<T> {
    fn list(&self) -> Vec<T> {
        self.iter().cloned().collect()
    }
}

impl<T> Declared<T> {
    fn get(&self, id: &str) -> Option<&T> {
        self.by_id.get(id)
    }

    fn iter(&self) -> impl Iterator<Item = &T> {
        self.order.iter().filter_map(|id| self.by_id.get(id))
    }
}

/// What a brief declares for every brief to use: actors, sources and issues.
trait Declaration: Clone + PartialEq {
    /// "actor", as said in messages.
    const WHAT: &'static str;
    /// The brief's field that lists them.
    const FIELD: &'static str;
    fn id(&self) -> &str;
    fn list(brief: &Brief) -> &[Self];
}

impl Declaration for Actor {
    const WHAT: &'static str = "actor";
    const FIELD: &'static str = "actors";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(brief: &Brief) -> &[Self] {
        &brief.actors
    }
}

impl Declaration for Source {
    const WHAT: &'static str = "source";
    const FIELD: &'static str = "sources";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(brief: &Brief) -> &[Self] {
        &brief.sources
    }
}

impl Declaration for Issue {
    const WHAT: &'static str = "issue";
    const FIELD: &'static str = "issues";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(brief: &Brief) -> &[Self] {
        &brief.issues
    }
}

/// The proposals of a corpus's briefs by the text they are on.
#[derive(Default)]
struct Outside(HashMap<String, Vec<Proposed>>);

impl Outside {
    /// `proposed`, each actor named as the corpus shows it (its short name, else its
    /// name): the text they are on knows no actors.
    fn add(&mut self, proposed: Vec<Proposed>, names: &ActorNames) {
        for mut p in proposed {
            for a in &mut p.proposal.by {
                *a = Text::new(names.shown(a));
            }
            if let Some(text) = p.proposal.text() {
                self.0.entry(text.to_owned()).or_default().push(p);
            }
        }
    }

    /// Those on the brief `id`, taken out.
    fn on(&mut self, id: &str) -> Vec<Proposed> {
        self.0.remove(id).unwrap_or_default()
    }
}

/// Where each id of one kind was first declared: (candidate, position in its list).
struct FirstDeclared<T> {
    at: HashMap<String, (usize, usize)>,
    /// Ids declared only by declarations that hold placeholders (see
    /// [`Candidate::masked`]): known to the brief that declares them, so its references
    /// to them are not errors, but never compared or kept, for what they hold is ours.
    tainted: HashSet<String>,
    order: Vec<String>,
    kind: std::marker::PhantomData<T>,
}

impl<T: Declaration> FirstDeclared<T> {
    fn collect(candidates: &[Candidate], found: &mut Vec<CorpusProblem>) -> FirstDeclared<T> {
        let mut at: HashMap<String, (usize, usize)> = HashMap::default();
        let mut order = Vec::new();
        let mut tainted = HashSet::new();
        for (b, c) in candidates.iter().enumerate() {
            for (i, item) in T::list(&c.brief).iter().enumerate() {
                if !c.masked.is_empty()
                    && super::load::near_mask(
                        &[Step::Key(T::FIELD.to_owned()), Step::Index(i)],
                        &c.masked,
                    )
                {
                    tainted.insert(item.id().to_owned());
                    continue;
                }
                let Some(&(fb, fi)) = at.get(item.id()) else {
                    at.insert(item.id().to_owned(), (b, i));
                    order.push(item.id().to_owned());
                    continue;
                };
                if T::list(&candidates[fb].brief)[fi] != *item {
                    let place = if fb == b {
                        "above".to_owned()
                    } else {
                        format!("in {}", candidates[fb].name)
                    };
                    let what = T::WHAT;
                    found.push(CorpusProblem {
                        index: b,
                        problem: Problem::new(
                            path![T::FIELD, i, "id"],
                            format!(
                                "{what} `{}` is declared differently {place}; {what} ids are global, so every declaration of one must be the same",
                                item.id()
                            ),
                        ),
                    });
                }
            }
        }
        FirstDeclared {
            at,
            tainted,
            order,
            kind: std::marker::PhantomData,
        }
    }

    /// Whether `id` is declared; `lenient` for a brief that failed its own checks, which
    /// may rely on its own declarations that failed too.
    fn contains(&self, id: &str, lenient: bool) -> bool {
        self.at.contains_key(id) || (lenient && self.tainted.contains(id))
    }

    fn unknown(&self, wrong: &str) -> String {
        let what = T::WHAT;
        match did_you_mean_id(wrong, self.at.keys().map(String::as_str)) {
            Some(m) => format!("unknown {what} `{wrong}`: did you mean `{m}`?"),
            None => format!(
                "unknown {what} `{wrong}`: declare it under `{}:` in a brief",
                T::FIELD
            ),
        }
    }

    fn into_declared(self, candidates: &[Candidate]) -> Declared<T> {
        let by_id = self
            .at
            .into_iter()
            .map(|(id, (b, i))| (id, T::list(&candidates[b].brief)[i].clone()))
            .collect();
        Declared {
            by_id,
            order: self.order,
        }
    }
}

/// A brief offered to [`Corpus::build`].
#[derive(Debug)]
pub struct Candidate {
    pub brief: Brief,
    /// How the brief's file is named in messages.
    pub name: String,
    /// False for a brief that parsed but failed its own checks: it is not loaded, but its
    /// declarations still count, and its references are still checked, so that one run
    /// reports everything wrong with it.
    pub valid: bool,
    /// Paths of `brief` that hold placeholders for values that were wrong in the file
    /// (see `load::near_mask`): problems there are not reported, and a declaration that
    /// holds one is not compared with others nor kept.
    pub masked: Vec<Vec<Step>>,
    /// For a brief made only when read (a negotiated text's): how to make it. `brief` is
    /// then what the checks need of it (see `draft::as_brief::shell`), and the corpus
    /// keeps this in its place.
    pub deferred: Option<Deferred>,
}

/// A problem in candidate number `index` of those given to [`Corpus::build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusProblem {
    pub index: usize,
    pub problem: Problem,
}

/// The problems of candidate number `index` among `problems`.
pub fn problems_of(problems: &[CorpusProblem], index: usize) -> Vec<Problem> {
    problems
        .iter()
        .filter(|p| p.index == index)
        .map(|p| p.problem.clone())
        .collect()
}

/// `each(i, item)` of every item, in parts of the list on scoped threads, one per core
/// (the brief layer is also built into build.rs, without the library's thread pool); what
/// each returns, in the items' order.
fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    each: impl Fn(usize, &T) -> Vec<R> + Sync,
) -> Vec<R> {
    let part = items.len().div_ceil(cores());
    if part == items.len() || items.len() < 64 {
        return items
            .iter()
            .enumerate()
            .flat_map(|(i, t)| each(i, t))
            .collect();
    }
    let each = &each;
    std::thread::scope(|scope| {
        let running: Vec<_> = items
            .chunks(part)
            .enumerate()
            .map(|(k, chunk)| {
                scope.spawn(move || {
                    let at = k * part;
                    let out: Vec<R> = (chunk.iter().enumerate())
                        .flat_map(|(i, t)| each(at + i, t))
                        .collect();
                    out
                })
            })
            .collect();
        running
            .into_iter()
            .flat_map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Free `items` on every core: a thousand texts' shells hold millions of small strings.
fn drop_on_every_core<T: Send>(mut items: Vec<T>) {
    let part = items.len().div_ceil(cores());
    if part == items.len() || items.len() < 64 {
        return;
    }
    let mut parts = Vec::new();
    while items.len() > part {
        parts.push(items.split_off(items.len() - part));
    }
    std::thread::scope(|scope| {
        for p in parts {
            scope.spawn(move || drop(p));
        }
        drop(items);
    });
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Every declaration of the candidates, and where each brief id is first used.
struct Declarations {
    actors: FirstDeclared<Actor>,
    sources: FirstDeclared<Source>,
    issues: FirstDeclared<Issue>,
    briefs: HashMap<String, usize>,
}

/// The checks between candidates, done before the corpus is made of them, so that a
/// loader knows whether every candidate will be kept while it still holds them all.
pub struct Checked {
    declarations: Declarations,
    found: Vec<CorpusProblem>,
}

impl Checked {
    /// The checks between `candidates`. `elsewhere` are the ids of briefs that exist
    /// though they are not among the candidates (the built-in briefs, for a brief checked
    /// on its own), which a one-word `see:` may name.
    pub fn new(candidates: &[Candidate], elsewhere: &[&str]) -> Checked {
        let mut found: Vec<CorpusProblem> = Vec::new();
        let declarations = declare(candidates, &mut found);
        let targets = Targets::new(candidates);
        let known = Known {
            decl: &declarations,
            targets: &targets,
            elsewhere,
        };
        // Each brief on its own against what all declare, on every core: with a thousand
        // texts of a thousand paragraphs this was a tenth of a search's time, on one.
        found.extend(on_every_core(candidates, |i, c| {
            let mut found = Vec::new();
            check_references(i, &c.brief, candidates, &known, &mut found);
            found
        }));
        check_same_as_loops(candidates, &mut found);
        found.retain(|p| !super::load::near_mask(&p.problem.path, &candidates[p.index].masked));
        Checked {
            declarations,
            found,
        }
    }

    /// The problems found between the candidates.
    pub fn problems(&self) -> &[CorpusProblem] {
        &self.found
    }

    /// The corpus of `candidates` (the ones these checks were made on): every valid one
    /// without a problem found here.
    pub fn build(self, candidates: Vec<Candidate>) -> (Corpus, Vec<CorpusProblem>) {
        let (corpus, found, shells) = self.build_with_shells(candidates);
        drop(shells);
        (corpus, found)
    }

    /// [`Checked::build`], handing back the outlines of the briefs made when first read,
    /// which only the checks needed, for the caller to free or to leave.
    pub fn build_with_shells(
        self,
        candidates: Vec<Candidate>,
    ) -> (Corpus, Vec<CorpusProblem>, Shells) {
        let Checked {
            declarations: decl,
            found,
        } = self;
        let actors = decl.actors.into_declared(&candidates);
        let names = std::sync::Arc::new(ActorNames::of(&actors));
        let mut corpus = Corpus {
            briefs: Vec::new(),
            actors,
            sources: decl.sources.into_declared(&candidates),
            issues: decl.issues.into_declared(&candidates),
            names: names.clone(),
        };
        let rejected: HashSet<usize> = found.iter().map(|p| p.index).collect();
        let kept = |i: usize, c: &Candidate| c.valid && !rejected.contains(&i);
        let mut outside = Outside::default();
        for (i, c) in candidates.iter().enumerate() {
            if kept(i, c) {
                let proposed = match &c.deferred {
                    None => Proposed::all_of(&c.brief),
                    Some(d) => d.listing.proposed.clone(),
                };
                outside.add(proposed, &names);
            }
        }
        // The shells of briefs made later, needed only for the checks.
        let mut shells: Vec<Brief> = Vec::new();
        for (i, c) in candidates.into_iter().enumerate() {
            if kept(i, &c) {
                corpus.briefs.push(match c.deferred {
                    None => Slot::Ready(c.brief),
                    Some(make) => {
                        shells.push(c.brief);
                        Slot::Deferred {
                            made: OnceLock::new(),
                            around: Around {
                                proposed: outside.on(&make.listing.id),
                                actors: names.clone(),
                            },
                            make: Box::new(make),
                        }
                    }
                });
            }
        }
        (corpus, found, Shells(shells))
    }
}

/// The outlines of briefs made when first read (each negotiated text's: two million
/// entries in a library of 1,000 texts), which only the checks between briefs needed.
/// Freed on every core when dropped. A process about to end leaves them to the system
/// instead (`std::mem::forget`, as `cli::ctx` does): freeing millions of small strings
/// one by one was 4 to 7% of a `--no-cache` search of such a library.
#[derive(Default)]
pub struct Shells(Vec<Brief>);

impl Drop for Shells {
    fn drop(&mut self) {
        drop_on_every_core(std::mem::take(&mut self.0));
    }
}

impl std::fmt::Debug for Shells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Shells({} briefs)", self.0.len())
    }
}

impl Corpus {
    /// Check `candidates` against each other: global ids declared consistently, brief ids
    /// unique, every reference resolved. A valid candidate with a problem is left out.
    pub fn build(candidates: Vec<Candidate>, elsewhere: &[&str]) -> (Corpus, Vec<CorpusProblem>) {
        Checked::new(&candidates, elsewhere).build(candidates)
    }

    /// A corpus whose checks were made ahead of time: `briefs` made as they are read,
    /// with `globals`, what they declare. Nothing is checked: the caller vouches that a
    /// corpus built of these briefs had every one of them and no problem.
    pub fn prechecked(globals: Globals, briefs: Vec<Deferred>) -> Corpus {
        let actors = Declared::of(globals.actors);
        let names = std::sync::Arc::new(ActorNames::of(&actors));
        let mut outside = Outside::default();
        for d in &briefs {
            outside.add(d.listing.proposed.clone(), &names);
        }
        Corpus {
            briefs: briefs
                .into_iter()
                .map(|make| Slot::Deferred {
                    made: OnceLock::new(),
                    around: Around {
                        proposed: outside.on(&make.listing.id),
                        actors: names.clone(),
                    },
                    make: Box::new(make),
                })
                .collect(),
            actors,
            sources: Declared::of(globals.sources),
            issues: Declared::of(globals.issues),
            names,
        }
    }

    /// What the briefs declare for one another (see [`Corpus::prechecked`]).
    pub fn globals(&self) -> Globals {
        Globals {
            actors: self.actors.list(),
            sources: self.sources.list(),
            issues: self.issues.list(),
        }
    }

    pub fn briefs(&self) -> Briefs<'_> {
        Briefs(&self.briefs)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.get(id)
    }

    /// Every actor by any of its names (see [`ActorNames`]).
    pub fn actor_names(&self) -> &ActorNames {
        &self.names
    }

    /// Every actor, in the order the briefs declare them.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.actors.iter()
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id)
    }

    /// Every source, in the order the briefs declare them.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter()
    }

    pub fn issue(&self, id: &str) -> Option<&Issue> {
        self.issues.get(id)
    }

    /// Every issue, in the order the briefs declare them.
    pub fn issues(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter()
    }

    /// Every event of the loaded briefs as links between briefs see it, in order, without
    /// making a brief not yet made.
    pub fn event_marks(&self) -> Vec<EventMark> {
        let briefs = self.briefs();
        (0..briefs.len())
            .filter_map(|i| briefs.contents(i))
            .flat_map(Contents::events)
            .collect()
    }

    /// The positions that name the paragraph at `selector`, in the briefs' order.
    pub fn positions_naming(&self, selector: &str) -> Vec<String> {
        let briefs = self.briefs();
        (0..briefs.len())
            .filter_map(|i| briefs.contents(i))
            .flat_map(Contents::named)
            .filter(|(_, p)| p.as_str() == selector)
            .map(|(position, _)| position.to_string())
            .collect()
    }

    /// The proposals the loaded briefs' sections make on the text whose brief id is
    /// `text`, in the briefs' order, without making a brief not yet made.
    pub fn proposals_on(&self, text: &str) -> Vec<Proposed> {
        let briefs = self.briefs();
        (0..briefs.len())
            .filter_map(|i| briefs.contents(i))
            .flat_map(Contents::proposed)
            .filter(|p| p.proposal.text() == Some(text))
            .collect()
    }

    /// The proposals in briefs' sections on the paragraph at `selector`, or on a new
    /// paragraph after it, in the briefs' order.
    pub fn proposals_naming(&self, selector: &str) -> Vec<String> {
        let Some(text) = selector.split('/').next() else {
            return Vec::new();
        };
        self.proposals_on(text)
            .into_iter()
            .filter(|p| p.proposal.paragraph().as_deref() == Some(selector))
            .map(|p| p.selector.to_string())
            .collect()
    }

    /// Every selector of the loaded briefs, in order: each brief, its sections, their entries.
    pub fn selectors(&self) -> impl Iterator<Item = String> + '_ {
        self.briefs().iter().flat_map(selectors_of)
    }

    /// `brief`, `brief/section` or `brief/section/entry`.
    pub fn resolve(&self, selector: &str) -> Option<Target<'_>> {
        let mut parts = selector.trim_matches('/').split('/');
        let brief_id = parts.next()?;
        let brief = self.briefs().find(brief_id)?;
        let Some(section_id) = parts.next() else {
            return Some(Target::Brief(brief));
        };
        let section = brief.sections.iter().find(|s| s.id == section_id)?;
        let Some(entry_id) = parts.next() else {
            return Some(Target::Section(brief, section));
        };
        let entry = section.entry(entry_id)?;
        parts
            .next()
            .is_none()
            .then_some(Target::Entry(brief, section, entry))
    }
}

/// Collect the global declarations of every candidate; report a brief id used twice and
/// a declaration that differs from the first one of its id.
fn declare(candidates: &[Candidate], found: &mut Vec<CorpusProblem>) -> Declarations {
    let mut briefs: HashMap<String, usize> = HashMap::default();
    for (b, c) in candidates.iter().enumerate() {
        if let Some(&first) = briefs.get(c.brief.id.as_str()) {
            found.push(CorpusProblem {
                index: b,
                problem: Problem::new(
                    path!["id"],
                    format!(
                        "brief id `{}` is already used by {}",
                        c.brief.id, candidates[first].name
                    ),
                ),
            });
        } else {
            briefs.insert(c.brief.id.to_string(), b);
        }
    }
    Declarations {
        actors: FirstDeclared::collect(candidates, found),
        sources: FirstDeclared::collect(candidates, found),
        issues: FirstDeclared::collect(candidates, found),
        briefs,
    }
}

/// Everything a selector can name: briefs, sections and entries, of every brief read, even
/// one that failed its own checks (its problems are reported on their own). Looked up in
/// place rather than as a set of every selector, which cost a string per entry.
struct Targets<'a> {
    briefs: HashMap<&'a str, Vec<&'a Brief>>,
}

impl<'a> Targets<'a> {
    fn new(candidates: &'a [Candidate]) -> Targets<'a> {
        let mut briefs: HashMap<&str, Vec<&Brief>> =
            HashMap::with_capacity_and_hasher(candidates.len(), Default::default());
        for c in candidates {
            briefs
                .entry(c.brief.id.as_str())
                .or_default()
                .push(&c.brief);
        }
        Targets { briefs }
    }

    /// Whether `brief/rest` names something, `rest` being empty, `section` or
    /// `section/entry`.
    fn names(&self, brief: &str, rest: Option<&str>) -> bool {
        let Some(briefs) = self.briefs.get(brief) else {
            return false;
        };
        let (section, entry) = match rest {
            None => (None, None),
            Some(rest) => match rest.split_once('/') {
                None => (Some(rest), None),
                Some((_, e)) if e.contains('/') => return false,
                Some((s, e)) => (Some(s), Some(e)),
            },
        };
        briefs.iter().any(|b| match section {
            None => true,
            Some(s) => b
                .sections
                .iter()
                .any(|x| x.id == s && entry.is_none_or(|e| x.entry(e).is_some())),
        })
    }

    /// Whether `brief/section/entry` names an event.
    fn is_event(&self, selector: &str) -> bool {
        let mut parts = selector.split('/');
        let (Some(b), Some(s), Some(e), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        self.briefs.get(b).is_some_and(|briefs| {
            briefs.iter().any(|x| {
                x.sections
                    .iter()
                    .any(|sec| sec.id == s && sec.events.iter().any(|ev| ev.id == e))
            })
        })
    }

    /// The event a wrong event selector most likely meant: a near spelling of a whole
    /// selector, or else in the brief it names, the event whose id shares most words.
    fn near_event(&self, wrong: &str) -> Option<String> {
        let mut all: Vec<String> = self
            .briefs
            .values()
            .flatten()
            .flat_map(|b| {
                b.sections.iter().flat_map(move |s| {
                    s.events
                        .iter()
                        .map(move |e| format!("{}/{}/{}", b.id, s.id, e.id))
                })
            })
            .collect();
        all.sort_unstable();
        all.dedup();
        if let Some(m) = did_you_mean(wrong, all.iter().map(String::as_str)) {
            return Some(m.to_owned());
        }
        let (brief, rest) = wrong.split_once('/')?;
        let last = rest.rsplit('/').next().unwrap_or(rest);
        let in_brief: Vec<&String> = all
            .iter()
            .filter(|s| s.split('/').next() == Some(brief))
            .collect();
        let ids: Vec<&str> = in_brief
            .iter()
            .map(|s| s.rsplit('/').next().unwrap_or(s))
            .collect();
        let m = did_you_mean_id(last, ids.iter().copied())?;
        in_brief
            .iter()
            .find(|s| s.rsplit('/').next() == Some(m))
            .map(|s| (*s).clone())
    }

    fn contains(&self, selector: &str) -> bool {
        match selector.split_once('/') {
            None => self.names(selector, None),
            Some((brief, rest)) => self.names(brief, Some(rest)),
        }
    }
}

/// A `same_as` that leads back to its own event through other events' `same_as`: each
/// link of a meeting's names is written once, from one side, so a loop is a mistake (two
/// briefs each naming the other, say). Reported on the link that closes the loop, with it.
fn check_same_as_loops(candidates: &[Candidate], found: &mut Vec<CorpusProblem>) {
    // Each event with links: where it is, and what it names.
    type Place = (usize, usize, usize);
    let mut links: HashMap<String, (Place, Vec<String>)> = HashMap::default();
    for (b, c) in candidates.iter().enumerate() {
        for (si, s) in c.brief.sections.iter().enumerate() {
            for (ei, e) in s.events.iter().enumerate() {
                if !e.same_as.is_empty() {
                    let sel = format!("{}/{}/{}", c.brief.id, s.id, e.id);
                    let to = e.same_as.iter().map(|t| t.to_string()).collect();
                    links.entry(sel).or_insert(((b, si, ei), to));
                }
            }
        }
    }
    if links.is_empty() {
        return;
    }
    // The path from `from` to `goal` along the links, if there is one.
    let path_to = |from: &str, goal: &str| -> Option<Vec<String>> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut stack: Vec<Vec<String>> = vec![vec![from.to_owned()]];
        while let Some(path) = stack.pop() {
            let last = path.last().expect("a path is never empty");
            if last == goal {
                return Some(path);
            }
            if !seen.insert(last.clone()) {
                continue;
            }
            if let Some((_, next)) = links.get(last.as_str()) {
                for n in next.iter().rev() {
                    let mut p = path.clone();
                    p.push(n.clone());
                    stack.push(p);
                }
            }
        }
        None
    };
    let mut sorted: Vec<(&String, &(Place, Vec<String>))> = links.iter().collect();
    sorted.sort_by_key(|(_, (place, _))| *place);
    for (sel, ((b, si, ei), to)) in sorted {
        for (k, t) in to.iter().enumerate() {
            if t == sel {
                // Said by the brief's own checks.
                continue;
            }
            if let Some(back) = path_to(t, sel) {
                let mut chain = vec![sel.clone()];
                chain.extend(back);
                found.push(CorpusProblem {
                    index: *b,
                    problem: Problem::new(
                        path!["sections", *si, "events", *ei, "same_as", k],
                        format!(
                            "`{t}` leads back to this event through `same_as` ({}): link the events of one meeting one way only, without a loop",
                            chain.join(" → ")
                        ),
                    ),
                });
            }
        }
    }
}

/// The brief's selector, then each section's, each followed by its entries'.
fn selectors_of(brief: &Brief) -> impl Iterator<Item = String> + '_ {
    std::iter::once(brief.id.to_string()).chain(brief.sections.iter().flat_map(move |s| {
        std::iter::once(format!("{}/{}", brief.id, s.id)).chain(
            s.entries()
                .map(move |e| format!("{}/{}/{}", brief.id, s.id, e.id())),
        )
    }))
}

/// What references are checked against: the declarations, the entries that can be
/// named, and the briefs that exist elsewhere.
struct Known<'a> {
    decl: &'a Declarations,
    targets: &'a Targets<'a>,
    elsewhere: &'a [&'a str],
}

fn check_references(
    b: usize,
    brief: &Brief,
    candidates: &[Candidate],
    known: &Known<'_>,
    found: &mut Vec<CorpusProblem>,
) {
    let (decl, targets) = (known.decl, known.targets);
    let mut report = |path: Vec<Step>, message: String| {
        found.push(CorpusProblem {
            index: b,
            problem: Problem::new(path, message),
        })
    };
    let lenient = !candidates[b].valid;
    if !decl.actors.contains(&brief.publisher, lenient) {
        report(path!["publisher"], decl.actors.unknown(&brief.publisher));
    }
    for (i, a) in brief.actors.iter().enumerate() {
        for (k, m) in a.members.iter().enumerate() {
            if !decl.actors.contains(m, lenient) {
                report(path!["actors", i, "members", k], decl.actors.unknown(m));
            }
        }
    }
    let own_section = |id: &str| brief.sections.iter().any(|s| s.id == id);
    let mut sound_cites: Option<super::model::Cites> = None;
    for (si, section) in brief.sections.iter().enumerate() {
        for (list, ei, e) in section.entries_in_place() {
            let at = |rest: Vec<Step>| {
                let mut p = path!["sections", si, list, ei];
                p.extend(rest);
                p
            };
            // The entries made from a text's paragraphs share their version's citations,
            // a million of them in a large library: a list found sound is not looked at
            // again for the next entry that shares it.
            if !sound_cites
                .as_ref()
                .is_some_and(|c| c.is_shared_with(e.cites()))
            {
                let mut sound = true;
                for (k, c) in e.cites().all().iter().enumerate() {
                    if !decl.sources.contains(&c.source, lenient) {
                        let mut p = super::validate::cite_path(&at(Vec::new()), e.cites(), k);
                        p.extend(path!["source"]);
                        report(p, decl.sources.unknown(&c.source));
                        sound = false;
                    }
                }
                sound_cites = sound.then(|| e.cites().clone());
            }
            if let EntryRef::Event(x) = e {
                for (k, d) in x.other_dates.iter().enumerate() {
                    let dp = at(path!["other_dates", k]);
                    for (j, c) in d.cite.all().iter().enumerate() {
                        if !decl.sources.contains(&c.source, lenient) {
                            let mut p = super::validate::cite_path(&dp, &d.cite, j);
                            p.extend(path!["source"]);
                            report(p, decl.sources.unknown(&c.source));
                        }
                    }
                }
                // Only an event can be the outcome of another or the same meeting as
                // another; a brief not loaded is not checked.
                for (field, links) in [("outcome_of", &x.outcome_of), ("same_as", &x.same_as)] {
                    for (k, o) in links.iter().enumerate() {
                        let Some((b_id, rest)) = o.split_once('/') else {
                            continue;
                        };
                        let brief_valid =
                            decl.briefs.get(b_id).is_some_and(|&i| candidates[i].valid);
                        if brief_valid && !targets.is_event(o) {
                            let what = if targets.names(b_id, Some(rest)) {
                                "names an entry that is not an event"
                            } else {
                                "names nothing in the loaded briefs"
                            };
                            let hint = targets
                                .near_event(o)
                                .map(|m| format!(": did you mean `{m}`?"))
                                .unwrap_or_default();
                            report(at(path![field, k]), format!("`{o}` {what}{hint}"));
                        }
                    }
                }
            }
            for (k, sel) in e.see().iter().enumerate() {
                let parts: Vec<&str> = sel.split('/').collect();
                let resolves = match parts.as_slice() {
                    // `a/b` is section/entry of this brief, or else brief/section.
                    [first, _] if own_section(first) => targets.names(&brief.id, Some(sel)),
                    // One word names a whole brief and nothing in it, so the brief is all
                    // there is to check: one that was read, or one built into the binary
                    // (which a brief checked on its own may point to, as the overview does).
                    [only] => targets.contains(only) || known.elsewhere.contains(only),
                    _ => targets.contains(sel.as_str()),
                };
                // A brief may point into briefs that are not loaded, or that failed their
                // own checks and so are known only in part: only a selector into this
                // brief or into a valid one must resolve.
                let brief_known = match parts.as_slice() {
                    [first, _] if own_section(first) => true,
                    [_] => true,
                    [first, ..] => decl
                        .briefs
                        .get(*first)
                        .is_some_and(|&i| candidates[i].valid),
                    [] => true,
                };
                if !resolves && brief_known {
                    let message = match parts.as_slice() {
                        [only] if own_section(only) => format!(
                            "`{sel}` names no brief: a one-word selector is a brief id; for this brief's section write `{}/{sel}`",
                            brief.id
                        ),
                        _ => format!("`{sel}` names nothing in the loaded briefs"),
                    };
                    report(at(path!["see", k]), message);
                }
            }
            if let EntryRef::Position(p) = e {
                if !decl.actors.contains(&p.actor, lenient) {
                    report(at(path!["actor"]), decl.actors.unknown(&p.actor));
                }
                if let Some(r) = &p.reported_by
                    && !decl.actors.contains(r, lenient)
                {
                    report(at(path!["reported_by"]), decl.actors.unknown(r));
                }
                if !decl.issues.contains(&p.issue, lenient) {
                    report(at(path!["issue"]), decl.issues.unknown(&p.issue));
                }
                // The paragraphs of a named version of a loaded text must be its own. A
                // text not loaded is not checked, as for `see`.
                if let Some(text) = &p.text {
                    match text.split_once('/') {
                        Some((b_id, version)) if !version.contains('/') => {
                            let loaded =
                                decl.briefs.get(b_id).is_some_and(|&i| candidates[i].valid);
                            if loaded && !targets.names(b_id, Some(version)) {
                                report(
                                    at(path!["text"]),
                                    format!(
                                        "`{text}` names no version of a loaded text: write TEXT/VERSION, as `brief list {b_id}` lists them"
                                    ),
                                );
                            } else if loaded {
                                for (k, label) in p.paragraphs.iter().enumerate() {
                                    let sel =
                                        format!("{text}/{}", super::model::paragraph_id(label));
                                    if !targets.contains(&sel) {
                                        report(
                                            at(path!["paragraphs", k]),
                                            format!(
                                                "`{text}` has no paragraph {label}: the labels are those of that version"
                                            ),
                                        );
                                    }
                                }
                            }
                        }
                        _ => report(
                            at(path!["text"]),
                            format!(
                                "`{text}` is not TEXT/VERSION: name the text's id and one of its versions"
                            ),
                        ),
                    }
                }
            }
            if let EntryRef::Proposal(x) = e {
                for (k, a) in x.by.iter().enumerate() {
                    if !decl.actors.contains(a, lenient) {
                        report(at(path!["by", k]), decl.actors.unknown(a));
                    }
                }
                if let Some(message) = proposal_place_problem(x, candidates, decl, targets) {
                    let field = if x.on.is_some() { "on" } else { "after" };
                    report(at(path![field]), message);
                }
            }
        }
    }
}

/// What is wrong with where a proposal says it is: a text not loaded, a version or a
/// paragraph label the text lacks. Unlike a `see`, a proposal needs its text: what it
/// asks is measured against the text's versions. A text that failed its own checks is not
/// held against it (its problems are reported on their own).
fn proposal_place_problem(
    x: &Proposal,
    candidates: &[Candidate],
    decl: &Declarations,
    targets: &Targets<'_>,
) -> Option<String> {
    let (at, _) = x.at()?;
    let (text, version, label) = super::proposal::place(at)?;
    let texts = || {
        candidates
            .iter()
            .filter(|c| c.brief.kind == super::model::BriefKind::NegotiatedText)
            .map(|c| c.brief.id.as_str())
    };
    let Some(&i) = decl.briefs.get(text) else {
        let hint = match did_you_mean_id(text, texts()) {
            Some(m) => format!("did you mean `{m}`?"),
            None => {
                let loaded: Vec<&str> = texts().collect();
                if loaded.is_empty() {
                    "no text is loaded: load the text's history (its folder) with the brief"
                        .to_owned()
                } else {
                    format!("the loaded texts: {}", loaded.join(", "))
                }
            }
        };
        return Some(format!("`{text}` is no loaded negotiated text: {hint}"));
    };
    let brief = &candidates[i].brief;
    if !candidates[i].valid {
        return None;
    }
    if brief.kind != super::model::BriefKind::NegotiatedText {
        return Some(format!(
            "`{text}` is a brief, not a negotiated text: a proposal is on a text's paragraph"
        ));
    }
    if !targets.names(text, Some(version)) {
        let versions: Vec<&str> = brief.sections.iter().map(|s| s.id.as_str()).collect();
        return Some(format!(
            "`{text}` has no version `{version}`; its versions: {}",
            versions.join(", ")
        ));
    }
    let sel = format!("{text}/{version}/{}", super::model::paragraph_id(label));
    (!targets.contains(&sel)).then(|| {
        format!("`{text}/{version}` has no paragraph {label}: the labels are those of that version")
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    // The fixture world's briefs, made through a counter: which of them a corpus made.
    static MADE: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];

    fn world() -> &'static Corpus {
        static WORLD: OnceLock<Corpus> = OnceLock::new();
        WORLD.get_or_init(crate::query::fixture_world)
    }

    fn make(i: usize, _: &Around) -> Brief {
        MADE[i].fetch_add(1, Ordering::SeqCst);
        world().briefs()[i].clone()
    }

    /// Each brief of `lazy`, not yet made, is listed as `made` holds it.
    pub(crate) fn assert_lists_without_making(lazy: &Corpus, made: &Corpus) {
        assert_eq!(lazy.briefs().len(), made.briefs().len());
        for (i, b) in made.briefs().iter().enumerate() {
            let listed = lazy.briefs().contents(i).unwrap();
            assert!(matches!(listed, Contents::Listed(_)), "{} is made", b.id);
            assert_eq!(listed.id(), b.id.as_str());
            assert_eq!(listed.title(), b.title.as_str());
            assert_eq!(listed.sections(), b.sections.len());
            for (si, s) in b.sections.iter().enumerate() {
                assert_eq!(listed.section_title(si), Some(s.title.as_str()));
                assert_eq!(listed.entries(si), s.entry_count());
            }
            assert_eq!(listed.section_title(b.sections.len()), None);
        }
    }

    #[test]
    fn a_prechecked_corpus_makes_a_brief_only_when_read_and_only_once() {
        let world = world();
        let deferred: Vec<Deferred> = world
            .briefs()
            .iter()
            .enumerate()
            .map(|(index, b)| Deferred {
                index,
                make: std::sync::Arc::new(make),
                listing: Listing::of(b),
            })
            .collect();
        let corpus = Corpus::prechecked(world.globals(), deferred);
        let made = || {
            MADE.iter()
                .map(|m| m.load(Ordering::SeqCst))
                .collect::<Vec<_>>()
        };
        assert_eq!(made(), [0, 0, 0]);
        // Declarations need no brief.
        let actor = world.actors().next().unwrap();
        assert_eq!(corpus.actor(&actor.id), Some(actor));
        assert_eq!(corpus.briefs().len(), 3);
        // So does each brief's outline, which is the made brief's.
        assert_lists_without_making(&corpus, world);
        assert_eq!(made(), [0, 0, 0]);
        // A selector into the last brief makes that one alone.
        let last = &world.briefs()[2];
        let section = &last.sections[0];
        let Some(Target::Section(b, s)) = corpus.resolve(&format!("{}/{}", last.id, section.id))
        else {
            panic!("the section resolves");
        };
        assert_eq!((b, s), (last, section));
        assert_eq!(made(), [0, 0, 1]);
        // Reading them all makes the others, once each; what is read is the same brief.
        assert!(corpus.briefs().iter().eq(world.briefs().iter()));
        assert!(corpus.briefs().iter().rev().eq(world.briefs().iter().rev()));
        assert!(std::ptr::eq(b, corpus.briefs().get(2).unwrap()));
        assert_eq!(made(), [1, 1, 1]);
        assert_eq!(corpus.globals(), world.globals());
    }
}
