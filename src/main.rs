//! The `baogao` command line: a thin layer over the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baogao::error::{Error, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK};
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
    /// Exit codes: 0 success; 2 bad input or usage (a malformed or invalid report or
    /// template, a missing font); 1 any other failure (I/O).
    Export {
        /// Report files (.toml, .json, .yaml); `-` reads standard input.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
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
        Command::Export { inputs, output, mut format, template, font_dir, input_format, embed_fonts } => {
            format.sort();
            format.dedup();
            let options = Options { output: output.as_deref(), formats: &format, input_format, embed_fonts };
            export(&inputs, &template, font_dir.as_deref(), &options)
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
}

/// Exports every input; returns the exit code.
fn export(inputs: &[PathBuf], template: &str, font_dir: Option<&std::path::Path>, options: &Options) -> i32 {
    let setup = Template::load(template).and_then(|t| FontSet::load(&t, &FontDirs::new(font_dir)).map(|f| (t, f)));
    let (template, fonts) = match setup {
        Ok(setup) => setup,
        Err(e) => return fail(&e),
    };
    let mut code = EXIT_OK;
    for input in inputs {
        let rendered =
            export::render(input, options.input_format, &template, &fonts, options.formats, options.embed_fonts);
        let result = rendered.and_then(|report| {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            for rendered in &report.outputs {
                let path = export::output_path(input, options.output, rendered.format);
                export::write_atomically(&path, &rendered.bytes)?;
                say(&path.display().to_string());
            }
            Ok(())
        });
        if let Err(e) = result {
            let failed = fail(&e);
            code = if code == EXIT_BAD_INPUT || failed == EXIT_BAD_INPUT { EXIT_BAD_INPUT } else { EXIT_FAILURE };
        }
    }
    code
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
