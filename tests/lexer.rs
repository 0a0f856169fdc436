//! Lexer and layout tests. Expected values were checked against CPython 3.11
//! (`tokenize`, `ast.literal_eval` and `compile` error messages).

use num_bigint::BigInt;
use pyish::source::Span;
use pyish::syntax::layout::is_fatal;
use pyish::syntax::lexer::lex;
use pyish::syntax::token::Token::{self, *};
use pyish::syntax::{ErrorClass, SyntaxError, tokenize};

/// Laid-out tokens without spans; panics on errors.
fn toks(src: &str) -> Vec<Token> {
    let (tokens, errors) = tokenize(src);
    assert!(errors.is_empty(), "unexpected errors for {src:?}: {errors:?}");
    tokens.into_iter().map(|(t, _)| t).collect()
}

/// The tokens of a single-line expression, without the final `Newline`.
fn expr(src: &str) -> Vec<Token> {
    let mut t = toks(src);
    assert_eq!(t.pop(), Some(Newline), "{src:?}");
    t
}

/// The single token of a literal.
fn one(src: &str) -> Token {
    let t = expr(src);
    assert_eq!(t.len(), 1, "{src:?} gave {t:?}");
    t.into_iter().next().unwrap_or(Error)
}

/// Errors as (message, span), after checking every span is sane.
fn errs(src: &str) -> Vec<(String, Span)> {
    let (tokens, errors) = tokenize(src);
    check_spans(src, &tokens, &errors);
    errors.into_iter().map(|e| (e.message, e.span)).collect()
}

/// The first error's message.
fn err1(src: &str) -> String {
    errs(src).into_iter().next().map(|e| e.0).unwrap_or_else(|| panic!("no error for {src:?}"))
}

/// Every span lies inside the text, on character boundaries, in source order.
fn check_spans(src: &str, tokens: &[(Token, Span)], errors: &[SyntaxError]) {
    let mut last = 0;
    for (t, s) in tokens {
        assert!(s.start <= s.end && s.end as usize <= src.len(), "{t:?} {s:?}");
        assert!(src.is_char_boundary(s.start as usize) && src.is_char_boundary(s.end as usize));
        assert!(s.start >= last, "{t:?} at {s:?} goes backwards");
        last = s.start;
    }
    for e in errors {
        assert!(e.span.start <= e.span.end && e.span.end as usize <= src.len(), "{e:?}");
    }
}

fn name(n: &str) -> Token {
    Name(n.into())
}
fn s(t: &str) -> Token {
    Str(t.into())
}
fn mid(t: &str) -> Token {
    FStringMiddle(t.into())
}

#[test]
fn names_and_keywords() {
    assert_eq!(expr("if iffy not None"), vec![If, name("iffy"), Not, None]);
    assert_eq!(toks("ÿ = 1"), vec![name("ÿ"), Equal, Int(1), Newline]);
    assert_eq!(expr("变量 + _x1"), vec![name("变量"), Plus, name("_x1")]);
    assert_eq!(expr("async await True False"), vec![Async, Await, True, False]);
}

#[test]
fn integers() {
    assert_eq!(one("0"), Int(0));
    assert_eq!(one("000"), Int(0));
    assert_eq!(one("0_0"), Int(0));
    assert_eq!(one("1_000_000"), Int(1_000_000));
    assert_eq!(one("0x_1f"), Int(31));
    assert_eq!(one("0XFF"), Int(255));
    assert_eq!(one("0o777"), Int(511));
    assert_eq!(one("0b1010"), Int(10));
    assert_eq!(one("9223372036854775807"), Int(i64::MAX));
    let big = |s: &str| BigInt(Box::new(s.parse::<BigInt>().unwrap_or_default()));
    assert_eq!(one("9223372036854775808"), big("9223372036854775808"));
    assert_eq!(one("0x1_0000_0000_0000_0000"), big("18446744073709551616"));
    assert_eq!(one(&"9".repeat(100)), big(&"9".repeat(100)));
}

#[test]
fn floats() {
    assert_eq!(one("1.5"), Float(1.5));
    assert_eq!(one("1."), Float(1.0));
    assert_eq!(one(".5"), Float(0.5));
    assert_eq!(one("1e3"), Float(1000.0));
    assert_eq!(one("1_0.2_5e-1_0"), Float(10.25e-10));
    assert_eq!(one("1E+2"), Float(100.0));
    assert_eq!(one("1e500"), Float(f64::INFINITY));
    assert_eq!(one("00.5"), Float(0.5));
    assert_eq!(expr("x.y"), vec![name("x"), Dot, name("y")]);
    assert_eq!(expr("1 .real"), vec![Int(1), Dot, name("real")]);
}

#[test]
fn number_errors() {
    let cases = [
        ("1abc", "invalid decimal literal"),
        ("0x1g", "invalid hexadecimal literal"),
        ("0o8", "invalid digit '8' in octal literal"),
        ("0o", "invalid octal literal"),
        ("0x", "invalid hexadecimal literal"),
        ("0b2", "invalid digit '2' in binary literal"),
        ("0b12", "invalid digit '2' in binary literal"),
        ("0b1a", "invalid binary literal"),
        ("0o19", "invalid digit '9' in octal literal"),
        ("1_", "invalid decimal literal"),
        ("1__2", "invalid decimal literal"),
        ("1.5abc", "invalid decimal literal"),
        ("1.e", "invalid decimal literal"),
        ("1e", "invalid decimal literal"),
        ("1.__class__", "invalid decimal literal"),
        ("0777", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        ("0_7", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        ("0b_", "invalid binary literal"),
        ("1e_5", "invalid decimal literal"),
        ("1j", "complex literals are not supported by pyish"),
        ("1.5e3J", "complex literals are not supported by pyish"),
    ];
    for (src, msg) in cases {
        assert_eq!(err1(src), msg, "{src}");
    }
    assert_eq!(errs("x = 1abc + 2"), vec![("invalid decimal literal".into(), Span::new(4, 8))]);
    let (tokens, _) = tokenize("x = 1abc + 2");
    assert_eq!(tokens[2], (Error, Span::new(4, 8)));
    // CPython tolerates a keyword glued to a number.
    assert_eq!(expr("1if x else 2"), vec![Int(1), If, name("x"), Else, Int(2)]);
    assert_eq!(expr("1 if 2else 3"), vec![Int(1), If, Int(2), Else, Int(3)]);
    assert_eq!(expr("0x1for"), vec![Int(31), Or]);
    assert!(err1(&"1".repeat(5000)).starts_with("Exceeds the limit (4300 digits) for integer string conversion"));
}

#[test]
fn strings() {
    assert_eq!(one("'abc'"), s("abc"));
    assert_eq!(one("\"a'b\""), s("a'b"));
    assert_eq!(one("''"), s(""));
    assert_eq!(one("''''''"), s(""));
    assert_eq!(one("'''a\n'b''c'''"), s("a\n'b''c"));
    assert_eq!(one("\"\"\"x\r\ny\ry\"\"\""), s("x\ny\ny"));
    assert_eq!(one("u'x'"), s("x"));
    assert_eq!(one(r#"'\\ \' \" \a \b \f \n \r \t \v'"#), s("\\ ' \" \x07 \x08 \x0c \n \r \t \x0b"));
    assert_eq!(one("'a\\\nb'"), s("ab"));
    assert_eq!(one("'a\\\r\nb'"), s("ab"));
    assert_eq!(one(r"'\0 \12 \101 \777 \1234'"), s("\0 \n A \u{1ff} S4"));
    assert_eq!(one(r"'\x41\u00e9\U0001F600'"), s("Aé😀"));
    assert_eq!(one(r"'\N{BULLET}\N{LATIN SMALL LETTER E WITH ACUTE}'"), s("•é"));
    assert_eq!(one(r"'\d\q\é'"), s("\\d\\q\\é"));
    assert_eq!(one(r"r'\n\x\'' "), s("\\n\\x\\'"));
    assert_eq!(one(r#"R"\"""#), s("\\\""));
    assert_eq!(
        one(r"r'a\
b'"),
        s("a\\\nb")
    );
    assert_eq!(one("'é€😀'"), s("é€😀"));
}

#[test]
fn bytes_literals() {
    assert_eq!(one("b'abc'"), Bytes(b"abc".to_vec().into()));
    assert_eq!(one(r"B'\x00\xff\n\777\u1234'"), Bytes(b"\x00\xff\n\xff\\u1234".to_vec().into()));
    assert_eq!(one(r"rb'\x'"), Bytes(b"\\x".to_vec().into()));
    assert_eq!(one(r"Rb'\n'"), Bytes(b"\\n".to_vec().into()));
    assert_eq!(one(r"bR'\n'"), Bytes(b"\\n".to_vec().into()));
    assert_eq!(errs("b'é'"), vec![("bytes can only contain ASCII literal characters".into(), Span::new(0, 5))]);
    assert_eq!(err1(r"b'ab\x4'"), r"(value error) invalid \x escape at position 2");
}

#[test]
fn string_errors() {
    let uerr = |pos: &str, what: &str| {
        format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {pos}: {what}")
    };
    let cases = [
        ("'abc", "unterminated string literal (detected at line 1)".to_string()),
        ("x = 'abc\\\ndef", "unterminated string literal (detected at line 2)".into()),
        ("'a\rb'", "unterminated string literal (detected at line 1)".into()),
        ("'a'\r\n'b", "unterminated string literal (detected at line 2)".into()),
        ("'''abc\n\n", "unterminated triple-quoted string literal (detected at line 2)".into()),
        ("'''abc\n\nx", "unterminated triple-quoted string literal (detected at line 3)".into()),
        (r"'\x4'", uerr("0-2", r"truncated \xXX escape")),
        (r"'ab\x4'", uerr("2-4", r"truncated \xXX escape")),
        (r"'\x'", uerr("0-1", r"truncated \xXX escape")),
        (r"'é\x4'", uerr("10-12", r"truncated \xXX escape")),
        (r"'\u12'", uerr("0-3", r"truncated \uXXXX escape")),
        (r"'\U1234'", uerr("0-5", r"truncated \UXXXXXXXX escape")),
        (r"'\U11111111'", uerr("0-9", "illegal Unicode character")),
        (r"'\N{foo}'", uerr("0-6", "unknown Unicode character name")),
        (r"'\N'", uerr("0-1", r"malformed \N character escape")),
        (r"'\Nx'", uerr("0-1", r"malformed \N character escape")),
        (r"'\N{x'", uerr("0-3", r"malformed \N character escape")),
        (r"'\N{}'", uerr("0-2", r"malformed \N character escape")),
        (r"f'\N}'", uerr("0-1", r"malformed \N character escape")),
    ];
    for (src, msg) in cases {
        assert_eq!(err1(src), msg, "{src:?}");
    }
    assert_eq!(errs("x = 'abc\ny"), vec![("unterminated string literal (detected at line 1)".into(), Span::new(4, 5))]);
    // The escape's span points at the escape.
    assert_eq!(errs(r"'ab\x4'")[0].1, Span::new(3, 6));
    // Lexing goes on after the bad line.
    let (tokens, _) = tokenize("x = 'abc\ny = 1\n");
    assert_eq!(tokens[2].0, Error);
    assert_eq!(tokens[3].0, Newline);
    assert_eq!(tokens[4].0, name("y"));
}

#[test]
fn fstring_shapes() {
    assert_eq!(expr("f''"), vec![FStringStart, FStringEnd]);
    assert_eq!(expr("f'a{{b}}\\n'"), vec![FStringStart, mid("a{b}\n"), FStringEnd]);
    assert_eq!(expr("rf'\\n{x}'"), vec![FStringStart, mid("\\n"), FieldStart, name("x"), FieldEnd, FStringEnd]);
    assert_eq!(
        expr("F'{x!r:>{w}.{p}}'"),
        vec![
            FStringStart,
            FieldStart,
            name("x"),
            FieldConversion('r'),
            FieldSpec,
            mid(">"),
            FieldStart,
            name("w"),
            FieldEnd,
            mid("."),
            FieldStart,
            name("p"),
            FieldEnd,
            FieldEnd,
            FStringEnd
        ]
    );
    assert_eq!(
        expr("f'{x = }'"),
        vec![FStringStart, FieldStart, name("x"), FieldDebug("x = ".into()), FieldEnd, FStringEnd]
    );
    assert_eq!(
        expr("f'{ a+b=!s:^5}'"),
        vec![
            FStringStart,
            FieldStart,
            name("a"),
            Plus,
            name("b"),
            FieldDebug(" a+b=".into()),
            FieldConversion('s'),
            FieldSpec,
            mid("^5"),
            FieldEnd,
            FStringEnd
        ]
    );
    assert_eq!(expr("f'{x!a}'"), vec![FStringStart, FieldStart, name("x"), FieldConversion('a'), FieldEnd, FStringEnd]);
    // `:=` at depth 0 starts a spec; in parentheses it is the walrus.
    assert_eq!(
        expr("f'{x:=5}'"),
        vec![FStringStart, FieldStart, name("x"), FieldSpec, mid("=5"), FieldEnd, FStringEnd]
    );
    assert_eq!(
        expr("f'{(x:=5)}'"),
        vec![FStringStart, FieldStart, LPar, name("x"), ColonEqual, Int(5), RPar, FieldEnd, FStringEnd]
    );
    for (src, op) in [("f'{a!=b}'", NotEqual), ("f'{a==b}'", EqEqual), ("f'{a<=b}'", LessEqual), ("f'{a>b}'", Greater)]
    {
        assert_eq!(expr(src), vec![FStringStart, FieldStart, name("a"), op, name("b"), FieldEnd, FStringEnd], "{src}");
    }
    // Escapes in the spec are decoded like the literal text; `\{` does not escape.
    assert_eq!(
        expr(r"f'{x:\x3e10}'"),
        vec![FStringStart, FieldStart, name("x"), FieldSpec, mid(">10"), FieldEnd, FStringEnd]
    );
    assert_eq!(expr(r"f'\{6}'"), vec![FStringStart, mid("\\"), FieldStart, Int(6), FieldEnd, FStringEnd]);
    assert_eq!(expr(r"f'\N{BULLET}'"), vec![FStringStart, mid("•"), FStringEnd]);
    // A `{` in a spec starts a nested field even when doubled.
    assert_eq!(
        expr("f'{x:{{}}}'"),
        vec![
            FStringStart,
            FieldStart,
            name("x"),
            FieldSpec,
            FieldStart,
            LBrace,
            RBrace,
            FieldEnd,
            FieldEnd,
            FStringEnd
        ]
    );
}

#[test]
fn fstring_nesting_and_spans() {
    let src = "x = f\"a{b['k']:{c}} {f'{d}'}\"";
    let (tokens, errors) = tokenize(src);
    assert!(errors.is_empty(), "{errors:?}");
    let shown: Vec<(Token, &str)> = tokens.iter().map(|(t, s)| (t.clone(), &src[s.range()])).collect();
    let expected: Vec<(Token, &str)> = vec![
        (name("x"), "x"),
        (Equal, "="),
        (FStringStart, "f\""),
        (mid("a"), "a"),
        (FieldStart, "{"),
        (name("b"), "b"),
        (LSqb, "["),
        (s("k"), "'k'"),
        (RSqb, "]"),
        (FieldSpec, ":"),
        (FieldStart, "{"),
        (name("c"), "c"),
        (FieldEnd, "}"),
        (FieldEnd, "}"),
        (mid(" "), " "),
        (FieldStart, "{"),
        (FStringStart, "f'"),
        (FieldStart, "{"),
        (name("d"), "d"),
        (FieldEnd, "}"),
        (FStringEnd, "'"),
        (FieldEnd, "}"),
        (FStringEnd, "\""),
        (Newline, ""),
    ];
    assert_eq!(shown, expected);
    // Multi-line fields in triple-quoted f-strings: line breaks are dropped.
    assert_eq!(
        toks("f'''{\nx\n+ 1}'''\n"),
        vec![FStringStart, FieldStart, name("x"), Plus, Int(1), FieldEnd, FStringEnd, Newline]
    );
    let src = "f'{x = !r}'";
    let (tokens, _) = tokenize(src);
    assert_eq!(tokens[3], (FieldDebug("x = ".into()), Span::new(5, 7)));
    assert_eq!(tokens[4], (FieldConversion('r'), Span::new(7, 9)));
}

#[test]
fn fstring_errors() {
    let cases = [
        ("f'{x!}'", "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
        ("f'{x!z}'", "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
        ("f'{x!r }'", "f-string: expecting '}'"),
        ("f'{x!r=}'", "f-string: expecting '}'"),
        ("f'{'", "f-string: expecting '}'"),
        ("f'{x'", "f-string: expecting '}'"),
        ("f'{x:'", "f-string: expecting '}'"),
        ("f'{}'", "f-string: empty expression not allowed"),
        ("f'{ }'", "f-string: empty expression not allowed"),
        ("f'}'", "f-string: single '}' is not allowed"),
        ("f'{{}'", "f-string: single '}' is not allowed"),
        ("f'{x}}'", "f-string: single '}' is not allowed"),
        ("f'{x:{y:{z}}}'", "f-string: expressions nested too deeply"),
        (r"f'{\n}'", "f-string expression part cannot include a backslash"),
        (r"f'{x:{\n}}'", "f-string expression part cannot include a backslash"),
        ("f'{#}'", "f-string expression part cannot include '#'"),
        ("f'{x)}'", "f-string: unmatched ')'"),
        ("f'{(x}'", "f-string: closing parenthesis '}' does not match opening parenthesis '('"),
        ("f'{(x]}'", "f-string: closing parenthesis ']' does not match opening parenthesis '('"),
        ("f'{x:{y'", "f-string: expecting '}'"),
        (
            r"f'\x4{y}'",
            r"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape",
        ),
    ];
    for (src, msg) in cases {
        assert_eq!(err1(src), msg, "{src:?}");
    }
    // A broken f-string becomes one Error token.
    let (tokens, _) = tokenize("a + f'{x!z}' + b");
    let kinds: Vec<Token> = tokens.into_iter().map(|(t, _)| t).collect();
    assert_eq!(kinds, vec![name("a"), Plus, Error, Plus, name("b"), Newline]);
    assert_eq!(errs("f'a}'")[0].1, Span::new(3, 4));
    // Errors inside the field's expression are reported at their real offsets.
    assert_eq!(errs("f'{1abc}'"), vec![("invalid decimal literal".into(), Span::new(3, 7))]);
}

#[test]
fn bad_characters() {
    assert_eq!(errs("a $ b"), vec![("invalid syntax".into(), Span::new(2, 3))]);
    assert_eq!(err1("a ? b"), "invalid syntax");
    assert_eq!(err1("a ` b"), "invalid syntax");
    assert_eq!(errs("a € b"), vec![("invalid character '€' (U+20AC)".into(), Span::new(2, 5))]);
    assert_eq!(err1("a \u{a0} b"), "invalid non-printable character U+00A0");
    assert_eq!(err1("a \x01 b"), "invalid non-printable character U+0001");
    assert_eq!(err1("\u{661}"), "invalid character '١' (U+0661)");
    assert_eq!(err1("a \\ b"), "unexpected character after line continuation character");
    assert_eq!(err1("x = 1\\"), "unexpected EOF while parsing");
    assert_eq!(err1("x\0"), "source code cannot contain null bytes");
    let (tokens, _) = tokenize("a $ b");
    let kinds: Vec<Token> = tokens.into_iter().map(|(t, _)| t).collect();
    assert_eq!(kinds, vec![name("a"), Error, name("b"), Newline]);
    // A byte-order mark at the start of a file is skipped.
    assert_eq!(toks("\u{feff}x = 1\n"), vec![name("x"), Equal, Int(1), Newline]);
}

#[test]
fn layout_basics() {
    let src = "# comment\n\nif x:  # c\n    y = (1,\n  2)\n\n    # only a comment\n    z\nw\n";
    assert_eq!(
        toks(src),
        vec![
            If,
            name("x"),
            Colon,
            Newline,
            Indent,
            name("y"),
            Equal,
            LPar,
            Int(1),
            Comma,
            Int(2),
            RPar,
            Newline,
            name("z"),
            Newline,
            Dedent,
            name("w"),
            Newline
        ]
    );
    // No final newline; dedents at EOF.
    let (tokens, _) = tokenize("if a:\n  if b:\n    c");
    let tail: Vec<(Token, Span)> = tokens[tokens.len() - 3..].to_vec();
    assert_eq!(tail, vec![(Newline, Span::at(19)), (Dedent, Span::at(19)), (Dedent, Span::at(19))]);
    // Spans: Newline = the line break, Indent = the whitespace, Dedent = zero width.
    let (tokens, _) = tokenize("if a:\r\n  b\r\nc\r\n");
    assert_eq!(tokens[3], (Newline, Span::new(5, 7)));
    assert_eq!(tokens[4], (Indent, Span::new(7, 9)));
    assert_eq!(tokens[7], (Dedent, Span::at(12)));
    assert_eq!(toks("a\rb\r"), vec![name("a"), Newline, name("b"), Newline]);
    assert_eq!(toks(""), vec![]);
    assert_eq!(toks("\n\n  # x\n"), vec![]);
    // Backslash continuation joins lines (even into a less indented one).
    assert_eq!(toks("x = 1 + \\\n2\n"), vec![name("x"), Equal, Int(1), Plus, Int(2), Newline]);
    assert_eq!(
        toks("if x:\n    a = \\\n1\n"),
        vec![If, name("x"), Colon, Newline, Indent, name("a"), Equal, Int(1), Newline, Dedent]
    );
    assert_eq!(toks("[1,\n\n]\n{\n}\n"), vec![LSqb, Int(1), Comma, RSqb, Newline, LBrace, RBrace, Newline]);
    assert_eq!(toks("'''a\nb'''\n"), vec![s("a\nb"), Newline]);
}

#[test]
fn layout_tabs() {
    // Tabs advance to multiples of 8; a form feed resets the column.
    assert_eq!(
        toks("if x:\n\ta\n\tb\n"),
        vec![If, name("x"), Colon, Newline, Indent, name("a"), Newline, name("b"), Newline, Dedent]
    );
    assert_eq!(toks("if x:\n \ta\n \tb\n").len(), 10);
    assert_eq!(toks("a\n\x0cb\n"), vec![name("a"), Newline, name("b"), Newline]);
    let tab = |src: &str| {
        let (_, errors) = tokenize(src);
        errors.into_iter().map(|e| (e.class, e.message)).collect::<Vec<_>>()
    };
    let tab_error = vec![(ErrorClass::Tab, "inconsistent use of tabs and spaces in indentation".to_string())];
    assert_eq!(tab("if x:\n\ta\n        b\n"), tab_error);
    assert_eq!(tab("if x:\n        a\n\tb\n"), tab_error);
    assert_eq!(tab("if x:\n \ta\n\tb\n"), tab_error);
    assert_eq!(tab("if x:\n  \ta\n\t  b\n"), tab_error);
}

#[test]
fn layout_errors() {
    let (tokens, errors) = tokenize("if x:\n    a\n  b\nc\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].class, ErrorClass::Indentation);
    assert_eq!(errors[0].message, "unindent does not match any outer indentation level");
    assert_eq!(errors[0].span, Span::at(14));
    assert_eq!(tokens.iter().filter(|t| t.0 == Indent).count(), tokens.iter().filter(|t| t.0 == Dedent).count());
    assert_eq!(
        errs("x = (1,2]"),
        vec![("closing parenthesis ']' does not match opening parenthesis '('".into(), Span::new(8, 9))]
    );
    let (_, errors) = tokenize("x = (1,\n]\n");
    assert_eq!(errors[0].message, "closing parenthesis ']' does not match opening parenthesis '(' on line 1");
    assert_eq!(errors[0].labels[0].0, Span::new(4, 5));
    assert_eq!(errs("x = 1)\n"), vec![("unmatched ')'".into(), Span::new(5, 6))]);
    assert_eq!(
        errs("x = (1,\n[2,\n"),
        vec![("'(' was never closed".into(), Span::new(4, 5)), ("'[' was never closed".into(), Span::new(8, 9))]
    );
    assert!(!is_fatal(&tokenize("x = (").1[0]));
}

#[test]
fn nesting_limits() {
    assert!(errs(&format!("{}{}", "(".repeat(200), ")".repeat(200))).is_empty());
    let start = std::time::Instant::now();
    let (_, errors) = tokenize(&"(".repeat(100_000));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "too many nested parentheses");
    assert_eq!(errors[0].span, Span::new(200, 201));
    assert!(is_fatal(&errors[0]));
    assert!(start.elapsed().as_secs() < 2);

    let ifs =
        |n: usize| (0..n).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(n) + "pass\n";
    assert!(errs(&ifs(99)).is_empty());
    let (_, errors) = tokenize(&ifs(5000));
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].class, errors[0].message.as_str()),
        (ErrorClass::Indentation, "too many levels of indentation")
    );
    assert!(is_fatal(&errors[0]));

    let (_, errors) = tokenize(&format!("{}1", "-".repeat(100_000)));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "too deeply nested expression");
    assert!(is_fatal(&errors[0]));
    // Commas and new lines reset the budget.
    assert!(errs(&"-1, ".repeat(5000)).is_empty());
    assert!(errs(&"x = 1 + 2 + 3 + 4\n".repeat(2000)).is_empty());
    assert!(!errs(&format!("[{}]", "1+".repeat(3001) + "1")).is_empty());
}

/// A deterministic pseudo-random generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn garbage_never_panics() {
    let alphabet: Vec<char> = "'\"{}()[]\\\n\r\t fFbBrRx0123456789.eEjJ_#!:=<>$?`€\u{a0}é\x0c\0N".chars().collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = (rng.next() % 24) as usize;
        let src: String = (0..len).map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize]).collect();
        let (tokens, errors) = tokenize(&src);
        check_spans(&src, &tokens, &errors);
        let (raw, _) = lex(&src);
        assert!(raw.iter().all(|(t, _)| !matches!(t, RawName | RawDecInt | RawFloat | StringStart)));
    }
    // Whole structures with random cuts.
    let sample = "f'''{a!r:{b}}''' + rb'\\x00' + 0x_ff + 1.5e-3 + '\\N{BULLET}' if (x) else [y]\n";
    for cut in 0..=sample.len() {
        if let Some(prefix) = sample.get(..cut) {
            let (tokens, errors) = tokenize(prefix);
            check_spans(prefix, &tokens, &errors);
        }
    }
}

#[test]
fn big_file_is_fast() {
    let chunk = "def f(a, b=1.5):\n    return a + b * 0x1f  # comment\n\nx = [f(i, 'str\\n') for i in range(10)]\ny = f\"{x!r:>10} and {x[0]}\"\n";
    let count = 10_000_000 / chunk.len();
    let src = chunk.repeat(count);
    let start = std::time::Instant::now();
    let (tokens, errors) = tokenize(&src);
    println!("tokenized {} bytes into {} tokens in {:?}", src.len(), tokens.len(), start.elapsed());
    assert!(errors.is_empty());
    let per_chunk = toks(chunk).len();
    assert_eq!(tokens.len(), per_chunk * count);
}
