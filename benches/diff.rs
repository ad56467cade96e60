//! Speed of `brief diff`'s parts, on synthetic texts (`brief::draft::synth`): reading a
//! version, aligning ten versions of 1,000 paragraphs one after the other (the goal: well
//! under a second), and the whole comparison (alignment and word diff) of two versions of
//! 150 paragraphs; and reading Akoma Ntoso built to be slow to read, of about 1 MB each
//! (the goal: each read or refused well under 100 ms); and a Word file of 1,000
//! paragraphs with 2,000 tracked changes, read into both its versions and its list of
//! changes (the goal: under 50 ms), then compared. `cargo bench --bench diff`, or
//! `cargo bench --bench diff -- docx` for the Word file alone.

use std::hint::black_box;

use brief::draft::{Options, align, compare, read, synth};
use criterion::{Criterion, criterion_group, criterion_main};

/// The Word files the tests build, built the same way here.
#[path = "../tests/common/docx.rs"]
mod docx_fixture;

fn diff(c: &mut Criterion) {
    let long = synth::versions(&synth::Options::default());
    let versions: Vec<_> = long
        .iter()
        .map(|t| read("v.txt", t.as_bytes()).unwrap())
        .collect();
    let paragraphs: usize = versions.iter().map(|v| v.paragraphs.len()).sum();
    let mut group = c.benchmark_group(format!(
        "{} versions, {paragraphs} paragraphs in all",
        versions.len()
    ));
    group.sample_size(20);
    group.bench_function("read ten versions (plain text)", |b| {
        b.iter(|| {
            for t in &long {
                black_box(read("v.txt", t.as_bytes()).unwrap());
            }
        })
    });
    group.bench_function("align each version with the next", |b| {
        b.iter(|| {
            for w in versions.windows(2) {
                black_box(align(&w[0], &w[1], &Options::default(), &[]).unwrap());
            }
        })
    });
    group.bench_function("align and word-diff each version with the next", |b| {
        b.iter(|| {
            for w in versions.windows(2) {
                black_box(
                    compare(&w[0], &w[1], &Options::default(), &[])
                        .unwrap()
                        .len(),
                );
            }
        })
    });
    group.finish();

    let short = synth::versions(&synth::Options {
        paragraphs: 150,
        versions: 2,
        ..synth::Options::default()
    });
    let (a, b2) = (
        read("a.txt", short[0].as_bytes()).unwrap(),
        read("b.txt", short[1].as_bytes()).unwrap(),
    );
    c.bench_function("150 paragraphs: read both, align, word-diff", |b| {
        b.iter(|| {
            let a = read("a.txt", short[0].as_bytes()).unwrap();
            let b2 = read("b.txt", short[1].as_bytes()).unwrap();
            black_box(compare(&a, &b2, &Options::default(), &[]).unwrap().len())
        })
    });
    c.bench_function("150 paragraphs: align only", |b| {
        b.iter(|| black_box(align(&a, &b2, &Options::default(), &[]).unwrap().len()))
    });
}

/// Akoma Ntoso files of about 1 MB in the shapes that cost a reader the most: nested
/// where each level holds words (refused by the depth limit, after parsing), wide where
/// roxmltree's own work is quadratic (refused before parsing), and as wide as is allowed
/// (read).
fn hostile_akn() -> Vec<(&'static str, String)> {
    let doc = |body: &str| {
        format!(
            "<akomaNtoso><doc name=\"x\"><mainBody><paragraph><num>1.</num><content><p>Decides.</p></content></paragraph>{body}</mainBody></doc></akomaNtoso>"
        )
    };
    let nested = |open: &str, close: &str, n: usize| {
        doc(&format!(
            "<paragraph><num>2.</num><content><p>{}{}</p></content></paragraph>",
            open.repeat(n),
            close.repeat(n)
        ))
    };
    let attributes: Vec<String> = (0..256).map(|i| format!("a{i}=\"\"")).collect();
    let wide = format!("<p {}>word</p>", attributes.join(" "));
    vec![
        (
            "recitals 80,000 deep",
            format!(
                "<akomaNtoso><doc name=\"x\"><preamble>{}<recital><p>x</p></recital>{}</preamble></doc></akomaNtoso>",
                "<recitals>".repeat(80_000),
                "</recitals>".repeat(80_000)
            ),
        ),
        (
            "inline tags 80,000 deep",
            nested("<i>word ", "</i>", 80_000),
        ),
        (
            "100,000 attributes on one element",
            doc(&format!(
                "<p {}>x</p>",
                (0..100_000)
                    .map(|i| format!("a{i}=\"\""))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        ),
        (
            "40,000 nested namespace declarations",
            nested("<span xmlns:n=\"urn:n\">", "</span>", 40_000),
        ),
        (
            "elements of 256 attributes each",
            doc(&wide.repeat(1_000_000 / wide.len())),
        ),
        ("80,000 paragraphs", doc(&"<p>word</p>".repeat(80_000))),
    ]
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile Akoma Ntoso, about 1 MB each");
    group.sample_size(10);
    for (name, text) in hostile_akn() {
        group.bench_function(name, |b| {
            b.iter(|| black_box(read("x.xml", text.as_bytes()).map(|v| v.paragraphs.len())))
        });
    }
    group.finish();
}

/// A Word file of 1,000 numbered paragraphs with two tracked changes each, an insertion
/// and a deletion by two authors.
fn docx(c: &mut Criterion) {
    let bytes = docx_fixture::long(1_000, 2).bytes();
    let tracked = brief::draft::read::docx_tracked(&bytes).unwrap();
    assert_eq!(tracked.accepted.paragraphs.len(), 1_000);
    assert_eq!(tracked.changes.len(), 2_000);
    let mut group = c.benchmark_group("docx, 1,000 paragraphs, 2,000 tracked changes");
    group.sample_size(20);
    group.bench_function("read both sides and the changes", |b| {
        b.iter(|| {
            black_box(
                brief::draft::read::docx_tracked(&bytes)
                    .unwrap()
                    .changes
                    .len(),
            )
        })
    });
    group.bench_function("read, then compare original with accepted", |b| {
        b.iter(|| {
            let t = brief::draft::read::docx_tracked(&bytes).unwrap();
            black_box(
                compare(&t.original, &t.accepted, &Options::default(), &[])
                    .unwrap()
                    .len(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, diff, hostile, docx);
criterion_main!(benches);
