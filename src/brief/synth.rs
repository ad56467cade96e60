//! Synthetic briefs for measuring speed at scale: a delegation's shared folder after years
//! of work, made up but shaped like the real thing (sections of items with bodies, figures,
//! dated events, positions of many actors on shared issues, cross-references, a little
//! non-ASCII text). Every brief passes `brief check`; the same seed gives the same bytes.
//!
//! Used by `examples/gen-corpus.rs` and the benchmarks. Nothing here touches the disk.

use super::date::Date;
use super::model::{
    Actor, Amount, Brief, BriefKind, Citation, Cites, Event, EventStatus, Figure, Issue, Item,
    Position, Qualifier, Section, Source, StakeholderGroup, Stance,
};
use super::text::Text;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How many briefs, the registry of shared actors and issues included.
    pub briefs: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            briefs: 1000,
            seed: 2025,
        }
    }
}

/// SplitMix64. Written out rather than taken from `rand` because the corpus must stay the
/// same bytes for a seed across dependency upgrades, which `rand` does not promise.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }

    fn word(&mut self, from: &[&'static str]) -> &'static str {
        from[self.below(from.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ACTORS: usize = 400;
const ISSUES: usize = 120;
/// The registry brief that declares the shared actors and issues.
pub const REGISTRY_ID: &str = "gen-registry";

const SUBJECTS: &[&str] = &[
    "the review",
    "the Forum",
    "the mandate",
    "each delegation",
    "the secretariat",
    "national regulators",
    "the technical community",
    "civil society groups",
    "small island states",
    "the private sector",
    "regional registries",
    "the working group",
    "the co-facilitators",
    "member states",
    "academic networks",
    "the Compact",
    "the roadmap",
    "the Action Lines",
];

const VERBS: &[&str] = &[
    "strengthens",
    "weakens",
    "extends",
    "reframes",
    "funds",
    "measures",
    "reviews",
    "narrows",
    "widens",
    "connects",
    "protects",
    "questions",
    "supports",
    "delays",
    "clarifies",
    "coordinates",
];

const OBJECTS: &[&str] = &[
    "meaningful connectivity",
    "the multistakeholder model",
    "open standards",
    "interoperable infrastructure",
    "cross-border data flows",
    "digital public goods",
    "the permanent mandate",
    "capacity building",
    "cybersecurity norms",
    "artificial intelligence governance",
    "local content",
    "affordable access",
    "the intersessional work",
    "human rights online",
    "the digital divide",
    "national and regional initiatives",
    "universal acceptance",
    "spectrum policy",
    "the funding base",
    "community networks",
];

const QUALIFIERS: &[&str] = &[
    "in the least developed countries",
    "before the next review",
    "through voluntary contributions",
    "with measurable targets",
    "across every region",
    "without new bodies",
    "in line with the Tunis Agenda",
    "for rural and remote areas",
    "at the annual meeting",
    "by 2030",
    "in São Paulo and Genève alike",
    "from Côte d'Ivoire to Việt Nam",
];

const TOPICS: &[&str] = &[
    "access",
    "affordability",
    "ai",
    "capacity",
    "connectivity",
    "cybersecurity",
    "data",
    "development",
    "funding",
    "gdc",
    "governance",
    "human-rights",
    "igf",
    "infrastructure",
    "multistakeholder",
    "openness",
    "sdgs",
    "standards",
    "trust",
    "wsis20",
];

const SECTION_TITLES: &[&str] = &[
    "Context",
    "Characteristics of the Internet",
    "Core abilities",
    "Multistakeholder governance",
    "Priorities",
    "Challenges",
    "Figures",
    "Timeline",
    "Positions",
    "Recommendations",
    "Financing",
    "Implementation",
];

const PLACES: &[&str] = &[
    "Geneva",
    "Tunis",
    "New York",
    "Riyadh",
    "Kyoto",
    "Oslo",
    "Addis Ababa",
    "Lillestrøm",
    "São Paulo",
    "Online",
];

const MEASURES: &[&str] = &[
    "people-offline",
    "igf-participants",
    "nris-count",
    "broadband-price",
    "ixp-count",
    "ipv6-adoption",
    "mobile-coverage",
    "gender-gap",
];

const GROUPS: [StakeholderGroup; 6] = [
    StakeholderGroup::Government,
    StakeholderGroup::Intergovernmental,
    StakeholderGroup::PrivateSector,
    StakeholderGroup::CivilSociety,
    StakeholderGroup::TechnicalCommunity,
    StakeholderGroup::AcademicCommunity,
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn sentence(rng: &mut Rng) -> String {
    let mut s = format!(
        "{} {} {}",
        capitalise(rng.word(SUBJECTS)),
        rng.word(VERBS),
        rng.word(OBJECTS)
    );
    if rng.chance(70) {
        s.push(' ');
        s.push_str(rng.word(QUALIFIERS));
    }
    if rng.chance(40) {
        s.push_str(", and ");
        s.push_str(rng.word(SUBJECTS));
        s.push(' ');
        s.push_str(rng.word(VERBS));
        s.push(' ');
        s.push_str(rng.word(OBJECTS));
    }
    s.push('.');
    s
}

fn sentences(rng: &mut Rng, lo: usize, hi: usize) -> Text {
    let n = rng.between(lo, hi);
    let parts: Vec<String> = (0..n).map(|_| sentence(rng)).collect();
    Text::from(parts.join(" "))
}

fn title(rng: &mut Rng) -> Text {
    Text::from(format!(
        "{} {}",
        capitalise(rng.word(OBJECTS)),
        rng.word(QUALIFIERS)
    ))
}

fn tags(rng: &mut Rng, n: usize) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    for _ in 0..n {
        let t = rng.word(TOPICS);
        if !out.iter().any(|x| x == t) {
            out.push(Text::from(t));
        }
    }
    out
}

fn date(rng: &mut Rng, from_year: u16, years: usize) -> Date {
    let year = from_year + rng.below(years) as u16;
    match rng.below(4) {
        0 => Date {
            year,
            month: None,
            day: None,
        },
        1 => Date {
            year,
            month: Some(rng.between(1, 12) as u8),
            day: None,
        },
        // Up to the 27th, so that an event's next day is a date in every month.
        _ => Date::ymd(year, rng.between(1, 12) as u8, rng.between(1, 27) as u8),
    }
}

fn actor_id(n: usize) -> String {
    format!("gen-actor-{n:03}")
}

fn issue_id(n: usize) -> String {
    format!("gen-issue-{n:03}")
}

/// The id of brief number `n` (1-based; 0 is the registry).
pub fn brief_id(n: usize) -> String {
    if n == 0 {
        REGISTRY_ID.to_owned()
    } else {
        format!("gen-{n:04}")
    }
}

/// The file a brief is written to.
pub fn file_name(brief: &Brief) -> String {
    format!("{}.yaml", brief.id)
}

fn registry(rng: &mut Rng) -> Brief {
    let actors = (0..ACTORS)
        .map(|n| Actor {
            id: Text::from(actor_id(n)),
            name: Text::from(format!("{} delegation {n}", capitalise(rng.word(PLACES)))),
            short: rng.chance(50).then(|| Text::from(format!("D{n}"))),
            group: GROUPS[n % GROUPS.len()],
            bloc: rng.chance(20).then(|| Text::from("G77 and China")),
            members: Vec::new(),
            note: None,
        })
        .collect();
    let issues = (0..ISSUES)
        .map(|n| Issue {
            id: Text::from(issue_id(n)),
            title: title(rng),
            question: Text::from(format!(
                "Should {} {} {}?",
                rng.word(SUBJECTS),
                rng.word(&["protect", "fund", "review", "extend", "measure"]),
                rng.word(OBJECTS)
            )),
            tags: tags(rng, 2),
        })
        .collect();
    let source = Source {
        id: Text::from("gen-src-registry"),
        title: Text::from("Synthetic registry of actors and issues"),
        publisher: Text::from("brief benchmarks"),
        author: None,
        date: Some(Date::ymd(2025, 1, 1)),
        kind: None,
        url: None,
        note: None,
    };
    let items = (0..20)
        .map(|n| Item {
            id: Text::from(format!("note-{n}")),
            title: title(rng),
            summary: sentences(rng, 1, 2),
            body: None,
            group: None,
            tags: tags(rng, 1),
            cite: Cites::one(Citation {
                source: source.id.clone(),
                at: Text::from(format!("Part {}", n + 1)),
            }),
            see: Vec::new(),
            paragraph: None,
        })
        .collect();
    Brief {
        id: Text::from(REGISTRY_ID),
        title: Text::from("Registry of actors and issues"),
        publisher: Text::from(actor_id(0)),
        kind: BriefKind::Overview,
        published: Date::ymd(2025, 1, 1),
        published_approximate: false,
        language: Text::from("en"),
        summary: Text::from("Declares the actors and issues the synthetic briefs share."),
        tags: vec![Text::from("governance")],
        sources: vec![source],
        actors,
        issues,
        sections: vec![Section {
            id: Text::from("about"),
            title: Text::from("About this registry"),
            summary: None,
            items,
            figures: Vec::new(),
            events: Vec::new(),
            positions: Vec::new(),
            proposals: Vec::new(),
        }],
    }
}

fn brief(rng: &mut Rng, n: usize) -> Brief {
    let id = brief_id(n);
    let source_id = Text::from(format!("gen-src-{n:04}"));
    let publisher = actor_id(rng.below(ACTORS));
    let published = Date::ymd(
        2015 + rng.below(12) as u16,
        rng.between(1, 12) as u8,
        rng.between(1, 28) as u8,
    );
    let cite = |rng: &mut Rng, section: usize| Citation {
        source: source_id.clone(),
        at: Text::from(format!(
            "Section {}, paragraph {}",
            section + 1,
            rng.between(1, 40)
        )),
    };
    // Each brief speaks to a handful of the shared issues, so that the compare matrix has
    // many actors per issue.
    let my_issues: Vec<usize> = (0..6).map(|_| rng.below(ISSUES)).collect();
    let section_count = rng.between(7, 11);
    let mut sections: Vec<Section> = Vec::new();
    let mut earlier: Vec<String> = Vec::new();
    for s in 0..section_count {
        let sid = format!("s{}", s + 1);
        let mut section = Section {
            id: Text::from(sid.clone()),
            title: Text::from(SECTION_TITLES[(s + n) % SECTION_TITLES.len()]),
            summary: rng.chance(70).then(|| sentences(rng, 1, 2)),
            items: Vec::new(),
            figures: Vec::new(),
            events: Vec::new(),
            positions: Vec::new(),
            proposals: Vec::new(),
        };
        let see = |rng: &mut Rng, earlier: &[String]| -> Vec<Text> {
            if earlier.is_empty() || !rng.chance(30) {
                Vec::new()
            } else {
                vec![Text::from(rng.pick(earlier).clone())]
            }
        };
        for i in 0..rng.between(6, 10) {
            let item = Item {
                id: Text::from(format!("i{}", i + 1)),
                title: title(rng),
                summary: sentences(rng, 2, 3),
                body: rng.chance(70).then(|| sentences(rng, 2, 5)),
                group: None,
                tags: tags(rng, 2),
                cite: Cites::one(cite(rng, s)),
                see: see(rng, &earlier),
                paragraph: None,
            };
            earlier.push(format!("{id}/{sid}/{}", item.id));
            section.items.push(item);
        }
        if rng.chance(40) {
            for f in 0..rng.between(1, 3) {
                section.figures.push(Figure {
                    id: Text::from(format!("f{}", f + 1)),
                    label: title(rng),
                    value: Amount::exactly(
                        (rng.below(100_000) as f64) / if rng.chance(30) { 10.0 } else { 1.0 },
                    ),
                    unit: rng.chance(50).then(|| Text::from("percent")),
                    qualifier: *rng.pick(&[
                        Qualifier::Exactly,
                        Qualifier::About,
                        Qualifier::MoreThan,
                        Qualifier::LessThan,
                    ]),
                    as_of: rng.chance(60).then(|| date(rng, 2015, 12)),
                    measure: rng.chance(50).then(|| Text::from(rng.word(MEASURES))),
                    summary: rng.chance(50).then(|| sentences(rng, 1, 2)),
                    tags: tags(rng, 1),
                    cite: Cites::one(cite(rng, s)),
                    see: Vec::new(),
                });
            }
        }
        if rng.chance(30) {
            for e in 0..rng.between(1, 3) {
                let date = date(rng, 2003, 25);
                let end = (date.day.is_some() && rng.chance(30)).then(|| {
                    Date::ymd(
                        date.year,
                        date.month.unwrap_or(1),
                        date.day.unwrap_or(1) + 1,
                    )
                });
                section.events.push(Event {
                    id: Text::from(format!("e{}", e + 1)),
                    date,
                    end,
                    title: Text::from(format!(
                        "{} meeting on {}",
                        capitalise(rng.word(&["annual", "open", "regional", "high-level"])),
                        rng.word(OBJECTS)
                    )),
                    place: rng.chance(70).then(|| Text::from(rng.word(PLACES))),
                    status: if date.year < 2026 {
                        EventStatus::Held
                    } else {
                        EventStatus::Planned
                    },
                    other_dates: Vec::new(),
                    outcome_of: Vec::new(),
                    same_as: Vec::new(),
                    summary: rng.chance(50).then(|| sentences(rng, 1, 2)),
                    tags: tags(rng, 1),
                    cite: Cites::one(cite(rng, s)),
                    see: Vec::new(),
                });
            }
        }
        for p in 0..rng.between(1, 5) {
            let actor = rng.below(ACTORS);
            let reported = rng
                .chance(20)
                .then(|| (actor + 1 + rng.below(ACTORS - 1)) % ACTORS);
            section.positions.push(Position {
                id: Text::from(format!("p{}", p + 1)),
                issue: Text::from(issue_id(*rng.pick(&my_issues))),
                actor: Text::from(actor_id(actor)),
                stance: *rng.pick(&Stance::ALL),
                summary: sentences(rng, 1, 3),
                reported_by: reported.map(|r| Text::from(actor_id(r))),
                date: rng.chance(50).then(|| date(rng, 2015, 12)),
                paragraphs: Vec::new(),
                text: None,
                tags: tags(rng, 1),
                cite: Cites::one(cite(rng, s)),
                see: see(rng, &earlier),
            });
        }
        sections.push(section);
    }
    Brief {
        id: Text::from(id),
        title: Text::from(format!("{} ({n})", capitalise(rng.word(OBJECTS)))),
        publisher: Text::from(publisher),
        kind: *rng.pick(&[
            BriefKind::PerspectivePaper,
            BriefKind::ConsultationInput,
            BriefKind::Commentary,
            BriefKind::Statement,
            BriefKind::Report,
        ]),
        published,
        published_approximate: false,
        language: Text::from("en"),
        summary: sentences(rng, 2, 3),
        tags: tags(rng, 4),
        sources: vec![Source {
            id: source_id,
            title: Text::from(format!("Synthetic source document {n}")),
            publisher: Text::from("brief benchmarks"),
            author: None,
            date: Some(published),
            kind: None,
            url: Some(Text::from(format!("https://example.org/gen/{n}"))),
            note: None,
        }],
        actors: Vec::new(),
        issues: Vec::new(),
        sections,
    }
}

/// The briefs, registry first. Each brief comes from its own stream of the seed, so brief
/// `n` is the same whatever `briefs` is.
pub fn generate(options: Options) -> impl Iterator<Item = Brief> {
    (0..options.briefs).map(move |n| {
        let mut rng = Rng::new(options.seed ^ (n as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        if n == 0 {
            registry(&mut rng)
        } else {
            brief(&mut rng, n)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::corpus::{Candidate, Corpus};
    use crate::brief::load::{Limits, load};
    use crate::brief::yaml;

    #[test]
    fn the_same_seed_gives_the_same_briefs_and_another_seed_others() {
        let a: Vec<Brief> = generate(Options { briefs: 5, seed: 7 }).collect();
        let b: Vec<Brief> = generate(Options { briefs: 5, seed: 7 }).collect();
        let c: Vec<Brief> = generate(Options { briefs: 5, seed: 8 }).collect();
        assert_eq!(a, b);
        assert_ne!(a[1], c[1]);
    }

    #[test]
    fn generated_briefs_load_and_resolve_together() {
        let mut candidates = Vec::new();
        for brief in generate(Options {
            briefs: 30,
            seed: 1,
        }) {
            let text = yaml::encode(&brief).unwrap();
            let name = file_name(&brief);
            let loaded = load(&name, text.as_bytes(), &Limits::default())
                .unwrap_or_else(|r| panic!("{name}: {:?}", r.diagnostics));
            assert_eq!(loaded, brief, "{name} reads back as written");
            candidates.push(Candidate {
                brief: loaded,
                name,
                valid: true,
                masked: Vec::new(),
                deferred: None,
            });
        }
        let (corpus, problems) = Corpus::build(candidates, &[]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(corpus.briefs().len(), 30);
        assert!(corpus.issues().count() == ISSUES);
    }
}
