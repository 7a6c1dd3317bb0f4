//! The generator never panics on a broken document: every node of the Edge document and of the
//! fixture documents is, in turn, removed or replaced by a value of another kind, and each
//! mutant is generated. An answer (files or an error naming what is wrong) is fine; a panic,
//! or an `internal error` (the generator built tokens that do not parse), fails the test,
//! naming the document, the node and the mutation.
//!
//! By default every `STRIDE`-th node is mutated (a few thousand mutants, enough to cover
//! every construct of the fixtures); `MUTATE_EVERY_NODE=1` mutates them all, and
//! `MUTATE_CORPUS=DIR` adds the JSON documents under DIR smaller than 256 KiB (for example
//! `../shared/corpus`; best with `--release`).

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use generator::{generate, Config};
use serde_json::{json, Value};

/// Without `MUTATE_EVERY_NODE`, one node in this many is mutated.
const STRIDE: usize = 11;

fn documents() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths: Vec<PathBuf> = vec![root.join("spec/personalize-edge.openapi.yaml")];
    let mut fixtures: Vec<PathBuf> = fs::read_dir(root.join("fixtures/documents"))
        .expect("fixtures/documents")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    fixtures.sort();
    paths.extend(fixtures);
    if let Some(dir) = std::env::var_os("MUTATE_CORPUS") {
        let mut corpus = Vec::new();
        json_files(Path::new(&dir), &mut corpus);
        corpus.sort();
        paths.extend(corpus);
    }
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("readable");
            let value: Value = serde_saphyr::from_str(&text).expect("the committed documents are YAML");
            (path.file_name().expect("name").to_string_lossy().into_owned(), value)
        })
        .collect()
}

/// The JSON files below `dir` smaller than 256 KiB.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json")
            && fs::metadata(&path).is_ok_and(|m| m.len() < 256 * 1024)
        {
            out.push(path);
        }
    }
}

/// The JSON pointer of every node below the root.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v)).collect(),
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
        _ => return,
    };
    for (key, child) in children {
        let pointer = format!("{at}/{key}");
        out.push(pointer.clone());
        pointers(child, &pointer, out);
    }
}

/// The document with the node at `pointer` removed.
fn removed(document: &Value, pointer: &str) -> Value {
    let mut mutant = document.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("below the root");
    let key = key.replace("~1", "/").replace("~0", "~");
    match mutant.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&key);
        }
        Some(Value::Array(items)) => {
            items.remove(key.parse::<usize>().expect("an index"));
        }
        _ => unreachable!("a pointer to a child has a container parent"),
    }
    mutant
}

/// The document with the node at `pointer` replaced by `value`.
fn replaced(document: &Value, pointer: &str, value: &Value) -> Value {
    let mut mutant = document.clone();
    *mutant.pointer_mut(pointer).expect("the node exists") = value.clone();
    mutant
}

/// Generates the mutants of one document: how many, and the failures (panics and internal
/// errors).
fn mutate(name: &str, document: &Value, stride: usize) -> (usize, Vec<String>) {
    let replacements = [json!(null), json!(7), json!(-1.5), json!("x"), json!(true), json!({}), json!([])];
    let config = Config::new("mutant");
    let mut all = Vec::new();
    pointers(document, "", &mut all);
    let mut panics = Vec::new();
    let mut mutants = 0;
    for pointer in all.iter().step_by(stride) {
        let mut variants = vec![("removed".to_owned(), removed(document, pointer))];
        for value in &replacements {
            variants.push((format!("replaced by {value}"), replaced(document, pointer, value)));
        }
        for (mutation, mutant) in variants {
            mutants += 1;
            let bytes = serde_json::to_vec(&mutant).expect("serializable");
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| generate(&bytes, &config)));
            let payload = match outcome {
                Ok(Err(error)) if error.to_string().contains("internal error") => {
                    panics.push(format!("{name} {pointer} {mutation}: {error}"));
                    continue;
                }
                Ok(_) => continue,
                Err(payload) => payload,
            };
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            panics.push(format!("{name} {pointer} {mutation}: {message}"));
        }
    }
    (mutants, panics)
}

#[test]
fn no_mutant_of_a_document_makes_the_generator_panic_or_emit_unparsable_code() {
    let stride = if std::env::var_os("MUTATE_EVERY_NODE").is_some() { 1 } else { STRIDE };
    // The panics are collected and reported together; the default hook would print each.
    panic::set_hook(Box::new(|_| {}));
    let documents = documents();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let results: Vec<(usize, Vec<String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let documents = &documents;
                scope.spawn(move || {
                    documents
                        .iter()
                        .skip(worker)
                        .step_by(threads)
                        .map(|(name, document)| mutate(name, document, stride))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|worker| worker.join().expect("a worker never panics")).collect()
    });
    let _ = panic::take_hook();
    let mutants: usize = results.iter().map(|(count, _)| count).sum();
    let panics: Vec<String> = results.into_iter().flat_map(|(_, panics)| panics).collect();
    // Shown with `--nocapture`: how much was tried.
    println!("{mutants} mutants of {} documents, {} failures", documents.len(), panics.len());
    assert!(mutants > 1000, "only {mutants} mutants");
    assert!(
        panics.is_empty(),
        "{} of {mutants} mutants panicked or hit an internal error:\n{}",
        panics.len(),
        panics.join("\n")
    );
}
