//! Byte scans of the text stage, eight bytes at a time where they can be.
//!
//! Takes: byte slices of a text. Gives: where the next byte of a kind is, or
//! how long a run of bytes of a kind goes on. Does not: decode characters;
//! the callers read what it finds.

/// A one in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a `u64`.
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Where the first byte of `bytes` that is below `n` or not ASCII is, or
/// the length of `bytes` when there is none. Eight bytes are tested at once
/// (some byte is below `n` when subtracting `n` from every byte borrows
/// into a byte whose high bit was clear), then the last few one by one.
pub(super) fn below_or_high(bytes: &[u8], n: u8) -> usize {
    debug_assert!(n <= 0x80, "the borrow test needs n <= 128");
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        if (x.wrapping_sub(ONES * u64::from(n)) | x) & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&b| b < n || !b.is_ascii())
        .unwrap_or(bytes.len() - at)
}

/// Where the first byte of `bytes` that is not ASCII is, or its length.
pub(super) fn non_ascii(bytes: &[u8]) -> usize {
    below_or_high(bytes, 0)
}

/// Whether each byte is an ASCII letter or digit.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// How many bytes at the start of `bytes` are ASCII letters or digits.
pub(crate) fn ascii_alphanumeric(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)])
        .unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_agree_with_a_byte_at_a_time() {
        let texts: [&[u8]; 5] = [
            b"",
            b"abc",
            b"Een lange zin zonder regeleinde, en nog wat woorden erachter.",
            "Zo\u{2019}n caf\u{e9}\r\nnieuwe regel\u{b}en\tnog".as_bytes(),
            b"0123456789abcdefABCDEF\n",
        ];
        for text in texts {
            for from in 0..text.len() {
                let rest = &text[from..];
                for n in [0, 0x0E, 0x20, 0x80] {
                    let expected = rest
                        .iter()
                        .position(|&b| b < n || b >= 0x80)
                        .unwrap_or(rest.len());
                    assert_eq!(below_or_high(rest, n), expected, "{rest:?} {n}");
                }
                let expected = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                assert_eq!(ascii_alphanumeric(rest), expected);
            }
        }
    }
}
