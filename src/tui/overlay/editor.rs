//! The note editor over the entry being read. Every way out keeps what was typed (Esc,
//! ctrl-s, even ctrl-c and a signal), except ctrl-g, which puts the note back as it was
//! when the editor opened.

use crate::brief::corpus::Target;
use crate::tui::app::{Action, App, Outcome};
use crate::tui::widget::textarea::TextArea;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    pub selector: String,
    pub area: TextArea,
    /// The note when the editor opened, for ctrl-g.
    pub original: String,
}

impl App {
    pub(crate) fn open_editor(&mut self) {
        let Some(t) = self.reading_entry() else {
            self.status = Some("notes go on entries: move to one (→ opens a section)".into());
            return;
        };
        let selector = crate::query::names::selector(t);
        let text = self
            .desk
            .get(&selector)
            .and_then(|m| m.note.as_ref().map(|n| n.to_string()))
            .unwrap_or_default();
        self.editor = Some(NoteEditor {
            selector,
            original: text.clone(),
            area: TextArea::new(text),
        });
    }

    /// Leave the editor keeping what was typed.
    pub fn close_editor(&mut self) {
        let Some(ed) = self.editor.take() else { return };
        let Some(t) = self.corpus.resolve(&ed.selector) else {
            return;
        };
        let text = ed.area.text.trim_end().to_owned();
        let old = self.desk.get(&ed.selector).and_then(|m| m.note.as_deref());
        if old.unwrap_or("") == text {
            return;
        }
        // The note alone: a bookmark set meanwhile elsewhere stays when this is saved.
        let change = crate::desk::note(&self.corpus, t, Some(&text), self.today);
        self.record(change);
        self.status = Some(
            if text.is_empty() {
                "note removed; U brings it back"
            } else {
                "note saved"
            }
            .into(),
        );
    }

    pub(crate) fn editor_key(&mut self, action: Action) {
        let Some(ed) = self.editor.as_mut() else {
            return;
        };
        let cut = matches!(&action, Action::Paste(p)
            if p.chars().nth(crate::tui::widget::textarea::MAX_PASTE).is_some());
        if ed.area.edit(&action) {
            if cut {
                self.status = Some(format!(
                    "paste cut to its first {} characters",
                    crate::tui::widget::textarea::MAX_PASTE
                ));
            }
            return;
        }
        match action {
            Action::Save => self.close_editor(),
            Action::Cancel => {
                self.editor = None;
                self.status = Some("note left as it was".into());
            }
            Action::Quit => {
                self.close_editor();
                self.outcome = Some(Outcome::Quit);
            }
            _ => {}
        }
    }

    /// The target a note or bookmark would go on, for the views' titles.
    pub fn editor_target(&self) -> Option<Target<'_>> {
        self.corpus.resolve(&self.editor.as_ref()?.selector)
    }
}
