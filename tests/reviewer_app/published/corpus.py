"""A generated corpus of synthetic "published case reviews" (PDF and Word), with what each was
made from (title, year, partnership, type, planted themes, a unique phrase) to check against.

Every name and place is invented. Background text avoids the vocabulary of practice issues so
that the themes found are the ones planted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

PLACES = ("Riverside", "Ashcombe", "Northbrook", "Eastmere", "Hollowfield", "Westvale")
TYPES = (
    ("lcspr", "A Local Child Safeguarding Practice Review"),
    ("scr", "A Serious Case Review"),
)
PLANTABLE = (
    ("Bruising in non-mobile babies", "bruising in non-mobile babies"),
    ("Strategy discussions", "strategy discussions"),
    ("Domestic abuse", "domestic abuse"),
    ("Parental mental health", "parental mental health"),
    ("Professional curiosity", "professional curiosity"),
    ("Information sharing", "information sharing"),
    ("Safe sleeping", "safe sleeping"),
    ("Invisible men", "invisible men"),
    ("Escalation of concerns", "escalation of concerns"),
    ("Neglect", "neglect"),
)
FILLER = (
    "The review met practitioners from each organisation over several months.",
    "Records were read for the whole period and compared with what people remembered.",
    "The panel agreed the questions the review would answer at its first meeting.",
    "Each meeting was recorded and the notes were shared with the people who took part.",
    "The family were invited to contribute and their views are described below.",
    "The timeline of contact is summarised in the appendix to this report.",
)


@dataclass(frozen=True, slots=True)
class Made:
    path: Path
    title: str
    year: int
    partnership: str
    review_type: str
    themes: tuple[str, ...]
    phrase: str  # a made-up word found in this report only


def _text(
    rng: random.Random, n: int, themes: tuple[tuple[str, str], ...], phrase: str
) -> dict[str, list[str]]:
    def filler(k: int) -> list[str]:
        return [" ".join(rng.choice(FILLER) for _ in range(3)) for _ in range(k)]

    findings = []
    for label, words in themes:
        findings.append(
            f"Finding: {label}. Practitioners did not recognise {words} as a matter for the "
            f"whole system. The review found that {words} was not discussed with managers."
        )
        findings.append(f"The partnership should ask how {words} is understood by every agency.")
    return {
        "Executive summary": [
            f"This review considers the circumstances of Child {chr(65 + n % 26)}. "
            f"It found learning about {', '.join(w for _l, w in themes)}. Reference {phrase}.",
        ],
        "Introduction": filler(2),
        "The case": filler(4),
        "Findings": findings,
        "Recommendations": [
            f"The partnership should review its guidance on {w}." for _l, w in themes
        ],
        "Appendix": filler(1),
    }


def make_corpus(folder: Path, count: int, *, seed: int = 19) -> list[Made]:
    """`count` reports, alternately PDF and Word."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Made] = []
    styles = getSampleStyleSheet()
    for n in range(count):
        place = PLACES[n % len(PLACES)]
        partnership = f"{place} Safeguarding Children Partnership"
        key, kind = TYPES[n % len(TYPES)]
        year = 2012 + n % 14
        title = f"Child {chr(65 + n % 26)}{n}"
        themes = tuple(rng.sample(PLANTABLE, 2))
        phrase = f"quillon{n:04d}"
        body = _text(rng, n, themes, phrase)
        if n % 2 == 0:
            path = folder / f"review-{n:04}.pdf"
            story = [
                Paragraph(title, styles["Title"]),
                Paragraph(kind, styles["Heading2"]),
                Paragraph(partnership, styles["Normal"]),
                Paragraph(f"Published June {year}", styles["Normal"]),
                Spacer(1, 24),
            ]
            for heading, paragraphs in body.items():
                story.append(Paragraph(heading, styles["Heading1"]))
                story += [Paragraph(p, styles["Normal"]) for p in paragraphs]
            SimpleDocTemplate(str(path), pagesize=A4, title="").build(story)
        else:
            path = folder / f"review-{n:04}.docx"
            document = docx.Document()
            document.add_heading(title, 0)
            document.add_paragraph(kind)
            document.add_paragraph(partnership)
            document.add_paragraph(f"Published June {year}")
            for heading, paragraphs in body.items():
                document.add_heading(heading, 1)
                for p in paragraphs:
                    document.add_paragraph(p)
            document.save(str(path))
        made.append(Made(path, title, year, partnership, key, tuple(t for t, _w in themes), phrase))
    return made


def make_scanned_pdf(path: Path) -> Path:
    """A PDF of pictures only, as a scanner makes: no text to read."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(3):
        for y in range(100, 700, 14):
            page.rect(72, y, 400, 8, fill=1, stroke=0)
        page.showPage()
    page.save()
    return path
