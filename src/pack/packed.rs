//! The embedded default pack's TOML files in the compact form build.rs writes (`encode` there):
//! the JSON value of each file, each value a tag byte and then
//!
//! | tag | value |
//! | --- | --- |
//! | 0 | null |
//! | 1, 2 | false, true |
//! | 3 | an integer ≥ 0, as a length is written |
//! | 4, 5 | a negative integer, a float: its decimal text, as a string |
//! | 6 | a string: its text, then a NUL (which build.rs refuses inside a string) |
//! | 7 | an array: its length, then its elements |
//! | 8 | a table: its length, then each key (as a string, without tag) and value |
//!
//! A length (or an integer ≥ 0) is written in base 64, lowest digit first, each digit a byte below
//! 0x40, plus 0x40 when more digits follow. So every byte outside the strings is ASCII and a file
//! is text, embedded with `include_str!`: the compiler has checked its UTF-8, and start-up only
//! checks that each string ends on a character boundary. (Strings end with a NUL rather than
//! start with their length, which gzip compresses better: the shipped size is the gzip one.)

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

pub(crate) const NULL: u8 = 0;
pub(crate) const FALSE: u8 = 1;
pub(crate) const TRUE: u8 = 2;
pub(crate) const UINT: u8 = 3;
pub(crate) const NEG: u8 = 4;
pub(crate) const FLOAT: u8 = 5;
pub(crate) const STR: u8 = 6;
pub(crate) const ARRAY: u8 = 7;
pub(crate) const TABLE: u8 = 8;

/// What went wrong reading a file (only a build gone wrong can cause one).
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

/// Read one file's value into `T`; every byte must be used.
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut r = Reader { text, bytes: text.as_bytes(), pos: 0 };
    let v = T::deserialize(&mut r)?;
    if r.pos != text.len() {
        return Err(Error(format!("{} bytes left after the value", text.len() - r.pos)));
    }
    Ok(v)
}

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
}

impl<'de> Reader<'de> {
    #[inline]
    fn byte(&mut self) -> Result<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Ok(b)
    }

    #[inline]
    fn peek(&self) -> Result<u8> {
        self.bytes.get(self.pos).copied().ok_or_else(|| Error("unexpected end".into()))
    }

    #[inline]
    fn uint(&mut self) -> Result<u64> {
        let b = self.byte()?;
        if b < 0x40 {
            return Ok(u64::from(b));
        }
        self.uint_rest(u64::from(b & 0x3f))
    }

    fn uint_rest(&mut self, first: u64) -> Result<u64> {
        let (mut v, mut shift) = (first, 6u32);
        loop {
            let b = self.byte()?;
            if shift > 60 || b >= 0x80 {
                return Err(Error("a bad length".into()));
            }
            v |= u64::from(b & 0x3f) << shift;
            if b < 0x40 {
                return Ok(v);
            }
            shift += 6;
        }
    }

    fn len(&mut self) -> Result<usize> {
        usize::try_from(self.uint()?).map_err(|_| Error("length too large".into()))
    }

    fn str(&mut self) -> Result<&'de str> {
        let n = self.bytes[self.pos..].iter().position(|&b| b == 0).ok_or_else(|| Error("a string without its end".into()))?;
        let s = self.text.get(self.pos..self.pos + n).ok_or_else(|| Error("a string off a character boundary".into()))?;
        self.pos += n + 1;
        Ok(s)
    }

    fn number<N: std::str::FromStr>(&mut self) -> Result<N> {
        self.str()?.parse().map_err(|_| Error("a bad number".into()))
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            NULL => visitor.visit_unit(),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            UINT => visitor.visit_u64(self.uint()?),
            NEG => visitor.visit_i64(self.number()?),
            FLOAT => visitor.visit_f64(self.number()?),
            STR => visitor.visit_borrowed_str(self.str()?),
            ARRAY => self.array(visitor),
            TABLE => self.table(visitor),
            t => Err(unexpected(t)),
        }
    }

    // Each kind of value the model asks for has its own entry, which reads only that kind (as
    // serde_json's do): one instantiation of `deserialize_any` for every visitor would carry
    // every arm, ~100 kB of code in the page's .wasm.

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            STR => visitor.visit_borrowed_str(self.str()?),
            t => Err(unexpected(t)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            ARRAY => self.array(visitor),
            t => Err(unexpected(t)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            TABLE => self.table(visitor),
            t => Err(unexpected(t)),
        }
    }

    /// A table (or, as serde_json allows, an array of the fields in order).
    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        match self.byte()? {
            TABLE => self.table(visitor),
            ARRAY => self.array(visitor),
            t => Err(unexpected(t)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            t => Err(unexpected(t)),
        }
    }

    /// As serde_json: null is none, anything else is some.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek()? == NULL {
            self.pos += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// As serde_json: the newtype's content is this value.
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// Unit variants, written as strings (the only enums the pack model has).
    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], visitor: V) -> Result<V::Value> {
        if self.peek()? != STR {
            return Err(Error("expected a string for an enum".into()));
        }
        self.pos += 1;
        let s = self.str()?;
        visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(s))
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct ignored_any
    }
}

impl<'de> Reader<'de> {
    fn array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let left = self.len()?;
        let mut seq = Counted { r: self, left };
        let v = visitor.visit_seq(&mut seq)?;
        if seq.left != 0 {
            return Err(fewer(left));
        }
        Ok(v)
    }

    fn table<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let left = self.len()?;
        let mut map = Counted { r: self, left };
        let v = visitor.visit_map(&mut map)?;
        if map.left != 0 {
            return Err(fewer(left));
        }
        Ok(v)
    }
}

#[cold]
fn unexpected(tag: u8) -> Error {
    Error(format!("unexpected value (tag {tag})"))
}

#[cold]
fn fewer(len: usize) -> Error {
    Error(format!("fewer entries read than the {len} there are"))
}

/// The elements of an array or the entries of a table still to read.
struct Counted<'a, 'de> {
    r: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Counted<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.r).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> MapAccess<'de> for Counted<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let key = self.r.str()?;
        seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.r)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}
