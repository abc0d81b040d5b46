//! The `gloss` command: parses arguments, calls the library, prints what it
//! reports and maps the outcome to an exit code (0 done, 1 problems in the
//! site or a failure, 2 a usage error, as clap reports it).

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::{eprintln, println};
use clap::{Args, Parser, Subcommand};
use gloss::diagnostics::Diagnostics;

/// gloss builds annotated historical articles into a cross-linked static site.
#[derive(Debug, Parser)]
#[command(name = "gloss", version = gloss::version::LONG, about)]
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
        /// Minify HTML, CSS and JS (as minify = true in site.toml does).
        #[arg(long, overrides_with = "no_minify")]
        minify: bool,
        /// Do not minify, whatever site.toml says.
        #[arg(long, overrides_with = "minify")]
        no_minify: bool,
    },
    /// Serve the site on this machine, rebuilding and reloading open pages on every change.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 shares the site with your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
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
    /// Start a new site in DIR: settings, a sample article, two glossary
    /// terms, a README, a .gitignore, and the settings that publish it.
    Init {
        /// The folder to write the site in; created if missing. It may not
        /// hold a site.toml or a non-empty content/ already.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Where the site will be published from: the settings written
        /// download the released gloss on the host and build there.
        #[arg(
            long,
            value_name = "HOST",
            default_value = "github",
            value_parser = clap::builder::PossibleValuesParser::new(gloss::scaffold::Host::NAMES)
        )]
        host: String,
    },
    /// Write a new article or glossary term, ready to fill in.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Debug, Subcommand)]
enum NewCommand {
    /// Write content/articles/<slug>.md: a draft dated today.
    Article(NewArgs),
    /// Write content/glossary/<slug>.md.
    Term(NewArgs),
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The title; the file is named after it, so "Mozaffar ad-Dīn Shāh"
    /// becomes mozaffar-ad-din-shah.md.
    #[arg(value_parser = parse_title)]
    title: String,
    /// The site's folder (holding site.toml or content/) [default: the current folder].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// Accepts a title only if a file name can be made from it.
fn parse_title(title: &str) -> Result<String, String> {
    if gloss::scaffold::slugify(title).is_empty() {
        return Err("the title has no letters or digits to name a file after".into());
    }
    Ok(title.to_string())
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
            root: gloss::root_or_current(self.root.as_deref()),
            base_url,
            drafts: self.drafts,
            minify: None,
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
    // Builds made for the tests stop where FAILPOINTS says (RELIABILITY.md);
    // others never read it.
    let _failpoints = fail::has_failpoints().then(fail::FailScenario::setup);
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
            minify,
            no_minify,
        } => build(
            gloss::BuildOptions {
                site: gloss::RenderOptions {
                    minify: (minify || no_minify).then_some(minify),
                    ..site.render_options(base_url)
                },
                output,
            },
            verbosity,
        ),
        Command::Serve { site, port, bind } => serve(
            gloss::serve::ServeOptions {
                root: site.render_options(None).root,
                bind,
                port,
                drafts: site.drafts,
            },
            verbosity,
        ),
        Command::Init { dir, host } => {
            let host = gloss::scaffold::Host::from_name(&host).expect("clap checked the name");
            init(&dir, host, verbosity)
        }
        Command::New { what } => {
            let (kind, args) = match what {
                NewCommand::Article(args) => (gloss::scaffold::Kind::Article, args),
                NewCommand::Term(args) => (gloss::scaffold::Kind::Term, args),
            };
            new_page(
                &gloss::scaffold::NewOptions {
                    root: gloss::root_or_current(args.root.as_deref()),
                    kind,
                    title: args.title,
                    date: gloss::scaffold::today(),
                },
                verbosity,
            )
        }
        Command::Check { site } => check(site.render_options(None), verbosity),
    }
}

fn serve(options: gloss::serve::ServeOptions, verbosity: Verbosity) -> ExitCode {
    use gloss::serve::{BuildOutcome, Server};
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this machine can read the site",
            options.bind
        );
    }
    let (server, first) = match Server::start(&options) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = |outcome: BuildOutcome| match outcome {
        BuildOutcome::Built {
            generation,
            elapsed,
            warnings,
        } => {
            if verbosity != Verbosity::Quiet {
                print_diagnostics(&warnings);
                println!("build {generation} done in {} ms", elapsed.as_millis());
            }
        }
        BuildOutcome::Failed(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!(
                "build failed: {}; still serving the last good site",
                counts(&diagnostics)
            );
        }
    };
    let stop = server.stopper();
    if let Err(e) = ctrlc::set_handler(stop) {
        eprintln!("warning: Ctrl-C will end gloss abruptly: {e}");
    }
    report(first);
    println!("serving {} (press Ctrl-C to stop)", server.url);
    server.watch(report);
    server.stop();
    if verbosity != Verbosity::Quiet {
        println!("stopped");
    }
    ExitCode::SUCCESS
}

fn build(options: gloss::BuildOptions, verbosity: Verbosity) -> ExitCode {
    match gloss::build(&options) {
        Ok(report) => {
            if verbosity != Verbosity::Quiet {
                print_diagnostics(&report.warnings);
                println!(
                    "built {} pages ({} article{}, {} term{}): {} files, {} KiB, in {} ({} ms)",
                    report.pages,
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
            if verbosity == Verbosity::Verbose {
                for (stage, took) in &report.timings {
                    println!("  {stage:<8} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
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

fn init(dir: &Path, host: gloss::scaffold::Host, verbosity: Verbosity) -> ExitCode {
    use gloss::scaffold::InitFile;
    let files = match gloss::scaffold::init(dir, host) {
        Ok(files) => files,
        Err(e) => return scaffold_failed(&e),
    };
    if verbosity != Verbosity::Quiet {
        println!("created a new site in {}:", dir.display());
        for file in &files {
            match file {
                InitFile::Created(path) => println!("  {path}"),
                InitFile::Kept(path) => println!("  {path} (yours, kept as it was)"),
                InitFile::Extended(path) => println!("  {path} (yours, with gloss's lines added)"),
            }
        }
        let dir = shell_word(&dir.to_string_lossy());
        println!("next:");
        println!("  gloss build --root {dir}");
        println!("  gloss serve --root {dir}");
        println!("to publish:");
        for line in host.publishing().lines() {
            println!("  {line}");
        }
    }
    ExitCode::SUCCESS
}

fn new_page(options: &gloss::scaffold::NewOptions, verbosity: Verbosity) -> ExitCode {
    match gloss::scaffold::new_page(options) {
        Ok(path) => {
            if verbosity != Verbosity::Quiet {
                let shown = path.strip_prefix(".").unwrap_or(&path);
                println!("created {}", shown.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => scaffold_failed(&e),
    }
}

fn scaffold_failed(error: &gloss::scaffold::ScaffoldError) -> ExitCode {
    eprintln!("{}", error.diagnostic().styled());
    if error.is_usage() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

/// `word` as one shell word, quoted only if it needs to be.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
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
    let pictures = &report.pictures;
    if pictures.without_credit + pictures.without_license > 0 {
        println!(
            "pictures: {} shown, {} without a credit, {} without a licence",
            pictures.shown, pictures.without_credit, pictures.without_license
        );
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
