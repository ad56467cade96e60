//! The brief format: the model, loading and validating it, and the loaded set of briefs.

pub mod corpus;
pub mod date;
pub mod diag;
pub mod load;
pub mod model;
pub mod proposal;
pub mod synth;
pub mod text;
pub mod validate;
pub mod yaml;
