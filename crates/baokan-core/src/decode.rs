//! Input decoding: bytes of a page dump to text.
//!
//! UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and Big5 are
//! recognised. Binary input is refused rather than guessed at. Bytes that
//! are not UTF-8 are read as GB18030 (mainland papers) and as Big5 (Hong
//! Kong and Taiwan papers); where both readings are clean, the one whose
//! characters are common Chinese characters wins, since GB18030 reads most
//! Big5 bytes as valid but rare characters.

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
    /// The input is neither valid UTF-8 nor valid GB18030 or Big5.
    #[error("input is neither UTF-8, GB18030 nor Big5 text")]
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
    /// Big5, the Traditional-character encoding of Hong Kong and Taiwan.
    Big5,
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
    let reading = |enc: &'static encoding_rs::Encoding, tag: Encoding| {
        let (text, bad) = enc.decode_without_bom_handling(bytes);
        (!bad).then(|| (text.into_owned(), tag))
    };
    let best = match (reading(encoding_rs::GB18030, Encoding::Gb18030), reading(encoding_rs::BIG5, Encoding::Big5)) {
        (Some(g), Some(b)) => {
            if common_share(&b.0) > common_share(&g.0) {
                b
            } else {
                g
            }
        }
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return Err(DecodeError::UnknownEncoding),
    };
    check_text(best.0).map(|t| (t, best.1))
}

/// The commonest Chinese characters (Simplified forms): a correct reading of
/// a page is made mostly of them, a wrong one of rare characters.
const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";

/// Han characters looked at to judge a reading: enough to tell, few enough
/// that a large page is judged as fast as a small one.
const SAMPLE: usize = 4000;

/// Share of a text's first Han characters that are common ones (read through
/// their Simplified form, so that a Traditional page counts like a Simplified one).
fn common_share(text: &str) -> f64 {
    static SET: std::sync::OnceLock<std::collections::HashSet<char>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| COMMON.chars().collect());
    let (mut han, mut common) = (0usize, 0usize);
    for c in text.chars().filter(|&c| crate::lm::is_han(c)).take(SAMPLE) {
        han += 1;
        common += usize::from(set.contains(&crate::script::simplified(c)));
    }
    common as f64 / han.max(1) as f64
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
    fn big5_is_detected() {
        let page = "本報訊 特區政府昨日公布，新界東北新發展區首批公營房屋將於明年落成。\n記者 陳家樂";
        let (bytes, _, bad) = encoding_rs::BIG5.encode(page);
        assert!(!bad);
        assert_eq!(decode(&bytes).unwrap(), (page.to_string(), Encoding::Big5));
        // and a GBK page is still read as GB18030, though Big5 may read its bytes too
        let page = "株洲日报讯 市委书记到醴陵包案下访，要求加快项目建设进度。";
        let (bytes, _, _) = encoding_rs::GB18030.encode(page);
        assert_eq!(decode(&bytes).unwrap(), (page.to_string(), Encoding::Gb18030));
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
