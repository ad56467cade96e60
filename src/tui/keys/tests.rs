//! The key table's promises: documented keys work, working keys are documented.
use super::*;

fn every_key() -> Vec<KeyEvent> {
    let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
    codes.extend([
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::F(1),
    ]);
    let mut out = Vec::new();
    for c in codes {
        out.push(KeyEvent::new(c, KeyModifiers::NONE));
        if let KeyCode::Char(ch) = c
            && ch.is_ascii_lowercase()
        {
            out.push(KeyEvent::new(c, KeyModifiers::CONTROL));
        }
    }
    out
}

/// Every key that does something is in the help of that context (or of a context
/// whose bindings apply there), and every key the help lists does something.
#[test]
fn every_binding_is_in_help_and_nothing_in_help_is_unbound() {
    for context in Context::ALL {
        for ev in every_key() {
            let key = Key {
                code: ev.code,
                ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            };
            let documented = context
                .chain()
                .iter()
                .any(|&c| KEYS.iter().any(|b| b.context == c && b.keys.contains(&key)));
            let typed = matches!(lookup(context, ev), Some(Action::Type(_)));
            let bound = lookup(context, ev).is_some() && !typed;
            assert_eq!(
                bound, documented,
                "{context:?}: {ev:?} bound {bound}, documented {documented}"
            );
        }
    }
    // Each label names the keys it dispatches on, and none is empty but pick's typing.
    for b in KEYS {
        assert!(!b.label.is_empty() && !b.help.is_empty(), "{b:?}");
    }
}

#[test]
fn no_key_means_two_things_in_one_context() {
    for c in Context::ALL {
        let mut seen: Vec<Key> = Vec::new();
        for b in KEYS.iter().filter(|b| b.context == c) {
            for k in b.keys {
                assert!(!seen.contains(k), "{c:?}: {k:?} bound twice");
                seen.push(*k);
            }
        }
    }
}

#[test]
fn letters_are_text_while_typing_and_commands_otherwise() {
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(lookup(Context::Outline, q), Some(Action::Quit));
    assert_eq!(lookup(Context::Compare, q), Some(Action::Close));
    assert_eq!(lookup(Context::Search, q), Some(Action::Type('q')));
    assert_eq!(lookup(Context::Editor, q), Some(Action::Type('q')));
    // In pick, letters never bookmark or write notes.
    for c in "mandate".chars() {
        let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Pick, ev), Some(Action::Type(c)));
    }
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Context::Editor, ctrl_c), Some(Action::Exit));
    let three = KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE);
    assert_eq!(lookup(Context::Reading, three), Some(Action::Follow(3)));
}

#[test]
fn hints_keep_help_and_the_way_out_at_any_width() {
    for c in Context::ALL {
        for w in [20, 40, 80, 100, 200] {
            let hs = hints(c, w);
            for h in KEYS.iter().filter(|b| c.chain().contains(&b.context)) {
                if let Some(hint) = h.hint
                    && hint.rank == 0
                {
                    assert!(hs.contains(&hint), "{c:?} at {w}: {hint:?} dropped");
                }
            }
        }
    }
    let wide = hints(Context::Outline, 200);
    let narrow = hints(Context::Outline, 40);
    assert!(narrow.len() < wide.len());
    let last: Vec<&str> = narrow.iter().rev().take(2).map(|h| h.what).collect();
    assert!(
        last.contains(&"quit") && last.contains(&"help"),
        "{narrow:?}"
    );
}
