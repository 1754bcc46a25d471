//! Tests of the decryption against expectations made elsewhere: the real
//! write-protected workbooks of `../shared/realdata` and their decrypted twins, and
//! RC4 CryptoAPI fixtures encrypted with msoffcrypto-tool
//! (`tests/fixtures/hostile/make_encrypted.py`); and of every header field that a
//! file could get wrong.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use calamine::Reader;

use super::*;

fn crate_file(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const ENCRYPTED: &str =
    "../shared/realdata/cn-yearbook/tech-yearbook_part08-output_06-plant-variety_raw-2022.xls";
const DECRYPTED: &str =
    "../shared/realdata/cn-yearbook/decrypted/tech-yearbook_part08-output_06-plant-variety_raw-2022.xls";
const CRYPTOAPI_128: &str = "tests/fixtures/hostile/rc4-cryptoapi-128.xls";
const CRYPTOAPI_40: &str = "tests/fixtures/hostile/rc4-cryptoapi-40.xls";

fn workbook_stream(bytes: &[u8]) -> Vec<u8> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let mut w = Vec::new();
    cfb.open_stream("/Workbook").unwrap().read_to_end(&mut w).unwrap();
    w
}

fn filepass_of(file: &[u8]) -> Vec<u8> {
    let w = workbook_stream(file);
    let r = find_filepass(&w).expect("a FILEPASS record");
    w[r].to_vec()
}

/// Every cell of every sheet, as calamine reads it.
fn cells(bytes: Vec<u8>) -> Vec<(String, calamine::Range<calamine::Data>)> {
    let mut xls = calamine::Xls::new(Cursor::new(bytes)).unwrap();
    let names = xls.sheet_names();
    names.into_iter().map(|n| (n.clone(), xls.worksheet_range(&n).unwrap())).collect()
}

/// A compound file with a `Workbook` stream holding these records.
fn ole_with(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
    let mut stream = Vec::new();
    for (typ, data) in records {
        stream.extend_from_slice(&typ.to_le_bytes());
        stream.extend_from_slice(&(data.len() as u16).to_le_bytes());
        stream.extend_from_slice(data);
    }
    let mut out = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    out.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
    out.flush().unwrap();
    out.into_inner().into_inner()
}

fn bof() -> (u16, Vec<u8>) {
    (BOF, vec![0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
}

#[test]
fn real_rc4_workbook_decrypts_to_its_independently_decrypted_twin() {
    let plain = decrypt_xls(&crate_file(ENCRYPTED), DEFAULT_PASSWORD).unwrap();
    // The twin was decrypted by another tool, which blanks FILEPASS the same way.
    assert_eq!(workbook_stream(&plain), workbook_stream(&crate_file(DECRYPTED)));
}

#[test]
fn real_rc4_verifier_accepts_only_the_default_password() {
    let fp = filepass_of(&crate_file(ENCRYPTED));
    assert_eq!(classify(&fp), FilePass::Rc4);
    assert!(key_maker(&fp, DEFAULT_PASSWORD).is_ok());
    assert_eq!(key_maker(&fp, "secret").err(), Some(DecryptError::WrongPassword));
}

#[test]
fn cryptoapi_fixtures_made_by_msoffcrypto_decrypt_to_the_real_cells() {
    let expected = cells(crate_file(DECRYPTED));
    assert!(expected.iter().any(|(_, r)| r.used_cells().count() > 100));
    for (fixture, kind) in [(CRYPTOAPI_128, FilePass::CryptoApi), (CRYPTOAPI_40, FilePass::CryptoApi)] {
        let bytes = crate_file(fixture);
        assert_eq!(filepass_kind(&bytes), Some(kind), "{fixture}");
        let plain = decrypt_xls(&bytes, DEFAULT_PASSWORD).unwrap();
        assert_eq!(filepass_kind(&plain), None, "the decrypted copy no longer says encrypted");
        assert_eq!(cells(plain), expected, "{fixture}");
        assert_eq!(decrypt_xls(&bytes, "secret").err(), Some(DecryptError::WrongPassword));
    }
}

#[test]
fn filepass_kind_tells_plain_rc4_and_xor_apart() {
    assert_eq!(filepass_kind(&crate_file(DECRYPTED)), None);
    assert_eq!(filepass_kind(&crate_file(ENCRYPTED)), Some(FilePass::Rc4));
    assert_eq!(filepass_kind(b"not a compound file"), None);
    // XOR obfuscation: wEncryptionType 0, key and verifier (MS-XLS 2.4.117).
    let xor = ole_with(&[bof(), (FILEPASS, vec![0, 0, 0x34, 0x12, 0x78, 0x56]), (EOF, vec![])]);
    assert_eq!(filepass_kind(&xor), Some(FilePass::Xor));
    assert_eq!(decrypt_xls(&xor, DEFAULT_PASSWORD).err(), Some(DecryptError::Unsupported(XOR.into())));
    let other = ole_with(&[bof(), (FILEPASS, vec![1, 0, 3, 0, 3, 0]), (EOF, vec![])]);
    assert_eq!(filepass_kind(&other), Some(FilePass::Other { kind: 1, major: 3, minor: 3 }));
    let r = decrypt_xls(&other, DEFAULT_PASSWORD);
    assert!(matches!(&r, Err(DecryptError::Unsupported(s)) if s.contains("3.3")), "{r:?}");
    // A FILEPASS after the globals' EOF is not the workbook's.
    let late = ole_with(&[bof(), (EOF, vec![]), (FILEPASS, vec![0, 0, 0, 0, 0, 0])]);
    assert_eq!(filepass_kind(&late), None);
    assert_eq!(decrypt_xls(&late, DEFAULT_PASSWORD).err(), Some(DecryptError::NotEncrypted));
}

fn is_malformed<T>(r: &Result<T, DecryptError>) -> bool {
    matches!(r, Err(DecryptError::Malformed(_)))
}

/// The CryptoAPI FILEPASS of the 128-bit fixture, with a u32 field replaced.
fn cryptoapi_with(at: usize, value: u32) -> Vec<u8> {
    let mut fp = filepass_of(&crate_file(CRYPTOAPI_128));
    fp[at..at + 4].copy_from_slice(&value.to_le_bytes());
    fp
}

#[test]
fn cryptoapi_key_sizes_outside_40_to_128_bits_are_malformed_not_panics() {
    // keySize is at 14 (header start) + 16.
    for bits in [1, 7, 8, 39, 41, 129, 160, 168, 256, u32::MAX] {
        let r = key_maker(&cryptoapi_with(30, bits), DEFAULT_PASSWORD);
        assert!(is_malformed(&r), "{bits} bits");
    }
    // 40 to 128 bits are valid sizes: the verifier then says the key is wrong.
    for bits in [0, 40, 48, 120] {
        let r = key_maker(&cryptoapi_with(30, bits), DEFAULT_PASSWORD);
        assert_eq!(r.err(), Some(DecryptError::WrongPassword), "{bits} bits");
    }
    assert!(key_maker(&cryptoapi_with(30, 128), DEFAULT_PASSWORD).is_ok());
}

#[test]
fn cryptoapi_sizes_and_algorithms_are_checked() {
    let fp = filepass_of(&crate_file(CRYPTOAPI_128));
    let header_size = u32_at(&fp, 10).unwrap() as usize;
    let v = 14 + header_size;
    for (at, value) in
        [(10, 0), (10, 31), (10, u32::MAX), (10, 0x8000_0000), (v, 0), (v, u32::MAX), (v + 36, 16)]
    {
        let r = key_maker(&cryptoapi_with(at, value), DEFAULT_PASSWORD);
        assert!(is_malformed(&r), "field at {at} = {value}");
    }
    let r = key_maker(&cryptoapi_with(14 + 8, 0x660E), DEFAULT_PASSWORD);
    assert!(matches!(&r, Err(DecryptError::Unsupported(s)) if s.starts_with("算法")), "AES is not RC4");
}

#[test]
fn every_truncation_of_a_filepass_is_an_error_not_a_panic() {
    for file in [ENCRYPTED, CRYPTOAPI_128] {
        let fp = filepass_of(&crate_file(file));
        for len in 0..fp.len() {
            assert!(key_maker(&fp[..len], DEFAULT_PASSWORD).is_err(), "{file}: {len} bytes");
        }
    }
}

#[test]
fn xor_obfuscation_is_refused_by_name() {
    assert_eq!(
        key_maker(&[0, 0, 1, 2, 3, 4], DEFAULT_PASSWORD).err(),
        Some(DecryptError::Unsupported(XOR.into()))
    );
    assert!(DecryptError::Unsupported(XOR.into()).to_string().contains("XOR 混淆加密"));
}

#[test]
fn a_truncated_record_after_filepass_is_cut_not_read_past() {
    let mut stream = workbook_stream(&crate_file(ENCRYPTED));
    let fp = find_filepass(&stream).unwrap();
    // A record header claiming 0xFFFF bytes, right at the end.
    stream.truncate(fp.end + 10);
    stream.extend_from_slice(&[0x3C, 0x00, 0xFF, 0xFF, 1, 2]);
    assert!(decrypt_stream(&mut stream, DEFAULT_PASSWORD).is_ok());
}

#[test]
fn a_second_filepass_record_is_refused() {
    // Found by the `decrypt` fuzz target: a mutated real file whose workbook held
    // a second FILEPASS; the decrypted copy still said "encrypted".
    let fp = filepass_of(&crate_file(ENCRYPTED));
    let twice = ole_with(&[bof(), (FILEPASS, fp.clone()), (FILEPASS, fp), (EOF, vec![])]);
    let r = decrypt_xls(&twice, DEFAULT_PASSWORD);
    assert!(is_malformed(&r), "{r:?}");
}
