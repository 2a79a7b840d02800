"""Reading a conversation's notes or transcript from a Word (.docx) or text file."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.errors import InvalidInputError

MAX_BYTES = 20 * 1024 * 1024


def _refuse(path: Path, why: str) -> InvalidInputError:
    return InvalidInputError(f"'{path.name}' could not be read: {why}. Nothing was changed.")


def read_notes(path: Path) -> str:
    """The text of a .txt or .docx file, paragraphs separated by blank lines."""
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".docx"):
        raise _refuse(path, "only Word (.docx) and text (.txt) files can be imported")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(path, "the file cannot be opened") from exc
    if size > MAX_BYTES:
        raise _refuse(path, "it is larger than 20 MB")
    if suffix == ".txt":
        data = path.read_bytes()
        if b"\0" in data:
            raise _refuse(path, "it is not a text file")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding).replace("\r\n", "\n")
            except UnicodeDecodeError:
                continue
        raise _refuse(path, "it is not text in a known encoding")
    if suffix == ".docx":
        import docx  # python-docx; imported here because most callers never need it

        try:
            document = docx.Document(str(path))
        except Exception as exc:  # python-docx raises assorted errors on broken parts
            raise _refuse(path, "it is not a Word document, or it is damaged") from exc
        paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
        for table in document.tables:
            for row in table.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    paragraphs.append(" | ".join(cells))
        return "\n\n".join(paragraphs)
    raise AssertionError(suffix)  # pragma: no cover
