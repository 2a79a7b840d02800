"""The text of a written PDF, read back from its bytes for the second stage of the gate.

pypdf reads the file's structure (pages, resources, fonts, form objects, the document
information and the bookmarks); the pages' content streams are then read here, in one pass of
one tokenising pattern each, with each font's character map (its ToUnicode CMap) decoded once
and kept for every page that uses the font. That is what makes the read-back cheap: pypdf's own
`extract_text` interprets every operator of every page in Python and lays the text out, at
about 20 ms a page, where this takes well under one.

It is an independent reading of the file: nothing here knows what the renderer meant to draw,
only what the file says. Everything the file draws as text is read: every string shown with
`Tj`, `'`, `"` and `TJ`, in every form object a page draws (`Do`, nested), in whichever font.
Text is laid out as the file places it: a new line where a text object starts or the text
moves to another line, a space where `TJ` moves along by more than a quarter of an em.

A page this reader cannot follow with certainty (a composite or Type 3 font, an inline image,
a font with neither a character map nor a standard encoding, a string it cannot delimit, a
stream filter it does not know) is read with pypdf's `extract_text` instead, so nothing is ever
skipped: the fast path is only taken where it is complete.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable
from typing import Any

from pypdf import PageObject
from pypdf.generic import IndirectObject
from reportlab.lib.rl_accel import asciiBase85Decode

_NUM = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_DELIM = rb"(?=[\s\x00()<>\[\]{}/%]|\Z)"
#: Operators that draw no text and start no line (graphics, colour, text state, marked
#: content): a run of them, with their numeric operands, is one token.
_QUIET = (
    rb"q|Q|cm|w|J|j|M|d|ri|i|gs|m|l|c|v|y|h|re|S|s|f\*|f|F|B\*|B|b\*|b|n|W\*|W|CS|cs|SCN|SC|"
    rb"scn|sc|G|g|RG|rg|K|k|Tc|Tw|Tz|TL|Tr|Ts|sh|BX|EX|MP|DP|BMC|BDC|EMC|d0|d1"
)
_SP = rb"[\s\x00]"
_LITERAL = rb"\((?:[^()\\]++|\\.)*+\)"
#: Operators and numbers only: no string, name, array, dictionary or comment, so nothing that
#: can show text, choose a font or draw a form, and not the end of the text object.
_PLAIN = rb"(?:[^()<>\[\]{}/%E]++|E(?!T" + _DELIM + rb"))*+"
#: A text object with one font whose strings are all shown with `Tj` (the way reportlab
#: writes text), read as one token.
_TEXT_OBJECT = b"".join(
    (
        rb"BT" + _DELIM + _PLAIN,
        rb"(?:(?P<font>/[^\s\x00()<>\[\]{}/%]++)" + _SP + rb"*+[-+.\d]++" + _SP + rb"*+Tf",
        _DELIM + rb"(?P<lines>(?:" + _PLAIN + _LITERAL + _SP + rb"*+Tj" + _DELIM + rb")*+)",
        _PLAIN + rb")?ET" + _DELIM,
    )
)
#: In such a text object: a string, or what lies between two (a new line if it moves down).
_LINES = re.compile(_LITERAL + rb"|[^()]++")
_LINE_BREAK = re.compile(rb"T\*|T[mdD]|BT|'|\"")
#: One token of a content stream, after any white space: (`t`) a text object as reportlab
#: writes it; (`g`) a run of quiet operators with their numbers; a literal string (with up
#: to two levels of balanced parentheses inside); a dictionary bracket; a hex string; a name;
#: an array bracket; a comment; (`o`, `w`) any other operator with the numbers before it, or
#: a lone number; or (`x`) anything else, which sends the page to pypdf.
_TOKEN = re.compile(
    rb"[\s\x00]*(?:"
    rb"(?P<t>" + _TEXT_OBJECT + rb")"
    rb"|(?P<g>(?:(?:" + _NUM + rb"[\s\x00]+)*(?:" + _QUIET + rb")" + _DELIM + rb"[\s\x00]*)+)"
    rb"|(?P<s>\((?:[^()\\]++|\\.|\((?:[^()\\]++|\\.|\((?:[^()\\]++|\\.)*+\))*+\))*+\))"
    rb"|(?P<d><<|>>)"
    rb"|(?P<h><[0-9A-Fa-f\s]*>)"
    rb"|(?P<n>/[^\s\x00()<>\[\]{}/%]*)"
    rb"|(?P<a>[\[\]])"
    rb"|(?P<c>%[^\r\n]*)"
    rb"|(?P<o>(?:" + _NUM + rb"[\s\x00]+)*)(?P<w>[^\s\x00()<>\[\]{}/%]+)"
    rb"|(?P<x>[^\s\x00])"
    rb")",
    re.S,
)
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_NUMBER_START = b"0123456789+-."
_NEW_LINE = frozenset({b"T*", b"Tm", b"BT", b"ET"})
#: A TJ adjustment (thousandths of an em, negative moves right) read as a space.
_GAP = -250
_MAX_DEPTH = 8  # form objects drawn inside form objects


class Unsupported(Exception):
    """Something this reader does not follow with certainty: pypdf reads the page instead."""


def _unescape(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw

    def one(m: re.Match[bytes]) -> bytes:
        octal, _line_end, other = m.groups()
        if octal is not None:
            return bytes((int(octal, 8) & 0xFF,))
        if other is not None:
            return _ESCAPES.get(other, other)
        return b""  # a backslash at the end of a line continues the string

    return _ESCAPE.sub(one, raw)


def _string(kind: str, raw: bytes) -> bytes:
    if kind == "s":
        return _unescape(raw[1:-1])
    digits = re.sub(rb"\s", b"", raw[1:-1])
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def stream_data(stream: Any) -> bytes:
    """A stream's decoded bytes: ASCII85 and Flate (what reportlab writes) decoded in C,
    anything else by pypdf."""
    filters = stream.get("/Filter")
    names = [] if filters is None else [filters] if isinstance(filters, str) else list(filters)
    raw = getattr(stream, "_data", None)
    if not isinstance(raw, bytes) or stream.get("/DecodeParms") is not None:
        return bytes(stream.get_data())
    if any(name not in ("/ASCII85Decode", "/FlateDecode") for name in names):
        return bytes(stream.get_data())
    for name in names:
        if name == "/ASCII85Decode":
            text = raw.strip()
            raw = asciiBase85Decode(text if text.endswith(b"~>") else text + b"~>")
            if isinstance(raw, str):
                raw = raw.encode("latin-1")
        else:
            raw = zlib.decompress(raw)
    return raw


_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|\[|\]|(beginbfchar|endbfchar|beginbfrange|endbfrange)")


def _utf16(hexed: bytes) -> str:
    data = bytes.fromhex(hexed.decode("ascii"))
    return data.decode("utf-16-be", "replace")


def _cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's mappings for one-byte codes (bfchar and bfrange)."""
    table: dict[int, str] = {}
    section = b""
    values: list[bytes] = []
    in_array = False
    array: list[bytes] = []
    for m in _CMAP_TOKEN.finditer(data):
        hexed, keyword = m.group(1), m.group(2)
        if keyword is not None:
            section = keyword if keyword.startswith(b"begin") else b""
            values = []
            continue
        token = m.group(0)
        if token == b"[":
            in_array, array = True, []
            continue
        if token == b"]":
            in_array = False
            low, high = int(values[0], 16), int(values[1], 16)
            for n, code in enumerate(range(low, high + 1)):
                if n < len(array):
                    table[code] = _utf16(array[n])
            values = []
            continue
        if hexed is None or not section:
            continue
        if in_array:
            array.append(hexed)
            continue
        values.append(hexed)
        if section == b"beginbfchar" and len(values) == 2:
            if len(values[0]) > 2:
                raise Unsupported("a two-byte code")
            table[int(values[0], 16)] = _utf16(values[1])
            values = []
        elif section == b"beginbfrange" and len(values) == 3:
            if len(values[0]) > 2 or len(values[1]) > 2:
                raise Unsupported("a two-byte code")
            low, high = int(values[0], 16), int(values[1], 16)
            first = bytes.fromhex(values[2].decode("ascii"))
            base = int.from_bytes(first, "big")
            for n, code in enumerate(range(low, high + 1)):
                table[code] = (base + n).to_bytes(len(first), "big").decode("utf-16-be", "replace")
            values = []
    return table


Decoder = Callable[[bytes], str]
_SIMPLE_ENCODINGS = (None, "/WinAnsiEncoding", "/StandardEncoding")


def _decoder(font: Any) -> Decoder:
    """How a font's string bytes become text: its ToUnicode map, or a standard encoding."""
    subtype = font.get("/Subtype")
    if subtype not in ("/TrueType", "/Type1", "/MMType1"):
        raise Unsupported(f"a {subtype} font")
    to_unicode = font.get("/ToUnicode")
    if to_unicode is not None:
        table = _cmap(stream_data(to_unicode.get_object()))
        translate = {code: text for code, text in table.items()}
        return lambda raw: raw.decode("latin-1").translate(translate)
    encoding = font.get("/Encoding")
    if encoding is None or (isinstance(encoding, str) and encoding in _SIMPLE_ENCODINGS):
        return lambda raw: raw.decode("cp1252", "replace")
    raise Unsupported("a font with its own encoding and no character map")


class PdfTextReader:
    """Reads pages' text; each font's decoder is made once and kept for the whole file."""

    def __init__(self) -> None:
        self._fonts: dict[int, Decoder] = {}

    def page_text(self, page: PageObject) -> str:
        """The text the page draws, or pypdf's reading of it where this reader cannot follow."""
        try:
            out: list[str] = []
            contents = page.get("/Contents")
            if contents is not None:
                streams = contents.get_object()
                if not isinstance(streams, list):
                    streams = [streams]
                data = b"\n".join(stream_data(s.get_object()) for s in streams)
                self._read(data, page.get("/Resources"), out, 0)
            return "".join(out)
        except Unsupported:
            return page.extract_text() or ""

    def _font(self, fonts: Any, name: bytes) -> Decoder:
        if fonts is None:
            raise Unsupported("no fonts")
        if b"#" in name:  # "#20" and the like: a character written by its code
            name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m[1].decode()), name)
        try:
            ref = fonts.get_object().raw_get(name.decode("latin-1"))
        except KeyError:
            raise Unsupported("a font that is not there") from None
        key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
        decoder = self._fonts.get(key)
        if decoder is None:
            decoder = self._fonts[key] = _decoder(ref.get_object())
        return decoder

    def _read(self, data: bytes, resources: Any, out: list[str], depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise Unsupported("form objects nested too deep")
        resources = resources.get_object() if resources is not None else None
        fonts = resources.get("/Font") if resources is not None else None
        decode: Decoder | None = None
        decoders: dict[bytes, Decoder] = {}  # this stream's font names
        operands: list[Any] = []  # names and numbers as bytes, strings as str, arrays as lists
        arrays: list[list[Any]] = []

        def newline() -> None:
            if out and out[-1] != "\n":
                out.append("\n")

        for m in _TOKEN.finditer(data):
            kind = m.lastgroup
            if kind == "g":
                operands = []
                continue
            if kind == "t":
                newline()
                name, lines = m.group("font", "lines")
                if not lines:
                    decode, operands = None, []
                    continue
                decode = decoders.get(name)
                if decode is None:
                    decode = decoders[name] = self._font(fonts, name)
                if lines.count(b"(") == 1:  # one string (most text objects): no need to split
                    start = lines.index(b"(") + 1
                    out.append(decode(_unescape(lines[start : lines.rindex(b")")])))
                    out.append("\n")
                    decode, operands = None, []
                    continue
                for part in _LINES.findall(lines):
                    if part[0] == 40 and part[-1] == 41:  # "(…)"
                        out.append(decode(_unescape(part[1:-1])))
                    elif _LINE_BREAK.search(part):
                        newline()
                newline()
                decode, operands = None, []
                continue
            token = m.group(kind) if kind else b""
            if kind == "w":
                into = arrays[-1] if arrays else operands
                before = m.group("o")
                if before:
                    into.extend(before.split())
                if token[0] in _NUMBER_START or token in (b"true", b"false", b"null"):
                    into.append(token)
                    continue
                if arrays:
                    raise Unsupported("an operator inside an array")
                if token == b"Tf":
                    if len(operands) < 2:
                        raise Unsupported("a font without a name")
                    name = operands[-2]
                    decode = decoders.get(name)
                    if decode is None:
                        decode = decoders[name] = self._font(fonts, name)
                elif token in (b"Tj", b"'", b'"'):
                    if token != b"Tj":
                        newline()
                    if not operands or not isinstance(operands[-1], str):
                        raise Unsupported("a string operator without a string")
                    if decode is None:
                        raise Unsupported("text before a font")
                    out.append(decode(operands[-1].encode("latin-1")))
                elif token == b"TJ":
                    if not operands or not isinstance(operands[-1], list):
                        raise Unsupported("TJ without an array")
                    if decode is None:
                        raise Unsupported("text before a font")
                    for item in operands[-1]:
                        if isinstance(item, str):
                            out.append(decode(item.encode("latin-1")))
                        elif float(item) < _GAP:
                            out.append(" ")
                elif token in _NEW_LINE:
                    newline()
                    if token in (b"BT", b"ET"):
                        decode = None  # each text object sets its font (or pypdf reads it)
                elif token in (b"Td", b"TD"):
                    if len(operands) < 2:
                        raise Unsupported("a move without its operands")
                    if float(operands[-1]) != 0:
                        newline()
                    elif out and out[-1] != "\n":
                        # Along the line: a space or not depends on widths this reader does
                        # not measure (reportlab only moves along at the start of a line).
                        raise Unsupported("a move along the line")
                elif token == b"Do":
                    self._draw(resources, operands, out, depth)
                elif token in (b"BI", b"ID", b"EI"):
                    raise Unsupported("an inline image")
                operands = []
            elif kind in ("s", "h"):
                # Kept as latin-1 text, so strings are told apart from names and numbers.
                text = _string(kind, token).decode("latin-1")
                (arrays[-1] if arrays else operands).append(text)
            elif kind == "n":
                (arrays[-1] if arrays else operands).append(token)
            elif kind == "a":
                if token == b"[":
                    arrays.append([])
                elif not arrays:
                    raise Unsupported("an unbalanced array")
                else:
                    done = arrays.pop()
                    (arrays[-1] if arrays else operands).append(done)
            elif kind == "x":
                raise Unsupported("a token this reader does not know")
            # dictionaries (marked content properties) and comments draw no text
        if arrays:
            raise Unsupported("an unbalanced array")
        newline()

    def _draw(self, resources: Any, operands: list[Any], out: list[str], depth: int) -> None:
        if not operands or not isinstance(operands[-1], bytes) or operands[-1][:1] != b"/":
            raise Unsupported("Do without a name")
        objects = resources.get("/XObject") if resources is not None else None
        if objects is None:
            raise Unsupported("Do without XObjects")
        xobject = objects.get_object().get(operands[-1].decode("latin-1"))
        if xobject is None:
            raise Unsupported("an XObject that is not there")
        xobject = xobject.get_object()
        if xobject.get("/Subtype") != "/Form":
            return  # an image draws no text
        inner = xobject.get("/Resources", resources)
        self._read(stream_data(xobject), inner, out, depth + 1)


def pages_text(pages: Iterable[PageObject]) -> list[str]:
    """Every page's text, in order."""
    reader = PdfTextReader()
    return [reader.page_text(page) for page in pages]
