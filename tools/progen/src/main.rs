//! `progen SEED [COUNT] [--body]`: prints the programs of seeds SEED ..
//! SEED+COUNT-1 (one by default), each starting with a line that prints
//! `== seed N`, so one file (one build) can hold many programs and a
//! difference in the output still names its seed. `--body` wraps each
//! program in `(let () ...)` (no top-level definitions).

use progen::choices::Seeded;
use progen::{program, Options};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let body = args.iter().any(|a| a == "--body");
    args.retain(|a| a != "--body");
    let number = |i: usize, default: Option<u64>| -> u64 {
        match args.get(i).map(|a| a.parse::<u64>()) {
            Some(Ok(n)) => n,
            None if default.is_some() => default.unwrap_or(1),
            _ => {
                eprintln!("usage: progen SEED [COUNT] [--body]");
                std::process::exit(2);
            }
        }
    };
    let seed = number(0, None);
    let count = number(1, Some(1));
    let mut out = String::new();
    for s in seed..seed.saturating_add(count) {
        let opts = Options {
            prefix: format!("s{s}-"),
            body,
            ..Options::default()
        };
        out.push_str(&format!("(display \"== seed {s}\")\n(newline)\n"));
        out.push_str(&program(&mut Seeded::new(s), &opts));
    }
    print!("{out}");
}
