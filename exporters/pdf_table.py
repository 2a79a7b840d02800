"""Tables in the draft PDF, drawn a page of rows at a time straight onto the canvas.

A table's cells are plain text, wrapped once (`Wrapper`: each word measured once), so every
row's height is known before layout. `TableStream` hands reportlab a table one page at a time:
each page break takes just the rows that fit (by bisecting running totals), which keeps the
layout linear in the rows. Each page's rows (`Rows`) are written as one piece of PDF: the
header's shading, then one text object per cell, row by row and column by column, then the
rules. That is the text, the order and the places reportlab's own `Table` gave the same cells
(so the gate's reader, pypdf and a reader's software read it as they did), without its cost: it
drew every line as a text object of its own through pure-Python text formatting, which was
most of a long appendix's export. The header row is repeated at the top of every page.

A row of more than `LONG_ROW` lines is set in pieces of a few lines that can break across
pages, without rules between them; a later piece that opens a page shows the row's date and
agency (its `repeat` cells) marked "(cont.)", and elsewhere these are not drawn.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from exporters.report_model import Table

CELL_PADDING = 3.0
RULE = colors.HexColor("#8A94A3")
HEADER_FILL = colors.HexColor("#DCE3EC")
RULE_WIDTH = 0.4
LONG_ROW = 14  # rows of more lines than this are set in pieces that can break across pages
PIECE = 6  # lines in each piece of a long row


class Wrapper:
    """Greedy word wrap with each word's width measured once (a chronology repeats words), and
    each short text (a date, an agency) wrapped once."""

    SHORT = 40  # texts shorter than this are kept wrapped

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self.widths: dict[str, float] = {}
        self.space = pdfmetrics.stringWidth(" ", font, size)
        self.short: dict[tuple[str, float], tuple[str, int]] = {}

    def width(self, word: str) -> float:
        known = self.widths.get(word)
        if known is None:
            known = self.widths[word] = pdfmetrics.stringWidth(word, self.font, self.size)
        return known

    def cell(self, text: str, limit: float) -> tuple[str, int]:
        """The text wrapped to `limit`: its lines joined by "\n", and how many there are."""
        if len(text) >= self.SHORT:
            lines = self.lines(text, limit)
            return "\n".join(lines), len(lines)
        known = self.short.get((text, limit))
        if known is None:
            lines = self.lines(text, limit)
            known = self.short[text, limit] = ("\n".join(lines), len(lines))
        return known

    def count(self, text: str, limit: float) -> int:
        """How many lines `lines` would make, without making them (laying out only)."""
        if len(text) < self.SHORT:
            return self.cell(text, limit)[1]
        total = 0
        known, space = self.widths.get, self.space
        for part in text.split("\n"):
            used = -1.0  # no word on the line yet
            for word in part.split():
                width = known(word)
                if width is None:
                    width = self.width(word)
                if width > limit:  # a very long word: broken as `lines` breaks it
                    return len(self.lines(text, limit))
                if used < 0:
                    used = width
                elif used + (width + space) > limit:
                    total += 1
                    used = width
                else:
                    used += width + space
            total += 1
        return total

    def lines(self, text: str, limit: float) -> list[str]:
        out: list[str] = []
        known, space = self.widths.get, self.space
        for part in text.split("\n"):
            words = part.split()
            if not words:
                out.append("")
                continue
            line: list[str] = []
            used = 0.0
            for word in words:
                width = known(word)
                if width is None:
                    width = self.width(word)
                if width > limit:  # a very long word (a URL): let reportlab break it
                    if line:
                        out.append(" ".join(line))
                    pieces = simpleSplit(word, self.font, self.size, limit) or [word]
                    out.extend(pieces[:-1])
                    line, used = [pieces[-1]], self.width(pieces[-1])
                    continue
                if not line:
                    line.append(word)
                    used += width
                elif used + (width + space) > limit:
                    out.append(" ".join(line))
                    line, used = [word], width
                else:
                    line.append(word)
                    used += width + space
            out.append(" ".join(line))
        return out


class AtTop(str):
    """A cell drawn only where its row opens a page (a long row's date and agency)."""

    __slots__ = ()


#: A cell as drawn: its lines, joined by "\n" (one string a cell keeps a long table small).
Cell = str


@dataclass(slots=True)
class Layout:
    """A table wrapped: rows[0] is the header; heights[i] is row i's height with its padding."""

    widths: list[float]
    font: str
    bold: str
    size: float
    leading: float
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    heights: array[float] = field(default_factory=lambda: array("d"))
    tops: array[float] = field(default_factory=lambda: array("d"))  # padding above the text
    joined: set[int] = field(default_factory=set)  # rows followed by more of the same long row
    shown: dict[str, Shown] = field(default_factory=dict)  # each font as the document shows it

    def shown_in(self, canv: Canvas, font: str) -> Shown:
        """How `font` shows text in the document `canv` writes (kept for all its pages)."""
        known = self.shown.get(font)
        if known is None or known.doc is not canv._doc:
            known = self.shown[font] = Shown(canv, font, self.size, self.leading)
        return known

    def add(self, cells: list[Cell], lines: float, above: float, below: float) -> None:
        """A row of `lines` lines of text, with padding above and below."""
        if not below:
            self.joined.add(len(self.rows))
        self.rows.append(tuple(cells))
        self.heights.append(self.leading * lines + above + below)
        self.tops.append(above)


def layout(block: Table, text_width: float, font: str, bold: str, *, drawn: bool = True) -> Layout:
    """The table's cells wrapped to its columns, long rows cut into pieces (`drawn=False`:
    the rows' heights only, the same as drawn, for laying the report out without drawing)."""
    size = 7.5 if block.dense else 9.0
    widths = [text_width * c.width for c in block.columns]
    inner = [w - 2 * CELL_PADDING - 1 for w in widths]
    heavy, plain = Wrapper(bold, size), Wrapper(font, size)
    out = Layout(widths, font, bold, size, size * 1.22)
    top, bottom = CELL_PADDING - 1, CELL_PADDING + 2  # the space above and below a row's text
    header = [heavy.lines(c.title, w) for c, w in zip(block.columns, inner, strict=True)]
    out.add(["\n".join(c) for c in header], max(map(len, header)), top, bottom)
    repeat = [i for i in block.repeat if i < len(widths)]
    for row in block.rows:
        if len(row) < len(widths):
            row = (*row, *[""] * (len(widths) - len(row)))
        if not drawn:
            _add_heights(out, row, inner, plain, repeat, top, bottom)
            continue
        texts = [plain.cell(cell, w) for cell, w in zip(row, inner, strict=False)]
        lines = max(count for _, count in texts)
        if lines <= LONG_ROW:
            out.add([text for text, _ in texts], lines, top, bottom)
            continue
        wrapped = [text.split("\n") for text, _ in texts]
        # A long row is set in pieces a few lines deep, so it starts on the page it reaches
        # and breaks between lines; each later piece carries its date and agency, hidden
        # unless that piece opens a page.
        again = {i: _continued(plain, row[i], inner[i]) for i in repeat}
        piece = max(PIECE, *(len(wrapped[i]) for i in repeat), *(len(c) for c in again.values()))
        for start in range(0, lines, piece):
            cells: list[Cell] = []
            for i, cell in enumerate(wrapped):
                if i in again and start:
                    cells.append(AtTop("\n".join(again[i])))
                elif i in again:
                    cells.append("\n".join(cell))
                else:
                    cells.append("\n".join(cell[start : start + piece]))
            out.add(cells, *_piece_room(start, piece, lines, again, top))
    return out


def _continued(plain: Wrapper, text: str, limit: float) -> list[str]:
    """A repeated cell (date, agency) as a later piece of a long row carries it."""
    return plain.lines(f"{text} (cont.)", limit) if text else [""]


def _piece_room(
    start: int, piece: int, lines: int, again: dict[int, list[str]], top: float
) -> tuple[int, float, float]:
    """A long row's piece from line `start`: its lines, padding above and below."""
    deep = min(piece, lines - start)
    if start:
        deep = max(deep, *(len(v) for v in again.values()))
    last = start + piece >= lines
    # No padding where two pieces meet, so the text runs on at its own leading.
    return deep, 0.0 if start else top, CELL_PADDING + 1 if last else 0.0


def _add_heights(
    out: Layout,
    row: tuple[str, ...],
    inner: list[float],
    plain: Wrapper,
    repeat: list[int],
    top: float,
    bottom: float,
) -> None:
    """A row's height (or its pieces' heights) as `layout` draws it, counting lines only."""
    counts = [plain.count(cell, w) for cell, w in zip(row, inner, strict=False)]
    lines = max(counts)
    if lines <= LONG_ROW:
        out.add([], lines, top, bottom)
        return
    again = {i: _continued(plain, row[i], inner[i]) for i in repeat}
    piece = max(PIECE, *(counts[i] for i in repeat), *(len(c) for c in again.values()))
    for start in range(0, lines, piece):
        out.add([], *_piece_room(start, piece, lines, again, top))


class Shown:
    """The PDF operators that show a line in one font of one document being written.

    Printable ASCII is written as itself (reportlab keeps it at its own codes in the first
    subset of an embedded TrueType font), and so is any line whose every character the font's
    subsetting has already put in the first subset, at the code it gave it; anything else goes
    through the subsetting, switching subsets within the text object where the line needs."""

    def __init__(self, canv: Canvas, name: str, size: float, leading: float) -> None:
        self.font = pdfmetrics.getFont(name)
        self.doc = canv._doc
        self.tail = f" {fp_str(size)} Tf {fp_str(leading)} TL"
        self.first = self._font(0)
        ascii_codes = bytes(range(32, 127))
        self.ascii = self.font.splitString(ascii_codes.decode("ascii"), self.doc) == [
            (0, ascii_codes)
        ]
        self.codes: dict[int, int] = {}  # characters known to be in the first subset: codes
        self.known: set[str] = set()  # those characters
        self.subset = -1

    def _font(self, subset: int) -> str:
        return f"{self.font.getSubsetInternalName(subset, self.doc)}{self.tail}"

    def start(self) -> str:
        """The font, set at the start of a text object."""
        self.subset = 0
        return self.first

    def line(self, text: str) -> str:
        if not text:
            return ""  # (as reportlab draws an empty line: nothing)
        if self.subset == 0:
            if self.ascii and text.isascii() and text.isprintable():
                return f"({escapePDF(text)}) Tj"
            if self.known.issuperset(text):
                return f"({escapePDF(text.translate(self.codes).encode('latin-1'))}) Tj"
        pieces = self.font.splitString(text, self.doc)
        if len(pieces) == 1 and pieces[0][0] == 0 and len(pieces[0][1]) == len(text):
            self.codes.update(zip(map(ord, text), pieces[0][1], strict=True))
            self.known.update(text)
        parts: list[str] = []
        for subset, raw in pieces:
            if subset != self.subset:
                parts.append(self._font(subset))
                self.subset = subset
            parts.append(f"({escapePDF(raw)}) Tj")
        if self.subset != 0:  # back to the first subset, which the next line expects
            parts.append(self.start())
        return " ".join(parts)


class Rows(Flowable):  # type: ignore[misc]
    """The header and rows ``first`` to ``stop - 1`` of a `Layout`, drawn as one table."""

    def __init__(self, table: Layout, first: int, stop: int) -> None:
        super().__init__()
        self.table, self.first, self.stop = table, first, stop
        self.width = sum(table.widths)
        self.height = table.heights[0] + sum(table.heights[first:stop])
        self.hAlign = "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # handed over only where it fits (`TableStream`)

    def draw(self) -> None:
        table, canv = self.table, self.canv
        indices = [0, *range(self.first, self.stop)]
        lefts = list(accumulate(table.widths[:-1], initial=0.0))
        tops = [self.height]  # the top of each row, and the bottom of the last
        for index in indices:
            tops.append(tops[-1] - table.heights[index])
        shown = {name: table.shown_in(canv, name) for name in (table.font, table.bold)}
        xs = [fp_str(left + CELL_PADDING) for left in lefts]
        code = ["q", f"{fp_str(*HEADER_FILL.rgb())} rg"]
        code.append(f"0 {fp_str(tops[1])} {fp_str(self.width)} {fp_str(tops[0] - tops[1])} re f")
        code.append("0 0 0 rg")
        for n, index in enumerate(indices):
            font = shown[table.bold if index == 0 else table.font]
            y = fp_str(tops[n] - table.tops[index] - table.size)  # the first line's baseline
            opens = n == 1  # the first row under the header: where a long row's piece shows
            for cell, x in zip(table.rows[index], xs, strict=True):
                if isinstance(cell, AtTop) and not opens:
                    continue
                start = font.start()
                lines = "".join(f"{font.line(line)} T* " for line in cell.split("\n"))
                code.append(f"BT 1 0 0 1 {x} {y} Tm {start} {lines}ET")
        code.extend(self._rules(indices, lefts, tops))
        code.append("Q")
        canv.addLiteral("\n".join(code))

    def _rules(self, indices: list[int], lefts: list[float], tops: list[float]) -> list[str]:
        """The grid: a rule under every row but between the pieces of a long row, one
        between the columns, and the frame."""
        width, top, bottom = fp_str(self.width), fp_str(tops[0]), fp_str(tops[-1])
        under = (tops[n + 1] for n, i in enumerate(indices[:-1]) if i not in self.table.joined)
        return [
            f"1 J 1 j {fp_str(*RULE.rgb())} RG {fp_str(RULE_WIDTH)} w",
            *(f"0 {y} m {width} {y} l" for y in map(fp_str, under)),
            *(f"{x} {top} m {x} {bottom} l" for x in map(fp_str, lefts[1:])),
            f"0 {bottom} {width} {fp_str(tops[0] - tops[-1])} re S",
        ]


class TableStream(Flowable):  # type: ignore[misc]
    """A table handed to reportlab one page-sized `Rows` at a time (`drawn=False`: as the
    room each page's rows take only, for laying the report out without drawing it).

    Each split takes just the rows that fit (found by bisecting running totals of the rows'
    heights) and leaves the rest as a smaller stream: linear in the rows."""

    def __init__(
        self, table: Layout, *, drawn: bool = True, first: int = 1, ends: list[float] | None = None
    ) -> None:
        super().__init__()
        self.table, self.drawn, self._first = table, drawn, first
        # ends[i]: the height of rows 1..i, so any run of rows is measured in one step
        self._ends = ends if ends is not None else list(accumulate(table.heights[1:], initial=0.0))
        self._stop = len(table.heights)
        self.width = sum(table.widths)
        self.hAlign = "LEFT"

    def _piece(self, first: int, stop: int) -> Flowable:
        if self.drawn:
            return Rows(self.table, first, stop)
        return Spacer(self.width, self._height(first, stop))

    def _height(self, first: int, stop: int) -> float:
        return self.table.heights[0] + self._ends[stop - 1] - self._ends[first - 1]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = self._height(self._first, self._stop)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self.table.heights[0] + self._ends[self._first - 1]
        stop = bisect_right(self._ends, room + 1e-6)  # rows self._first .. stop-1 fit
        if stop <= self._first:
            return []  # not even one row: the next page
        if stop >= self._stop:
            return [self._piece(self._first, self._stop)]
        rest = TableStream(self.table, drawn=self.drawn, first=stop, ends=self._ends)
        return [self._piece(self._first, stop), rest]

    def draw(self) -> None:  # it fitted whole where it stands
        if self.drawn:
            rows = Rows(self.table, self._first, self._stop)
            rows.wrapOn(self.canv, self.width, self.height)
            rows.drawOn(self.canv, 0, 0)
