//! `brief schema`: the JSON Schema of the brief format, for editors.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::Failure;

pub fn run(out: &mut impl Write) -> Result<ExitCode, Failure> {
    let schema = schemars::schema_for!(crate::brief::model::Brief);
    let text = serde_json::to_string_pretty(&schema).map_err(io::Error::other)?;
    writeln!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}
