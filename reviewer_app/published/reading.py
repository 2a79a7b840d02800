"""Reading a downloaded published review (PDF or Word) into pages of text, then describing it:
title, year, partnership and type of review from its first pages, its sections from its
headings, and its passages. A PDF with (almost) no text is a scan: it is recorded as needing a
text version, never kept silently empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reviewer_app.errors import InvalidInputError
from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.limits import Limits

# The bounded unpacking of a PDF's compressed streams that guards chronology imports, reused:
# a "zip bomb" inside a PDF is refused before the PDF library unpacks anything.
from reviewer_app.importers.pdf_tables import _check_streams as check_pdf_streams
from reviewer_app.importers.zip_safety import inspect_zip
from reviewer_app.published.report import Passage, PublishedReport, ReadStatus, Section

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2_000
#: Fewer characters than this on an average page: a scanned document.
SCANNED_BELOW = 40
PASSAGE_CHARS = 900
DOCX_PAGE_CHARS = 3_000  # a Word document has no pages until printed: this much text is one
FIRST_YEAR = 1990
#: The same limits as a chronology's: zip parts, PDF streams, letters on a page, and time.
LIMITS = Limits()
_AGAIN = "Download it again from the repository, or save it again as a PDF."
# The PDF library reports what it could not parse in log messages that may quote the file.
logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)

_TYPES = (
    (re.compile(r"(?i)local child safeguarding practice review|\bLCSPR\b"), "lcspr"),
    (re.compile(r"(?i)serious case review|\bSCR\b"), "scr"),
    (re.compile(r"(?i)child practice review"), "cpr"),
    (re.compile(r"(?i)safeguarding adults? review|\bSAR\b"), "sar"),
    (re.compile(r"(?i)domestic homicide review|\bDHR\b"), "dhr"),
    (re.compile(r"(?i)rapid review"), "rapid-review"),
)
_PARTNERSHIP = re.compile(
    r"\b([A-Z][\w'’\-]*[ \t]+(?:(?:[A-Z][\w'’\-]*|and|of|&)[ \t]+){0,5}?"
    r"(?:Safeguarding[ \t]+Children[ \t]+(?:Partnership|Board)|Safeguarding[ \t]+Partnership|"
    r"Children'?s[ \t]+Safeguarding[ \t]+(?:Partnership|Board)|Safeguarding[ \t]+Board))"
)
_TYPE_WORDS = re.compile(
    r"(?i)\b(?:a |an |the )?(?:local child safeguarding practice review|serious case review|"
    r"child practice review|safeguarding adults? review|domestic homicide review|rapid review)\b"
)
_YEAR = re.compile(r"(?<!\d)(19[9]\d|20\d\d)(?!\d)")
_HEADINGS: tuple[tuple[re.Pattern[str], Section], ...] = tuple(
    (re.compile(rf"(?i)^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:{words})\b[\w\s,'’()-]{{0,50}}$"), section)
    for words, section in (
        (r"executive summary|summary", Section.SUMMARY),
        (
            r"introduction|background|reasons? for (?:the|this) review|terms of reference|"
            r"methodology",
            Section.INTRODUCTION,
        ),
        (r"the case|case summary|chronology|summary of (?:the )?case|narrative", Section.CASE),
        (r"analysis|key practice episodes?", Section.ANALYSIS),
        (r"findings?|key findings", Section.FINDINGS),
        (
            r"recommendations?|questions for (?:the )?(?:safeguarding )?partners?",
            Section.RECOMMENDATIONS,
        ),
        (r"learning|lessons? learn(?:ed|t)|key learning", Section.LEARNING),
        (r"conclusions?", Section.CONCLUSIONS),
        (r"appendix|appendices|glossary|references", Section.APPENDIX),
    )
)


def read_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, or of each page-length run of a Word document."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInputError(f"'{path.name}' is too big to read (over 200 MB).")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return _pdf_pages(data, path.name)
    if suffix == ".docx" or data.startswith(b"PK"):
        return _docx_pages(data, path.name)
    raise InvalidInputError(f"'{path.name}' is not a PDF or Word (.docx) file.")


def _overloading(name: str) -> InvalidInputError:
    return InvalidInputError(
        f"'{name}' was not read: it would unpack to far more than any real report, so it may "
        f"be damaged or built to overload this computer. {_AGAIN}"
    )


def _pdf_pages(data: bytes, name: str, *, limits: Limits = LIMITS) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        check_pdf_streams(data, limits)
    except ImportRefusedError as exc:
        raise _overloading(name) from exc
    began = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InvalidInputError(
                f"'{name}' is protected with a password: save an unprotected copy and import that."
            )
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise InvalidInputError(f"'{name}' has more than {MAX_PAGES:,} pages.")
        allowed = limits.max_pdf_seconds + limits.max_pdf_seconds_per_page * count
        pages: list[str] = []
        for page in reader.pages:
            if time.monotonic() - began > allowed:
                raise InvalidInputError(
                    f"'{name}' was not read: reading it took longer than {allowed:g} seconds, far "
                    f"longer than a report of {count:,} pages needs. {_AGAIN}"
                )
            text = page.extract_text() or ""
            if len(text) > limits.max_pdf_page_chars:
                raise _overloading(name)
            pages.append(text)
        return pages
    except InvalidInputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidInputError(f"'{name}' is a damaged PDF and could not be read.") from exc


def _docx_pages(data: bytes, name: str, *, limits: Limits = LIMITS) -> list[str]:
    import docx

    try:
        zipfile.ZipFile(io.BytesIO(data)).close()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InvalidInputError(f"'{name}' is not a Word document that can be read.") from exc
    try:
        kind = inspect_zip(data, limits)  # a zip or XML bomb is refused before Word reads it
    except ImportRefusedError as exc:
        raise _overloading(name) from exc
    if kind != "docx":
        raise InvalidInputError(f"'{name}' is not a Word (.docx) document.")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InvalidInputError(f"'{name}' is not a Word document that can be read.") from exc
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for text in _docx_blocks(document):
        if not text:
            continue
        current.append(text)
        size += len(text)
        if size >= DOCX_PAGE_CHARS:
            pages.append("\n\n".join(current))
            current, size = [], 0
    if current:
        pages.append("\n\n".join(current))
    return pages


def _docx_blocks(document: Any) -> Iterator[str]:
    """The text of each paragraph and each table row, in the document's order (reports often
    set their findings and recommendations out in tables)."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = dict.fromkeys(c.text.strip() for c in row.cells)  # merged cells once
                yield " — ".join(c for c in cells if c)
        else:
            yield block.text.strip()


def normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def content_hash(pages: list[str]) -> str:
    return hashlib.sha256(normalised(" ".join(pages)).encode("utf-8")).hexdigest()


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def review_type_of(text: str) -> str:
    for pattern, key in _TYPES:
        if pattern.search(text):
            return key
    return ""


def partnership_of(text: str) -> str:
    """The first "… Safeguarding Children Partnership" (or Board) named on a line by itself or
    in a sentence; the words of a review's type before it are not part of the name."""
    for line in _lines(text):
        found = _PARTNERSHIP.search(_TYPE_WORDS.sub(" ", line))
        if found:
            return " ".join(found.group(1).split())
    return ""


def year_of(text: str, today: dt.date | None = None) -> int | None:
    """The latest plausible year on the first pages (reports give the publication date there)."""
    this_year = (today or dt.date.today()).year
    years = [int(y) for y in _YEAR.findall(text) if FIRST_YEAR <= int(y) <= this_year]
    return max(years) if years else None


def title_of(first_page: str, fallback: str) -> str:
    """The first substantial lines of the first page, up to the type-of-review line."""
    lines = _lines(first_page)[:8]
    title: list[str] = []
    for line in lines:
        if len(line) < 3 or line.isdigit():
            continue
        if title and (review_type_of(line) or partnership_of(line) or _YEAR.search(line)):
            break
        title.append(line)
        if len(" ".join(title)) > 80:
            break
    text = " ".join(title).strip(" :-–")
    return text[:200] if text else fallback


def heading_section(line: str) -> Section | None:
    """The section a short line starts, if it is a heading."""
    if len(line) > 70 or (line.endswith((".", ",", ";")) and len(line) > 30):
        return None
    for pattern, section in _HEADINGS:
        if pattern.match(line):
            return section
    return None


def passages_of(pages: list[str]) -> list[Passage]:
    """Paragraph-sized passages of every page, each with the section it falls in."""
    section = Section.OTHER
    found: list[Passage] = []
    for number, page in enumerate(pages, start=1):
        block: list[str] = []
        for raw in [*page.splitlines(), ""]:  # a blank line at the end closes the last block
            line = " ".join(raw.split())
            heading = heading_section(line) if line else None
            if line and heading is None:
                block.append(line)
                if len(" ".join(block)) < PASSAGE_CHARS:
                    continue
            found += _pieces(number, section, block)
            block = []
            if heading is not None:
                section = heading
                found.append(Passage(number, section, line))
    return found


def _pieces(page: int, section: Section, block: list[str]) -> list[Passage]:
    text = " ".join(block).strip()
    pieces = []
    while text:
        piece, text = _cut(text)
        pieces.append(Passage(page, section, piece))
    return pieces


def _cut(text: str) -> tuple[str, str]:
    """A passage-sized piece of `text`, ending at a sentence where it can, and the rest."""
    if len(text) <= PASSAGE_CHARS * 1.5:
        return text, ""
    end = text.rfind(". ", 0, PASSAGE_CHARS)
    end = end + 1 if end > PASSAGE_CHARS // 3 else PASSAGE_CHARS
    return text[:end].strip(), text[end:].strip()


def describe(
    path: Path,
    pages: list[str],
    *,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> PublishedReport:
    """The report read from `pages`: described from its first pages, split into passages."""
    chars = sum(len(p.strip()) for p in pages)
    status = (
        ReadStatus.NEEDS_TEXT
        if not pages or chars / max(1, len(pages)) < SCANNED_BELOW
        else ReadStatus.READ
    )
    front = "\n".join(pages[:2])
    fallback = path.stem.replace("_", " ").replace("-", " ").strip() or path.name
    return PublishedReport(
        file_name=path.name,
        title=title_of(pages[0], fallback) if status is ReadStatus.READ else fallback,
        year=year_of(front),
        partnership=partnership_of(front),
        review_type=review_type_of(front),
        pages=len(pages),
        status=status,
        content_hash=content_hash(pages) if status is ReadStatus.READ else _file_hash(path),
        passages=tuple(passages_of(pages)) if status is ReadStatus.READ else (),
        imported_at=now().isoformat(timespec="seconds"),
    )


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
