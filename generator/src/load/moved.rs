//! Where the nodes that normalization moved were written in the document.
//!
//! Normalization keeps the tree's structure wherever it can, but a few rewrites move nodes
//! (a `$defs` entry hoisted to `components/schemas`, a `$ref` with siblings wrapped into
//! `allOf`, a member of a type array given a schema of its own). Each rewrite records where
//! the moved nodes are now and where they were; an error found later is then reported at the
//! pointer of the document as written.

use crate::error::Error;

/// Moves recorded in the order they were made; each step is a set of disjoint moves made at
/// once (so a pointer is translated by at most one move of a step).
#[derive(Debug, Default, Clone)]
pub(crate) struct Moves {
    steps: Vec<Vec<(String, String)>>,
}

impl Moves {
    /// Records that the node now at `now` (and everything below it) was at `was`.
    pub(super) fn moved(&mut self, now: impl Into<String>, was: impl Into<String>) {
        self.steps.push(vec![(now.into(), was.into())]);
    }

    /// Records several moves made at once.
    pub(super) fn moved_together(&mut self, moves: Vec<(String, String)>) {
        if !moves.is_empty() {
            self.steps.push(moves);
        }
    }

    /// The pointer, in the document as written, of the node at `pointer` after normalization.
    pub(crate) fn original(&self, pointer: &str) -> String {
        let mut current = pointer.to_owned();
        for step in self.steps.iter().rev() {
            let hit = step.iter().filter(|(now, _)| under(&current, now)).max_by_key(|(now, _)| now.len());
            if let Some((now, was)) = hit {
                current = format!("{was}{}", &current[now.len()..]);
            }
        }
        current
    }

    /// The error with its pointer, and the pointers its message quotes (`` `/...` ``),
    /// translated to the document as written.
    pub(crate) fn restore(&self, mut error: Error) -> Error {
        if self.steps.is_empty() {
            return error;
        }
        error.pointer = self.original(&error.pointer);
        let mut message = String::with_capacity(error.message.len());
        for (i, part) in error.message.split('`').enumerate() {
            if i > 0 {
                message.push('`');
            }
            // Odd parts are quoted.
            if i % 2 == 1 && part.starts_with('/') && !part.contains(' ') {
                message.push_str(&self.original(part));
            } else {
                message.push_str(part);
            }
        }
        error.message = message;
        error
    }
}

/// Whether `pointer` is `prefix` or a node below it.
fn under(pointer: &str, prefix: &str) -> bool {
    pointer == prefix || (pointer.starts_with(prefix) && pointer[prefix.len()..].starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_through_steps_in_reverse() {
        let mut moves = Moves::default();
        // Step 1: a $defs entry hoisted.
        moves.moved("/components/schemas/Y", "/components/schemas/X/$defs/Y");
        // Step 2: inside it, a null member removed from oneOf: [A, null, B, C] -> [A, B, C].
        moves.moved_together(vec![
            ("/components/schemas/Y/oneOf/1".into(), "/components/schemas/Y/oneOf/2".into()),
            ("/components/schemas/Y/oneOf/2".into(), "/components/schemas/Y/oneOf/3".into()),
        ]);
        assert_eq!(moves.original("/components/schemas/Y/oneOf/1/type"), "/components/schemas/X/$defs/Y/oneOf/2/type");
        assert_eq!(moves.original("/components/schemas/Y/oneOf/2"), "/components/schemas/X/$defs/Y/oneOf/3");
        assert_eq!(moves.original("/components/schemas/Y/oneOf/0"), "/components/schemas/X/$defs/Y/oneOf/0");
        // Only whole tokens match.
        assert_eq!(moves.original("/components/schemas/Yz"), "/components/schemas/Yz");
        assert_eq!(moves.original(""), "");
    }

    #[test]
    fn quoted_pointers_of_messages_are_translated() {
        let mut moves = Moves::default();
        moves.moved("/components/schemas/B", "/components/schemas/A/$defs/B");
        let error = moves.restore(Error::new(
            crate::error::ErrorKind::Invalid,
            "/components/schemas/B/allOf/1",
            "`allOf` members of `/components/schemas/B` cannot both hold: `type: string` and `/x`",
        ));
        assert_eq!(error.pointer, "/components/schemas/A/$defs/B/allOf/1");
        assert_eq!(
            error.message,
            "`allOf` members of `/components/schemas/A/$defs/B` cannot both hold: `type: string` and `/x`"
        );
    }

    #[test]
    fn a_node_moved_into_itself_maps_back() {
        let mut moves = Moves::default();
        moves.moved("/components/schemas/A/allOf/0", "/components/schemas/A");
        assert_eq!(moves.original("/components/schemas/A/allOf/0"), "/components/schemas/A");
        assert_eq!(moves.original("/components/schemas/A/description"), "/components/schemas/A/description");
    }
}
