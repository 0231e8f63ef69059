//! Buffered file descriptors behind the file ports and standard input.
//!
//! An input side (`FdIn`) reads blocks of `BLOCK` bytes and hands out bytes
//! or UTF-8 characters (an invalid sequence is one U+FFFD, as the maximal
//! invalid prefix Rust's decoder reports). An output side (`FdOut`) collects
//! bytes and writes them when they pass `BLOCK`, when its port is flushed or
//! closed, and at exit (`flush_all`, which `control::run` installs as the
//! error module's flush, so an error exit writes them too, before its
//! message).
//!
//! Open files live in `FILES`, a table of slots; a file port holds its slot
//! number. Closing a port closes its descriptor and frees the slot for reuse
//! (a closed port never consults its slot again). A port nothing references
//! any more is closed by the collector: each slot records its port (`OWNERS`,
//! weak: not a root), and at the end of every collection
//! (`gc::set_after_collection`) a slot whose port did not survive is closed
//! as `close-port` would (an output file's buffer is written out first), so a
//! program that drops ports without closing them does not run out of file
//! descriptors.

use crate::io::output;
use crate::memory::gc;
use crate::memory::global::Global;
use crate::memory::value::Value;
use std::os::fd::IntoRawFd;

const BLOCK: usize = 64 * 1024;

/// The input side of a file descriptor.
pub struct FdIn {
    fd: i32,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl FdIn {
    pub const fn new(fd: i32) -> FdIn {
        FdIn {
            fd,
            buf: Vec::new(),
            pos: 0,
            eof: false,
        }
    }

    /// Bytes read but not consumed.
    fn available(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Makes `n` bytes available unless the input ends first (blocking);
    /// returns how many are (at most `n`).
    fn fill(&mut self, n: usize) -> usize {
        while self.available() < n && !self.eof {
            self.buf.drain(..self.pos);
            self.pos = 0;
            if self.fd == 0 {
                // A prompt written before reading must be visible. (Inside
                // the input's `Global::with`: a failure is raised after it.)
                output::flush_deferring_errors();
            }
            let old = self.buf.len();
            self.buf.resize(old + BLOCK, 0);
            // SAFETY: `buf[old..]` is a writable buffer of `BLOCK` bytes.
            let got = unsafe {
                libc::read(
                    self.fd,
                    self.buf.as_mut_ptr().add(old) as *mut libc::c_void,
                    BLOCK,
                )
            };
            self.buf.truncate(old + got.max(0) as usize);
            if got < 0 {
                if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                    continue;
                }
                // An unreadable descriptor reads as its end.
                self.eof = true;
            } else if got == 0 {
                self.eof = true;
            }
        }
        self.available().min(n)
    }

    pub fn peek_byte(&mut self) -> Option<u8> {
        (self.fill(1) == 1).then(|| self.buf[self.pos])
    }

    pub fn next_byte(&mut self) -> Option<u8> {
        let b = self.peek_byte()?;
        self.pos += 1;
        Some(b)
    }

    /// Up to `n` bytes (fewer only at the end of the input).
    pub fn read_bytes(&mut self, n: usize, out: &mut Vec<u8>) {
        while out.len() < n {
            let got = self.fill((n - out.len()).min(BLOCK));
            if got == 0 {
                return;
            }
            out.extend_from_slice(&self.buf[self.pos..self.pos + got]);
            self.pos += got;
        }
    }

    /// The next character and how many bytes encode it.
    fn decode(&mut self) -> Option<(u32, usize)> {
        let b0 = self.peek_byte()?;
        let len = match b0 {
            0x00..=0x7F => return Some((b0 as u32, 1)),
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return Some((0xFFFD, 1)),
        };
        let have = self.fill(len);
        let bytes = &self.buf[self.pos..self.pos + have];
        match std::str::from_utf8(bytes) {
            Ok(s) => s.chars().next().map(|c| (c as u32, have)),
            Err(e) => Some((0xFFFD, e.error_len().unwrap_or(have).max(1))),
        }
    }

    pub fn peek_char(&mut self) -> Option<u32> {
        self.decode().map(|(c, _)| c)
    }

    pub fn next_char(&mut self) -> Option<u32> {
        let (c, n) = self.decode()?;
        self.pos += n;
        Some(c)
    }

    /// Whether a byte (or the end of the input) is there without blocking.
    pub fn ready(&mut self) -> bool {
        if self.available() > 0 || self.eof {
            return true;
        }
        let mut fd = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, no waiting.
        unsafe { libc::poll(&mut fd, 1, 0) > 0 }
    }
}

/// The output side of a file descriptor.
pub struct FdOut {
    fd: i32,
    buf: Vec<u8>,
}

impl FdOut {
    /// Buffers `bytes`; the error number of a failed write (the buffer is
    /// dropped then).
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), i32> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() > BLOCK {
            self.flush()
        } else {
            Ok(())
        }
    }

    pub fn flush(&mut self) -> Result<(), i32> {
        let r = crate::error::try_write_fd(self.fd, &self.buf);
        self.buf.clear();
        r
    }
}

/// An open file: one direction, as R7RS's file ports are.
pub enum OpenFile {
    In(FdIn),
    Out(FdOut),
}

/// The open files, by slot.
static FILES: Global<Vec<Option<OpenFile>>> = Global::new(Vec::new());

/// The port of each slot (0: none yet), updated when the collector moves it.
static OWNERS: Global<Vec<Value>> = Global::new(Vec::new());

/// Open files with a port at which the next one asks for a major
/// collection (0: not computed yet): half the descriptor limit at first,
/// then twice what the last collection left open, so that dropped ports are
/// closed before the process runs out of descriptors.
static COLLECT_AT: Global<usize> = Global::new(0);

/// Half the soft limit on open descriptors, within 16..=4096.
fn half_descriptor_limit() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` writes the struct it is given.
    let soft = if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
        limit.rlim_cur as usize
    } else {
        1024
    };
    (soft / 2).clamp(16, 4096)
}

/// Records `port` as the port of the open file in `slot`: the file is closed
/// when a collection finds the port unreachable.
pub fn set_owner(slot: usize, port: Value) {
    let owned = OWNERS.with(|owners| {
        if owners.len() <= slot {
            owners.resize(slot + 1, 0);
        }
        owners[slot] = port;
        owners.iter().filter(|&&o| o != 0).count()
    });
    gc::set_after_collection(sweep_unreachable_ports);
    let due = COLLECT_AT.with(|at| {
        if *at == 0 {
            *at = half_descriptor_limit();
        }
        owned >= *at
    });
    if due {
        gc::request_major_collection();
    }
}

/// After a collection: updates the ports that moved, closes the files of
/// those that died (write errors are lost: nobody can be told).
fn sweep_unreachable_ports(survivor: &mut dyn FnMut(Value) -> Option<Value>) {
    let open = FILES.with(|files| {
        files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_some())
            .map(|(i, _)| i)
            .collect::<Vec<usize>>()
    });
    let mut dead = Vec::new();
    OWNERS.with(|owners| {
        for slot in open {
            match owners.get(slot).copied() {
                Some(port) if port != 0 => match survivor(port) {
                    Some(moved) => owners[slot] = moved,
                    None => {
                        owners[slot] = 0;
                        dead.push(slot);
                    }
                },
                _ => {}
            }
        }
    });
    for slot in dead {
        let _ = close(slot);
    }
    let owned = OWNERS.with(|owners| owners.iter().filter(|&&o| o != 0).count());
    COLLECT_AT.with(|at| {
        if *at != 0 {
            *at = (2 * owned).max(half_descriptor_limit());
        }
    });
}

/// Opens `path` for reading (`output` false) or for writing, created or
/// truncated; returns its slot, or the OS's reason for refusing. A
/// directory is refused for reading too (the OS would open it).
pub fn open(path: &str, output: bool) -> Result<usize, String> {
    let reason = |e: std::io::Error| {
        let text = e.to_string();
        // "No such file or directory (os error 2)" -> the reason alone.
        match text.find(" (os error") {
            Some(i) => text[..i].to_string(),
            None => text,
        }
    };
    let file = std::fs::OpenOptions::new()
        .read(!output)
        .write(output)
        .create(output)
        .truncate(output)
        .open(path)
        .map_err(reason)?;
    if !output && file.metadata().map_err(reason)?.is_dir() {
        return Err(reason(std::io::Error::from_raw_os_error(libc::EISDIR)));
    }
    Ok(adopt(file.into_raw_fd(), output))
}

/// Takes over open descriptor `fd` (closed with its slot) for reading or
/// writing; returns its slot.
pub fn adopt(fd: i32, output: bool) -> usize {
    let entry = if output {
        OpenFile::Out(FdOut {
            fd,
            buf: Vec::new(),
        })
    } else {
        OpenFile::In(FdIn::new(fd))
    };
    FILES.with(|files| match files.iter().position(Option::is_none) {
        Some(i) => {
            files[i] = Some(entry);
            i
        }
        None => {
            files.push(Some(entry));
            files.len() - 1
        }
    })
}

/// Runs `f` on the open file in `slot`.
pub fn with<R>(slot: usize, f: impl FnOnce(&mut OpenFile) -> R) -> R {
    FILES.with(|files| match files.get_mut(slot) {
        Some(Some(file)) => f(file),
        _ => crate::error::internal("a port's file slot is empty"),
    })
}

/// Writes out what is buffered for the file in `slot` and closes it (the
/// file is closed even when the write fails); the error number of a
/// failed write.
pub fn close(slot: usize) -> Result<(), i32> {
    let file = FILES.with(|files| files.get_mut(slot).and_then(Option::take));
    OWNERS.with(|owners| {
        if let Some(owner) = owners.get_mut(slot) {
            *owner = 0;
        }
    });
    let (fd, written) = match file {
        Some(OpenFile::In(i)) => (i.fd, Ok(())),
        Some(OpenFile::Out(mut o)) => (o.fd, o.flush()),
        None => return Ok(()),
    };
    // SAFETY: the descriptor came from `open` and is closed once (the slot
    // was emptied above).
    unsafe { libc::close(fd) };
    written
}

/// Writes out standard output and every open output file, at exit: the
/// message of the first failure, if any (a closed pipe on standard output
/// ends the program quietly instead: `output::broken_pipe_exit`).
pub fn flush_all() -> Result<(), String> {
    let stdout = output::try_flush();
    if stdout == Err(libc::EPIPE) {
        output::broken_pipe_exit()
    }
    let files = FILES.with(|files| {
        let mut first = Ok(());
        for o in files.iter_mut().flatten() {
            if let OpenFile::Out(o) = o {
                let r = o.flush();
                first = first.and(r);
            }
        }
        first
    });
    match (stdout, files) {
        (Err(e), _) => Err(format!(
            "cannot write to standard output: {}",
            crate::error::os_reason(e)
        )),
        (_, Err(e)) => Err(format!(
            "cannot write to a file: {}",
            crate::error::os_reason(e)
        )),
        _ => Ok(()),
    }
}

/// `flush_all` ignoring failures (before an error message, which is
/// written regardless).
pub fn flush_all_quietly() {
    let _ = output::try_flush();
    flush_files_quietly();
}

/// Writes out the open output files, ignoring failures.
pub fn flush_files_quietly() {
    FILES.with(|files| {
        for o in files.iter_mut().flatten() {
            if let OpenFile::Out(o) = o {
                let _ = o.flush();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(bytes: &[u8]) -> FdIn {
        FdIn {
            fd: -1,
            buf: bytes.to_vec(),
            pos: 0,
            eof: true,
        }
    }

    #[test]
    fn utf8_decoding() {
        let mut r = reader("aλ\u{1F600}".as_bytes());
        assert_eq!(r.peek_char(), Some('a' as u32));
        assert_eq!(r.next_char(), Some('a' as u32));
        assert_eq!(r.next_char(), Some('λ' as u32));
        assert_eq!(r.next_char(), Some(0x1F600));
        assert_eq!(r.next_char(), None);
        // An invalid byte, then a sequence cut off by the end of the input.
        let mut r = reader(&[0xFF, b'x', 0xCE]);
        assert_eq!(r.next_char(), Some(0xFFFD));
        assert_eq!(r.next_char(), Some('x' as u32));
        assert_eq!(r.next_char(), Some(0xFFFD));
        assert_eq!(r.next_char(), None);
        let mut r = reader(&[1, 2, 3]);
        assert_eq!(r.next_byte(), Some(1));
        let mut out = Vec::new();
        r.read_bytes(5, &mut out);
        assert_eq!(out, [2, 3]);
        assert!(r.ready());
    }
}
