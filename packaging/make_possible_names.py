"""Regenerate resources/names/possible_names.txt: the keys of the names the anonymisation gate
asks about when they are not in a review's register (a name list's key that is not an everyday
word, a month or day, or a title; a surname only if the dictionary does not know it as a place
or a people). Worked out from resources/names/*.txt and the `english-words` dictionary by
`reviewer_app.anonymisation.words.possible_name_keys_by_the_lists`, so the app reads them at
once instead of working them out in every process. Run it after changing the name lists or the
rules (tests/reviewer_app/anonymisation/test_words.py fails until it is run):

    .venv/bin/python packaging/make_possible_names.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer_app.anonymisation.words import (  # noqa: E402
    POSSIBLE_NAMES_FILE,
    possible_name_keys_by_the_lists,
)


def main() -> None:
    keys = sorted(possible_name_keys_by_the_lists())
    target = ROOT / "resources" / "names" / POSSIBLE_NAMES_FILE
    target.write_text("".join(f"{key}\n" for key in keys), encoding="utf-8")
    print(f"{len(keys):,} keys written to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
