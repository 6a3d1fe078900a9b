//! Command-line shell over the library, for prefecture CI and batch work: check a pack, score
//! one file or many, make a bundle, compare two editions. No scoring logic here: reading files,
//! calling the library, printing.

use renkei::{diff, Assessment, Bundle, Error, Location, Pack, PackSources, ScoreOptions};
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "renkei — maturity self-assessment scorer (rule packs in rhai)

usage:
  renkei check [PACK]                       compile a pack and run its own test cases
  renkei test [PACK]                        run the pack's own test cases (like check, one line each)
  renkei score [--pack PACK] FILE [--trace] print the report of one assessment file as JSON
  renkei batch --pack PACK FILE… --csv OUT  score many files into one CSV row each
  renkei bundle PACK -o FILE                write the pack as one bundle file (the editor's publish)
  renkei diff --old PACK --new PACK FILE…   what re-scoring the files with another edition changes
  renkei checklist [--pack PACK]            print the checklist as JSON
  renkei --help                             this text

PACK is a pack folder (with pack.toml) or a bundle file (.json); without --pack, the pack built
into renkei (rules/default). Errors in a pack are printed as file:line:col with the source line.

exit codes:
  0  done: the pack is valid and its tests pass, every file was scored, the output was written
  1  a pack, an answer file or a rule script has a problem, a test case failed, or (batch) some
     files could not be scored — they are listed, the others are in the CSV
  2  the command line is wrong, or a file cannot be read or written";

/// What went wrong, and with which exit code.
enum Failure {
    /// A problem the engine reported: exit 1.
    Engine(Error, Option<PackSources>),
    /// Already printed (failed tests, files that failed in a batch): exit 1.
    Reported,
    /// Usage or an unreadable file: exit 2.
    Usage(String),
}

type Res<T> = Result<T, Failure>;

/// A pack from a folder or a bundle file, with its sources for error excerpts.
fn load(path: Option<&str>) -> Res<Pack> {
    let Some(path) = path else { return Pack::default_pack().map_err(|e| Failure::Engine(e, None)) };
    let sources = if Path::new(path).is_dir() {
        PackSources::from_dir(path).map_err(|e| Failure::Engine(e, None))?
    } else {
        let text = read(path)?;
        let bundle = Bundle::from_json(&text).map_err(|e| Failure::Engine(e, None))?;
        let sources = bundle.sources();
        return bundle.compile().map_err(|e| Failure::Engine(e, Some(sources)));
    };
    Pack::compile(&sources).map_err(|e| Failure::Engine(e, Some(sources)))
}

fn read(path: &str) -> Res<String> {
    std::fs::read_to_string(path).map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))
}

/// Print to standard output; a closed pipe (`renkei checklist | head`) ends quietly.
fn out(text: &str) -> Res<()> {
    let mut stdout = io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Failure::Usage(format!("cannot write: {e}"))),
        Ok(()) => Ok(()),
    }
}

/// The command line: flags with a value, and the rest.
struct Args {
    words: Vec<String>,
}

impl Args {
    fn flag(&self, name: &str) -> Option<&str> {
        self.words.iter().position(|a| a == name).and_then(|i| self.words.get(i + 1)).map(String::as_str)
    }
    fn has(&self, name: &str) -> bool {
        self.words.iter().any(|a| a == name)
    }
    /// Words that are neither flags nor flag values, after the command.
    fn positional(&self) -> Vec<&str> {
        let valued = ["--pack", "--csv", "-o", "--old", "--new"];
        let mut out = Vec::new();
        let mut skip = false;
        for w in self.words.iter().skip(1) {
            if skip {
                skip = false;
            } else if valued.contains(&w.as_str()) {
                skip = true;
            } else if !w.starts_with('-') {
                out.push(w.as_str());
            }
        }
        out
    }
}

fn run(args: &Args) -> Res<()> {
    let pos = args.positional();
    match args.words.first().map(String::as_str) {
        Some("check") => check(&load(pos.first().copied())?, true),
        Some("test") => check(&load(pos.first().copied())?, false),
        Some("checklist") => out(&serde_json::to_string_pretty(load(args.flag("--pack"))?.checklist()).unwrap_or_default()),
        Some("score") => {
            let file = pos.first().ok_or_else(|| Failure::Usage(USAGE.into()))?;
            let pack = load(args.flag("--pack"))?;
            let a = Assessment::from_json(&read(file)?).map_err(|e| Failure::Engine(e, None))?;
            let r = pack.score_with(&a, ScoreOptions { trace: args.has("--trace") }).map_err(|e| Failure::Engine(e, None))?;
            out(&serde_json::to_string_pretty(&r).unwrap_or_default())
        }
        Some("batch") => batch(&load(Some(args.flag("--pack").ok_or_else(|| Failure::Usage(USAGE.into()))?))?, &pos, args.flag("--csv")),
        Some("bundle") => bundle(pos.first().copied(), args.flag("-o")),
        Some("diff") => {
            let (Some(old), Some(new)) = (args.flag("--old"), args.flag("--new")) else { return Err(Failure::Usage(USAGE.into())) };
            compare(&load(Some(old))?, &load(Some(new))?, &pos)
        }
        _ => Err(Failure::Usage(USAGE.into())),
    }
}

/// Compile (done by `load`) and run the pack's tests.
fn check(pack: &Pack, summary: bool) -> Res<()> {
    let info = pack.info();
    if summary {
        out(&format!("ok: {} {} edition {} ({} items) {}", info.id, info.version, info.edition, pack.checklist().items.len(), info.hash))?;
    }
    let results = pack.run_tests();
    let failed = results.iter().filter(|r| !r.passed).count();
    for r in results.iter().filter(|r| !summary || !r.passed) {
        out(&format!("{} {} ({})", if r.passed { "ok  " } else { "FAIL" }, r.name, r.file))?;
        for f in &r.failures {
            out(&format!("       {f}"))?;
        }
    }
    out(&format!("{} passed, {} failed", results.len() - failed, failed))?;
    if failed > 0 {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn opt(v: Option<u8>) -> String {
    v.map(|l| l.to_string()).unwrap_or_default()
}

/// One CSV row per file that scores; the others are listed and never stop the rest.
fn batch(pack: &Pack, files: &[&str], csv: Option<&str>) -> Res<()> {
    let csv = csv.ok_or_else(|| Failure::Usage(USAGE.into()))?;
    let dims: Vec<&str> = pack.checklist().dimensions.iter().map(|d| d.id.as_str()).collect();
    let mut head = vec!["file", "code", "municipality", "prefecture", "fiscal_year", "item_set", "overall", "overall_upper", "provisional", "stage"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    for d in &dims {
        head.extend([format!("{d}_level"), format!("{d}_upper"), format!("{d}_status")]);
    }
    head.push("pack_hash".into());
    let mut rows = vec![head.join(",")];
    let mut failed = Vec::new();
    let progress = io::stderr().is_terminal() && files.len() > 20;
    for (i, file) in files.iter().enumerate() {
        if progress {
            let done = (i + 1) * 30 / files.len();
            eprint!("\r[{}{}] {}/{}", "#".repeat(done), ".".repeat(30 - done), i + 1, files.len());
        }
        let scored = read(file).ok().ok_or_else(|| "cannot read the file".to_owned()).and_then(|t| {
            let a = Assessment::from_json(&t).map_err(|e| e.to_string())?;
            pack.score(&a).map(|r| (a, r)).map_err(|e| e.to_string())
        });
        match scored {
            Ok((a, r)) => {
                let stage = r.overall.stage.as_ref().map(|s| s.id.clone()).unwrap_or_default();
                let mut row = vec![file.to_string(), a.municipality.code.clone().unwrap_or_default(), r.assessment.municipality.clone(), r.assessment.prefecture.clone(), r.assessment.fiscal_year.map(|y| y.to_string()).unwrap_or_default(), r.assessment.item_set.clone(), opt(r.overall.level), opt(r.overall.upper), r.overall.provisional.to_string(), stage];
                for d in &r.dimensions {
                    row.extend([opt(d.level), opt(d.upper), serde_json::to_value(d.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()]);
                }
                row.push(r.pack.hash.clone());
                rows.push(row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
            }
            Err(e) => failed.push((file.to_string(), e)),
        }
    }
    if progress {
        eprintln!();
    }
    std::fs::write(csv, rows.join("\n") + "\n").map_err(|e| Failure::Usage(format!("cannot write {csv}: {e}")))?;
    eprintln!("{} of {} files scored into {csv}", files.len() - failed.len(), files.len());
    for (file, e) in &failed {
        eprintln!("FAILED {file}:\n  {}", e.replace('\n', "\n  "));
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::Reported)
    }
}

fn bundle(path: Option<&str>, to: Option<&str>) -> Res<()> {
    let (Some(path), Some(to)) = (path, to) else { return Err(Failure::Usage(USAGE.into())) };
    let (pack, sources) = if Path::new(path).is_dir() {
        let s = PackSources::from_dir(path).map_err(|e| Failure::Engine(e, None))?;
        (Pack::compile(&s).map_err(|e| Failure::Engine(e, Some(s.clone())))?, s)
    } else {
        let b = Bundle::from_json(&read(path)?).map_err(|e| Failure::Engine(e, None))?;
        (b.compile().map_err(|e| Failure::Engine(e, Some(b.sources())))?, b.sources())
    };
    let b = Bundle::of(&pack, &sources);
    std::fs::write(to, b.to_json() + "\n").map_err(|e| Failure::Usage(format!("cannot write {to}: {e}")))?;
    out(&format!("wrote {to}: {} {} edition {} ({} files) {}", b.id, b.version, b.edition, b.files.len(), b.hash))
}

fn compare(old: &Pack, new: &Pack, files: &[&str]) -> Res<()> {
    let ed = diff::editions(old, new);
    out(&format!("{} {} → {} {}", old.info().edition, old.info().hash, new.info().edition, new.info().hash))?;
    out(&format!("items added: {}", if ed.added.is_empty() { "none".into() } else { ed.added.join(", ") }))?;
    out(&format!("items removed: {}", if ed.removed.is_empty() { "none".into() } else { ed.removed.join(", ") }))?;
    let mut failed = false;
    for file in files {
        let a = Assessment::from_json(&read(file)?).map_err(|e| Failure::Engine(e, None))?;
        let score = |p: &Pack| {
            let (a, _) = diff::for_pack(&a, p);
            p.score(&a)
        };
        match (score(old), score(new)) {
            (Ok(o), Ok(n)) => {
                let changes = diff::reports(&o, &n);
                out(&format!("{file}: {}", if changes.is_empty() { "no change".to_owned() } else { format!("{} change(s)", changes.len()) }))?;
                for c in changes {
                    out(&format!("  {c}"))?;
                }
            }
            (o, n) => {
                failed = true;
                let why = o.err().or(n.err()).map(|e| e.to_string()).unwrap_or_default();
                eprintln!("FAILED {file}: {why}");
            }
        }
    }
    if failed {
        Err(Failure::Reported)
    } else {
        Ok(())
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
                if let Some(x) = excerpt(sources, &f.location) {
                    eprintln!("{x}");
                }
            }
        }
        _ => eprintln!("{e}"),
    }
}

fn main() -> ExitCode {
    let args = Args { words: std::env::args().skip(1).collect() };
    if args.has("--help") || args.has("-h") {
        let _ = out(USAGE);
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Engine(e, sources)) => {
            show(&e, sources.as_ref());
            ExitCode::FAILURE
        }
        Err(Failure::Reported) => ExitCode::FAILURE,
        Err(Failure::Usage(msg)) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}
