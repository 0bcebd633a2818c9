//! baogao (报告): typesets Chinese reports, given as structured summaries, to PDF and DOCX.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`input`] (parse and check) → [`model`] → [`template`] (styles, numbering) →
//! [`layout`] (lines, pages, tables; backend-free) → writers ([`pdf`], [`docx`], [`txt`];
//! [`png`] draws charts for the DOCX).
//! [`import`] goes the other way, from a report as text or Word to a summary.
//! [`fonts`] serves the layout and the PDF writer; [`export`] runs the pipeline for one
//! report, [`batch`] plans and runs many; the `baogao` binary is a thin command line
//! over them.

pub mod batch;
pub mod docx;
pub mod error;
pub mod export;
pub mod fnv;
pub mod fonts;
pub mod import;
pub mod input;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod png;
pub mod template;
pub mod txt;
