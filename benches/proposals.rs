//! Speed of the proposals analysis (`brief proposals`): whether each of 2,000 proposals
//! on ten versions of 1,000 paragraphs was reflected in the next version drafted and in the
//! last (the goal: under 100 ms), and one paragraph's blame. `cargo bench --bench
//! proposals`.

use std::hint::black_box;

use brief::draft::history::{History, Read};
use brief::draft::proposals::{self, Action, Origin, Proposal, Target};
use brief::draft::{NegotiatedText, Options, read, synth};
use criterion::{Criterion, criterion_group, criterion_main};

/// Ten synthetic versions of 1,000 paragraphs, aligned.
fn text() -> NegotiatedText {
    let opts = synth::Options {
        paragraphs: 1_000,
        versions: 10,
        ..synth::Options::default()
    };
    let versions: Vec<_> = synth::versions(&opts)
        .iter()
        .map(|t| read("v.txt", t.as_bytes()).unwrap())
        .collect();
    let mut yaml = String::from("id: bench\ntitle: Bench\nversions:\n");
    for i in 0..versions.len() {
        yaml.push_str(&format!(
            "  - {{id: v{i}, label: Version {i}, date: 2025-01-{:02}, file: v{i}.txt}}\n",
            i + 1
        ));
    }
    let history = History::parse(&yaml).unwrap();
    let forced = vec![Vec::new(); versions.len() - 1];
    NegotiatedText::new(
        Read {
            history,
            versions,
            forced,
        },
        &Options::default(),
    )
    .unwrap()
}

/// 2,000 proposals on the first nine versions, every action, on paragraphs spread through
/// each version: amendments and alternatives reword the paragraph, additions bring new
/// words, deletions name some of its words.
fn proposals(text: &NegotiatedText) -> Vec<Proposal> {
    let mut out = Vec::with_capacity(2_000);
    for k in 0..2_000usize {
        let v = k % 9;
        let paragraphs = &text.versions[v].paragraphs;
        let p = (k * 7_919) % paragraphs.len();
        let words: Vec<&str> = paragraphs[p].text.split_whitespace().collect();
        let action = Action::ALL[k % Action::ALL.len()];
        let wording = match action {
            Action::Amend | Action::Alternative => {
                let mut w = words.clone();
                if let Some(first) = w.first_mut() {
                    *first = "Further";
                }
                w.push("as appropriate");
                w.join(" ")
            }
            Action::Add => "with the full participation of all stakeholders".to_owned(),
            Action::Delete => words.iter().take(3).copied().collect::<Vec<_>>().join(" "),
            Action::Retain | Action::Reservation => String::new(),
        };
        out.push(Proposal {
            by: vec![format!("actor-{}", k % 40)],
            version: v,
            target: if k % 50 == 0 {
                Target::After(p)
            } else {
                Target::Paragraph(p)
            },
            action,
            wording,
            date: None,
            cite: None,
            recorded: None,
            origin: Origin::Written(k),
        });
    }
    out.sort_by_key(|p| (p.version, p.paragraph()));
    out
}

fn bench(c: &mut Criterion) {
    let text = text();
    let all = proposals(&text);
    let mut group = c.benchmark_group("10 versions × 1,000 paragraphs, 2,000 proposals");
    group.sample_size(10);
    group.bench_function(
        "reflected or not, against the next and the last version",
        |b| b.iter(|| black_box(proposals::reflected(&text, &all).len())),
    );
    let last = text.versions.len() - 1;
    let p = text.versions[last].paragraphs.len() / 2;
    group.bench_function("blame one paragraph of the last version", |b| {
        b.iter(|| black_box(proposals::blame(&text, &all, last, p).len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
