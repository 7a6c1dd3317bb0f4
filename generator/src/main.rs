//! `openapi-rust-generator`: a Rust client crate from an OpenAPI 3.0 or 3.1 document.
//!
//! ```text
//! cargo install --path generator
//! openapi-rust-generator --spec petstore.yaml --out petstore-client --name petstore-client
//! ```

use std::process::ExitCode;

use generator::cli;

const USAGE: &str = "\
Usage: openapi-rust-generator --spec FILE --out DIR --name CRATE [--config FILE] [--check]

Writes a client crate (types, request builders, its runtime) for an OpenAPI 3.0 or 3.1
document. A document the generator cannot map is an error naming its JSON pointer.

Options:
";

fn main() -> ExitCode {
    let args: Vec<String> = match std::env::args_os().skip(1).map(|a| a.into_string()).collect() {
        Ok(args) => args,
        Err(arg) => return fail(&cli::Error::Usage(format!("argument `{}` is not UTF-8", arg.to_string_lossy()))),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["--help" | "-h"] => {
            print!("{USAGE}{}", cli::OPTIONS);
            return ExitCode::SUCCESS;
        }
        ["--version" | "-V"] => {
            println!("openapi-rust-generator {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    match cli::parse(&args).and_then(|options| cli::run_before_exit(&options, "openapi-rust-generator")) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

fn fail(error: &cli::Error) -> ExitCode {
    eprintln!("error: {error}");
    if let cli::Error::Usage(_) = error {
        eprint!("\n{USAGE}{}", cli::OPTIONS);
        return ExitCode::from(2);
    }
    ExitCode::from(1)
}
