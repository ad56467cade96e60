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
        resume: None,
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

/// A negotiated text of two made-up versions of `paragraphs` paragraphs each (see
/// `draft::synth`), as the reader would have read it.
fn synthetic_text(paragraphs: usize) -> brief::draft::NegotiatedText {
    use brief::brief::text::Text;
    use brief::draft::history::{History, Read, VersionEntry};
    let texts = brief::draft::synth::versions(&brief::draft::synth::Options {
        paragraphs,
        versions: 2,
        edit_rate: 0.2,
        seed: 21,
    });
    let versions: Vec<_> = texts
        .iter()
        .map(|t| brief::draft::read("v.txt", t.as_bytes()).unwrap())
        .collect();
    let entry = |i: usize| VersionEntry {
        id: Text::new(&format!("v{i}")),
        label: Text::new(&format!("Version {i}")),
        date: brief::brief::date::Date::ymd(2025, 1, 1 + i as u8),
        symbol: None,
        file: Text::new("v.txt"),
        source: None,
        side: None,
        compilation: false,
    };
    let history = History {
        id: Text::new("synthetic"),
        title: Text::new("A synthetic outcome"),
        publisher: None,
        summary: None,
        versions: vec![entry(0), entry(1)],
        concordance: Vec::new(),
        authors: Default::default(),
        proposals: Vec::new(),
    };
    brief::draft::NegotiatedText::new(
        Read {
            history,
            versions,
            forced: vec![Vec::new()],
        },
        &brief::draft::Options::default(),
    )
    .unwrap()
}

/// The versions screen on two versions of 1,000 paragraphs: a key and a frame, in two
/// columns (200×60) and stacked (80×24); and the comparison and layout made once when it
/// opens or a side changes (off the UI thread, and the first frame after).
fn versions_screen(c: &mut Criterion) {
    let text = Arc::new(synthetic_text(1000));
    let paragraphs = text.versions[0].paragraphs.len();
    let mut group = c.benchmark_group(format!("versions of {paragraphs} paragraphs"));
    let index = Index::build(&Default::default());
    for (w, h) in [(W, H), (80, 24)] {
        let mut app = App::new(Default::default(), options(), Rect::new(0, 0, w, h));
        app.show_versions("synthetic", "A synthetic outcome", Arc::clone(&text));
        brief::tui::settle(&mut app, &index);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::draw(f, &app)).unwrap();
        let mut forward = true;
        let mut steps = 0;
        group.bench_function(format!("keystroke n (next change) + frame {w}x{h}"), |b| {
            b.iter(|| {
                // Forward through the changes and back again, never stuck at an end.
                steps += 1;
                if steps % 200 == 0 {
                    forward = !forward;
                }
                app.apply(if forward {
                    Action::NextMatch
                } else {
                    Action::PreviousMatch
                });
                t.draw(|f| view::draw(f, &app)).unwrap();
            })
        });
        let mut down = true;
        group.bench_function(format!("keystroke j/k + frame {w}x{h}"), |b| {
            b.iter(|| {
                app.apply(if down { Action::Down } else { Action::Up });
                down = !down;
                t.draw(|f| view::draw(f, &app)).unwrap();
            })
        });
    }
    group.sample_size(10);
    group.bench_function("open: compare, lay out, first frame 200x60", |b| {
        let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
        b.iter(|| {
            let mut app = App::new(Default::default(), options(), Rect::new(0, 0, W, H));
            app.show_versions("synthetic", "A synthetic outcome", Arc::clone(&text));
            brief::tui::settle(&mut app, &index);
            t.draw(|f| view::draw(f, &app)).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, first_frame, keystrokes, versions_screen);
criterion_main!(benches);
