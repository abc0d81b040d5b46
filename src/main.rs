//! The `gloss` command: parses arguments, calls the library, prints what it
//! reports and maps the outcome to an exit code (0 done, 1 problems in the
//! site or a failure, 2 a usage error, as clap reports it).

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::{eprintln, println};
use clap::{Args, Parser, Subcommand};
use gloss::diagnostics::Diagnostics;

/// gloss builds annotated historical articles into a cross-linked static site.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more about what is done.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site [default: ROOT/public].
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Overrides base_url from site.toml, e.g. for a preview deploy.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check the site without writing it.
    ///
    /// Reports everything build would, and also links whose #fragment or path
    /// leads nowhere (errors), images without alt text, terms no page
    /// mentions and pages no chain of links from the home page reaches
    /// (warnings); then lists the links to other sites with their counts.
    /// Exits with 1 if there are errors.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
}

/// Arguments every command that reads a site takes.
#[derive(Debug, Args)]
struct SiteArgs {
    /// The site's folder (holding site.toml and content/) [default: the current folder].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Include pages and terms marked draft = true.
    #[arg(long)]
    drafts: bool,
}

impl SiteArgs {
    fn render_options(&self, base_url: Option<String>) -> gloss::RenderOptions {
        gloss::RenderOptions {
            root: self.root.clone().unwrap_or_else(|| PathBuf::from(".")),
            base_url,
            drafts: self.drafts,
        }
    }
}

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Build {
            site,
            output,
            base_url,
        } => build(
            gloss::BuildOptions {
                site: site.render_options(base_url),
                output,
            },
            verbosity,
        ),
        Command::Check { site } => check(site.render_options(None), verbosity),
    }
}

fn build(options: gloss::BuildOptions, verbosity: Verbosity) -> ExitCode {
    match gloss::build(&options) {
        Ok(report) => {
            if verbosity != Verbosity::Quiet {
                print_diagnostics(&report.warnings);
                println!(
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
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!(
                "build failed: {}; the output folder was left as it was",
                counts(&diagnostics)
            );
            ExitCode::FAILURE
        }
    }
}

/// Prints the check's report on stdout: a line a finding (in full with -v;
/// errors only with -q), the links to other sites, then the counts.
fn check(options: gloss::RenderOptions, verbosity: Verbosity) -> ExitCode {
    let report = gloss::check(&options);
    let quiet = verbosity == Verbosity::Quiet;
    for d in report.diagnostics.iter().filter(|d| !quiet || d.is_error()) {
        match verbosity {
            Verbosity::Verbose => println!("{}", d.styled()),
            _ => println!("{}", d.headline(true)),
        }
    }
    if !quiet && !report.external.is_empty() {
        println!("external links:");
        let width = report.external[0].count.to_string().len();
        for link in &report.external {
            println!("  {:>width$} {}", link.count, link.url);
        }
    }
    println!(
        "check: {} in {} page{}",
        counts(&report.diagnostics),
        report.pages,
        plural(report.pages)
    );
    if report.diagnostics.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Every diagnostic in full, coloured on a terminal (anstream drops the
/// colours elsewhere, and when NO_COLOR is set).
fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics.iter() {
        eprintln!("{}", d.styled());
    }
}

/// "2 errors, 1 warning"
fn counts(diagnostics: &Diagnostics) -> String {
    let (e, w) = (diagnostics.error_count(), diagnostics.warning_count());
    format!("{e} error{}, {w} warning{}", plural(e), plural(w))
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
