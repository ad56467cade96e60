//! Speed as a user meets it. `cargo bench` runs these; no test is timed.
//!
//! - `brief show` of a section as a whole process, against `cat` of the brief's file
//!   (the floor: one process that reads the file and writes it out);
//! - loading and validating the built-in briefs, in process;
//! - rendering a section as text, in process.

use std::hint::black_box;
use std::process::{Command, Stdio};

use brief::library::{Request, builtin_files, load};
use brief::render::{Format, Layout, render};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn whole_process(c: &mut Criterion) {
    let bin = env!("CARGO_BIN_EXE_brief");
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/briefs/wsis20-overview.yaml");
    let mut group = c.benchmark_group("whole process");
    group.bench_function("cat briefs/wsis20-overview.yaml", |b| {
        b.iter(|| {
            Command::new("cat")
                .arg(file)
                .stdout(Stdio::null())
                .status()
                .unwrap()
        })
    });
    group.bench_function("brief show wsis20-overview/issues", |b| {
        b.iter(|| {
            Command::new(bin)
                .args(["show", "wsis20-overview/issues"])
                .env("XDG_CONFIG_HOME", "/nonexistent")
                .stdout(Stdio::null())
                .status()
                .unwrap()
        })
    });
    group.finish();
}

fn in_process(c: &mut Criterion) {
    let bytes: u64 = builtin_files().iter().map(|(_, b)| b.len() as u64).sum();
    let mut group = c.benchmark_group("in process");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("load and validate the built-in briefs", |b| {
        b.iter(|| {
            load(black_box(&Request {
                builtin: true,
                ..Request::default()
            }))
        })
    });
    group.finish();
    let corpus = load(&Request {
        builtin: true,
        ..Request::default()
    })
    .corpus;
    let target = corpus.resolve("wsis20-overview/issues").unwrap();
    c.bench_function("render wsis20-overview/issues as text at 80 columns", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(16 * 1024);
            render(
                &corpus,
                target,
                Format::Text,
                Layout {
                    width: 80,
                    color: false,
                    today: "2026-12-01".parse().unwrap(),
                },
                &mut out,
            )
            .unwrap();
            out
        })
    });
}

criterion_group!(benches, whole_process, in_process);
criterion_main!(benches);
