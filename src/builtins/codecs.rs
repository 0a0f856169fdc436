//! `str.encode` and `bytes.decode` for the UTF-8, ASCII and Latin-1 codecs with the
//! `strict`, `ignore`, `replace`, `backslashreplace` and `xmlcharrefreplace` handlers.

use super::bytes_methods::brecv;
use super::native;
use super::str_methods::{Kw, merge, recv};
use super::types::add_method;
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::Value;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn lookup(name: &str) -> PyResult<Codec> {
        let norm = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        match norm.as_str() {
            "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Ok(Codec::Utf8),
            "ascii" | "us-ascii" | "646" => Ok(Codec::Ascii),
            "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => Ok(Codec::Latin1),
            _ => Err(PyErr::new(ExcKind::LookupError, format!("unknown encoding: {name}"))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

fn unknown_handler(errors: &str) -> PyErr {
    PyErr::new(ExcKind::LookupError, format!("unknown error handler name '{errors}'"))
}

/// The optional `encoding` and `errors` string arguments.
fn codec_args(i: &Interpreter, name: &str, args: &[Value], kw: &Kw) -> PyResult<(Codec, String)> {
    let args = merge(i, name, args, kw, &["encoding", "errors"])?;
    let mut texts = [String::from("utf-8"), String::from("strict")];
    for ((slot, value), what) in texts.iter_mut().zip(&args).zip(["encoding", "errors"]) {
        match value {
            None => {}
            Some(Value::Str(s)) => *slot = s.as_str().to_owned(),
            Some(other) => {
                let t = i.type_name(other);
                return Err(PyErr::type_error(format!("{name}() argument '{what}' must be str, not {t}")));
            }
        }
    }
    let [encoding, errors] = texts;
    Ok((Codec::lookup(&encoding)?, errors))
}

fn escape_char(c: char) -> String {
    match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n @ 0x100..=0xffff => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

/// Encodes `text`, applying the error handler to characters above `limit`.
fn encode(text: &str, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    let limit: u32 = match codec {
        Codec::Utf8 => return Ok(text.as_bytes().to_vec()),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (pos, &c) in chars.iter().enumerate() {
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            continue;
        }
        match errors {
            "strict" => {
                let run = chars[pos..].iter().take_while(|&&c| c as u32 >= limit).count();
                let what = if run == 1 {
                    format!("character '{}' in position {pos}", escape_char(c))
                } else {
                    format!("characters in position {pos}-{}", pos + run - 1)
                };
                let msg = format!("'{}' codec can't encode {what}: ordinal not in range({limit})", codec.name());
                return Err(PyErr::new(ExcKind::UnicodeEncodeError, msg));
            }
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend(escape_char(c).bytes()),
            "xmlcharrefreplace" => out.extend(format!("&#{};", c as u32).bytes()),
            other => return Err(unknown_handler(other)),
        }
    }
    Ok(out)
}

fn decode_error(codec: Codec, start: usize, bad: &[u8], reason: &str) -> PyErr {
    let what = match bad {
        [one] => format!("byte 0x{one:02x} in position {start}"),
        _ => format!("bytes in position {start}-{}", start + bad.len().saturating_sub(1)),
    };
    PyErr::new(ExcKind::UnicodeDecodeError, format!("'{}' codec can't decode {what}: {reason}", codec.name()))
}

/// Applies a non-strict error handler to undecodable bytes.
fn handle_bad(out: &mut String, bad: &[u8], errors: &str) -> PyResult<()> {
    match errors {
        "ignore" => {}
        "replace" => out.push('\u{FFFD}'),
        "backslashreplace" => bad.iter().for_each(|b| out.push_str(&format!("\\x{b:02x}"))),
        other => return Err(unknown_handler(other)),
    }
    Ok(())
}

fn decode_utf8(bytes: &[u8], errors: &str) -> PyResult<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut pos = 0;
    while let Some(rest) = bytes.get(pos..) {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(rest.get(..good).and_then(|g| std::str::from_utf8(g).ok()).unwrap_or_default());
                let bad_start = rest.get(good).is_some_and(|b| !(0xC2..=0xF4).contains(b));
                let (len, reason) = match e.error_len() {
                    Some(1) if bad_start => (1, "invalid start byte"),
                    Some(n) => (n, "invalid continuation byte"),
                    None => (rest.len() - good, "unexpected end of data"),
                };
                let bad = rest.get(good..good + len).unwrap_or_default();
                if errors == "strict" {
                    return Err(decode_error(Codec::Utf8, pos + good, bad, reason));
                }
                handle_bad(&mut out, bad, errors)?;
                pos += good + len;
            }
        }
    }
    Ok(out)
}

fn decode(bytes: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    match codec {
        Codec::Utf8 => decode_utf8(bytes, errors),
        Codec::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(bytes.len());
            for (pos, &b) in bytes.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else if errors == "strict" {
                    return Err(decode_error(codec, pos, &[b], "ordinal not in range(128)"));
                } else {
                    handle_bad(&mut out, &[b], errors)?;
                }
            }
            Ok(out)
        }
    }
}

/// Registers `str.encode` and `bytes.decode`.
pub fn install(interp: &mut Interpreter) {
    let str_class = interp.types.str.clone();
    let encode_method = native("encode", |i, a, k| {
        let (s, rest) = recv(i, a, "encode")?;
        let (codec, errors) = codec_args(i, "encode", rest, k)?;
        Ok(Value::Bytes(Rc::new(encode(s.as_str(), codec, &errors)?)))
    });
    add_method(interp, &str_class, "encode", encode_method);
    let bytes_class = interp.types.bytes.clone();
    let decode_method = native("decode", |i, a, k| {
        let (b, rest) = brecv(i, a, "decode")?;
        let (codec, errors) = codec_args(i, "decode", rest, k)?;
        Ok(Value::string(decode(b, codec, &errors)?))
    });
    add_method(interp, &bytes_class, "decode", decode_method);
}
