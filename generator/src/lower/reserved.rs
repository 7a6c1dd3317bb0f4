//! The names generated code gives itself, which names taken from the document may not take.
//!
//! One table: each name says where the generated code already uses it and why, and every
//! scope that hands out names from the document ([`Space`]) reads its reserved names here.

/// A namespace of the generated crate that names from the document go into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    /// Methods of `Client`: one per operation.
    ClientMethod,
    /// A client setting (a header set once, a credential): each is a `ClientBuilder` setter
    /// and a field of `Client` and `ClientBuilder`, so it may take neither a method nor a
    /// field name of theirs.
    ClientSetting,
    /// Fields and methods of an operation's request builder: one per parameter and body
    /// setter.
    Builder,
    /// Methods of `runtime::ResponseValue`: one typed accessor per response header.
    Response,
}

use Space::{Builder, ClientMethod, ClientSetting, Response};

/// A name and the spaces it is taken in, with the reason.
struct Reserved {
    name: &'static str,
    taken_in: &'static [Space],
    #[allow(dead_code, reason = "the table documents itself; the reason is read by people")]
    why: &'static str,
}

const TABLE: &[Reserved] = &[
    Reserved {
        name: "new",
        taken_in: &[ClientMethod, ClientSetting, Response],
        why: "the constructor of `Client` and of `ResponseValue`",
    },
    Reserved {
        name: "builder",
        taken_in: &[ClientMethod, ClientSetting],
        why: "`Client::builder()`, which starts a `ClientBuilder`",
    },
    Reserved {
        name: "base_url",
        taken_in: &[ClientMethod, ClientSetting],
        why: "`ClientBuilder::base_url` and `Client::base_url`",
    },
    Reserved {
        name: "http_client",
        taken_in: &[ClientSetting],
        why: "`ClientBuilder::http_client`, a caller-supplied `reqwest::Client`",
    },
    Reserved {
        name: "transport",
        taken_in: &[ClientMethod, ClientSetting],
        why: "`ClientBuilder::transport` and `Client::transport`, the transport requests go through",
    },
    Reserved { name: "hook", taken_in: &[ClientSetting], why: "`ClientBuilder::hook`, which adds a request hook" },
    Reserved {
        name: "call_timeout",
        taken_in: &[ClientMethod, ClientSetting, Builder],
        why: "the per-call timeout, settable on `ClientBuilder` and on each request builder",
    },
    Reserved {
        name: "max_response_bytes",
        taken_in: &[ClientMethod, ClientSetting, Builder],
        why: "the largest answer body, settable on `ClientBuilder` and on each request builder",
    },
    Reserved {
        name: "region",
        taken_in: &[ClientMethod, ClientSetting],
        why: "`ClientBuilder::region`, the servers enum's setter",
    },
    Reserved { name: "build", taken_in: &[ClientMethod, ClientSetting], why: "`ClientBuilder::build`" },
    Reserved {
        name: "default",
        taken_in: &[ClientSetting],
        why: "`Default::default` of `ClientBuilder`, which `Client::builder` calls: a setter of the name would \
              shadow it",
    },
    Reserved {
        name: "clone",
        taken_in: &[ClientMethod, ClientSetting, Builder],
        why: "`Clone::clone` of `Client`, `ClientBuilder` and the request builders, which a method of the name \
              would shadow",
    },
    Reserved {
        name: "call",
        taken_in: &[ClientMethod, ClientSetting],
        why: "`Client::call`, which starts the request of every operation",
    },
    Reserved {
        name: "limits",
        taken_in: &[ClientSetting, Builder],
        why: "the field of `Client`, `ClientBuilder` and every request builder holding the call limits",
    },
    Reserved {
        name: "prepare",
        taken_in: &[Builder],
        why: "the request builder's `prepare`, shared by `send` and `send_stream`",
    },
    Reserved {
        name: "sender",
        taken_in: &[ClientSetting],
        why: "the field of `Client` and `ClientBuilder` that holds the transport and the hooks",
    },
    Reserved { name: "client", taken_in: &[Builder], why: "the request builder's field holding its `Client`" },
    Reserved { name: "body", taken_in: &[Builder], why: "the request builder's body field and its setter" },
    Reserved { name: "send", taken_in: &[Builder], why: "the request builder's `send`" },
    Reserved {
        name: "send_stream",
        taken_in: &[Builder],
        why: "the request builder's `send_stream`, for binary answers",
    },
    Reserved { name: "status", taken_in: &[Response], why: "`ResponseValue::status`" },
    Reserved { name: "headers", taken_in: &[Response], why: "`ResponseValue::headers`" },
    Reserved { name: "typed_headers", taken_in: &[Response], why: "`ResponseValue::typed_headers`" },
    Reserved { name: "body_bytes", taken_in: &[Response], why: "`ResponseValue::body_bytes`" },
    Reserved { name: "into_inner", taken_in: &[Response], why: "`ResponseValue::into_inner`" },
    Reserved { name: "into_parts", taken_in: &[Response], why: "`ResponseValue::into_parts`" },
    Reserved { name: "map", taken_in: &[Response], why: "`ResponseValue::map`" },
    Reserved { name: "deref", taken_in: &[Response], why: "`Deref::deref` of `ResponseValue`, called as a method" },
    Reserved {
        name: "deref_mut",
        taken_in: &[Response],
        why: "`DerefMut::deref_mut` of `ResponseValue`, called as a method",
    },
];

/// The names taken in `space`, in table order.
pub(crate) fn names(space: Space) -> Vec<&'static str> {
    TABLE.iter().filter(|r| r.taken_in.contains(&space)).map(|r| r.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_space_has_the_names_of_its_scope() {
        assert_eq!(
            names(Space::ClientMethod),
            [
                "new",
                "builder",
                "base_url",
                "transport",
                "call_timeout",
                "max_response_bytes",
                "region",
                "build",
                "clone",
                "call"
            ]
        );
        assert_eq!(
            names(Space::ClientSetting),
            [
                "new",
                "builder",
                "base_url",
                "http_client",
                "transport",
                "hook",
                "call_timeout",
                "max_response_bytes",
                "region",
                "build",
                "default",
                "clone",
                "call",
                "limits",
                "sender"
            ]
        );
        assert_eq!(
            names(Space::Builder),
            [
                "call_timeout",
                "max_response_bytes",
                "clone",
                "limits",
                "prepare",
                "client",
                "body",
                "send",
                "send_stream"
            ]
        );
        assert_eq!(
            names(Space::Response),
            [
                "new",
                "status",
                "headers",
                "typed_headers",
                "body_bytes",
                "into_inner",
                "into_parts",
                "map",
                "deref",
                "deref_mut"
            ]
        );
    }

    #[test]
    fn every_name_is_listed_once_with_a_reason() {
        for (i, r) in TABLE.iter().enumerate() {
            assert!(!r.why.is_empty() && !r.taken_in.is_empty(), "{}", r.name);
            assert!(TABLE[..i].iter().all(|other| other.name != r.name), "{} twice", r.name);
        }
    }
}
