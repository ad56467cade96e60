//! Checks on one brief that need no other brief: ids, required text, dates, duplicates.
//! References between briefs are checked by the corpus, once every brief is loaded.

use std::collections::HashMap;

use super::diag::{Problem, path};
use super::model::{Brief, Cites, EntryRef, EventStatus, Section};
use super::text::Text;
use super::yaml::Step;

/// The longest summary we accept: three sentences, generously.
pub const MAX_SUMMARY_CHARS: usize = 600;
const MAX_ID_LEN: usize = 64;

/// Why `id` is not an id, if it is not.
pub fn id_problem(id: &str) -> Option<String> {
    let ok_chars = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if id.is_empty() {
        Some("is empty; ids are lowercase letters, digits and hyphens".to_owned())
    } else if !ok_chars || id.starts_with('-') {
        Some(format!(
            "`{id}` is not an id: use lowercase letters, digits and hyphens, starting with a letter or digit"
        ))
    } else if id.len() > MAX_ID_LEN {
        Some(format!("`{id}` is longer than {MAX_ID_LEN} characters"))
    } else {
        None
    }
}

/// Where the `i`th citation of `cites` stands under `base`: `cite` itself for one,
/// `cite[i]` in a list.
pub fn cite_path(base: &[Step], cites: &Cites, i: usize) -> Vec<Step> {
    if cites.all().len() == 1 {
        extended(base, path!["cite"])
    } else {
        extended(base, path!["cite", i])
    }
}

/// `base` followed by `rest`.
fn extended(base: &[Step], rest: Vec<Step>) -> Vec<Step> {
    let mut p = Vec::with_capacity(base.len() + rest.len());
    p.extend_from_slice(base);
    p.extend(rest);
    p
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, path: Vec<Step>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    // The checks take their path as a closure: almost every check passes, and building
    // every path up front was most of the time spent validating a large corpus.

    fn id(&mut self, path: impl Fn() -> Vec<Step>, id: &str) {
        if let Some(p) = id_problem(id) {
            self.report(path(), p);
        }
    }

    fn text(&mut self, path: impl Fn() -> Vec<Step>, text: &str) {
        if text.trim().is_empty() {
            self.report(
                path(),
                "is empty; write the text or leave the field out if it is optional",
            );
        }
    }

    fn opt_text(&mut self, path: impl Fn() -> Vec<Step>, text: &Option<Text>) {
        if let Some(t) = text {
            self.text(path, t);
        }
    }

    fn summary(&mut self, path: impl Fn() -> Vec<Step>, text: &str) {
        self.text(&path, text);
        let n = text.chars().count();
        if n > MAX_SUMMARY_CHARS {
            self.report(
                path(),
                format!("is {n} characters; a summary is one to three sentences (at most {MAX_SUMMARY_CHARS}): move the rest to `body`"),
            );
        }
    }

    fn tags(&mut self, base: &[Step], tags: &[Text]) {
        for (i, t) in tags.iter().enumerate() {
            self.id(|| extended(base, path!["tags", i]), t);
        }
    }

    /// Report the second and later uses of the same id in one list.
    fn unique<'a, P: Fn() -> Vec<Step>>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = (P, &'a str)>,
    ) {
        let ids: Vec<(P, &str)> = ids.collect();
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
        for (i, (p, id)) in ids.iter().enumerate() {
            if let Some(&first) = seen.get(id) {
                let first = super::diag::path_string(&(ids[first].0)());
                self.report(
                    p(),
                    format!("duplicate {what} id `{id}`: already used at {first}"),
                );
            } else {
                seen.insert(id, i);
            }
        }
    }

    /// Each citation of an entry (one, or a list: see [`cite_path`]).
    fn cites(&mut self, base: &[Step], cites: &Cites) {
        for (i, cite) in cites.all().iter().enumerate() {
            let at = cite_path(base, cites, i);
            self.id(|| extended(&at, path!["source"]), &cite.source);
            self.text(|| extended(&at, path!["at"]), &cite.at);
        }
    }

    fn see(&mut self, base: &[Step], see: &[Text]) {
        for (i, s) in see.iter().enumerate() {
            let parts: Vec<&str> = s.split('/').collect();
            if !(1..=3).contains(&parts.len()) || parts.iter().any(|x| id_problem(x).is_some()) {
                self.report(
                    extended(base, path!["see", i]),
                    format!(
                        "`{s}` is not a selector: write brief, brief/section or brief/section/entry"
                    ),
                );
            }
        }
    }

    fn section(&mut self, brief_id: &str, si: usize, s: &Section, partial: bool) {
        let base = path!["sections", si];
        let at = |rest: Vec<Step>| extended(&base, rest);
        self.id(|| at(path!["id"]), &s.id);
        self.text(|| at(path!["title"]), &s.title);
        self.opt_text(|| at(path!["summary"]), &s.summary);
        if s.entry_count() == 0 && !partial {
            self.report(
                base.clone(),
                "section has no entries: add items, figures, events, positions or proposals",
            );
        }

        let indexed: Vec<(EntryRef<'_>, Vec<Step>)> = s
            .entries_in_place()
            .map(|(list, i, e)| (e, at(path![list, i])))
            .collect();
        let ids: Vec<_> = indexed
            .iter()
            .map(|(e, p)| (move || extended(p, path!["id"]), e.id()))
            .collect();

        self.unique("entry", ids.into_iter());

        for (e, p) in &indexed {
            let field = |name: &str| extended(p, path![name]);
            self.id(|| field("id"), e.id());
            self.cites(p, e.cites());
            self.see(p, e.see());
            self.tags(p, e.tags());
            match *e {
                EntryRef::Item(x) => {
                    self.text(|| field("title"), &x.title);
                    self.summary(|| field("summary"), &x.summary);
                    self.opt_text(|| field("body"), &x.body);
                    self.opt_text(|| field("group"), &x.group);
                }
                EntryRef::Figure(x) => {
                    self.text(|| field("label"), &x.label);
                    if !x.value.is_finite() {
                        self.report(field("value"), "must be a finite number");
                    }
                    self.opt_text(|| field("unit"), &x.unit);
                    if let Some(m) = &x.measure {
                        self.id(|| field("measure"), m);
                    }
                    if let Some(t) = &x.summary {
                        self.summary(|| field("summary"), t);
                    }
                }
                EntryRef::Event(x) => {
                    self.text(|| field("title"), &x.title);
                    self.opt_text(|| field("place"), &x.place);
                    if let Some(t) = &x.summary {
                        self.summary(|| field("summary"), t);
                    }
                    if let Some(end) = &x.end
                        && end.last_day_number() < x.date.first_day_number()
                    {
                        self.report(
                            field("end"),
                            format!("{end} is before the event's date {}", x.date),
                        );
                    }
                    for (k, d) in x.other_dates.iter().enumerate() {
                        let dp = extended(p, path!["other_dates", k]);
                        self.cites(&dp, &d.cite);
                        if d.date == x.date {
                            self.report(
                                extended(&dp, path!["date"]),
                                format!("{} is the event's own date: other_dates are for the dates other sources give", d.date),
                            );
                        }
                    }
                    for (k, o) in x.outcome_of.iter().enumerate() {
                        if o.split('/').count() != 3
                            || o.split('/').any(|part| id_problem(part).is_some())
                        {
                            self.report(
                                extended(p, path!["outcome_of", k]),
                                format!(
                                    "`{o}` is not an event's selector: write brief/section/event"
                                ),
                            );
                        }
                    }
                    let own = format!("{brief_id}/{}/{}", s.id, x.id);
                    for (k, o) in x.same_as.iter().enumerate() {
                        if o.split('/').count() != 3
                            || o.split('/').any(|part| id_problem(part).is_some())
                        {
                            self.report(
                                extended(p, path!["same_as", k]),
                                format!(
                                    "`{o}` is not an event's selector: write brief/section/event"
                                ),
                            );
                        } else if o.as_str() == own {
                            self.report(
                                extended(p, path!["same_as", k]),
                                format!("`{o}` is this event itself: `same_as` names another brief's event for the same meeting"),
                            );
                        } else if x.outcome_of.contains(o) {
                            self.report(
                                extended(p, path!["same_as", k]),
                                format!("`{o}` is also in `outcome_of`: name it in one of the two"),
                            );
                        }
                    }
                    if !x.outcome_of.is_empty() && x.status != EventStatus::Held {
                        self.report(
                            field("outcome_of"),
                            "records the outcome of planned events, so this event was held: set `status: held`",
                        );
                    }
                }
                EntryRef::Position(x) => {
                    self.id(|| field("issue"), &x.issue);
                    self.id(|| field("actor"), &x.actor);
                    self.summary(|| field("summary"), &x.summary);
                    for (k, para) in x.paragraphs.iter().enumerate() {
                        self.text(|| extended(p, path!["paragraphs", k]), para);
                    }
                    if let Some(r) = &x.reported_by {
                        self.id(|| field("reported_by"), r);
                        if *r == x.actor {
                            self.report(
                                field("reported_by"),
                                "names the position's own actor; leave `reported_by` out for an actor's own statement",
                            );
                        }
                    }
                }
                EntryRef::Proposal(x) => self.proposal(p, x),
            }
        }
    }
}

impl Checker {
    /// A proposal's own shape; whether its actors, text, version and paragraph exist is
    /// the corpus's to check.
    fn proposal(&mut self, base: &[Step], x: &super::model::Proposal) {
        let field = |name: &str| extended(base, path![name]);
        if x.by.is_empty() {
            self.report(
                field("by"),
                "names no one: give the actor id of who made the proposal (or several)",
            );
        }
        for (k, a) in x.by.iter().enumerate() {
            self.id(|| extended(base, path!["by", k]), a);
        }
        match (&x.on, &x.after) {
            (None, None) => self.report(
                base.to_vec(),
                "says no paragraph: give `on: TEXT/VERSION/LABEL` (the paragraph it is on) or `after: TEXT/VERSION/LABEL` (for a new one)",
            ),
            (Some(_), Some(_)) => self.report(
                field("after"),
                "a proposal is on a paragraph or after one: give `on` or `after`, not both",
            ),
            _ => {}
        }
        for (name, at) in [("on", &x.on), ("after", &x.after)] {
            let Some(at) = at else { continue };
            match super::proposal::place(at) {
                Some((text, version, _)) if id_problem(text).is_none() && id_problem(version).is_none() => {}
                _ => self.report(
                    field(name),
                    format!(
                        "`{at}` is not TEXT/VERSION/LABEL: name the text's id, one of its versions and the paragraph's label there (`harbour-statement/rev1/3`)"
                    ),
                ),
            }
        }
        match &x.wording {
            Some(w) => self.text(|| field("wording"), w),
            None if x.action.needs_wording() => self.report(
                field("action"),
                format!(
                    "`{}` needs `wording`: the words to add, or the paragraph as it would read",
                    x.action.name()
                ),
            ),
            None => {}
        }
        if let Some(t) = &x.summary {
            self.summary(|| field("summary"), t);
        }
    }
}

/// Every problem in `brief` that can be seen without the other briefs. `partial` is set
/// when parts of the brief were dropped to get past earlier errors: checks that depend on
/// what is missing (empty sections) are skipped then.
pub fn check_brief(brief: &Brief, partial: bool) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    c.id(|| path!["id"], &brief.id);
    c.text(|| path!["title"], &brief.title);
    c.id(|| path!["publisher"], &brief.publisher);
    c.summary(|| path!["summary"], &brief.summary);
    if brief.language.is_empty()
        || !brief
            .language
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        c.report(
            path!["language"],
            format!(
                "`{}` is not a language tag such as `en` or `fr-CH`",
                brief.language
            ),
        );
    }
    c.tags(&[], &brief.tags);

    for (i, s) in brief.sources.iter().enumerate() {
        c.id(|| path!["sources", i, "id"], &s.id);
        c.text(|| path!["sources", i, "title"], &s.title);
        c.text(|| path!["sources", i, "publisher"], &s.publisher);
        c.opt_text(|| path!["sources", i, "author"], &s.author);
        c.opt_text(|| path!["sources", i, "note"], &s.note);
        if let Some(url) = &s.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            c.report(
                path!["sources", i, "url"],
                format!("`{url}` is not an http(s) URL"),
            );
        }
    }
    c.unique(
        "source",
        brief
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (move || path!["sources", i, "id"], s.id.as_str())),
    );

    for (i, a) in brief.actors.iter().enumerate() {
        c.id(|| path!["actors", i, "id"], &a.id);
        c.text(|| path!["actors", i, "name"], &a.name);
        c.opt_text(|| path!["actors", i, "short"], &a.short);
        c.opt_text(|| path!["actors", i, "bloc"], &a.bloc);
        c.opt_text(|| path!["actors", i, "note"], &a.note);
        for (k, m) in a.members.iter().enumerate() {
            c.id(|| path!["actors", i, "members", k], m);
            if *m == a.id {
                c.report(
                    path!["actors", i, "members", k],
                    "a joint actor cannot be one of its own members",
                );
            }
        }
        if a.members.len() == 1 {
            c.report(
                path!["actors", i, "members"],
                "a joint actor has two members or more; one member is that actor",
            );
        }
    }
    c.unique(
        "actor",
        brief
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (move || path!["actors", i, "id"], a.id.as_str())),
    );

    for (i, x) in brief.issues.iter().enumerate() {
        c.id(|| path!["issues", i, "id"], &x.id);
        c.text(|| path!["issues", i, "title"], &x.title);
        c.text(|| path!["issues", i, "question"], &x.question);
        let issue_path: Vec<Step> = path!["issues", i];
        c.tags(&issue_path, &x.tags);
    }
    c.unique(
        "issue",
        brief
            .issues
            .iter()
            .enumerate()
            .map(|(i, x)| (move || path!["issues", i, "id"], x.id.as_str())),
    );

    if brief.sections.is_empty() && !partial {
        c.report(path!["sections"], "a brief needs at least one section");
    }
    for (i, s) in brief.sections.iter().enumerate() {
        c.section(&brief.id, i, s, partial);
    }
    c.unique(
        "section",
        brief
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (move || path!["sections", i, "id"], s.id.as_str())),
    );
    c.problems
}

/// What in `brief` cannot be true on `today`: an event marked held whose first day has
/// not come. (A past event still marked planned is not wrong — the brief was written
/// before it — and is shown as "outcome unknown".)
pub fn check_dates(brief: &Brief, today: super::date::Date) -> Vec<Problem> {
    let mut out = Vec::new();
    for (si, s) in brief.sections.iter().enumerate() {
        for (ei, e) in s.events.iter().enumerate() {
            if e.status == EventStatus::Held && e.date.first_day_number() > today.last_day_number()
            {
                out.push(Problem::new(
                    path!["sections", si, "events", ei, "status"],
                    format!(
                        "is `held`, but the event's date {} is after today ({today}): an event still to come is `planned` (`--today` sets the day)",
                        e.date
                    ),
                ));
            }
        }
    }
    out
}
