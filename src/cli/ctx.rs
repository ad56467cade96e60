//! The global flags, read once into what every command needs from them: what to load,
//! where the desk is, whether to colour and how wide to write.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use super::Failure;
use super::args::{Cli, ColorChoice};
use crate::brief::corpus::Corpus;
use crate::brief::text::neutralise;
use crate::library::{self, Request};
use crate::tui::theme::ThemeName;

pub struct Ctx {
    briefs: Vec<PathBuf>,
    no_builtin: bool,
    pub color: ColorChoice,
    pub data_dir: Option<PathBuf>,
    max_file_size: u64,
    no_cache: bool,
    pub theme: Option<ThemeName>,
    pub show_cursor: bool,
    pub osc52: bool,
    /// `--today`, else the date where the delegate is ([`local_today`]).
    pub today: crate::brief::date::Date,
    /// `--plain`: the reader in line mode.
    pub plain: bool,
    /// `--fresh`: the reader opens at the top, not where it was left.
    pub fresh: bool,
}

/// Today in the local time zone — `TZ`, else /etc/localtime, as the C library reads
/// them — not UTC's date: at 8 pm in New York on 16 December it is the 16th there, though
/// UTC has reached the 17th. A zone that cannot be read counts as UTC.
pub fn local_today() -> crate::brief::date::Date {
    local_date(jiff::Timestamp::now(), &local_zone())
}

/// The machine's time zone: `TZ` when set, else `/etc/localtime` read as the zone it is.
/// Not `TimeZone::system()` for the latter: to name the zone it searched the whole zone
/// database (some 70 directory reads and file opens), which every command paid at start,
/// a third of `brief diff`'s time on two short drafts.
fn local_zone() -> jiff::tz::TimeZone {
    if std::env::var_os("TZ").is_some() {
        return jiff::tz::TimeZone::system();
    }
    std::fs::read("/etc/localtime")
        .ok()
        .filter(|b| b.len() < 1 << 20)
        .and_then(|b| jiff::tz::TimeZone::tzif("Local", &b).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The date at `now` in `zone`.
fn local_date(now: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> crate::brief::date::Date {
    let d = zone.to_datetime(now).date();
    // jiff's years are -9999..=9999; a date before year 0 is no date a brief has.
    crate::brief::date::Date::ymd(d.year().max(0) as u16, d.month() as u8, d.day() as u8)
}

/// Where the config file is: `BRIEF_CONFIG`, else `config.yaml` in brief's config folder
/// (`$XDG_CONFIG_HOME/brief` on Linux).
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BRIEF_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("brief").join("config.yaml"))
}

/// The config file's settings: none when there is no file; a file that cannot be read or
/// does not parse is an error that names it, with the line and column.
pub fn read_config() -> Result<super::config::Config, Failure> {
    use std::io::Read;
    let Some(path) = config_path() else {
        return Ok(Default::default());
    };
    let shown = || neutralise(&path.display().to_string()).into_owned();
    let mut text = String::new();
    match std::fs::File::open(&path) {
        Ok(f) => {
            // One byte over the limit is enough to say it is too long.
            f.take(super::config::MAX_BYTES as u64 + 1)
                .read_to_string(&mut text)
                .map_err(|e| Failure::NotFound(format!("{}: {e}", shown())))?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(Failure::NotFound(format!("{}: {e}", shown()))),
    }
    super::config::Config::parse(&text).map_err(|why| {
        let sep = if why.starts_with(|c: char| c.is_ascii_digit()) {
            ":"
        } else {
            ": "
        };
        Failure::NotFound(format!("{}{sep}{why}", shown()))
    })
}

/// What [`Ctx::load_with_texts`] loaded for a command that reads: the corpus, kept to the
/// end of the process, and what `library::Loaded` says beside it.
pub struct ForReading {
    pub corpus: &'static Corpus,
    pub texts: Option<library::Searchable>,
    /// The negotiated texts among the briefs, with their history files.
    pub histories: Vec<(String, std::path::PathBuf)>,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Ctx {
        Ctx {
            briefs: cli.briefs.clone(),
            no_builtin: cli.no_builtin,
            color: cli.color,
            data_dir: cli.data_dir.clone(),
            max_file_size: cli.max_file_size,
            no_cache: cli.no_cache,
            theme: cli.theme,
            show_cursor: cli.show_cursor,
            osc52: cli.osc52,
            today: cli.today.unwrap_or_else(local_today),
            plain: cli.plain,
            fresh: cli.fresh,
        }
    }

    /// What to load: the `--briefs` paths and `extra`, with the built-in and config-folder
    /// briefs unless `--no-builtin`.
    pub fn request(&self, extra: &[PathBuf]) -> Request {
        let mut paths = self.briefs.clone();
        paths.extend_from_slice(extra);
        Request {
            paths,
            builtin: !self.no_builtin,
            config_dir: !self.no_builtin,
            cache_dir: (!self.no_cache)
                .then(crate::library::cache::default_dir)
                .flatten(),
            limits: crate::brief::load::Limits {
                max_file_bytes: self.max_file_size,
                ..Default::default()
            },
            checked_on: None,
            texts: false,
            search: None,
        }
    }

    /// Load for reading: problems in some files do not stop the others; say what was
    /// skipped. The corpus lives until the process ends, which frees it faster than
    /// dropping it (tens of milliseconds for a large folder).
    pub fn load_for_reading(&self) -> &'static Corpus {
        self.load_with_texts(false, None).corpus
    }

    /// [`Ctx::load_for_reading`], with the cache's searchable texts when asked for and the
    /// cache holds exactly what was loaded; with `search`, the texts searched for it where
    /// they are read when no cache is kept (see `library::Request::search`).
    pub fn load_with_texts(&self, texts: bool, search: Option<crate::search::Query>) -> ForReading {
        let loaded = library::load(&library::Request {
            texts,
            search,
            ..self.request(&[])
        });
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        if !loaded.diagnostics.is_empty() {
            eprintln!(
                "brief: the briefs with errors above were not loaded; `brief check` tells more"
            );
        }
        // The process ends after the command: the corpus is kept to the end, and the
        // outlines only the checks read are left to the system rather than freed.
        std::mem::forget(loaded.shells);
        ForReading {
            corpus: Box::leak(Box::new(loaded.corpus)),
            texts: loaded.texts,
            histories: loaded.histories,
        }
    }

    /// The desk store; a broken desk file is set aside with a message, and work goes on.
    pub fn open_desk(&self) -> Result<crate::desk::store::Store, Failure> {
        let (store, notice) = self.open_desk_quietly()?;
        if let Some(n) = notice {
            eprintln!("brief: {n}");
        }
        Ok(store)
    }

    /// The desk store and what opening it had to say (neutralised), for the reader to show.
    pub fn open_desk_quietly(
        &self,
    ) -> Result<(crate::desk::store::Store, Option<String>), Failure> {
        let Some(dir) = crate::desk::store::data_dir(self.data_dir.as_deref()) else {
            return Err(Failure::NotFound(
                "no data folder for notes: set BRIEF_DATA_DIR or pass --data-dir".into(),
            ));
        };
        let (store, notice) = crate::desk::store::Store::open(&dir)?;
        Ok((store, notice.map(|n| neutralise(&n.0).into_owned())))
    }

    /// `--max-file-size`: the largest file brief reads, in bytes.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
    }

    /// Whether to colour what goes to stdout.
    pub fn color_wanted(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        }
    }
}

/// The width to wrap to when `--width` is not given.
pub fn default_width() -> usize {
    if io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w))
    } else {
        80
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 8 pm in New York on 16 December is 01:00 on the 17th in UTC: the date is the 16th.
    #[test]
    fn today_is_the_date_in_the_local_time_zone_not_utcs() {
        let now: jiff::Timestamp = "2025-12-17T01:00:00Z".parse().unwrap();
        let new_york = jiff::tz::TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(local_date(now, &new_york).to_string(), "2025-12-16");
        assert_eq!(
            local_date(now, &jiff::tz::TimeZone::UTC).to_string(),
            "2025-12-17"
        );
        let tokyo = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        let evening: jiff::Timestamp = "2025-12-16T16:00:00Z".parse().unwrap();
        assert_eq!(local_date(evening, &tokyo).to_string(), "2025-12-17");
    }
}
