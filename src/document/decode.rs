//! Decoding: the bytes of a file (or a JSONL line) as text, and cutting a
//! text that is over the size limit at a boundary a reader would choose.
//!
//! Takes: bytes. Gives: [`Decoded`] (text, converted text with a note, or
//! why it is not text), and [`cut`] for texts over a limit.
//! Does not: read files or decide what to do with what it cannot decode.

/// What the bytes of a file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// UTF-8 text (a byte-order mark removed).
    Text(String),
    /// Text in another encoding, or with stray control characters, made
    /// into clean UTF-8; the message says what was done.
    Converted(String, String),
    /// Not text: the message says why.
    Binary(String),
    /// Text in no encoding actorgraph reads (broken UTF-8 or UTF-16, or a
    /// multi-byte encoding that is not Windows-1252): the message names the
    /// first byte that could not be read.
    Undecodable(String),
}

/// Windows-1252's characters for the bytes 0x80 to 0x9F (the five bytes it
/// leaves undefined map to the C1 controls, as Latin-1 does).
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// More than this share of control characters (NUL included) means binary.
const MAX_CONTROL_SHARE: f64 = 0.02;

fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')
}

/// Whether `text` holds a character that [`is_stray_control`] accepts,
/// found byte by byte: a C0 control other than a blank, DEL, or a C1
/// control (U+0080 to U+009F, `C2 80` to `C2 9F` in UTF-8).
fn has_stray_control(text: &str) -> bool {
    // The bytes that may begin one: C0 controls but the blanks, DEL, and
    // 0xC2 (the first byte of U+0080 to U+00BF).
    const SUSPECT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = !matches!(b as u8, b'\n' | b'\r' | b'\t' | 0x0c);
            b += 1;
        }
        table[0x7f] = true;
        table[0xc2] = true;
        table
    };
    let bytes = text.as_bytes();
    let mut from = 0;
    // Eight bytes at a time past those that hold no byte below 0x20, DEL
    // or above it (a control or a blank, DEL, or a byte not ASCII).
    let passed = |from: usize| {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let mut at = from;
        while let Some(chunk) = bytes.get(at..at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            let below_blank = x.wrapping_sub(ONES * 0x20) & !x;
            let del_or_high = ((x & !HIGHS).wrapping_add(ONES)) | x;
            if (below_blank | del_or_high) & HIGHS != 0 {
                break;
            }
            at += 8;
        }
        at
    };
    loop {
        // Then the next eight bytes one by one.
        from = passed(from);
        let stop = (from + 8).min(bytes.len());
        for i in from..stop {
            if SUSPECT[usize::from(bytes[i])]
                && (bytes[i] != 0xc2 || bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
            {
                return true;
            }
        }
        if stop == bytes.len() {
            return false;
        }
        from = stop;
    }
}

/// The share of bytes that are C0 controls (not blanks) or DEL: high in
/// binary files, nil in text in any 8-bit or multi-byte encoding.
fn control_byte_share(bytes: &[u8]) -> f64 {
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f)
        .count();
    controls as f64 / bytes.len().max(1) as f64
}

/// Why bytes that are not UTF-8 are not Windows-1252 text either, if they
/// are not: in a Western European text a byte above 0x7F is a letter or a
/// punctuation mark between ASCII letters, so (a) most runs of such bytes
/// are one or two long, (b) the five bytes Windows-1252 leaves undefined do
/// not occur, and (c) there are not more well-formed UTF-8 sequences than
/// broken ones (that is UTF-8 with damage, where Windows-1252 would turn
/// every accented letter into two wrong ones).
fn not_windows_1252(bytes: &[u8]) -> Option<String> {
    if let Some(at) = bytes
        .iter()
        .position(|b| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d))
    {
        return Some(format!(
            "byte 0x{:02X} at byte {at} is not a character in Windows-1252",
            bytes[at]
        ));
    }
    let (mut valid_multibyte, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    if valid_multibyte > 0 && valid_multibyte >= broken {
        return Some(format!(
            "UTF-8 with {broken} broken sequence(s) among {valid_multibyte} good ones"
        ));
    }
    let (mut high, mut in_long_runs, mut run, mut first_long) = (0usize, 0usize, 0usize, None);
    for (at, &b) in bytes.iter().enumerate() {
        if b >= 0x80 {
            high += 1;
            run += 1;
            if run == 3 {
                in_long_runs += 3;
                first_long.get_or_insert(at - 2);
            } else if run > 3 {
                in_long_runs += 1;
            }
        } else {
            run = 0;
        }
    }
    if in_long_runs * 4 > high {
        return Some(format!(
            "{in_long_runs} of its {high} bytes above 0x7F stand in runs of three or more (from byte {}), as in a multi-byte encoding, not in Windows-1252 text",
            first_long.unwrap_or(0)
        ));
    }
    None
}

/// Decodes a file: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or else Windows-1252 (old Dutch newspaper archives), the
/// way a person would read it. Text with a few stray control characters
/// (NUL bytes from a bad export) keeps its text without them; a file that is
/// mostly not text is binary; bytes that are neither UTF-8 nor plausibly
/// Windows-1252 are [`Decoded::Undecodable`], with the first bad byte.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, mut notes) = if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        match std::str::from_utf8(rest) {
            Ok(text) => (text.to_string(), Vec::new()),
            Err(e) => {
                return Decoded::Undecodable(format!(
                    "not valid UTF-8 after its byte-order mark, at byte {}",
                    e.valid_up_to() + 3
                ))
            }
        }
    } else if let Some((rest, little)) = bytes
        .strip_prefix(&[0xff, 0xfe])
        .map(|r| (r, true))
        .or_else(|| bytes.strip_prefix(&[0xfe, 0xff]).map(|r| (r, false)))
    {
        let units = rest.chunks(2).map(|pair| match (pair, little) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            _ => 0xfffd,
        });
        let mut text = String::with_capacity(rest.len() / 2);
        // Byte offsets: the byte-order mark, then two bytes per unit.
        let mut at = 2;
        for unit in char::decode_utf16(units) {
            match unit {
                Ok(c) => {
                    at += 2 * c.len_utf16();
                    text.push(c);
                }
                Err(_) => {
                    return Decoded::Undecodable(format!(
                        "not valid UTF-16 after its byte-order mark: a lone surrogate at byte {at}"
                    ))
                }
            }
        }
        (text, vec!["decoded as UTF-16".to_string()])
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), Vec::new()),
            Err(error) => {
                let text: String = bytes
                    .iter()
                    .map(|&b| {
                        if (0x80..0xa0).contains(&b) {
                            WINDOWS_1252[usize::from(b - 0x80)]
                        } else {
                            char::from(b)
                        }
                    })
                    .collect();
                // Binary before undecodable: random bytes are not a text in
                // an unknown encoding.
                if control_byte_share(bytes) <= MAX_CONTROL_SHARE {
                    if let Some(why) = not_windows_1252(bytes) {
                        return Decoded::Undecodable(format!(
                            "not UTF-8 (first bad byte at byte {}) and not Windows-1252: {why}",
                            error.valid_up_to()
                        ));
                    }
                }
                (
                    text,
                    vec![format!(
                        "not UTF-8 (at byte {}): decoded as Windows-1252",
                        error.valid_up_to()
                    )],
                )
            }
        }
    };
    // Most texts have none: their characters are not counted.
    let (total, controls) = if has_stray_control(&text) {
        (
            text.chars().count().max(1),
            text.chars().filter(|&c| is_stray_control(c)).count(),
        )
    } else {
        (1, 0)
    };
    if controls as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Decoded::Binary(format!(
            "looks like a binary file ({controls} control characters in {total})"
        ));
    }
    let text = if controls > 0 {
        notes.push(format!(
            "removed {controls} control characters (such as NUL)"
        ));
        text.chars().filter(|&c| !is_stray_control(c)).collect()
    } else {
        text
    };
    if notes.is_empty() {
        Decoded::Text(text)
    } else {
        Decoded::Converted(text, notes.join("; "))
    }
}

/// Drops the end of `bytes`, the first part of a file that goes on, where it
/// would split a character: an odd byte of UTF-16, or the start of a UTF-8
/// sequence whose rest was not read. Windows-1252 has no such bytes.
pub fn trim_partial_character(bytes: &mut Vec<u8>) {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let little = bytes[0] == 0xff;
        bytes.truncate(bytes.len() & !1);
        // A high surrogate whose low half was not read.
        if let [.., a, b] = bytes[..] {
            let unit = if little {
                u16::from_le_bytes([a, b])
            } else {
                u16::from_be_bytes([a, b])
            };
            if (0xd800..0xdc00).contains(&unit) {
                bytes.truncate(bytes.len() - 2);
            }
        }
        return;
    }
    // At most three bytes of a sequence can be cut off.
    let tail_start = bytes.len().saturating_sub(3);
    if let Err(error) = std::str::from_utf8(&bytes[tail_start..]) {
        if error.error_len().is_none() {
            bytes.truncate(tail_start + error.valid_up_to());
        }
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends at a
/// sentence end (`.`, `!`, `?` before a blank) or a line break, else at a
/// character boundary. A boundary only counts in the second half, so that a
/// cut never throws away more than half of what the limit allows.
pub fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let half = end / 2;
    let boundary = head
        .char_indices()
        .rev()
        .take_while(|&(at, _)| at >= half)
        .find(|&(at, c)| {
            c == '\n'
                || (c.is_whitespace()
                    && at > 0
                    && matches!(head.as_bytes()[at - 1], b'.' | b'!' | b'?'))
        });
    match boundary {
        Some((at, _)) => &head[..at],
        None => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_control_characters() {
        assert_eq!(
            decode("Poetin zei: ‘nee’.".as_bytes()),
            Decoded::Text("Poetin zei: ‘nee’.".into())
        );
        assert_eq!(decode(b"\xef\xbb\xbfTekst"), Decoded::Text("Tekst".into()));
        // Windows-1252: é, curly quotes and the euro sign.
        match decode(b"Caf\xe9 \x93Oekra\xefne\x94 kost \x80 5") {
            Decoded::Converted(text, note) => {
                assert_eq!(text, "Café “Oekraïne” kost € 5");
                assert!(
                    note.contains("Windows-1252") && note.contains("byte 3"),
                    "{note}"
                );
            }
            other => panic!("{other:?}"),
        }
        // UTF-16 with a byte-order mark, both byte orders.
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Kiev".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Kiev".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert!(matches!(decode(&le), Decoded::Converted(t, _) if t == "Kiev"));
        assert!(matches!(decode(&be), Decoded::Converted(t, _) if t == "Kiev"));
        // A stray NUL in a long text is removed; mostly NULs is binary.
        let text = format!("{}\0{}", "Masimov is opgepakt. ".repeat(10), "Einde.");
        assert!(
            matches!(decode(text.as_bytes()), Decoded::Converted(t, n) if !t.contains('\0') && n.contains("control"))
        );
        assert!(matches!(
            decode(&[0u8, 1, 2, 3, 0, 0, 0x89, b'P', b'N', b'G']),
            Decoded::Binary(_)
        ));
    }

    #[test]
    fn bytes_that_are_neither_utf8_nor_windows_1252_are_undecodable_with_their_offset() {
        // UTF-8 with one damaged byte: Windows-1252 would garble "één" and "ï".
        let mut damaged = "Eén keer naar Oekraïne, één keer ".as_bytes().to_vec();
        let at = damaged.len();
        damaged.push(0xff);
        damaged.extend_from_slice(b" terug.");
        match decode(&damaged) {
            Decoded::Undecodable(why) => assert!(why.contains(&format!("byte {at}")), "{why}"),
            other => panic!("{other:?}"),
        }
        // Shift-JIS-like double-byte text.
        let cjk: Vec<u8> = b"Tokyo: "
            .iter()
            .copied()
            .chain([0x93, 0x8c, 0x8b, 0x9e, 0x82, 0xc5, 0x82, 0xb7, 0x81, 0x42].repeat(3))
            .collect();
        assert!(matches!(decode(&cjk), Decoded::Undecodable(why) if why.contains("byte 7")));
        // A lone surrogate in UTF-16.
        let bad16: Vec<u8> = [0xff, 0xfe, b'A', 0, 0x00, 0xd8, b'B', 0].to_vec();
        assert!(matches!(decode(&bad16), Decoded::Undecodable(why) if why.contains("byte 4")));
        // Plain Latin-1 Dutch stays readable.
        assert!(matches!(
            decode(b"De ruzie in het caf\xe9 over Oekra\xefne en \xe9\xe9n ide\xe9."),
            Decoded::Converted(..)
        ));
    }

    #[test]
    fn cuts_fall_on_paragraphs_then_sentences_then_characters() {
        let text = "Eerste zin. Tweede zin.\nDerde zin. Vierde";
        assert_eq!(cut(text, 100), text);
        assert_eq!(cut(text, 30), "Eerste zin. Tweede zin.");
        assert_eq!(cut(text, 37), "Eerste zin. Tweede zin.\nDerde zin.");
        let word = "ééééé";
        assert_eq!(cut(word, 5), "éé");
        let mut partial = "abcé".as_bytes()[..4].to_vec();
        trim_partial_character(&mut partial);
        assert_eq!(partial, b"abc");
        let mut utf16 = vec![0xff, 0xfe, b'a', 0, 0x3d, 0xd8, 0x00];
        trim_partial_character(&mut utf16);
        assert_eq!(utf16, vec![0xff, 0xfe, b'a', 0]);
    }

    proptest::proptest! {
        #[test]
        fn stray_controls_are_found_byte_by_byte(text in "[a\u{0}-\u{20}\u{7e}-\u{a2}é€\u{2028}]{0,40}") {
            proptest::prop_assert_eq!(
                has_stray_control(&text),
                text.chars().any(is_stray_control)
            );
        }

        #[test]
        fn a_cut_is_a_prefix_within_the_limit(text in "\\PC{0,80}", max in 0usize..120) {
            let prefix = cut(&text, max);
            proptest::prop_assert!(prefix.len() <= max);
            proptest::prop_assert!(text.starts_with(prefix));
        }
    }
}
