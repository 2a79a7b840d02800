"""Telling what kind of file an agency sent from its content, not only its name.

Files arrive renamed, exported by case-management systems with the wrong extension, or
damaged in transit, so the first bytes decide: a zip container is a spreadsheet or a Word
document according to the parts inside it; anything else must be readable text (CSV).
"""

from __future__ import annotations

import re

from reviewer_app.importers.errors import ImportRefusedError

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and password-protected ones
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SAMPLE = 64 * 1024
# Control characters that never appear in a text export (tab, newlines and form feed do).
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_TEXT_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_HTML = re.compile(rb"^\s*<(?:!doctype\s+html|html|table|\?xml)", re.IGNORECASE)

_RESAVE_XLSX = (
    "Open it in Excel, choose File > Save As and pick 'Excel Workbook (.xlsx)', then import "
    "the new file."
)
_RESAVE_DOCX = (
    "Open it in Word, choose File > Save As and pick 'Word Document (.docx)', then import the "
    "new file."
)


def detect_format(data: bytes, suffix: str) -> str:
    """'zip' (look inside with `zip_format`), 'pdf' or 'csv'; anything else is refused."""
    suffix = suffix.lower()
    if suffix in (".xls", ".xlt"):
        raise ImportRefusedError(
            f"This is an older Excel file (.xls), which this app does not read. {_RESAVE_XLSX}"
        )
    if suffix in (".doc", ".dot"):
        raise ImportRefusedError(
            f"This is an older Word file (.doc), which this app does not read. {_RESAVE_DOCX}"
        )
    if data.startswith(_ZIP_MAGIC):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        raise ImportRefusedError(
            "This is an older Excel or Word file (.xls or .doc), or one protected with a "
            "password, which this app cannot read. Ask the agency to remove the password, or "
            "open it yourself and save it as an Excel Workbook (.xlsx) or Word Document "
            "(.docx), then import the new file."
        )
    if b"%PDF-" in data[:1024]:  # the header may come after a little junk
        return "pdf"
    if data.startswith(b"{\\rtf"):
        raise ImportRefusedError(f"This is a Rich Text (.rtf) document. {_RESAVE_DOCX}")
    if suffix in (".xlsx", ".xlsm", ".docx", ".docm"):
        raise damaged()
    if data.startswith(_TEXT_BOMS):
        return "csv"
    sample = data[:_SAMPLE]
    if utf16_without_bom(sample) is not None:
        return "csv"
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 200:
        raise ImportRefusedError(
            "This file is not a spreadsheet, a Word document or a CSV text file, so it cannot "
            "be imported. Ask the agency for the chronology as an Excel sheet (.xlsx), a Word "
            "document (.docx) or a CSV file."
        )
    if _HTML.match(sample):
        raise ImportRefusedError(
            "This file is a web page (HTML or XML), as some systems produce when they "
            f"'export to Excel'. {_RESAVE_XLSX}"
        )
    return "csv"


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' if `sample` (the start of a file) is UTF-16 text without a
    byte-order mark, as some systems' "Unicode text" exports are; else None.

    Text in any Latin script is mostly characters below U+0100, so in UTF-16 one byte of
    nearly every pair is zero: the second in little-endian, the first in big-endian. The
    sample must also decode cleanly into text with no control characters beyond the usual.
    """
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zeros, odd_zeros = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    if odd_zeros >= pairs * 0.3 and even_zeros <= pairs * 0.02:
        encoding = "utf-16-le"
    elif even_zeros >= pairs * 0.3 and odd_zeros <= pairs * 0.02:
        encoding = "utf-16-be"
    else:
        return None
    trimmed = sample[: pairs * 2]
    try:
        text = trimmed.decode(encoding)
    except UnicodeDecodeError:
        try:  # the sample may end halfway through a surrogate pair
            text = trimmed[:-2].decode(encoding)
        except UnicodeDecodeError:
            return None
    if "\x00" in text or len(_TEXT_CONTROL.findall(text)) > len(text) // 200:
        return None
    return encoding


def zip_format(names: list[str], mimetype: bytes) -> str:
    """'xlsx' or 'docx' from the parts a zip container holds."""
    lowered = {name.lower() for name in names}
    if "xl/workbook.xml" in lowered:
        return "xlsx"
    if "word/document.xml" in lowered:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        raise ImportRefusedError(
            "This is an OpenDocument spreadsheet (.ods). Open it in LibreOffice or Excel and "
            "save it as an Excel Workbook (.xlsx), then import the new file."
        )
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise ImportRefusedError(
            "This is an OpenDocument text file (.odt). Open it in LibreOffice or Word and save "
            "it as a Word Document (.docx), then import the new file."
        )
    if any(name.startswith("[content_types].xml") for name in lowered):
        raise ImportRefusedError(
            "This is an Office file, but not an Excel workbook or a Word document (perhaps a "
            "PowerPoint file). Ask the agency for the chronology as an Excel sheet or a Word "
            "document."
        )
    raise ImportRefusedError(
        "This file is a compressed (zip) folder, not a spreadsheet or a Word document. Open "
        "the folder, find the chronology inside and import that file."
    )


def damaged(kind: str = "an Excel or Word file") -> ImportRefusedError:
    return ImportRefusedError(
        f"The file could not be opened: it looks like {kind} that is damaged or incomplete "
        "(perhaps only partly downloaded or copied). Try opening it in Excel or Word; if that "
        "fails too, ask the agency to send it again."
    )
