//! The .xls decryption on hostile input: arbitrary bytes as a whole file, and a
//! well-formed compound file whose workbook stream holds BOF, an arbitrary
//! FILEPASS record and arbitrary records after it. Errors are fine; panics,
//! unbounded allocation and super-linear time are not.

#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use yearbook::workbook::decrypt::{DEFAULT_PASSWORD, decrypt_xls, filepass_kind};

/// A compound file with a `Workbook` stream: BOF, FILEPASS with `filepass` as its
/// data, then `rest` as further records.
fn ole(filepass: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut stream = vec![0x09, 0x08, 16, 0, 0x00, 0x06, 0x05, 0x00];
    stream.extend_from_slice(&[0; 12]);
    stream.extend_from_slice(&0x002Fu16.to_le_bytes());
    stream.extend_from_slice(&(filepass.len().min(0xFFFF) as u16).to_le_bytes());
    stream.extend_from_slice(filepass);
    stream.extend_from_slice(rest);
    let mut out =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).expect("create");
    out.create_stream("/Workbook").and_then(|mut s| s.write_all(&stream)).expect("write");
    out.flush().expect("flush");
    out.into_inner().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, data)) = data.split_first() else { return };
    let bytes = if mode & 1 == 0 {
        data.to_vec()
    } else {
        // The FILEPASS length is taken from the input, so that its fields and the
        // records after it vary independently.
        let split = usize::from(data.first().copied().unwrap_or(0)) * 2;
        let data = data.get(1..).unwrap_or_default();
        let (fp, rest) = data.split_at(split.min(data.len()));
        ole(fp, rest)
    };
    let kind = filepass_kind(&bytes);
    match decrypt_xls(&bytes, DEFAULT_PASSWORD) {
        Ok(plain) => {
            assert!(kind.is_some(), "decrypted a file with no FILEPASS");
            assert_eq!(filepass_kind(&plain), None, "the decrypted copy still says encrypted");
        }
        Err(_) => {}
    }
});
