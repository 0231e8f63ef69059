//! `closc explain`: what each closure of a program costs.
//!
//! In: a program after `lift_lambdas` and its source files (the program's,
//! its libraries', the included ones: each lambda's position names its file). Out: a report on
//! every lambda of the program's own code (not the prelude's), as a table for
//! people (`render_table`) or as JSON for tools (`render_json`).
//!
//! For each lambda: its name (or `(lambda)`) and source position, its
//! parameters, its free variables (the slots of its closure record, in slot
//! order, each marked when it holds a box or is an assigned variable kept in
//! the record itself), the variables it binds that live in boxes and why
//! (assigned with `set!` and captured by other lambdas), the
//! size of its closure record in words (header, code pointer, arity word, one
//! word per free variable), what happens to the record (`record`), where it is
//! allocated, how many call sites call it directly (`CallDirect`: no closure
//! check, no arity check, code address known), and how many closure records
//! one run of its body allocates. A summary counts lambdas, boxed variables,
//! direct and unknown call sites and the records allocated by top-level code.
//!
//! JSON schema (version 1; fields are only ever added):
//!
//! ```text
//! { "version": 1, "file": STRING,
//!   "lambdas": [ { "id": INT, "name": STRING|null, "line": INT, "column": INT,
//!                  "params": [STRING], "rest": STRING|null,
//!                  "free": [ { "name": STRING, "boxed": BOOL, "in_record": BOOL } ],
//!                  "boxes": [ { "name": STRING, "line": INT, "column": INT,
//!                               "assigned": true, "captured_by": [INT] } ],
//!                  "record_words": INT,
//!                  "record": "allocated" | "static" | "removed" | "shared",
//!                  "shares_record_of": INT|null,
//!                  "allocated_in": INT|null,
//!                  "direct_call_sites": INT,
//!                  "allocations_per_call": INT,
//!                  "fixnum_copy": [STRING],
//!                  "source_file": STRING } ],
//!   "summary": { "lambdas": INT, "closures_with_free_variables": INT,
//!                "boxed_variables": INT, "record_variables": INT,
//!                "direct_call_sites": INT,
//!                "unknown_call_sites": INT, "toplevel_allocations": INT,
//!                "toplevel_boxes": [ BOX ] } }
//! ```
//!
//! `id` is the compiler's lambda id (unique in the program, stable for a
//! given source); `allocated_in` and `captured_by` refer to ids; null
//! `allocated_in` means top-level code. `record` is `allocated` when each
//! evaluation of its `lambda` allocates a record on the heap; `static` for a
//! lambda without free variables, whose one record is built at start-up and
//! shared by every evaluation; `removed` for a well-known lambda (every call
//! to it direct) with at most one free variable, which needs no record:
//! callers pass that variable's value, or `#f`, as its closure
//! (`passes::well_known`); its `free` lists that variable and
//! `record_words` is 0. A well-known lambda that keeps its record (two or
//! more free variables) has no code pointer or arity in it: its
//! `record_words` is one more than its free variables, not three. Such
//! lambdas of one `letrec` share one record: the first allocates it, the
//! others are `shared`, with `shares_record_of` its id and `record_words` 0;
//! all list the same free variables, the record's slots.
//! `allocations_per_call` counts allocation sites of records in the body,
//! so with branches it is an upper bound. `in_record` marks an assigned
//! variable that needs no box because its closure is the only user and the
//! only record made per binding: the record's slot is the variable
//! (`convert_assignments`); `record_variables` counts them. `fixnum_copy`
//! names the parameters the body has a copy specialized for (codegen compiles
//! a second body, without their tag checks, run when they are all fixnums;
//! see `passes::fixnum_facts`); empty when it has none.

use crate::datum::Span;
use crate::ir::{ClosureAlloc, Expr, LambdaId, Program, VarId, Visitor};
use crate::sources::Sources;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One boxed variable bound by a lambda (or by top-level code).
pub struct BoxInfo {
    pub name: String,
    pub line: usize,
    pub column: usize,
    /// User lambdas whose records hold the box.
    pub captured_by: Vec<LambdaId>,
}

pub struct FreeSlot {
    pub name: String,
    /// The slot holds a box.
    pub boxed: bool,
    /// The slot is an assigned variable itself (no box needed).
    pub in_record: bool,
}

pub struct LambdaReport {
    pub id: LambdaId,
    pub name: Option<String>,
    /// The file it is in (the program's, a library's, an included one).
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub params: Vec<String>,
    pub rest: Option<String>,
    /// In slot order.
    pub free: Vec<FreeSlot>,
    pub boxes: Vec<BoxInfo>,
    pub record_words: usize,
    pub record: &'static str,
    /// The lambda whose record this one shares (`record` is "shared").
    pub shares_record_of: Option<LambdaId>,
    pub allocated_in: Option<LambdaId>,
    pub direct_call_sites: usize,
    pub allocations_per_call: usize,
    /// Parameters of the body's fixnum-specialized copy (none: no copy).
    pub fixnum_copy: Vec<String>,
}

pub struct Summary {
    pub lambdas: usize,
    pub closures_with_free_variables: usize,
    pub boxed_variables: usize,
    /// Assigned variables kept in a closure record instead of a box.
    pub record_variables: usize,
    pub direct_call_sites: usize,
    pub unknown_call_sites: usize,
    pub toplevel_allocations: usize,
    /// Boxed variables bound by top-level code (a top-level `let`).
    pub toplevel_boxes: Vec<BoxInfo>,
}

pub struct Report {
    pub file: String,
    pub lambdas: Vec<LambdaReport>,
    pub summary: Summary,
}

/// Facts gathered by one walk over the program's own code.
#[derive(Default)]
struct Walk {
    /// User lambdas in the order their allocation sites are met.
    order: Vec<LambdaId>,
    seen: BTreeSet<LambdaId>,
    allocated_in: BTreeMap<LambdaId, Option<LambdaId>>,
    /// Closure records allocated per run of a body (None: top level).
    allocations: BTreeMap<Option<LambdaId>, usize>,
    direct: BTreeMap<LambdaId, usize>,
    /// Lambdas without a record (`passes::well_known`).
    recordless: BTreeSet<LambdaId>,
    /// Lambdas sharing another's record, and whose.
    shared: BTreeMap<LambdaId, LambdaId>,
    unknown_calls: usize,
    /// Variables bound by `let`/`closures`, and by whom.
    binders: Vec<(VarId, Option<LambdaId>)>,
    /// The lambda whose body is walked (None: top level).
    owner: Option<LambdaId>,
}

impl Visitor for Walk {
    fn visit_call(&mut self, f: &Expr, args: &[Expr], _: Span) {
        self.unknown_calls += 1;
        self.visit_expr(f);
        args.iter().for_each(|a| self.visit_expr(a));
    }

    fn visit_call_direct(&mut self, id: LambdaId, f: &Expr, args: &[Expr], _: Span) {
        *self.direct.entry(id).or_default() += 1;
        self.visit_expr(f);
        args.iter().for_each(|a| self.visit_expr(a));
    }

    fn visit_let(&mut self, bindings: &[(VarId, Expr)], body: &Expr) {
        for (v, init) in bindings {
            self.binders.push((*v, self.owner));
            self.visit_expr(init);
        }
        self.visit_expr(body);
    }

    fn visit_closures(&mut self, bindings: &[(VarId, ClosureAlloc)], body: &Expr) {
        for (v, c) in bindings {
            self.binders.push((*v, self.owner));
            self.visit_closure_alloc(c);
        }
        self.visit_expr(body);
    }

    /// An allocation site; the code is walked from `Program::functions`,
    /// with the lambda as the owner.
    fn visit_closure_alloc(&mut self, c: &ClosureAlloc) {
        let id = c.lambda_id();
        if c.allocates() {
            *self.allocations.entry(self.owner).or_default() += 1;
        }
        if self.seen.insert(id) {
            self.order.push(id);
            self.allocated_in.insert(id, self.owner);
        }
        if !c.has_record {
            self.recordless.insert(id);
        }
        if let Some((_, owner)) = c.shares_record_of {
            self.shared.insert(id, owner);
        }
        c.free.iter().for_each(|f| self.visit_expr(f));
    }
}

/// Builds the report for `program` (after `lift_lambdas`), whose spans
/// point into `sources` (the first file is the program's).
pub fn explain(program: &Program, sources: &Sources) -> Report {
    let mut w = Walk::default();
    for e in &program.body[program.first_user_form..] {
        w.visit_expr(e);
    }
    let mut i = 0;
    while i < w.order.len() {
        let id = w.order[i];
        w.owner = Some(id);
        w.visit_expr(&program.functions[id].body);
        i += 1;
    }
    let in_record = |v: VarId| program.in_record.contains(&v);
    let boxed = |v: VarId| program.vars[v].assigned && program.vars[v].captured && !in_record(v);
    let locate = |span: Span| {
        let (file, local) = sources.locate(span);
        (
            file.name.clone(),
            file.line_col(local.lo.min(file.text.len() as u32)),
        )
    };
    let pos = |span: Span| locate(span).1;
    // Boxes by the lambda (or top level) that binds them.
    let mut boxes: BTreeMap<Option<LambdaId>, Vec<BoxInfo>> = BTreeMap::new();
    let mut counted = BTreeSet::new();
    for &(v, owner) in &w.binders {
        if !boxed(v) || !counted.insert(v) {
            continue;
        }
        let captured_by = w
            .order
            .iter()
            .copied()
            .filter(|&id| program.functions[id].closure_values().any(|x| x == v))
            .collect();
        let (line, column) = pos(program.vars[v].span);
        boxes.entry(owner).or_default().push(BoxInfo {
            name: program.vars[v].name.clone(),
            line,
            column,
            captured_by,
        });
    }
    let fixnum_copies = crate::passes::fixnum_facts::plan(program);
    let mut lambdas = Vec::new();
    let mut order = w.order.clone();
    order.sort();
    for id in order {
        let f = &program.functions[id];
        let (file, (line, column)) = locate(f.span);
        let removed = w.recordless.contains(&id);
        let shares_record_of = w.shared.get(&id).copied();
        lambdas.push(LambdaReport {
            id,
            name: (!f.name.is_empty()).then(|| f.name.clone()),
            file,
            line,
            column,
            params: f
                .params
                .iter()
                .map(|&p| program.vars[p].name.clone())
                .collect(),
            rest: f.rest.map(|r| program.vars[r].name.clone()),
            free: f
                .closure_values()
                .map(|v| FreeSlot {
                    name: program.vars[v].name.clone(),
                    boxed: boxed(v),
                    in_record: in_record(v),
                })
                .collect(),
            boxes: boxes.remove(&Some(id)).unwrap_or_default(),
            record_words: if removed || shares_record_of.is_some() {
                0
            } else {
                f.record_words()
            },
            record: if removed {
                "removed"
            } else if shares_record_of.is_some() {
                "shared"
            } else if f.free.is_empty() {
                "static"
            } else {
                "allocated"
            },
            shares_record_of,
            allocated_in: w.allocated_in[&id],
            direct_call_sites: w.direct.get(&id).copied().unwrap_or(0),
            allocations_per_call: w.allocations.get(&Some(id)).copied().unwrap_or(0),
            fixnum_copy: fixnum_copies
                .get(&id)
                .map(|ps| {
                    ps.iter()
                        .map(|&var| program.vars[var].name.clone())
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    let toplevel_boxes = boxes.remove(&None).unwrap_or_default();
    let summary = Summary {
        lambdas: lambdas.len(),
        closures_with_free_variables: lambdas.iter().filter(|l| !l.free.is_empty()).count(),
        boxed_variables: counted.len(),
        record_variables: lambdas
            .iter()
            .map(|l| l.free.iter().filter(|f| f.in_record).count())
            .sum(),
        direct_call_sites: w.direct.values().sum(),
        unknown_call_sites: w.unknown_calls,
        toplevel_allocations: w.allocations.get(&None).copied().unwrap_or(0),
        toplevel_boxes,
    };
    Report {
        file: sources
            .files()
            .first()
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        lambdas,
        summary,
    }
}

fn label(l: &LambdaReport) -> String {
    match &l.name {
        Some(n) => n.clone(),
        None => "(lambda)".into(),
    }
}

/// A blank line, `heading` and `lines`, unless there are no lines.
fn section(out: &mut String, heading: &str, lines: &[String]) {
    if !lines.is_empty() {
        let _ = writeln!(out, "\n{heading}");
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The human-readable report: a table of lambdas, the boxed variables with
/// the reason, and the summary.
pub fn render_table(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "closures in {}", r.file);
    if r.lambdas.is_empty() {
        let _ = writeln!(out, "\n(no lambdas)");
    } else {
        let name_of = |id: LambdaId| {
            r.lambdas
                .iter()
                .find(|l| l.id == id)
                .map(|l| format!("#{id} {}", label(l)))
                .unwrap_or_else(|| format!("#{id}"))
        };
        let header = [
            "id",
            "lambda",
            "at",
            "params",
            "free (slot order)",
            "boxes",
            "words",
            "record",
            "allocated in",
            "direct calls",
            "allocs/run",
        ];
        let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
        for l in &r.lambdas {
            let mut params = l.params.join(" ");
            if let Some(rest) = &l.rest {
                params = if params.is_empty() {
                    format!(". {rest}")
                } else {
                    format!("{params} . {rest}")
                };
            }
            let free: Vec<String> = l
                .free
                .iter()
                .map(|f| {
                    if f.boxed {
                        format!("{}[box]", f.name)
                    } else if f.in_record {
                        format!("{}[in record]", f.name)
                    } else {
                        f.name.clone()
                    }
                })
                .collect();
            let boxes: Vec<String> = l.boxes.iter().map(|b| b.name.clone()).collect();
            let dash = |s: String| if s.is_empty() { "-".to_string() } else { s };
            rows.push(vec![
                format!("#{}", l.id),
                label(l),
                if l.file == r.file {
                    format!("{}:{}", l.line, l.column)
                } else {
                    format!("{}:{}:{}", l.file, l.line, l.column)
                },
                dash(params),
                dash(free.join(" ")),
                dash(boxes.join(" ")),
                l.record_words.to_string(),
                match l.shares_record_of {
                    Some(owner) => format!("{} #{owner}", l.record),
                    None => l.record.to_string(),
                },
                l.allocated_in
                    .map_or("top level".to_string(), |id| format!("#{id}")),
                l.direct_call_sites.to_string(),
                l.allocations_per_call.to_string(),
            ]);
        }
        let widths: Vec<usize> = (0..header.len())
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        out.push('\n');
        for row in &rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                if c + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    let _ = write!(line, "{cell:<w$}  ", w = widths[c]);
                }
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        let all_boxes: Vec<(Option<&LambdaReport>, &BoxInfo)> = r
            .summary
            .toplevel_boxes
            .iter()
            .map(|b| (None, b))
            .chain(
                r.lambdas
                    .iter()
                    .flat_map(|l| l.boxes.iter().map(move |b| (Some(l), b))),
            )
            .collect();
        if !all_boxes.is_empty() {
            let _ = writeln!(out, "\nboxed variables (assigned with set! and captured):");
            for (owner, b) in all_boxes {
                let by: Vec<String> = b.captured_by.iter().map(|&id| name_of(id)).collect();
                let _ = writeln!(
                    out,
                    "  {} ({}:{}, bound in {}): captured by {}",
                    b.name,
                    b.line,
                    b.column,
                    owner.map_or("top-level code".to_string(), |l| name_of(l.id)),
                    if by.is_empty() {
                        "-".to_string()
                    } else {
                        by.join(", ")
                    }
                );
            }
        }
    }
    let kept: Vec<String> = r
        .lambdas
        .iter()
        .flat_map(|l| {
            l.free
                .iter()
                .filter(|f| f.in_record)
                .map(move |f| format!("  {} in #{} {}", f.name, l.id, label(l)))
        })
        .collect();
    section(
        &mut out,
        "assigned variables kept in their closure's record (its only user; no box):",
        &kept,
    );
    let copies: Vec<String> = r
        .lambdas
        .iter()
        .filter(|l| !l.fixnum_copy.is_empty())
        .map(|l| format!("  #{} {} on {}", l.id, label(l), l.fixnum_copy.join(" ")))
        .collect();
    section(
        &mut out,
        "bodies with a copy for fixnum arguments (no tag checks on them there):",
        &copies,
    );
    let s = &r.summary;
    let _ = writeln!(
        out,
        "\nsummary: {}, {} with free variables, {}, {} kept in records, {}, {}, {} allocated by top-level code",
        plural(s.lambdas, "lambda"),
        s.closures_with_free_variables,
        plural(s.boxed_variables, "boxed variable"),
        s.record_variables,
        plural(s.direct_call_sites, "direct call site"),
        plural(s.unknown_call_sites, "unknown call site"),
        plural(s.toplevel_allocations, "closure record"),
    );
    out
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_opt_str(s: &Option<String>) -> String {
    s.as_deref().map_or("null".into(), json_str)
}

fn json_list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    format!("[{}]", items.iter().map(f).collect::<Vec<_>>().join(", "))
}

fn json_box(b: &BoxInfo) -> String {
    format!(
        "{{\"name\": {}, \"line\": {}, \"column\": {}, \"assigned\": true, \"captured_by\": {}}}",
        json_str(&b.name),
        b.line,
        b.column,
        json_list(&b.captured_by, |id| id.to_string())
    )
}

/// The report as JSON (schema in the module doc), one lambda per line.
pub fn render_json(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{{\"version\": 1, \"file\": {},", json_str(&r.file));
    out.push_str("\"lambdas\": [");
    for (i, l) in r.lambdas.iter().enumerate() {
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        let _ = write!(
            out,
            "{{\"id\": {}, \"name\": {}, \"line\": {}, \"column\": {}, \"params\": {}, \"rest\": {}, \
             \"free\": {}, \"boxes\": {}, \"record_words\": {}, \"record\": {}, \"shares_record_of\": {}, \
             \"allocated_in\": {}, \
             \"direct_call_sites\": {}, \"allocations_per_call\": {}, \"fixnum_copy\": {}, \
             \"source_file\": {}}}",
            l.id,
            json_opt_str(&l.name),
            l.line,
            l.column,
            json_list(&l.params, |p| json_str(p)),
            json_opt_str(&l.rest),
            json_list(&l.free, |f| format!(
                "{{\"name\": {}, \"boxed\": {}, \"in_record\": {}}}",
                json_str(&f.name),
                f.boxed,
                f.in_record
            )),
            json_list(&l.boxes, json_box),
            l.record_words,
            json_str(l.record),
            l.shares_record_of.map_or("null".into(), |id| id.to_string()),
            l.allocated_in.map_or("null".into(), |id| id.to_string()),
            l.direct_call_sites,
            l.allocations_per_call,
            json_list(&l.fixnum_copy, |p| json_str(p)),
            json_str(&l.file),
        );
    }
    out.push_str("],\n");
    let s = &r.summary;
    let _ = writeln!(
        out,
        "\"summary\": {{\"lambdas\": {}, \"closures_with_free_variables\": {}, \"boxed_variables\": {}, \
         \"record_variables\": {}, \"direct_call_sites\": {}, \"unknown_call_sites\": {}, \"toplevel_allocations\": {}, \
         \"toplevel_boxes\": {}}}}}",
        s.lambdas,
        s.closures_with_free_variables,
        s.boxed_variables,
        s.record_variables,
        s.direct_call_sites,
        s.unknown_call_sites,
        s.toplevel_allocations,
        json_list(&s.toplevel_boxes, json_box),
    );
    out
}
