//! Bounded text for error messages: a server controls bodies, header values and the
//! values in decoding errors, so nothing it sent reaches a message or a log line whole.

use ::std::fmt;

use ::http::StatusCode;

/// How many bytes of a body an error message shows at most.
pub(super) const SNIPPET_BYTES: usize = 512;

/// How many bytes of a short server-controlled text (a `Location`, a decoding error's
/// reason, the innermost cause of a transport error) a message shows at most.
pub(super) const SHORT_BYTES: usize = 256;

/// The first [`SNIPPET_BYTES`] bytes of `body` as text (invalid UTF-8 replaced), with `…`
/// appended when the body is longer. The cut never splits a UTF-8 character.
pub(super) fn body_snippet(body: &[u8]) -> ::std::string::String {
    if body.len() <= SNIPPET_BYTES {
        return ::std::string::String::from_utf8_lossy(body).into_owned();
    }
    let mut cut = SNIPPET_BYTES;
    // Back off over continuation bytes (0b10xx_xxxx) to the start of the character the
    // limit falls in; a UTF-8 character has at most 3 of them, so invalid input that is
    // all continuation bytes cannot make the snippet empty.
    while cut > SNIPPET_BYTES - 3 && body[cut] & 0b1100_0000 == 0b1000_0000 {
        cut -= 1;
    }
    let mut snippet = ::std::string::String::from_utf8_lossy(&body[..cut]).into_owned();
    snippet.push('…');
    snippet
}

/// A status as people read it: `404 Not Found`, or only the number when it has no
/// registered reason (`StatusCode`'s own `Display` says `<unknown status code>` then).
pub(super) struct Status(pub(super) StatusCode);

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.canonical_reason() {
            Some(reason) => write!(f, "{} {reason}", self.0.as_str()),
            None => f.write_str(self.0.as_str()),
        }
    }
}

impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Writes `value` with `{}` (or `{:?}` through [`CutDebug`]) into `f`, stopping after
/// `limit` bytes and appending `…` when it had more to say. Formatting is abandoned at the
/// limit (the writer refuses the rest), so a 20 MB value costs no more than 512 bytes.
fn write_cut(
    f: &mut fmt::Formatter<'_>,
    limit: usize,
    write: impl FnOnce(&mut Cut<'_, '_>) -> fmt::Result,
) -> fmt::Result {
    let mut cut = Cut { out: f, left: limit, cut: false };
    match write(&mut cut) {
        Ok(()) => Ok(()),
        Err(_) if cut.cut => cut.out.write_str("…"),
        Err(error) => Err(error),
    }
}

/// A `fmt::Write` that passes on at most `left` more bytes, cut on a character boundary.
struct Cut<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Cut<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if text.len() <= self.left {
            self.left -= text.len();
            return self.out.write_str(text);
        }
        let mut end = self.left;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.out.write_str(&text[..end])?;
        self.left = 0;
        self.cut = true;
        // Stops the value's formatting: nothing more would be shown.
        Err(fmt::Error)
    }
}

/// Shows the `Display` of a value, cut at `limit` bytes.
pub(super) struct CutDisplay<'a, T: ?Sized>(pub(super) &'a T, pub(super) usize);

impl<T: fmt::Display + ?Sized> fmt::Display for CutDisplay<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_cut(f, self.1, |out| fmt::Write::write_fmt(out, format_args!("{}", self.0)))
    }
}

impl<T: fmt::Display + ?Sized> fmt::Debug for CutDisplay<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Quoted and escaped, as `Debug` of a string is; at most `limit` bytes are made.
        fmt::Debug::fmt(&::std::string::ToString::to_string(self), f)
    }
}

/// Shows the `Debug` of a value, cut at `limit` bytes: for decoded error bodies, whose
/// fields the server fills.
pub(super) struct CutDebug<'a, T: ?Sized>(pub(super) &'a T, pub(super) usize);

impl<T: fmt::Debug + ?Sized> fmt::Debug for CutDebug<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_cut(f, self.1, |out| fmt::Write::write_fmt(out, format_args!("{:?}", self.0)))
    }
}

/// The innermost cause of an error: the one that says what happened (`Connection refused
/// (os error 111)`), where the outer layers only say where (`error sending request`).
pub(super) fn innermost<'a>(error: &'a (dyn ::std::error::Error + 'static)) -> &'a (dyn ::std::error::Error + 'static) {
    let mut current = error;
    // Bounded, in case a source chain loops.
    for _ in 0..32 {
        match current.source() {
            Some(next) => current = next,
            None => break,
        }
    }
    current
}
