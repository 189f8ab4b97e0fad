//! serde_json's pretty form of a value that sits `depth` levels deep in a
//! larger document, byte for byte what `to_string_pretty` of the whole
//! document prints there: so a report can write its quantities and claims
//! one at a time instead of building the whole JSON in memory.
//!
//! Input: a serialisable value and its depth. Output: its text, each line
//! after the first indented by two spaces per level (the first line's indent
//! is the caller's: after a key, or before an array's element).

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

/// [`serde_json::ser::PrettyFormatter`] with two spaces per level, starting
/// `depth` levels in; the same writes, in the same order.
struct Nested {
    depth: usize,
    has_value: bool,
}

/// Enough spaces for most indents in one write.
const SPACES: &[u8; 64] = b"                                                                ";

/// `,` and a line break, then spaces: every element's or key's start.
const LINE_STARTS: &[u8; 66] =
    b",\n                                                                ";

/// An optional comma, a line break and the indent of `depth`, in one write
/// when the indent is short (nearly always: a report is a few levels deep).
pub(super) fn line_start<W: ?Sized + io::Write>(
    writer: &mut W,
    comma: bool,
    depth: usize,
) -> io::Result<()> {
    let width = 2 * depth;
    let start = usize::from(!comma);
    if width + 2 <= LINE_STARTS.len() {
        return writer.write_all(&LINE_STARTS[start..width + 2]);
    }
    writer.write_all(&LINE_STARTS[start..2])?;
    indent(writer, depth)
}

fn indent<W: ?Sized + io::Write>(writer: &mut W, depth: usize) -> io::Result<()> {
    let mut width = 2 * depth;
    while width > 0 {
        let step = width.min(SPACES.len());
        writer.write_all(&SPACES[..step])?;
        width -= step;
    }
    Ok(())
}

impl Nested {
    /// Opens an array or an object one level in.
    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(mark)
    }

    /// Starts an element of an array or a key of an object on a line of its own.
    fn next_item<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        line_start(writer, !first, self.depth)
    }

    /// Closes an array or an object, on a line of its own when it held a value.
    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, mark: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            line_start(writer, false, self.depth)?;
        }
        writer.write_all(mark)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_item(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_item(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Appends `value`'s pretty JSON, as printed `depth` levels deep, to `out`.
pub fn write_nested<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> Result<(), serde_json::Error> {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    value.serialize(&mut Serializer::with_formatter(out, formatter))
}

/// A JSON array `depth` levels deep written an element at a time, each
/// element's text already printed one level further in (by
/// [`write_nested`]): the array as `to_string_pretty` prints it.
pub struct Array {
    depth: usize,
    any: bool,
}

impl Array {
    /// An array about to be written at `depth`, after its key.
    pub fn new(depth: usize) -> Array {
        Array { depth, any: false }
    }

    /// Writes the next element.
    pub fn element(&mut self, out: &mut dyn io::Write, text: &[u8]) -> io::Result<()> {
        out.write_all(if self.any { b",\n" } else { b"[\n" })?;
        indent(out, self.depth + 1)?;
        self.any = true;
        out.write_all(text)
    }

    /// Closes the array (`[]` when it has no element).
    pub fn close(self, out: &mut dyn io::Write) -> io::Result<()> {
        if self.any {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
            out.write_all(b"]")
        } else {
            out.write_all(b"[]")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Each piece printed on its own reads as the whole document prints it.
    #[test]
    fn pieces_print_as_the_whole_does() {
        let items = [
            json!({"a": [1, 2, {"b": []}], "c": {}, "d": "x\ny"}),
            json!([]),
            json!({"e": null}),
        ];
        let whole = serde_json::to_string_pretty(&json!({"n": 1, "items": items})).unwrap();
        let mut pieces = Vec::new();
        for item in &items {
            let mut text = Vec::new();
            write_nested(&mut text, item, 2).unwrap();
            pieces.push(text);
        }
        let mut out = b"{\n  \"n\": ".to_vec();
        write_nested(&mut out, &1, 1).unwrap();
        out.extend_from_slice(b",\n  \"items\": ");
        let mut array = Array::new(1);
        for piece in &pieces {
            array.element(&mut out, piece).unwrap();
        }
        array.close(&mut out).unwrap();
        out.extend_from_slice(b"\n}");
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        let mut empty = Vec::new();
        Array::new(1).close(&mut empty).unwrap();
        assert_eq!(empty, b"[]");
    }
}
