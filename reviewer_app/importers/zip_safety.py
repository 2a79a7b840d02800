"""Checks on a spreadsheet or Word document before any library is allowed to open it.

Both are zip containers of XML parts. A hostile file can hide a "zip bomb" (a small part that
inflates to gigabytes) or an "XML bomb" (entity declarations that expand exponentially). The
sizes each part declares are checked against `Limits`, and every XML part's prolog is checked
for a document type declaration, which genuine Office files never contain. The XML libraries
refuse entity tricks too (openpyxl through defusedxml, python-docx with entity resolution
off); this check turns all of them into the same plain refusal, before any parsing starts.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.formats import damaged, zip_format
from reviewer_app.importers.limits import Limits, check_zip_member, check_zip_total

_PROLOG_BYTES = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")

XML_BOMB_MESSAGE = (
    "The file was not opened because it contains XML 'entity' declarations. Genuine Excel "
    "and Word files never use them, and they can be used to overload a computer (an 'XML "
    "bomb'). Ask the agency to save the chronology again in Excel or Word and send the new "
    "file."
)


def inspect_zip(data: bytes, limits: Limits) -> str:
    """Check the container and return its format, 'xlsx' or 'docx'; refuse anything unsafe."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            check_zip_total(sum(info.file_size for info in infos), len(infos), limits)
            for info in infos:
                check_zip_member(info.filename, info.file_size, info.compress_size, limits)
            mimetype = b""
            if "mimetype" in archive.namelist():
                with archive.open("mimetype") as part:
                    mimetype = part.read(100)
            file_format = zip_format(archive.namelist(), mimetype)
            for info in infos:
                if info.filename.lower().endswith(_XML_SUFFIXES):
                    _check_prolog(archive, info)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,  # an unusual compression method
        RuntimeError,  # a part protected with a password
    ) as error:
        raise damaged() from error
    return file_format


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    with archive.open(info) as part:
        head = part.read(_PROLOG_BYTES)
    check_head(head, complete=info.file_size <= len(head))


def check_head(head: bytes, *, complete: bool) -> None:
    """Refuse an XML part whose start (`head`; `complete` if it is the whole part) declares a
    document type or entities, or holds no element at all in its first 64 KB."""
    text = _as_utf8(head[:_PROLOG_BYTES])
    start = _ELEMENT_START.search(text)
    prolog = text if start is None else text[: start.start()]
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise ImportRefusedError(XML_BOMB_MESSAGE)
    if start is None and not (complete and len(head) <= _PROLOG_BYTES):
        # No element within the first 64 KB: no genuine part looks like this, and a type
        # declaration could be hiding further on.
        raise ImportRefusedError(XML_BOMB_MESSAGE)


def _as_utf8(head: bytes) -> bytes:
    """XML in UTF-16 is legal; re-encode so the same byte patterns find its declarations."""
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return head[: len(head) // 2 * 2].decode("utf-16-le", errors="replace").encode()
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return head[: len(head) // 2 * 2].decode("utf-16-be", errors="replace").encode()
    return head
