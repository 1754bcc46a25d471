//! `yearbook` turns the statistics workbooks that a district's departments send in
//! into 《玄武区知识产权统计年报》, a print-ready PDF.
//!
//! The pipeline runs one way; each stage only borrows what the earlier one produced:
//!
//! ```text
//! workbook  (calamine: files → sheets of raw cells with A1 places)
//!    → table    (find the tables of a sheet: title, unit, header, records)
//!    → dataset  (tidy observations: indicator, region, year, value, unit, source cell)
//!    → analysis (derived indicators, growth, targets and completion)
//!    → charts (plotters → SVG) + report (the model handed to the templates, JSON)
//!    → typeset  (Typst World with embedded templates and fonts → PDF bytes)
//!    → output   (atomic write)
//! ```
//!
//! Modules:
//! - [`config`]: the settings file `yearbook.toml`.
//! - [`catalog`]: the indicator catalogue (names, aliases, units, targets, formulas).
//! - [`diag`]: diagnostics about data, with their place, rendered in Chinese.
//! - [`workbook`], [`table`], [`dataset`], [`analysis`], [`format`], [`charts`],
//!   [`report`], [`assets`], [`typeset`], [`output`]: the stages above.
//! - [`pipeline`]: the stages wired together for the `build` and `check` commands.
//! - [`cli`]: the command line (clap), resolved into plain options.

pub mod analysis;
pub mod assets;
pub mod catalog;
pub mod charts;
pub mod cli;
pub mod config;
pub mod dataset;
pub mod diag;
pub mod export;
pub mod format;
pub mod narrative;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod table;
pub mod typeset;
pub mod workbook;
