//! Speed of `brief diff`'s parts, on synthetic texts (`brief::draft::synth`): reading a
//! version, aligning ten versions of 1,000 paragraphs one after the other (the goal: well
//! under a second), and the whole comparison (alignment and word diff) of two versions of
//! 150 paragraphs. `cargo bench --bench diff`.

use std::hint::black_box;

use brief::draft::{Options, align, compare, read, synth};
use criterion::{Criterion, criterion_group, criterion_main};

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

criterion_group!(benches, diff);
criterion_main!(benches);
