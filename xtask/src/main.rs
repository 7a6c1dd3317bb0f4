//! `cargo xtask <command>`: see [`xtask::USAGE`].

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use xtask::Error;

fn main() -> ExitCode {
    // The xtask crate sits at `<root>/xtask`.
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.parent().unwrap_or(manifest_dir);

    let args: Result<Vec<String>, Error> = std::env::args_os()
        .skip(1)
        .map(|arg| {
            arg.into_string().map_err(|arg| Error::Usage(format!("argument `{}` is not UTF-8", arg.to_string_lossy())))
        })
        .collect();
    let result = args
        .and_then(|args| xtask::parse(&args))
        .and_then(|command| xtask::run(root, &command, &mut std::io::stdout().lock()));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Error::OutOfDate { details, .. } = &error {
                let _ = std::io::stdout().lock().write_all(details.as_bytes());
            }
            eprintln!("error: {error}");
            if let Error::Usage(_) = error {
                eprintln!();
                eprint!("{}", xtask::USAGE);
            }
            ExitCode::from(error.exit_code())
        }
    }
}
