//! Generates the pet store client into `OUT_DIR` (`src/lib.rs` includes it); cargo runs this
//! again when the document changes.

fn main() {
    let config = generator::Config::new("petstore");
    if let Err(error) = generator::build_script::generate("petstore.yaml", &config) {
        // A build script reports by failing; the message names the document and the pointer.
        panic!("{error}");
    }
}
