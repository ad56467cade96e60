//! The reader's speed: time to the first frame on the built-in briefs; on the synthetic
//! corpus (see `support`), the cost of a keystroke (state change plus a full frame on a
//! 200×60 screen) and of drawing each view.

mod support;

use std::hint::black_box;
use std::sync::Arc;

use brief::library::{Request, load};
use brief::search::{Index, Query};
use brief::tui::app::{Action, App, Options};
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

fn keystrokes(c: &mut Criterion) {
    let (dir, _) = support::write_corpus();
    let corpus = support::load_dir(dir.path());
    let entries = support::entry_count(&corpus);
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
    // Scrolling the text being read: the page is laid out once per key, not per frame
    // and again to clamp the scroll.
    let mut reading = App::new(Arc::clone(&corpus), options(), Rect::new(0, 0, W, H));
    reading.apply(Action::Down);
    reading.apply(Action::Tab);
    group.bench_function("keystroke j/k in the reading pane + frame", |b| {
        b.iter(|| {
            reading.apply(if down { Action::Down } else { Action::Up });
            down = !down;
            t.draw(|f| view::draw(f, &reading)).unwrap();
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
    group.bench_function(
        "open compare: the key and a frame (the matrix builds elsewhere)",
        |b| {
            b.iter(|| {
                let mut app = App::new(Arc::clone(&corpus), options(), Rect::new(0, 0, W, H));
                app.apply(Action::Compare);
                t.draw(|f| view::draw(f, &app)).unwrap();
            })
        },
    );
    group.bench_function("build the compare matrix (off the UI thread)", |b| {
        b.iter(|| {
            let mut app = App::new(Arc::clone(&corpus), options(), Rect::new(0, 0, W, H));
            app.apply(Action::Compare);
            brief::tui::settle(&mut app, &index);
            black_box(app.compare.matrix.issues.len())
        })
    });
    group.finish();

    // Each view drawn from a ready state: what a frame costs once the state is there.
    let mut group = c.benchmark_group(format!("draw on {entries} entries, 200x60"));
    let views: [(&str, &[Action]); 7] = [
        (
            "reader: outline + reading pane",
            &[Action::Down, Action::Right],
        ),
        ("search results", &[Action::StartSearch, Action::Type('i')]),
        ("compare matrix", &[Action::Compare]),
        ("compare side by side", &[Action::Compare, Action::Enter]),
        ("timeline", &[Action::Timeline]),
        ("desk", &[Action::Desk]),
        ("help", &[Action::Help]),
    ];
    for (name, actions) in views {
        let mut app = App::new(Arc::clone(&corpus), options(), Rect::new(0, 0, W, H));
        for a in actions {
            app.apply(a.clone());
            brief::tui::settle(&mut app, &index);
        }
        group.bench_function(name, |b| {
            b.iter(|| t.draw(|f| view::draw(f, &app)).unwrap().area)
        });
    }
    group.finish();
}

criterion_group!(benches, first_frame, keystrokes);
criterion_main!(benches);
