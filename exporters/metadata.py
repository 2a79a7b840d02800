"""Neutral, fixed metadata for exported files, so they say nothing about who made them where.

A DOCX is rewritten member by member: core and app properties replaced by fixed neutral values
(no user, host, path or library name), the thumbnail, comments, people and custom XML parts
dropped with their relationships, and every zip member written in a fixed order with a fixed
timestamp, so the same review exported twice gives the same bytes. The PDF renderers take their
fixed values from here too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from functools import partial

NEUTRAL_TITLE = "Draft report"
NEUTRAL_CREATOR = "SCR Reviewer"
NEUTRAL_DATE = "2000-01-01T00:00:00Z"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

CORE_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    f"<dc:title>{NEUTRAL_TITLE}</dc:title><dc:creator></dc:creator>"
    "<cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>1</cp:revision>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{NEUTRAL_DATE}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{NEUTRAL_DATE}</dcterms:modified>'
    "</cp:coreProperties>"
)
APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)

_DROPPED = re.compile(
    r"^(?:docProps/thumbnail\.\w+|docProps/custom\.xml|customXml/.*|word/comments\w*\.xml|"
    r"word/people\.xml|word/commentsIds\.xml|word/commentsExtended\.xml|"
    r"word/commentsExtensible\.xml)$"
)
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*?/>")
_OVERRIDE = re.compile(r'<Override PartName="/([^"]+)"[^>]*/>')
_TARGET = re.compile(r'Target="([^"]+)"')
_REVISIONS = re.compile(
    r"<w:(?:ins|del|moveFrom|moveTo)\b[^>]*?(?:/>|>.*?</w:(?:ins|del|moveFrom|moveTo)>)", re.S
)
_ATTRIBUTE = re.compile(r'="([^"]*[A-Za-z][^"]*)"')
_SETTINGS_DROP = re.compile(
    r"<w:(?:savePreviewPicture|trackRevisions|attachedTemplate|documentProtection)\b[^>]*/>"
)


def _resolve(rels_name: str, target: str) -> str:
    base = rels_name.rsplit("/_rels/", 1)[0] if "/_rels/" in rels_name else ""
    parts = [p for p in (base.split("/") if base else [])]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts).lstrip("/")


def _keep_relationship(rels_name: str, relationship: str) -> bool:
    target = _TARGET.search(relationship)
    if target is None or 'TargetMode="External"' in relationship:
        return True
    return not _DROPPED.match(_resolve(rels_name, target.group(1)))


def _relationship_or_nothing(rels_name: str, match: re.Match[str]) -> str:
    return match.group(0) if _keep_relationship(rels_name, match.group(0)) else ""


def _core_xml(title: str) -> str:
    safe = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return CORE_XML.replace(f"<dc:title>{NEUTRAL_TITLE}</dc:title>", f"<dc:title>{safe}</dc:title>")


def normalise_docx(
    data: bytes,
    *,
    update_fields: bool = True,
    title: str = NEUTRAL_TITLE,
    streamed: Mapping[str, Callable[[bytes], Iterable[bytes]]] | None = None,
) -> bytes:
    """The DOCX with neutral properties and no hidden parts, in reproducible zip form.
    `title` is the document title in its properties (the report passes the review's
    pseudonymised title, which the anonymisation gate has read like the rest of the report).
    `streamed`: parts written as the pieces a function makes of them once neutral (a long
    appendix's rows streamed into word/document.xml), so no part is held whole."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    kept: dict[str, bytes] = {}
    for name, content in members.items():
        if _DROPPED.match(name):
            continue
        if name.endswith(".rels"):
            text = content.decode("utf-8")
            text = _RELATIONSHIP.sub(partial(_relationship_or_nothing, name), text)
            content = text.encode("utf-8")
        elif name == "[Content_Types].xml":
            text = content.decode("utf-8")
            text = _OVERRIDE.sub(lambda m: "" if _DROPPED.match(m.group(1)) else m.group(0), text)
            content = text.encode("utf-8")
        elif name == "docProps/core.xml":
            content = _core_xml(title).encode("utf-8")
        elif name == "docProps/app.xml":
            content = APP_XML.encode("utf-8")
        elif name == "word/settings.xml":
            text = _SETTINGS_DROP.sub("", content.decode("utf-8"))
            if update_fields and "<w:updateFields" not in text:
                # Word refreshes the contents (with page numbers) when the file is opened.
                text = text.replace(
                    "<w:defaultTabStop", '<w:updateFields w:val="true"/><w:defaultTabStop', 1
                )
            content = text.encode("utf-8")
        elif (
            name.startswith("word/")
            and name.endswith(".xml")
            and (b"<w:ins " in content or b"<w:del " in content or b"<w:moveFrom" in content)
        ):
            content = _REVISIONS.sub("", content.decode("utf-8")).encode("utf-8")
        kept[name] = content
    order = ["[Content_Types].xml", *sorted(n for n in kept if n != "[Content_Types].xml")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            pieces = (streamed or {}).get(name)
            if pieces is None:
                target.writestr(info, kept[name], compresslevel=6)
                continue
            with target.open(info, "w") as part:  # zlib's default level is 6 too
                for piece in pieces(kept.pop(name)):
                    part.write(piece)
    return out.getvalue()


def docx_parts_text(data: bytes) -> dict[str, str]:
    """Every part of a DOCX as readable text (XML tags dropped, paragraphs on their own lines),
    for the leak scan of what was actually written."""
    texts: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            raw = archive.read(info.filename)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                texts[info.filename] = raw.decode("latin-1")
                continue
            if info.filename.endswith((".xml", ".rels")):
                attributes = " ".join(_ATTRIBUTE.findall(text))
                text = re.sub(r"</w:p>|</w:tc>|<w:br/>|<w:tab/>", "\n", text)
                text = re.sub(r"<[^>]+>", "", text)
                text = (
                    text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", '"')
                    .replace("&apos;", "'")
                    .replace("&amp;", "&")
                )
                text += "\n" + attributes
            texts[info.filename] = text
    return texts


_PDF_SIGNATURES = (
    b"ReportLab Generated PDF document (opensource)",
    b"ReportLab generated PDF document -- digest (opensource)",
    b"ReportLab Generated PDF document http://www.reportlab.com",
    b"ReportLab generated PDF document -- digest (http://www.reportlab.com)",
)


def neutral_pdf(data: bytes) -> bytes:
    """The PDF without the library's signature comments. Each is overwritten with a neutral
    comment of exactly the same length, so every cross-reference offset stays right."""
    for signature in _PDF_SIGNATURES:
        data = data.replace(signature, b"PDF document".ljust(len(signature)))
    return data


#: The typesetter of the report for publication names itself and its version in the document
#: information and the XMP metadata (`exporters/publication_pdf.py`).
#: Only those two places: a title may hold the same words.
_TYPST = re.compile(
    rb"(?<=/Creator\()Typst \d+\.\d+\.\d+(?=\))"
    rb"|(?<=<xmp:CreatorTool>)Typst \d+\.\d+\.\d+(?=</xmp:CreatorTool>)"
)


def neutral_typst_pdf(data: bytes) -> bytes:
    """The Typst PDF with the typesetter's name replaced by the app's, padded to the same
    length, so every cross-reference offset stays right."""

    def neutral(match: re.Match[bytes]) -> bytes:
        return NEUTRAL_CREATOR.encode("ascii").ljust(len(match.group(0)))[: len(match.group(0))]

    return _TYPST.sub(neutral, data)
