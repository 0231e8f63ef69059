//! The resolved intermediate language shared by the passes after alpha-renaming.
//!
//! In: what `alpha_rename` makes of the Core AST. Out: the one tree type
//! (`Expr`, in a `Program`) that every later stage rewrites in place, down
//! to the lifted program codegen lowers.
//!
//! - `ids`: every table of the program is indexed by its own kind of id
//!   (`VarId`, `GlobalId`, `LambdaId`, `InlineSiteId`), which cannot be mixed.
//! - `visit`: `Visitor` and `Folder`, walks with a default per variant, so a
//!   pass spells out only the forms it treats specially.
//! - `forms`: which variants each stage may leave (`Level`, stated on the
//!   variants below as "only before/after"), checked after every stage in
//!   debug builds.
//!
//! Invariant: this module depends on no pass; what a pass computes for a
//! later one is data here (`FlonumHints`, `in_record`, `inline_sites`).

use crate::datum::{Datum, DatumKind, Span};
use crate::sources::Sources;
pub use closcrt::builtins::ffi::types::{FfiType, ForeignSig};
pub use closcrt::builtins::table::BuiltinId;
use std::collections::HashSet;
use std::fmt::Write;

mod forms;
mod ids;
mod visit;

pub use forms::Level;
pub use ids::{GlobalId, Id, IdVec, InlineSiteId, LambdaId, VarId};
pub use visit::{fold_variant, walk_expr, Folder, Visitor};

#[derive(Clone, Debug)]
pub struct VarInfo {
    pub name: String,
    /// Target of some `set!`.
    pub assigned: bool,
    /// Referenced from a lambda other than the one that binds it.
    pub captured: bool,
    /// Where it is bound (empty for variables the compiler made up).
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct GlobalInfo {
    pub name: String,
    /// Defined exactly once at top level and never `set!`: calls may go direct.
    pub assigned: bool,
    /// The lambda it is defined to, when `assigned` is false and the definition is a lambda.
    pub known_lambda: Option<LambdaId>,
    /// Given a value by a top-level form that runs before any Scheme code can
    /// (a definition of a lambda or a constant among the program's leading
    /// definitions): reading it needs no check for the unbound marker.
    pub bound_before_code: bool,
}

#[derive(Clone, Debug, Copy, PartialEq, Eq)]
pub enum Prim {
    /// A runtime builtin (`closcrt::builtins::table`); arity already checked.
    Builtin(BuiltinId),
    /// A call to builtin `.0` with the wrong argument count: a runtime arity error.
    BuiltinArityError(BuiltinId),
    /// `(#%apply-builtin b list)`: call builtin `b` with the elements of a list.
    ApplyBuiltin(BuiltinId),
    /// `(apply f list)`: call any procedure with the elements of a list.
    Apply,
    MakeBox,
    Unbox,
    SetBox,
    /// `(%set-free! i x)`: stores into slot `i` of the running closure's
    /// record (a variable kept in the record, see `Program::in_record`).
    SetFree(usize),
    /// `(%foreign-call sig who target a1..an)`: calls the C function at
    /// pointer object `target` with the C convention, converting each `ai`
    /// to its C type and the result back (`who`, a quoted symbol, names the
    /// procedure in errors). From `foreign-procedure` (`expand::foreign`).
    ForeignCall(ForeignSig),
    /// `(%foreign-symbol "name")`: a pointer object holding the address of C
    /// symbol `name`, found by `closc run` when evaluated (an error naming
    /// it when missing) and by the linker in `closc build`.
    ForeignSymbol,
    /// `(%foreign-callback sig proc)`: a pointer object holding a C
    /// function pointer of signature `sig` that calls `proc`.
    ForeignCallback(ForeignSig),
}

#[derive(Clone, Debug)]
pub enum Expr {
    Const(Datum),
    Void,
    Local(VarId),
    Global(GlobalId, Span),
    SetLocal(VarId, Box<Expr>),
    SetGlobal(GlobalId, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// Only before `convert_closures`.
    Lambda(Box<Lambda>),
    Call(Box<Expr>, Vec<Expr>, Span),
    /// Only after `convert_closures`: a call to a known lambda; the callee's
    /// closure value is still passed, as its first argument.
    CallDirect(LambdaId, Box<Expr>, Vec<Expr>, Span),
    Prim(Prim, Vec<Expr>, Span),
    Seq(Vec<Expr>),
    Let(Vec<(VarId, Expr)>, Box<Expr>),
    /// Mutually recursive lambdas (from `letrec`); only before `convert_closures`.
    Fix(Vec<(VarId, Lambda)>, Box<Expr>),
    /// Only after `convert_closures`: slot `.0` of the current closure record.
    FreeRef(usize, VarId),
    /// Only after `convert_closures`: allocate one closure record.
    Closure(Box<ClosureAlloc>),
    /// Only after `convert_closures`: allocate closure records that may refer to
    /// each other, bind them, then evaluate the body.
    Closures(Vec<(VarId, ClosureAlloc)>, Box<Expr>),
    /// Only after `inline`: the copy of a procedure's body made for the call
    /// `Program::inline_sites[.0]`. Evaluates `.1`; run-time positions inside
    /// it name the inlined procedure and the call, as a frame of their own.
    Inlined(InlineSiteId, Box<Expr>),
}

/// A call whose callee's body `inline` copied in place of the call.
#[derive(Clone, Debug)]
pub struct InlineSite {
    /// The inlined procedure's name, for backtraces.
    pub callee: String,
    /// The call that was replaced.
    pub call: Span,
    /// The inlined call whose copy held this call, when a procedure was
    /// inlined into one that was inlined in turn (always an earlier site);
    /// `None` when the call was in the function's own code.
    pub enclosing: Option<InlineSiteId>,
}

#[derive(Clone, Debug)]
pub struct ClosureAlloc {
    /// Before `lift_lambdas` the code is still nested here.
    pub code: Code,
    /// Values of the free variables, in slot order.
    pub free: Vec<Expr>,
    /// False for a well-known lambda that needs no record
    /// (`passes::well_known`): nothing is allocated and its variable is
    /// never read; the binding only carries the code to `lift_lambdas`.
    pub has_record: bool,
    /// In a `Closures` group, the member (its variable and lambda) whose
    /// record this lambda shares: nothing is allocated for this one, `free`
    /// is empty, and its variable is bound to that member's record, whose
    /// slots are laid out as this lambda's `free` (`passes::well_known`).
    pub shares_record_of: Option<(VarId, LambdaId)>,
}

#[derive(Clone, Debug)]
pub enum Code {
    Nested(Box<Lambda>),
    Lifted(LambdaId),
}

impl Lambda {
    /// A lambda that is no program's: what a pass leaves behind when it
    /// moves a lambda out of the tree.
    pub fn placeholder() -> Lambda {
        Lambda::new(
            LambdaId::new(0),
            Vec::new(),
            None,
            Expr::Void,
            String::new(),
            Span::default(),
        )
    }

    /// A lambda as the front end makes it: what closure conversion fills
    /// in later (free variables, closure variable, record layout) empty.
    pub fn new(
        id: LambdaId,
        params: Vec<VarId>,
        rest: Option<VarId>,
        body: Expr,
        name: String,
        span: Span,
    ) -> Lambda {
        Lambda {
            id,
            params,
            rest,
            body,
            free: Vec::new(),
            closure_var: None,
            self_vars: Vec::new(),
            record_without_code: false,
            name,
            span,
        }
    }

    /// Words of this lambda's closure record (header included).
    pub fn record_words(&self) -> usize {
        self.free.len() + if self.record_without_code { 1 } else { 3 }
    }

    /// The variables the closure carries: the record's slots, or the one
    /// variable passed as the closure of a record-less lambda.
    pub fn closure_values(&self) -> impl Iterator<Item = VarId> + '_ {
        self.free.iter().chain(self.closure_var.iter()).copied()
    }

    /// Whether the body reads its closure argument: a direct call must
    /// then pass the real closure.
    pub fn reads_closure(&self) -> bool {
        !self.free.is_empty() || self.closure_var.is_some() || !self.self_vars.is_empty()
    }
}

impl ClosureAlloc {
    /// Each evaluation allocates a record: there is one, and it holds free
    /// variables (a record without any is static: codegen builds it once,
    /// at start-up; a lambda sharing another's record holds none either).
    pub fn allocates(&self) -> bool {
        self.has_record && !self.free.is_empty()
    }

    /// A record of its own, built once at start-up: no free variables.
    pub fn is_static(&self) -> bool {
        self.has_record && self.free.is_empty() && self.shares_record_of.is_none()
    }

    pub fn lambda_id(&self) -> LambdaId {
        match &self.code {
            Code::Nested(l) => l.id,
            Code::Lifted(id) => *id,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Lambda {
    pub id: LambdaId,
    pub params: Vec<VarId>,
    pub rest: Option<VarId>,
    pub body: Expr,
    /// Free local variables (filled by `uncover_free`), in closure slot order.
    pub free: Vec<VarId>,
    /// Set by `convert_closures` for a lambda without a record whose one
    /// free variable is passed as its closure argument: the body reads the
    /// variable from that argument (see `passes::well_known`).
    pub closure_var: Option<VarId>,
    /// Set by `convert_closures` for a `letrec` lambda that keeps a record:
    /// the variables that hold the very record the body runs in (its own,
    /// and those of the lambdas sharing it), read as the closure argument,
    /// not from slots (see `passes::well_known`).
    pub self_vars: Vec<VarId>,
    /// Set by `convert_closures` for a well-known lambda that keeps a record
    /// (two or more free variables): the record holds no code pointer and
    /// arity, only the free variables (`HDR_ENV`).
    pub record_without_code: bool,
    pub name: String,
    pub span: Span,
}

/// A whole program.
pub struct Program {
    pub vars: IdVec<VarId, VarInfo>,
    pub globals: IdVec<GlobalId, GlobalInfo>,
    /// Top-level forms in order.
    pub body: Vec<Expr>,
    /// Lifted code bodies by `LambdaId` (filled by `lift_lambdas`).
    pub functions: IdVec<LambdaId, Lambda>,
    /// Number of lambdas ever created (ids are `0..lambda_count`).
    pub lambda_count: usize,
    /// Arity facts per lambda id: (required params, has rest), for known calls.
    pub lambda_arity: IdVec<LambdaId, (usize, bool)>,
    /// `body[first_user_form..]` are the program's own top-level forms (one
    /// per form); the forms before are prelude definitions and builtin wrappers.
    pub first_user_form: usize,
    /// How codegen links the program into an existing session.
    pub link: Link,
    /// The program's source files (its own, its libraries', the included
    /// ones), for the source positions codegen records for run-time error
    /// messages and backtraces.
    pub sources: Option<std::sync::Arc<Sources>>,
    /// Assigned, captured variables that live in the record of the one
    /// closure that uses them instead of in a box (`convert_assignments`).
    pub in_record: HashSet<VarId>,
    /// The calls `inline` replaced by a copy of the callee (`Expr::Inlined`).
    pub inline_sites: IdVec<InlineSiteId, InlineSite>,
    /// Where codegen's inline flonum paths are worth emitting (`flonum_hints`).
    pub flonum_hints: FlonumHints,
}

/// What may hold a flonum, found by `passes::flonum_hints` and read through
/// `passes::flonum_hints::may_be_flonum`; an id beyond a vector's end may not.
#[derive(Clone, Debug, Default)]
pub struct FlonumHints {
    pub vars: Vec<bool>,
    /// Variables holding a box whose contents may be a flonum.
    pub boxes: Vec<bool>,
    pub globals: Vec<bool>,
    /// Lambdas whose result may be a flonum.
    pub returns: Vec<bool>,
    /// Record fields that may hold flonums: the record type (the variable
    /// `define-record-type` binds it to) and the field's index.
    pub fields: std::collections::BTreeSet<(RecordTypeRef, u32)>,
    /// Some vector element, or some pair's car or cdr, may be a flonum: the
    /// program stores one there somewhere (or quotes one there), so any
    /// `vector-ref`, or any `car`, `cdr` or `c[ad]+r`, may read one.
    pub containers: [bool; 2],
}

/// The kinds of container `FlonumHints::containers` tells apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Container {
    Vector = 0,
    Pair = 1,
}

/// The variable holding a record type, as the record operations name it: a
/// global for a top-level `define-record-type`, else a local.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum RecordTypeRef {
    Global(GlobalId),
    Var(VarId),
}

impl FlonumHints {
    /// Whether the fact `id` is in `facts`.
    pub fn holds<I: Id>(facts: &[bool], id: I) -> bool {
        facts.get(id.index()).copied().unwrap_or(false)
    }

    /// Adds the fact `id` to `facts`; whether it is new.
    pub fn add<I: Id>(facts: &mut Vec<bool>, id: I) -> bool {
        let i = id.index();
        if i >= facts.len() {
            facts.resize(i + 1, false);
        }
        !std::mem::replace(&mut facts[i], true)
    }

    /// The facts as comment lines for `--dump-after` (none if there are none).
    fn dump(&self, program: &Program) -> String {
        fn ids<I: Id>(v: &[bool]) -> impl Iterator<Item = I> + use<'_, I> {
            (0..v.len()).filter(|&i| v[i]).map(I::new)
        }
        let mut lines = String::new();
        let mut line = |what: &str, names: Vec<String>| {
            if !names.is_empty() {
                lines += &format!(";; {what}: {}\n", names.join(" "));
            }
        };
        line(
            "may be flonums",
            ids(&self.vars).map(|v| program.var_name(v)).collect(),
        );
        line(
            "boxes that may hold flonums",
            ids(&self.boxes).map(|v| program.var_name(v)).collect(),
        );
        line(
            "globals that may be flonums",
            ids(&self.globals)
                .map(|g: GlobalId| program.globals[g].name.clone())
                .collect(),
        );
        line(
            "lambdas that may return flonums",
            ids(&self.returns)
                .map(|l: LambdaId| format!("{} {}", l, program.functions[l].name))
                .collect(),
        );
        line(
            "record fields that may hold flonums",
            self.fields
                .iter()
                .map(|&(t, i)| {
                    let name = match t {
                        RecordTypeRef::Global(g) => program.globals[g].name.clone(),
                        RecordTypeRef::Var(v) => program.var_name(v),
                    };
                    format!("{name}#{i}")
                })
                .collect(),
        );
        line(
            "containers that may hold flonums",
            [(Container::Vector, "vectors"), (Container::Pair, "pairs")]
                .into_iter()
                .filter(|&(c, _)| self.containers[c as usize])
                .map(|(_, name)| name.to_string())
                .collect(),
        );
        lines
    }
}

/// How a program's code fits into a session that already runs other
/// programs' code (the REPL); the default is a standalone program.
#[derive(Clone, Debug, Default)]
pub struct Link {
    /// The global table is the session's (the data symbol `closc_globals`,
    /// provided by the driver, which also registers it with the collector)
    /// instead of one defined by this program.
    pub external_globals: bool,
    /// The names of the lambdas of the session's earlier programs, by id.
    /// This program's lambda ids are offset by their number in closure
    /// headers and in the lambda-name table (which `closc_entry` replaces
    /// with these names followed by its own), so ids stay unique.
    pub earlier_lambda_names: Vec<String>,
    /// Compiled for `eval` inside a running program: `closc_entry` is a
    /// Scheme procedure of no arguments (tail convention) that registers
    /// this program's tables and runs its top level, instead of the C entry
    /// that also takes the stack and the heap state.
    pub eval_entry: bool,
}

impl Link {
    pub fn lambda_id_base(&self) -> usize {
        self.earlier_lambda_names.len()
    }
}

impl Expr {
    /// The value of an integer literal (one the reader made a fixnum-sized
    /// `Int`); callers narrow the range they accept.
    pub fn int_literal(&self) -> Option<i64> {
        match self {
            Expr::Const(d) => match d.kind {
                DatumKind::Int(n) => Some(n),
                _ => None,
            },
            _ => None,
        }
    }

    /// The source text this expression came from, for the expressions that
    /// can fail at run time (calls, primitives, global references).
    pub fn source_span(&self) -> Option<Span> {
        match self {
            Expr::Global(_, s)
            | Expr::Call(_, _, s)
            | Expr::CallDirect(_, _, _, s)
            | Expr::Prim(_, _, s) => Some(*s),
            _ => None,
        }
    }
}

impl Expr {
    /// The number of expression nodes in `self`, lambda bodies included.
    pub fn node_count(&self) -> usize {
        let mut n = 0;
        self.visit(&mut |_| n += 1);
        n
    }

    /// Calls `f` on `self` and every expression inside it, lambda bodies
    /// included, each node before its children (a `Visitor` for passes that
    /// look at nodes one by one, without context).
    pub fn visit(&self, f: &mut impl FnMut(&Expr)) {
        visit::EachNode(f).visit_expr(self)
    }
}

/// Whether a call with `argc` arguments fits a lambda of arity `(required,
/// has rest)` (an entry of `Program::lambda_arity`).
pub fn arity_fits((required, rest): (usize, bool), argc: usize) -> bool {
    argc == required || (rest && argc >= required)
}

impl Program {
    pub fn var_name(&self, v: VarId) -> String {
        format!("{}.{}", self.vars[v].name, v)
    }

    /// Renders the program as an s-expression, for `--dump-after`.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for f in &self.functions {
            let _ = writeln!(out, "(code {} {}", f.id, self.dump_lambda_head(f));
            let _ = writeln!(out, "  {})", self.dump_expr(&f.body));
        }
        for e in &self.body {
            let _ = writeln!(out, "{}", self.dump_expr(e));
        }
        out += &self.flonum_hints.dump(self);
        out
    }

    fn dump_lambda_head(&self, l: &Lambda) -> String {
        let mut s = format!(
            "{} (",
            if l.name.is_empty() {
                "anonymous"
            } else {
                &l.name
            }
        );
        let params: Vec<String> = l.params.iter().map(|&p| self.var_name(p)).collect();
        s += &params.join(" ");
        if let Some(r) = l.rest {
            let _ = write!(s, " . {}", self.var_name(r));
        }
        s += ")";
        if !l.free.is_empty() {
            let free: Vec<String> = l.free.iter().map(|&p| self.var_name(p)).collect();
            let _ = write!(s, " (free {})", free.join(" "));
        }
        if let Some(v) = l.closure_var {
            let _ = write!(s, " (closure-is {})", self.var_name(v));
        }
        if !l.self_vars.is_empty() {
            let vars: Vec<String> = l.self_vars.iter().map(|&v| self.var_name(v)).collect();
            let _ = write!(s, " (self {})", vars.join(" "));
        }
        s
    }

    pub fn dump_expr(&self, e: &Expr) -> String {
        let list = |head: &str, items: &[&Expr]| -> String {
            let mut s = format!("({head}");
            for i in items {
                s.push(' ');
                s += &self.dump_expr(i);
            }
            s + ")"
        };
        match e {
            Expr::Const(d) => match &d.kind {
                crate::datum::DatumKind::List(..) | crate::datum::DatumKind::Symbol(_) => {
                    format!("'{d}")
                }
                _ => d.to_string(),
            },
            Expr::Void => "#<void>".into(),
            Expr::Local(v) => self.var_name(*v),
            Expr::Global(g, _) => self.globals[*g].name.clone(),
            Expr::SetLocal(v, x) => list(&format!("set! {}", self.var_name(*v)), &[x]),
            Expr::SetGlobal(g, x) => list(&format!("set-global! {}", self.globals[*g].name), &[x]),
            Expr::If(c, t, f) => list("if", &[c, t, f]),
            Expr::Lambda(l) => format!(
                "(lambda {} {})",
                self.dump_lambda_head(l),
                self.dump_expr(&l.body)
            ),
            Expr::Call(f, args, _) => {
                let mut items = vec![&**f];
                items.extend(args.iter());
                list("call", &items)
            }
            Expr::CallDirect(id, f, args, _) => {
                let mut items = vec![&**f];
                items.extend(args.iter());
                list(&format!("call-direct code{id}"), &items)
            }
            Expr::Prim(p, args, _) => {
                let name = match p {
                    Prim::Builtin(b) => b.builtin().name.to_string(),
                    Prim::BuiltinArityError(b) => format!("arity-error {}", b.builtin().name),
                    Prim::ApplyBuiltin(b) => format!("apply-builtin {}", b.builtin().name),
                    Prim::Apply => "apply".into(),
                    Prim::MakeBox => "box".into(),
                    Prim::Unbox => "unbox".into(),
                    Prim::SetBox => "set-box!".into(),
                    Prim::SetFree(i) => format!("set-free! {i}"),
                    Prim::ForeignCall(sig) => {
                        let args: Vec<&str> = sig.args().iter().map(|t| t.name()).collect();
                        format!("foreign-call ({}) {}", args.join(" "), sig.result.name())
                    }
                    Prim::ForeignSymbol => "foreign-symbol".into(),
                    Prim::ForeignCallback(sig) => {
                        let args: Vec<&str> = sig.args().iter().map(|t| t.name()).collect();
                        format!(
                            "foreign-callback ({}) {}",
                            args.join(" "),
                            sig.result.name()
                        )
                    }
                };
                let items: Vec<&Expr> = args.iter().collect();
                list(&format!("%{name}"), &items)
            }
            Expr::Seq(es) => {
                let items: Vec<&Expr> = es.iter().collect();
                list("begin", &items)
            }
            Expr::Let(bs, body) => {
                let binds: Vec<String> = bs
                    .iter()
                    .map(|(v, x)| format!("({} {})", self.var_name(*v), self.dump_expr(x)))
                    .collect();
                format!("(let ({}) {})", binds.join(" "), self.dump_expr(body))
            }
            Expr::Fix(bs, body) => {
                let binds: Vec<String> = bs
                    .iter()
                    .map(|(v, l)| {
                        format!(
                            "({} (lambda {} {}))",
                            self.var_name(*v),
                            self.dump_lambda_head(l),
                            self.dump_expr(&l.body)
                        )
                    })
                    .collect();
                format!("(fix ({}) {})", binds.join(" "), self.dump_expr(body))
            }
            Expr::FreeRef(i, v) => format!("(free-ref {i} {})", self.var_name(*v)),
            Expr::Inlined(site, x) => list(
                &format!("inlined {}", self.inline_sites[*site].callee),
                &[x],
            ),
            Expr::Closure(c) => self.dump_closure(c),
            Expr::Closures(bs, body) => {
                let binds: Vec<String> = bs
                    .iter()
                    .map(|(v, c)| format!("({} {})", self.var_name(*v), self.dump_closure(c)))
                    .collect();
                format!("(closures ({}) {})", binds.join(" "), self.dump_expr(body))
            }
        }
    }

    fn dump_closure(&self, c: &ClosureAlloc) -> String {
        let head = if c.has_record {
            "make-closure"
        } else {
            "no-record"
        };
        let mut s = match &c.code {
            Code::Nested(l) => format!(
                "({head} (lambda {} {})",
                self.dump_lambda_head(l),
                self.dump_expr(&l.body)
            ),
            Code::Lifted(id) => format!("({head} code{id}"),
        };
        for f in &c.free {
            s.push(' ');
            s += &self.dump_expr(f);
        }
        s + ")"
    }
}
