//! The token type shared by the lexer, the layout pass and the parser.
//!
//! One enum serves both stages: variants with a `logos` attribute are produced by the
//! raw scanner; the others (`Newline`, `Indent`, `Dedent`, decoded literals and the
//! f-string pieces) are produced by the lexer driver and the layout pass.

use logos::Logos;
use num_bigint::BigInt;
use std::fmt;

/// A lexical token. Literal payloads are already decoded (escapes processed,
/// underscores removed), so the parser never looks at source text.
#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
#[logos(skip r"\\\r?\n")]
pub enum Token {
    // ----- produced by the raw scanner, replaced by the driver -----
    /// A physical line break; the layout pass turns it into `Newline` or drops it.
    #[regex(r"\r?\n|\r")]
    LineBreak,
    /// Any string-literal start (prefix and opening quote); the driver scans the rest.
    #[regex(r#"(?i:r|u|f|b|fr|rf|br|rb)?("|')"#)]
    StringStart,
    /// A decimal integer literal (digits still raw).
    #[regex(r"[0-9](_?[0-9])*")]
    RawDecInt,
    /// A hex/octal/binary integer literal (digits still raw).
    #[regex(r"0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+")]
    RawRadixInt,
    /// A float literal (still raw).
    #[regex(r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?")]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?")]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*")]
    RawFloat,
    /// An imaginary literal: recognised only to report that it is unsupported.
    #[regex(r"([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?[jJ]")]
    RawImaginary,
    /// An identifier (Unicode XID rules, like Python's).
    #[regex(r"[\p{XID_Start}_][\p{XID_Continue}]*")]
    RawName,

    // ----- decoded literals -----
    /// An identifier.
    Name(Box<str>),
    /// An integer literal that fits in an `i64`.
    Int(i64),
    /// An integer literal that does not fit in an `i64`.
    BigInt(Box<BigInt>),
    /// A float literal.
    Float(f64),
    /// A (non-f) string literal, escapes decoded.
    Str(Box<str>),
    /// A bytes literal, escapes decoded.
    Bytes(Box<[u8]>),
    /// Start of an f-string (`f"`, `rf'''`, ...).
    FStringStart,
    /// Literal text inside an f-string or its format spec, escapes and `{{` decoded.
    FStringMiddle(Box<str>),
    /// `{` opening a replacement field.
    FieldStart,
    /// The `=` of a self-documenting field; carries the text to print before the value
    /// (the expression source, the `=` and surrounding whitespace).
    FieldDebug(Box<str>),
    /// `!r`, `!s` or `!a`: the conversion character.
    FieldConversion(char),
    /// The `:` starting a format spec.
    FieldSpec,
    /// `}` closing a replacement field.
    FieldEnd,
    /// End of an f-string.
    FStringEnd,

    // ----- layout -----
    /// End of a logical line.
    Newline,
    /// Indentation increased.
    Indent,
    /// Indentation decreased (one per level).
    Dedent,
    /// A token the lexer could not make sense of; the error is reported separately.
    Error,

    // ----- keywords -----
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    // ----- operators and delimiters -----
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("**")]
    DoubleStar,
    #[token("@")]
    At,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("&")]
    Amper,
    #[token("|")]
    Vbar,
    #[token("^")]
    Circumflex,
    #[token("~")]
    Tilde,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token(";")]
    Semi,
    #[token("=")]
    Equal,
    #[token("->")]
    Arrow,
    #[token(":=")]
    ColonEqual,
    #[token("!")]
    Bang,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinusEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("@=")]
    AtEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VbarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
}

impl Token {
    /// How the token is shown in "expected X, found Y" messages.
    pub fn describe(&self) -> String {
        match self {
            Token::Name(n) => format!("name '{n}'"),
            Token::Int(_) | Token::BigInt(_) | Token::Float(_) | Token::RawDecInt => "number".into(),
            Token::Str(_) | Token::Bytes(_) | Token::FStringStart => "string".into(),
            Token::FStringMiddle(_) => "f-string text".into(),
            Token::FieldStart => "'{'".into(),
            Token::FieldEnd => "'}'".into(),
            Token::FieldDebug(_) => "'='".into(),
            Token::FieldConversion(c) => format!("'!{c}'"),
            Token::FieldSpec => "':'".into(),
            Token::FStringEnd => "end of f-string".into(),
            Token::Newline | Token::LineBreak => "newline".into(),
            Token::Indent => "indent".into(),
            Token::Dedent => "dedent".into(),
            Token::Error => "invalid token".into(),
            other => format!("'{}'", other.text()),
        }
    }

    /// The fixed source text of a keyword or operator token ("" for others).
    #[rustfmt::skip]
    pub fn text(&self) -> &'static str {
        use Token::*;
        match self {
            False => "False",
            None => "None",
            True => "True",
            And => "and",
            As => "as",
            Assert => "assert",
            Async => "async",
            Await => "await",
            Break => "break",
            Class => "class",
            Continue => "continue",
            Def => "def",
            Del => "del",
            Elif => "elif",
            Else => "else",
            Except => "except",
            Finally => "finally",
            For => "for",
            From => "from",
            Global => "global",
            If => "if",
            Import => "import",
            In => "in",
            Is => "is",
            Lambda => "lambda",
            Nonlocal => "nonlocal",
            Not => "not",
            Or => "or",
            Pass => "pass",
            Raise => "raise",
            Return => "return",
            Try => "try",
            While => "while",
            With => "with",
            Yield => "yield",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Slash => "/",
            DoubleSlash => "//",
            Percent => "%",
            DoubleStar => "**",
            At => "@",
            LeftShift => "<<",
            RightShift => ">>",
            Amper => "&",
            Vbar => "|",
            Circumflex => "^",
            Tilde => "~",
            Less => "<",
            Greater => ">",
            LessEqual => "<=",
            GreaterEqual => ">=",
            EqEqual => "==",
            NotEqual => "!=",
            LPar => "(",
            RPar => ")",
            LSqb => "[",
            RSqb => "]",
            LBrace => "{",
            RBrace => "}",
            Comma => ",",
            Colon => ":",
            Dot => ".",
            Ellipsis => "...",
            Semi => ";",
            Equal => "=",
            Arrow => "->",
            ColonEqual => ":=",
            Bang => "!",
            PlusEqual => "+=",
            MinusEqual => "-=",
            StarEqual => "*=",
            SlashEqual => "/=",
            DoubleSlashEqual => "//=",
            PercentEqual => "%=",
            AtEqual => "@=",
            AmperEqual => "&=",
            VbarEqual => "|=",
            CircumflexEqual => "^=",
            RightShiftEqual => ">>=",
            LeftShiftEqual => "<<=",
            DoubleStarEqual => "**=",
            _ => "",
        }
    }

    /// Whether the token is a keyword (used to word "invalid syntax" hints).
    pub fn is_keyword(&self) -> bool {
        self.text().chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}
