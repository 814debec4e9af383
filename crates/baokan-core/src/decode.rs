//! Input decoding: bytes of a page dump to text.
//!
//! UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK are
//! recognised. Binary input is refused rather than guessed at.

use thiserror::Error;

/// The largest page text baokan accepts, in bytes. A real newspaper page is
/// well under 100 KB; anything near this limit is not a page.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Why input bytes could not be read as a page.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The input holds NUL bytes or other control bytes that text never has.
    #[error("input looks binary (NUL or control bytes at byte {offset})")]
    Binary {
        /// Byte offset of the first offending byte.
        offset: usize,
    },
    /// The input is neither valid UTF-8 nor valid GB18030.
    #[error("input is neither UTF-8 nor GB18030 text")]
    UnknownEncoding,
    /// The input is larger than [`MAX_PAGE_BYTES`].
    #[error("input is {size} bytes, over the {MAX_PAGE_BYTES}-byte limit for one page")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
    },
}

/// The text encoding an input was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without byte-order mark.
    Utf8,
    /// UTF-16 (either byte order), with byte-order mark.
    Utf16,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

/// Decode page bytes to text, detecting the encoding.
///
/// ```
/// use baokan_core::{decode, Encoding};
/// let (text, enc) = decode("\u{feff}株洲日报讯".as_bytes()).unwrap();
/// assert_eq!((text.as_str(), enc), ("株洲日报讯", Encoding::Utf8));
/// ```
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(DecodeError::TooLarge { size: bytes.len() });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            return Err(DecodeError::UnknownEncoding);
        }
        return check_text(text.into_owned()).map(|t| (t, Encoding::Utf16));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0 || (b < 0x09) || (0x0E..0x1B).contains(&b)) {
        return Err(DecodeError::Binary { offset });
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok((s.to_owned(), Encoding::Utf8));
    }
    let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if bad {
        return Err(DecodeError::UnknownEncoding);
    }
    check_text(text.into_owned()).map(|t| (t, Encoding::Gb18030))
}

fn check_text(text: String) -> Result<String, DecodeError> {
    match text.char_indices().find(|&(_, c)| c == '\0' || (c.is_control() && !c.is_whitespace())) {
        Some((offset, _)) => Err(DecodeError::Binary { offset }),
        None => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("本报讯".as_bytes()).unwrap().0, "本报讯");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("本报讯".as_bytes());
        assert_eq!(decode(&b).unwrap(), ("本报讯".to_string(), Encoding::Utf8));
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("株洲日报记者 叶新福\n让利");
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, "株洲日报记者 叶新福\n让利");
        assert_eq!(enc, Encoding::Gb18030);
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "新华社".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().0, "新华社");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"abc\0def"), Err(DecodeError::Binary { offset: 3 }));
        assert!(decode(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).is_err());
    }

    #[test]
    fn oversized_is_refused() {
        let big = vec![b'a'; MAX_PAGE_BYTES + 1];
        assert!(matches!(decode(&big), Err(DecodeError::TooLarge { .. })));
    }
}
