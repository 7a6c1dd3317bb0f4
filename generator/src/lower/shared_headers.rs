//! Operations whose successes declare the same response headers (the same names, types,
//! docs and whether required) share one struct of them, as structurally identical inline
//! schemas share one type: GitHub's description gives 150 operations a `Link` header alone,
//! which were 150 structs, 150 `FromHead` impls and 150 sets of accessors.
//!
//! The shared struct is named after its headers (`LinkResponseHeaders`); an operation whose
//! headers no other operation has keeps its own name (`GetManifestResponseHeaders`).

use std::collections::BTreeMap;

use super::schema::TypeSpace;
use crate::ident;
use crate::model::{Operation, ResponseHeader};

/// Gives the operations with alike headers one struct, named after the headers.
pub(super) fn share(operations: &mut [Operation], types: &mut TypeSpace) {
    let mut alike: BTreeMap<Vec<ResponseHeader>, Vec<usize>> = BTreeMap::new();
    for (at, op) in operations.iter().enumerate() {
        if let Some((_, headers)) = &op.response_headers {
            alike.entry(headers.clone()).or_default().push(at);
        }
    }
    // In the order of the first operation of each, so names are claimed as the document
    // reads.
    let mut groups: Vec<(Vec<ResponseHeader>, Vec<usize>)> =
        alike.into_iter().filter(|(_, users)| users.len() > 1).collect();
    groups.sort_by_key(|(_, users)| users[0]);
    for (headers, users) in groups {
        let hint: String = headers.iter().map(|h| ident::type_name(&h.name, "Header")).collect();
        let name = types.claim(&format!("{hint}ResponseHeaders"));
        for at in users {
            if let Some((own, _)) = &mut operations[at].response_headers {
                types.release(own);
                own.clone_from(&name);
            }
        }
    }
}
