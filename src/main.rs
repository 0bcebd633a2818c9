//! The `baogao` command line: a thin layer over the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::{CommandFactory, Parser, Subcommand};
use indicatif::ProgressBar;
use rayon::prelude::*;

use baogao::batch;
use baogao::error::{Error, EXIT_FAILURE, EXIT_OK};
use baogao::export::{self, OutputFormat};
use baogao::fonts::{catalog, FontDirs, FontSet};
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
    /// exported (the command line, the template, a font not found, two reports for one name).
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
        /// Reports exported at once (default: one per core). The outputs are the same
        /// whatever the number.
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
    /// Print the JSON Schema of the structured summary format.
    Schema,
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
            let options = Options {
                output: output.as_deref(),
                formats: &format,
                input_format,
                embed_fonts,
                json,
                fail_fast,
                quiet,
                name: name.as_deref(),
                force,
            };
            let run =
                Run { template: &template, font_dir: font_dir.as_deref(), jobs, shard, manifest: manifest.as_deref() };
            export(&inputs, &run, &options)
        }
        Command::Schema => {
            let schema = schemars::schema_for!(baogao::model::Summary);
            say(&serde_json::to_string_pretty(&schema).expect("a schema serializes"));
            EXIT_OK
        }
        Command::Fonts { font_dir, no_installed, json } => {
            let entries = catalog::list(FontDirs::new(font_dir.as_deref()).dirs(), !no_installed);
            if !json {
                say(&format!("{:<26} {:<15} {:<10} {:>7}  FILE", "FAMILY", "STYLE", "WHERE", "GB2312"));
            }
            for entry in &entries {
                if json {
                    say(&serde_json::to_string(entry).expect("a font entry serializes"));
                } else {
                    let file = match entry.index {
                        0 => entry.path.display().to_string(),
                        i => format!("{} #{i}", entry.path.display()),
                    };
                    let family = match &entry.local_family {
                        Some(local) => format!("{} ({local})", entry.family),
                        None => entry.family.clone(),
                    };
                    let coverage = entry.gb2312 as f32 * 100.0 / catalog::GB2312_HANZI as f32;
                    let origin = match entry.origin {
                        catalog::FontOrigin::FontDir => "font dir",
                        catalog::FontOrigin::Installed => "installed",
                    };
                    say(&format!("{family:<26} {:<15} {origin:<10} {coverage:>6.1}%  {file}", entry.style));
                }
            }
            if !json {
                eprintln!(
                    "{} faces; a template's fonts list files (in the font directories) or families",
                    entries.len()
                );
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

/// What every report of a run is exported with.
struct Options<'a> {
    output: Option<&'a std::path::Path>,
    formats: &'a [OutputFormat],
    input_format: Option<InputFormat>,
    embed_fonts: bool,
    json: bool,
    fail_fast: bool,
    quiet: bool,
    name: Option<&'a str>,
    force: bool,
}

/// Where a run's reports come from and how it is spread.
struct Run<'a> {
    /// The command line's template, for reports that a manifest gives none.
    template: &'a str,
    font_dir: Option<&'a std::path::Path>,
    jobs: Option<usize>,
    shard: Option<batch::Shard>,
    manifest: Option<&'a std::path::Path>,
}

/// Exports every input, `jobs` at a time, with each template and its fonts loaded once and
/// shared; returns the exit code.
fn export(args: &[PathBuf], run: &Run, options: &Options) -> i32 {
    let entries = batch::collect_inputs(args).and_then(|inputs| {
        let mut entries: Vec<batch::Entry> = inputs.into_iter().map(batch::Entry::of).collect();
        if let Some(manifest) = run.manifest {
            entries.extend(batch::read_manifest(manifest)?);
        }
        Ok(entries)
    });
    let mut entries = match entries {
        Ok(entries) => entries,
        Err(e) => return fail(&e),
    };
    if options.input_format.is_none() && entries.iter().any(|e| e.input.as_os_str() == "-") {
        return fail(&Error::Usage("reading standard input needs --input-format toml|json|yaml".into()));
    }
    if let Some(shard) = run.shard {
        entries.retain(|entry| shard.takes(&entry.input));
    }
    // Each template named, loaded once with its fonts.
    let mut setups: Vec<(String, Template, FontSet)> = Vec::new();
    let dirs = FontDirs::new(run.font_dir);
    for name in std::iter::once(run.template).chain(entries.iter().filter_map(|e| e.template.as_deref())) {
        if setups.iter().any(|(n, _, _)| n == name) {
            continue;
        }
        let loaded = Template::load(name).and_then(|t| FontSet::load(&t, &dirs).map(|f| (t, f)));
        match loaded {
            Ok((template, fonts)) => setups.push((name.to_owned(), template, fonts)),
            Err(e) => return fail(&e),
        }
    }
    let setup_of = |entry: &batch::Entry| {
        let name = entry.template.as_deref().unwrap_or(run.template);
        setups.iter().position(|(n, _, _)| n == name).expect("every template is loaded")
    };
    // Every output's name, known before anything is written, so that two reports never
    // write to one file.
    let stems: Vec<Result<String, Error>> = entries.iter().map(|entry| stem(entry, options)).collect();
    let targets: Vec<(PathBuf, PathBuf)> = entries
        .iter()
        .zip(&stems)
        .filter_map(|(entry, stem)| {
            let stem = stem.as_ref().ok()?;
            let target = export::output_path(&entry.input, options.output, stem, OutputFormat::Pdf);
            Some((entry.input.clone(), target.with_extension("")))
        })
        .collect();
    if let Some((target, clash)) = batch::collisions(&targets).first() {
        let names: Vec<String> = clash.iter().map(|p| p.display().to_string()).collect();
        return fail(&Error::Usage(format!(
            "{} would all be written as {}.*; nothing was written (give --name a pattern that tells them apart)",
            names.join(", "),
            target.display()
        )));
    }
    let threads = run.jobs.unwrap_or(0);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(e) => return fail(&Error::Usage(format!("cannot start {threads} threads: {e}"))),
    };
    let started = std::time::Instant::now();
    // A bar on a terminal, for more than one report; nothing when piped or asked for quiet.
    let bar = if options.quiet || entries.len() < 2 || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(entries.len() as u64)
    };
    // Stopped by --fail-fast, or by SIGINT or SIGTERM: no new report starts, the ones under
    // way finish writing, so that only whole files are left. A second signal ends the
    // process at once.
    let stop = Arc::new(AtomicBool::new(false));
    let interrupted = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&interrupted));
        let _ = signal_hook::flag::register(signal, Arc::clone(&interrupted));
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    let outcomes: Vec<batch::Outcome> = pool.install(|| {
        entries
            .par_iter()
            .zip(&stems)
            .filter(|_| !stop.load(Ordering::Relaxed))
            .map(|(entry, stem)| {
                let (_, template, fonts) = &setups[setup_of(entry)];
                let outcome = export_one(&entry.input, stem, template, fonts, options, &bar);
                if options.fail_fast && outcome.error.is_some() {
                    stop.store(true, Ordering::Relaxed);
                }
                bar.inc(1);
                outcome
            })
            .collect()
    });
    bar.finish_and_clear();
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    let skipped = entries.len() - outcomes.len();
    if interrupted.load(Ordering::Relaxed) {
        eprintln!("interrupted: {skipped} of {} reports not exported", entries.len());
    } else if stop.load(Ordering::Relaxed) {
        eprintln!("stopped at the first failure: {skipped} of {} reports not exported", entries.len());
    }
    // A summary for batches (and always for scripts reading --json); quiet runs skip it.
    if options.json || (!options.quiet && entries.len() > 1) {
        eprintln!(
            "{} reports: {} exported, {failed} failed, in {:.2} s",
            outcomes.len(),
            outcomes.len() - failed,
            started.elapsed().as_secs_f64()
        );
    }
    if interrupted.load(Ordering::Relaxed) {
        return EXIT_FAILURE;
    }
    if failed > 0 {
        EXIT_FAILURE
    } else {
        EXIT_OK
    }
}

/// Exports one report: renders it, writes each output whole, says what it did.
fn export_one(
    input: &std::path::Path,
    stem: &Result<String, Error>,
    template: &Template,
    fonts: &FontSet,
    options: &Options,
    bar: &ProgressBar,
) -> batch::Outcome {
    let started = std::time::Instant::now();
    let mut outcome = batch::Outcome {
        input: input.to_path_buf(),
        outputs: Vec::new(),
        pages: 0,
        milliseconds: 0,
        warnings: Vec::new(),
        error: None,
    };
    let result = stem.as_ref().map_err(Error::to_string).and_then(|stem| {
        let report = export::render(input, options.input_format, template, fonts, options.formats, options.embed_fonts);
        let written = report.and_then(|report| {
            outcome.pages = report.pages;
            outcome.warnings = report.warnings;
            let paths: Vec<PathBuf> =
                report.outputs.iter().map(|r| export::output_path(input, options.output, stem, r.format)).collect();
            // All of a report's outputs or none: an existing one stops it before any is written.
            if let Some(existing) = paths.iter().find(|p| p.exists()).filter(|_| !options.force) {
                return Err(Error::Output(format!("{} exists; --force replaces it", existing.display())));
            }
            for (rendered, path) in report.outputs.iter().zip(paths) {
                export::write_atomically(&path, &rendered.bytes)?;
                outcome.outputs.push(batch::Written { path, bytes: rendered.bytes.len() as u64 });
            }
            Ok(())
        });
        written.map_err(|e| e.to_string())
    });
    outcome.milliseconds = started.elapsed().as_millis() as u64;
    if let Err(message) = result {
        outcome.error = Some(message);
    }
    // Lines printed while the bar is away, so that they do not tear it.
    bar.suspend(|| {
        if options.json {
            say(&serde_json::to_string(&outcome).expect("an outcome serializes"));
            return;
        }
        for warning in &outcome.warnings {
            eprintln!("warning: {warning}");
        }
        if !options.quiet {
            for written in &outcome.outputs {
                say(&written.path.display().to_string());
            }
        }
        if let Some(error) = &outcome.error {
            eprintln!("error: {error}");
        }
    });
    outcome
}

/// The name of an entry's outputs: the manifest's, else from `--name`'s pattern (which
/// reads the report), else the input's file name.
fn stem(entry: &batch::Entry, options: &Options) -> Result<String, Error> {
    let input = &entry.input;
    let default = export::default_stem(input);
    match (&entry.name, options.name) {
        (Some(name), _) => Ok(batch::sanitize(name)),
        (None, Some(pattern)) if input.as_os_str() != "-" => {
            let (summary, _) = baogao::input::load(input, options.input_format)?;
            batch::output_name(pattern, &summary.meta, &default).map_err(Error::Usage)
        }
        _ => Ok(default),
    }
}

/// Prints a line on standard output. A reader that went away (`| head`) is no error: the
/// rest of the output is dropped, the work is still done.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

fn fail(error: &Error) -> i32 {
    eprintln!("error: {error}");
    error.exit_code()
}
