//! Helpers shared by the xtask tests: temporary roots, tree snapshots, a loopback server.
#![allow(dead_code)] // each test file uses some of the helpers

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// The real repository root (the parent of `xtask/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask/ has a parent").to_owned()
}

/// The committed inputs and outputs of `regenerate`, copied from the real repository into
/// `dest`: `spec/`, `generated-client/` (codegen.toml, Cargo.toml, README.md, public-api.toml, src/, examples/) and
/// `fixtures/` (documents/, src/). Entries that do not exist are skipped.
pub fn copy_repo(dest: &Path) {
    let root = repo_root();
    for entry in [
        "spec",
        "generated-client/codegen.toml",
        "generated-client/Cargo.toml",
        "generated-client/README.md",
        "generated-client/public-api.toml",
        "generated-client/src",
        "generated-client/examples",
        "fixtures/documents",
        "fixtures/src",
    ] {
        let from = root.join(entry);
        if from.exists() {
            copy_recursive(&from, &dest.join(entry));
        }
    }
}

fn copy_recursive(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_recursive(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
    }
}

/// A small self-contained root that does not depend on the real repository: a client crate
/// whose document is `spec/api.yaml`, and one fixture.
pub fn synthetic_root() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "generated-client/codegen.toml",
            "crate = \"synthetic-client\"\nspec = \"../spec/api.yaml\"\nhand-written-lib = true\n",
        ),
        ("generated-client/Cargo.toml", "[package]\nname = \"synthetic-client\"\nversion = \"0.1.0\"\n"),
        ("generated-client/src/lib.rs", "mod generated;\n"),
        ("generated-client/src/generated/mod.rs", "// committed\n"),
        ("spec/api.yaml", MINIMAL_DOCUMENT),
        ("fixtures/documents/tiny-api.yaml", MINIMAL_DOCUMENT),
        ("fixtures/src/tiny_api/mod.rs", "// committed\n"),
    ];
    for (path, contents) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    dir
}

pub const MINIMAL_DOCUMENT: &str = "\
openapi: 3.0.3
info:
  title: Tiny
  version: 1.0.0
paths:
  /ping:
    get:
      operationId: ping
      description: Answers pong.
      responses:
        '204':
          description: Pong.
";

/// Every directory and file under `root`, with the files' contents: two snapshots are equal
/// exactly when nothing was created, changed or deleted.
pub fn snapshot(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut tree = BTreeMap::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let key = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                tree.insert(format!("{key}/"), None);
                pending.push(path);
            } else {
                tree.insert(key, Some(fs::read(&path).unwrap()));
            }
        }
    }
    tree
}

/// A one-shot HTTP/1.1 server on a loopback port.
pub struct Server {
    /// `http://127.0.0.1:<port>/openapi`.
    pub url: String,
    requests: mpsc::Receiver<String>,
}

impl Server {
    /// Serves one connection: `GET /openapi` gets `status` (`"200 OK"`) with `body`, any
    /// other request a 404. The thread ends after that connection.
    pub fn start(status: &'static str, body: Vec<u8>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (sender, requests) = mpsc::channel();
        thread::spawn(move || {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            let request_line = head.lines().next().unwrap_or_default().to_owned();
            let (status, body) = if request_line.starts_with("GET /openapi ") {
                (status, body)
            } else {
                ("404 Not Found", b"not found".to_vec())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/yaml\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
            let _ = stream.flush();
            let _ = sender.send(request_line);
        });
        Server { url: format!("http://127.0.0.1:{port}/openapi"), requests }
    }

    /// The request line the server received (`GET /openapi HTTP/1.1`).
    pub fn request_line(&self) -> String {
        self.requests.recv_timeout(Duration::from_secs(10)).expect("the server received no request")
    }
}

/// A URL on which nothing listens: a port that was free a moment ago.
pub fn unreachable_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/openapi")
}

/// The marker [`change_description`] appends.
pub const MARKER: &str = "XtaskTestMarker";

/// Changes one description of a YAML `document`: the first plain one-line description whose
/// text appears verbatim in a file under `generated_dir` (so it is known to be emitted) gets
/// [`MARKER`] appended. Panics when there is none.
pub fn change_description(document: &str, generated_dir: &Path) -> String {
    let generated: Vec<String> = snapshot(generated_dir)
        .into_values()
        .flatten()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let mut lines: Vec<String> = document.lines().map(str::to_owned).collect();
    for line in &mut lines {
        let trimmed = line.trim_start().trim_start_matches("- ");
        let Some(text) = trimmed.strip_prefix("description: ") else {
            continue;
        };
        let text = text.trim_end();
        let plain = !text.starts_with(['|', '>', '"', '\'', '&', '*', '!']) && !text.contains(" #");
        if plain && text.len() >= 12 && generated.iter().any(|file| file.contains(text)) {
            *line = format!("{} {MARKER}", line.trim_end());
            let mut changed = lines.join("\n");
            if document.ends_with('\n') {
                changed.push('\n');
            }
            return changed;
        }
    }
    panic!("no one-line description of the document appears verbatim under {}", generated_dir.display());
}

/// The Edge `document` (YAML) without its merge operation, which the session layer calls.
pub fn without_merge(document: &str) -> String {
    let start = document.find("  /user-attributes/actions/merge:").expect("the merge path");
    let end = document.find("  /events:").expect("the events path, after it");
    format!("{}{}", &document[..start], &document[end..])
}
