//! `yearbook` turns the statistics workbooks that a district's departments send in
//! into 《玄武区知识产权统计年报》, a print-ready PDF.
//!
//! The pipeline runs one way; each stage only borrows what the earlier one produced:
//!
//! ```text
//! workbook  (calamine, RC4 decryption, HTML tables: files → sheets of raw cells)
//!    → table    (find the tables of a sheet in any orientation: records with labels)
//!    → dataset  (tidy observations: indicator, region, year, value, unit, source cell)
//!    → analysis (derived indicators, growth, targets, schedule, consistency checks)
//!    → narrative (the 综述 and chapter leads) + charts (plotters → SVG)
//!      + report (the model handed to the templates, JSON) + export (CSV/JSON/XLSX)
//!    → typeset  (Typst World with embedded templates and fonts → PDF/A bytes)
//!      + docx   (the same report model as a Word document, charts as PNG)
//!    → output   (atomic write)
//! ```
//!
//! Modules:
//! - [`config`]: the settings file `yearbook.toml`.
//! - [`options`]: settings, command line and environment resolved once into one value.
//! - [`catalog`]: the indicator catalogue (names, aliases, units, formulas) and the
//!   plans (五年规划) with their main indicators, baselines and targets.
//! - [`diag`]: diagnostics about data, with their place, rendered in Chinese.
//! - [`workbook`], [`table`], [`dataset`], [`analysis`], [`narrative`], [`charts`],
//!   [`report`], [`export`], [`typeset`], [`output`]: the stages above.
//! - [`docx`]: the Word edition, rendered from the finished report model.
//! - [`format`]: numbers, percentages and dates as printed, in one place.
//! - [`assets`]: embedded templates and fonts, and what a user adds on top.
//! - [`pipeline`]: the stages wired together for `build`, `check` and `export`.
//! - [`previous`]: last year's yearbook read back (its attached tidy data), for the
//!   revisions ([`analysis::revisions`]).
//! - [`records`]: patent lists (专利清单) read as records beside the tables, counted
//!   per year by stated rules, merged into (or compared with) the dataset.
//! - [`init`]: a new year's project folder (`yearbook init`).
//! - [`serve`]: the local web page (`yearbook serve`) and its JSON API.
//! - [`text`]: the office's edits of generated paragraphs (`文字修改.toml`), by
//!   key, applied to the report model, and the check of the figures typed in them.
//! - [`form`]: the data-entry form made from the catalogue (`yearbook form`), which
//!   reads back exactly.
//! - [`cli`]: the command line (clap), resolved into plain options.
//! - [`writing`]: the office's written parts (工作概况, 大事记, 编委会, 编后记) read
//!   from the `文字/` folder (.docx, .txt, .md) as blocks of data.

pub mod analysis;
pub mod assets;
pub mod catalog;
pub mod charts;
pub mod cli;
pub mod config;
pub mod dataset;
pub mod diag;
pub mod docx;
pub mod export;
pub mod form;
pub mod format;
pub mod init;
pub mod narrative;
pub mod options;
pub mod output;
pub mod pipeline;
pub mod previous;
pub mod records;
pub mod report;
pub mod serve;
pub mod table;
pub mod text;
pub mod typeset;
pub mod workbook;
pub mod writing;
