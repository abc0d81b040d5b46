//! The `gloss` command: parses arguments, calls the library, prints what it
//! reports and maps the outcome to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// gloss builds annotated historical articles into a cross-linked static site.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site's folder (holding site.toml and content/).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Where to write the site [default: ROOT/public].
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Overrides base_url from site.toml, e.g. for a preview deploy.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include pages and terms marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => build(gloss::BuildOptions {
            root: gloss::root_or_current(root.as_deref()),
            output,
            base_url,
            drafts,
        }),
    }
}

fn build(options: gloss::BuildOptions) -> ExitCode {
    match gloss::build(&options) {
        Ok(report) => {
            eprint!("{}", report.warnings);
            eprintln!(
                "built {} article{} and {} term{}: {} files, {} KiB, in {} ({} ms)",
                report.articles,
                plural(report.articles),
                report.terms,
                plural(report.terms),
                report.files,
                report.bytes.div_ceil(1024),
                report.output.display(),
                report.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            eprintln!(
                "build failed: {} error{}, {} warning{}; the output folder was left as it was",
                diagnostics.error_count(),
                plural(diagnostics.error_count()),
                diagnostics.warning_count(),
                plural(diagnostics.warning_count()),
            );
            ExitCode::FAILURE
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
