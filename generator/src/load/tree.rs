//! Text -> JSON tree, by the same rules for JSON and YAML: an object may not give a name
//! twice, and containers nest at most [`MAX_DEPTH`] levels.
//!
//! serde_json keeps the last of two equal names without a word (an operation can vanish so)
//! and stops at 128 levels of its own; serde-saphyr refuses duplicates but stops at 64
//! levels. Both are read here through one visitor that builds the tree, refuses a repeated
//! name and counts the levels, so both formats accept the same documents and every error
//! names the pointer where it happened (the deepest one reached, for a document too deep).
//! The parsers' own limits are set above ours, so ours is the one that speaks.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{Error, ErrorKind};
use crate::pointer;

/// How many arrays and objects may nest inside one another, the document's root object
/// included. An inline schema takes two levels (the schema and its `properties`), so 256
/// leaves room for 120 levels of schemas below `/paths/{path}/{method}/...`.
pub(crate) const MAX_DEPTH: usize = 256;

/// The format the text is in, for the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Yaml,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Yaml => "YAML",
        }
    }
}

/// Parses `text` as `format` into a tree.
pub(crate) fn parse(text: &str, format: Format) -> Result<Value, Error> {
    let parsed = match format {
        Format::Json => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            // Our own limit is checked first, as the parser goes down (see `Walk::enter`).
            deserializer.disable_recursion_limit();
            let tree = Tree::deserialize(&mut deserializer);
            tree.and_then(|tree| deserializer.end().map(|()| tree)).map_err(|e| e.to_string())
        }
        Format::Yaml => {
            let mut budget = serde_saphyr::Budget::default();
            budget.max_depth = MAX_DEPTH + 8;
            let mut options = serde_saphyr::Options::default();
            options.budget = Some(budget);
            // Both are kept and handed to `Node`, which refuses the second with its pointer.
            options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
            serde_saphyr::from_str_with_options::<Tree>(text, options).map_err(|e| e.to_string())
        }
    };
    let failure = FAILURE.take();
    match (parsed, failure) {
        (Ok(Tree(value)), _) => Ok(value),
        // Our own finding, with its pointer; the parser's message adds where in the text.
        (Err(text_error), Some((pointer, message))) => {
            let place = place(&text_error).map(|p| format!(" ({p})")).unwrap_or_default();
            Err(Error::new(ErrorKind::Syntax, pointer, format!("invalid {}: {message}{place}", format.name())))
        }
        (Err(text_error), None) => {
            Err(Error::new(ErrorKind::Syntax, "", format!("invalid {}: {}", format.name(), first_line(&text_error))))
        }
    }
}

thread_local! {
    /// The pointer and message of what [`Tree`] refused, beside the parser's error, which
    /// carries only text: set while one document is read, taken right after.
    static FAILURE: std::cell::Cell<Option<(String, String)>> = const { std::cell::Cell::new(None) };
}

/// The whole tree: `serde_json::Value`, read by the rules of this module.
struct Tree(Value);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        let mut walk = Walk { path: Vec::new(), failure: None };
        let tree = Node { walk: &mut walk }.deserialize(deserializer);
        FAILURE.set(walk.failure);
        tree.map(Tree)
    }
}

/// "line 3 column 7" from a parser's message, when it has one.
fn place(message: &str) -> Option<String> {
    let at = message.find("line ")?;
    let words: Vec<&str> = message[at..].split([' ', ':', ',']).filter(|w| !w.is_empty()).take(4).collect();
    match words.as_slice() {
        ["line", line, "column", column] if line.parse::<u64>().is_ok() && column.parse::<u64>().is_ok() => {
            Some(format!("line {line} column {column}"))
        }
        _ => None,
    }
}

/// The parsers' messages are one line, except serde-saphyr's, which adds a drawing of the
/// text around the place; the first line says it.
fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message)
}

/// Where the parser is in the tree, and what went wrong there first.
struct Walk {
    /// The names and indexes from the root to the node being read.
    path: Vec<String>,
    failure: Option<(String, String)>,
}

impl Walk {
    fn pointer(&self) -> String {
        let tokens: Vec<&str> = self.path.iter().map(String::as_str).collect();
        pointer::join("", &tokens)
    }

    /// Records a failure at the current node and gives the parser an error to stop with.
    fn fail<E: de::Error>(&mut self, message: String) -> E {
        let error = E::custom(&message);
        if self.failure.is_none() {
            self.failure = Some((self.pointer(), message));
        }
        error
    }

    /// Called as a container is opened: `path` has one entry per container around it.
    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        if self.path.len() >= MAX_DEPTH {
            return Err(self.fail(format!("the document nests more than {MAX_DEPTH} arrays and objects deep")));
        }
        Ok(())
    }
}

/// One node of the tree, read in place of `serde_json::Value`'s own `Deserialize`.
struct Node<'w> {
    walk: &'w mut Walk,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // JSON has no NaN or infinity; YAML's `.nan` and `.inf` become null, as serde_json does.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.walk.enter()?;
        let mut items = Vec::new();
        loop {
            self.walk.path.push(items.len().to_string());
            let item = seq.next_element_seed(Node { walk: &mut *self.walk });
            self.walk.path.pop();
            match item? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.walk.enter()?;
        let mut members = Map::new();
        while let Some(name) = map.next_key_seed(Name)? {
            if members.contains_key(&name) {
                let message = format!("the name `{}` is given twice in one object", shown(&name));
                return Err(self.walk.fail(message));
            }
            self.walk.path.push(name);
            let value = map.next_value_seed(Node { walk: &mut *self.walk });
            let name = self.walk.path.pop().unwrap_or_default();
            members.insert(name, value?);
        }
        Ok(Value::Object(members))
    }
}

/// A hostile name is cut in the message (the pointer still has it whole).
fn shown(name: &str) -> String {
    const LONGEST: usize = 64;
    match name.char_indices().nth(LONGEST) {
        Some((end, _)) => format!("{}...", &name[..end]),
        None => name.to_owned(),
    }
}

/// An object member's name. YAML allows any scalar as a key (`200:` is a number); it is
/// taken as its text, as JSON would write it.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_string(self)
    }
}

impl Visitor<'_> for Name {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document whose `x-deep` extension nests `levels` arrays and objects in all, the
    /// root object included, written as JSON or as block YAML.
    fn nested(levels: usize, format: Format) -> String {
        // Root object, then `x-deep`'s value: arrays, each holding the next.
        let arrays = levels - 1;
        match format {
            Format::Json => format!("{{\"x-deep\": {}1{}}}", "[".repeat(arrays), "]".repeat(arrays)),
            Format::Yaml => {
                let mut text = String::from("x-deep:\n");
                for level in 0..arrays - 1 {
                    text.push_str(&" ".repeat(level * 2));
                    text.push_str("-\n");
                }
                text.push_str(&" ".repeat((arrays - 1) * 2));
                text.push_str("- 1\n");
                text
            }
        }
    }

    /// On the stack `generate` gives the pipeline: a test thread's is too small for a debug
    /// build of the YAML parser at this depth.
    fn parse_deep(text: &str, format: Format) -> Result<Value, Error> {
        crate::on_deep_stack(|| parse(text, format)).expect("a thread")
    }

    #[test]
    fn json_and_yaml_take_the_same_depth_and_name_the_deepest_pointer() {
        for format in [Format::Json, Format::Yaml] {
            let deepest = parse_deep(&nested(MAX_DEPTH, format), format).expect("the limit itself is accepted");
            let mut node = &deepest["x-deep"];
            let mut arrays = 0;
            while let Value::Array(items) = node {
                arrays += 1;
                node = &items[0];
            }
            assert_eq!((arrays, node), (MAX_DEPTH - 1, &Value::from(1)), "{format:?}");

            let e = parse_deep(&nested(MAX_DEPTH + 1, format), format).expect_err("one level more is refused");
            assert_eq!(e.kind, ErrorKind::Syntax);
            // The container that would be one too many: the last array's only item.
            let pointer = format!("/x-deep{}", "/0".repeat(MAX_DEPTH - 1));
            assert_eq!(e.pointer, pointer, "{format:?}");
            assert!(e.message.contains("more than 256 arrays and objects deep"), "{format:?}: {e}");
            assert!(e.message.contains("line "), "the place in the text is given: {e}");
        }
    }

    #[test]
    fn a_name_given_twice_is_refused_in_both_formats_with_its_pointer() {
        let json = r#"{"paths": {"/a": {"get": {}}, "/b": {}, "/a": {"put": {}}}}"#;
        let yaml = "paths:\n  /a: {get: {}}\n  /b: {}\n  /a: {put: {}}\n";
        for (text, format) in [(json, Format::Json), (yaml, Format::Yaml)] {
            let e = parse(text, format).expect_err("a duplicate name is an error");
            assert_eq!((e.kind, e.pointer.as_str()), (ErrorKind::Syntax, "/paths"), "{format:?}");
            assert!(e.message.contains("the name `/a` is given twice"), "{format:?}: {e}");
        }
        // Equal names in different objects are fine.
        let value = parse(r#"{"a": {"x": 1}, "b": {"x": 2}}"#, Format::Json).expect("no duplicate");
        assert_eq!(value["b"]["x"], 2);
    }

    #[test]
    fn yaml_keys_that_are_not_strings_become_their_text() {
        let value = parse("responses:\n  200: ok\n  true: \"yes\"\n", Format::Yaml).expect("scalar keys");
        assert_eq!(value["responses"]["200"], "ok");
        assert_eq!(value["responses"]["true"], "yes");
    }

    #[test]
    fn a_syntax_error_is_one_line_with_its_place() {
        let e = parse("{\"a\": [1, 2}", Format::Json).expect_err("broken JSON");
        assert!(e.message.starts_with("invalid JSON: ") && e.message.contains("line 1"), "{e}");
        let e = parse("a: [1, 2\nb: c\n", Format::Yaml).expect_err("broken YAML");
        assert!(e.message.starts_with("invalid YAML: ") && !e.message.contains('\n'), "{e}");
    }

    #[test]
    fn a_hostile_name_is_cut_in_the_message() {
        let long = "n".repeat(10_000);
        let e = parse(&format!("{{\"{long}\": 1, \"{long}\": 2}}"), Format::Json).expect_err("duplicate");
        assert!(e.message.len() < 200, "{} bytes", e.message.len());
    }
}
