//! The text of the typed string formats, read strictly and written one way: RFC 3339
//! `date-time` (`2024-05-01T10:00:00Z`, `2024-05-01T12:00:00.5+02:00`), `full-date`
//! (`2024-05-01`) and the hyphenated UUID (`67e55044-10b1-426f-9247-bb680e5fe0c8`).
//!
//! Only the grammar is here, with no date library: `chrono.rs`, `time.rs` and `uuid.rs` make
//! their crate's values from the parts read here and write theirs through here, so both
//! date crates read and write the same text.
//!
//! Read: exactly RFC 3339's `date-time` and `full-date` (a `T` or `t` between date and time,
//! `Z`, `z` or `+hh:mm`/`-hh:mm` at the end, a fraction of any length, of which nanoseconds
//! are kept), with no space, no missing seconds and no offset without a colon; a UUID as
//! 8-4-4-4-12 hexadecimal digits of either case. Written: four-digit years, a fraction only
//! when there is one (3, 6 or 9 digits), `Z` for a zero offset, lowercase UUIDs.

use ::std::fmt;

/// A text that is not the format it should be (a response's value, or one given to
/// `FromStr`): what it should have been, with the start of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    expected: &'static str,
    text: ::std::string::String,
}

impl ParseError {
    pub(super) fn new(expected: &'static str, text: &str) -> Self {
        // At most 64 characters of what came: an answer cannot make the message long.
        let text = match text.char_indices().nth(64) {
            Some((end, _)) => format!("{}...", &text[..end]),
            None => text.to_owned(),
        };
        Self { expected, text }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not {}", self.text, self.expected)
    }
}

impl ::std::error::Error for ParseError {}

/// What `ParseError` says a date-time should be.
pub(super) const DATE_TIME: &str = "an RFC 3339 date-time (`2024-05-01T10:00:00Z`)";
/// What `ParseError` says a date should be.
pub(super) const DATE: &str = "a date (`2024-05-01`)";
/// What `ParseError` says a UUID should be.
pub(super) const UUID: &str = "a UUID (`67e55044-10b1-426f-9247-bb680e5fe0c8`)";

/// A calendar date as written: year, month, day (the month and day in their ranges; whether
/// the day exists in its month is for the date crate to say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateParts {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A date-time as written: the local date and time and the offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateTimeParts {
    pub date: DateParts,
    pub hour: u32,
    pub minute: u32,
    /// 0 to 60 (a leap second).
    pub second: u32,
    pub nanosecond: u32,
    /// East of UTC, in seconds (whole minutes when read).
    pub offset_seconds: i32,
}

/// Reads `YYYY-MM-DD` from the start of `bytes`.
fn date_prefix(bytes: &[u8]) -> Option<DateParts> {
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(&bytes[0..4])?, digits(&bytes[5..7])?, digits(&bytes[8..10])?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(DateParts { year: year as i32, month, day })
}

/// The value of ASCII digits (all of them digits, at most 9).
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// Reads a `full-date`.
pub(super) fn parse_date(text: &str) -> Result<DateParts, ParseError> {
    let bytes = text.as_bytes();
    date_prefix(bytes).filter(|_| bytes.len() == 10).ok_or_else(|| ParseError::new(DATE, text))
}

/// Reads a `date-time`.
pub(super) fn parse_date_time(text: &str) -> Result<DateTimeParts, ParseError> {
    date_time(text.as_bytes()).ok_or_else(|| ParseError::new(DATE_TIME, text))
}

fn date_time(bytes: &[u8]) -> Option<DateTimeParts> {
    let date = date_prefix(bytes)?;
    let rest = bytes.get(10..)?;
    if rest.len() < 9 || !matches!(rest[0], b'T' | b't') || rest[3] != b':' || rest[6] != b':' {
        return None;
    }
    let (hour, minute, second) = (digits(&rest[1..3])?, digits(&rest[4..6])?, digits(&rest[7..9])?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &rest[9..];
    let mut nanosecond = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let length = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if length == 0 {
            return None;
        }
        let kept = &fraction[..length.min(9)];
        nanosecond = digits(kept)? * 10u32.pow(9 - kept.len() as u32);
        rest = &fraction[length..];
    }
    let offset_seconds = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    Some(DateTimeParts { date, hour, minute, second, nanosecond, offset_seconds })
}

/// Writes a `full-date` (a year outside 0 to 9999, which RFC 3339 cannot write, with its
/// sign and as many digits as it has, as ISO 8601's expanded years do).
pub(super) fn write_date(f: &mut fmt::Formatter<'_>, date: DateParts) -> fmt::Result {
    if (0..=9999).contains(&date.year) {
        write!(f, "{:04}", date.year)?;
    } else {
        write!(f, "{:+05}", date.year)?;
    }
    write!(f, "-{:02}-{:02}", date.month, date.day)
}

/// Writes a `date-time`; an offset with seconds, which RFC 3339 cannot write, loses them.
pub(super) fn write_date_time(f: &mut fmt::Formatter<'_>, parts: DateTimeParts) -> fmt::Result {
    write_date(f, parts.date)?;
    write!(f, "T{:02}:{:02}:{:02}", parts.hour, parts.minute, parts.second)?;
    let nanos = parts.nanosecond;
    if nanos % 1_000_000 == 0 && nanos > 0 {
        write!(f, ".{:03}", nanos / 1_000_000)?;
    } else if nanos % 1_000 == 0 && nanos > 0 {
        write!(f, ".{:06}", nanos / 1_000)?;
    } else if nanos > 0 {
        write!(f, ".{nanos:09}")?;
    }
    let minutes = parts.offset_seconds / 60;
    if minutes == 0 {
        return f.write_str("Z");
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    write!(f, "{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

/// Reads a hyphenated UUID into its 16 bytes.
pub(super) fn parse_uuid(text: &str) -> Result<[u8; 16], ParseError> {
    let bytes = text.as_bytes();
    let hyphens = [8, 13, 18, 23];
    let shape = bytes.len() == 36 && hyphens.iter().all(|&i| bytes[i] == b'-');
    let mut out = [0u8; 16];
    let mut nibbles = bytes.iter().enumerate().filter(|(i, _)| !hyphens.contains(i)).map(|(_, b)| hex(*b));
    for byte in &mut out {
        match (shape, nibbles.next().flatten(), nibbles.next().flatten()) {
            (true, Some(high), Some(low)) => *byte = high << 4 | low,
            _ => return Err(ParseError::new(UUID, text)),
        }
    }
    Ok(out)
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// Writes 16 bytes as a hyphenated, lowercase UUID.
pub(super) fn write_uuid(f: &mut fmt::Formatter<'_>, bytes: &[u8; 16]) -> fmt::Result {
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            f.write_str("-")?;
        }
        write!(f, "{byte:02x}")?;
    }
    Ok(())
}

/// Reads a value of a typed format through `FromStr`, for `Deserialize`: a JSON string, its
/// errors as serde errors.
pub(super) fn deserialize_str<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: ::std::str::FromStr<Err = ParseError>,
    D: ::serde::Deserializer<'de>,
{
    struct Text<T>(::std::marker::PhantomData<T>);
    impl<T: ::std::str::FromStr<Err = ParseError>> ::serde::de::Visitor<'_> for Text<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: ::serde::de::Error>(self, text: &str) -> Result<T, E> {
            text.parse().map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Text(::std::marker::PhantomData))
}
