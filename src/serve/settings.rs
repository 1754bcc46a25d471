//! The settings the page edits (year, date, organisation, paper, chapters on the
//! right), read from and written to `yearbook.toml` with toml_edit so that the
//! file's comments and order stay as the user left them.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use toml_edit::{DocumentMut, value};

use crate::config::{Config, Paper};

/// The settings of the page's form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The report year; `None` means the latest year in the data.
    pub year: Option<i32>,
    /// The compilation date, `YYYY-MM` or `YYYY-MM-DD`; empty means today.
    pub date: String,
    pub organization: String,
    /// `a4` or `16k`.
    pub paper: String,
    pub chapter_on_right: bool,
}

impl Settings {
    /// The form's values of a configuration.
    pub fn of(config: &Config) -> Settings {
        Settings {
            year: config.year,
            date: config.date.clone().unwrap_or_default(),
            organization: config.organization.clone(),
            paper: match config.paper {
                Paper::A4 => "a4".into(),
                Paper::K16 => "16k".into(),
            },
            chapter_on_right: config.chapter_on_right,
        }
    }
}

/// The text of the settings file with the form's values written in, keeping
/// everything else; refused (with the reason in Chinese) when the result is not a
/// valid settings file.
pub fn apply(text: &str, s: &Settings) -> Result<String> {
    let mut doc: DocumentMut = text.parse().context("yearbook.toml 不是有效的 TOML")?;
    match s.year {
        Some(y) if (1900..=2200).contains(&y) => doc["year"] = value(i64::from(y)),
        Some(y) => bail!("报告年度 {y} 无效"),
        None => {
            doc.remove("year");
        }
    }
    if s.date.trim().is_empty() {
        doc.remove("date");
    } else {
        doc["date"] = value(s.date.trim());
    }
    if s.organization.trim().is_empty() {
        bail!("编制单位不能为空");
    }
    doc["organization"] = value(s.organization.trim());
    if !matches!(s.paper.as_str(), "a4" | "16k") {
        bail!("纸张应为 A4 或 16开");
    }
    doc["paper"] = value(s.paper.as_str());
    doc["chapter-on-right"] = value(s.chapter_on_right);
    let out = doc.to_string();
    Config::parse(&out, "yearbook.toml")?;
    Ok(out)
}

/// Writes the form's values to the settings file at `path` (created when missing).
pub fn save(path: &Path, s: &Settings) -> Result<()> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("无法读取 {}", path.display())),
    };
    let out = apply(&text, s)?;
    crate::output::write_atomic(path, out.as_bytes(), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_comments_and_order() {
        let text = include_str!("../../yearbook.toml");
        let mut s = Settings::of(&Config::parse(text, "yearbook.toml").unwrap());
        s.year = Some(2025);
        s.date = "2026-04".into();
        s.paper = "16k".into();
        s.chapter_on_right = true;
        let out = apply(text, &s).unwrap();
        assert!(out.starts_with("# 《玄武区知识产权统计年报》的编制设置。"), "{out}");
        assert!(
            out.contains("# 编制日期，印在封面（二〇二六年三月）；省略时取当天\ndate = \"2026-04\""),
            "{out}"
        );
        let c = Config::parse(&out, "yearbook.toml").unwrap();
        assert_eq!((c.year, c.paper, c.chapter_on_right), (Some(2025), Paper::K16, true));
        assert!(out.find("region").unwrap() < out.find("organization").unwrap());
        s.date = "2026-13".into();
        assert!(apply(text, &s).is_err());
    }
}
