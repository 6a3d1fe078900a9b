//! Command-line shell over the library: check a pack, score an assessment, run a pack's tests.
//! No logic here beyond reading files and printing.

use renkei::{Assessment, Error, Pack, ScoreOptions};
use std::process::ExitCode;

const USAGE: &str = "usage:
  renkei check [PACK_DIR]                 check a rule pack (default: the embedded pack)
  renkei score ASSESSMENT.json [--pack DIR] [--trace]
                                          print the report as JSON
  renkei test [PACK_DIR]                  run the pack's own test cases
  renkei checklist [--pack DIR]           print the checklist as JSON";

fn load(dir: Option<&str>) -> Result<Pack, Error> {
    match dir {
        Some(d) => Pack::from_dir(d),
        None => Pack::default_pack(),
    }
}

fn show(e: &Error) {
    eprintln!("{}\n{e}", e.summary_ja());
    if let Error::Pack(problems) = e {
        for p in problems {
            eprintln!("  {}: {}", p.location, p.message_ja);
        }
    }
    if let Error::Answers(problems) = e {
        for p in problems {
            eprintln!("  {}: {}", p.item, p.message_ja);
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str);
    let result = match args.first().map(String::as_str) {
        Some("check") => load(args.get(1).map(String::as_str)).map(|p| {
            println!("ok: {} {} ({} items) {}", p.info().id, p.info().version, p.checklist().items.len(), p.info().hash);
        }),
        Some("checklist") => load(flag("--pack")).map(|p| {
            println!("{}", serde_json::to_string_pretty(p.checklist()).unwrap_or_default());
        }),
        Some("test") => match load(args.get(1).map(String::as_str)) {
            Ok(p) => {
                let results = p.run_tests();
                let failed = results.iter().filter(|r| !r.passed).count();
                for r in &results {
                    println!("{} {} ({})", if r.passed { "ok  " } else { "FAIL" }, r.name, r.file);
                    for f in &r.failures {
                        println!("       {f}");
                    }
                }
                println!("{} passed, {} failed", results.len() - failed, failed);
                return if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS };
            }
            Err(e) => Err(e),
        },
        Some("score") if args.len() >= 2 => {
            let text = match std::fs::read_to_string(&args[1]) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("cannot read {}: {e}", args[1]);
                    return ExitCode::from(2);
                }
            };
            load(flag("--pack")).and_then(|p| {
                let a = Assessment::from_json(&text)?;
                let r = p.score_with(&a, ScoreOptions { trace: args.iter().any(|a| a == "--trace") })?;
                println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
                Ok(())
            })
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            show(&e);
            ExitCode::FAILURE
        }
    }
}
