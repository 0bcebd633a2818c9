//! The `baogao` command line: a thin layer over the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::{CommandFactory, Parser, Subcommand};
use indicatif::ProgressBar;

/// `eprintln!` that lets a closed stderr be (`baogao export … 2>&1 | head -2`): the export
/// goes on and ends with its own exit code, where `eprintln!` panicked (exit 101).
macro_rules! tell {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

use baogao::batch;
use baogao::error::{Error, EXIT_FAILURE, EXIT_OK};
use baogao::export::OutputFormat;
use baogao::fonts::{catalog, FontDirs};
use baogao::import::SourceFormat;
use baogao::input::InputFormat;
use baogao::template::{Template, BUILTINS};

/// Typesets Chinese reports (structured summaries) to PDF and DOCX.
#[derive(Parser)]
#[command(name = "baogao", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Export reports to PDF, DOCX and plain text.
    ///
    /// Exit codes: 0 every report exported; 1 some reports failed (each is named on standard
    /// error, with file, line, column and field for a bad report); 2 bad usage, nothing
    /// exported (the command line, the template, a font not found, two reports for one name);
    /// 130 interrupted, and the reports under way did not finish within 5 s. Limits on the
    /// input: docs/limits.md.
    Export {
        /// Report files (.toml, .json, .yaml), directories (searched recursively) or glob
        /// patterns (quoted: 'reports/**/*.toml'); `-` reads standard input.
        #[arg(required_unless_present = "manifest")]
        inputs: Vec<PathBuf>,
        /// A list of reports: CSV with a header row (input, and optionally template and
        /// name) or JSON Lines (.jsonl) with those keys; paths relative to the manifest.
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// Directory for the outputs (default: beside each input).
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Output formats, comma-separated.
        #[arg(short, long, value_delimiter = ',', default_values = ["pdf", "docx"])]
        format: Vec<OutputFormat>,
        /// A built-in template name or a template file.
        #[arg(short, long, default_value = "gongwen", value_name = "NAME|FILE")]
        template: String,
        /// Directory searched first for font files.
        #[arg(long, value_name = "DIR")]
        font_dir: Option<PathBuf>,
        /// Syntax of the input, when the extension does not tell (required for `-`).
        #[arg(long, value_name = "FORMAT")]
        input_format: Option<InputFormat>,
        /// Carry the fonts in the DOCX (subset to the characters used), so that it looks the
        /// same on a machine without them.
        #[arg(long)]
        embed_fonts: bool,
        /// Reports exported at once (default and at most: one per core, and no more than
        /// the reports). The outputs are the same whatever the number.
        #[arg(short, long, value_name = "N")]
        jobs: Option<usize>,
        /// Only this share of the inputs, for a batch spread over N machines: each input
        /// falls to one shard by a hash of its path.
        #[arg(long, value_name = "K/N")]
        shard: Option<batch::Shard>,
        /// One JSON line per report on standard output (input, outputs, pages, bytes,
        /// milliseconds, warnings, error), then a summary line on standard error.
        #[arg(long)]
        json: bool,
        /// Names the outputs from the report: `{stem}` (the input's file name), `{title}`,
        /// `{issuer}`, `{period}`, `{date}`, `{doc_number}`, e.g. "{issuer}-{period}". Values
        /// are made safe as file names; two reports that would get one name are an error
        /// before anything is written.
        #[arg(long, value_name = "PATTERN")]
        name: Option<String>,
        /// Replace output files that exist (without it, a report whose outputs exist fails and
        /// writes nothing).
        #[arg(long)]
        force: bool,
        /// Stop at the first report that fails (the reports already under way finish).
        #[arg(long)]
        fail_fast: bool,
        /// No progress bar and no list of the files written (errors are still shown).
        #[arg(short, long)]
        quiet: bool,
    },
    /// Turn a report written as plain text or Word into a structured summary: title, issuer
    /// and date, numbered headings (numbers taken off), paragraphs, tables, attachments, and
    /// the indicators its sentences name, the text keeping placeholders for them.
    ///
    /// Exit codes: 0 imported; 1 the summary could not be written; 2 the input is not a
    /// report that can be read (missing, empty, binary, not UTF-8, GB18030 or UTF-16 text, a
    /// DOCX that is not a whole zip of well-formed XML) or the command line is wrong.
    Import {
        /// The report: .txt (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM; CRLF
        /// line ends are fine) or .docx; `-` reads standard input.
        input: PathBuf,
        /// The summary to write: .toml, .json or .yaml (standard output, TOML, when absent).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Read the input as this kind, whatever its extension says.
        #[arg(long, value_name = "KIND")]
        from: Option<SourceFormat>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of the structured summary format (of template files with
    /// --template), for editors.
    Schema {
        /// The schema of template files instead.
        #[arg(long)]
        template: bool,
    },
    /// List the fonts a template can name: in the font directories (the bundled ones, --font-dir,
    /// $BAOGAO_FONT_DIR) and installed, with family, style, file and GB2312 coverage.
    Fonts {
        /// Directory searched first for font files.
        #[arg(long, value_name = "DIR")]
        font_dir: Option<PathBuf>,
        /// Only the font directories, not the installed fonts.
        #[arg(long)]
        no_installed: bool,
        /// One JSON object per face, for scripts.
        #[arg(long)]
        json: bool,
        /// Every face, not only those that set Chinese (3,755 or more of GB 2312's Hanzi).
        #[arg(long)]
        all: bool,
    },
    /// Print a shell completion script: `baogao completions bash > /etc/bash_completion.d/baogao`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `baogao man > baogao.1`.
    Man,
    /// List the built-in templates, or print one to copy and change.
    Templates {
        #[command(subcommand)]
        action: Option<TemplatesAction>,
    },
}

#[derive(Subcommand)]
enum TemplatesAction {
    /// Print a built-in template's TOML (save it, change it, pass it with --template; or
    /// start a file with `extends = "NAME"` and give only what differs).
    Show {
        /// A built-in template's name.
        name: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Export {
            inputs,
            output,
            mut format,
            template,
            font_dir,
            input_format,
            embed_fonts,
            jobs,
            shard,
            json,
            fail_fast,
            quiet,
            name,
            force,
            manifest,
        } => {
            format.sort();
            format.dedup();
            let settings = batch::Settings {
                output: output.as_deref(),
                formats: &format,
                input_format,
                embed_fonts,
                name: name.as_deref(),
                force,
                fail_fast,
                template: &template,
                font_dir: font_dir.as_deref(),
                jobs,
                shard,
                manifest: manifest.as_deref(),
            };
            export(&inputs, &settings, &Options { json, quiet })
        }
        Command::Import { input, output, from, force } => import(&input, output.as_deref(), from, force),
        Command::Schema { template } => {
            let schema = if template {
                baogao::template::json_schema()
            } else {
                serde_json::to_value(schemars::schema_for!(baogao::model::Summary)).expect("a schema serializes")
            };
            say(&serde_json::to_string_pretty(&schema).expect("a schema serializes"));
            EXIT_OK
        }
        Command::Fonts { font_dir, no_installed, json, all } => {
            let dirs = match FontDirs::given(font_dir.as_deref()) {
                Ok(dirs) => dirs,
                Err(error) => return ExitCode::from(fail(&error) as u8),
            };
            let every = catalog::list(dirs.dirs(), !no_installed);
            let entries: Vec<_> = every.iter().filter(|entry| all || entry.chinese()).cloned().collect();
            if json {
                for entry in &entries {
                    say(&serde_json::to_string(entry).expect("a font entry serializes"));
                }
            } else {
                catalog::table(&entries).lines().for_each(say);
                let chinese = every.iter().filter(|entry| entry.chinese()).count();
                let count = match every.len() - chinese {
                    0 => format!("{chinese} faces, all setting Chinese"),
                    more if all => format!("{} faces, {chinese} of them setting Chinese", chinese + more),
                    more => format!("{chinese} faces that set Chinese ({more} more without: --all)"),
                };
                tell!("{count}; a template's fonts list files (in the font directories) or families");
            }
            EXIT_OK
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "baogao", &mut std::io::stdout());
            EXIT_OK
        }
        Command::Man => match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
            Ok(()) => EXIT_OK,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
            Err(e) => fail(&Error::Output(format!("cannot write the manual page: {e}"))),
        },
        Command::Templates { action: None } => {
            for (name, text) in BUILTINS {
                // A template's first comment line says what it is for.
                let about = text.lines().next().and_then(|l| l.strip_prefix("# ")).unwrap_or("");
                let about = about.strip_prefix(&format!("{name}: ")).unwrap_or(about);
                say(&format!("{name:<10} {about}"));
            }
            EXIT_OK
        }
        Command::Templates { action: Some(TemplatesAction::Show { name }) } => match Template::builtin_text(&name) {
            Some(text) => {
                say(text.trim_end());
                EXIT_OK
            }
            None => fail(&Error::Usage(format!("no built-in template `{name}` (`baogao templates` lists them)"))),
        },
    };
    ExitCode::from(code as u8)
}

/// Imports `input` into `output` (standard output when none), printing what to check.
fn import(input: &std::path::Path, output: Option<&std::path::Path>, from: Option<SourceFormat>, force: bool) -> i32 {
    let format = match output {
        None => InputFormat::Toml,
        Some(path) => match InputFormat::from_path(path) {
            Some(format) => format,
            None => return fail(&Error::Usage(format!("{}: name the summary .toml, .json or .yaml", path.display()))),
        },
    };
    if let Some(path) = output {
        if path.exists() && same_file(path, input) {
            return fail(&Error::Usage(format!("{}: the summary would overwrite its report", path.display())));
        }
        if path.exists() && !force {
            return fail(&Error::Usage(format!("{}: exists (--force replaces it)", path.display())));
        }
    }
    let result = baogao::import::import(input, from.unwrap_or_else(|| SourceFormat::from_path(input)))
        .and_then(|imported| Ok((baogao::import::to_text(&imported, format, &input.display().to_string())?, imported)));
    let (text, imported) = match result {
        Ok(done) => done,
        Err(e) => return fail(&e),
    };
    for note in &imported.notes {
        tell!("note: {note}");
    }
    let summary = &imported.summary;
    match output {
        None => say(text.trim_end()),
        Some(path) => {
            if let Err(e) = baogao::export::write_atomically(path, text.as_bytes()) {
                return fail(&e);
            }
            tell!("wrote {}", path.display());
        }
    }
    tell!(
        "{}: title 「{}」, {} blocks, headings {} levels deep, {} indicators",
        input.display(),
        summary.meta.title,
        summary.body.len(),
        summary.depth(),
        summary.indicators.len()
    );
    EXIT_OK
}

/// Whether two paths name one file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// How long reports under way may take to finish after SIGINT or SIGTERM.
const GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// What the command line does with each report's outcome.
struct Options {
    json: bool,
    quiet: bool,
}

/// Plans the batch (every check before anything is written), runs it with a progress bar
/// on a terminal, stops it on SIGINT or SIGTERM; returns the exit code.
fn export(args: &[PathBuf], settings: &batch::Settings, options: &Options) -> i32 {
    let plan = match batch::Plan::new(args, settings) {
        Ok(plan) => plan,
        Err(e) => return fail(&e),
    };
    let started = std::time::Instant::now();
    // A bar on a terminal, for more than one report; nothing when piped or asked for quiet.
    let bar = if options.quiet || plan.len() < 2 || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(plan.len() as u64)
    };
    // SIGINT or SIGTERM: no new report starts, the ones under way finish writing, so that
    // only whole files are left. A second signal ends the process at once.
    let stop = Arc::new(AtomicBool::new(false));
    let interrupted = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&interrupted));
        let _ = signal_hook::flag::register(signal, Arc::clone(&interrupted));
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    // A report blocked reading (a FIFO no one writes) never finishes: some time after the
    // signal the process ends anyway. Only whole files are ever renamed into place, so at
    // worst a hidden temporary `.baogao-*.part` file is left.
    #[cfg(unix)]
    {
        let interrupted = Arc::clone(&interrupted);
        std::thread::spawn(move || {
            while !interrupted.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            std::thread::sleep(GRACE);
            tell!("interrupted: reports under way did not finish within {} s", GRACE.as_secs());
            std::process::exit(130);
        });
    }
    let outcomes = plan.run(settings, &stop, |outcome| {
        // Lines printed while the bar is away, so that they do not tear it.
        bar.suspend(|| report(outcome, options));
        bar.inc(1);
    });
    let outcomes = match outcomes {
        Ok(outcomes) => outcomes,
        Err(e) => return fail(&e),
    };
    bar.finish_and_clear();
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    let skipped = plan.len() - outcomes.len();
    if interrupted.load(Ordering::Relaxed) {
        tell!("interrupted: {skipped} of {} reports not exported", plan.len());
    } else if skipped > 0 {
        tell!("stopped at the first failure: {skipped} of {} reports not exported", plan.len());
    }
    // A summary for batches (and always for scripts reading --json); quiet runs skip it.
    if options.json || (!options.quiet && plan.len() > 1) {
        tell!(
            "{} reports: {} exported, {failed} failed, in {:.2} s",
            outcomes.len(),
            outcomes.len() - failed,
            started.elapsed().as_secs_f64()
        );
    }
    if interrupted.load(Ordering::Relaxed) || failed > 0 {
        EXIT_FAILURE
    } else {
        EXIT_OK
    }
}

/// Says what one report's export did: a JSON line, or the files written and the warnings
/// and error.
fn report(outcome: &batch::Outcome, options: &Options) {
    if options.json {
        say(&serde_json::to_string(outcome).expect("an outcome serializes"));
        return;
    }
    for warning in &outcome.warnings {
        tell!("warning: {warning}");
    }
    if !options.quiet {
        for written in &outcome.outputs {
            say(&written.path.display().to_string());
        }
    }
    if let Some(shown) = &outcome.shown {
        tell!("{shown}");
    }
}

/// Prints a line on standard output. A reader that went away (`| head`) is no error: the
/// rest of the output is dropped, the work is still done.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

fn fail(error: &Error) -> i32 {
    tell!("{}", error.render());
    error.exit_code()
}
