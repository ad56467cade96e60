//! Keys and mouse events become actions. The only context that matters here is whether
//! the search prompt takes text; what an action means on each screen is the state's
//! business.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use super::state::Action;

/// What the runner does itself rather than the state: it owns the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    Act(Action),
    Suspend,
    Redraw,
}

pub fn control(event: Event, typing: bool) -> Option<Control> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_control(key, typing),
        Event::Mouse(m) => mouse(m).map(Control::Act),
        Event::Resize(w, h) => Some(Control::Act(Action::Resize(w, h))),
        Event::Paste(text) if typing => Some(Control::Act(Action::Paste(text))),
        _ => None,
    }
}

fn key_control(key: KeyEvent, typing: bool) -> Option<Control> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        return match key.code {
            KeyCode::Char('c') => Some(Control::Act(Action::Quit)),
            KeyCode::Char('z') => Some(Control::Suspend),
            KeyCode::Char('l') => Some(Control::Redraw),
            KeyCode::Char('d') => Some(Control::Act(Action::HalfPageDown)),
            KeyCode::Char('u') if typing => Some(Control::Act(Action::EraseLine)),
            KeyCode::Char('u') => Some(Control::Act(Action::HalfPageUp)),
            KeyCode::Char('w') if typing => Some(Control::Act(Action::EraseWord)),
            KeyCode::Char('f') => Some(Control::Act(Action::PageDown)),
            KeyCode::Char('b') => Some(Control::Act(Action::PageUp)),
            KeyCode::Char('n') => Some(Control::Act(Action::Down)),
            KeyCode::Char('p') => Some(Control::Act(Action::Up)),
            KeyCode::Char('o') => Some(Control::Act(Action::Back)),
            KeyCode::Char('s') => Some(Control::Act(Action::Save)),
            _ => None,
        };
    }
    let action = match key.code {
        KeyCode::Char(c) if typing => Action::Type(c),
        KeyCode::Backspace if typing => Action::Erase,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::Top,
        KeyCode::End => Action::Bottom,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Escape,
        KeyCode::Tab | KeyCode::BackTab => Action::Tab,
        KeyCode::Backspace => Action::Back,
        KeyCode::Char(c) => match c {
            'q' => Action::Quit,
            'j' => Action::Down,
            'k' => Action::Up,
            'h' => Action::Left,
            'l' => Action::Right,
            'g' => Action::Top,
            'G' => Action::Bottom,
            ' ' => Action::Space,
            'b' => Action::PageUp,
            'd' => Action::HalfPageDown,
            'u' => Action::HalfPageUp,
            '/' => Action::StartSearch,
            'n' => Action::NextMatch,
            'N' => Action::PreviousMatch,
            'f' => Action::Filters,
            'F' => Action::ClearFilter,
            'c' => Action::Compare,
            't' => Action::Timeline,
            's' => Action::ToggleGroups,
            'm' => Action::Bookmark,
            'D' => Action::Desk,
            'a' => Action::Annotate,
            '?' => Action::Help,
            '[' => Action::Back,
            ']' => Action::Forward,
            '1'..='9' => Action::Follow(c as usize - '0' as usize),
            _ => return None,
        },
        _ => return None,
    };
    Some(Control::Act(action))
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
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn letters_are_commands_unless_the_prompt_is_open() {
        assert_eq!(
            control(key(KeyCode::Char('q')), false),
            Some(Control::Act(Action::Quit))
        );
        assert_eq!(
            control(key(KeyCode::Char('q')), true),
            Some(Control::Act(Action::Type('q')))
        );
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(
            control(ctrl_c.clone(), true),
            Some(Control::Act(Action::Quit))
        );
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert_eq!(control(ctrl_z, false), Some(Control::Suspend));
    }
}
