//! Compile-and-run of generated programs, in process: the fuzz input is
//! the stream of decisions of `progen` (tools/progen), so every input is a
//! well-typed program that terminates and raises nothing uncaught. Each
//! one runs in a REPL session (`closc::repl::Session`: a Scheme error ends
//! the evaluation, not the process), so any compile error, Scheme error or
//! runaway is a bug and fails the input:
//! - heap cap: `CLOSC_HEAP_MAX` (1 GiB unless set) ends the process with a
//!   clean error past it;
//! - time limit: a watchdog sends SIGINT (which the session turns into an
//!   interrupt of the running Scheme code) after `RUN_SECONDS`; an
//!   interrupted program failed (generated programs finish in well under a
//!   second). Without the generator's guarantees this would not be safe:
//!   arbitrary programs may `exit`, write or delete files, or loop forever.
//!
//! Output goes to stdout: run with `-close_fd_mask=1` (as `make fuzz` does).
//! The session keeps every compiled module (later inputs could call code
//! of earlier ones), so memory grows with each input: `make fuzz` runs this
//! target in rounds of a bounded number of inputs.
#![no_main]

use closc::pipeline::Warnings;
use closc::repl::Session;
use libfuzzer_sys::fuzz_target;
use progen::choices::Bytes;
use progen::{program, Options};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// How long one generated program may run.
const RUN_SECONDS: u64 = 20;

/// When the running program is out of time (milliseconds since the epoch; 0: none).
static DEADLINE: AtomicU64 = AtomicU64::new(0);
/// Whether the watchdog interrupted the current program.
static FIRED: AtomicBool = AtomicBool::new(false);

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn start_watchdog() {
    std::thread::spawn(|| loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let deadline = DEADLINE.load(Ordering::SeqCst);
        if deadline != 0 && now_ms() > deadline {
            FIRED.store(true, Ordering::SeqCst);
            // SAFETY: `kill` of this process with SIGINT, which the
            // session's handler only records.
            unsafe { libc::kill(libc::getpid(), libc::SIGINT) };
        }
    });
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        prefix: "f-".to_string(),
        body: true,
        ..Options::default()
    };
    let text = program(&mut Bytes::new(data), &opts);
    SESSION.with(|cell| {
        let mut cell = cell.borrow_mut();
        let session = cell.get_or_insert_with(|| {
            // SAFETY (edition 2021 `set_var`): nothing else reads the
            // environment concurrently this early.
            if std::env::var_os("CLOSC_HEAP_MAX").is_none() {
                std::env::set_var("CLOSC_HEAP_MAX", "1G");
            }
            if std::env::var_os("CLOSC_STACK").is_none() {
                std::env::set_var("CLOSC_STACK", "64M");
            }
            start_watchdog();
            Session::new("speed", Warnings::Hide)
        });
        FIRED.store(false, Ordering::SeqCst);
        DEADLINE.store(now_ms() + RUN_SECONDS * 1000, Ordering::SeqCst);
        let ok = session.eval_text("generated.scm", &text, false);
        DEADLINE.store(0, Ordering::SeqCst);
        if FIRED.load(Ordering::SeqCst) {
            panic!("a generated program ran over {RUN_SECONDS} s:\n{text}");
        }
        if !ok {
            panic!("a generated program failed (message above):\n{text}");
        }
    });
});
