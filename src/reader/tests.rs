//! Unit tests of the reader: every lexical form, spans, and the errors.

use super::*;

fn read(text: &str) -> Vec<Datum> {
    let file = SourceFile::new("t.scm", text);
    read_program(&file).unwrap_or_else(|e| panic!("{text:?}: unexpected error {e:?}"))
}

fn one(text: &str) -> Datum {
    let mut datums = read(text);
    assert_eq!(datums.len(), 1, "{text:?}");
    datums.pop().unwrap()
}

fn kind(text: &str) -> DatumKind {
    one(text).kind
}

/// The datums written back in Scheme syntax.
fn show(text: &str) -> String {
    read(text)
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The error as `LINE:COL MESSAGE`, plus the text its span covers.
fn err(text: &str) -> (String, &str) {
    let file = SourceFile::new("t.scm", text);
    match read_program(&file) {
        Ok(d) => panic!("{text:?}: expected an error, read {d:?}"),
        Err(e) => {
            let (line, col) = file.line_col(e.span.lo);
            (
                format!("{line}:{col} {}", e.message),
                &text[e.span.lo as usize..e.span.hi as usize],
            )
        }
    }
}

fn sym(s: &str) -> DatumKind {
    DatumKind::Symbol(s.to_string())
}

#[test]
fn integers() {
    for (text, n) in [
        ("42", 42),
        ("-7", -7),
        ("+3", 3),
        ("0", 0),
        ("-0", 0),
        ("007", 7),
        ("#xff", 255),
        ("#XFF", 255),
        ("#x-ff", -255),
        ("#x+1e5", 0x1e5),
        ("#b101", 5),
        ("#b-101", -5),
        ("#o17", 15),
        ("#d10", 10),
        ("#e10", 10),
        ("#x#e10", 16),
        ("#e#x10", 16),
        ("4611686018427387903", 4611686018427387903),
        ("-4611686018427387904", -4611686018427387904),
    ] {
        assert_eq!(kind(text), DatumKind::Int(n), "{text}");
    }
    assert_eq!(show("1 2(3)"), "1 2 (3)");
}

#[test]
fn number_errors() {
    assert_eq!(err("#b102").0, "1:1 bad number literal `#b102`");
    assert_eq!(err("#xfg").0, "1:1 bad number literal `#xfg`");
    assert_eq!(err("#x").0, "1:1 bad number literal `#x`");
    assert_eq!(err("#e+inf.0").0, "1:1 bad number literal `#e+inf.0`");
    assert_eq!(err("#x#x1").0, "1:1 bad number prefixes in `#x#x1`");
}

#[test]
fn non_fixnum_numbers() {
    let number = |t: &str| DatumKind::Number(t.to_string());
    for (text, canonical) in [
        ("1.5", "1.5"),
        ("-1.5", "-1.5"),
        ("1.", "1.0"),
        (".5", "0.5"),
        ("+.5", "0.5"),
        ("1e10", "1e10"),
        ("1E-3", "0.001"),
        ("-2.5e+7", "-25000000.0"),
        ("1/2", "1/2"),
        ("-6/4", "-3/2"),
        ("+inf.0", "+inf.0"),
        ("-nan.0", "+nan.0"),
        ("#i5", "5.0"),
        ("#e1.5", "3/2"),
        ("#x1/2", "1/2"),
        ("#i#x10", "16.0"),
        ("4611686018427387904", "4611686018427387904"),
        (
            "-170141183460469231731687303715884105729",
            "-170141183460469231731687303715884105729",
        ),
    ] {
        assert_eq!(kind(text), number(canonical), "{text}");
    }
    assert_eq!(kind("#e4/2"), DatumKind::Int(2));
    assert_eq!(kind("1/2x"), DatumKind::Symbol("1/2x".into()));
}

#[test]
fn symbols() {
    for text in [
        "foo",
        "...",
        "+",
        "-",
        "->x",
        "->",
        "1+",
        "-1+",
        "2nd",
        "..",
        ".foo",
        "a.b",
        "set-car!",
        "<=?",
        "a->b",
        "λ",
        "x₁",
        "hello-World",
        "@x",
        "a#b",
        "+a",
        "-a",
        "+@",
        "1e",
    ] {
        assert_eq!(kind(text), sym(text), "{text}");
    }
    // Case-sensitive.
    assert_ne!(kind("Foo"), kind("foo"));
    assert_eq!(kind("|foo bar|"), sym("foo bar"));
    assert_eq!(kind("||"), sym(""));
    assert_eq!(kind(r"|a\|b|"), sym("a|b"));
    assert_eq!(kind(r"|\x41;\x3bb;|"), sym("Aλ"));
    assert_eq!(kind(r"|a\nb\\|"), sym("a\nb\\"));
    assert_eq!(kind("|(x)|"), sym("(x)"));
    assert_eq!(kind("|Foo|"), sym("Foo"));
    assert_eq!(show("|a|b"), "a b");
    assert_eq!(show("(a|b c|d)"), "(a b c d)");
}

#[test]
fn symbol_errors() {
    let (msg, at) = err("(a'b)");
    assert_eq!(
        (msg.as_str(), at),
        ("1:3 invalid character `'` in identifier", "'")
    );
    assert_eq!(err("a,b").0, "1:2 invalid character `,` in identifier");
    assert_eq!(err("{x}").0, "1:1 unexpected character `{`");
    assert_eq!(err("a\\b").0, "1:2 invalid character `\\` in identifier");
    assert_eq!(err("a\u{0}").0, "1:2 invalid character `\\0` in identifier");
    let (msg, at) = err("(x |abc");
    assert_eq!(
        (msg.as_str(), at),
        ("1:4 unterminated `|` symbol: missing `|`", "|")
    );
    assert_eq!(err("|a\\").0, "1:1 unterminated `|` symbol: missing `|`");
    let (msg, at) = err(r"|a\qb|");
    assert_eq!(
        (msg.as_str(), at),
        ("1:3 unknown escape `\\q` in `|` symbol", r"\q")
    );
}

#[test]
fn booleans() {
    assert_eq!(show("#t #f #true #false #T #FALSE"), "#t #f #t #f #t #f");
    assert_eq!(kind("#t"), DatumKind::Bool(true));
    assert_eq!(show("(#t)#f"), "(#t) #f");
    assert_eq!(err("#tru").0, "1:1 unknown `#` syntax `#tru`");
}

#[test]
fn characters() {
    for (text, c) in [
        (r"#\a", 'a'),
        (r"#\A", 'A'),
        (r"#\(", '('),
        (r"#\)", ')'),
        (r"#\;", ';'),
        (r"#\#", '#'),
        (r"#\\", '\\'),
        (r"#\ ", ' '),
        (r"#\space", ' '),
        (r"#\newline", '\n'),
        (r"#\tab", '\t'),
        (r"#\nul", '\0'),
        (r"#\null", '\0'),
        (r"#\alarm", '\x07'),
        (r"#\backspace", '\x08'),
        (r"#\delete", '\x7f'),
        (r"#\escape", '\x1b'),
        (r"#\linefeed", '\n'),
        (r"#\return", '\r'),
        (r"#\x41", 'A'),
        (r"#\x3bb", 'λ'),
        (r"#\x", 'x'),
        (r"#\λ", 'λ'),
        (r"#\1", '1'),
    ] {
        assert_eq!(kind(text), DatumKind::Char(c), "{text}");
    }
    assert_eq!(read(r"(#\a)").len(), 1);
    assert_eq!(show(r"(#\()"), "(#\\()");
    assert_eq!(show(r"#\((a)"), "#\\( (a)");
    assert_eq!(show("#\\a\n#\\b"), "#\\a #\\b");
    assert_eq!(show(r"(#\x #\y)"), r"(#\x #\y)");
}

#[test]
fn character_errors() {
    let (msg, at) = err(r"(f #\notachar)");
    assert_eq!(
        (msg.as_str(), at),
        ("1:4 unknown character name `#\\notachar`", r"#\notachar")
    );
    assert_eq!(err(r"#\Space").0, "1:1 unknown character name `#\\Space`");
    assert_eq!(err(r"#\ab").0, "1:1 unknown character name `#\\ab`");
    assert_eq!(err(r"#\xd800").0, "1:1 invalid character code `#\\xd800`");
    assert_eq!(
        err(r"#\x110000").0,
        "1:1 invalid character code `#\\x110000`"
    );
    assert_eq!(
        err(r"#\xffffffffffffffff").0,
        "1:1 invalid character code `#\\xffffffffffffffff`"
    );
    assert_eq!(err("x #\\").0, "1:3 missing character after `#\\`");
}

#[test]
fn strings() {
    let s = |t: &str| DatumKind::Str(t.to_string());
    assert_eq!(kind(r#""""#), s(""));
    assert_eq!(kind(r#""abc""#), s("abc"));
    assert_eq!(kind(r#""a\nb\tc\rd""#), s("a\nb\tc\rd"));
    assert_eq!(kind(r#""\a\b\0""#), s("\x07\x08\0"));
    assert_eq!(kind(r#""\\ \" \|""#), s("\\ \" |"));
    assert_eq!(kind(r#""\x41;\x3BB;\x1F600;""#), s("Aλ😀"));
    assert_eq!(kind("\"line one\nline two\""), s("line one\nline two"));
    assert_eq!(kind("\"abc \\\n    def\""), s("abc def"));
    assert_eq!(kind("\"abc\\  \t\n\t  def\""), s("abcdef"));
    assert_eq!(kind("\"abc\\\r\n def\""), s("abcdef"));
    assert_eq!(kind("\"λ;()#|\""), s("λ;()#|"));
    assert_eq!(show(r#""a"b"#), r#""a" b"#);
}

#[test]
fn string_errors() {
    let (msg, at) = err("(display \"abc)\n(newline)");
    assert_eq!(
        (msg.as_str(), at),
        ("1:10 unterminated string: missing `\"`", "\"")
    );
    assert_eq!(err("\"abc\\").0, "1:1 unterminated string: missing `\"`");
    assert_eq!(err("\"abc\\x41").0, "1:1 unterminated string: missing `\"`");
    assert_eq!(err("\"abc\\  ").0, "1:1 unterminated string: missing `\"`");
    let (msg, at) = err("\"ab\\qc\"");
    assert_eq!(
        (msg.as_str(), at),
        ("1:4 unknown escape `\\q` in string", r"\q")
    );
    let (msg, at) = err(r#""\x41""#);
    assert_eq!(
        (msg.as_str(), at),
        ("1:2 bad hex escape: expected `\\x<hex digits>;`", r"\x41")
    );
    assert_eq!(
        err(r#""\x;""#).0,
        "1:2 bad hex escape: not a Unicode scalar value"
    );
    assert_eq!(
        err(r#""\xd800;""#).0,
        "1:2 bad hex escape: not a Unicode scalar value"
    );
    assert_eq!(
        err("\"a\\ b\"").0,
        "1:3 `\\` followed by blanks must end the line (line continuation)"
    );
    assert_eq!(err("\"\\λ\"").1, "\\λ");
}

#[test]
fn lists_and_vectors() {
    assert_eq!(show("()"), "()");
    assert_eq!(kind("()"), DatumKind::List(vec![], None));
    assert_eq!(show("(a b c)"), "(a b c)");
    assert_eq!(show("[a (b [c])]"), "(a (b (c)))");
    assert_eq!(show("(a . b)"), "(a . b)");
    assert_eq!(show("(a b . c)"), "(a b . c)");
    assert_eq!(show("(a .b)"), "(a .b)");
    assert_eq!(show("[a . (b c)]"), "(a . (b c))");
    assert_eq!(show("(a . ())"), "(a . ())");
    assert_eq!(show("(a...)"), "(a...)");
    assert_eq!(show("#(1 #(2) (3))"), "#(1 #(2) (3))");
    assert_eq!(kind("#()"), DatumKind::Vector(vec![]));
    assert_eq!(show("(a)(b)c(d)"), "(a) (b) c (d)");
    match kind("(a b . c)") {
        DatumKind::List(items, Some(tail)) => {
            assert_eq!(items.len(), 2);
            assert_eq!(tail.kind, sym("c"));
            assert_eq!(tail.span, Span::new(7, 8));
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn list_errors() {
    let (msg, at) = err("(define (f x)\n  (+ x 1)\n");
    assert_eq!(
        (msg.as_str(), at),
        ("1:1 unbalanced parentheses: missing `)`", "(")
    );
    let (msg, at) = err("(a (b)\n  #(c");
    assert_eq!(
        (msg.as_str(), at),
        ("2:3 unbalanced parentheses: missing `)`", "#(")
    );
    assert_eq!(err("[a b").0, "1:1 unbalanced brackets: missing `]`");
    let (msg, at) = err("(a b))");
    assert_eq!((msg.as_str(), at), ("1:6 unexpected `)`", ")"));
    assert_eq!(err("]").0, "1:1 unexpected `]`");
    let (msg, at) = err("(a\n  [b)]");
    assert_eq!(
        (msg.as_str(), at),
        (
            "2:5 mismatched brackets: `)` closes the `[` opened at 2:3",
            ")"
        )
    );
    assert_eq!(
        err("#(a]").0,
        "1:4 mismatched brackets: `]` closes the `#(` opened at 1:1"
    );
    let (msg, at) = err("( . a)");
    assert_eq!(
        (msg.as_str(), at),
        (
            "1:3 unexpected `.`: a dotted list needs a datum before the `.`",
            "."
        )
    );
    let (msg, at) = err("(a . )");
    assert_eq!((msg.as_str(), at), ("1:4 expected a datum after `.`", "."));
    let (msg, at) = err("(a . b c)");
    assert_eq!(
        (msg.as_str(), at),
        ("1:8 only one datum may follow `.` in a dotted list", "c")
    );
    assert_eq!(err("(a . b . c)").0, "1:8 unexpected second `.` in a list");
    assert_eq!(err("(a . . b)").0, "1:6 unexpected second `.` in a list");
    assert_eq!(err("a . b").0, "1:3 unexpected `.` outside a list");
    assert_eq!(
        err("#(a . b)").0,
        "1:5 unexpected `.`: vectors cannot be dotted"
    );
    assert_eq!(err("(a ' . b)").0, "1:6 unexpected `.` after a prefix");
    assert_eq!(
        err("(a . 'b c)").0,
        "1:9 only one datum may follow `.` in a dotted list"
    );
}

#[test]
fn abbreviations() {
    assert_eq!(show("'x"), "(quote x)");
    assert_eq!(
        show("`(a ,b ,@c)"),
        "(quasiquote (a (unquote b) (unquote-splicing c)))"
    );
    assert_eq!(show("''x"), "(quote (quote x))");
    assert_eq!(show("' x"), "(quote x)");
    assert_eq!(show("'()"), "(quote ())");
    assert_eq!(show("(a . 'b)"), "(a . (quote b))");
    assert_eq!(show("#('a)"), "#((quote a))");
    assert_eq!(show(", @x"), "(unquote @x)");
    let d = one("  '(a b)");
    assert_eq!(d.span, Span::new(2, 8));
    let items = d.as_list().unwrap();
    assert_eq!(items[0].kind, sym("quote"));
    assert_eq!(items[0].span, Span::new(2, 3));
    assert_eq!(items[1].span, Span::new(3, 8));
    let d = one(",@x");
    assert_eq!(d.span, Span::new(0, 3));
    assert_eq!(d.as_list().unwrap()[0].span, Span::new(0, 2));
    assert_eq!(d.as_list().unwrap()[0].kind, sym("unquote-splicing"));
    assert_eq!(err("(a ')").0, "1:4 expected a datum after `'`");
    assert_eq!(err("x `").0, "1:3 expected a datum after `` ` ``");
    assert_eq!(err("(,@)").0, "1:2 expected a datum after `,@`");
}

#[test]
fn spans() {
    let text = "(define (f x)\n  [+ x \"é\" #\\a])";
    let d = one(text);
    assert_eq!(d.span, Span::new(0, text.len()));
    let items = d.as_list().unwrap();
    assert_eq!(items[0].span, Span::new(1, 7));
    assert_eq!(items[1].span, Span::new(8, 13));
    let body = &items[2];
    assert_eq!(
        &text[body.span.lo as usize..body.span.hi as usize],
        "[+ x \"é\" #\\a]"
    );
    let parts = body.as_list().unwrap();
    assert_eq!(
        &text[parts[2].span.lo as usize..parts[2].span.hi as usize],
        "\"é\""
    );
    assert_eq!(
        &text[parts[3].span.lo as usize..parts[3].span.hi as usize],
        "#\\a"
    );
    let file = SourceFile::new("t.scm", text);
    assert_eq!(file.line_col(parts[3].span.lo), (2, 12));
    let d = one("#(1 2)");
    assert_eq!(d.span, Span::new(0, 6));
    let d = one(" |a b| ");
    assert_eq!(d.span, Span::new(1, 6));
}

#[test]
fn comments() {
    assert_eq!(show("; hello\na ; there\nb;c"), "a b");
    assert_eq!(show("#| block |# a #| #| nested |# still |# b"), "a b");
    assert_eq!(show("#||# x #|#||#|# y"), "x y");
    assert_eq!(show("(a #| ) |# b)"), "(a b)");
    assert_eq!(show("#;a b"), "b");
    assert_eq!(show("#; a b"), "b");
    assert_eq!(show("#;  ; comment\n #| c |# (a (b)) c"), "c");
    assert_eq!(show("#; #; a b c"), "c");
    assert_eq!(show("(x #;y)"), "(x)");
    assert_eq!(show("(#;x)"), "()");
    assert_eq!(show("'#;a b"), "(quote b)");
    assert_eq!(show("#;'a b"), "b");
    assert_eq!(show("(a . #;b c)"), "(a . c)");
    assert_eq!(show("(a . b #;c)"), "(a . b)");
    assert_eq!(show("#;#(1 2) 3"), "3");
    assert_eq!(show(""), "");
    assert_eq!(show("  ; only a comment"), "");
    assert_eq!(show("#!/usr/bin/env closc\n(display 1)"), "(display 1)");
    let (msg, at) = err("a\n  #| x #| y |#\n");
    assert_eq!(
        (msg.as_str(), at),
        ("2:3 unterminated block comment: missing `|#`", "#|")
    );
    let (msg, at) = err("(a #;)");
    assert_eq!(
        (msg.as_str(), at),
        ("1:4 expected a datum after `#;`", "#;")
    );
    assert_eq!(err("x #;").0, "1:3 expected a datum after `#;`");
    assert_eq!(err("(a . #;b)").0, "1:4 expected a datum after `.`");
}

#[test]
fn fold_case_directives() {
    assert_eq!(
        show("#!fold-case Foo |Bar| #\\SPACE #!no-fold-case Baz"),
        "foo Bar #\\  Baz"
    );
    assert_eq!(show("(a #!fold-case B)"), "(a b)");
    assert_eq!(err("#!foo").0, "1:1 unknown directive `#!foo`");
}

#[test]
fn hash_errors() {
    let (msg, at) = err("(f #q)");
    assert_eq!((msg.as_str(), at), ("1:4 unknown `#` syntax `#q`", "#q"));
    assert_eq!(err("#").0, "1:1 unexpected `#`");
    assert_eq!(err("#[1]").0, "1:1 unexpected `#`");
}

#[test]
fn datum_labels() {
    // In a quoted literal, referenced labels stay for codegen.
    assert_eq!(show("'#0=(a . #0#)"), "(quote #0=(a . #0#))");
    assert_eq!(show("'(#1=(x) #1# . #1#)"), "(quote (#1=(x) #1# . #1#))");
    assert_eq!(show("#(#0=(x) #0#)"), "#(#0=(x) #0#)");
    assert_eq!(show("'#0=#(1 #0#)"), "(quote #0=#(1 #0#))");
    // Unreferenced labels disappear.
    assert_eq!(show("'(#0=(x) #1=y)"), "(quote ((x) y))");
    // Outside a literal, a reference is a copy.
    assert_eq!(show("(f #0=(g 1) #0#)"), "(f (g 1) (g 1))");
    assert_eq!(show("(f #0=(g 1) '#0#)"), "(f (g 1) (quote (g 1)))");
    assert_eq!(
        show("(list '#0=(a) '#0#)"),
        "(list (quote (a)) (quote (a)))"
    );
    // Scope: one top-level datum; a later definition shadows (the first
    // label stays, as labels are tracked by number, but codegen takes the
    // latest definition).
    assert_eq!(show("'(#0=a #0=b #0#)"), "(quote (#0=a #0=b #0#))");
    let (msg, at) = err("'#0=(a) '#0#");
    assert_eq!(
        (msg.as_str(), at),
        ("1:10 undefined datum label `#0#`", "#0#")
    );
    assert_eq!(err("'(#1# #1=a)").0, "1:3 undefined datum label `#1#`");
    assert_eq!(err("'(#;#1=a #1#)").0, "1:10 undefined datum label `#1#`");
    let (msg, at) = err("(f #0=(a . #0#))");
    assert_eq!(
        (msg.as_str(), at),
        (
            "1:12 datum label `#0#` outside a quoted literal refers to circular data (only literals may be circular)",
            "#0#"
        )
    );
    assert_eq!(
        err("(f '#0=(a #1=(b . #0#)) #1#)").0,
        "1:25 datum label `#1#` outside a quoted literal refers to circular data (only literals may be circular)"
    );
    assert_eq!(err("'(a #0=)").0, "1:5 expected a datum after `#0=`");
    assert_eq!(err("#0=").0, "1:1 expected a datum after `#0=`");
    assert_eq!(
        err("'#0x").0,
        "1:2 bad datum label `#0`: expected `#0=` or `#0#`"
    );
    assert_eq!(
        err("'#0=#0#").0,
        "1:2 datum label `#0=` labels only the unfinished `#0#`"
    );
    assert_eq!(
        err("'#99999999999=a").0,
        "1:2 datum label `#99999999999` is too large"
    );
}

#[test]
fn bytevectors() {
    assert_eq!(kind("#u8(1 2 255)"), DatumKind::Bytevector(vec![1, 2, 255]));
    assert_eq!(kind("#vu8()"), DatumKind::Bytevector(vec![]));
    assert_eq!(show("(a #u8(#xff 0 #;(x) 7) b)"), "(a #u8(255 0 7) b)");
    assert_eq!(one("#u8( 1 2 )").span, Span::new(0, 10));
    let (msg, at) = err("(f #u8(1 256))");
    assert_eq!(
        (msg.as_str(), at),
        (
            "1:10 bytevector element must be an exact integer from 0 to 255, not `256`",
            "256"
        )
    );
    assert_eq!(
        err("#u8(1\n  x)").0,
        "2:3 bytevector element must be an exact integer from 0 to 255, not `x`"
    );
    assert_eq!(err("#u8(-1)").1, "-1");
    assert_eq!(err("#u8((1))").1, "(1)");
    assert_eq!(err("#u8('1)").1, "'1");
    assert_eq!(
        err("#u8(1 . 2)").0,
        "1:7 unexpected `.`: bytevectors cannot be dotted"
    );
    assert_eq!(err("#u8(1 2").0, "1:1 unbalanced parentheses: missing `)`");
    assert_eq!(
        err("#u8(1]").0,
        "1:6 mismatched brackets: `]` closes the `#u8(` opened at 1:1"
    );
}

#[test]
fn reads_many_forms_in_order() {
    let text = "(define (f x) (* x 2))\n(display (f 21))\n(newline)\n";
    let datums = read(text);
    assert_eq!(datums.len(), 3);
    assert_eq!(datums[1].to_string(), "(display (f 21))");
    let file = SourceFile::new("t.scm", text);
    assert_eq!(file.line_col(datums[2].span.lo), (3, 1));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let ok = format!("{}{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
    assert_eq!(read(&ok).len(), 1);
    let quotes = format!("{}x", "'".repeat(MAX_NESTING));
    assert_eq!(read(&quotes).len(), 1);
    for deep in [
        format!("{}{}", "(".repeat(10_000), ")".repeat(10_000)),
        "[".repeat(100_000),
        format!("{}x", "'".repeat(10_000)),
        format!("{}x", "#(`".repeat(10_000)),
    ] {
        let (msg, _) = err(&deep);
        assert!(msg.contains("nesting too deep"), "{msg}");
    }
    // Siblings do not add up.
    let wide = "(a (b) [c] #(d) 'e)".repeat(10_000);
    assert_eq!(read(&wide).len(), 10_000);
}

#[test]
fn large_file_is_fast() {
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&format!(
            "(define (f{i} x) (if (< x {i}) \"str\\n {i}\" '(a . #\\b))) ; comment {i}\n"
        ));
    }
    let start = std::time::Instant::now();
    let datums = read(&text);
    assert_eq!(datums.len(), 10_000);
    assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
}

#[test]
fn never_panics_on_random_input() {
    const PIECES: &[&str] = &[
        "(",
        ")",
        "[",
        "]",
        "#",
        "\\",
        "|",
        "\"",
        ";",
        "'",
        "`",
        ",",
        "@",
        ".",
        "x",
        "1",
        " ",
        "\n",
        "#(",
        "#|",
        "|#",
        "#;",
        "#\\",
        "#x",
        "e",
        "λ",
        "\r",
        "\t",
        "-",
        "+",
        "/",
        "#!",
        "x41;",
        "fold-case",
        "space",
        "#t",
        "0",
        "\u{0}",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    const BYTES: &[u8] = b"()[]#\\|\";'`,@.x1 \nea+-/!";
    let mut errors = 0;
    for round in 0..6_000 {
        let len = next() % 40;
        let text: String = if round % 2 == 0 {
            (0..len).map(|_| PIECES[next() % PIECES.len()]).collect()
        } else {
            let bytes: Vec<u8> = (0..len).map(|_| BYTES[next() % BYTES.len()]).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let file = SourceFile::new("fuzz.scm", text.as_str());
        match read_program(&file) {
            Ok(_) => {}
            Err(e) => {
                errors += 1;
                assert!(
                    e.span.lo <= e.span.hi && e.span.hi as usize <= text.len(),
                    "{text:?} {e:?}"
                );
                assert!(text.is_char_boundary(e.span.lo as usize), "{text:?} {e:?}");
                assert!(text.is_char_boundary(e.span.hi as usize), "{text:?} {e:?}");
                crate::diagnostics::render(&file, &e, false);
            }
        }
    }
    assert!(errors > 0);
}
