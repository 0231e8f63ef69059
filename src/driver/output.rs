//! Writing what `closc build` produces without ever leaving a partial file
//! or clobbering an input.
//!
//! In: an output path and its bytes (or a linker that writes a file). Out:
//! the output in place, complete, or untouched. How: the bytes go to a
//! temporary file in the output's directory (so the final `rename` is atomic:
//! two builds of one output each rename a complete file, the last one wins),
//! which is renamed into place only when complete. Every temporary file is
//! registered while it exists, and `cleanup_on_signals` removes the
//! registered ones (and stops the linker) when SIGINT, SIGTERM or SIGHUP ends
//! closc; `TempPath`'s `Drop` removes them on every other exit path.
//!
//! Invariant: a registered path is a leaked, NUL-terminated C string, so
//! the signal handler reads it without allocating or locking.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicUsize, Ordering};

/// How many temporary files may exist at once (a build has at most two: the
/// object file and the linked executable).
const SLOTS: usize = 8;

static REGISTERED: [AtomicPtr<libc::c_char>; SLOTS] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];

/// The process id of the running linker, or 0.
static CHILD: AtomicI32 = AtomicI32::new(0);

/// A failure to produce the output: the environment's (no linker, an
/// unwritable directory, no runtime library: exit status 3) or closc's own
/// (status 70).
#[derive(Debug)]
pub enum BuildError {
    Environment(String),
    Internal(String),
    /// An error in the program found only when linking (a foreign
    /// procedure's C symbol that no library defines): status 1.
    Program(String),
}

impl From<String> for BuildError {
    /// Errors of the compiler proper (codegen) are internal.
    fn from(msg: String) -> BuildError {
        BuildError::Internal(msg)
    }
}

/// A temporary file's path, removed when dropped (whether or not the file
/// was ever created) unless `keep` moved it into place.
pub struct TempPath {
    path: PathBuf,
    slot: Option<usize>,
}

impl TempPath {
    /// A fresh path in `dir`, named after `hint`, unique within this
    /// process and among processes (the process id is part of it).
    pub fn new_in(dir: &Path, hint: &str) -> TempPath {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{hint}.closc-{}-{n}.tmp", std::process::id()));
        let slot = register(&path);
        TempPath { path, slot }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the file over `target`; the temporary path is then gone.
    pub fn rename_to(mut self, target: &Path) -> Result<(), BuildError> {
        let result = std::fs::rename(&self.path, target).map_err(|e| {
            BuildError::Environment(format!("cannot write {}: {e}", target.display()))
        });
        if result.is_ok() {
            self.unregister();
        }
        result
    }

    fn unregister(&mut self) {
        if let Some(slot) = self.slot.take() {
            let p = REGISTERED[slot].swap(std::ptr::null_mut(), Ordering::SeqCst);
            if !p.is_null() {
                // SAFETY: `p` came from `CString::into_raw` in `register`,
                // and the swap above took it out of the table, so it is freed once.
                drop(unsafe { CString::from_raw(p) });
            }
        }
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if self.slot.is_some() {
            let _ = std::fs::remove_file(&self.path);
            self.unregister();
        }
    }
}

/// Puts `path` in a free slot of the table the signal handler reads. With
/// every slot taken (not in closc's own use), the path is only removed by
/// `Drop`.
fn register(path: &Path) -> Option<usize> {
    use std::os::unix::ffi::OsStrExt;
    let c = CString::new(path.as_os_str().as_bytes()).ok()?.into_raw();
    for (i, slot) in REGISTERED.iter().enumerate() {
        if slot
            .compare_exchange(std::ptr::null_mut(), c, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            return Some(i);
        }
    }
    // SAFETY: `c` came from `into_raw` just above and was not stored.
    drop(unsafe { CString::from_raw(c) });
    None
}

/// Records the running linker, which the signal handler stops before it
/// removes the files the linker may still be writing (0: none).
pub fn set_child(pid: u32) {
    CHILD.store(pid as i32, Ordering::SeqCst);
}

/// Set by the signal handler: closc is ending, and the thread waiting for
/// the linker must not report the linker's death.
static ENDING: AtomicBool = AtomicBool::new(false);

/// Whether a signal is ending closc (see `on_signal`).
pub fn ending() -> bool {
    ENDING.load(Ordering::SeqCst)
}

extern "C" fn on_signal(sig: libc::c_int) {
    ENDING.store(true, Ordering::SeqCst);
    // Only async-signal-safe calls: kill, waitid, unlink, signal, raise.
    let child = CHILD.load(Ordering::SeqCst);
    // SAFETY: plain system calls on values this module stored; `info` is
    // a buffer waitid fills.
    unsafe {
        if child > 0 {
            libc::kill(child, libc::SIGKILL);
            // Until the linker is dead (so it writes no more), without
            // reaping it: the thread that started it does.
            let mut info: libc::siginfo_t = std::mem::zeroed();
            libc::waitid(
                libc::P_PID,
                child as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            );
        }
        for slot in &REGISTERED {
            let p = slot.load(Ordering::SeqCst);
            if !p.is_null() {
                libc::unlink(p);
            }
        }
        // End the way the signal would have ended closc.
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

/// Makes SIGINT, SIGTERM and SIGHUP remove the registered temporary files
/// (stopping the linker first) before they end closc.
pub fn cleanup_on_signals() {
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: a fully initialised sigaction whose handler has the type
        // `sa_handler` expects (no SA_SIGINFO).
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// The directory a file at `path` lives in (`.` for a bare name).
pub fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` through a temporary file renamed into place:
/// `path` is either its old self or complete.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let hint = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = TempPath::new_in(directory_of(path), &hint);
    std::fs::write(tmp.path(), bytes)
        .map_err(|e| BuildError::Environment(format!("cannot write {}: {e}", path.display())))?;
    tmp.rename_to(path)
}

/// Whether `a` and `b` name one existing file (through links and different
/// spellings), as the device and inode numbers say.
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("closc-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("out.txt");
        std::fs::write(&target, b"old").unwrap();
        write_atomically(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert!(same_file(&target, &dir.join(".").join("out.txt")));
        assert!(!same_file(&target, &dir.join("missing")));
        // A temporary that is dropped is removed.
        let t = TempPath::new_in(&dir, "x");
        std::fs::write(t.path(), b"partial").unwrap();
        drop(t);
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.txt"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
