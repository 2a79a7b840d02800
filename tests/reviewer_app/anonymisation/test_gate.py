"""The anonymisation gate's two halves: pseudonyms applied (whole names only), then the scan."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewer_app.anonymisation import (
    Action,
    CaseIdentifier,
    Decision,
    DecisionKind,
    HitKind,
    IdentifierKind,
    KnownIdentity,
    LeakScanner,
    Pseudonymiser,
    PseudonymRegister,
    TextPiece,
)

# The register of the security review's test 7 (../shared/reviews/security.md).
CHILD = KnownIdentity(
    "Child M",
    "Jane Smith-Jones",
    date_of_birth=dt.date(2013, 4, 17),
    address="12 Acacia Avenue, Northtown",
    postcode="NT4 9QZ",
    nhs_number="943 476 5919",
)
MOTHER = KnownIdentity("Mother", "Mary-Ann O'Brien", other_names=("Mary Pike",))
FATHER = KnownIdentity("Father", "Kieran Van der Berg", phone="07700 900123")
HEALTH_VISITOR = KnownIdentity("Health Visitor 1", "Priya Nandra")
GP = CaseIdentifier(IdentifierKind.GP_PRACTICE, "Riverside Medical Practice", "the GP practice")
SCHOOL = CaseIdentifier(IdentifierKind.SCHOOL, "St Anne's Primary School", "the primary school")
REGISTER = PseudonymRegister((CHILD, MOTHER, FATHER, HEALTH_VISITOR), (GP, SCHOOL))

swap = Pseudonymiser(REGISTER).apply
scanner = LeakScanner(REGISTER, unregistered=True)


def gate(text: str) -> tuple[str, list[str]]:
    """What the report would say, and what the scan still finds in it."""
    out = swap(text)
    return out, [hit.found for hit in scanner.scan_text(out)]


# -- test 7's 33 forms ---------------------------------------------------------------------------

#: (form planted, what the pseudonymiser may make of it: None = it must block)
REPLACED = [
    ("Jane Smith-Jones", "Child M"),
    ("Jane's", "Child M's"),
    ("JANE SMITH-JONES", "Child M"),
    ("Jane", "Child M"),
    ("Smith-Jones", "Child M"),
    ("Mary-Ann", "Mother"),
    ("O'Brien", "Mother"),
    ("O’Brien", "Mother"),
    ("Mary Pike", "Mother"),
    ("Van der Berg", "Father"),
    ("Kieran", "Father"),
    ("Jane\nSmith-Jones", "Child M"),
    ("Jane  Smith-Jones", "Child M"),
    ("Jane\u00a0Smith-Jones", "Child M"),
    ("OBrien", "Mother"),  # leaked before: apostrophe dropped
    ("Smith-\nJones", "Child M"),  # leaked before: broken at its hyphen over a line
    ("Ja\u200bne Smi\u200bth-Jones", "Child M"),  # leaked before: zero-width spaces
]
BLOCKED = [
    "17/04/2013",
    "17th April 2013",
    "17 April 2013",
    "17.04.13",
    "2013-04-17",
    "NT4 9QZ",
    "nt49qz",
    "NT49QZ",
    "12 Acacia Avenue",
    "943 476 5919",
    "9434765919",
    "943-476-5919",
    "Mrs Smith",  # leaked before: one half of a double-barrelled surname
    "J.S-J.",  # leaked before: initials
    "JSJ",  # leaked before: initials
    "Dr Priya Ramaswamy",  # leaked before, and was spliced: "Dr Health Visitor 1 Ramaswamy"
]


#: Look-alike letters from other scripts inside a registered name: a whole name still becomes
#: the pseudonym (the replacement lands on the letters as written), a part still blocks.
LOOKALIKE_REPLACED = [
    ("J\u0430ne Smith-Jones", "Child M"),  # Cyrillic а
    ("\u041cary-Ann O'Brien", "Mother"),  # Cyrillic М
    ("\u03a1riya \u039dandra", "Health Visitor 1"),  # Greek Ρ and Ν
    ("Kier\u0430n", "Father"),
]
LOOKALIKE_BLOCKED = ["Mrs Sm\u0456th", "J\u0430ne Smith attended"]


def test_the_forms_are_the_33_of_the_security_review() -> None:
    assert len(REPLACED) + len(BLOCKED) == 33


@pytest.mark.parametrize(("form", "pseudonym"), REPLACED + LOOKALIKE_REPLACED)
def test_a_whole_name_in_any_form_becomes_the_pseudonym(form: str, pseudonym: str) -> None:
    out, found = gate(f"Note: {form} was seen.")
    assert out == f"Note: {pseudonym} was seen."
    assert found == []


@pytest.mark.parametrize("form", BLOCKED + LOOKALIKE_BLOCKED)
def test_a_part_of_a_name_or_a_detail_blocks_and_is_never_rewritten(form: str) -> None:
    text = f"Note: {form} was seen."
    out, found = gate(text)
    assert out == text  # never a splice
    assert len(found) == 1
    assert found[0] in form or form.endswith(found[0])


def test_the_unregistered_practitioner_is_not_spliced_and_is_reported_whole() -> None:
    out, _ = gate("Dr Priya Ramaswamy visited.")
    assert out == "Dr Priya Ramaswamy visited."
    (hit,) = scanner.scan_text(out)
    assert hit.found == "Priya Ramaswamy"
    assert Action.ADD_TO_REGISTER in hit.actions and Action.REPLACE in hit.actions
    assert "inside a longer name" in hit.form
    assert hit.pseudonyms == ("Health Visitor 1",)


def test_a_shortened_case_identifier_blocks_and_the_whole_one_is_replaced() -> None:
    assert gate("Registered at Riverside Medical Practice.") == (
        "Registered at the GP practice.",
        [],
    )
    out, found = gate("Registered at Riverside Medical.")
    assert found == ["Riverside Medical"]
    (hit,) = scanner.scan_text(out)
    assert hit.kind is HitKind.GP_PRACTICE and hit.form == "shortened case identifier"
    assert gate("Attends St. Anne’s.")[1] == ["St. Anne’s"]
    assert gate("She attends Saint Anne's Primary School.")[0] == "She attends the primary school."
    assert gate("Riverside Medical Practice was told.")[0] == "The GP practice was told."


@pytest.mark.parametrize(
    "text",
    [
        "Vanderberg said",
        "Mr Van Der Berg's car",
        "Mrs O Brien attended",
        "MARY-ANN was present",
        "Miss Smith-Jones",
    ],
)
def test_particles_titles_and_case_are_whole_names(text: str) -> None:
    out, found = gate(text)
    assert found == [] and out != text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Jane Smith attended", ["Jane Smith"]),  # half a surname next to the given name
        ("J. Smith-Jones attended", ["Smith-Jones"]),  # an initial: someone else?
        ("Jane-Marie attended", ["Jane"]),  # a longer given name
        ("Berg attended", ["Berg"]),  # the surname without its particle
        ("Jane Kowalski attended", ["Jane Kowalski"]),  # a surname we do not know
    ],
)
def test_a_registered_name_inside_a_longer_name_blocks(text: str, found: list[str]) -> None:
    out, hits = gate(text)
    assert out == text
    assert hits == found


def test_a_name_shared_by_two_people_is_left_for_the_reviewer() -> None:
    register = PseudonymRegister(
        (
            KnownIdentity("Mother", "Philippa Quartermaine"),
            KnownIdentity("Child", "Tobias Quartermaine"),
        )
    )
    assert Pseudonymiser(register).apply("Ms Quartermaine arrived") == "Ms Quartermaine arrived"
    (hit,) = LeakScanner(register).scan_text("Ms Quartermaine arrived")
    assert hit.found == "Quartermaine"
    assert hit.pseudonyms == ("Mother", "Child")
    assert "Quartermaine" not in hit.describe(with_text=False)  # never echoes the real text


def test_a_name_that_is_an_everyday_word_needs_its_capital_and_a_place_in_a_sentence() -> None:
    register = PseudonymRegister((KnownIdentity("Sibling", "Will Hope Green"),))
    swap = Pseudonymiser(register).apply
    scan = LeakScanner(register).scan_text
    assert scan("staff will call; there is hope of green space") == []
    assert swap("Then Will said he would call") == "Then Sibling said he would call"
    # At the start of a sentence the capital says nothing: the scan asks, nothing is rewritten.
    assert swap("Will the board ask?") == "Will the board ask?"
    (hit,) = scan("Will the board ask?")
    assert Action.NOT_A_NAME in hit.actions and "everyday word" in hit.form
    assert scan("Seen on 3 May 2014 and in May 2015") == []


def test_the_apps_own_words_are_not_read_for_everyday_names_or_possible_names() -> None:
    register = PseudonymRegister(
        (
            KnownIdentity("Practitioner 1", "Mark Taylor"),
            KnownIdentity("Practitioner 2", "Hope Ellis"),
            KnownIdentity("Practitioner 3", "Grace Adebayo"),
            KnownIdentity("Practitioner 4", "Will Jones"),
        )
    )
    scan = LeakScanner(register, unregistered=True).scan_pieces
    prompt = "For the reviewer: Mark them in the Chronology. Will the board… Grace. Hope. Priya."
    assert scan([TextPiece("7. Findings", "note 1", prompt, written=())]) == []
    # The same words written by the reviewer are asked about.
    found = [h.found for h in scan([TextPiece("7. Findings", "paragraph 1", prompt)])]
    assert found == ["Mark", "Will", "Grace", "Hope", "Priya"]
    # And a registered name that is not an everyday word is caught in the app's words too.
    assert [h.found for h in scan([TextPiece("x", "", "Adebayo", written=())])] == ["Adebayo"]


def test_written_spans_limit_what_counts_as_the_reviewers() -> None:
    scan = LeakScanner(REGISTER, unregistered=True).scan_pieces
    text = "Key practice episode 1: Olivia was seen"
    assert [h.found for h in scan([TextPiece("6", "", text, written=((24, len(text)),))])] == [
        "Olivia"
    ]
    assert scan([TextPiece("6", "", text, written=((0, 20),))]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dr Ramaswamy visited",
        "seen by Nurse Okonkwo",
        "PC Kowalczyk attended",
        "MRS ADEYEMI called",
        "Priya was present",
        "Olivia's teacher called",
        "QZVMKRN0 Mia Ashworth",
    ],
)
def test_unregistered_names_are_possible_names(text: str) -> None:
    hits = LeakScanner(PseudonymRegister(), unregistered=True).scan_text(text)
    assert [h.kind for h in hits] == [HitKind.POSSIBLE_NAME]
    assert hits[0].actions == (Action.ADD_TO_REGISTER, Action.NOT_A_NAME)


@pytest.mark.parametrize(
    "text",
    [
        "The Nurse Practitioner said Mr K was seen by the Health Visitor.",
        "Hope was expressed in March. May said nothing. Children's Social Care, Police, GP.",
        "The MASH and NHS and CAMHS met; the ICPC was held on Monday.",
        "Devon",
        "Will the board",
    ],
)
def test_ordinary_words_and_pseudonyms_are_not_possible_names(text: str) -> None:
    register = PseudonymRegister((KnownIdentity("Mr K", ""), KnownIdentity("Health Visitor", "")))
    decided = PseudonymRegister(
        register.identities, decisions=(Decision(DecisionKind.NOT_A_NAME, "devon"),)
    )
    assert LeakScanner(decided, unregistered=True).scan_text(text) == []


def test_decisions_hold_where_they_were_made() -> None:
    context = scanner.scan_text("Will the board ask?")  # no Will registered here: nothing
    assert context == []
    register = PseudonymRegister((KnownIdentity("Sibling", "Will Green"),))
    hit, _ = LeakScanner(register).scan_text("Will the board ask? Will said no.")
    here = Decision(DecisionKind.NOT_A_NAME, hit.key, context=hit.context_key)
    decided = PseudonymRegister(register.identities, decisions=(here,))
    assert [
        h.found for h in LeakScanner(decided).scan_text("Will the board ask? Will said no.")
    ] == ["Will"]
    same = Decision(DecisionKind.SAME_AS, "mrs smith", pseudonym="Mother")
    linked = PseudonymRegister(REGISTER.identities, REGISTER.identifiers, (same,))
    assert Pseudonymiser(linked).apply("Mrs Smith called") == "Mother called"


def test_other_recorded_details_are_found() -> None:
    text = (
        "Lives at 12 acacia avenue (NT49QZ), tel 07700900123, NHS 9434765919; registered at "
        "Riverside Medical; attends St Anne's Primary."
    )
    assert [h.kind for h in scanner.scan_text(text)] == [
        HitKind.ADDRESS,
        HitKind.POSTCODE,
        HitKind.PHONE,
        HitKind.NHS_NUMBER,
        HitKind.GP_PRACTICE,
        HitKind.SCHOOL,
    ]
    assert [h.kind for h in scanner.scan_text("call +44 (0)7700 900 123")] == [HitKind.PHONE]


def test_generic_shapes_are_found_without_a_register() -> None:
    scan = LeakScanner(PseudonymRegister()).scan_text
    found = {
        h.kind
        for h in scan(
            "DOB: 03/02/2015. Moved to 4 Mill Lane, AB1 2DE; mobile 07911 123456; NHS 943 476 5919."
        )
    }
    assert found == {
        HitKind.DATE_OF_BIRTH,
        HitKind.ADDRESS,
        HitKind.POSTCODE,
        HitKind.PHONE,
        HitKind.NHS_NUMBER,
    }
    # Ten digits that fail the NHS check digit, an incident number and a time are not flagged.
    assert scan("Incident log 14/123 at 23:10, ref 1234567890") == []


def test_a_hit_says_where_it_is_the_form_and_the_actions_without_the_text() -> None:
    hit = LeakScanner(REGISTER).scan_text(
        "A long sentence before Mrs Smith went to nursery.", "4. Findings", "paragraph 2"
    )[0]
    assert (hit.section, hit.block, hit.found) == ("4. Findings", "paragraph 2", "Smith")
    assert "Mrs Smith went to nursery" in hit.context
    described = hit.describe(with_text=False)
    assert described.startswith("4. Findings — paragraph 2: the part of a surname recorded")
    assert "[part of a surname" in described
    assert described.endswith("replace with pseudonym “Child M”; not a name")
    assert "Smith" not in described


def test_a_title_recorded_with_a_name_is_not_part_of_it() -> None:
    register = PseudonymRegister(
        (KnownIdentity("ED Doctor 1", "Dr Samuel Reyes"), KnownIdentity("HV 1", "Priya Nandra"))
    )
    assert (
        Pseudonymiser(register).apply("Dr Reyes and Dr Samuel Reyes")
        == "ED Doctor 1 and ED Doctor 1"
    )
    (hit,) = LeakScanner(register, unregistered=True).scan_text("Dr Priya Ramaswamy visited")
    assert hit.pseudonyms == ("HV 1",)


# -- more forms, found after the security review ---------------------------------------------------

#: The child's date of birth (17 April 2013) written month first, or year first with slashes.
MONTH_FIRST = [
    "april 17, 2013",
    "april the 17th, 2013",
    "apr. 17th 2013",
    "4/17/2013",
    "04/17/13",
    "04.17.2013",
    "2013/04/17",
    "2013.4.17",
]


@pytest.mark.parametrize("form", MONTH_FIRST)
def test_a_date_of_birth_written_month_first_or_in_lower_case_blocks(form: str) -> None:
    text = f"Note: seen on {form} at home."
    out, found = gate(text)
    assert out == text
    assert found == [form]
    (hit,) = scanner.scan_text(text)
    assert hit.kind is HitKind.DATE_OF_BIRTH


def test_a_month_first_date_is_only_a_key_where_it_cannot_be_a_uk_date() -> None:
    """3 April written month first is 04/03, which a UK record reads as 4 March: not a hit."""
    register = PseudonymRegister((KnownIdentity("Child", "", date_of_birth=dt.date(2013, 4, 3)),))
    scan = LeakScanner(register).scan_text
    assert [h.kind for h in scan("seen on 03/04/2013")] == [HitKind.DATE_OF_BIRTH]
    assert scan("seen on 04/03/2013") == []


def test_an_everyday_surname_in_lower_case_after_a_title_is_the_person() -> None:
    """The word "bird" is left alone; "mrs bird" (any case) is someone: replaced where it
    names one registered person whole, and found by the scan where it is left."""
    register = PseudonymRegister(
        (KnownIdentity("Mother", "Rose Bird"), KnownIdentity("Sibling", "Will Hope Green"))
    )
    swap = Pseudonymiser(register).apply
    scan = LeakScanner(register, unregistered=True).scan_text
    assert swap("we met mrs bird at home") == "we met Mother at home"
    assert swap("spoke to ms. bird") == "spoke to Mother"
    for word in ("the bird flew", "a bird's nest", "the nurse will call", "sister hope said"):
        assert swap(word) == word and scan(word) == []
    (hit,) = scan("the letter from dr hope")
    assert hit.found == "hope" and "lower case after a title" in hit.form
    assert Action.NOT_A_NAME in hit.actions and hit.pseudonyms == ("Sibling",)
