//! Finding R7RS libraries: library names, the search path, and the files
//! closc carries with it (`bundled`).
//!
//! In: a library name as `import` writes it (`(foo bar)`, `(srfi 1)`) and
//! the directory of the importing file. Out: the file that should define it
//! (`foo/bar.sld`, else `foo/bar.scm`, in the first directory of the search
//! path holding one), or the list of places searched. The standard
//! libraries and the builtin table's libraries have no file: `standard`
//! says what they export.
//!
//! The search path, in order: the importing file's directory, each `-I DIR`,
//! each directory of `CLOSC_LIBRARY_PATH` (colon-separated), closc's
//! bundled libraries (the repository's `lib/`, embedded in the binary, so a
//! program finds them from any directory and executables never need them),
//! then each `-A DIR`. A bundled file's name is `BUNDLED_ROOT` followed by
//! its path below `lib/`; `read_source` reads either kind, so `include`
//! inside a bundled library finds the bundled file beside it.

pub mod bundled;
pub mod standard;

use std::path::{Path, PathBuf};

/// The directory bundled files seem to be in (a name no real path has).
pub const BUNDLED_ROOT: &str = "<closc>";

/// A library name: identifiers and exact non-negative integers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LibraryName(pub Vec<String>);

impl LibraryName {
    /// The file path it is looked for under, without extension (`foo/bar`).
    pub fn relative_path(&self) -> PathBuf {
        self.0.iter().collect()
    }
}

impl std::fmt::Display for LibraryName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({})", self.0.join(" "))
    }
}

/// Where libraries are looked for besides the importing file's directory.
#[derive(Clone, Debug, Default)]
pub struct SearchPath {
    /// `-I DIR`s, searched first, in order.
    pub include: Vec<PathBuf>,
    /// `CLOSC_LIBRARY_PATH`'s directories, after `include`.
    pub environment: Vec<PathBuf>,
    /// `-A DIR`s, searched last (after the bundled libraries).
    pub append: Vec<PathBuf>,
}

impl SearchPath {
    /// The path of the command line's `-I` and `-A` directories and of
    /// `CLOSC_LIBRARY_PATH` (empty entries are ignored).
    pub fn new(include: Vec<PathBuf>, append: Vec<PathBuf>) -> SearchPath {
        let environment = std::env::var_os("CLOSC_LIBRARY_PATH")
            .map(|v| {
                std::env::split_paths(&v)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default();
        SearchPath {
            include,
            environment,
            append,
        }
    }

    /// The directories searched for an import in a file of directory `dir`,
    /// in order, the bundled libraries as `BUNDLED_ROOT`.
    pub fn directories(&self, dir: &Path) -> Vec<PathBuf> {
        std::iter::once(dir.to_path_buf())
            .chain(self.include.iter().cloned())
            .chain(self.environment.iter().cloned())
            .chain(std::iter::once(PathBuf::from(BUNDLED_ROOT)))
            .chain(self.append.iter().cloned())
            .collect()
    }

    /// The file for `name` imported from a file in `dir`: the first
    /// `NAME.sld`, then `NAME.scm`, of each directory in order; or every
    /// directory searched.
    pub fn find(&self, name: &LibraryName, dir: &Path) -> Result<PathBuf, Vec<PathBuf>> {
        let dirs = self.directories(dir);
        let rel = name.relative_path();
        for d in &dirs {
            for ext in ["sld", "scm"] {
                let path = d.join(rel.with_extension(ext));
                if exists(&path) {
                    return Ok(path);
                }
            }
        }
        Err(dirs)
    }
}

/// The bundled file's path below `lib/`, if `path` names one: `..` and `.`
/// resolved (`srfi/../closc/sort.scm` is `closc/sort.scm`, as on disk), and
/// none if they climb out of `lib/`.
fn bundled_path(path: &Path) -> Option<String> {
    use std::path::Component;
    let rel = path.strip_prefix(BUNDLED_ROOT).ok()?;
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            c => parts.push(c.as_os_str().to_string_lossy().into_owned()),
        }
    }
    Some(parts.join("/"))
}

fn exists(path: &Path) -> bool {
    match bundled_path(path) {
        Some(rel) => bundled::find(&rel).is_some(),
        None => path.is_file(),
    }
}

/// The text of a source file, bundled or on disk.
pub fn read_source(path: &Path) -> std::io::Result<String> {
    match bundled_path(path) {
        Some(rel) => bundled::find(&rel).map(str::to_string).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such bundled file")
        }),
        None => std::fs::read_to_string(path),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_paths_resolve_dots() {
        let p = |s: &str| super::bundled_path(std::path::Path::new(s));
        assert_eq!(
            p("<closc>/srfi/../closc/sort.scm").as_deref(),
            Some("closc/sort.scm")
        );
        assert_eq!(p("<closc>/srfi/./1.sld").as_deref(), Some("srfi/1.sld"));
        assert_eq!(p("<closc>/../x.sld"), None);
        assert_eq!(p("/usr/lib/x.sld"), None);
    }

    use super::*;

    #[test]
    fn names_map_to_paths() {
        let n = LibraryName(vec!["srfi".into(), "1".into()]);
        assert_eq!(n.relative_path(), PathBuf::from("srfi/1"));
        assert_eq!(n.to_string(), "(srfi 1)");
    }

    /// `-I` before the environment's path, the bundled files, then `-A`.
    #[test]
    fn search_order() {
        let path = SearchPath {
            include: vec!["i".into()],
            environment: vec!["e".into()],
            append: vec!["a".into()],
        };
        let dirs: Vec<String> = path
            .directories(Path::new("here"))
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        assert_eq!(dirs, ["here", "i", "e", BUNDLED_ROOT, "a"]);
        let srfi8 = LibraryName(vec!["srfi".into(), "8".into()]);
        let _ = path.find(&srfi8, Path::new("here"));
        let missing = LibraryName(vec!["no".into(), "such".into()]);
        assert_eq!(path.find(&missing, Path::new("here")).unwrap_err().len(), 5);
    }
}
