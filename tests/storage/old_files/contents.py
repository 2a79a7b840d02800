"""What `make_old_files.py` wrote into the stored old files, as plain values.

The generator (run under the code of each old commit) and `tests/storage/test_old_files.py`
(run under today's code) both read this, so what is checked is exactly what was written. It is
frozen with the files: change it only when the files are made again. Everything here is
synthetic: no real person, place or case.

Enumerations are given by their stored values (`"scr"`, `"family"`…), dates as ISO text, and
references between records by name (an agency's position in AGENCIES, a person's pseudonym,
an entry's source), because ids are given out by each file.
"""

from __future__ import annotations

# The passphrase of every stored file (the test registers it with the secrets watcher).
PASSPHRASE = "old-file fixtures, synthetic only 2026"


def title(version: int) -> str:
    return f"Old file v{version}: Child Juniper (synthetic)"


REVIEW = {
    "review_type": "scr",
    "board": "Northshire Safeguarding Children Partnership (synthetic)",
    "methodology": "silp",
    "scope": ("2019-01-01", "2021-06-30"),
    "status": "gathering",
    "marking": "OFFICIAL",
    "terms_of_reference": "How agencies worked together for Child J — “quotes”, £5, café.",
    "created": "2026-11-26T09:30:00+00:00",
}

# -- version 2: agencies, the chronology, the subject child ---------------------------------------
AGENCIES = (
    ("Northshire Police (synthetic)", "police"),
    ("Northshire Health Visiting (synthetic)", "health-visiting"),
    ("Northshire Children's Social Care (synthetic)", "childrens-social-care"),
)
SUBJECT_DATE_OF_BIRTH = "2018-11-02"
SUBJECT_PSEUDONYM = "Child"  # what set_subject_date_of_birth gives the subject child

# Version 2's code wrote only the subject child to `person`; this row goes in by SQL (the
# version 2 columns), so version 3's ALTER TABLE meets a person row that is not the child.
V2_PERSON = {
    "role": "family",
    "real_name": "Alexandra Synthetic",
    "pseudonym": "Mother",
    "relationship": "Mother",
    "date_of_birth": "1991-04-05",
}

BATCH = {
    "agency": 0,
    "file_name": "police-chronology-synthetic.xlsx",
    "file_format": "xlsx",
    "sheet": "Chronology",
    "row_count": 2,
    "left_out": 1,
    "mapping": {"Date": "date", "Details": "event", "Officer": "practitioner"},
    "imported_at": "2026-11-26T09:40:00+00:00",
}

ENTRIES = (
    {
        "agency": 0,
        "in_batch": True,
        "start": "2019-03-01",
        "end": "2019-03-31",
        "precision": "month",
        "qualifier": "around",
        "original": "approx 03/2019",
        "time": None,
        "sequence": 0,
        "source": "Police log 101",
        "practitioner": "PC 12",
        "event": "Attended the address after a neighbour reported shouting.",
        "outcome": "Words of advice given.",
        "agency_comment": "",
        "comment": "First police contact in the scope period.",
        "flags": ("significant", "child-seen"),
        "row_number": 3,
        "original_row": (("Date", "approx 03/2019"), ("Details", "Attended the address…")),
        "people": (),  # an import links no one to its entries
    },
    {
        "agency": 0,
        "in_batch": True,
        "start": "2019-05-14",
        "end": "2019-05-14",
        "precision": "day",
        "qualifier": "on",
        "original": "14/05/2019",
        "time": "22:15",
        "sequence": 0,
        "source": "Police log 102",
        "practitioner": "PC 40",
        "event": "Call from Mother: a man would not leave the flat.",
        "outcome": "",
        "agency_comment": "",
        "comment": "",
        "flags": (),
        "row_number": 4,
        "original_row": (("Date", "14/05/2019"), ("Details", "Call from Mother…")),
        "people": (),
    },
    {
        "agency": 1,
        "in_batch": False,
        "start": "2019-06-10",
        "end": "2019-06-16",
        "precision": "week",
        "qualifier": "on",
        "original": "w/c 10/06/2019",
        "time": None,
        "sequence": 2,
        "source": "Health visiting record",
        "practitioner": "Health Visitor 1",
        "event": "Home visit; Child seen alone and said 'I like nursery'.",
        "outcome": "Follow-up in six weeks.",
        "agency_comment": "Visit within timescale.",
        "comment": "",
        "flags": ("seen-alone", "childs-words", "disputed"),
        "row_number": None,
        "original_row": (),
        "people": ("Child", "Mother"),
    },
    {
        "agency": 2,
        "in_batch": False,
        "start": None,
        "end": None,
        "precision": "unknown",
        "qualifier": "on",
        "original": "date not recorded",
        "time": None,
        "sequence": 0,
        "source": "Children's social care case note",
        "practitioner": "",
        "event": "Referral recorded; no further action.",
        "outcome": "",
        "agency_comment": "",
        "comment": "Date missing from the agency's record.",
        "flags": (),
        "row_number": None,
        "original_row": (),
        "people": ("Child",),
    },
)
# Two entries (by source) judged not to be the same event, and the matcher's score.
SAME_EVENT = ("Police log 101", "Police log 102", "dismissed", 0.42)

# -- version 3: people, agencies' involvement, identifiers, conversations, episodes, findings -----
PEOPLE = (  # saved through the version 3 repository (the subject child comes from version 2)
    {
        "kind": "family",
        "pseudonym": "Mother",
        "real_name": "Alexandra Synthetic",
        "other_names": ("Alex S",),
        "relationship": "Mother",
        "date_of_birth": "1991-04-05",
        "agency": None,
        "job_title": "",
        "team": "",
        "language": "Polish",
        "interpreter": True,
        "access_needs": "Prefers morning appointments.",
        "contact_preferences": "Text first.",
        "involvement": "taking-part",
        "not_involved_reason": "",
        "address": "1 Example Row, Northshire",
        "postcode": "ZZ1 1ZZ",
        "phone": "07700 900000",
        "nhs_number": "",
    },
    {
        "kind": "practitioner",
        "pseudonym": "Health Visitor 1",
        "real_name": "Sam Placeholder",
        "other_names": (),
        "relationship": "",
        "date_of_birth": None,
        "agency": 1,
        "job_title": "Health visitor",
        "team": "North team",
        "language": "",
        "interpreter": False,
        "access_needs": "",
        "contact_preferences": "",
        "involvement": "invited",
        "not_involved_reason": "",
        "address": "",
        "postcode": "",
        "phone": "",
        "nhs_number": "",
    },
)
INVOLVEMENT = {
    "person": "Mother",
    "step": "consent",
    "date": "2026-02-03",
    "note": "Consent by telephone.",
    "how_used": "Shaped the questions for the panel.",
}
AGENCY_DETAILS = {
    "agency": 0,
    "involvement": "chronology-and-agency-report",
    "records_secured": "2026-01-05",
    "chronology": ("2026-01-06", "2026-02-06", "2026-02-01"),
    "agency_report": ("2026-01-06", "2026-03-06", None),
    "contact": "Detective Sergeant (synthetic)",
}
IDENTIFIER = {
    "kind": "school",
    "text": "Juniper Primary School (synthetic)",
    "replacement": "a primary school",
}
GUIDE = {
    "key": "synthetic-guide",
    "title": "Synthetic guide",
    "questions": (("q1", "What went well?"), ("q2", "What got in the way?")),
}
CONVERSATION = {
    "kind": "practitioner-conversation",
    "title": "Conversation with Health Visitor 1",
    "date": "2026-03-10",
    "mode": "video",
    "participants": ("Health Visitor 1",),
    "consent_notes": "Agreed to notes being kept.",
    "support_notes": "Manager available afterwards.",
    "guide_key": "synthetic-guide",
    "record": (("q1", "What went well?", "Regular visits."),),
    "notes": "Short notes.",
    "transcript": "Synthetic transcript text.",
    "transcript_name": "conversation-notes.docx",
}
EPISODE = {
    "title": "Missed follow-up after the home visit",
    "start": "2019-06-10",
    "end": "2019-07-31",
    "narrative": "The six-week follow-up did not happen.",
    "perspectives": (("Mother", "Nobody came back.", "Mother"),),
    "factors": (("team", "Handover between teams."),),
    "appraisal": "mixed",
    "reasoning": "Good visit, weak follow-up.",
    "safeguards": ("Supervision",),
    "entries": ("Health visiting record", "Police log 102"),
}
PASSAGE = {
    "text": "We never heard back from the other team.",
    "themes": ("handover",),
    "entries": ("Health visiting record",),
    "episodes": True,  # linked to EPISODE
}
FINDING = {
    "statement": "Follow-up visits depend on one practitioner remembering.",
    "category": "tools",
    "how_it_showed": "The follow-up was missed.",
    "systemic_evidence": "Other teams said the same.",
    "why_it_matters": "Children can drop out of sight.",
    "board_questions": "How does the board know follow-ups happen?",
    "recommendations": "",
    "priority": "high",
    "theme": "Follow-up",
    "journey_stage": "",
    "entries": ("Police log 101",),
    "episodes": True,  # linked to EPISODE
    "passages": True,  # linked to PASSAGE
}

# -- version 4: quality markers, the timetable and delays -----------------------------------------
MARKER_SET = "nspcc-scie-2016"
MARKER = (1, "in-progress", "Terms agreed with the panel.")
PROMPT = (1, "a", "addressed", "Family told in writing.")
EVIDENCE = (1, "finding", "Finding: follow-up visits", "a")  # marker, kind, label, prompt
MILESTONES = (
    ("terms-of-reference", "2026-01-20", None, False, "Agreed at panel."),
    ("publication", None, None, True, ""),
)
DELAY = {
    "recorded_on": "2026-03-01",
    "reason": "Agency report late.",
    "milestone": "first-draft",
    "revised_date": "2026-04-15",
    "board_told": True,
    "board_told_on": "2026-03-02",
}

# -- version 5: the review's log ------------------------------------------------------------------
LOG = ("2026-03-05T10:00:00+00:00", "anonymisation-override", "docx", 2)

# -- version 6: a learning note attached to the review --------------------------------------------
ATTACHED_NOTE = {
    "uid": "0123456789abcdef0123456789abcdef",
    "version": 2,
    "title": "Hindsight bias (synthetic note)",
    "body": "Judge decisions by what was known *then*.",
    "event": "Masterclass 3 (synthetic)",
    "held_on": "2025-10-01",
    "facilitator": "Facilitator A",
    "tags": ("hindsight",),
    "attachments": (("handout.txt", b"synthetic handout", "text/plain"),),
    "targets": (("finding", None), ("marker", 3)),  # the finding is FINDING
    "in_report": False,
    "attached_at": "2026-03-07T12:00:00+00:00",
}

# -- the learning library, version 1 --------------------------------------------------------------
LIBRARY_NOTES = (
    {
        "uid": "fedcba9876543210fedcba9876543210",
        "version": 3,
        "title": "Supervision that helps (synthetic note)",
        "body": "Reflective supervision notes.",
        "event": "Masterclass 1 (synthetic)",
        "held_on": "2025-06-12",
        "facilitator": "Facilitator B",
        "tags": ("reflection", "supervision"),  # the library gives tags back in this order
        "attachments": (
            ("diagram.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
        ),
    },
    {
        "uid": "00000000000000000000000000000001",
        "version": 1,
        "title": "A note with nothing else",
        "body": "",
        "event": "",
        "held_on": None,
        "facilitator": "",
        "tags": (),
        "attachments": (),
    },
)
