//! Decrypting write-protected .xls files. Excel "protects" a workbook against
//! changes by encrypting it with the fixed password `VelvetSweatshop`; calamine
//! refuses such files. This module decrypts the `Workbook` stream (BIFF8, RC4 and
//! RC4 CryptoAPI, MS-OFFCRYPTO 2.3.6 and 2.3.5) and writes a new compound file that
//! calamine reads as usual. Other encryption, or another password, is refused.

use std::io::{Cursor, Read, Write};

use md5::{Digest, Md5};
use rc4::{KeyInit, Rc4, StreamCipher};
use sha1::Sha1;

/// Excel's default password for write-protected workbooks.
pub const DEFAULT_PASSWORD: &str = "VelvetSweatshop";

/// Why a workbook could not be decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecryptError {
    /// Not an OLE compound file, or no `Workbook` stream.
    NotXls(String),
    /// The file has no FILEPASS record: it is not encrypted.
    NotEncrypted,
    /// An encryption this module does not implement (e.g. XOR obfuscation).
    Unsupported(String),
    /// The password is not Excel's default: the file needs a real password to open.
    WrongPassword,
}

/// Records whose data are never encrypted (MS-XLS 2.2.10).
const PLAIN_RECORDS: &[u16] = &[0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138];
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET8: u16 = 0x0085;
const BLOCK: usize = 1024;

/// How the key of each 1024-byte block is made.
enum KeyMaker {
    /// RC4 (version 1.1): MD5 of the truncated intermediate hash and the block number.
    Rc4 { h1: [u8; 5] },
    /// RC4 CryptoAPI (version 2–4.2): SHA-1 of H0 and the block number, cut to the key size.
    CryptoApi { h0: Vec<u8>, key_bytes: usize },
}

impl KeyMaker {
    fn key(&self, block: u32) -> Vec<u8> {
        match self {
            KeyMaker::Rc4 { h1 } => {
                let mut m = Md5::new();
                m.update(h1);
                m.update(block.to_le_bytes());
                m.finalize().to_vec()
            }
            KeyMaker::CryptoApi { h0, key_bytes } => {
                let mut s = Sha1::new();
                s.update(h0);
                s.update(block.to_le_bytes());
                let mut key = s.finalize()[..*key_bytes].to_vec();
                // A 40-bit key is used as 128 bits, padded with zeros.
                if *key_bytes == 5 {
                    key.resize(16, 0);
                }
                key
            }
        }
    }

    fn cipher(&self, block: u32) -> Rc4 {
        Rc4::new_from_slice(&self.key(block)).expect("RC4 takes 5- to 20-byte keys")
    }
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// Builds the key maker from a FILEPASS record's data and checks the password.
fn key_maker(filepass: &[u8], password: &str) -> Result<KeyMaker, DecryptError> {
    let bad = || DecryptError::Unsupported("FILEPASS 记录不完整".into());
    match u16_at(filepass, 0).ok_or_else(bad)? {
        0 => return Err(DecryptError::Unsupported("XOR 混淆加密".into())),
        1 => {}
        other => return Err(DecryptError::Unsupported(format!("加密类型 {other}"))),
    }
    let major = u16_at(filepass, 2).ok_or_else(bad)?;
    let minor = u16_at(filepass, 4).ok_or_else(bad)?;
    let (maker, verifier, verifier_hash_len, offset) = if major == 1 && minor == 1 {
        let salt = filepass.get(6..22).ok_or_else(bad)?;
        let h0 = Md5::digest(utf16le(password));
        let mut buf = Vec::with_capacity(16 * 21);
        for _ in 0..16 {
            buf.extend_from_slice(&h0[..5]);
            buf.extend_from_slice(salt);
        }
        let h1 = Md5::digest(&buf);
        (KeyMaker::Rc4 { h1: h1[..5].try_into().expect("5 bytes") }, 22, 16, 0)
    } else if (2..=4).contains(&major) && minor == 2 {
        // EncryptionHeader after flags and its size; then the verifier.
        let header_size = u32_at(filepass, 10).ok_or_else(bad)? as usize;
        let header = filepass.get(14..14 + header_size).ok_or_else(bad)?;
        let key_bits = u32_at(header, 16).ok_or_else(bad)? as usize;
        let key_bits = if key_bits == 0 { 40 } else { key_bits };
        let v = 14 + header_size;
        let salt_size = u32_at(filepass, v).ok_or_else(bad)? as usize;
        let salt = filepass.get(v + 4..v + 4 + salt_size).ok_or_else(bad)?;
        let mut s = Sha1::new();
        s.update(salt);
        s.update(utf16le(password));
        let h0 = s.finalize().to_vec();
        (KeyMaker::CryptoApi { h0, key_bytes: key_bits / 8 }, v + 4 + salt_size, 20, 4)
    } else {
        return Err(DecryptError::Unsupported(format!("加密版本 {major}.{minor}")));
    };
    // Verify: the verifier and its hash are encrypted with the block-0 key, in a row.
    let mut data = filepass.get(verifier..verifier + 16).ok_or_else(bad)?.to_vec();
    let start = verifier + 16 + offset;
    data.extend_from_slice(filepass.get(start..start + verifier_hash_len).ok_or_else(bad)?);
    maker.cipher(0).apply_keystream(&mut data);
    let (v, h) = data.split_at(16);
    let ok = match maker {
        KeyMaker::Rc4 { .. } => Md5::digest(v)[..] == h[..16],
        KeyMaker::CryptoApi { .. } => Sha1::digest(v)[..] == h[..20],
    };
    if ok { Ok(maker) } else { Err(DecryptError::WrongPassword) }
}

/// Decrypts a BIFF8 `Workbook` stream in place; returns whether it was encrypted.
fn decrypt_stream(stream: &mut [u8], password: &str) -> Result<(), DecryptError> {
    // Walk the records to find FILEPASS and to mark which bytes are encrypted.
    let mut encrypted = vec![false; stream.len()];
    let mut maker = None;
    let mut filepass_at = None;
    let mut pos = 0;
    while pos + 4 <= stream.len() {
        let typ = u16_at(stream, pos).expect("in bounds");
        let len = u16_at(stream, pos + 2).expect("in bounds") as usize;
        let data = pos + 4..(pos + 4 + len).min(stream.len());
        if maker.is_none() {
            if typ == FILEPASS {
                maker = Some(key_maker(&stream[data.clone()], password)?);
                filepass_at = Some(data.start);
            }
        } else if typ == BOUNDSHEET8 {
            // The sheet's stream position stays in clear.
            encrypted[(data.start + 4).min(data.end)..data.end].iter_mut().for_each(|e| *e = true);
        } else if !PLAIN_RECORDS.contains(&typ) {
            encrypted[data.clone()].iter_mut().for_each(|e| *e = true);
        }
        pos = data.end;
    }
    let (Some(maker), Some(filepass_at)) = (maker, filepass_at) else {
        return Err(DecryptError::NotEncrypted);
    };
    // The key stream runs over the whole stream, block by block, from offset 0.
    for (block, chunk) in stream.chunks_mut(BLOCK).enumerate() {
        let mut keystream = vec![0u8; chunk.len()];
        maker.cipher(block as u32).apply_keystream(&mut keystream);
        let base = block * BLOCK;
        for (i, b) in chunk.iter_mut().enumerate() {
            if encrypted[base + i] {
                *b ^= keystream[i];
            }
        }
    }
    // Mark the workbook as no longer encrypted (type 0 is read as plain).
    stream[filepass_at] = 0;
    stream[filepass_at + 1] = 0;
    Ok(())
}

/// Decrypts an encrypted .xls file's bytes and returns the bytes of an equivalent
/// unencrypted compound file.
pub fn decrypt_xls(bytes: &[u8], password: &str) -> Result<Vec<u8>, DecryptError> {
    let mut cfb =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| DecryptError::NotXls(e.to_string()))?;
    let mut workbook = Vec::new();
    cfb.open_stream("/Workbook")
        .and_then(|mut s| s.read_to_end(&mut workbook))
        .map_err(|_| DecryptError::NotXls("没有 Workbook 数据流".into()))?;
    decrypt_stream(&mut workbook, password)?;
    // Copy every stream into a new compound file, with the decrypted workbook.
    let paths: Vec<(std::path::PathBuf, bool)> =
        cfb.walk().map(|e| (e.path().to_path_buf(), e.is_stream())).collect();
    // Version 3 (512-byte sectors), as Excel writes .xls: what calamine reads.
    let mut out = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
        .map_err(|e| DecryptError::NotXls(e.to_string()))?;
    for (path, is_stream) in paths {
        if path.as_os_str() == "/" {
            continue;
        }
        let io = |e: std::io::Error| DecryptError::NotXls(e.to_string());
        if !is_stream {
            out.create_storage(&path).map_err(io)?;
            continue;
        }
        let data = if path == std::path::Path::new("/Workbook") {
            workbook.clone()
        } else {
            let mut d = Vec::new();
            cfb.open_stream(&path).and_then(|mut s| s.read_to_end(&mut d)).map_err(io)?;
            d
        };
        out.create_stream(&path).and_then(|mut s| s.write_all(&data)).map_err(io)?;
    }
    out.flush().map_err(|e| DecryptError::NotXls(e.to_string()))?;
    Ok(out.into_inner().into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rc4_key_for_block_zero_matches_the_reference() {
        // MS-OFFCRYPTO's RC4 key derivation, checked against a known verifier: the
        // verifier and its MD5 are encrypted with the block-0 key.
        let salt = [7u8; 16];
        let mut fp = vec![1, 0, 1, 0, 1, 0];
        fp.extend_from_slice(&salt);
        let h0 = Md5::digest(utf16le(DEFAULT_PASSWORD));
        let mut buf = Vec::new();
        for _ in 0..16 {
            buf.extend_from_slice(&h0[..5]);
            buf.extend_from_slice(&salt);
        }
        let h1 = Md5::digest(&buf);
        let maker = KeyMaker::Rc4 { h1: h1[..5].try_into().unwrap() };
        let verifier = [3u8; 16];
        let mut enc = verifier.to_vec();
        enc.extend_from_slice(&Md5::digest(verifier));
        maker.cipher(0).apply_keystream(&mut enc);
        fp.extend_from_slice(&enc);
        assert!(key_maker(&fp, DEFAULT_PASSWORD).is_ok());
        assert_eq!(key_maker(&fp, "secret").err(), Some(DecryptError::WrongPassword));
    }

    #[test]
    fn xor_obfuscation_is_unsupported() {
        assert_eq!(
            key_maker(&[0, 0, 1, 2, 3, 4], DEFAULT_PASSWORD).err(),
            Some(DecryptError::Unsupported("XOR 混淆加密".into()))
        );
    }
}
