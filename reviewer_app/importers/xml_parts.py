"""Reading the XML parts of a spreadsheet or Word document as a stream, safely and fast.

A 150,000-row Word table is a 150 MB XML part; an object model of it (python-docx, or openpyxl
for a workbook) takes gigabytes and most of a minute. Here each part is fed to lxml's pull
parser in chunks, and the parsing is done by libxml2 in C. `elements` hands over one finished
element at a time, which the caller reads and `release`s; `children`, for the long lists
(a table's rows, a worksheet's rows, the shared strings), hands over the finished children of
a list after each chunk and cuts them from the tree once read. Either way memory holds about
a chunk of XML at a time.

Safety does not depend on this module alone. `zip_safety.inspect_zip` has already refused any
part whose prolog declares a document type (where XML "entities", and entity bombs, live).
This reader checks the start of each part it reads again, before parsing; the parser never
resolves entities, never loads an external DTD, never touches the network and keeps libxml2's
limits on depth, text size and entity amplification (no `huge_tree`); and a document type
found by the parser all the same is refused with the same plain message.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from itertools import islice
from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped]

from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.zip_safety import XML_BOMB_MESSAGE, check_head

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOCUMENT = "/officeDocument"


_CHUNK = 256 * 1024  # bytes of XML given to the parser at a time


def elements(stream: IO[bytes], tags: str | tuple[str, ...], root: str = "") -> Iterator[Any]:
    """Each element named in `tags`, once it is complete, in document order.

    The caller reads each element as it comes and may `release` it. With `root` (the part's
    document element), everything else that is finished is let go too, between chunks of the
    part: down the path of elements still open (each the last child of the one above), the
    earlier children are complete and, not being asked for, not needed. The descent stops at
    an element named in `tags`, which its reader needs whole when it ends. So memory holds the
    open path and the element being read, whatever else the part holds (prose around a table,
    a sheet's validations, styles nobody asked for).
    """
    wanted = (tags,) if isinstance(tags, str) else tags
    parser = _parser(("start", "end") if root else ("end",), (root, *wanted) if root else wanted)
    document: Any = None
    for events in _fed(stream, parser):
        for event, element in events:
            if event == "start":
                if document is None and element.tag == root:
                    document = element
                continue
            if element is document:
                continue
            yield element
        if document is not None:
            _let_go(document, wanted)


def children(stream: IO[bytes], parent: str, root: str) -> Iterator[tuple[Any, Any]]:
    """(parent, child) for each child of each outermost element named `parent` (the part's
    `root`, or elements in it), once the child is complete, in document order; then
    (parent, None) when that parent has ended. A `parent` inside
    another is part of a child of the outer one, as a table nested in a table's cell is.

    For a part that is one long list (a worksheet's rows, a workbook's shared strings, a Word
    table's rows) this is faster than `elements`: no event and no `release` for each child.
    After each chunk of the part, the children of the open parent are complete but for the
    last, which the parser may still be filling; they are handed over together and cut from
    the tree once read. Everything else that is finished is let go, as `elements` does with
    `root`.
    """
    parser = _parser(("start", "end"), (root, parent))
    document: Any = None
    current: Any = None  # the outermost parent open
    inner = 0  # parents open inside it
    for events in _fed(stream, parser):
        for event, element in events:
            if document is None:
                document = element  # the first to start is the root, or a parent at the top
            if element.tag != parent:
                continue
            if current is None:
                current = element if event == "start" else None
            elif event == "start":
                inner += 1
            elif inner:
                inner -= 1
            else:  # the parent has ended: all its children are complete
                for child in _handed_over(current, len(current)):
                    yield current, child
                yield current, None
                current = None
        if current is not None:
            for child in _handed_over(current, len(current) - 1):
                yield current, child
        if document is not None:
            _let_go(document, (parent,))


def _handed_over(parent: Any, count: int) -> Iterator[Any]:
    """The first `count` children of `parent`, one at a time; then they are cut from the tree.

    They are cut after they have been read, not before: lxml frees a cut element at once if
    nothing holds it, but must first rewrite the namespaces of one still held, which would
    cost as much again as reading it."""
    if count <= 0:
        return
    yield from islice(parent, count)
    del parent[:count]


def _parser(events: tuple[str, ...], tags: tuple[str, ...]) -> Any:
    return etree.XMLPullParser(
        events=events,
        tag=tags,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _fed(stream: IO[bytes], parser: Any) -> Iterator[list[tuple[str, Any]]]:
    """Feed the part to `parser` a chunk at a time and give the events of each chunk (and of
    the end), refusing a document type or an entity bomb before any element is handed on."""
    checked = False
    first = True
    while True:
        chunk = stream.read(_CHUNK)
        if first:
            check_head(chunk, complete=len(chunk) < _CHUNK)
            first = False
        if chunk:
            try:
                parser.feed(chunk)
            except etree.XMLSyntaxError as error:
                if "entit" in str(error).lower():  # libxml2's own guard against entity bombs
                    raise ImportRefusedError(XML_BOMB_MESSAGE) from error
                raise
        else:
            result = parser.close()
            if not checked and result is not None:
                _refuse_doctype(result.getroottree())
        events = list(parser.read_events())
        if events and not checked:
            _refuse_doctype(events[0][1].getroottree())
            checked = True
        yield events
        if not chunk:
            return


def _let_go(element: Any, keep: tuple[str, ...]) -> None:
    while element is not None and element.tag not in keep:
        count = len(element)
        if count > 1:
            del element[: count - 1]
        element = element[-1] if count else None


def _refuse_doctype(tree: Any) -> None:
    info = tree.docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise ImportRefusedError(XML_BOMB_MESSAGE)


def release(element: Any) -> None:
    """Free an element that has been read, and the siblings read before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class Package:
    """The parts of an Office zip container, found by name regardless of case (part names in
    Office files are case-insensitive) and read as streams."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self._names = {name.lower(): name for name in archive.namelist()}

    def has(self, name: str) -> bool:
        return name.lstrip("/").lower() in self._names

    def open(self, name: str) -> IO[bytes]:
        return self.archive.open(self._names[name.lstrip("/").lower()])

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type, target part name) of each relationship of `part` ('' for the package)."""
        folder, _, base = part.rpartition("/")
        rels = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        if not self.has(rels):
            return []
        found: list[tuple[str, str, str]] = []
        with self.open(rels) as stream:
            for element in elements(stream, _RELATIONSHIPS, _RELATIONSHIPS + "s"):
                if element.get("TargetMode") != "External":
                    target = resolve(folder, element.get("Target", ""))
                    found.append((element.get("Id", ""), element.get("Type", ""), target))
                release(element)
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The first part related to `part` by a relationship type ending in `kind`."""
        for _, rel_type, target in self.relationships(part):
            if rel_type.endswith(kind) and self.has(target):
                return target
        return None

    def content_type(self, part: str) -> str:
        """The content type [Content_Types].xml gives a part ('' if it gives none)."""
        if not self.has("[Content_Types].xml"):
            return ""
        wanted = "/" + part.lstrip("/").lower()
        extension = wanted.rpartition(".")[2]
        by_default = ""
        with self.open("[Content_Types].xml") as stream:
            for element in elements(
                stream,
                (f"{_CONTENT_TYPES}Override", f"{_CONTENT_TYPES}Default"),
                f"{_CONTENT_TYPES}Types",
            ):
                if element.tag.endswith("Override"):
                    if element.get("PartName", "").lower() == wanted:
                        return str(element.get("ContentType", ""))
                elif element.get("Extension", "").lower() == extension:
                    by_default = str(element.get("ContentType", ""))
                release(element)
        return by_default


def resolve(folder: str, target: str) -> str:
    """A relationship's target as a part name: relative to the source's folder, or absolute."""
    if target.startswith("/"):
        path = target.lstrip("/")
    else:
        path = f"{folder}/{target}" if folder else target
    parts: list[str] = []
    for piece in path.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
            continue
        parts.append(piece)
    return "/".join(parts)
