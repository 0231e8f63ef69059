//! The libraries without a file: the R7RS-small libraries (`(scheme base)`
//! ...) and any other library of the builtin table (its `Library` field).
//!
//! In: a library name. Out: the names it exports (R7RS appendix A), each a
//! name the expander resolves as the system does: a special form or
//! built-in macro of the system's top level, else the builtin or prelude
//! definition of that name.
//!
//! One source of truth per name: a builtin's library is its table entry's
//! `Library`; the library of every other standard name (the expander's
//! special forms, the built-in macros of `builtin_macros.scm`, the prelude's
//! definitions) is in `OTHER_EXPORTS`, once. `(scheme r5rs)` also exports
//! names of the other libraries (`R5RS_SHARED`). A unit test of the
//! expander checks that every name here is implemented and that every
//! special form, built-in macro and prelude definition (but the `closc:`
//! helpers) is in a library; `tests/r7rs_names.rs` compares the export
//! lists with the standard's.

use closcrt::builtins::table::{BuiltinId, Library};

/// The standard names that are not builtins of the table, by library.
pub const OTHER_EXPORTS: &[(Library, &str)] = &[
    (
        Library::Base,
        // Syntax the expander implements.
        "quote quasiquote unquote unquote-splicing lambda define if set! begin let let* \
         letrec letrec* do cond case and or when unless else => import define-syntax \
         define-record-type let-syntax letrec-syntax syntax-rules ... _ cond-expand include \
         include-ci syntax-error \
         let-values let*-values define-values parameterize guard \
         apply map for-each member assoc string-map string-for-each vector-map \
         vector-for-each make-parameter call-with-values floor/ truncate/ \
         exact-integer-sqrt call-with-current-continuation call/cc dynamic-wind \
         with-exception-handler raise-continuable call-with-port",
    ),
    (Library::CaseLambda, "case-lambda"),
    (
        Library::File,
        "call-with-input-file call-with-output-file with-input-from-file with-output-to-file",
    ),
    (
        Library::Lazy,
        "delay delay-force force make-promise promise?",
    ),
    (Library::ProcessContext, "exit"),
    (Library::Eval, "eval environment"),
    (Library::Load, "load"),
    (Library::Repl, "interaction-environment"),
    (Library::R5rs, "scheme-report-environment null-environment"),
    // closc's own: syntax the expander implements.
    (Library::Closc, "assert"),
    (Library::Ffi, "foreign-procedure foreign-callback"),
];

/// The names `(scheme r5rs)` exports that other standard libraries export
/// too (R7RS appendix A; its own are `R5rs` builtins of the table).
const R5RS_SHARED: &str = "\
and begin case cond define define-syntax delay do if lambda let let* let-syntax letrec \
letrec-syntax or quasiquote quote set! * + - / < <= = > >= abs acos angle append apply \
asin assoc assq assv atan boolean? caaaar caaadr caaar caadar caaddr caadr caar cadaar \
cadadr cadar caddar cadddr caddr cadr call-with-current-continuation call-with-input-file \
call-with-output-file call-with-values car cdaaar cdaadr cdaar cdadar cdaddr cdadr cdar \
cddaar cddadr cddar cdddar cddddr cdddr cddr cdr ceiling char->integer char-alphabetic? \
char-ci<=? char-ci<? char-ci=? char-ci>=? char-ci>? char-downcase char-lower-case? \
char-numeric? char-ready? char-upcase char-upper-case? char-whitespace? char<=? char<? char=? \
char>=? char>? char? close-input-port close-output-port complex? cons cos current-input-port \
current-output-port denominator display dynamic-wind eof-object? eq? equal? eqv? eval \
even? exact? exp expt floor for-each force gcd imag-part inexact? input-port? \
integer->char integer? interaction-environment lcm length list list->string list->vector \
list-ref list-tail list? load log magnitude make-polar make-rectangular make-string \
make-vector map max member memq memv min modulo negative? newline not null-environment null? \
number->string number? numerator odd? open-input-file open-output-file output-port? pair? \
peek-char positive? procedure? quotient rational? rationalize read read-char real-part \
real? remainder reverse round scheme-report-environment set-car! set-cdr! sin sqrt string \
string->list string->number string->symbol string-append string-ci<=? string-ci<? \
string-ci=? string-ci>=? string-ci>? string-copy string-fill! string-length string-ref \
string-set! string<=? string<? string=? string>=? string>? string? substring symbol->string \
symbol? tan truncate values vector vector->list vector-fill! vector-length vector-ref \
vector-set! vector? with-input-from-file with-output-to-file write write-char zero?";

/// The R7RS-small libraries (appendix A), importable even where closc
/// implements none of their names yet.
const R7RS_LIBRARIES: [Library; 16] = [
    Library::Base,
    Library::CaseLambda,
    Library::Char,
    Library::Complex,
    Library::Cxr,
    Library::Eval,
    Library::File,
    Library::Inexact,
    Library::Lazy,
    Library::Load,
    Library::ProcessContext,
    Library::Read,
    Library::Repl,
    Library::Time,
    Library::Write,
    Library::R5rs,
];

/// Every library without a file: the R7RS-small ones and those of the
/// table's builtins (never `Internal`), in a fixed order.
pub fn libraries() -> Vec<Library> {
    let mut all: Vec<Library> = Vec::new();
    let table = BuiltinId::all().map(|b| b.builtin().library);
    for lib in R7RS_LIBRARIES.into_iter().chain(table) {
        if lib.name().is_some() && !all.contains(&lib) {
            all.push(lib);
        }
    }
    all
}

/// The library without a file that `import` calls `name` (`(scheme base)`).
pub fn library_named(name: &str) -> Option<Library> {
    libraries().into_iter().find(|l| l.name() == Some(name))
}

/// The names `lib` itself defines: its builtins and its `OTHER_EXPORTS`.
fn own_names(lib: Library) -> impl Iterator<Item = &'static str> {
    let builtins = BuiltinId::all()
        .map(|b| b.builtin())
        .filter(move |b| b.library == lib)
        .map(|b| b.name);
    let others = OTHER_EXPORTS
        .iter()
        .filter(move |(l, _)| *l == lib)
        .flat_map(|(_, names)| names.split_whitespace());
    builtins.chain(others)
}

/// Every name `lib` exports, in no particular order. A shared name of
/// `(scheme r5rs)` that no other library binds (not implemented yet) is left out.
pub fn exports(lib: Library) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = own_names(lib).collect();
    if lib == Library::R5rs {
        let elsewhere: std::collections::HashSet<&str> = libraries()
            .into_iter()
            .filter(|&l| l != Library::R5rs)
            .flat_map(own_names)
            .collect();
        names.extend(
            R5RS_SHARED
                .split_whitespace()
                .filter(|n| elsewhere.contains(n)),
        );
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_libraries_are_found_by_name() {
        assert_eq!(library_named("(scheme base)"), Some(Library::Base));
        assert_eq!(library_named("(scheme lazy)"), Some(Library::Lazy));
        assert_eq!(library_named("(scheme nope)"), None);
        let char_names = exports(Library::Char);
        assert!(char_names.contains(&"char-upcase"));
        assert!(!char_names.contains(&"car"));
        let r5rs = exports(Library::R5rs);
        assert!(r5rs.contains(&"car") && r5rs.contains(&"exact->inexact"));
        assert!(r5rs.contains(&"eval") && r5rs.contains(&"null-environment"));
    }
}
