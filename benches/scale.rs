//! Speed at scale, on the synthetic corpus (see `support`): parsing and validating
//! throughput, loading the whole folder with and without the cache, one search, and the
//! compare matrix. `cargo bench --bench scale`; `BRIEF_BENCH_BRIEFS=100` for a quick run.

mod support;

use std::hint::black_box;
use std::time::Duration;

use brief::brief::load::{Limits, load as parse};
use brief::library::{Request, load};
use brief::query::matrix::Matrix;
use brief::search::{Filter, Query, search};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn loading(c: &mut Criterion) {
    let (dir, bytes) = support::write_corpus();
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    let mut group = c.benchmark_group(format!(
        "{} briefs, {:.0} MB of YAML",
        files.len(),
        bytes as f64 / 1e6
    ));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("parse + validate each file, one thread", |b| {
        b.iter(|| {
            for (name, text) in &files {
                black_box(parse(name, text, &Limits::default()).is_ok());
            }
        })
    });
    let request = Request {
        paths: vec![dir.path().to_path_buf()],
        ..Request::default()
    };
    group.bench_function("load the folder, no cache (every core)", |b| {
        b.iter(|| black_box(load(&request).corpus.briefs().len()))
    });
    let cache = tempfile::tempdir().unwrap();
    let cached = Request {
        cache_dir: Some(cache.path().to_path_buf()),
        ..request.clone()
    };
    // The cache trusts only files older than two seconds: the ones just written wait.
    std::thread::sleep(Duration::from_secs(3));
    load(&cached);
    group.bench_function("load the folder, nothing changed (cache)", |b| {
        b.iter(|| black_box(load(&cached).corpus.briefs().len()))
    });
    group.finish();

    let corpus = support::load_dir(dir.path());
    let mut group = c.benchmark_group(format!(
        "{} entries in memory",
        support::entry_count(&corpus)
    ));
    group.sample_size(10);
    let query = Query::parse("spectrum policy");
    group.bench_function("brief search: fold and match every entry", |b| {
        b.iter(|| black_box(search(&corpus, &query, &Filter::default()).len()))
    });
    group.bench_function("build the compare matrix (issues x actors)", |b| {
        b.iter(|| black_box(Matrix::build(&corpus, &Filter::default()).issues.len()))
    });
    group.finish();
}

criterion_group!(benches, loading);
criterion_main!(benches);
