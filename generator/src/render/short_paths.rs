//! Paths as a person writes them. Emit spells every path in full (`::std::option::Option`,
//! `super::runtime::Error`) so that no schema or operation name can change what generated code
//! means; this pass then shortens each path whose short form the file leaves unambiguous:
//! prelude names (`Option`, `Some`, `String`, ...) unless the file defines an item of that
//! name, crates without the leading `::`, and the sibling modules through `use` lines at the
//! top (`rt::` for the runtime, `types::`, `builder::`, `Client`). Besides reading better, the short forms let most calls
//! and signatures fit on one line.

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};

/// Full std paths and the prelude name that means the same, longest first where one is the
/// start of another.
const PRELUDE: &[(&[&str], &str)] = &[
    (&["std", "option", "Option", "Some"], "Some"),
    (&["std", "option", "Option", "None"], "None"),
    (&["std", "option", "Option"], "Option"),
    (&["std", "result", "Result", "Ok"], "Ok"),
    (&["std", "result", "Result", "Err"], "Err"),
    (&["std", "result", "Result"], "Result"),
    (&["std", "string", "String"], "String"),
    (&["std", "string", "ToString"], "ToString"),
    (&["std", "vec", "Vec"], "Vec"),
    (&["std", "boxed", "Box"], "Box"),
    (&["std", "default", "Default"], "Default"),
    (&["std", "convert", "From"], "From"),
    (&["std", "convert", "Into"], "Into"),
    (&["std", "iter", "IntoIterator"], "IntoIterator"),
    (&["std", "clone", "Clone"], "Clone"),
];

/// Sibling modules reached through `super::<module>::`: the module, and the name the file
/// imports it as.
const SIBLINGS: &[(&str, &str)] = &[("runtime", "rt"), ("types", "types"), ("builder", "builder")];

/// Shortens the paths of `file`, the module `module` (`types`, `client`, ...) of a generated
/// crate, adding the `use` lines the short paths need. With `gated` (tag features), items may
/// all be compiled out, so the imports allow being unused.
pub(super) fn shorten(file: &mut syn::File, module: &str, gated: bool) {
    let defined = defined_names(file);
    let mut shortener = Shortener { defined: &defined, module, imports: BTreeSet::new(), client: false };
    shortener.visit_file_mut(file);
    let mut uses: Vec<syn::Item> = Vec::new();
    for (sibling, alias) in SIBLINGS {
        if shortener.imports.contains(sibling) {
            let sibling = syn::Ident::new(sibling, proc_macro2::Span::call_site());
            let alias = syn::Ident::new(alias, proc_macro2::Span::call_site());
            uses.push(if sibling == alias {
                syn::parse_quote!(use super::#sibling;)
            } else {
                syn::parse_quote!(use super::#sibling as #alias;)
            });
        }
    }
    if shortener.client {
        uses.push(syn::parse_quote!(
            use super::client::Client;
        ));
    }
    if gated {
        for item in &mut uses {
            if let syn::Item::Use(item) = item {
                item.attrs.push(syn::parse_quote!(#[allow(unused_imports)]));
            }
        }
    }
    file.items.splice(0..0, uses);
}

/// The names the file's own items take, in either namespace: a prelude name or an import
/// among them keeps its full path.
fn defined_names(file: &syn::File) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for item in &file.items {
        let ident = match item {
            syn::Item::Struct(item) => &item.ident,
            syn::Item::Enum(item) => &item.ident,
            syn::Item::Union(item) => &item.ident,
            syn::Item::Type(item) => &item.ident,
            syn::Item::Fn(item) => &item.sig.ident,
            syn::Item::Const(item) => &item.ident,
            syn::Item::Static(item) => &item.ident,
            syn::Item::Mod(item) => &item.ident,
            syn::Item::Trait(item) => &item.ident,
            syn::Item::Use(item) => {
                use_names(&item.tree, &mut names);
                continue;
            }
            _ => continue,
        };
        names.insert(ident.to_string());
    }
    names
}

fn use_names(tree: &syn::UseTree, names: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(path) => use_names(&path.tree, names),
        syn::UseTree::Name(name) => {
            names.insert(name.ident.to_string());
        }
        syn::UseTree::Rename(rename) => {
            names.insert(rename.rename.to_string());
        }
        // A glob could bring any name: nothing is shortened to one.
        syn::UseTree::Glob(_) => {
            names.extend(PRELUDE.iter().map(|(_, short)| (*short).to_owned()));
            names.extend(SIBLINGS.iter().map(|(_, alias)| (*alias).to_owned()));
            names.insert("Client".to_owned());
        }
        syn::UseTree::Group(group) => group.items.iter().for_each(|tree| use_names(tree, names)),
    }
}

struct Shortener<'a> {
    defined: &'a BTreeSet<String>,
    module: &'a str,
    /// The sibling modules a shortened path now reaches through an import.
    imports: BTreeSet<&'static str>,
    /// Whether `Client` is now imported.
    client: bool,
}

impl Shortener<'_> {
    /// The tokens of a table with the type of each entry (after a lone `:`, up to the `=` of
    /// a member name or the `,` before the next entry, outside `<..>`) shortened.
    fn table_types(&mut self, tokens: TokenStream) -> TokenStream {
        tokens
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => self.with_entry_types(&group),
                other => other,
            })
            .collect()
    }

    /// The tokens of a `setters!` table with each setter's argument type (in its
    /// parentheses, after the lone `:`) and value (after `=`, up to the `,` before the next
    /// entry) shortened.
    fn setter_paths(&mut self, tokens: TokenStream) -> TokenStream {
        let mut out: Vec<TokenTree> = Vec::new();
        let mut value: Option<Vec<TokenTree>> = None;
        for tree in tokens {
            let punct = match &tree {
                TokenTree::Punct(punct) => Some(punct.as_char()),
                _ => None,
            };
            match (&mut value, punct, &tree) {
                (Some(collected), Some(','), _) => {
                    let collected: TokenStream = std::mem::take(collected).into_iter().collect();
                    out.extend(self.shortened::<syn::Expr>(collected, Self::visit_expr_mut));
                    value = None;
                    out.push(tree);
                }
                (Some(collected), _, _) => collected.push(tree),
                (None, Some('='), _) => {
                    out.push(tree);
                    value = Some(Vec::new());
                }
                (None, _, TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
                    out.push(self.with_entry_types(group));
                }
                (None, _, _) => out.push(tree),
            }
        }
        if let Some(collected) = value {
            out.extend(self.shortened::<syn::Expr>(collected.into_iter().collect(), Self::visit_expr_mut));
        }
        out.into_iter().collect()
    }

    /// The tokens of an `operations!` table with the types and values of each method's
    /// arguments (in its parentheses: `name: Type` or `name: Type = value`) shortened.
    fn operation_paths(&mut self, tokens: TokenStream) -> TokenStream {
        tokens
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis => self.with_entry_types(&group),
                other => other,
            })
            .collect()
    }

    /// `group` (the braces of a table, the parentheses of a setter) with its entries' types
    /// shortened.
    fn with_entry_types(&mut self, group: &Group) -> TokenTree {
        let mut shortened = Group::new(group.delimiter(), self.entry_types(group.stream()));
        shortened.set_span(group.span());
        TokenTree::Group(shortened)
    }

    /// Entries `name: Type`, each type shortened (after a lone `:`, up to a `,` or `=` outside
    /// `<..>`), and so is the value after a lone `=` (up to the next `,`): an argument's
    /// conversion in `operations!`, a member name (a literal, left as it is) in a table.
    fn entry_types(&mut self, entries: TokenStream) -> TokenStream {
        /// What the tokens being read belong to.
        enum Part {
            Other,
            Type(Vec<TokenTree>),
            Value(Vec<TokenTree>),
        }
        let mut out: Vec<TokenTree> = Vec::new();
        let mut part = Part::Other;
        let mut depth = 0usize;
        let mut joint_colon = false;
        for tree in entries {
            let punct = match &tree {
                TokenTree::Punct(punct) => Some((punct.as_char(), punct.spacing())),
                _ => None,
            };
            let after_joint = std::mem::replace(&mut joint_colon, punct == Some((':', Spacing::Joint)));
            let ends = matches!(punct, Some((',' | '=', Spacing::Alone)));
            match (&mut part, punct) {
                (Part::Type(_), Some(('<', _))) => depth += 1,
                (Part::Type(_), Some(('>', _))) if depth > 0 => depth -= 1,
                (Part::Type(collected), _) if ends && depth == 0 => {
                    let collected = std::mem::take(collected).into_iter().collect();
                    out.extend(self.shortened::<syn::Type>(collected, Self::visit_type_mut));
                    part = Part::Other;
                }
                (Part::Value(collected), Some((',', _))) => {
                    let collected = std::mem::take(collected).into_iter().collect();
                    out.extend(self.shortened::<syn::Expr>(collected, Self::visit_expr_mut));
                    part = Part::Other;
                }
                (Part::Other, Some((':', Spacing::Alone))) if !after_joint => {
                    out.push(tree);
                    part = Part::Type(Vec::new());
                    continue;
                }
                _ => {}
            }
            match &mut part {
                Part::Type(collected) | Part::Value(collected) => collected.push(tree),
                Part::Other => {
                    let starts_value = punct == Some(('=', Spacing::Alone));
                    out.push(tree);
                    if starts_value {
                        part = Part::Value(Vec::new());
                    }
                }
            }
        }
        match part {
            Part::Type(collected) => {
                out.extend(self.shortened::<syn::Type>(collected.into_iter().collect(), Self::visit_type_mut));
            }
            Part::Value(collected) => {
                out.extend(self.shortened::<syn::Expr>(collected.into_iter().collect(), Self::visit_expr_mut));
            }
            Part::Other => {}
        }
        out.into_iter().collect()
    }

    /// Tokens of a type or an expression (`T`) shortened like any of the file by `visit`; left
    /// as they are when they do not parse as one.
    fn shortened<T: syn::parse::Parse + ToTokens>(
        &mut self,
        tokens: TokenStream,
        visit: fn(&mut Self, &mut T),
    ) -> TokenStream {
        match syn::parse2::<T>(tokens.clone()) {
            Ok(mut node) => {
                visit(self, &mut node);
                node.into_token_stream()
            }
            Err(_) => tokens,
        }
    }

    fn free(&self, name: &str) -> bool {
        !self.defined.contains(name)
    }

    /// How many leading segments of `path` are `words` (none with generic arguments but the
    /// last, whose arguments the short segment keeps).
    fn starts_with(path: &syn::Path, words: &[&str]) -> bool {
        path.segments.len() >= words.len()
            && path.segments.iter().zip(words).enumerate().all(|(i, (segment, word))| {
                segment.ident == word && (i + 1 == words.len() || segment.arguments.is_none())
            })
    }

    /// Replaces the first `count` segments of `path` by `short` (keeping the arguments of the
    /// last of them) and drops the leading `::`.
    fn replace(path: &mut syn::Path, count: usize, short: &str) {
        let mut old = std::mem::take(&mut path.segments).into_iter();
        let arguments = old.by_ref().take(count).last().map(|segment| segment.arguments).unwrap_or_default();
        path.segments
            .push(syn::PathSegment { ident: syn::Ident::new(short, proc_macro2::Span::call_site()), arguments });
        path.segments.extend(old);
        path.leading_colon = None;
    }
}

impl VisitMut for Shortener<'_> {
    /// The types in a struct's table (`object_impls!`) and the arguments and values of a
    /// builder's setters (`setters!`), which emit spells in full like any other path, though
    /// syn sees only the macro's tokens.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        visit_mut::visit_macro_mut(self, mac);
        match mac.path.segments.last().map(|segment| segment.ident.to_string()).as_deref() {
            Some("object_impls") => mac.tokens = self.table_types(std::mem::take(&mut mac.tokens)),
            Some("setters") => mac.tokens = self.setter_paths(std::mem::take(&mut mac.tokens)),
            Some("operations") => mac.tokens = self.operation_paths(std::mem::take(&mut mac.tokens)),
            _ => {}
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_some() {
            match PRELUDE.iter().find(|(words, _)| Self::starts_with(path, words)) {
                Some((words, short)) if self.free(short) => Self::replace(path, words.len(), short),
                Some(_) => {}
                // A crate (`::std`, `::serde`, `::http`): the same without `::` while no item
                // of the file takes its name.
                None if self.free(&path.segments[0].ident.to_string()) => path.leading_colon = None,
                None => {}
            }
            return;
        }
        if path.segments.len() < 3 || path.segments[0].ident != "super" || !path.segments[0].arguments.is_none() {
            return;
        }
        if Self::starts_with(path, &["super", "client", "Client"]) && self.module != "client" && self.free("Client") {
            Self::replace(path, 3, "Client");
            self.client = true;
            return;
        }
        for (sibling, alias) in SIBLINGS {
            if *sibling != self.module && Self::starts_with(path, &["super", sibling]) && self.free(alias) {
                Self::replace(path, 2, alias);
                self.imports.insert(sibling);
                return;
            }
        }
        // `super::builder::Name` in `builder.rs`: the item `Name` of the file itself, unless
        // a one-letter name could be a generic parameter where it is used.
        let item = path.segments[2].ident.to_string();
        if path.segments.len() == 3 && path.segments[1].ident == self.module && !self.free(&item) && item.len() > 1 {
            let mut old = std::mem::take(&mut path.segments).into_iter();
            path.segments.extend(old.by_ref().skip(2));
        }
    }
}
