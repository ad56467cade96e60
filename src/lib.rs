//! `brief`: a terminal reader for structured policy briefs.

// Every reader of untrusted bytes here is safe Rust; nothing needs `unsafe`.
#![forbid(unsafe_code)]

pub mod brief;
pub mod cli;
pub mod desk;
pub mod draft;
pub mod library;
pub mod line;
pub mod pdf;
pub mod query;
pub mod render;
pub mod search;
pub mod tui;
