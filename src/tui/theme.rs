//! Styles of the reader. Meaning is never carried by colour alone: every stance has a
//! word and a glyph, the cursor is reversed, matches are underlined as well as tinted.

use ratatui::style::{Color, Modifier, Style};

use crate::brief::model::Stance;

/// Which set of styles the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Quiet colours on the terminal's own background.
    #[default]
    Default,
    /// Black and white with bold: the strongest contrast a terminal has.
    HighContrast,
    /// No colour at all (reverse, bold and underline only); chosen when NO_COLOR is set.
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub title: Style,
    pub faint: Style,
    pub heading: Style,
    pub cursor: Style,
    /// The cursor when its pane does not have the focus.
    pub cursor_unfocused: Style,
    pub matched: Style,
    pub bar: Style,
    pub key: Style,
    pub border: Style,
    pub border_focused: Style,
    pub warning: Style,
    pub today: Style,
    /// Words a version took out (`[-old-]`) and put in (`{+new+}`): the markers stay, the
    /// style only helps.
    pub deleted: Style,
    pub inserted: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        let mono = Theme {
            name,
            title: Style::new().add_modifier(Modifier::BOLD),
            faint: Style::new().add_modifier(Modifier::DIM),
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            cursor_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            matched: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            bar: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            warning: Style::new().add_modifier(Modifier::BOLD),
            today: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            deleted: Style::new().add_modifier(Modifier::CROSSED_OUT),
            inserted: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        };
        match name {
            ThemeName::Mono => mono,
            ThemeName::Default => Theme {
                title: mono.title.fg(Color::Cyan),
                heading: mono.heading.fg(Color::Cyan),
                cursor: Style::new().bg(Color::Blue).fg(Color::White),
                matched: mono.matched.fg(Color::Yellow),
                bar: Style::new().bg(Color::DarkGray).fg(Color::White),
                key: mono.key.fg(Color::Yellow),
                border: Style::new().fg(Color::DarkGray),
                border_focused: Style::new().fg(Color::Cyan),
                warning: mono.warning.fg(Color::Red),
                today: mono.today.fg(Color::Yellow),
                deleted: mono.deleted.fg(Color::Red),
                inserted: mono.inserted.fg(Color::Green),
                ..mono
            },
            // Never a colour on the terminal's own background, which may be light or
            // dark: the terminal's own two colours, swapped for what must stand out,
            // and bold instead of dim.
            ThemeName::HighContrast => Theme {
                faint: Style::new(),
                cursor: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
                cursor_unfocused: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                bar: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
                border_focused: Style::new().add_modifier(Modifier::BOLD),
                ..mono
            },
        }
    }

    /// A stance's style; the glyph and word carry the meaning, colour only helps.
    pub fn stance(&self, stance: Stance) -> Style {
        if self.name != ThemeName::Default {
            return match stance {
                Stance::Support | Stance::Oppose => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
        }
        Style::new().fg(match stance {
            Stance::Support => Color::Green,
            Stance::Oppose => Color::Red,
            Stance::Conditional => Color::Yellow,
            Stance::Mixed => Color::Magenta,
            Stance::Reservation => Color::Blue,
            Stance::None => Color::DarkGray,
        })
    }
}

/// A stance as one glyph, for cells and bars.
pub fn stance_glyph(stance: Stance) -> char {
    match stance {
        Stance::Support => '▲',
        Stance::Oppose => '▼',
        Stance::Conditional => '◆',
        Stance::Mixed => '◐',
        Stance::Reservation => '◇',
        Stance::None => '○',
    }
}

/// A stance as a word of at most four letters, for matrix cells.
pub fn stance_short(stance: Stance) -> &'static str {
    match stance {
        Stance::Support => "for",
        Stance::Oppose => "agst",
        Stance::Conditional => "cond",
        Stance::Mixed => "mixd",
        Stance::Reservation => "resv",
        Stance::None => "none",
    }
}
