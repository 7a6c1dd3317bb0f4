//! `servers` -> the servers enum, or the path of a relative server.
//!
//! - Server URL variables take their `default`; the variant's docs list the variables with
//!   their defaults, allowed values and descriptions (another value: give
//!   `ClientBuilder::base_url` the URL).
//! - `//host/path` (scheme-relative) is taken as `https://host/path`.
//! - A relative URL (`/api/v3`, `v1`) is relative to where the document is served, which the
//!   client cannot know: it is no variant. When the document names no absolute server, the
//!   first relative server's path is kept, and a base URL given without a path (scheme and
//!   host only) gets it appended. `/` (and `.`) add nothing.
//! - What cannot be used is listed in the crate's docs: servers of other schemes, a variable
//!   without a `variables` entry, relative servers beside absolute ones, and the `servers` of
//!   path items and operations (every request goes to the client's one base URL).

use openapiv3::{OpenAPI, ReferenceOr, Server as OaServer};

use crate::config::Config;
use crate::ident::{self, Scope};
use crate::model::{Docs, Server};
use crate::pointer;

/// The servers of the document, as the client uses them.
pub(crate) struct Servers {
    /// The absolute servers: the servers enum.
    pub list: Vec<Server>,
    /// The path of the relative server, when the document names no absolute one.
    pub relative: Option<String>,
    /// What is not used, for the crate's docs.
    pub notes: Vec<String>,
}

pub(crate) fn servers(doc: &OpenAPI, config: &Config) -> Servers {
    let mut scope = Scope::default();
    let mut list = Vec::new();
    let mut relative: Vec<(String, String)> = Vec::new();
    let mut notes = Vec::new();
    for (i, server) in doc.servers.iter().enumerate() {
        let at = pointer::join("/servers", &[&i.to_string()]);
        let url = match substitute(server) {
            Ok(url) => url,
            Err(reason) => {
                notes.push(format!("server `{}` (`{at}`): {reason}", server.url));
                continue;
            }
        };
        let (url, scheme_note) = match url.strip_prefix("//") {
            Some(rest) => (format!("https://{rest}"), Some("The document gives no scheme (`//...`): `https` is used.")),
            None => (url, None),
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            if url.contains("://") {
                notes.push(format!("server `{url}` (`{at}`): only `http` and `https` servers are used"));
            } else {
                relative.push((url, at));
            }
            continue;
        }
        let name = match config.server_names.get(&server.url).or_else(|| config.server_names.get(&url)) {
            Some(name) => name.clone(),
            None => ident::type_name(server.description.as_deref().unwrap_or(""), &format!("Server{i}")),
        };
        let variables = variables_doc(server);
        list.push(Server {
            variant: scope.claim(&name),
            docs: Docs::new(&[server.description.as_deref(), scheme_note, variables.as_deref()], || format!("`{url}`")),
            url,
        });
    }
    let mut relative = relative.into_iter();
    let path = match relative.next() {
        Some((url, at)) if !list.is_empty() => {
            notes.push(format!(
                "relative server `{url}` (`{at}`): the document names absolute servers too; give `ClientBuilder::base_url` the full URL"
            ));
            None
        }
        Some((url, _)) => Some(relative_path(&url)).filter(|p| !p.is_empty()),
        None => None,
    };
    for (url, at) in relative {
        notes.push(format!("relative server `{url}` (`{at}`): only the first server of the document is used"));
    }
    notes.extend(local_servers(doc));
    Servers { list, relative: path, notes }
}

/// The URL with each `{variable}` replaced by its default.
fn substitute(server: &OaServer) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = server.url.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { return Err("unclosed `{` in the URL".to_owned()) };
        let name = &rest[open + 1..open + close];
        match server.variables.as_ref().and_then(|v| v.get(name)) {
            Some(variable) => out.push_str(&variable.default),
            None => return Err(format!("the variable `{name}` has no entry in `variables`")),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `/api/v3` from `api/v3/`, `./api/v3`, `/api/v3/`; empty for `/` and `.`.
fn relative_path(url: &str) -> String {
    let path = url.trim_start_matches("./").trim_matches('/');
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!("/{path}")
    }
}

/// The docs of a server's variables, when it has any.
fn variables_doc(server: &OaServer) -> Option<String> {
    let variables = server.variables.as_ref().filter(|v| !v.is_empty())?;
    let mut text =
        format!("The document's URL is `{}`; this variant uses the defaults of its variables:\n", server.url);
    for (name, variable) in variables {
        let mut line = format!("\n- `{name}`: `{}`", variable.default);
        if !variable.enumeration.is_empty() {
            let values: Vec<String> = variable.enumeration.iter().map(|v| format!("`{v}`")).collect();
            line.push_str(&format!(" (one of {})", values.join(", ")));
        }
        if let Some(description) = variable.description.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            line.push_str(&format!(" — {}", description.replace('\n', " ")));
        }
        text.push_str(&line);
    }
    text.push_str("\n\nFor other values, give `ClientBuilder::base_url` the URL.");
    Some(text)
}

/// Notes for `servers` of path items and operations, which the client does not use.
fn local_servers(doc: &OpenAPI) -> Vec<String> {
    let mut places = Vec::new();
    for (path, item) in doc.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else { continue };
        let item_at = pointer::join("/paths", &[path]);
        if !item.servers.is_empty() {
            places.push(format!("`{item_at}/servers`"));
        }
        for (method, op) in item.iter() {
            if !op.servers.is_empty() {
                places.push(format!("`{}`", pointer::join(&item_at, &[method, "servers"])));
            }
        }
    }
    if places.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "servers of path items and operations ({}): every request goes to the client's base URL",
        places.join(", ")
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn servers_of(yaml: &str) -> Servers {
        let text = format!("openapi: 3.0.3\ninfo: {{title: t, version: v}}\npaths: {{}}\nservers:\n{yaml}");
        let doc: OpenAPI = serde_saphyr::from_str(&text).expect("parses");
        servers(&doc, &Config::new("t"))
    }

    #[test]
    fn variables_take_their_defaults_and_are_documented() {
        let s = servers_of(
            "  - url: 'https://{name}.example.com:{port}/{base}'\n    description: Main\n    variables:\n      name: {default: demo}\n      port: {default: '3000', enum: ['3000', '5000'], description: The port.}\n      base: {default: v1}\n",
        );
        assert_eq!(s.list.len(), 1);
        assert_eq!(s.list[0].url, "https://demo.example.com:3000/v1");
        assert_eq!(s.list[0].variant, "Main");
        let docs = &s.list[0].docs.text;
        assert!(docs.starts_with("Main\n\nThe document's URL is `https://{name}.example.com:{port}/{base}`"), "{docs}");
        assert!(docs.contains("\n- `port`: `3000` (one of `3000`, `5000`) — The port."), "{docs}");
        assert!(s.notes.is_empty() && s.relative.is_none());
    }

    #[test]
    fn a_variable_without_an_entry_skips_the_server_with_a_note() {
        let s = servers_of("  - url: 'https://{region}.example.com'\n  - url: https://ok.example.com\n");
        assert_eq!(s.list.len(), 1);
        assert_eq!(s.list[0].url, "https://ok.example.com");
        assert_eq!(s.list[0].variant, "Server1");
        assert_eq!(
            s.notes,
            ["server `https://{region}.example.com` (`/servers/0`): the variable `region` has no entry in `variables`"]
        );
    }

    #[test]
    fn relative_servers_give_a_path_when_no_server_is_absolute() {
        let s = servers_of("  - url: /api/v3/\n  - url: /v2\n");
        assert!(s.list.is_empty());
        assert_eq!(s.relative.as_deref(), Some("/api/v3"));
        assert_eq!(s.notes.len(), 1);
        assert!(s.notes[0].contains("`/v2` (`/servers/1`)"), "{:?}", s.notes);
        assert_eq!(servers_of("  - url: /\n").relative, None);
        assert_eq!(servers_of("  - url: v1\n").relative.as_deref(), Some("/v1"));
        assert_eq!(
            servers_of("  - url: '{base}'\n    variables: {base: {default: /x}}\n").relative.as_deref(),
            Some("/x")
        );

        let s = servers_of("  - url: /v1\n  - url: https://api.example.com\n");
        assert_eq!(s.list.len(), 1);
        assert_eq!(s.relative, None);
        assert!(s.notes[0].starts_with("relative server `/v1` (`/servers/0`): the document names absolute servers too"));
    }

    #[test]
    fn scheme_relative_urls_are_https_and_other_schemes_are_noted() {
        let s = servers_of("  - url: //api.example.com/v1\n  - url: ws://socket.example.com\n");
        assert_eq!(s.list.len(), 1);
        assert_eq!(s.list[0].url, "https://api.example.com/v1");
        assert!(s.list[0].docs.text.contains("`https` is used"));
        assert_eq!(
            s.notes,
            ["server `ws://socket.example.com` (`/servers/1`): only `http` and `https` servers are used"]
        );
    }
}
