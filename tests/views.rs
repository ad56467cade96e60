//! Every view of the reader drawn on ratatui's TestBackend from a known state, pinned by
//! insta snapshots at 40, 80 and 120 columns; and every screen drawn at every size from
//! 1×1 up, which must never panic.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use brief::brief::corpus::Corpus;
use brief::library::{self, Request};
use brief::search::Index;
use brief::tui::app::{Action, App, Options, Outcome, Pane, Screen};
use brief::tui::settle;
use brief::tui::theme::ThemeName;
use brief::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn fixtures() -> Arc<Corpus> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli");
    let loaded = library::load(&Request {
        paths: vec![dir.join("example.yaml"), dir.join("world.yaml")],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    Arc::new(loaded.corpus)
}

/// The reader's own fixture world (tests/fixtures/reader): editing a shipped brief can
/// never break a test of the reader.
fn world() -> Arc<Corpus> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let loaded = library::load(&Request {
        paths: vec![dir],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    Arc::new(loaded.corpus)
}

#[test]
fn a_see_also_in_the_short_form_reads_its_title_and_is_followed() {
    // `see: [overview/who-it-serves]` inside reader-alpha is its own entry.
    let mut app = app_on(world(), 100, 30);
    open(&mut app, "reader-alpha/overview/remote-speakers");
    let s = screen(&app);
    assert!(!s.contains("(not loaded)"), "{s}");
    assert_eq!(app.links(), ["reader-alpha/overview/who-it-serves"]);
    drive(&mut app, &[Action::Follow(1)]);
    let followed = app.current().unwrap();
    assert_eq!(
        brief::render::selector(app.outline.target(&app.corpus, followed).unwrap()),
        "reader-alpha/overview/who-it-serves"
    );
}

fn app_on(corpus: Arc<Corpus>, w: u16, h: u16) -> App {
    App::new(
        corpus,
        Options {
            theme: ThemeName::Mono,
            today: "2026-11-22".parse().unwrap(),
            pick: false,
            start: None,
            desk: Default::default(),
            notice: None,
            resume: None,
        },
        Rect::new(0, 0, w, h),
    )
}

/// Apply actions as the runner would, answering searches at once.
fn drive(app: &mut App, actions: &[Action]) {
    let index = Index::build(&app.corpus);
    for a in actions {
        app.apply(a.clone());
        settle(app, &index);
    }
}

/// Select the node named `sel`; its id.
fn open(app: &mut App, sel: &str) -> usize {
    let id = app.outline.find(&app.corpus, sel).unwrap();
    app.select(id);
    id
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Type).collect()
}

/// The screen as text, trailing spaces trimmed.
fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn at_widths(name: &str, build: impl Fn(u16, u16) -> App) {
    for (w, h) in [(40, 12), (80, 24), (120, 40)] {
        let app = build(w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

#[test]
fn opening_screen() {
    at_widths("open", |w, h| app_on(fixtures(), w, h));
}

#[test]
fn reading_an_entry() {
    at_widths("entry", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        open(&mut app, "example-input/recommendations/permanent-mandate");
        drive(&mut app, &[Action::Enter]);
        app
    });
}

#[test]
fn search_prompt_with_results() {
    at_widths("search", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        let mut actions = vec![Action::StartSearch];
        actions.extend(typed("forum"));
        drive(&mut app, &actions);
        app
    });
}

#[test]
fn filter_menu() {
    at_widths("filters", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Filters, Action::Space]);
        app
    });
}

#[test]
fn compare_matrix_and_side_by_side() {
    at_widths("compare", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Compare]);
        app
    });
    at_widths("compare_issue", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Compare, Action::Enter]);
        app
    });
    at_widths("compare_groups", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Compare, Action::ToggleGroups]);
        app
    });
}

#[test]
fn figures_side_by_side() {
    let mut app = app_on(world(), 120, 30);
    drive(&mut app, &[Action::Compare, Action::Tab]);
    let s = screen(&app);
    // Two years of one measure are a series, not sources that differ; two sources
    // giving one year different values are.
    assert!(
        s.contains(
            "Households online in the region  (reader-households-online; 2 figures from 2 sources, 2005–2024; a series over time)"
        ),
        "{s}"
    );
    assert!(
        s.contains("(reader-exchange-points; 2 figures from 2 sources, 2025; sources differ)"),
        "{s}"
    );
    assert!(
        s.contains("112 exchange points") && s.contains("118 exchange points"),
        "{s}"
    );
    // Paging past the end stops at the last page, and one page up comes back.
    let mut small = app_on(world(), 80, 10);
    drive(&mut small, &[Action::Compare, Action::Tab]);
    for _ in 0..4 {
        drive(&mut small, &[Action::PageDown]);
    }
    let end = screen(&small);
    assert!(end.contains("exchange-points-gamma"), "{end}");
    drive(&mut small, &[Action::PageUp]);
    assert_ne!(screen(&small), end, "PgUp comes back at once");
}

#[test]
fn timeline_with_today() {
    at_widths("timeline", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Timeline]);
        app
    });
}

#[test]
fn help_overlay() {
    at_widths("help", |w, h| {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Help]);
        app
    });
}

/// Every screen at every size, 1×1 included: drawing never panics and never writes
/// outside the frame (TestBackend would panic).
#[test]
fn every_screen_draws_at_every_size() {
    let corpus = world();
    let setups: Vec<Vec<Action>> = vec![
        vec![],
        vec![Action::Enter],
        vec![Action::StartSearch, Action::Type('i'), Action::Type('g')],
        vec![Action::Filters],
        vec![Action::Compare],
        vec![Action::Compare, Action::Enter],
        vec![Action::Compare, Action::ToggleGroups],
        vec![Action::Compare, Action::Tab],
        vec![Action::Timeline],
        vec![Action::Help],
        vec![Action::Desk],
        vec![
            Action::Down,
            Action::Right,
            Action::Down,
            Action::Bookmark,
            Action::Annotate,
        ],
    ];
    let index = Index::build(&corpus);
    for setup in &setups {
        let mut app = app_on(Arc::clone(&corpus), 100, 30);
        for a in setup {
            app.apply(a.clone());
            settle(&mut app, &index);
        }
        for w in (1..=130).step_by(7).chain([1, 2, 39, 40, 69, 70]) {
            for h in (1..=45).step_by(5).chain([1, 2, 3, 12]) {
                app.apply(Action::Resize(w, h));
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| view::draw(f, &app)).unwrap();
            }
        }
    }
}

#[test]
fn history_goes_back_and_forward_across_cross_references() {
    let mut app = app_on(world(), 120, 40);
    let start = open(&mut app, "reader-alpha/overview/who-it-serves");
    let links = app.links();
    assert!(!links.is_empty());
    drive(&mut app, &[Action::Follow(1)]);
    let followed = app.current().unwrap();
    assert_eq!(
        brief::render::selector(app.outline.target(&app.corpus, followed).unwrap()),
        links[0]
    );
    assert_eq!(app.focus, Pane::Reading);
    drive(&mut app, &[Action::Back]);
    assert_eq!(app.current(), Some(start));
    drive(&mut app, &[Action::Forward]);
    assert_eq!(app.current(), Some(followed));
    drive(&mut app, &[Action::Left]);
    assert_eq!(
        app.current(),
        Some(start),
        "← in the reading pane goes back"
    );
}

#[test]
fn n_and_shift_n_walk_the_matches_and_wrap() {
    let mut app = app_on(world(), 120, 40);
    let mut actions = vec![Action::StartSearch];
    actions.extend(typed("tromso"));
    actions.push(Action::Enter);
    drive(&mut app, &actions);
    let hits = app.search.places.len();
    assert!(hits >= 2, "{hits}");
    let first = app.current();
    let mut seen = vec![first];
    for _ in 1..hits {
        drive(&mut app, &[Action::NextMatch]);
        seen.push(app.current());
    }
    seen.dedup();
    assert_eq!(seen.len(), hits, "n visits every match once");
    drive(&mut app, &[Action::NextMatch]);
    assert_eq!(app.current(), first);
    assert_eq!(app.status.as_deref(), Some("search wrapped to the top"));
    drive(&mut app, &[Action::PreviousMatch]);
    assert_eq!(app.current(), *seen.last().unwrap());
    // The reading pane marks the match.
    let s = screen(&app);
    assert!(s.to_lowercase().contains("tromsø"), "{s}");
}

#[test]
fn search_matches_like_brief_search() {
    let corpus = world();
    let mut app = app_on(Arc::clone(&corpus), 120, 40);
    let mut actions = vec![Action::StartSearch];
    actions.extend(typed("\"the forum\""));
    drive(&mut app, &actions);
    let from_reader: Vec<String> = app
        .search
        .places
        .iter()
        .map(|p| brief::search::hit(&corpus, *p, &app.search.query).selector)
        .collect();
    let from_cli: Vec<String> = brief::search::search(
        &corpus,
        &brief::search::Query::parse("\"the forum\""),
        &Default::default(),
    )
    .into_iter()
    .map(|h| h.selector)
    .collect();
    assert_eq!(from_reader, from_cli);
}

#[test]
fn a_filter_narrows_the_outline_and_one_key_clears_it() {
    let mut app = app_on(world(), 120, 40);
    let all = app.outline.visible().len();
    // Filters open on the first stance (support); switch on "oppose" instead.
    drive(
        &mut app,
        &[Action::Filters, Action::Down, Action::Space, Action::Escape],
    );
    assert!(app.filter_active());
    let s = screen(&app);
    assert!(s.contains("filter: stance oppose"), "{s}");
    assert!(app.outline.visible().len() < all);
    drive(&mut app, &[Action::ClearFilter]);
    assert!(!app.filter_active());
    assert_eq!(app.status.as_deref(), Some("filter cleared"));
}

#[test]
fn a_megabyte_pasted_into_search_is_cut_not_kept() {
    let mut app = app_on(world(), 80, 24);
    let big = "igf\n\x1b[31m".repeat(100_000);
    drive(&mut app, &[Action::StartSearch, Action::Paste(big)]);
    assert_eq!(
        app.search.input.chars().count(),
        brief::tui::screen::search::MAX_QUERY
    );
    assert!(!app.search.input.chars().any(char::is_control));
    assert!(app.status.as_deref().unwrap().contains("cut"));
    screen(&app);
}

#[test]
fn pick_chooses_with_enter() {
    let mut app = App::new(
        world(),
        Options {
            theme: ThemeName::Mono,
            today: "2026-11-22".parse().unwrap(),
            pick: true,
            start: Some("reader-alpha/timeline".into()),
            desk: Default::default(),
            notice: None,
            resume: None,
        },
        Rect::new(0, 0, 80, 24),
    );
    drive(&mut app, &[Action::Enter]);
    assert_eq!(
        app.outcome,
        Some(Outcome::Picked(vec!["reader-alpha/timeline".into()]))
    );
}

#[test]
fn compare_opens_side_by_side_for_chosen_actors() {
    let mut app = app_on(world(), 160, 40);
    drive(&mut app, &[Action::Compare]);
    assert_eq!(app.screen(), Screen::Compare);
    // Choose two actors, then open the first issue where either has a position.
    drive(&mut app, &[Action::Space, Action::Right, Action::Space]);
    assert_eq!(app.compare.chosen.len(), 2);
    let m = app.compare.matrix.clone();
    let row = (0..m.issues.len())
        .find(|&r| m.cells[r][0].is_some() || m.cells[r][1].is_some())
        .unwrap();
    app.compare.rows.cursor = row;
    drive(&mut app, &[Action::Enter]);
    let d = app.compare.detail.clone().unwrap();
    assert!(d.actors.len() <= 2 && !d.actors.is_empty());
    assert!(d.actors.iter().all(|a| app.compare.chosen.contains(a)));
    let s = screen(&app);
    assert!(s.contains("Side by side"), "{s}");
}

#[test]
fn the_mouse_selects_and_scrolls_the_pane_under_it() {
    let mut app = app_on(world(), 120, 30);
    let panes = app.panes();
    let outline = panes.outline.unwrap();
    let reading = panes.reading.unwrap();
    // Click the third row of the outline: it is selected and the outline has the focus.
    drive(
        &mut app,
        &[Action::Click {
            column: outline.x + 2,
            row: outline.y + 2,
        }],
    );
    assert_eq!(app.rows.cursor, 2);
    assert_eq!(app.focus, Pane::Outline);
    // The wheel over the reading pane scrolls it, not the outline (the brief's page on
    // row 0 is long enough to scroll).
    drive(&mut app, &[Action::Top]);
    drive(
        &mut app,
        &[Action::Wheel {
            column: reading.x + 5,
            row: reading.y + 5,
            down: true,
        }],
    );
    assert_eq!(app.reading.top, 3);
    assert_eq!(app.rows.cursor, 0);
    drive(&mut app, &[Action::Down, Action::Down]);
    // A second click on the selected row opens it.
    let id = app.current().unwrap();
    assert!(!app.outline.is_expanded(id));
    drive(
        &mut app,
        &[Action::Click {
            column: outline.x + 2,
            row: outline.y + 2,
        }],
    );
    assert!(app.outline.is_expanded(id));
}

#[test]
fn a_narrow_screen_shows_one_pane_and_tab_or_arrows_switch() {
    let mut app = app_on(fixtures(), 40, 12);
    assert!(app.panes().reading.is_none());
    // Open the first section, step onto its entry, read it.
    drive(
        &mut app,
        &[Action::Down, Action::Right, Action::Right, Action::Right],
    );
    assert_eq!(app.focus, Pane::Reading);
    assert!(app.panes().outline.is_none());
    let s = screen(&app);
    assert!(s.contains("Make the mandate permanent"), "{s}");
    drive(&mut app, &[Action::Left]);
    assert_eq!(app.focus, Pane::Outline);
    drive(&mut app, &[Action::Tab]);
    assert_eq!(app.focus, Pane::Reading);
}

/// NO_COLOR: the mono theme sets off text by reverse, bold and underline only; every
/// screen is drawn without a single colour.
#[test]
fn the_mono_theme_draws_no_colour() {
    use ratatui::style::Color;
    let corpus = world();
    for setup in [
        vec![],
        vec![Action::StartSearch, Action::Type('i'), Action::Type('g')],
        vec![Action::Compare],
        vec![Action::Compare, Action::Enter],
        vec![Action::Timeline],
        vec![Action::Filters],
    ] {
        // High contrast too: a colour on the terminal's own background vanishes on a
        // light (or dark) terminal, so it uses the terminal's two colours only.
        for theme in [ThemeName::Mono, ThemeName::HighContrast] {
            let mut app = app_on(Arc::clone(&corpus), 120, 40);
            app.theme = brief::tui::theme::Theme::new(theme);
            drive(&mut app, &setup);
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            t.draw(|f| view::draw(f, &app)).unwrap();
            for cell in t.backend().buffer().content() {
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Reset, Color::Reset),
                    "{theme:?} {setup:?}"
                );
            }
        }
    }
}

/// The reader and the command line share the query layer and never each other.
#[test]
fn the_reader_and_the_renderers_never_import_each_other() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.join("tui"), src.join("render")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let other = if path.starts_with(src.join("tui")) {
                "crate::render"
            } else {
                "crate::tui"
            };
            assert!(!text.contains(other), "{} uses {other}", path.display());
        }
    }
}

#[test]
fn marks_and_notes_show_in_the_outline_and_the_reading_pane() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = brief::desk::store::Store::open(dir.path()).unwrap();
    let mut app = app_on(fixtures(), 80, 24);
    let id = open(&mut app, "example-input/recommendations/permanent-mandate");
    let mut actions = vec![Action::Bookmark, Action::Annotate];
    actions.extend(typed("Ask who pays."));
    drive(&mut app, &actions);
    insta::assert_snapshot!("note_editor_80x24", screen(&app));
    drive(&mut app, &[Action::Save]);
    let mut store = Ok(store);
    brief::tui::save_desk(&mut app, &mut store);
    let store = store.unwrap();
    assert_eq!(store.desk.marks.len(), 1);
    assert_eq!(app.desk, store.desk);
    let s = screen(&app);
    assert!(s.contains("• ★✎ Make the mandate"), "{s}");
    assert!(s.contains("── ★ bookmarked 2026-11-22"), "{s}");
    assert!(s.contains("Ask who pays."), "{s}");
    // The desk lists it; Enter goes back to it.
    app.select(app.outline.node(id).parent.unwrap());
    drive(&mut app, &[Action::Desk]);
    let s = screen(&app);
    assert!(s.contains("Desk: your bookmarks and notes"), "{s}");
    assert!(s.contains("★✎ Make the mandate permanent"), "{s}");
    assert!(s.contains("Ask who pays."), "{s}");
    drive(&mut app, &[Action::Enter]);
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.current(), Some(id));
    // Bookmarks go on entries: from the outline, a section row says so.
    app.select(app.outline.node(id).parent.unwrap());
    app.focus = Pane::Outline;
    drive(&mut app, &[Action::Bookmark]);
    assert!(app.status.as_deref().unwrap().contains("entries"));
    assert!(app.take_desk_changes().is_empty());
    // Reading the section, m marks the entry at the top of the reading pane.
    drive(&mut app, &[Action::Tab]);
    let first = app.page().entry_at(0, 10).unwrap().to_owned();
    let before = app.desk.get(&first).cloned();
    drive(&mut app, &[Action::Bookmark]);
    assert_eq!(app.take_desk_changes().len(), 1);
    assert_ne!(app.desk.get(&first).cloned(), before);
    // And U takes the change back.
    drive(&mut app, &[Action::Undo]);
    assert_eq!(app.desk.get(&first).cloned(), before, "U undid it");
}

#[test]
fn the_note_editor_edits_anywhere_in_the_text() {
    let mut app = app_on(fixtures(), 80, 24);
    open(&mut app, "example-input/recommendations/permanent-mandate");
    let mut actions = vec![Action::Annotate];
    actions.extend(typed("first line"));
    actions.push(Action::Enter);
    actions.extend(typed("second"));
    // Up to the first line, same column; Home; insert there; then fix a word in the middle.
    actions.extend([Action::Up, Action::Top]);
    actions.extend(typed("> "));
    actions.extend([
        Action::Bottom,
        Action::Left,
        Action::Left,
        Action::Left,
        Action::Left,
    ]);
    actions.extend([Action::Erase, Action::Type('_')]);
    actions.extend([Action::Down, Action::Bottom]);
    actions.extend(typed(" ✓"));
    drive(&mut app, &actions);
    assert_eq!(
        app.editor.as_ref().unwrap().area.text,
        "> first_line\nsecond ✓"
    );
    drive(&mut app, &[Action::Save]);
    let sel = "example-input/recommendations/permanent-mandate";
    assert_eq!(
        app.desk.get(sel).and_then(|m| m.note.as_deref()),
        Some("> first_line\nsecond ✓")
    );
}

#[test]
fn the_reader_draws_while_loading_and_fills_in() {
    use brief::library::Progress;
    let loading = |w, h| {
        let mut app = app_on(Arc::new(Corpus::default()), w, h);
        app.loading = Some(Progress {
            done: 340,
            total: 1000,
        });
        app
    };
    at_widths("loading", loading);
    let shown = screen(&loading(80, 24));
    assert!(shown.contains("Loading briefs…"), "{shown}");
    assert!(shown.contains("▕███       ▏ 340 of 1000 files"), "{shown}");

    // Typed while loading: the search is asked for again once the briefs are there, and
    // the place to open at is found then.
    let mut app = loading(80, 24);
    app.apply(Action::StartSearch);
    for a in typed("tromso") {
        app.apply(a);
    }
    let corpus = world();
    app.loaded(Arc::clone(&corpus), Some("reader-alpha/positions"), None);
    assert_eq!(app.loading, None);
    let index = Index::build(&app.corpus);
    settle(&mut app, &index);
    assert!(
        !app.search.places.is_empty(),
        "the search ran on the loaded briefs"
    );
    let mut app = loading(80, 24);
    app.loaded(
        corpus,
        Some("reader-alpha/positions"),
        Some("2 files with errors".into()),
    );
    assert_eq!(
        app.current_target().map(|t| brief::render::selector(t)),
        Some("reader-alpha/positions".to_owned())
    );
    assert_eq!(app.status.as_deref(), Some("2 files with errors"));
}

// ---- issue 12: what a first-time user met ------------------------------------------

/// Press a real key, through the one key table, as the runner does.
fn press(app: &mut App, code: KeyCode, ctrl: bool) {
    let mods = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    if let Some(a) = brief::tui::keys::lookup(app.context(), KeyEvent::new(code, mods)) {
        drive(app, &[a]);
    }
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c), false);
    }
}

fn footer(app: &App) -> String {
    screen(app).lines().last().unwrap_or_default().to_owned()
}

#[test]
fn the_footer_always_shows_help_and_quit_and_never_cuts_a_word() {
    for w in [40u16, 60, 80, 100, 120, 200] {
        let app = app_on(world(), w, 24);
        let f = footer(&app);
        assert!(f.ends_with("q quit ? help"), "{w}: {f:?}");
        let mut app = app_on(world(), w, 24);
        drive(&mut app, &[Action::Compare]);
        let f = footer(&app);
        assert!(f.ends_with("q back ? help"), "{w}: {f:?}");
    }
}

#[test]
fn help_wraps_to_any_width_explains_the_glyphs_and_stops_at_its_end() {
    let mut app = app_on(world(), 40, 20);
    press(&mut app, KeyCode::Char('?'), false);
    let s = screen(&app);
    assert!(!s.contains("Enter goes t"), "{s}");
    for l in s.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(l) <= 40, "{l}");
    }
    for _ in 0..200 {
        press(&mut app, KeyCode::PageDown, false);
    }
    let end = screen(&app);
    assert!(
        end.contains("more columns off screen"),
        "the legend's last line: {end}"
    );
    press(&mut app, KeyCode::PageUp, false);
    assert_ne!(screen(&app), end, "PgUp comes back at once");
}

#[test]
fn q_and_esc_close_the_screen_on_top_and_only_the_reader_quits() {
    let mut app = app_on(world(), 100, 30);
    keys(&mut app, "jj");
    let here = app.current();
    keys(&mut app, "ct");
    assert_eq!(app.screen(), Screen::Timeline);
    keys(&mut app, "q");
    assert_eq!(app.screen(), Screen::Compare, "q goes back one screen");
    press(&mut app, KeyCode::Esc, false);
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.current(), here, "the place is kept");
    assert_eq!(app.outcome, None);
    for open in ["?", "f", "D", "c", "t"] {
        keys(&mut app, open);
        keys(&mut app, "q");
        assert_eq!(app.outcome, None, "q after {open} closed it, did not quit");
        assert_eq!(app.context(), brief::tui::keys::Context::Outline, "{open}");
    }
    // `/` works from a screen that lists things, and Esc goes back there.
    keys(&mut app, "t/");
    assert!(app.search.editing);
    press(&mut app, KeyCode::Esc, false);
    assert_eq!(app.screen(), Screen::Timeline);
    keys(&mut app, "qq");
    assert_eq!(app.outcome, Some(Outcome::Quit));
}

#[test]
fn typing_in_pick_narrows_and_never_bookmarks_or_writes_a_note() {
    let mut app = App::new(
        world(),
        Options {
            theme: ThemeName::Mono,
            today: "2026-11-22".parse().unwrap(),
            pick: true,
            start: None,
            desk: Default::default(),
            notice: None,
            resume: None,
        },
        Rect::new(0, 0, 80, 24),
    );
    press(&mut app, KeyCode::Down, false);
    keys(&mut app, "mandate");
    assert!(app.editor.is_none());
    assert!(app.desk.marks.is_empty() && app.take_desk_changes().is_empty());
    assert_eq!(app.search.input, "mandate");
    press(&mut app, KeyCode::Esc, false);
    press(&mut app, KeyCode::Esc, false);
    assert_eq!(app.outcome, Some(Outcome::Quit), "Esc cancels pick");
}

#[test]
fn the_note_editor_cancels_keeps_and_undoes() {
    let mut app = app_on(world(), 100, 30);
    open(&mut app, "reader-alpha/overview/who-it-serves");
    press(&mut app, KeyCode::Char('a'), false);
    keys(&mut app, "keep this");
    press(&mut app, KeyCode::Esc, false);
    let sel = "reader-alpha/overview/who-it-serves";
    let note = |app: &App| {
        app.desk
            .get(sel)
            .and_then(|m| m.note.as_ref().map(|n| n.to_string()))
    };
    assert_eq!(note(&app).as_deref(), Some("keep this"));
    // ctrl-u then ctrl-g: the note as it was.
    press(&mut app, KeyCode::Char('a'), false);
    press(&mut app, KeyCode::Char('u'), true);
    press(&mut app, KeyCode::Char('g'), true);
    assert!(app.editor.is_none());
    assert_eq!(note(&app).as_deref(), Some("keep this"));
    // ctrl-u then Esc removes it, and says how to get it back; U does.
    press(&mut app, KeyCode::Char('a'), false);
    press(&mut app, KeyCode::Char('u'), true);
    press(&mut app, KeyCode::Esc, false);
    assert_eq!(note(&app), None);
    assert!(
        app.status.as_deref().unwrap().contains('U'),
        "{:?}",
        app.status
    );
    press(&mut app, KeyCode::Char('U'), false);
    assert_eq!(note(&app).as_deref(), Some("keep this"));
    // A paste with CR line breaks is lines, not ␍.
    press(&mut app, KeyCode::Char('a'), false);
    drive(&mut app, &[Action::Paste("\rone\r\ntwo".into())]);
    assert!(screen(&app).contains("one") && !screen(&app).contains('␍'));
    assert_eq!(
        app.editor.as_ref().unwrap().area.text,
        "keep this\none\ntwo"
    );
}

#[test]
fn compare_names_its_columns_and_says_what_is_off_screen() {
    let mut app = app_on(world(), 80, 24);
    drive(&mut app, &[Action::Compare]);
    let s = screen(&app);
    assert!(s.contains("more ▸"), "{s}");
    // Short names where there are, names where not; never a bare id.
    assert!(s.contains("Norland"), "{s}");
    assert!(!s.contains("rural-coalition"), "{s}");
    let wide = app_on(world(), 200, 40);
    let mut wide = wide;
    drive(&mut wide, &[Action::Compare]);
    let s = screen(&wide);
    assert!(!s.contains("more ▸"), "all fit at 200: {s}");
}

#[test]
fn side_by_side_shows_the_chosen_actors_even_without_a_position() {
    let mut app = app_on(world(), 120, 30);
    drive(&mut app, &[Action::Compare]);
    let m = app.compare.matrix.clone();
    // Choose two actors; put the cursor on an issue where the second has nothing.
    let (row, a, b) = (0..m.issues.len())
        .find_map(|r| {
            let with: Vec<usize> = (0..m.actors.len())
                .filter(|&c| m.cells[r][c].is_some())
                .collect();
            let without = (0..m.actors.len()).find(|&c| m.cells[r][c].is_none())?;
            Some((r, *with.first()?, without))
        })
        .unwrap();
    app.compare.column = a;
    drive(&mut app, &[Action::Space]);
    app.compare.column = b;
    drive(&mut app, &[Action::Space]);
    app.compare.rows.cursor = row;
    drive(&mut app, &[Action::Enter]);
    let d = app.compare.detail.clone().unwrap();
    assert_eq!(d.actors, vec![m.actors[a].clone(), m.actors[b].clone()]);
    assert!(
        screen(&app).contains("no position recorded"),
        "{}",
        screen(&app)
    );
    // Stacked at 40 columns: no ←→ offered.
    let mut narrow = app_on(world(), 40, 20);
    drive(&mut narrow, &[Action::Compare]);
    narrow.compare = app.compare.clone();
    assert!(!footer(&narrow).contains("←→"), "{}", footer(&narrow));
}

#[test]
fn the_timeline_fills_a_tall_screen_and_shows_titles_when_narrow() {
    let mut app = app_on(world(), 200, 60);
    drive(&mut app, &[Action::Timeline]);
    let rows = app.timeline.rows.len();
    let s = screen(&app);
    let shown = s
        .lines()
        .filter(|l| l.starts_with(" 19") || l.starts_with(" 20"))
        .count();
    assert_eq!(shown, rows, "every event in view: {s}");
    assert!(s.contains("37 years ago") && !s.contains("days ago"), "{s}");
    let mut narrow = app_on(world(), 40, 20);
    drive(&mut narrow, &[Action::Timeline]);
    let s = screen(&narrow);
    let title = &narrow.timeline.rows[narrow.timeline.list.cursor].title;
    let first_word = title.split(' ').next().unwrap();
    assert!(s.contains(first_word), "{title} at 40 columns: {s}");
}

#[test]
fn results_and_cross_references_show_titles() {
    let mut app = app_on(world(), 40, 20);
    keys(&mut app, "/");
    keys(&mut app, "tromso");
    let s = screen(&app);
    assert!(!s.contains("reader-alpha/overview/remote-…"), "{s}");
    let mut app = app_on(world(), 120, 40);
    open(&mut app, "reader-alpha/overview/who-it-serves");
    let s = screen(&app);
    let linked = app.links()[0].clone();
    let Some(brief::brief::corpus::Target::Entry(_, _, e)) = app.corpus.resolve(&linked) else {
        panic!("{linked}")
    };
    let title = brief::render::entry_title(&app.corpus, e);
    assert!(
        s.contains(&format!("[1] {}", &title[..title.len().min(30)])),
        "{s}"
    );
}

#[test]
fn n_closes_the_sections_it_opened_on_its_way() {
    let mut app = app_on(world(), 120, 40);
    let before = app.outline.visible().len();
    keys(&mut app, "/");
    keys(&mut app, "forum");
    press(&mut app, KeyCode::Enter, false);
    for _ in 0..12 {
        press(&mut app, KeyCode::Char('n'), false);
    }
    let open_now: usize = app
        .outline
        .visible()
        .iter()
        .filter(|&&n| app.outline.node(n).level == brief::tui::outline::Level::Entry)
        .count();
    let biggest = 20;
    assert!(
        app.outline.visible().len() <= before + biggest && open_now <= biggest,
        "{before} rows before, {} after",
        app.outline.visible().len()
    );
}

#[test]
fn a_key_in_the_reading_pane_lays_the_page_out_once() {
    let mut app = app_on(world(), 120, 40);
    drive(&mut app, &[Action::Tab]);
    let _ = screen(&app);
    let before = app.layouts();
    for _ in 0..10 {
        drive(&mut app, &[Action::Down]);
        let _ = screen(&app);
    }
    assert_eq!(app.layouts(), before, "scrolling reuses the page");
}

/// The README's key list is this table's: `BRIEF_UPDATE_README=1 cargo test --test
/// views readme` writes it again after the table changes.
#[test]
fn the_readme_lists_the_key_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (open, close) = ("<!-- keys:start -->", "<!-- keys:end -->");
    let start = readme.find(open).expect("README has the keys:start marker") + open.len();
    let end = readme.find(close).expect("README has the keys:end marker");
    let table = format!("\n{}\n", brief::tui::keys::markdown().trim());
    if std::env::var_os("BRIEF_UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end].trim(),
        table.trim(),
        "the README's keys differ from src/tui/keys.rs"
    );
}

#[test]
fn the_mouse_works_on_compare_the_timeline_and_the_filters_too() {
    let mut app = app_on(world(), 120, 30);
    drive(&mut app, &[Action::Compare]);
    let body = app.body();
    let l = app.compare.layout(&app.corpus, usize::from(body.width));
    // Third issue, second column in view.
    let (x, y) = (
        body.x + (l.label_w + 1 + l.cell_w + 1) as u16,
        body.y + brief::tui::screen::compare::MATRIX_HEADER as u16 + 2,
    );
    drive(&mut app, &[Action::Click { column: x, row: y }]);
    assert_eq!(
        (app.compare.rows.cursor, app.compare.column),
        (2, l.first + 1)
    );
    drive(&mut app, &[Action::Click { column: x, row: y }]);
    assert!(
        app.compare.detail.is_some(),
        "a second click opens side by side"
    );
    drive(&mut app, &[Action::Close, Action::Close]);
    // The wheel moves the timeline's cursor with its view.
    drive(&mut app, &[Action::Timeline]);
    let at = app.timeline.list.cursor;
    drive(
        &mut app,
        &[Action::Wheel {
            column: 5,
            row: 10,
            down: false,
        }],
    );
    assert!(app.timeline.list.top <= at, "{:?}", app.timeline.list);
    drive(&mut app, &[Action::Close]);
    // A click on a filter option selects it; another switches it on.
    drive(&mut app, &[Action::Filters]);
    let inner_y = brief::tui::overlay::filters::frame(app.area).y + 1;
    let click = Action::Click {
        column: 20,
        row: inner_y + 2,
    };
    drive(&mut app, std::slice::from_ref(&click));
    assert_eq!(app.filters.as_ref().unwrap().list.cursor, 2);
    drive(&mut app, &[click]);
    assert!(app.filter_active());
    drive(&mut app, &[Action::Close, Action::ClearFilter]);
    // On the desk, a click on the selected mark reads it.
    let id = open(&mut app, "reader-alpha/overview/who-it-serves");
    drive(&mut app, &[Action::Bookmark, Action::Desk]);
    let rows = app.desk_rows();
    let (lines, top) = brief::tui::screen::desk::lines(&rows, 0, 20);
    let at = lines
        .iter()
        .position(|l| *l == brief::tui::screen::desk::DeskLine::Mark(0))
        .unwrap();
    let click = Action::Click {
        column: 10,
        row: app.body().y + (at - top) as u16,
    };
    drive(&mut app, &[click]);
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.current(), Some(id));
}

/// A text's history in the reader: its versions in the outline, a paragraph read with its
/// change from the version before and its lineage.
#[test]
fn the_reader_shows_a_texts_versions_and_a_paragraphs_lineage() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let loaded = library::load(&Request {
        paths: vec![dir],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let mut app = app_on(Arc::new(loaded.corpus), 100, 40);
    let outline = screen(&app);
    assert!(outline.contains("Revision 1 (2025-11-07)"), "{outline}");
    open(&mut app, "lakeland-outcome/rev1/7");
    drive(&mut app, &[Action::Tab]);
    let s = screen(&app);
    assert!(s.contains("Lineage: zero 7 → rev1 7 → rev2 8"), "{s}");
    assert!(s.contains("{+[sixty]+}"), "{s}");
    // The lineage's versions are cross-references: 1 follows to the Zero draft's ¶7.
    assert!(s.contains("Earlier:  [1]"), "{s}");
    assert!(s.contains("Later:    [2]"), "{s}");
    drive(&mut app, &[Action::Follow(1)]);
    let followed = screen(&app);
    assert!(
        followed
            .lines()
            .nth(2)
            .is_some_and(|l| l.ends_with("│ lakeland-outcome/zero/7")),
        "{followed}"
    );
    // Each paragraph row in the outline says what became of it: ÷ the parts of a split,
    // ⊕ a merge, + new, ~ changed, ✓ agreed, ◌ suggested for closure, [2] spans still
    // bracketed.
    open(&mut app, "lakeland-outcome/rev1/7");
    drive(&mut app, &[Action::Tab]);
    let outline = screen(&app);
    for row in [
        "÷[2] ¶ 6 The secretariat",
        "÷ ¶ 7 The summary",
        "⊕ ¶ 4 We call upon",
        "+✓ ¶ 1bis",
        "~◌ ¶ 8 We request",
        "↕ ¶ 3 We encourage",
    ] {
        assert!(outline.contains(row), "{row}:\n{outline}");
    }
}

/// Opening compare never waits for the matrix: the key asks for it, the screen says it is
/// building, and an answer to an older request (the filter changed meanwhile) is dropped.
#[test]
fn compare_opens_at_once_and_fills_in_when_the_matrix_is_built() {
    let mut app = app_on(world(), 100, 30);
    app.apply(Action::Compare);
    assert!(app.compare.building);
    assert!(screen(&app).contains("Building the comparison…"));
    let first = app.take_matrix_request().unwrap();
    // The filter changes before the first matrix arrives.
    app.set_filter(brief::search::Filter {
        stances: vec![brief::brief::model::Stance::Oppose],
        ..Default::default()
    });
    let second = app.take_matrix_request().unwrap();
    let all = brief::query::matrix::Matrix::build(&app.corpus, &first.filter);
    app.matrix_built(first.generation, all);
    assert!(
        app.compare.building,
        "a stale matrix is not shown as the answer"
    );
    let opposed = brief::query::matrix::Matrix::build(&app.corpus, &second.filter);
    let rows = opposed.issues.len();
    app.matrix_built(second.generation, opposed);
    assert!(!app.compare.building);
    assert_eq!(app.compare.matrix.issues.len(), rows);
    assert!(!screen(&app).contains("Building"));
}

// ---- issue 21: two versions of a negotiated text side by side ------------------------

/// The negotiated text of tests/fixtures/drafts as the reader gets it: its brief, and
/// where its history file is.
fn drafts_app(w: u16, h: u16) -> App {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let loaded = library::load(&Request {
        paths: vec![dir],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.histories.len(), 1);
    let mut app = app_on(Arc::new(loaded.corpus), w, h);
    app.texts = brief::tui::app::TextFiles {
        histories: loaded.histories,
        max_bytes: 1 << 20,
    };
    app
}

/// `v` on `sel` (a text, a version or a paragraph), the text read at once.
fn versions_at(w: u16, h: u16, sel: &str) -> App {
    let mut app = drafts_app(w, h);
    open(&mut app, sel);
    press(&mut app, KeyCode::Char('v'), false);
    assert_eq!(app.screen(), Screen::Versions, "{:?}", app.status);
    app
}

#[test]
fn versions_side_by_side() {
    // From the text: its last two versions; a change away from the top.
    at_widths("versions", |w, h| {
        let mut app = versions_at(w, h, "lakeland-outcome");
        keys(&mut app, "nn");
        app
    });
    // From a paragraph, after switching the left side to the zero draft: two steps
    // composed, the merge and the split with their parts.
    at_widths("versions_zero_rev2", |w, h| {
        let mut app = versions_at(w, h, "lakeland-outcome/rev2/5");
        keys(&mut app, "[");
        app
    });
}

#[test]
fn the_versions_screen_opens_where_v_was_pressed_and_keys_do_what_help_says() {
    // A version: it and the one before, names fixed at the top.
    let mut app = versions_at(120, 30, "lakeland-outcome/rev1");
    let s = screen(&app);
    let lines: Vec<&str> = s.lines().collect();
    assert!(
        lines[1].starts_with("zero · Zero draft") && lines[1].contains("│ rev1 · Revision 1"),
        "{s}"
    );
    assert!(lines[0].contains("zero → rev1"), "{s}");
    keys(&mut app, "GG");
    let s = screen(&app);
    assert!(
        s.lines().nth(1).unwrap().starts_with("zero · Zero draft"),
        "names stay at the top: {s}"
    );
    // From the reading pane too: the entry being read.
    let mut app = drafts_app(120, 30);
    open(&mut app, "lakeland-outcome/zero/3");
    press(&mut app, KeyCode::Tab, false);
    assert_eq!(app.context(), brief::tui::keys::Context::Reading);
    press(&mut app, KeyCode::Char('v'), false);
    assert_eq!(
        (app.versions.a, app.versions.b),
        (0, 1),
        "the first version, with the next"
    );
    let layout = app.versions.layout(app.body());
    assert_eq!(
        app.versions.selector(&layout).as_deref(),
        Some("lakeland-outcome/rev1/2"),
        "zero's 3 became rev1's 2"
    );
    // A paragraph: the cursor on it, Enter reads it in the reader.
    let mut app = versions_at(120, 30, "lakeland-outcome/rev2/new-8a");
    press(&mut app, KeyCode::Enter, false);
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(
        app.current_target().map(brief::render::selector).as_deref(),
        Some("lakeland-outcome/rev2/new-8a")
    );
    // Sides: `]` cannot pass the right side, `}` moves the right one.
    let mut app = versions_at(120, 30, "lakeland-outcome/rev1");
    keys(&mut app, "]");
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("no version that way"),
        "{:?}",
        app.status
    );
    keys(&mut app, "}");
    assert_eq!((app.versions.a, app.versions.b), (0, 2));
    keys(&mut app, "{");
    assert_eq!((app.versions.a, app.versions.b), (0, 1));
    // f cycles the filter, shown in the header; q goes back where v was pressed.
    keys(&mut app, "f");
    assert!(
        screen(&app)
            .lines()
            .next()
            .unwrap()
            .contains("only changed")
    );
    keys(&mut app, "fff");
    assert!(!screen(&app).lines().next().unwrap().contains("only"));
    let f = footer(&app);
    assert!(
        f.ends_with("q back ? help") && f.contains("n N change"),
        "{f}"
    );
    keys(&mut app, "q");
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(
        app.current_target().map(brief::render::selector).as_deref(),
        Some("lakeland-outcome/rev1")
    );
}

#[test]
fn v_says_why_when_there_is_nothing_to_compare_or_the_text_cannot_be_read() {
    let mut app = app_on(world(), 100, 30);
    press(&mut app, KeyCode::Char('v'), false);
    assert_eq!(app.screen(), Screen::Reader);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("is not a negotiated text"),
        "{:?}",
        app.status
    );
    assert!(
        !footer(&app).contains("v versions"),
        "no hint where v does nothing"
    );
    let app = drafts_app(100, 30);
    assert!(footer(&app).contains("v versions"), "{}", footer(&app));
    // The history file gone since the load: said, on the screen and in the footer.
    let mut app = drafts_app(100, 30);
    app.texts.histories[0].1 = PathBuf::from("/nonexistent/lakeland.yaml");
    app.apply(Action::Versions);
    assert_eq!(app.screen(), Screen::Versions);
    assert!(
        screen(&app).contains("Reading the text…"),
        "before the answer"
    );
    let index = Index::build(&app.corpus);
    settle(&mut app, &index);
    let s = screen(&app);
    assert!(s.contains("The text could not be read"), "{s}");
    assert!(app.status.as_deref().unwrap().contains("could not be read"));
    press(&mut app, KeyCode::Char('q'), false);
    assert_eq!(app.screen(), Screen::Reader);
}

#[test]
fn the_versions_screen_draws_at_every_size() {
    let mut app = versions_at(120, 40, "lakeland-outcome/rev2/7");
    for keys_first in ["", "n", "f", "fff", "G"] {
        keys(&mut app, keys_first);
        for w in (1..=130).step_by(7).chain([1, 2, 39, 40, 99, 100]) {
            for h in (1..=45).step_by(5).chain([1, 2, 3, 4]) {
                app.apply(Action::Resize(w, h));
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| view::draw(f, &app)).unwrap();
                // Keys at this size do not panic either.
                for k in ["n", "N", "j", "G"] {
                    keys(&mut app, k);
                }
            }
        }
    }
}

#[test]
fn the_columns_of_the_versions_screen_stay_level_while_scrolling() {
    let mut app = versions_at(120, 24, "lakeland-outcome");
    keys(&mut app, "[");
    for _ in 0..30 {
        let s = screen(&app);
        // Between the header and the footer, every line has its gutter in one column.
        let body: Vec<&str> = s.lines().skip(2).take(21).collect();
        for l in &body[1..] {
            let at = l.find('│').map(|i| brief::brief::text::width(&l[..i]));
            assert!(at == Some(59) || l.is_empty(), "{l:?}\n{s}");
        }
        keys(&mut app, "j");
    }
}

#[test]
fn the_shipped_figures_are_headed_by_their_measure_and_a_restated_one_is_one_row() {
    let mut app = app_on(Arc::new(brief::library::builtin_corpus()), 140, 200);
    drive(&mut app, &[Action::Compare, Action::Tab]);
    let s = screen(&app);
    assert!(
        s.contains(" National and regional IGFs  (nri-count; "),
        "{s}"
    );
    assert!(!s.contains(" National and regional IGFs, as "), "{s}");
    assert!(s.contains(" (also in "), "{s}");
    // Each figure's selector is on the screen once, as its row or as a restatement.
    let rows = s
        .lines()
        .filter(|l| l.contains("figures/nri-count-zero-draft-matrix"))
        .count();
    assert_eq!(rows, 1, "{s}");
}

// ---- issue 23: proposals on a text, paragraphs × actors ------------------------------

/// The invented Harbour negotiation as the reader gets it, its Word version written.
fn harbour_app(w: u16, h: u16) -> App {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("harbour-views");
    static MADE: std::sync::Once = std::sync::Once::new();
    MADE.call_once(|| common::proposals::harbour(&dir));
    let loaded = library::load(&Request {
        paths: vec![dir],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let mut app = app_on(Arc::new(loaded.corpus), w, h);
    app.texts = brief::tui::app::TextFiles {
        histories: loaded.histories,
        max_bytes: 1 << 20,
    };
    open(&mut app, "harbour-statement");
    press(&mut app, KeyCode::Char('P'), false);
    assert_eq!(app.screen(), Screen::Proposals, "{:?}", app.status);
    app
}

#[test]
fn p_in_compare_opens_the_proposals_of_the_one_text_loaded_and_q_comes_back() {
    let mut app = harbour_app(120, 30);
    keys(&mut app, "q");
    // From the top of the outline, where no text is being read.
    press(&mut app, KeyCode::Char('g'), false);
    drive(&mut app, &[Action::Compare]);
    assert_eq!(app.screen(), Screen::Compare);
    press(&mut app, KeyCode::Char('P'), false);
    assert_eq!(app.screen(), Screen::Proposals, "{:?}", app.status);
    let s = screen(&app);
    assert!(
        s.contains(" Proposals on Harbour Digital Cooperation Statement"),
        "{s}"
    );
    keys(&mut app, "q");
    assert_eq!(app.screen(), Screen::Compare);
}

#[test]
fn proposals_matrix() {
    // Opened on the text; then to the compilation's ¶1 (three actors' proposals) and the
    // second actor, whose record and proposal show below.
    at_widths("proposals", |w, h| {
        let mut app = harbour_app(w, h);
        keys(&mut app, "jl");
        app
    });
}

#[test]
fn the_proposals_screen_shows_each_actors_record_and_enter_reads_the_paragraph() {
    let mut app = harbour_app(120, 30);
    let s = screen(&app);
    assert!(
        s.contains(" Proposals on Harbour Digital Cooperation Statement"),
        "{s}"
    );
    assert!(s.contains("zero ¶5"), "{s}");
    assert!(
        s.contains("Norland: 3 proposals — 1 reflected, 2 partly (government)"),
        "{s}"
    );
    assert!(s.contains("By group: government:"), "{s}");
    // The actor columns are the briefs' short names; the options column is last.
    let head = s.lines().nth(1).unwrap();
    assert!(
        head.contains("Norland") && head.contains("Estria") && head.trim_end().ends_with("options"),
        "{head}"
    );
    // To the TCC's column, on rev1 ¶2: its partly reflected addition.
    let tcc = app
        .proposals
        .matrix
        .as_ref()
        .unwrap()
        .columns
        .iter()
        .position(|c| c.key == "tcc")
        .unwrap();
    let row = app
        .proposals
        .matrix
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .position(|r| r.place == "rev1 ¶2")
        .unwrap();
    for _ in 0..tcc {
        keys(&mut app, "l");
    }
    for _ in 0..row {
        keys(&mut app, "j");
    }
    let s = screen(&app);
    assert!(
        s.contains("rev1 ¶2  TCC: add “in every district” → rev2: partly (67%)"),
        "{s}"
    );
    assert!(
        s.contains("TCC: 3 proposals — 1 reflected, 1 partly, 1 not (technical community)"),
        "{s}"
    );
    press(&mut app, KeyCode::Enter, false);
    assert_eq!(app.screen(), Screen::Reader);
    assert!(
        footer(&app).contains("¶") || screen(&app).contains("chosen by rotation"),
        "{}",
        screen(&app)
    );
    // q comes back from the screen; P on a brief that is no text says so.
    let mut app = harbour_app(80, 24);
    keys(&mut app, "q");
    assert_eq!(app.screen(), Screen::Reader);
    open(&mut app, "harbour-delegations");
    press(&mut app, KeyCode::Char('P'), false);
    assert_eq!(app.screen(), Screen::Reader);
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("is not a negotiated text"),
        "{:?}",
        app.status
    );
}

#[test]
fn a_positions_paragraphs_are_numbered_cross_references_the_reader_follows() {
    let mut app = harbour_app(100, 30);
    keys(&mut app, "q");
    open(&mut app, "harbour-delegations/positions/norland-on-review");
    drive(&mut app, &[Action::Enter]);
    let s = screen(&app);
    assert!(
        s.contains("Paragraph: [1] ¶ 4 A review of this statement"),
        "{s}"
    );
    drive(&mut app, &[Action::Follow(1)]);
    let s = screen(&app);
    assert!(s.contains("harbour-statement/rev2/4"), "{s}");
    assert!(s.contains("[five] [ten]"), "{s}");
    assert!(
        s.contains("• A bracketed option: “A review of this statement shall take"),
        "{s}"
    );
    // The paragraph names the position back, as its last cross-reference.
    let links = app.links();
    assert_eq!(
        links.last().map(String::as_str),
        Some("harbour-delegations/positions/norland-on-review")
    );
}

#[test]
fn a_paragraphs_page_lists_the_proposals_on_it() {
    // The compilation's ¶1: a deletion, a joint retention and an alternative shown as the
    // change it asks, each with what became of it.
    at_widths("proposals_paragraph", |w, h| {
        let mut app = harbour_app(w, h);
        keys(&mut app, "q");
        open(&mut app, "harbour-statement/comp/1");
        drive(&mut app, &[Action::Enter]);
        for _ in 0..(if w < 80 { 10 } else { 4 }) {
            drive(&mut app, &[Action::Down]);
        }
        app
    });
}

#[test]
fn a_paragraphs_page_names_each_proposals_actors_as_the_briefs_do() {
    // The compilation writes `UES` in lower case and the CSC by its full name; the page
    // shows each actor by the short name its brief declares, as `brief proposals` does.
    let mut app = harbour_app(120, 40);
    keys(&mut app, "q");
    open(&mut app, "harbour-statement/comp/1");
    let s = screen(&app);
    assert!(s.contains("Estria, UES: retain"), "{s}");
    assert!(s.contains("CSC: alternative"), "{s}");
    assert!(
        !s.contains("ues:") && !s.contains("Civil Society Caucus:"),
        "{s}"
    );
}

#[test]
fn a_paragraphs_page_lists_the_proposals_briefs_make_on_it() {
    // Revision 1's ¶3: SG's deletion and UES's new paragraph after it, both from the
    // secretariat's record (rev1-proposals.yaml), each with where it was made, what it
    // cites, what the record says and what Revision 2 did; the links below lead to them.
    at_widths("proposals_paragraph_from_briefs", |w, h| {
        let mut app = harbour_app(w, h);
        keys(&mut app, "q");
        open(&mut app, "harbour-statement/rev1/3");
        drive(&mut app, &[Action::Enter]);
        for _ in 0..(if w < 80 { 12 } else { 6 }) {
            drive(&mut app, &[Action::Down]);
        }
        app
    });
    let mut app = harbour_app(100, 40);
    keys(&mut app, "q");
    open(&mut app, "harbour-statement/rev1/3");
    drive(&mut app, &[Action::Enter]);
    let links = app.links();
    let from = links
        .iter()
        .position(|l| l == "harbour-rev1-proposals/on-rev1/no-operators")
        .expect("the paragraph links to the proposal");
    drive(&mut app, &[Action::Follow(from + 1)]);
    let s = screen(&app);
    assert!(s.contains("SG: delete ¶3 of harbour-statement/rev1"), "{s}");
    assert!(s.contains("Recorded: accepted"), "{s}");
}

// ---- issue 24: what a newcomer tripped on -------------------------------------------

/// A brief whose first item has `refs` cross-references, to items 1 … refs.
fn many_refs(refs: usize) -> (tempfile::TempDir, Arc<Corpus>) {
    let dir = tempfile::tempdir().unwrap();
    let mut y = String::from(
        "id: many\ntitle: Many references\npublisher: icnp\nkind: commentary\npublished: 2025-01\nsummary: A page with many cross-references.\nactors:\n  - id: icnp\n    name: Institute\n    group: academic-community\nsources:\n  - id: src\n    title: Source\n    publisher: Institute\n    date: 2025-01-01\nsections:\n  - id: s\n    title: Items\n    items:\n",
    );
    let see: Vec<String> = (1..=refs).map(|i| format!("many/s/i{i}")).collect();
    y.push_str(&format!(
        "      - id: hub\n        title: Hub\n        summary: Points everywhere.\n        cite: {{source: src, at: p1}}\n        see: [{}]\n",
        see.join(", ")
    ));
    for i in 1..=refs.max(1) {
        y.push_str(&format!(
            "      - id: i{i}\n        title: Item {i}\n        summary: The item numbered {i}.\n        cite: {{source: src, at: p1}}\n"
        ));
    }
    std::fs::write(dir.path().join("many.yaml"), y).unwrap();
    let loaded = library::load(&Request {
        paths: vec![dir.path().to_path_buf()],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    (dir, Arc::new(loaded.corpus))
}

fn selector_here(app: &App) -> String {
    brief::render::selector(
        app.outline
            .target(&app.corpus, app.current().unwrap())
            .unwrap(),
    )
}

#[test]
fn cross_references_from_10_on_are_followed_by_their_number() {
    let (_dir, corpus) = many_refs(12);
    let mut app = app_on(corpus, 120, 30);
    open(&mut app, "many/s/hub");
    drive(&mut app, &[Action::Enter]);
    assert_eq!(app.context(), brief::tui::keys::Context::Reading);
    // `1` waits for a second digit, shown in the footer; `3` then makes 13, which is not here.
    keys(&mut app, "1");
    assert_eq!(selector_here(&app), "many/s/hub");
    assert!(footer(&app).contains("follow [1…]"), "{}", footer(&app));
    keys(&mut app, "2");
    assert_eq!(selector_here(&app), "many/s/i12", "{:?}", app.status);
    // Back, then `1` Enter follows [1]; `2` follows [2] at once (no [20] here).
    press(&mut app, KeyCode::Backspace, false);
    assert_eq!(selector_here(&app), "many/s/hub");
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter, false);
    assert_eq!(selector_here(&app), "many/s/i1");
    press(&mut app, KeyCode::Backspace, false);
    keys(&mut app, "2");
    assert_eq!(selector_here(&app), "many/s/i2");
    press(&mut app, KeyCode::Backspace, false);
    keys(&mut app, "10");
    press(&mut app, KeyCode::Enter, false);
    assert_eq!(selector_here(&app), "many/s/i10");
    // Esc cancels a number being typed.
    press(&mut app, KeyCode::Backspace, false);
    keys(&mut app, "1");
    press(&mut app, KeyCode::Esc, false);
    press(&mut app, KeyCode::Enter, false);
    assert_eq!(selector_here(&app), "many/s/i1", "Enter alone follows [1]");
    // With fewer than 10, a digit follows at once as before.
    let (_dir, corpus) = many_refs(9);
    let mut app = app_on(corpus, 120, 30);
    open(&mut app, "many/s/hub");
    drive(&mut app, &[Action::Enter]);
    keys(&mut app, "9");
    assert_eq!(selector_here(&app), "many/s/i9");
}

#[test]
fn the_footer_offers_to_follow_only_where_there_are_cross_references() {
    let (_dir, corpus) = many_refs(12);
    let mut app = app_on(corpus, 200, 30);
    open(&mut app, "many/s/hub");
    drive(&mut app, &[Action::Enter]);
    let f = footer(&app);
    assert!(f.contains("1-12 follow"), "{f}");
    drive(&mut app, &[Action::Back]);
    open(&mut app, "many/s/i3");
    drive(&mut app, &[Action::Enter]);
    assert_eq!(app.context(), brief::tui::keys::Context::Reading);
    let f = footer(&app);
    assert!(!f.contains("follow"), "{f}");
    let (_dir, corpus) = many_refs(1);
    let mut app = app_on(corpus, 200, 30);
    open(&mut app, "many/s/hub");
    drive(&mut app, &[Action::Enter]);
    let f = footer(&app);
    assert!(f.contains(" 1 follow"), "{f}");
}

#[test]
fn a_filter_that_matches_nothing_says_so_and_clearing_it_keeps_the_place() {
    let mut app = app_on(world(), 120, 24);
    open(&mut app, "reader-alpha/overview/who-it-serves");
    drive(&mut app, &[Action::Enter, Action::Down, Action::Down]);
    let (here, rows, reading) = (app.current(), app.rows, app.reading);
    assert!(reading.top > 0, "the entry scrolls at 120×24");
    app.set_filter(brief::search::Filter {
        tags: vec!["no-such-tag".into()],
        ..Default::default()
    });
    assert!(app.outline.visible().is_empty());
    let s = screen(&app);
    assert!(!s.contains("no brief is loaded"), "{s}");
    assert!(s.contains("No entry matches the filter"), "{s}");
    assert!(s.contains("F clears it"), "{s}");
    press(&mut app, KeyCode::Char('F'), false);
    assert!(!app.filter_active());
    assert_eq!(app.current(), here);
    assert_eq!((app.rows, app.reading), (rows, reading));
    // A filter that hides the entry but not all: back too, unless one has moved since.
    app.set_filter(brief::search::Filter {
        stances: vec![brief::brief::model::Stance::Oppose],
        ..Default::default()
    });
    assert_ne!(app.current(), here);
    press(&mut app, KeyCode::Char('F'), false);
    assert_eq!(app.current(), here);
    assert_eq!((app.rows, app.reading), (rows, reading));
}

#[test]
fn the_search_preview_keeps_the_title_of_an_entry_that_fits() {
    let mut app = app_on(world(), 120, 40);
    let mut actions = vec![Action::StartSearch];
    actions.extend(typed("tromsø"));
    drive(&mut app, &actions);
    assert!(!app.search.places.is_empty());
    let page = app.page();
    let first = *page.matched.first().unwrap();
    assert!(first > 2, "the match is below the title: line {first}");
    assert_eq!(app.reading.top, 0);
    let s = screen(&app);
    assert!(s.contains("│ Remote speakers"), "{s}");
}

#[test]
fn back_and_forward_come_back_to_the_line_one_left() {
    let mut app = app_on(world(), 120, 20);
    let start = open(&mut app, "reader-alpha/overview/who-it-serves");
    drive(
        &mut app,
        &[Action::Enter, Action::Down, Action::Down, Action::Down],
    );
    let left = app.reading;
    assert!(left.top > 0);
    drive(&mut app, &[Action::Follow(1)]);
    assert_eq!(app.reading.top, 0, "a followed page opens at its top");
    drive(&mut app, &[Action::Down]);
    let there = app.reading;
    drive(&mut app, &[Action::Back]);
    assert_eq!((app.current(), app.reading), (Some(start), left));
    drive(&mut app, &[Action::Forward]);
    assert_eq!(app.reading, there);
    drive(&mut app, &[Action::Left]);
    assert_eq!((app.current(), app.reading), (Some(start), left));
    // From a search too: Enter on a match, then back to where the prompt opened.
    let mut actions = vec![Action::StartSearch];
    actions.extend(typed("tromsø"));
    actions.push(Action::Enter);
    drive(&mut app, &actions);
    assert_ne!(app.current(), Some(start));
    drive(&mut app, &[Action::Back]);
    assert_eq!((app.current(), app.reading), (Some(start), left));
}

#[test]
fn reading_lines_are_no_wider_than_about_100_columns_on_a_wide_screen() {
    let mut app = app_on(world(), 200, 40);
    open(&mut app, "reader-alpha/overview/who-it-serves");
    drive(&mut app, &[Action::Enter]);
    assert_eq!(app.reading_width(), 100);
    let page = app.page();
    let widest = page.lines.iter().map(|l| l.width()).max().unwrap();
    assert!((90..=100).contains(&widest), "{widest}");
    // The pane is drawn to that measure: nothing is written past it.
    let s = screen(&app);
    let pane_left = s
        .lines()
        .nth(2)
        .unwrap()
        .chars()
        .position(|c| c == '│')
        .unwrap();
    for l in s.lines().skip(1).take(38) {
        let right: String = l.chars().skip(pane_left + 1 + 1 + 100).collect();
        assert!(right.trim().is_empty(), "{l}");
    }
}

/// U (shift-u; `u` pages up) undoes one change at a time, newest first, and says what
/// it did: never a toggle that redoes what it undid.
#[test]
fn shift_u_undoes_bookmarks_step_by_step_through_the_key_table() {
    let mut app = app_on(world(), 120, 40);
    let marked = |app: &App| -> Vec<String> {
        app.desk
            .marks
            .iter()
            .filter(|m| m.bookmark)
            .map(|m| m.selector.to_string())
            .collect()
    };
    open(&mut app, "reader-alpha/overview/who-it-serves");
    keys(&mut app, "m");
    open(&mut app, "reader-alpha/overview/remote-speakers");
    keys(&mut app, "mm");
    assert_eq!(marked(&app), ["reader-alpha/overview/who-it-serves"]);
    keys(&mut app, "U");
    assert_eq!(marked(&app).len(), 2);
    assert_eq!(
        app.status.as_deref(),
        Some("undone: bookmark put back; U again undoes 2 more changes")
    );
    keys(&mut app, "U");
    assert_eq!(marked(&app), ["reader-alpha/overview/who-it-serves"]);
    keys(&mut app, "U");
    assert!(marked(&app).is_empty());
    assert_eq!(
        app.status.as_deref(),
        Some("undone: bookmark taken off; nothing more to undo")
    );
    keys(&mut app, "U");
    assert!(marked(&app).is_empty(), "U never redoes");
    assert_eq!(app.status.as_deref(), Some("nothing to undo"));
}

#[test]
fn outline_rows_cut_alike_at_80_columns_show_where_they_differ() {
    let mut app = app_on(Arc::new(brief::library::builtin_corpus()), 80, 60);
    open(&mut app, "wsis20-overview/figures");
    drive(&mut app, &[Action::Right]);
    let s = screen(&app);
    let rows: Vec<&str> = s
        .lines()
        .skip(1)
        .filter_map(|l| l.split('│').next())
        .map(str::trim_end)
        .filter(|l| l.trim_start().starts_with('#'))
        .collect();
    assert!(rows.len() > 5, "{s}");
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            assert_ne!(a, b, "two figures look the same in the outline:\n{s}");
        }
    }
    // The counts of IGFs by the Internet Society and by CircleID say whose they are.
    assert!(rows.iter().any(|r| r.contains("…Internet Soc")), "{s}");
    assert!(rows.iter().any(|r| r.contains("…CircleID")), "{s}");
}

/// Where the frame puts the cursor (the eye: see `view::render`), and whether the cell
/// there is drawn as the selection (reversed, in the mono theme).
fn eye(app: &App) -> (ratatui::layout::Position, bool) {
    use ratatui::backend::Backend;
    let mut t = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    let at = t.backend_mut().get_cursor_position().unwrap();
    let selected = t.backend().buffer()[(at.x, at.y)]
        .modifier
        .contains(ratatui::style::Modifier::REVERSED);
    (at, selected)
}

/// On every screen with a selection, the eye is on the selected row or cell, at its
/// first column; at every width.
#[test]
fn the_eye_is_on_the_selection_of_every_screen() {
    for (w, h) in [(40, 20), (80, 24), (120, 40)] {
        let mut app = app_on(fixtures(), w, h);
        drive(&mut app, &[Action::Down, Action::Down, Action::Down]);
        let (at, selected) = eye(&app);
        // Under the header, the fourth row of the outline.
        assert_eq!((at.x, at.y, selected), (0, 4, true), "outline {w}x{h}");
        drive(&mut app, &[Action::StartSearch]);
        drive(&mut app, &typed("forum"));
        drive(&mut app, &[Action::Down]);
        let (at, selected) = eye(&app);
        // The search prompt's heading, a match of two lines, then the second.
        assert_eq!((at.x, at.y, selected), (0, 4, true), "results {w}x{h}");
        let setups: [(&str, Vec<Action>); 4] = [
            ("timeline", vec![Action::Timeline, Action::Up]),
            (
                "compare",
                vec![Action::Compare, Action::Down, Action::Right],
            ),
            ("filters", vec![Action::Filters, Action::Down, Action::Down]),
            ("desk", vec![Action::Bookmark]),
        ];
        for (name, actions) in setups {
            let mut app = app_on(fixtures(), w, h);
            let sel = "example-input/positions";
            open(&mut app, sel);
            drive(&mut app, &[Action::Right, Action::Down]);
            drive(&mut app, &actions);
            // The desk as the runner would have it saved.
            if name == "desk" {
                let mut saved = app.desk.clone();
                saved.apply_all(&app.take_desk_changes());
                app.apply(Action::DeskSaved(Ok(saved)));
                drive(&mut app, &[Action::Desk]);
                assert_eq!(app.screen(), Screen::Desk);
            }
            if name == "filters" {
                assert!(app.filters.is_some());
            } else {
                assert_ne!(app.screen(), Screen::Reader, "{name}");
            }
            let (at, selected) = eye(&app);
            let shown = screen(&app);
            assert!(selected, "{name} {w}x{h}: the eye at {at:?}\n{shown}");
            assert!(at.y > 0, "{name} {w}x{h}");
            if name == "desk" {
                let row = shown.lines().nth(usize::from(at.y)).unwrap();
                assert!(row.contains('★'), "{row}");
            }
        }
    }
    // Versions: the paragraph at the cursor; proposals: the cell at the cursor.
    let mut app = versions_at(120, 30, "lakeland-outcome");
    keys(&mut app, "nn");
    assert!(eye(&app).1, "versions\n{}", screen(&app));
    let mut app = harbour_app(120, 30);
    keys(&mut app, "jl");
    assert!(eye(&app).1, "proposals\n{}", screen(&app));
    // Reading: the top of the text.
    let mut app = app_on(fixtures(), 120, 40);
    drive(&mut app, &[Action::Tab]);
    let (at, _) = eye(&app);
    let reading = app.panes().reading.unwrap();
    assert_eq!(at.y, reading.y);
    assert!(
        at.x > reading.x && at.x < reading.x + 3,
        "{at:?} {reading:?}"
    );
}

/// y's chooser names its keys in the footer at every width, before anything else.
#[test]
fn the_copy_chooser_shows_its_keys_at_every_width() {
    for w in [40, 80, 120] {
        let mut app = app_on(fixtures(), w, 20);
        drive(&mut app, &[Action::Down, Action::Copy { to_file: false }]);
        let shown = screen(&app);
        let footer = shown.lines().last().unwrap();
        assert!(
            footer.contains("s selector t text c citation Esc cancel"),
            "{w}: {footer}"
        );
        if w >= 80 {
            assert!(footer.starts_with(" copy what of "), "{w}: {footer}");
        }
    }
}
