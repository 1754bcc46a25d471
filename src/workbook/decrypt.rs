//! Decrypting write-protected .xls files. Excel "protects" a workbook against
//! changes by encrypting it with the fixed password `VelvetSweatshop`; calamine
//! refuses such files. This module decrypts the `Workbook` stream (BIFF8, RC4 and
//! RC4 CryptoAPI, MS-OFFCRYPTO 2.3.6 and 2.3.5) and writes a new compound file that
//! calamine reads as usual. Other encryption, or another password, is refused.
//!
//! It also tells what a compound file's FILEPASS record says ([`filepass_kind`]):
//! calamine reads an XOR-obfuscated workbook as if it were plain, and so reads
//! garbage; the reader asks here first and refuses such a file by name.
//!
//! Every field of the encryption header is checked before it is used; the work is
//! linear in the file's size and no allocation is sized by an unchecked field.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use super::bytes::{u16_at, u32_at};
use md5::{Digest, Md5};
use rc4::{KeyInit, Rc4, StreamCipher};
use sha1::Sha1;

/// Excel's default password for write-protected workbooks.
pub const DEFAULT_PASSWORD: &str = "VelvetSweatshop";

/// Why a workbook could not be decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecryptError {
    /// Not a compound file that can be read and written: the `cfb` library's words.
    NotXls(String),
    /// A compound file without a BIFF8 `Workbook` stream.
    NoWorkbookStream,
    /// The file has no FILEPASS record: it is not encrypted.
    NotEncrypted,
    /// An encryption this module does not implement (XOR obfuscation, another type
    /// or version): which, in Chinese.
    Unsupported(String),
    /// An encryption header that contradicts itself or the file (a size, length or
    /// offset out of range): what, in Chinese.
    Malformed(String),
    /// The password is not Excel's default: the file needs a real password to open.
    WrongPassword,
}

impl std::fmt::Display for DecryptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecryptError::NotXls(s) => write!(f, "不是可解密的 .xls 文件（{s}）"),
            DecryptError::NoWorkbookStream => write!(f, "没有 Workbook 数据流"),
            DecryptError::NotEncrypted => write!(f, "文件未加密"),
            DecryptError::Unsupported(s) => write!(f, "加密方式（{s}）无法解密"),
            DecryptError::Malformed(s) => write!(f, "加密信息已损坏：{s}"),
            DecryptError::WrongPassword => write!(f, "该文件设有打开密码，无法读取"),
        }
    }
}

impl std::error::Error for DecryptError {}

/// What the FILEPASS record of an .xls workbook says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePass {
    /// XOR obfuscation (`wEncryptionType` 0). calamine reads it as plain: refuse it.
    Xor,
    /// RC4 (version 1.1), decrypted here.
    Rc4,
    /// RC4 CryptoAPI (versions 2.2, 3.2, 4.2), decrypted here.
    CryptoApi,
    /// Another encryption type or version, or a record too short to say.
    Other {
        /// `wEncryptionType`.
        kind: u16,
        /// The major and minor version (0 when the record is too short).
        major: u16,
        minor: u16,
    },
}

/// The text of [`DecryptError::Unsupported`] for XOR obfuscation.
pub const XOR: &str = "XOR 混淆加密";

fn malformed(what: String) -> DecryptError {
    DecryptError::Malformed(what)
}

/// Records whose data are never encrypted (MS-XLS 2.2.10).
const PLAIN_RECORDS: &[u16] = &[0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138];
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET8: u16 = 0x0085;
const BLOCK: usize = 1024;
/// How far into the `Workbook` stream [`filepass_kind`] looks: FILEPASS follows
/// BOF and at most a WriteProtect record (MS-XLS 2.1.7.20.3), well inside this.
const FILEPASS_WINDOW: u64 = 64 * 1024;

/// Where a compound file keeps a BIFF workbook: BIFF8 and BIFF5 names.
const WORKBOOK_STREAMS: &[&str] = &["/Workbook", "/Book"];

/// How the key of each 1024-byte block is made.
enum KeyMaker {
    /// RC4 (version 1.1): MD5 of the truncated intermediate hash and the block number.
    Rc4 { h1: [u8; 5] },
    /// RC4 CryptoAPI (version 2–4.2): SHA-1 of H0 and the block number, cut to the
    /// key size, which [`key_maker`] has checked to be 5 to 16 bytes.
    CryptoApi { h0: [u8; 20], key_bytes: usize },
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
                let digest = s.finalize();
                let mut key = digest[..(*key_bytes).min(digest.len())].to_vec();
                // A 40-bit key is used as 128 bits, padded with zeros.
                if *key_bytes == 5 {
                    key.resize(16, 0);
                }
                key
            }
        }
    }

    fn cipher(&self, block: u32) -> Rc4 {
        // Keys are 16 bytes, or 6 to 16 bytes for CryptoAPI (checked in key_maker);
        // RC4 takes 1 to 256.
        Rc4::new_from_slice(&self.key(block)).expect("key of 6 to 16 bytes")
    }
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// `len` bytes at `at`, or a [`DecryptError::Malformed`] naming the field.
fn field<'a>(b: &'a [u8], at: usize, len: usize, what: &str) -> Result<&'a [u8], DecryptError> {
    at.checked_add(len)
        .and_then(|end| b.get(at..end))
        .ok_or_else(|| malformed(format!("FILEPASS 记录中的{what}超出记录")))
}

/// What a FILEPASS record's data say, without checking the rest of the header.
fn classify(filepass: &[u8]) -> FilePass {
    let kind = u16_at(filepass, 0).unwrap_or(u16::MAX);
    let (major, minor) = (u16_at(filepass, 2).unwrap_or(0), u16_at(filepass, 4).unwrap_or(0));
    match (kind, major, minor) {
        (0, ..) => FilePass::Xor,
        (1, 1, 1) => FilePass::Rc4,
        (1, 2..=4, 2) => FilePass::CryptoApi,
        _ => FilePass::Other { kind, major, minor },
    }
}

/// Builds the key maker from a FILEPASS record's data and checks the password.
fn key_maker(filepass: &[u8], password: &str) -> Result<KeyMaker, DecryptError> {
    let (maker, verifier, hash) = match classify(filepass) {
        FilePass::Xor => return Err(DecryptError::Unsupported(XOR.into())),
        FilePass::Other { kind: 1, major, minor } => {
            return Err(DecryptError::Unsupported(format!("RC4 加密版本 {major}.{minor}")));
        }
        FilePass::Other { kind, .. } => {
            return Err(DecryptError::Unsupported(format!("加密类型 {kind}")));
        }
        FilePass::Rc4 => rc4_header(filepass, password)?,
        FilePass::CryptoApi => cryptoapi_header(filepass, password)?,
    };
    // Verify: the verifier and its hash are encrypted with the block-0 key, in a row.
    let mut data = [verifier.as_slice(), hash.as_slice()].concat();
    maker.cipher(0).apply_keystream(&mut data);
    let (v, h) = data.split_at(16);
    let ok = match maker {
        KeyMaker::Rc4 { .. } => Md5::digest(v)[..] == h[..],
        KeyMaker::CryptoApi { .. } => Sha1::digest(v)[..] == h[..],
    };
    if ok { Ok(maker) } else { Err(DecryptError::WrongPassword) }
}

/// The encrypted verifier and its hash, as read from the header.
type Verifier = (KeyMaker, Vec<u8>, Vec<u8>);

/// RC4 (MS-OFFCRYPTO 2.3.6.1): salt, verifier and its MD5, 16 bytes each.
fn rc4_header(filepass: &[u8], password: &str) -> Result<Verifier, DecryptError> {
    let salt = field(filepass, 6, 16, "盐值")?;
    let verifier = field(filepass, 22, 16, "校验值")?.to_vec();
    let hash = field(filepass, 38, 16, "校验哈希")?.to_vec();
    let h0 = Md5::digest(utf16le(password));
    let mut buf = Vec::with_capacity(16 * 21);
    for _ in 0..16 {
        buf.extend_from_slice(&h0[..5]);
        buf.extend_from_slice(salt);
    }
    let h1 = Md5::digest(&buf);
    let mut first = [0u8; 5];
    first.copy_from_slice(&h1[..5]);
    Ok((KeyMaker::Rc4 { h1: first }, verifier, hash))
}

/// RC4 CryptoAPI (MS-OFFCRYPTO 2.3.5.1): flags, header size, EncryptionHeader,
/// then the EncryptionVerifier (salt size, salt, verifier, hash size, hash).
fn cryptoapi_header(filepass: &[u8], password: &str) -> Result<Verifier, DecryptError> {
    let bad = malformed;
    let header_size = u32_at(filepass, 10).ok_or_else(|| bad("FILEPASS 记录不完整".into()))? as usize;
    // The fixed part of EncryptionHeader is 32 bytes; the CSP name follows.
    if header_size < 32 {
        return Err(bad(format!("加密头长度 {header_size} 字节，不足 32 字节")));
    }
    let header = field(filepass, 14, header_size, "加密头")?;
    let alg = u32_at(header, 8).unwrap_or(0);
    let alg_hash = u32_at(header, 12).unwrap_or(0);
    // RC4 and SHA-1 (0 = the provider's default, which is the same).
    if !matches!(alg, 0 | 0x6801) || !matches!(alg_hash, 0 | 0x8004) {
        return Err(DecryptError::Unsupported(format!("算法 0x{alg:04X}/0x{alg_hash:04X}")));
    }
    let key_bits = match u32_at(header, 16).unwrap_or(0) {
        0 => 40,
        n => n,
    };
    // MS-OFFCRYPTO 2.3.5.1: 40 to 128 bits, in steps of 8.
    if !(40..=128).contains(&key_bits) || key_bits % 8 != 0 {
        return Err(bad(format!("密钥长度 {key_bits} 位，应为 40 至 128 位且为 8 的倍数")));
    }
    let v = 14 + header_size;
    let salt_size = u32_at(filepass, v).ok_or_else(|| bad("缺少盐值长度".into()))?;
    if salt_size != 16 {
        return Err(bad(format!("盐值长度 {salt_size} 字节，应为 16 字节")));
    }
    let salt = field(filepass, v + 4, 16, "盐值")?;
    let verifier = field(filepass, v + 20, 16, "校验值")?.to_vec();
    let hash_size = u32_at(filepass, v + 36).ok_or_else(|| bad("缺少校验哈希长度".into()))?;
    if hash_size != 20 {
        return Err(bad(format!("校验哈希长度 {hash_size} 字节，应为 20 字节（SHA-1）")));
    }
    let hash = field(filepass, v + 40, 20, "校验哈希")?.to_vec();
    let mut s = Sha1::new();
    s.update(salt);
    s.update(utf16le(password));
    let h0: [u8; 20] = s.finalize().into();
    Ok((KeyMaker::CryptoApi { h0, key_bytes: key_bits as usize / 8 }, verifier, hash))
}

/// The records of a BIFF stream: (offset of the data, type, data range end).
/// A record running past the end is cut at the end.
fn records(stream: &[u8]) -> impl Iterator<Item = (usize, u16, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let start = pos + 4;
        let end = (start + len).min(stream.len());
        pos = end;
        Some((start, typ, end))
    })
}

/// The FILEPASS record of a workbook stream's globals, if any: its data range.
fn find_filepass(stream: &[u8]) -> Option<std::ops::Range<usize>> {
    for (i, (start, typ, end)) in records(stream).enumerate() {
        match typ {
            FILEPASS => return Some(start..end),
            // The globals end; or the first record is not a BOF: not a workbook.
            EOF => return None,
            _ if i == 0 && typ != BOF => return None,
            _ => {}
        }
    }
    None
}

/// Decrypts a BIFF8 `Workbook` stream in place.
fn decrypt_stream(stream: &mut [u8], password: &str) -> Result<(), DecryptError> {
    let filepass = find_filepass(stream).ok_or(DecryptError::NotEncrypted)?;
    let maker = key_maker(&stream[filepass.clone()], password)?;
    // A workbook has one FILEPASS. A second one would survive decryption with its
    // data turned to noise, and the copy would still read as encrypted.
    if records(stream).any(|(start, typ, _)| typ == FILEPASS && start > filepass.start) {
        return Err(malformed("工作簿中有多个 FILEPASS 记录".into()));
    }
    // Mark which bytes are encrypted: the data of every record after FILEPASS but
    // the plain ones, and of BOUNDSHEET8 all but the sheet's stream position.
    let mut encrypted = vec![false; stream.len()];
    for (start, typ, end) in records(stream).filter(|(start, ..)| *start > filepass.start) {
        let from = match typ {
            BOUNDSHEET8 => (start + 4).min(end),
            t if PLAIN_RECORDS.contains(&t) => continue,
            _ => start,
        };
        encrypted[from..end].fill(true);
    }
    // The key stream runs over the whole stream, block by block, from offset 0.
    let mut keystream = [0u8; BLOCK];
    for (block, chunk) in stream.chunks_mut(BLOCK).enumerate() {
        let keystream = &mut keystream[..chunk.len()];
        keystream.fill(0);
        let block = u32::try_from(block).map_err(|_| malformed("Workbook 数据流过大".into()))?;
        maker.cipher(block).apply_keystream(keystream);
        let marks = &encrypted[block as usize * BLOCK..][..chunk.len()];
        for ((b, k), e) in chunk.iter_mut().zip(keystream.iter()).zip(marks) {
            if *e {
                *b ^= k;
            }
        }
    }
    // Blank out FILEPASS as an unknown record of the same length, as Excel's own
    // "decrypted" copies do: offsets stay, and nothing reads it as encryption.
    stream[filepass.start - 4..filepass.start - 2].fill(0);
    stream[filepass].fill(0);
    Ok(())
}

/// What the FILEPASS record of a compound file's workbook stream says, or `None`
/// when the bytes are not a compound file with a BIFF workbook, or the workbook is
/// not encrypted. Reads at most the first 64 KiB of the stream. Call it on any
/// .xls before calamine: [`FilePass::Xor`] must be refused, as calamine reads such
/// a file as plain.
pub fn filepass_kind(bytes: &[u8]) -> Option<FilePass> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let name = WORKBOOK_STREAMS.iter().find(|n| cfb.is_stream(n))?;
    let mut head = Vec::new();
    cfb.open_stream(name).ok()?.take(FILEPASS_WINDOW).read_to_end(&mut head).ok()?;
    find_filepass(&head).map(|r| classify(&head[r]))
}

/// Decrypts an encrypted .xls file's bytes and returns the bytes of an equivalent
/// unencrypted compound file.
pub fn decrypt_xls(bytes: &[u8], password: &str) -> Result<Vec<u8>, DecryptError> {
    let not_xls = |e: std::io::Error| DecryptError::NotXls(e.to_string());
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(not_xls)?;
    // A stream's sectors belong to it alone, so all streams together are no larger
    // than the file: a directory that says otherwise (entries sharing sectors) is
    // refused rather than copied over and over.
    let mut budget = bytes.len() as u64;
    let mut read = |cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>, path: &Path| {
        let mut d = Vec::new();
        cfb.open_stream(path).and_then(|s| s.take(budget + 1).read_to_end(&mut d)).map_err(not_xls)?;
        budget = budget
            .checked_sub(d.len() as u64)
            .ok_or_else(|| malformed("复合文档中各数据流的总长度超过文件大小".into()))?;
        Ok::<_, DecryptError>(d)
    };
    if !cfb.is_stream("/Workbook") {
        return Err(DecryptError::NoWorkbookStream);
    }
    let mut workbook = read(&mut cfb, Path::new("/Workbook"))?;
    decrypt_stream(&mut workbook, password)?;
    // Copy every stream into a new compound file, with the decrypted workbook.
    let entries: Vec<(PathBuf, bool)> = cfb.walk().map(|e| (e.path().to_path_buf(), e.is_stream())).collect();
    // Version 3 (512-byte sectors), as Excel writes .xls: what calamine reads.
    let mut out =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).map_err(not_xls)?;
    for (path, is_stream) in entries {
        if path.as_os_str() == "/" {
            continue;
        }
        if !is_stream {
            out.create_storage(&path).map_err(not_xls)?;
        } else if path == Path::new("/Workbook") {
            out.create_stream(&path).and_then(|mut s| s.write_all(&workbook)).map_err(not_xls)?;
        } else {
            let data = read(&mut cfb, &path)?;
            out.create_stream(&path).and_then(|mut s| s.write_all(&data)).map_err(not_xls)?;
        }
    }
    out.flush().map_err(not_xls)?;
    Ok(out.into_inner().into_inner())
}

#[cfg(test)]
mod tests;
