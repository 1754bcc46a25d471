//! Application numbers (申请号): a list writes one with or without "CN" (or "ZL"
//! for a granted patent's number), with or without the dot, the check digit and
//! spaces. The key a record is known by is the number without any of these. The
//! check digit, when written, is verified: 12-digit numbers weight their digits
//! 2,3,4,5,6,7,8,9,2,3,4,5, 8-digit numbers (before 2003) 2…9; the sum mod 11,
//! 10 written X. Receives a cell's text; hands on an [`AppNumber`].

/// A normalised application number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AppNumber {
    /// The digits without the check digit, as a number (12 or 8 digits).
    pub digits: u64,
    /// 12 for the numbers since 2003, 8 before.
    pub len: u8,
}

/// What is wrong with a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Neither 12 nor 8 digits (with or without a check digit).
    Shape,
    /// The check digit does not follow from the digits (`expected` is the right one).
    CheckDigit { expected: char },
}

impl AppNumber {
    /// Reads a number as lists write it: `CN202310123456.7`, `2023101234567`,
    /// `202310123456`, `ZL 2023 1 0123456.7`, `98123456.X`.
    pub fn parse(text: &str) -> Result<AppNumber, NumberError> {
        if let Some(n) = Self::parse_plain(text) {
            return n;
        }
        let mut chars: Vec<char> = text
            .chars()
            .map(|c| match c {
                // Full-width digits and letters as typed in Chinese input methods.
                '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '．' => {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                }
                c => c,
            })
            .filter(|c| !c.is_whitespace())
            .collect();
        let upper: String = chars.iter().take(2).collect::<String>().to_ascii_uppercase();
        if upper == "CN" || upper == "ZL" {
            chars.drain(..2);
        }
        let dot = chars.iter().position(|&c| c == '.');
        let (body, check): (Vec<char>, Option<char>) = match dot {
            Some(i) if i + 2 == chars.len() => (chars[..i].to_vec(), Some(chars[i + 1].to_ascii_uppercase())),
            Some(_) => return Err(NumberError::Shape),
            None => match chars.len() {
                13 | 9 => {
                    (chars[..chars.len() - 1].to_vec(), Some(chars[chars.len() - 1].to_ascii_uppercase()))
                }
                _ => (chars, None),
            },
        };
        if !(body.len() == 12 || body.len() == 8) || !body.iter().all(char::is_ascii_digit) {
            return Err(NumberError::Shape);
        }
        let digits: Vec<u32> = body.iter().filter_map(|c| c.to_digit(10)).collect();
        if let Some(c) = check {
            let expected = check_digit(&digits);
            if c != expected {
                if !(c.is_ascii_digit() || c == 'X') {
                    return Err(NumberError::Shape);
                }
                return Err(NumberError::CheckDigit { expected });
            }
        }
        let value = digits.iter().fold(0u64, |v, &d| v * 10 + u64::from(d));
        Ok(AppNumber { digits: value, len: body.len() as u8 })
    }

    /// The common case without allocating: ASCII, an optional `CN`, 12 digits,
    /// an optional dot and check digit. `None` when the text is not of that shape.
    fn parse_plain(text: &str) -> Option<Result<AppNumber, NumberError>> {
        let b = text.trim().as_bytes();
        let b = b.strip_prefix(b"CN").unwrap_or(b);
        let (body, check) = match b.len() {
            12 => (b, None),
            13 => (&b[..12], Some(b[12])),
            14 if b[12] == b'.' => (&b[..12], Some(b[13])),
            _ => return None,
        };
        if !body.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let digits: [u32; 12] = std::array::from_fn(|i| u32::from(body[i] - b'0'));
        let value = digits.iter().fold(0u64, |v, &d| v * 10 + u64::from(d));
        let expected = check_digit(&digits);
        Some(match check.map(|c| c.to_ascii_uppercase() as char) {
            Some(c) if c != expected && (c.is_ascii_digit() || c == 'X') => {
                Err(NumberError::CheckDigit { expected })
            }
            Some(c) if c != expected => Err(NumberError::Shape),
            _ => Ok(AppNumber { digits: value, len: 12 }),
        })
    }

    /// The filing year the number begins with (two digits before 2003).
    pub fn year(&self) -> i32 {
        match self.len {
            12 => (self.digits / 100_000_000) as i32,
            _ => {
                let yy = (self.digits / 1_000_000) as i32;
                if yy >= 85 { 1900 + yy } else { 2000 + yy }
            }
        }
    }

    /// The type digit: 1 发明, 2 实用新型, 3 外观设计, 8 / 9 PCT 发明 / 实用新型.
    pub fn type_digit(&self) -> u8 {
        match self.len {
            12 => ((self.digits / 10_000_000) % 10) as u8,
            _ => ((self.digits / 100_000) % 10) as u8,
        }
    }
}

impl std::fmt::Display for AppNumber {
    /// `202310123456.7`, as CNIPA prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = format!("{:0width$}", self.digits, width = usize::from(self.len));
        let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
        write!(f, "{body}.{}", check_digit(&digits))
    }
}

/// The check digit of 12 or 8 digits.
pub fn check_digit(digits: &[u32]) -> char {
    const WEIGHTS: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).unwrap_or('0'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_follow_the_weights() {
        // 2·2+3·0+4·2+5·3+6·1+7·0+8·1+9·2+2·3+3·4+4·5+5·6 = 127; 127 mod 11 = 6.
        let d: Vec<u32> = "202310123456".chars().filter_map(|c| c.to_digit(10)).collect();
        assert_eq!(check_digit(&d), '6');
        let n = AppNumber::parse("202310123456.6").unwrap();
        assert_eq!(n.to_string(), "202310123456.6");
        assert_eq!((n.year(), n.type_digit()), (2023, 1));
    }

    #[test]
    fn every_written_form_is_one_number() {
        let n = AppNumber::parse("202310123456").unwrap();
        for s in [
            "CN202310123456.6",
            "cn 2023 1 0123456.6",
            "2023101234566",
            "ZL202310123456.6",
            "２０２３１０１２３４５６．６",
        ] {
            assert_eq!(AppNumber::parse(s), Ok(n), "{s}");
        }
    }

    #[test]
    fn wrong_check_digits_and_shapes_are_told_apart() {
        assert_eq!(AppNumber::parse("202310123456.7"), Err(NumberError::CheckDigit { expected: '6' }));
        assert_eq!(AppNumber::parse("2023101234"), Err(NumberError::Shape));
        assert_eq!(AppNumber::parse("20231012345A.6"), Err(NumberError::Shape));
        assert_eq!(AppNumber::parse(""), Err(NumberError::Shape));
    }

    #[test]
    fn old_numbers_have_eight_digits() {
        // 9·2+8·3+1·4+2·5+3·6+4·7+5·8+6·9 = 196; 196 mod 11 = 9.
        let n = AppNumber::parse("98123456.9").unwrap();
        assert_eq!((n.year(), n.type_digit(), n.len), (1998, 1, 8));
    }
}
