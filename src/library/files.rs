//! Reading a brief's bytes: a regular file within the size limit, never a FIFO or
//! device, never more than the limit.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::builtin;
use super::folders::Origin;
use crate::brief::load::Limits;

/// Read a file, refusing what is not a regular file (a FIFO would block us) and what is
/// over the size limit, without reading more than the limit.
pub(super) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    read_limited_as(path, &meta, limit)
}

pub(super) fn read_limited_as(
    path: &Path,
    meta: &std::fs::Metadata,
    limit: u64,
) -> Result<Vec<u8>, String> {
    if meta.is_dir() {
        return Err("is a folder, not a brief file".to_owned());
    }
    if !meta.is_file() {
        return Err("is not a regular file (a FIFO, socket or device?)".to_owned());
    }
    if meta.len() > limit {
        return Err(format!(
            "file is {} bytes, over the limit of {limit} bytes; a brief this large is not one brief",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    Ok(bytes)
}

pub(super) fn bytes_of(
    origin: &Origin,
    limits: &Limits,
) -> Result<std::borrow::Cow<'static, [u8]>, String> {
    match origin {
        Origin::Builtin(i) => Ok(std::borrow::Cow::Borrowed(builtin::BUILTIN[*i].1)),
        Origin::File(p) => read_limited(p, limits.max_file_bytes).map(std::borrow::Cow::Owned),
    }
}
