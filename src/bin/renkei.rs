//! Command-line shell over the library: check a pack, score an assessment, run a pack's tests,
//! print the checklist. No logic here beyond reading files and printing.

use renkei::{Assessment, Error, Location, Pack, PackSources, ScoreOptions};
use std::io::{self, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  renkei check [PACK_DIR]                 check a rule pack (default: the embedded pack)
  renkei score ASSESSMENT.json [--pack DIR] [--trace]
                                          print the report as JSON
  renkei test [PACK_DIR]                  run the pack's own test cases
  renkei checklist [--pack DIR]           print the checklist as JSON

exit codes:
  0  done (the pack is valid, the tests passed, the report was printed)
  1  the pack, the answers or a rule script has a problem, or a test case failed
  2  the command line is wrong, or a file cannot be read";

/// What went wrong, and with which exit code.
enum Failure {
    /// A problem the engine reported: exit 1.
    Engine(Error, Option<PackSources>),
    /// Test cases failed: exit 1 (already printed).
    Tests,
    /// Usage or an unreadable file: exit 2.
    Usage(String),
}

fn load(dir: Option<&str>) -> Result<Pack, Failure> {
    match dir {
        Some(d) => {
            let sources = PackSources::from_dir(d).map_err(|e| Failure::Engine(e, None))?;
            Pack::compile(&sources).map_err(|e| Failure::Engine(e, Some(sources)))
        }
        None => Pack::default_pack().map_err(|e| Failure::Engine(e, None)),
    }
}

/// Print to standard output; a closed pipe (`renkei checklist | head`) ends quietly.
fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Failure::Usage(format!("cannot write: {e}"))),
        Ok(()) => Ok(()),
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str);
    let positional = |i: usize| args.get(i).map(String::as_str).filter(|a| !a.starts_with("--"));
    match args.first().map(String::as_str) {
        Some("check") => {
            let p = load(positional(1))?;
            out(&format!("ok: {} {} ({} items) {}", p.info().id, p.info().version, p.checklist().items.len(), p.info().hash))
        }
        Some("checklist") => out(&serde_json::to_string_pretty(load(flag("--pack"))?.checklist()).unwrap_or_default()),
        Some("test") => {
            let results = load(positional(1))?.run_tests();
            let failed = results.iter().filter(|r| !r.passed).count();
            for r in &results {
                out(&format!("{} {} ({})", if r.passed { "ok  " } else { "FAIL" }, r.name, r.file))?;
                for f in &r.failures {
                    out(&format!("       {f}"))?;
                }
            }
            out(&format!("{} passed, {} failed", results.len() - failed, failed))?;
            if failed > 0 {
                Err(Failure::Tests)
            } else {
                Ok(())
            }
        }
        Some("score") => {
            let file = positional(1).ok_or_else(|| Failure::Usage(USAGE.into()))?;
            let text = std::fs::read_to_string(file).map_err(|e| Failure::Usage(format!("cannot read {file}: {e}")))?;
            let pack = load(flag("--pack"))?;
            let a = Assessment::from_json(&text).map_err(|e| Failure::Engine(e, None))?;
            let r = pack.score_with(&a, ScoreOptions { trace: args.iter().any(|a| a == "--trace") });
            out(&serde_json::to_string_pretty(&r.map_err(|e| Failure::Engine(e, None))?).unwrap_or_default())
        }
        _ => Err(Failure::Usage(USAGE.into())),
    }
}

/// The source line of a location, with a caret under its column.
fn excerpt(sources: Option<&PackSources>, loc: &Location) -> Option<String> {
    let text = sources?.get(&loc.file)?;
    let line = text.lines().nth(usize::try_from(loc.line?).ok()?.checked_sub(1)?)?;
    let col = usize::try_from(loc.column.unwrap_or(1)).unwrap_or(1).max(1);
    let pad: String = line.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else if c.is_ascii() { ' ' } else { '　' }).collect();
    Some(format!("    | {line}\n    | {pad}^"))
}

fn show(e: &Error, sources: Option<&PackSources>) {
    eprintln!("{}", e.summary_ja());
    match e {
        Error::Pack(problems) => {
            for p in problems {
                eprintln!("{}: error[{}]: {}\n    {}", p.location, p.code, p.message, p.message_ja);
                if let Some(x) = excerpt(sources, &p.location) {
                    eprintln!("{x}");
                }
            }
        }
        Error::Answers(problems) => {
            for p in problems {
                eprintln!("{}: error[{}]: {}\n    {}", p.item, p.code, p.message, p.message_ja);
            }
        }
        Error::Script(failures) => {
            for f in failures {
                eprintln!("{} (rule {}): {}\n    {}", f.location, f.rule, f.message, f.message_ja);
            }
        }
        _ => eprintln!("{e}"),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        let _ = out(USAGE);
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Engine(e, sources)) => {
            show(&e, sources.as_ref());
            ExitCode::FAILURE
        }
        Err(Failure::Tests) => ExitCode::FAILURE,
        Err(Failure::Usage(msg)) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}
