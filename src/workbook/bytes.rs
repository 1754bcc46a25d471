//! Little-endian integers at an offset of a binary record, as the BIFF, XLSB and
//! encryption readers take them; `None` past the end (or on an offset so large the
//! end overflows), never a panic.

/// The `u16` at byte `i`.
pub fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i.checked_add(2)?)?.try_into().ok()?))
}

/// The `u32` at byte `i`.
pub fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i.checked_add(4)?)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_within_the_bytes_only() {
        let b = [1, 0, 2, 0, 0, 0];
        assert_eq!(u16_at(&b, 0), Some(1));
        assert_eq!(u32_at(&b, 2), Some(2));
        assert_eq!(u16_at(&b, 5), None);
        assert_eq!(u32_at(&b, usize::MAX - 1), None);
    }
}
