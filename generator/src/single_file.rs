//! The generated module tree (`src/generated/mod.rs` and the files it declares) as one file
//! holding one inline module, for a build script to write into `OUT_DIR` and a crate to
//! `include!`: `include!` cannot follow `mod x;` to files beside it, nor take inner
//! attributes at the top of the file, so each declared module is replaced by its file's items,
//! and the file's inner attributes (`//!` docs, `#![allow]`) go inside the inline module,
//! where they mean what they meant in the file (intra-doc links resolve in the module).

use syn::{Item, ItemMod};

use crate::error::{Error, ErrorKind};
use crate::files::Files;

/// The generated modules of `files` as one file: `pub mod <module> { ... }`.
pub(crate) fn single_file(files: &Files, module: &str) -> Result<String, Error> {
    let root = read(files, "src/generated/mod.rs")?;
    let items = inline(files, "src/generated", root.items)?;
    let name = syn::parse_str::<syn::Ident>(module)
        .map_err(|e| Error::new(ErrorKind::Config, "", format!("`{module}` cannot name a module: {e}")))?;
    let attrs = root.attrs;
    let file: syn::File = syn::parse_quote! {
        pub mod #name {
            #( #attrs )*
            #( #items )*
        }
    };
    Ok(prettyplease::unparse(&file))
}

fn read(files: &Files, path: &str) -> Result<syn::File, Error> {
    let text = files
        .get(path)
        .ok_or_else(|| Error::new(ErrorKind::Unsupported, "", format!("internal error: no generated {path}")))?;
    syn::parse_file(text)
        .map_err(|e| Error::new(ErrorKind::Unsupported, "", format!("internal error: {path} does not parse: {e}")))
}

/// `items` of the file of directory `dir` (its `mod.rs`, or the file `dir.rs`), with every
/// `mod x;` replaced by `mod x { <items of dir/x.rs or dir/x/mod.rs> }`.
fn inline(files: &Files, dir: &str, items: Vec<Item>) -> Result<Vec<Item>, Error> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Mod(declared) if declared.content.is_none() => {
                let name = declared.ident.to_string();
                let (path, child_dir) = match files.get(&format!("{dir}/{name}.rs")) {
                    Some(_) => (format!("{dir}/{name}.rs"), format!("{dir}/{name}")),
                    None => (format!("{dir}/{name}/mod.rs"), format!("{dir}/{name}")),
                };
                let file = read(files, &path)?;
                let content = inline(files, &child_dir, file.items)?;
                // Outer attributes of the declaration (`#[cfg]`, docs), then the file's inner ones.
                let mut attrs = declared.attrs;
                attrs.extend(file.attrs);
                Ok(Item::Mod(ItemMod { attrs, content: Some((Default::default(), content)), semi: None, ..declared }))
            }
            other => Ok(other),
        })
        .collect()
}
