//! Files and directories: `directory-files`, `os-file-info`, `rename-file`,
//! `create-directory`, `delete-directory`, `current-directory`,
//! `change-directory`, `create-temporary-file`, `create-temporary-directory`.
//!
//! Paths are strings, passed to the OS as UTF-8. Every failure is a file
//! error naming the procedure and the OS's reason, with the path(s) as
//! irritants (`delete-directory: Directory not empty: "d"`).

use super::{os_error, text_arg};
use crate::args::{args, Arity::Between};
use crate::error::type_error;
use crate::memory::heap::{cons, make_string_from, vector_from};
use crate::memory::value::*;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

/// `(directory-files dir)`: the names of the entries of directory `dir`
/// (neither `.` nor `..`), sorted by their UTF-8 bytes.
#[no_mangle]
pub extern "C" fn closc_prim_directory_files(dir: Value) -> Value {
    let proc = "directory-files";
    let path = text_arg(proc, dir);
    let entries = std::fs::read_dir(&path).unwrap_or_else(|e| os_error(proc, &e, &[dir]));
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => names.push(entry.file_name().to_string_lossy().into_owned()),
            Err(e) => os_error(proc, &e, &[dir]),
        }
    }
    names.sort();
    names
        .iter()
        .rev()
        .fold(NIL, |acc, name| cons(make_string_from(name), acc))
}

/// The kind of file `meta` describes, as `file-info-kind` names it.
fn kind_name(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_symlink() {
        "symbolic-link"
    } else if t.is_dir() {
        "directory"
    } else if t.is_file() {
        "regular"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_block_device() {
        "block-device"
    } else if t.is_char_device() {
        "character-device"
    } else {
        "unknown"
    }
}

/// `(os-file-info path [follow?])`: `#(kind size mtime-seconds
/// mtime-nanoseconds permissions)` of `path` (of a symbolic link itself when
/// `follow?` is `#f`; it is followed by default). `kind` is a symbol,
/// `permissions` the mode bits 0..#o7777.
#[no_mangle]
pub extern "C" fn closc_prim_os_file_info(argc: u64, argv: *const Value) -> Value {
    let proc = "file-info";
    let args = args(proc, argc, argv, Between(1, 2));
    let path = text_arg(proc, args[0]);
    let follow = args.get(1).is_none_or(|&f| f != FALSE);
    let meta = if follow {
        std::fs::metadata(&path)
    } else {
        std::fs::symlink_metadata(&path)
    };
    let meta = meta.unwrap_or_else(|e| os_error(proc, &e, &[args[0]]));
    let size = crate::numbers::make_integer(&meta.len().into());
    vector_from(&[
        crate::memory::heap::intern(kind_name(&meta)),
        size,
        fixnum(meta.mtime()),
        fixnum(meta.mtime_nsec()),
        fixnum((meta.permissions().mode() & 0o7777) as i64),
    ])
}

/// `(rename-file old new)`: renames (moves) `old` to `new`, replacing a file
/// `new` (R7RS leaves that open; POSIX `rename` replaces).
#[no_mangle]
pub extern "C" fn closc_prim_rename_file(old: Value, new: Value) -> Value {
    let proc = "rename-file";
    let from = text_arg(proc, old);
    let to = text_arg(proc, new);
    if let Err(e) = std::fs::rename(&from, &to) {
        os_error(proc, &e, &[old, new])
    }
    VOID
}

/// `(create-directory path [parents?])`: makes directory `path`; with
/// `parents?` true, its missing parents too, and an existing directory is
/// no error (as `mkdir -p`). New directories get mode #o777 less the umask.
#[no_mangle]
pub extern "C" fn closc_prim_create_directory(argc: u64, argv: *const Value) -> Value {
    let proc = "create-directory";
    let args = args(proc, argc, argv, Between(1, 2));
    let path = text_arg(proc, args[0]);
    let parents = args.get(1).is_some_and(|&p| p != FALSE);
    let made = if parents {
        std::fs::create_dir_all(&path)
    } else {
        std::fs::create_dir(&path)
    };
    if let Err(e) = made {
        os_error(proc, &e, &[args[0]])
    }
    VOID
}

/// `(delete-directory path)`: removes empty directory `path`.
#[no_mangle]
pub extern "C" fn closc_prim_delete_directory(dir: Value) -> Value {
    let proc = "delete-directory";
    let path = text_arg(proc, dir);
    if let Err(e) = std::fs::remove_dir(&path) {
        os_error(proc, &e, &[dir])
    }
    VOID
}

/// `(current-directory)`: the working directory, an absolute path.
#[no_mangle]
pub extern "C" fn closc_prim_current_directory() -> Value {
    match std::env::current_dir() {
        Ok(dir) => make_string_from(&dir.to_string_lossy()),
        Err(e) => os_error("current-directory", &e, &[]),
    }
}

/// `(change-directory path)`: makes `path` the working directory (of this
/// program and the programs it starts afterwards).
#[no_mangle]
pub extern "C" fn closc_prim_change_directory(dir: Value) -> Value {
    let proc = "change-directory";
    let path = text_arg(proc, dir);
    if let Err(e) = std::env::set_current_dir(&path) {
        os_error(proc, &e, &[dir])
    }
    VOID
}

/// The template `DIR/PREFIXXXXXXX` for `mkstemp`/`mkdtemp`: `DIR` is
/// `TMPDIR` or `/tmp`; `PREFIX` the optional argument (default `closc`),
/// which may not contain `/`.
fn temporary_template(proc: &str, argc: u64, argv: *const Value) -> Vec<u8> {
    let args = args(proc, argc, argv, Between(0, 1));
    let prefix = match args.first() {
        Some(&p) => {
            let s = text_arg(proc, p);
            if s.contains('/') {
                type_error(proc, "file name prefix without /", p);
            }
            s
        }
        None => "closc".to_string(),
    };
    let dir = std::env::var("TMPDIR")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/tmp".to_string());
    let mut template = format!("{}/{prefix}XXXXXX", dir.trim_end_matches('/')).into_bytes();
    template.push(0);
    template
}

/// The path in a template `mkstemp`/`mkdtemp` filled in.
fn template_path(mut template: Vec<u8>) -> Value {
    template.pop();
    make_string_from(&String::from_utf8_lossy(&template))
}

/// `(create-temporary-file [prefix])`: creates a new empty file, readable
/// and writable by its owner only, in `TMPDIR` (or `/tmp`) and returns its
/// path; deleting it is the program's business.
#[no_mangle]
pub extern "C" fn closc_prim_create_temporary_file(argc: u64, argv: *const Value) -> Value {
    let proc = "create-temporary-file";
    let mut template = temporary_template(proc, argc, argv);
    // SAFETY: a writable NUL-terminated template ending in XXXXXX.
    let fd = unsafe { libc::mkstemp(template.as_mut_ptr() as *mut libc::c_char) };
    if fd < 0 {
        let e = std::io::Error::last_os_error();
        let path = template_path(template);
        os_error(proc, &e, &[path])
    }
    // SAFETY: `fd` was just opened here.
    unsafe { libc::close(fd) };
    template_path(template)
}

/// `(create-temporary-directory [prefix])`: as `create-temporary-file`, a
/// new directory (mode #o700).
#[no_mangle]
pub extern "C" fn closc_prim_create_temporary_directory(argc: u64, argv: *const Value) -> Value {
    let proc = "create-temporary-directory";
    let mut template = temporary_template(proc, argc, argv);
    // SAFETY: as for `mkstemp`.
    let made = unsafe { libc::mkdtemp(template.as_mut_ptr() as *mut libc::c_char) };
    if made.is_null() {
        let e = std::io::Error::last_os_error();
        let path = template_path(template);
        os_error(proc, &e, &[path])
    }
    template_path(template)
}

#[cfg(test)]
mod tests {
    #[test]
    fn kind_names() {
        let meta = std::fs::metadata("/").unwrap();
        assert_eq!(super::kind_name(&meta), "directory");
    }
}
