//! How gloss copes with a large site: the release `gloss build` on a
//! generated corpus (10,000 articles and 1,000 nested glossary terms by
//! default), against two others run on the same text in the same rounds:
//!
//! - the floor, `examples/floor.rs`: bare pulldown-cmark over the same
//!   Markdown bodies, with gloss's extensions, on every core; what any
//!   Markdown generator must at least spend;
//! - Hugo, if installed: the same pages as a Hugo site with minimal layouts
//!   (no glossary links, which Hugo cannot make).
//!
//! ```sh
//! cargo bench --bench scale -- [--pages 10000] [--terms 1000] [--rounds 5] [--no-hugo] [--corpus DIR]
//! ```
//!
//! The corpus is written to `/dev/shm/gloss-bench/` (the temporary folder
//! where there is no `/dev/shm`), so the disk stays out of the figures. Each
//! round runs every tool once, in turn, as a child process writing into an
//! output folder emptied before the clock starts; the figures are each
//! tool's median wall time and median peak memory (the child's maximum
//! resident set, from `wait4`). The bench builds the floor example itself
//! with `cargo build --release --example floor`.

#[path = "corpus/mod.rs"]
mod corpus;

use std::ffi::OsString;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;

/// Times gloss, the floor and Hugo on a generated corpus.
#[derive(Debug, Parser)]
#[command(name = "scale")]
struct Args {
    /// Articles in the generated corpus.
    #[arg(long, default_value_t = 10_000)]
    pages: usize,
    /// Glossary terms in the generated corpus.
    #[arg(long, default_value_t = 1_000)]
    terms: usize,
    /// The corpus's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Times each tool runs.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Leave Hugo out even if it is installed.
    #[arg(long)]
    no_hugo: bool,
    /// Use the corpus gen-corpus wrote in DIR instead of generating one
    /// (--pages, --terms and --seed are then not used).
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Keep the generated corpus and the outputs of the last round.
    #[arg(long)]
    keep: bool,
    /// Passed by `cargo bench`; without it (under `cargo test`) nothing runs.
    #[arg(long, hide = true)]
    bench: bool,
}

/// One program the bench times.
struct Tool {
    name: String,
    program: PathBuf,
    /// The arguments, all but the output folder, which comes last.
    args: Vec<OsString>,
    samples: Vec<Sample>,
}

/// What one run of a child cost.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    /// Peak resident memory, in KiB.
    max_rss: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !args.bench {
        println!("scale: run it with `cargo bench --bench scale`");
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let load = load_average();
    let scratch = scratch();
    fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let generated = args.corpus.is_none();
    let corpus = match &args.corpus {
        Some(dir) => dir.clone(),
        None => {
            let dir = scratch.join("corpus");
            remove(&dir)?;
            let spec = corpus::Spec {
                pages: args.pages,
                terms: args.terms,
                seed: args.seed,
            };
            let started = Instant::now();
            let summary =
                corpus::generate(&spec, &dir).map_err(|e| format!("generating the corpus: {e}"))?;
            println!(
                "corpus: {} pages, {} terms, {} words, {:.1} MB of Markdown for gloss, generated in {:.1} s",
                summary.pages,
                summary.terms,
                summary.words,
                mb(summary.gloss_bytes),
                started.elapsed().as_secs_f64()
            );
            dir
        }
    };

    let gloss = PathBuf::from(env!("CARGO_BIN_EXE_gloss"));
    let floor = build_floor(&gloss)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let os = |s: &str| OsString::from(s);
    let mut tools = vec![
        Tool {
            name: format!("floor: pulldown-cmark, {threads} threads"),
            program: floor,
            args: vec![
                os("--input"),
                corpus.join("bare").into(),
                os("--threads"),
                threads.to_string().into(),
                os("--out"),
            ],
            samples: Vec::new(),
        },
        Tool {
            name: "gloss build".into(),
            program: gloss,
            args: vec![
                os("build"),
                os("--root"),
                corpus.join("gloss").into(),
                os("--output"),
            ],
            samples: Vec::new(),
        },
    ];
    let has_hugo_tree = corpus.join("hugo").is_dir();
    let hugo = if args.no_hugo || !has_hugo_tree {
        None
    } else {
        hugo_version()
    };
    if let Some(version) = &hugo {
        tools.push(Tool {
            name: format!("hugo {version}"),
            program: "hugo".into(),
            args: vec![
                os("--quiet"),
                os("-s"),
                corpus.join("hugo").into(),
                os("--cacheDir"),
                scratch.join("hugo-cache").into(),
                os("-d"),
            ],
            samples: Vec::new(),
        });
    } else if !args.no_hugo {
        match has_hugo_tree {
            true => println!("hugo: not installed, left out"),
            false => println!("hugo: the corpus has no hugo/ folder, left out"),
        }
    }

    let logs = scratch.join("logs");
    fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    for round in 1..=args.rounds {
        for (i, tool) in tools.iter_mut().enumerate() {
            let out = scratch.join(format!("out-{i}"));
            remove(&out)?;
            let stdout = logs.join(format!("{i}.stdout"));
            let stderr = logs.join(format!("{i}.stderr"));
            let mut command = Command::new(&tool.program);
            command
                .args(&tool.args)
                .arg(&out)
                .stdin(Stdio::null())
                .stdout(create(&stdout)?)
                .stderr(create(&stderr)?);
            let (sample, ok) = measure(&mut command)
                .map_err(|e| format!("running {}: {e}", tool.program.display()))?;
            if !ok {
                return Err(format!(
                    "{} failed:\n{}{}",
                    tool.name,
                    fs::read_to_string(&stdout).unwrap_or_default(),
                    fs::read_to_string(&stderr).unwrap_or_default()
                ));
            }
            println!(
                "round {round}: {:<36} {:>8.3} s  cpu {:>7.3} s  max RSS {:>7.1} MiB",
                tool.name,
                sample.wall.as_secs_f64(),
                sample.cpu.as_secs_f64(),
                mib(sample.max_rss)
            );
            if round == 1 {
                let said = fs::read_to_string(&stdout).unwrap_or_default()
                    + &fs::read_to_string(&stderr).unwrap_or_default();
                for line in said.lines().filter(|l| !l.trim().is_empty()) {
                    println!("         {line}");
                }
            }
            tool.samples.push(sample);
        }
    }

    let written: Vec<(usize, u64)> = (0..tools.len())
        .map(|i| files_and_bytes(&scratch.join(format!("out-{i}"))))
        .collect();
    report(args, &tools, &written, &corpus, load.as_deref());

    if !args.keep {
        for i in 0..tools.len() {
            remove(&scratch.join(format!("out-{i}")))?;
        }
        remove(&logs)?;
        remove(&scratch.join("hugo-cache"))?;
        if generated {
            remove(&corpus)?;
        }
        // Gone if nothing else is left in it.
        let _ = fs::remove_dir(&scratch);
    } else {
        println!("kept the corpus and outputs in {}", scratch.display());
    }
    Ok(())
}

/// Prints the table for BENCHMARKS.md, the ratios, the command and the machine.
fn report(
    args: &Args,
    tools: &[Tool],
    written: &[(usize, u64)],
    corpus: &Path,
    load: Option<&str>,
) {
    println!();
    println!("```");
    println!("{}", command_line());
    println!("```");
    println!();
    println!(
        "Corpus: {}; {} round{}; {}.",
        if args.corpus.is_some() {
            format!("{}", corpus.display())
        } else {
            format!(
                "{} articles, {} terms, seed {}",
                args.pages, args.terms, args.seed
            )
        },
        args.rounds,
        if args.rounds == 1 { "" } else { "s" },
        machine()
    );
    if let Some(load) = load {
        println!("Load average before the run: {load}.");
    }
    println!();
    println!(
        "| tool | wall (median) | CPU user+sys (median) | max RSS (median) | files written | MB written |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (tool, (files, bytes)) in tools.iter().zip(written) {
        println!(
            "| {} | {:.3} s | {:.3} s | {:.0} MiB | {files} | {:.1} |",
            tool.name,
            median(tool.samples.iter().map(|s| s.wall.as_secs_f64())),
            median(tool.samples.iter().map(|s| s.cpu.as_secs_f64())),
            mib(median(tool.samples.iter().map(|s| s.max_rss as f64)) as u64),
            mb(*bytes)
        );
    }
    println!();
    let wall = |t: &Tool| median(t.samples.iter().map(|s| s.wall.as_secs_f64()));
    let rss = |t: &Tool| median(t.samples.iter().map(|s| s.max_rss as f64));
    let (floor, gloss) = (&tools[0], &tools[1]);
    println!(
        "gloss / floor: {:.1}× the wall time, {:.1}× the memory",
        wall(gloss) / wall(floor),
        rss(gloss) / rss(floor)
    );
    if let Some(hugo) = tools.get(2) {
        println!(
            "hugo / gloss: {:.2}× the wall time, {:.2}× the memory",
            wall(hugo) / wall(gloss),
            rss(hugo) / rss(gloss)
        );
    }
}

/// Runs the child to its end, with its wall time, CPU time and peak memory,
/// and whether it exited with 0.
fn measure(command: &mut Command) -> std::io::Result<(Sample, bool)> {
    let started = Instant::now();
    let child = command.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of that plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet waited for (std waits only
        // when asked to), and both pointers are to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    let wall = started.elapsed();
    // Reaped above: dropping the handle neither waits nor kills.
    drop(child);
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let sample = Sample {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // Linux gives ru_maxrss in KiB.
        max_rss: usage.ru_maxrss as u64,
    };
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok((sample, ok))
}

/// Builds the floor example in release mode beside the gloss binary the bench
/// was given, and returns its path.
fn build_floor(gloss: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--example", "floor"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .map_err(|e| format!("running cargo to build the floor: {e}"))?;
    if !status.success() {
        return Err("cargo build --release --example floor failed".into());
    }
    let floor = gloss
        .parent()
        .expect("the gloss binary's folder")
        .join("examples")
        .join(format!("floor{}", std::env::consts::EXE_SUFFIX));
    if !floor.is_file() {
        return Err(format!(
            "no {} after building it: was the bench built with another target folder?",
            floor.display()
        ));
    }
    Ok(floor)
}

/// Hugo's version (`v0.111.3`), if it is installed and runs.
fn hugo_version() -> Option<String> {
    let output = Command::new("hugo").arg("version").output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let version = text.split_whitespace().nth(1)?;
    Some(version.split('+').next().unwrap_or(version).to_string())
}

/// Memory-backed storage where there is one, so disk latency stays out.
fn scratch() -> PathBuf {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    base.join("gloss-bench")
}

/// The command that ran this bench, as one would type it.
fn command_line() -> String {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.is_empty() {
        "cargo bench --bench scale".into()
    } else {
        format!("cargo bench --bench scale -- {}", args.join(" "))
    }
}

/// The core count, CPU model and memory, as Linux reports them.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let field = |file: &str, key: &str| {
        fs::read_to_string(file).ok().and_then(|text| {
            text.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
    };
    let cpu = field("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".into());
    let memory = field("/proc/meminfo", "MemTotal")
        .and_then(|v| v.trim_end_matches(" kB").trim().parse::<u64>().ok())
        .map(|kib| format!(", {:.0} GiB", kib as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cores} cores ({cpu}){memory}")
}

/// The one-minute load average: other work on the machine skews the figures.
fn load_average() -> Option<String> {
    let text = fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(str::to_string)
}

fn files_and_bytes(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(files, bytes), e| {
            (files + 1, bytes + e.metadata().map_or(0, |m| m.len()))
        })
}

fn remove(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("removing {}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

fn create(path: &Path) -> Result<File, String> {
    File::create(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut sorted: Vec<f64> = values.collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}
