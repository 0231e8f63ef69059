//! The source-position table (`closc_positions_table`): what run-time error
//! messages and backtraces need to name a code address, carried in the
//! program itself so an AOT executable needs no source file at run time.
//!
//! In: the `srclocs` codegen recorded per function (code ranges compiled from
//! each expression that can fail: calls, primitives, global references, whose
//! `SourceLoc` indexes `Shared::source_locs`: the byte offset of the
//! expression's span and its inline site, if any) and the program's source
//! files (`Program::sources`: its own, its libraries', the included ones).
//! Out: a data object, registered at start-up by `closc_entry` through
//! `closc_rt_register_positions` (`runtime/src/control/backtrace.rs`):
//!
//! ```text
//! [nfuncs, nfiles, (file_name_ptr, file_name_len) * nfiles, nsites,
//!  (callee_name_ptr, callee_name_len, line | column << 32, file | enclosing << 32) * nsites]
//! per function: [code_ptr, code_len, name_ptr, name_len, npositions,
//!                (start | end << 32, line | column << 32, site | file << 32) * npositions]
//! ```
//!
//! Offsets are relative to the function's code; lines and columns are
//! 1-based (0 for a call without a position); a `file` indexes the table's
//! file names, each emitted once, as diagnostics name the file (the path as
//! found: given by the user, or found on the library search path, or
//! `<closc>/...` for a bundled library). A site is an inlined call
//! (`Program::inline_sites`: the callee's name and where the call was); a
//! position's `site` is 0, or 1 + the site whose copied code it is in, which
//! the backtrace shows as a frame of the callee inside the caller's frame;
//! a site's `enclosing` is 0, or 1 + the earlier site whose copy held the
//! inlined call (a procedure inlined into an inlined one), whose frame the
//! backtrace shows next.
//! A function without a Scheme name (trampolines, helpers) has
//! `name_len` 0 and is left out of backtraces. Prelude code has no positions:
//! an error inside a prelude procedure is reported at the program's call.

use super::shared::Shared;
use crate::datum::Span;
use cranelift_module::{FuncId, Module};
use std::collections::HashMap;

impl<M: Module> Shared<'_, M> {
    /// What a backtrace calls each function: the lambda's name, or where an
    /// anonymous lambda is; the top-level forms are `top level`.
    fn frame_names(&self) -> HashMap<FuncId, String> {
        // A prelude procedure's helpers (its named `let` loops, its lambdas)
        // are called after it: the user called `map`, not `loop`.
        let prelude_procedures: Vec<(Span, &str)> = self
            .program
            .globals
            .iter()
            .filter_map(|g| {
                let f = self.program.functions.get(g.known_lambda?)?;
                f.span.in_prelude().then_some((f.span, g.name.as_str()))
            })
            .collect();
        let enclosing_prelude_procedure = |span: Span| {
            prelude_procedures
                .iter()
                .filter(|(outer, _)| outer.lo <= span.lo && span.hi <= outer.hi)
                .min_by_key(|(outer, _)| outer.hi - outer.lo)
                .map(|(_, name)| name.to_string())
        };
        let mut names = HashMap::new();
        for f in &self.program.functions {
            let name = if let Some(name) = enclosing_prelude_procedure(f.span) {
                name
            } else if !f.name.is_empty() {
                crate::expand::as_written(&f.name).to_string()
            } else if let Some((file, line, col)) = self.position(f.span) {
                // The program's own file goes without saying.
                match file {
                    0 => format!("(lambda at {line}:{col})"),
                    _ => format!("(lambda at {}:{line}:{col})", self.file_name(file)),
                }
            } else {
                "(lambda)".to_string()
            };
            names.insert(self.lambda_funcs[f.id], name);
        }
        for &f in std::iter::once(&self.toplevel).chain(&self.toplevel_chunks) {
            names.insert(f, "top level".to_string());
        }
        for &(entry, wrapper) in &self.fixed_entries {
            if let Some(name) = names.get(&self.lambda_funcs[wrapper]).cloned() {
                names.insert(entry, name);
            }
        }
        names
    }

    /// The file (an index into the program's sources) and 1-based line and
    /// column of a span; none for the prelude's and made-up spans.
    fn position(&self, span: Span) -> Option<(u32, usize, usize)> {
        if span.is_synthetic() || span.in_prelude() {
            return None;
        }
        let sources = self.program.sources.as_ref()?;
        if sources.files().is_empty() {
            return None;
        }
        let (i, local) = sources.locate_index(span);
        let file = &sources.files()[i];
        (local.lo as usize <= file.text.len()).then(|| {
            let (line, col) = file.line_col(local.lo);
            (i as u32, line, col)
        })
    }

    /// The name of the program's source file number `i`, as diagnostics show it.
    fn file_name(&self, i: u32) -> &str {
        self.program
            .sources
            .as_ref()
            .map_or("", |s| s.files()[i as usize].name.as_str())
    }

    pub(super) fn define_positions_table(&mut self) -> Result<(), String> {
        let names = self.frame_names();
        let file_names: Vec<String> = self
            .program
            .sources
            .as_ref()
            .map(|s| s.files().iter().map(|f| f.name.clone()).collect())
            .unwrap_or_default();
        let mut words: Vec<u64> = vec![self.code_infos.len() as u64, file_names.len() as u64];
        // (word index, string offset) and (word index, function) to relocate.
        let mut string_relocs = Vec::new();
        for name in &file_names {
            let (off, len) = self.string_bytes(name);
            string_relocs.push((words.len(), off));
            words.extend([0, len as u64]);
        }
        let sites = &self.program.inline_sites;
        words.push(sites.len() as u64);
        for site in sites {
            let (off, len) = self.string_bytes(&site.callee);
            string_relocs.push((words.len(), off));
            let (file, line, col) = self.position(site.call).unwrap_or((0, 0, 0));
            let enclosing = site.enclosing.map_or(0, |e| e.index() as u64 + 1);
            words.extend([
                0,
                len as u64,
                line as u64 | (col as u64) << 32,
                file as u64 | enclosing << 32,
            ]);
        }
        let mut func_relocs = Vec::new();
        // `string_bytes` needs `self` mutably while the infos are read.
        let infos = std::mem::take(&mut self.code_infos);
        for info in &infos {
            let (func, len) = (info.func, info.len);
            func_relocs.push((words.len(), func));
            words.extend([0, len as u64]);
            match names.get(&func) {
                Some(name) => {
                    let (off, len) = self.string_bytes(name);
                    string_relocs.push((words.len(), off));
                    words.extend([0, len as u64]);
                }
                None => words.extend([0, 0]),
            }
            let positions: Vec<(u32, u32, usize, usize, u64)> = info
                .srclocs
                .iter()
                .filter_map(|&(start, end, loc)| {
                    let (lo, site) = self.source_locs[loc as usize];
                    let (file, line, col) = self.position(Span {
                        lo,
                        hi: lo.saturating_add(1),
                    })?;
                    let site = site.map_or(0, |s| s.index() as u64 + 1);
                    Some((start, end, line, col, site | u64::from(file) << 32))
                })
                .collect();
            words.push(positions.len() as u64);
            for (start, end, line, col, site_and_file) in positions {
                words.push(start as u64 | (end as u64) << 32);
                words.push(line as u64 | (col as u64) << 32);
                words.push(site_and_file);
            }
        }
        self.code_infos = infos;
        let mut table = self.word_table(&words, &func_relocs);
        let strings = self
            .module
            .declare_data_in_data(self.string_data, &mut table);
        for (word, off) in string_relocs {
            table.write_data_addr((word * 8) as u32, strings, off as i64);
        }
        self.module
            .define_data(self.positions_table, &table)
            .map_err(|e| e.to_string())
    }
}
