//! Numeric literals: validation of what follows them, and decoding to `Int`,
//! `BigInt` or `Float`.

use super::Lexer;
use crate::syntax::token::Token;
use num_bigint::BigInt;

/// CPython's default limit on decimal digits converted to an `int`.
const MAX_STR_DIGITS: usize = 4300;

/// CPython's `is_potential_identifier_char`.
fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()
}

/// Whether `rest` starts with a keyword CPython tolerates right after a number
/// (`1if x else y`): `and`, `else`, `for`, `if`, `in`, `is`, `not`, `or`.
fn keyword_follows(rest: &str) -> bool {
    ["and", "else", "for", "if", "in", "is", "not", "or"].iter().any(|k| rest.starts_with(k))
}

impl Lexer<'_> {
    /// Decodes the number at `s..e` (of raw kind `kind`); returns where lexing resumes
    /// (past any identifier characters glued to it, which make it invalid).
    pub(super) fn number(&mut self, kind: &Token, s: usize, e: usize, limit: usize) -> usize {
        let text = self.text;
        let raw = &text[s..e];
        let rest = &text[e..limit];
        let glued_end = e + rest.find(|c: char| !ident_char(c)).unwrap_or(rest.len());
        let lower = raw.get(..2).map(str::to_ascii_lowercase);
        let radix_name = match lower.as_deref() {
            Some("0x") => "hexadecimal",
            Some("0o") => "octal",
            Some("0b") => "binary",
            _ => "decimal",
        };
        let mut rest_chars = rest.chars();
        let next = rest_chars.next();
        if *kind == Token::RawDecInt && raw == "0" {
            // `0x`, `0o8`, `0b2`: the radix prefix was not followed by a valid digit.
            let name = match next {
                Some('x' | 'X') => Some("hexadecimal"),
                Some('o' | 'O') => Some("octal"),
                Some('b' | 'B') => Some("binary"),
                _ => None,
            };
            if let Some(name) = name {
                if let Some(d) = rest_chars.next().filter(|d| d.is_ascii_digit() && name != "hexadecimal") {
                    self.fail(format!("invalid digit '{d}' in {name} literal"), s, glued_end);
                } else {
                    self.fail(format!("invalid {name} literal"), s, glued_end);
                }
                return glued_end;
            }
        }
        if let Some(c) = next {
            if *kind == Token::RawRadixInt && c.is_ascii_digit() && radix_name != "hexadecimal" {
                self.fail(format!("invalid digit '{c}' in {radix_name} literal"), s, glued_end);
                return glued_end;
            }
            if ident_char(c) && !keyword_follows(rest) {
                self.fail(format!("invalid {radix_name} literal"), s, glued_end);
                return glued_end;
            }
        }
        match kind {
            Token::RawDecInt => self.decimal(raw, s, e),
            Token::RawRadixInt => {
                let radix = match radix_name {
                    "hexadecimal" => 16,
                    "octal" => 8,
                    _ => 2,
                };
                let digits: String = raw[2..].chars().filter(|&c| c != '_').collect();
                self.push(int_token(&digits, radix), s, e);
            }
            Token::RawFloat => {
                let digits: String = raw.chars().filter(|&c| c != '_').collect();
                match digits.parse::<f64>() {
                    Ok(f) => self.push(Token::Float(f), s, e),
                    Err(_) => self.fail("invalid decimal literal", s, e),
                }
            }
            _ => self.fail("complex literals are not supported by pyish", s, e),
        }
        e
    }

    /// Decodes a decimal integer literal.
    fn decimal(&mut self, raw: &str, s: usize, e: usize) {
        let digits: String = raw.chars().filter(|&c| c != '_').collect();
        if digits.starts_with('0') && digits.bytes().any(|b| b != b'0') {
            self.fail(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                s,
                e,
            );
        } else if digits.len() > MAX_STR_DIGITS {
            self.fail(
                format!(
                    "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {} \
                     digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for \
                     huge integer literals to avoid decimal conversion limits.",
                    digits.len()
                ),
                s,
                e,
            );
        } else {
            self.push(int_token(&digits, 10), s, e);
        }
    }
}

/// `Int` if the digits fit in an `i64`, else `BigInt`.
fn int_token(digits: &str, radix: u32) -> Token {
    if let Ok(n) = i64::from_str_radix(digits, radix) {
        return Token::Int(n);
    }
    match BigInt::parse_bytes(digits.as_bytes(), radix) {
        Some(big) => Token::BigInt(Box::new(big)),
        None => Token::Error,
    }
}
