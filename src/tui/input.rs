//! Terminal events become actions: keys through the one key table (for the context that
//! has the keys now), the mouse and resizes directly.

use ratatui::crossterm::event::{Event, KeyEventKind, MouseEvent, MouseEventKind};

use super::action::Action;
use super::keys::{self, Context};

pub fn action(event: Event, context: Context) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keys::lookup(context, key),
        Event::Mouse(m) => mouse(m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) if matches!(context, Context::Search | Context::Editor) => {
            Some(Action::Paste(text))
        }
        _ => None,
    }
}

fn mouse(m: MouseEvent) -> Option<Action> {
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            down: false,
        }),
        MouseEventKind::Down(_) => Some(Action::Click { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_paste_is_text_only_where_text_is_typed() {
        let paste = Event::Paste("x".into());
        assert_eq!(
            action(paste.clone(), Context::Search),
            Some(Action::Paste("x".into()))
        );
        assert_eq!(action(paste, Context::Outline), None);
        let z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert_eq!(action(z, Context::Editor), Some(Action::Suspend));
    }
}
