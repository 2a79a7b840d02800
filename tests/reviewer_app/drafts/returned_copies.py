"""Returned copies of a draft, marked up as a colleague would in Word: comments added with
python-docx (`Document.add_comment`) and a tracked change written as Word writes it."""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

COMMENTER = "A. Reader (Health)"
EDITOR = "B. Editor (Police)"


def paragraph_with(document: object, start: str) -> Paragraph:
    for paragraph in document.paragraphs:  # type: ignore[attr-defined]
        if paragraph.text.startswith(start):
            return paragraph  # type: ignore[no-any-return]
    raise AssertionError(f"no paragraph starts with {start!r}")


def track_insertion(paragraph: Paragraph, text: str, author: str, date: str) -> None:
    """`text` inserted at the end of `paragraph` with track changes on (a `w:ins`)."""
    run = copy.deepcopy(paragraph.runs[-1]._r)
    for t in run.iter(qn("w:t")):
        t.text = ""
    run.find(qn("w:t")).text = text
    ins = paragraph._p.makeelement(
        qn("w:ins"), {qn("w:id"): "901", qn("w:author"): author, qn("w:date"): date}
    )
    ins.append(run)
    paragraph._p.append(ins)


def track_deletion(paragraph: Paragraph, author: str, date: str) -> str:
    """The paragraph's first run deleted with track changes on (a `w:del`); its text."""
    run = paragraph.runs[0]._r
    removed = "".join(t.text or "" for t in run.iter(qn("w:t")))
    for t in list(run.iter(qn("w:t"))):
        t.tag = qn("w:delText")
    deletion = paragraph._p.makeelement(
        qn("w:del"), {qn("w:id"): "902", qn("w:author"): author, qn("w:date"): date}
    )
    run.addprevious(deletion)
    deletion.append(run)
    return removed


def mark_up(draft: Path, out: Path, *, comment_on: str, insert_in: str, delete_in: str) -> str:
    """A copy of `draft` with two comments, a tracked insertion and a tracked deletion; returns
    the deleted text."""
    document = Document(str(draft))
    target = paragraph_with(document, comment_on)
    document.add_comment(
        target.runs, text="This date is wrong: it was the 14th.", author=COMMENTER, initials="AR"
    )
    version = paragraph_with(document, "Version ")
    document.add_comment(version.runs, text="Which version is this?", author=COMMENTER)
    track_insertion(
        paragraph_with(document, insert_in), " (added by police)", EDITOR, "2026-12-02T10:00:00Z"
    )
    removed = track_deletion(paragraph_with(document, delete_in), EDITOR, "2026-12-02T10:05:00Z")
    document.save(str(out))
    return removed
