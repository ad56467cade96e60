//! The reader's speed: time to the first frame on the built-in briefs, and the cost of a
//! keystroke (state change plus a full frame on a 200×60 screen) on a corpus of about
//! 100,000 entries, made here by copying the built-in briefs under new ids.

use std::hint::black_box;
use std::sync::Arc;

use brief::brief::search::{Index, Query};
use brief::library::{Request, builtin_files, load};
use brief::tui::state::{Action, App, Options};
use brief::tui::theme::ThemeName;
use brief::tui::view;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const W: u16 = 200;
const H: u16 = 60;

fn options() -> Options {
    Options {
        theme: ThemeName::Default,
        today: "2026-11-22".parse().unwrap(),
        pick: false,
        start: None,
        desk: Default::default(),
        notice: None,
    }
}

fn first_frame(c: &mut Criterion) {
    c.bench_function(
        "reader: load built-ins, build state, draw first frame 200x60",
        |b| {
            b.iter(|| {
                let corpus = load(&Request {
                    builtin: true,
                    ..Request::default()
                })
                .corpus;
                let app = App::new(Arc::new(corpus), options(), Rect::new(0, 0, W, H));
                let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
                t.draw(|f| view::draw(f, &app)).unwrap();
                black_box(t.backend().buffer().area);
            })
        },
    );
}

/// The built-in briefs copied under new ids until there are about `entries` entries.
fn big_corpus(entries: usize) -> (tempfile::TempDir, Arc<brief::brief::corpus::Corpus>) {
    let dir = tempfile::tempdir().unwrap();
    let per_copy: usize = {
        let c = brief::library::builtin_corpus();
        c.briefs()
            .iter()
            .flat_map(|b| &b.sections)
            .map(|s| s.entry_count())
            .sum()
    };
    let copies = entries.div_ceil(per_copy);
    for i in 0..copies {
        for (name, bytes) in builtin_files() {
            let text = std::str::from_utf8(bytes).unwrap();
            let renamed = text.replacen("\nid: ", &format!("\nid: copy{i}-"), 1);
            std::fs::write(dir.path().join(format!("copy{i}-{name}")), renamed).unwrap();
        }
    }
    let loaded = load(&Request {
        paths: vec![dir.path().to_path_buf()],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics[0]);
    (dir, Arc::new(loaded.corpus))
}

fn keystrokes(c: &mut Criterion) {
    let (_dir, corpus) = big_corpus(100_000);
    let entries: usize = corpus
        .briefs()
        .iter()
        .flat_map(|b| &b.sections)
        .map(|s| s.entry_count())
        .sum();
    let mut group = c.benchmark_group(format!("reader on {entries} entries"));
    let mut app = App::new(Arc::clone(&corpus), options(), Rect::new(0, 0, W, H));
    let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
    let mut down = true;
    group.bench_function("keystroke j/k + frame", |b| {
        b.iter(|| {
            app.apply(if down { Action::Down } else { Action::Up });
            down = !down;
            t.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
    group.bench_function("keystroke in the search prompt + frame", |b| {
        let mut app = App::new(Arc::clone(&corpus), options(), Rect::new(0, 0, W, H));
        app.apply(Action::StartSearch);
        let mut typed = true;
        b.iter(|| {
            app.apply(if typed {
                Action::Type('i')
            } else {
                Action::Erase
            });
            typed = !typed;
            t.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
    let index = Index::build(&corpus);
    let query = Query::parse("multistakeholder igf");
    group.bench_function("search worker: one query over the index", |b| {
        b.iter(|| black_box(index.matches(&corpus, &query, &Default::default())))
    });
    group.sample_size(10);
    group.bench_function("open compare (build the matrix) + frame", |b| {
        b.iter(|| {
            let mut app = App::new(Arc::clone(&corpus), options(), Rect::new(0, 0, W, H));
            app.apply(Action::Compare);
            t.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, first_frame, keystrokes);
criterion_main!(benches);
