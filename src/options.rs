//! Options resolved once, before any work starts: the settings file, the command
//! line's overrides and the environment (`SOURCE_DATE_EPOCH`, today's date) become
//! one [`Options`] value. Stages after this read only that value, never the
//! environment, so a build is a function of its options and its input files.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::config::{self, Config};

/// What the build takes from the environment, read once by the binary (or a test).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Env {
    /// The value of `SOURCE_DATE_EPOCH`, when set.
    pub source_date_epoch: Option<String>,
    /// Today's local date (year, month, day).
    pub today: (i32, u32, u32),
}

impl Env {
    /// Reads the environment and the clock. Called at the edge only (the CLI).
    pub fn capture() -> Env {
        use chrono::Datelike;
        let today = chrono::Local::now().date_naive();
        Env {
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
            today: (today.year(), today.month(), today.day()),
        }
    }

    /// A fixed environment: no `SOURCE_DATE_EPOCH`, the given date as today.
    pub fn fixed(today: (i32, u32, u32)) -> Env {
        Env { source_date_epoch: None, today }
    }
}

/// What to report on the way, besides the result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    /// Print each stage's time.
    pub timings: bool,
    /// Write the Typst sources, report JSON and charts to this folder.
    pub keep_sources: Option<PathBuf>,
}

/// Everything a build needs to know besides the input files.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The settings, with the command line's overrides applied.
    pub config: Config,
    /// The settings file the options came from (it may not exist).
    pub config_path: PathBuf,
    /// The build date: `date` of the settings, else `SOURCE_DATE_EPOCH`, else today.
    pub date: (i32, u32, u32),
    /// Timings and kept sources.
    pub extras: Extras,
}

impl Options {
    /// Resolves the settings against the environment.
    pub fn resolve(config: Config, config_path: PathBuf, env: &Env) -> Result<Options> {
        let date = build_date(&config, env)?;
        Ok(Options { config, config_path, date, extras: Extras::default() })
    }

    /// Options for settings built in code (tests, the server's defaults): the
    /// environment is captured here.
    pub fn from_config(config: Config) -> Result<Options> {
        Options::resolve(config, PathBuf::from("yearbook.toml"), &Env::capture())
    }
}

/// The build date: `date` from the settings, else `SOURCE_DATE_EPOCH`, else today.
pub fn build_date(config: &Config, env: &Env) -> Result<(i32, u32, u32)> {
    if let Some(d) = &config.date {
        return config::parse_date(d);
    }
    if let Some(epoch) = &env.source_date_epoch {
        let secs: i64 =
            epoch.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH 的值“{epoch}”不是整数"))?;
        let dt = chrono::DateTime::from_timestamp(secs, 0).context("SOURCE_DATE_EPOCH 超出范围")?;
        use chrono::Datelike;
        return Ok((dt.year(), dt.month(), dt.day()));
    }
    Ok(env.today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_comes_from_settings_then_epoch_then_today() {
        let env = Env { source_date_epoch: Some("1807747200".into()), today: (2030, 1, 2) };
        let mut config = Config { date: Some("2026-03".into()), ..Config::default() };
        assert_eq!(build_date(&config, &env).unwrap(), (2026, 3, 1));
        config.date = None;
        assert_eq!(build_date(&config, &env).unwrap(), (2027, 4, 15));
        assert_eq!(build_date(&config, &Env::fixed((2030, 1, 2))).unwrap(), (2030, 1, 2));
        let bad = Env { source_date_epoch: Some("x".into()), today: (2030, 1, 2) };
        assert!(build_date(&config, &bad).unwrap_err().to_string().contains("SOURCE_DATE_EPOCH"));
    }
}
