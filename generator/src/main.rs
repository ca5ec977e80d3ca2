use clap::{Parser, Subcommand};
use graphgen::page::ApiVersion;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "graphgen", version, about = "Microsoft Graph API reference pages → a typed Rust client")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print one page's model as JSON (what graphgen read from it) and its diagnostics.
    Page {
        file: PathBuf,
        /// Take the page as this API version (v1.0 or beta) whatever it says.
        #[arg(long, value_parser = parse_version)]
        api_version: Option<ApiVersion>,
    },
}

fn parse_version(s: &str) -> Result<ApiVersion, String> {
    ApiVersion::parse(s).ok_or_else(|| format!("expected v1.0 or beta, found {s:?}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Page { file, api_version } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {}: {e}", file.display());
                    return ExitCode::from(2);
                }
            };
            let result = graphgen::read_page_text(&file.display().to_string(), &text, api_version);
            println!("{}", serde_json::to_string_pretty(&result.model).expect("page models serialize"));
            for d in &result.diagnostics {
                eprintln!("{d}");
            }
            ExitCode::SUCCESS
        }
    }
}
