//! The `graphgen` command line.

use clap::{Parser, Subcommand};
use graphgen::page::ApiVersion;
use graphgen::Severity;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "graphgen", version, about = "Microsoft Graph API reference pages → a typed Rust client")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct InputArgs {
    /// The folder of pages, read recursively (a docs checkout's v1.0/ works as it is).
    #[arg(long, default_value = "docs-input")]
    input: PathBuf,
    /// Only pages whose file name matches this pattern (`intune-*`).
    #[arg(long)]
    only: Option<String>,
    /// Take every page as this API version (v1.0 or beta), whatever it says.
    #[arg(long, value_parser = parse_version)]
    api_version: Option<ApiVersion>,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the crate (models, operations, example tests, schema.json).
    Generate {
        #[command(flatten)]
        input: InputArgs,
        /// The folder the crate is written to [default: generated]. graphgen
        /// replaces only the files it wrote there (listed in its .graphgen-manifest).
        #[arg(long)]
        output: Option<PathBuf>,
        /// How the crate depends on graphgen-runtime: `vendored` (its source
        /// written into the crate as graphgen-runtime/, so it builds anywhere),
        /// `path:DIR` (relative to the crate) or `version:REQ`. Default: for the
        /// default output, this repository's generated/, `path:../generator/runtime`;
        /// for any --output, `vendored`.
        #[arg(long, value_parser = graphgen::RuntimeDep::parse)]
        runtime: Option<graphgen::RuntimeDep>,
        /// Change nothing; exit 1 and name the files that would change.
        #[arg(long)]
        check: bool,
        /// Write into an output folder that holds files graphgen did not write
        /// and no manifest: the files graphgen writes are replaced, every other
        /// file is left as it is.
        #[arg(long)]
        force: bool,
        /// The generated package's name (a cargo package name: letters, digits, `-`, `_`).
        #[arg(long, default_value = "graph-client", value_parser = parse_crate_name)]
        crate_name: String,
        /// A version's models larger than this many bytes of Rust are split into
        /// crates in layers, each compiled by a rustc of its own: lower it where
        /// rustc runs out of memory.
        #[arg(long, default_value_t = graphgen::MODELS_LAYER_BYTES, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        models_layer_bytes: usize,
        /// Print every warning, not only errors and the count of warnings.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Count what a corpus yields: pages, operations, types, examples, diagnostics.
    Report {
        #[command(flatten)]
        input: InputArgs,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the least-privileged scopes that allow every operation read, per
    /// API version and permission type, and the operations whose docs do not say.
    Permissions {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Print one page's model as JSON (what graphgen read from it) and its diagnostics.
    Page {
        /// The page (Markdown, or text copied from the rendered docs).
        file: PathBuf,
        /// Take the page as this API version (v1.0 or beta), whatever it says.
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
    },
}

fn parse_crate_name(s: &str) -> Result<String, String> {
    graphgen::check_crate_name(s).map(|()| s.to_owned())
}

fn parse_version(s: &str) -> Result<ApiVersion, String> {
    ApiVersion::parse(s).ok_or_else(|| format!("expected v1.0 or beta, found {s:?}"))
}

/// Every page of the input; none at all is a mistake of the input (a wrong
/// folder, a --only that matches nothing), said, and exit code 1.
fn read(input: &InputArgs) -> Result<Vec<graphgen::PageResult>, ExitCode> {
    let only = match input.only.as_deref().map(glob::Pattern::new).transpose() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: --only: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let pages = graphgen::read_pages(&input.input, only.as_ref(), input.api_version).map_err(|e| {
        eprintln!("error: {}: {e}", input.input.display());
        ExitCode::from(2)
    })?;
    if pages.is_empty() {
        let only = input.only.as_deref().map(|o| format!(" matching {o:?}")).unwrap_or_default();
        eprintln!("warning: {}: expected pages (.md or .txt files){only}, found none; nothing is generated", input.input.display());
        return Err(ExitCode::FAILURE);
    }
    Ok(pages)
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) | Err(code) => code,
    }
}

fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    match cli.command {
        Command::Generate { input, output, runtime, check, force, crate_name, models_layer_bytes, verbose } => {
            let runtime = runtime.unwrap_or(match output {
                None => graphgen::RuntimeDep::Path(graphgen::WORKSPACE_RUNTIME.to_owned()),
                Some(_) => graphgen::RuntimeDep::Vendored,
            });
            let output = output.unwrap_or_else(|| PathBuf::from("generated"));
            let pages = read(&input)?;
            let schema = graphgen::build(&pages);
            let options = graphgen::EmitOptions { crate_name, runtime, models_layer_bytes };
            let cannot_write = |e: std::io::Error| {
                eprintln!("error: {}: {e}", output.display());
                ExitCode::from(2)
            };
            // Opened (and locked) before emitting, so the previous files
            // reused are the ones this run replaces. --check renders every
            // file afresh and compares text: it never trusts a reuse.
            let out = if check { None } else { Some(graphgen::Output::open(&output, Some(&input.input), force).map_err(cannot_write)?) };
            let (files, emit_diags) = match &out {
                Some(out) => graphgen::emit_crate_reusing(&schema, &options, &out.previous()),
                None => graphgen::emit_crate(&schema, &options),
            };
            let mut errors = 0;
            let mut warnings = 0;
            for d in schema.diagnostics.iter().chain(&emit_diags) {
                match d.severity {
                    Severity::Error => {
                        errors += 1;
                        eprintln!("{d}");
                    }
                    Severity::Warning => {
                        warnings += 1;
                        if verbose {
                            eprintln!("{d}");
                        }
                    }
                }
            }
            eprintln!(
                "{} pages, {} types, {} operations; {errors} errors, {warnings} warnings{}",
                pages.len(),
                schema.types.len(),
                schema.operations.len(),
                if verbose || warnings == 0 { "" } else { " (-v lists them; schema.json has them all)" }
            );
            match out {
                None => {
                    let changes = graphgen::changes(&output, &files).map_err(cannot_write)?;
                    if changes.is_empty() {
                        eprintln!("{} is up to date", output.display());
                    } else {
                        eprintln!("{} is stale; `graphgen generate` would change:\n{}", output.display(), changes.describe());
                        return Ok(ExitCode::FAILURE);
                    }
                }
                Some(out) => {
                    let changes = out.write(&files).map_err(|e| {
                        eprintln!("error: writing {}: {e} (the previous output is left as it was)", output.display());
                        ExitCode::from(2)
                    })?;
                    eprintln!(
                        "{}: {} added, {} modified, {} removed",
                        output.display(),
                        changes.added.len(),
                        changes.modified.len(),
                        changes.removed.len()
                    );
                }
            }
            Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Report { input, json } => {
            let pages = read(&input)?;
            let schema = graphgen::build(&pages);
            // The emitters diagnose too (examples they cannot test): counted
            // as `generate` counts them.
            let (_, emit_diagnostics) = graphgen::emit_crate(&schema, &Default::default());
            let report = graphgen::report(&pages, &schema, &emit_diagnostics);
            if json {
                print_out(&format!("{}\n", serde_json::to_string_pretty(&report).expect("reports serialize")))
            } else {
                print_out(&report.to_string())
            }
        }
        Command::Permissions { input } => {
            let pages = read(&input)?;
            print_out(&graphgen::permissions_report(&graphgen::build(&pages)))
        }
        Command::Page { file, api_version } => {
            let result = graphgen::read_page_file(&file, api_version).map_err(|e| {
                eprintln!("error: {}: {e}", file.display());
                ExitCode::from(2)
            })?;
            for d in &result.diagnostics {
                eprintln!("{d}");
            }
            print_out(&format!("{}\n", serde_json::to_string_pretty(&result.model).expect("page models serialize")))
        }
    }
}

/// Writes a command's answer to stdout. A reader that stops reading (`|
/// head`) ends the command quietly, as other tools end: `print!` would
/// panic on the broken pipe.
fn print_out(text: &str) -> Result<ExitCode, ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("error: writing the answer: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}
