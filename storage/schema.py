"""SQLAlchemy Core tables mirroring the migrated schema (queries only; DDL lives in migrations).

The DDL in the migration steps is what files hold, frozen once released; these tables say the
same in Python for queries, with their indexes and unique columns. `tests/storage/
test_schema_drift.py` builds a new file through the migrations and fails if the two differ in a
table, column, type, NOT NULL, primary key, foreign key, index or unique constraint. (Defaults,
CHECKs and collations live in the DDL only: repositories always give every value.)
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)

metadata = MetaData()

review = Table(
    "review",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("review_type", Text, nullable=False),
    Column("board", Text, nullable=False),
    Column("methodology", Text, nullable=False),
    Column("scope_start", Text),
    Column("scope_end", Text),
    Column("status", Text, nullable=False),
    Column("marking", Text, nullable=False),
    Column("terms_of_reference", Text, nullable=False),
    Column("created", Text, nullable=False),
)

agency = Table(
    "agency",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("agency_type", Text, nullable=False),
)

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role", Text, nullable=False),
    Column("real_name", Text, nullable=False),
    Column("pseudonym", Text, nullable=False),
    Column("relationship", Text, nullable=False),
    Column("date_of_birth", Text),
    Column("is_subject", Integer, nullable=False),
)

import_batch = Table(
    "import_batch",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id"), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("file_format", Text, nullable=False),
    Column("sheet", Text),
    Column("imported_at", Text, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("left_out", Integer, nullable=False),
    Column("mapping", Text, nullable=False),
)

chronology_entry = Table(
    "chronology_entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id"), nullable=False),
    Column("batch_id", Integer, ForeignKey("import_batch.id")),
    Column("date_start", Text),
    Column("date_end", Text),
    Column("date_precision", Text, nullable=False),
    Column("date_qualifier", Text, nullable=False),
    Column("date_original", Text, nullable=False),
    Column("time", Text),
    Column("sequence", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("practitioner", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("agency_comment", Text, nullable=False),
    Column("comment", Text, nullable=False),
    Column("flags", Integer, nullable=False),
    Column("row_number", Integer),
    Column("original_row", Text, nullable=False),
    # What the whole chronology is listed from (a covering index: `chronology_overview_index`).
    Index(
        "ix_entry_overview",
        "date_start",
        "date_end",
        "time",
        "sequence",
        "agency_id",
        "date_precision",
        "date_qualifier",
        "flags",
    ),
    Index("ix_entry_agency", "agency_id"),
    Index("ix_entry_batch", "batch_id"),
)

entry_person = Table(
    "entry_person",
    metadata,
    Column("entry_id", Integer, ForeignKey("chronology_entry.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), primary_key=True),
)

same_event = Table(
    "same_event",
    metadata,
    Column("entry_a", Integer, ForeignKey("chronology_entry.id"), primary_key=True),
    Column("entry_b", Integer, ForeignKey("chronology_entry.id"), primary_key=True),
    Column("status", Text, nullable=False),
    Column("score", Float, nullable=False),
)

# -- version 3: people, conversations, key practice episodes and findings ----------------------
person.append_column(Column("other_names", Text, nullable=False))
person.append_column(Column("job_title", Text, nullable=False))
person.append_column(Column("agency_id", Integer, ForeignKey("agency.id")))
person.append_column(Column("team", Text, nullable=False))
person.append_column(Column("language", Text, nullable=False))
person.append_column(Column("interpreter", Integer, nullable=False))
person.append_column(Column("access_needs", Text, nullable=False))
person.append_column(Column("contact_preferences", Text, nullable=False))
person.append_column(Column("involvement", Text, nullable=False))
person.append_column(Column("not_involved_reason", Text, nullable=False))
person.append_column(Column("address", Text, nullable=False))
person.append_column(Column("postcode", Text, nullable=False))
person.append_column(Column("phone", Text, nullable=False))
person.append_column(Column("nhs_number", Text, nullable=False))
Index("ix_entry_person_person", entry_person.c.person_id)

agency_detail = Table(
    "agency_detail",
    metadata,
    Column("agency_id", Integer, ForeignKey("agency.id"), primary_key=True),
    Column("involvement", Text, nullable=False),
    Column("records_secured", Text),
    Column("chronology_requested", Text),
    Column("chronology_due", Text),
    Column("chronology_received", Text),
    Column("report_requested", Text),
    Column("report_due", Text),
    Column("report_received", Text),
    Column("contact", Text, nullable=False),
)

involvement_event = Table(
    "involvement_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False),
    Column("step", Text, nullable=False),
    Column("date", Text),
    Column("note", Text, nullable=False),
    Column("how_used", Text, nullable=False),
    Index("ix_involvement_person", "person_id"),
)

case_identifier = Table(
    "case_identifier",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("replacement", Text, nullable=False),
)

conversation_guide = Table(
    "conversation_guide",
    metadata,
    Column("key", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("questions", Text, nullable=False),
    Column("position", Integer, nullable=False),
)

conversation = Table(
    "conversation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("date", Text),
    Column("mode", Text, nullable=False),
    Column("consent_notes", Text, nullable=False),
    Column("support_notes", Text, nullable=False),
    Column("guide_key", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("transcript", Text, nullable=False),
    Column("transcript_name", Text, nullable=False),
)

conversation_person = Table(
    "conversation_person",
    metadata,
    Column("conversation_id", Integer, ForeignKey("conversation.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), primary_key=True),
)

passage = Table(
    "passage",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", Integer, ForeignKey("conversation.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("themes", Text, nullable=False),
    Index("ix_passage_conversation", "conversation_id"),
)

key_episode = Table(
    "key_episode",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("date_start", Text),
    Column("date_end", Text),
    Column("narrative", Text, nullable=False),
    Column("perspectives", Text, nullable=False),
    Column("factors", Text, nullable=False),
    Column("appraisal", Text, nullable=False),
    Column("reasoning", Text, nullable=False),
    Column("safeguards", Text, nullable=False),
)

finding = Table(
    "finding",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("statement", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("how_it_showed", Text, nullable=False),
    Column("systemic_evidence", Text, nullable=False),
    Column("why_it_matters", Text, nullable=False),
    Column("board_questions", Text, nullable=False),
    Column("recommendations", Text, nullable=False),
    Column("priority", Text, nullable=False),
    Column("theme", Text, nullable=False),
    Column("journey_stage", Text, nullable=False),
)


def _link(name: str, a: str, a_table: str, b: str, b_table: str) -> Table:
    return Table(
        name,
        metadata,
        Column(a, Integer, ForeignKey(f"{a_table}.id"), primary_key=True),
        Column(b, Integer, ForeignKey(f"{b_table}.id"), primary_key=True),
    )


passage_entry = _link("passage_entry", "passage_id", "passage", "entry_id", "chronology_entry")
passage_episode = _link("passage_episode", "passage_id", "passage", "episode_id", "key_episode")
episode_entry = _link("episode_entry", "episode_id", "key_episode", "entry_id", "chronology_entry")
finding_episode = _link("finding_episode", "finding_id", "finding", "episode_id", "key_episode")
finding_entry = _link("finding_entry", "finding_id", "finding", "entry_id", "chronology_entry")
finding_passage = _link("finding_passage", "finding_id", "finding", "passage_id", "passage")
Index("ix_passage_entry_entry", passage_entry.c.entry_id)
Index("ix_episode_entry_entry", episode_entry.c.entry_id)
Index("ix_finding_entry_entry", finding_entry.c.entry_id)

# -- schema version 4: quality markers, the timetable and the delay log --------------------------
quality_settings = Table(
    "quality_settings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("marker_set", Text, nullable=False),
)

quality_marker = Table(
    "quality_marker",
    metadata,
    Column("marker_set", Text, primary_key=True),
    Column("marker", Integer, primary_key=True),
    Column("status", Text, nullable=False),
    Column("notes", Text, nullable=False),
)

quality_prompt = Table(
    "quality_prompt",
    metadata,
    Column("marker_set", Text, primary_key=True),
    Column("marker", Integer, primary_key=True),
    Column("prompt", Text, primary_key=True),
    Column("status", Text, nullable=False),
    Column("notes", Text, nullable=False),
)

quality_evidence = Table(
    "quality_evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("marker_set", Text, nullable=False),
    Column("marker", Integer, nullable=False),
    Column("prompt", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("ref", Text, nullable=False),
    Column("label", Text, nullable=False),
    Index("ix_quality_evidence_marker", "marker_set", "marker"),
    Index("ix_quality_evidence_target", "kind", "ref"),
)

milestone = Table(
    "milestone",
    metadata,
    Column("kind", Text, primary_key=True),
    Column("done_on", Text),
    Column("due_override", Text),
    Column("not_applicable", Integer, nullable=False),
    Column("note", Text, nullable=False),
)

delay = Table(
    "delay",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("milestone", Text),
    Column("recorded_on", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("revised_date", Text),
    Column("board_told", Integer, nullable=False),
    Column("board_told_on", Text),
    Column("panel_told_on", Text),  # the lifecycle step (migration_steps/lifecycle.py)
)

review_log = Table(
    "review_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Index("review_log_kind", "kind", "at"),
)

# -- schema version 6: learning notes attached to the review -------------------------------------
attached_note = Table(
    "attached_note",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("original_uid", Text, nullable=False, unique=True),
    Column("original_version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("held_on", Text),
    Column("facilitator", Text, nullable=False),
    Column("tags", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("in_report", Integer, nullable=False),
    Column("attached_at", Text, nullable=False),
)

attached_note_target = Table(
    "attached_note_target",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("attached_note_id", Integer, ForeignKey("attached_note.id"), nullable=False),
    Column("finding_id", Integer, ForeignKey("finding.id")),
    Column("episode_id", Integer, ForeignKey("key_episode.id")),
    Column("marker", Integer),
    Index("ix_attached_note_target", "attached_note_id"),
)


def attached_files(name: str, meta: MetaData, owner: str, owner_table: str, *, index: str) -> Table:
    """A table of files attached to a note: the review's copies here, and the learning
    library's own (`storage/learning_library.py`) have this one shape (see
    `storage/migration_steps/attached_files.py` for their DDL)."""
    return Table(
        name,
        meta,
        Column("id", Integer, primary_key=True),
        Column(owner, Integer, ForeignKey(f"{owner_table}.id"), nullable=False),
        Column("position", Integer, nullable=False),
        Column("name", Text, nullable=False),
        Column("media_type", Text, nullable=False),
        Column("data", LargeBinary, nullable=False),
        Index(index, owner),
    )


attached_note_file = attached_files(
    "attached_note_file",
    metadata,
    "attached_note_id",
    "attached_note",
    index="ix_attached_note_file",
)

anonymisation_decision = Table(
    "anonymisation_decision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("form", Text, nullable=False),
    Column("pseudonym", Text, nullable=False),
    Column("context", Text, nullable=False),
    Column("made", Text, nullable=False),
)


def key_derivation_table(meta: MetaData) -> Table:
    """How the file's key is derived (version 8; the learning library's version 2): the same
    shape in a review and in the library (DDL in `storage/migration_steps/v8_key_derivation.py`)."""
    return Table(
        "key_derivation",
        meta,
        Column("id", Integer, primary_key=True),
        Column("profile", Integer, nullable=False),
        Column("algorithm", Text, nullable=False),
        Column("memory_kib", Integer, nullable=False),
        Column("passes", Integer, nullable=False),
        Column("lanes", Integer, nullable=False),
        Column("passphrase_form", Text, nullable=False),
        Column("unshown_code", Text),
        Column("change_key", Text),
        Column("change_profile", Integer),
        Column("change_form", Text),
    )


key_derivation = key_derivation_table(metadata)

# -- version 9: the rapid review sent to the national Panel --------------------------------------
rapid_review = Table(
    "rapid_review",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("facts", Text, nullable=False),
    Column("immediate_action", Text, nullable=False),
    Column("agency_learning", Text, nullable=False),
    Column("criteria_met", Text, nullable=False),
    Column("decision", Text, nullable=False),
    Column("decision_reasons", Text, nullable=False),
    Column("national_importance", Text, nullable=False),
    Column("national_reasons", Text, nullable=False),
    Column("sent_to_panel", Text),
)


# -- version 10: the lead reviewer, circulation, passages marked for the report ----------------
review.append_column(Column("lead_reviewer", Text, nullable=False))
review.append_column(Column("circulation", Text, nullable=False))
passage.append_column(Column("use_in_report", Integer, nullable=False))

# -- version 11: chronology requests sent to agencies (migration_steps/chronology_requests.py) --
chronology_request = Table(
    "chronology_request",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id"), nullable=False),
    Column("reference", Text, nullable=False, unique=True),
    Column("requested_on", Text, nullable=False),
    Column("due_on", Text),
    Column("received_on", Text),
    Column("received_batch", Integer, ForeignKey("import_batch.id", ondelete="SET NULL")),
    Index("chronology_request_agency", "agency_id"),
)

# -- version 12: the lifecycle (migration_steps/lifecycle.py): drafts, responses, actions --
draft_circulation = Table(
    "draft_circulation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("sent_on", Text, nullable=False),
    Column("sent_to", Text, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("note", Text, nullable=False),
)
draft_comment = Table(
    "draft_comment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("from_name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("said", Text, nullable=False),
    Column("passage", Text, nullable=False),
    Column("paragraph", Text, nullable=False),
    Column("made_on", Text),
    Column("received_on", Text, nullable=False),
    Column("response", Text, nullable=False),
    Column("draft_changed", Integer, nullable=False),
)
sign_off = Table(
    "sign_off",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("signatory", Text, nullable=False),
    Column("signed_on", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("version", Integer),
    Column("note", Text, nullable=False),
)
publication = Table(
    "publication",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("published_on", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("version", Integer),
    Column("note", Text, nullable=False),
)
plan_action = Table(
    "plan_action",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("finding_id", Integer, ForeignKey("finding.id", ondelete="SET NULL")),
    Column("improvement", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("owner_agency", Text, nullable=False),
    Column("due", Text),
    Column("status", Text, nullable=False),
    Column("evidence_of_impact", Text, nullable=False),
    Column("completed_on", Text),
)
partners_response = Table(
    "partners_response",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("received_on", Text),
)
finding_evidence = Table(
    "finding_evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("finding_id", Integer, ForeignKey("finding.id", ondelete="CASCADE"), nullable=False),
    Column("title", Text, nullable=False),
    Column("year", Integer),
    Column("partnership", Text, nullable=False),
    Column("review_type", Text, nullable=False),
    Column("page", Integer, nullable=False),
    Column("section", Text, nullable=False),
    Column("passage", Text, nullable=False),
    Column("library_report_id", Integer),
    Column("library_passage_id", Integer),
    Index("ix_finding_evidence_finding", "finding_id"),
)

# -- version 14: the report's narrative text (migration_steps/report_sections.py) ----------------
report_section = Table(
    "report_section",
    metadata,
    Column("key", Text, primary_key=True),
    Column("text", Text, nullable=False),
)
