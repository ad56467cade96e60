//! The config file, `config.yaml` in brief's config folder (`$XDG_CONFIG_HOME/brief` on
//! Linux; `BRIEF_CONFIG` names another): the reader's habits that a delegate sets once
//! rather than on every command line. Read only when the reader opens.
//!
//! ```yaml
//! osc52: true          # y copies to the terminal's clipboard (as --osc52)
//! show_cursor: true    # the cursor shows on the selected row (as --show-cursor)
//! theme: high-contrast # default, high-contrast or mono (as --theme)
//! ```

use serde::Deserialize;

use crate::brief::yaml;
use crate::tui::theme::ThemeName;

/// What the config file sets; a key it does not know is an error, so a misspelt one is
/// said, not silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub osc52: bool,
    #[serde(default)]
    pub show_cursor: bool,
    #[serde(default)]
    pub theme: Option<ThemeName>,
}

/// Larger than any config file is: what is read is bounded.
pub const MAX_BYTES: usize = 64 << 10;

impl Config {
    /// The file's settings, or `line:column: what is wrong` (empty is all defaults).
    pub fn parse(text: &str) -> Result<Config, String> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        if text.len() > MAX_BYTES {
            return Err(format!(
                "over {} KiB, more than a config file is",
                MAX_BYTES >> 10
            ));
        }
        yaml::decode::<Config>(text, yaml::Limits::default()).map_err(|f| {
            if f.line > 0 {
                format!("{}:{}: {}", f.line, f.column, f.message)
            } else {
                f.message
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_keys_are_read_and_an_unknown_one_is_an_error_where_it_is() {
        let c = Config::parse("osc52: true\nshow_cursor: true\ntheme: high-contrast\n").unwrap();
        assert_eq!(
            c,
            Config {
                osc52: true,
                show_cursor: true,
                theme: Some(ThemeName::HighContrast)
            }
        );
        assert_eq!(Config::parse("\n# nothing\n").unwrap(), Config::default());
        let e = Config::parse("osc52: true\nshow_cursr: true\n").unwrap_err();
        assert!(e.starts_with("2:1: "), "{e}");
        assert!(e.contains("show_cursr"), "{e}");
        let e = Config::parse("osc52: yes\n").unwrap_err();
        assert!(e.starts_with("1:8: "), "{e}");
    }
}
