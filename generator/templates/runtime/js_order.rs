//! JSON text in the property order of JavaScript's `JSON.stringify`.
//!
//! A JavaScript object lists its integer-like keys (canonical array indices: `"0"`, or a
//! decimal without a leading zero up to 4294967294) first, ascending by value, then its
//! other keys in insertion order; `JSON.stringify` writes them in that order. A server or
//! a cookie reader written in JavaScript sees `{"12":..,"3":..}` as `{"3":..,"12":..}`, so
//! everything this runtime writes as JSON (request bodies, JSON parameters, JSON parts of
//! forms) is put in that order, in every object, at every depth. Without integer-like keys
//! the text is exactly what `serde_json` writes.
//!
//! How: the value is written by `serde_json` as usual, then the objects of the compact text
//! that have an integer-like key get their members moved in place. The cost is one more
//! pass over the text and, per object that needs it, one copy of that object's text; no
//! allocation at all when no object needs it. Rejected alternatives: going through a
//! `serde_json::Value` changes the text of `f32` numbers (`0.1f32` becomes
//! `0.10000000149011612`) and builds a tree per body; a serializer wrapping `serde_json`'s
//! that buffers maps is several hundred lines of delegation for the same result.

/// Writes `value` as compact JSON text with the members of every object in the order
/// JavaScript's `JSON.stringify` gives them: integer-like keys first, ascending, then the
/// others in the order they were serialized (struct fields, then flattened members, in
/// declaration and insertion order).
///
/// Takes any `Serialize` value, a `serde_json::Value` included.
///
/// # Errors
///
/// The value cannot be written as JSON (for example a map whose keys are not strings).
pub fn to_json_js_order<T: ::serde::Serialize + ?Sized>(
    value: &T,
) -> Result<::std::string::String, ::serde_json::Error> {
    ::std::string::String::from_utf8(to_vec(value)?)
        // Members are moved whole, so the UTF-8 that serde_json wrote stays UTF-8; report
        // rather than panic all the same.
        .map_err(<::serde_json::Error as ::serde::ser::Error>::custom)
}

/// [`to_json_js_order`] as bytes.
pub(super) fn to_vec<T: ::serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, ::serde_json::Error> {
    let mut text = ::serde_json::to_vec(value)?;
    reorder(&mut text);
    Ok(text)
}

/// One member of an open object: where its key starts, where the member ends (the `,` or
/// `}` after it) and its key's value when the key is integer-like.
struct Member {
    start: usize,
    end: usize,
    index: Option<u32>,
}

/// An open object or array.
enum Frame {
    Array,
    Object {
        /// Where the object's members start in the list of members of all open objects.
        first: usize,
        /// A member is open: its key was read, the `,` or `}` after it was not.
        open: bool,
        /// One of its keys is integer-like.
        reorder: bool,
    },
}

/// Puts the members of every object of the JSON text `text` in JavaScript's order, in
/// place: inner objects before the objects that hold them, and no object changes length,
/// so the positions recorded for the outer members stay right.
///
/// Meant for the text `serde_json` writes; any other bytes are left as they are (a piece
/// that is not JSON is skipped), and nothing here can panic.
pub(super) fn reorder(text: &mut [u8]) {
    let mut frames: Vec<Frame> = Vec::new();
    let mut members: Vec<Member> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match text[at] {
            b'"' => {
                let end = string_end(text, at);
                if let Some(Frame::Object { open, reorder, .. }) = frames.last_mut() {
                    if !*open {
                        // A key: between the quotes, or to the end of a cut-off text.
                        let index = text.get(at + 1..end).and_then(array_index);
                        *reorder |= index.is_some();
                        *open = true;
                        members.push(Member { start: at, end: text.len(), index });
                    }
                }
                at = end;
            }
            b'{' => frames.push(Frame::Object { first: members.len(), open: false, reorder: false }),
            b'[' => frames.push(Frame::Array),
            b',' => close_member(&mut frames, &mut members, at),
            b'}' => {
                close_member(&mut frames, &mut members, at);
                if let Some(Frame::Object { first, reorder, .. }) = frames.pop() {
                    let first = first.min(members.len());
                    if reorder {
                        move_members(text, &members[first..]);
                    }
                    members.truncate(first);
                }
            }
            b']' => {
                if matches!(frames.last(), Some(Frame::Array)) {
                    frames.pop();
                }
            }
            _ => {}
        }
        at += 1;
    }
}

/// Ends the open member of the innermost object, if any, at `at`.
fn close_member(frames: &mut [Frame], members: &mut [Member], at: usize) {
    if let Some(Frame::Object { open, .. }) = frames.last_mut() {
        if *open {
            *open = false;
            if let Some(member) = members.last_mut() {
                member.end = at;
            }
        }
    }
}

/// The position of the quote that ends the string starting at `start` (the end of the
/// text when it has none).
fn string_end(text: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < text.len() {
        match text[at] {
            b'\\' => at += 2,
            b'"' => return at,
            _ => at += 1,
        }
    }
    text.len()
}

/// The value of a key that is a canonical array index: `0`, or digits without a leading
/// zero, at most 4294967294 (`2^32 - 2`, the largest index of a JavaScript array). Digits
/// are never escaped by serde_json, so the raw key text is the key.
fn array_index(key: &[u8]) -> Option<u32> {
    let canonical = match key {
        [b'0'] => true,
        [b'1'..=b'9', rest @ ..] => rest.len() < 10 && rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if !canonical {
        return None;
    }
    let value = key.iter().fold(0u64, |value, digit| value * 10 + u64::from(digit - b'0'));
    u32::try_from(value).ok().filter(|value| *value < u32::MAX)
}

/// Rewrites the members of one object (`members`, in text order) in JavaScript's order:
/// integer-like keys ascending (a stable sort, so repeated keys keep their order), then
/// the others as they were. The text between members (the `,`) stays where it was.
fn move_members(text: &mut [u8], members: &[Member]) {
    let (Some(first), Some(last)) = (members.first(), members.last()) else { return };
    let mut order: Vec<&Member> = members.iter().collect();
    order.sort_by_key(|member| (member.index.is_none(), member.index));
    let moved = order.iter().zip(members).any(|(new, old)| new.start != old.start);
    // Members recorded by `reorder` follow each other; anything else is left alone.
    let in_sequence =
        members.iter().all(|m| m.start <= m.end) && members.windows(2).all(|pair| pair[0].end <= pair[1].start);
    let Some(old) = text.get(first.start..last.end) else { return };
    if !moved || !in_sequence {
        return;
    }
    let old = old.to_vec();
    let mut out = Vec::with_capacity(old.len());
    for (position, member) in order.iter().enumerate() {
        out.extend_from_slice(&old[member.start - first.start..member.end - first.start]);
        if let Some(next) = members.get(position + 1) {
            out.extend_from_slice(&old[members[position].end - first.start..next.start - first.start]);
        }
    }
    if let Some(target) = text.get_mut(first.start..last.end) {
        if target.len() == out.len() {
            target.copy_from_slice(&out);
        }
    }
}
