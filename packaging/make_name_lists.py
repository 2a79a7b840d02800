"""Regenerate resources/names/*.txt: the name lists the anonymisation gate uses to spot a name
that is not in a review's register ("possible name not in the register").

The lists are derived, not written by hand: they are the given names and surnames that the
`names-dataset` package (version 3.3.1) ranks among the most common in Great Britain, or among
the most common in the countries that most of England's families came from, and (a third list)
the given names among the thousand most common in Great Britain. Only the names are
kept (one a line, as the dataset spells them), no counts or anything about any person.

Run it (once, offline, after `pip install names-dataset==3.3.1`):

    python packaging/make_name_lists.py

then `.venv/bin/python packaging/make_possible_names.py` (the names the gate asks about).
"""

from __future__ import annotations

import gzip
import pickle
import re
from pathlib import Path

import names_dataset  # type: ignore[import-not-found]

#: Countries of birth and heritage common in England (ONS), as ISO 3166 alpha-2 codes.
COUNTRIES = [
    "IE",
    "US",
    "CA",
    "AU",
    "ZA",
    "IN",
    "PK",
    "BD",
    "LK",
    "NP",
    "PL",
    "RO",
    "LT",
    "LV",
    "BG",
    "HU",
    "SK",
    "CZ",
    "IT",
    "PT",
    "ES",
    "FR",
    "DE",
    "NL",
    "GR",
    "CY",
    "TR",
    "AL",
    "NG",
    "GH",
    "SD",
    "ET",
    "KE",
    "ZW",
    "UG",
    "JM",
    "CN",
    "HK",
    "MY",
    "SG",
    "PH",
    "IQ",
    "IR",
    "AF",
    "SY",
    "EG",
    "MA",
    "DZ",
    "SA",
    "AE",
    "RU",
    "UA",
    "BR",
]
GB_RANK = 5000
GIVEN_RANK = 1000
SURNAME_RANK = 300
#: Given names this common in Great Britain are taken for names even where the word list also
#: has them in lower case ("jane", "harry"), unless the word is plainly an English word.
COMMON_GB_RANK = 1000
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*$")
HERE = Path(__file__).resolve().parent.parent / "resources" / "names"


def _load(name: str) -> dict[str, dict[str, dict[str, int]]]:
    folder = Path(names_dataset.__file__).parent / "v3"
    with gzip.open(folder / name) as stream:
        return pickle.load(stream)  # type: ignore[no-any-return]  # noqa: S301 (the package's own data)


def _chosen(data: dict[str, dict[str, dict[str, int]]], others: int) -> list[str]:
    keep = []
    for name, info in data.items():
        ranks = info.get("rank") or {}
        if not _NAME.match(name) or len(name) < 2:
            continue
        if ranks.get("GB", GB_RANK + 1) <= GB_RANK or any(
            ranks.get(c, others + 1) <= others for c in COUNTRIES
        ):
            keep.append(name)
    return sorted(set(keep), key=str.casefold)


def _common_gb(data: dict[str, dict[str, dict[str, int]]]) -> list[str]:
    keep = {
        name
        for name, info in data.items()
        if _NAME.match(name)
        and (info.get("rank") or {}).get("GB", COMMON_GB_RANK + 1) <= COMMON_GB_RANK
    }
    return sorted(keep, key=str.casefold)


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    common = _common_gb(_load("first_names.pkl.gz"))
    (HERE / "common_given_names.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    print(f"common_given_names.txt: {len(common):,} names")
    for source, target, others in (
        ("first_names.pkl.gz", "given_names.txt", GIVEN_RANK),
        ("last_names.pkl.gz", "surnames.txt", SURNAME_RANK),
    ):
        names = _chosen(_load(source), others)
        (HERE / target).write_text("\n".join(names) + "\n", encoding="utf-8")
        print(f"{target}: {len(names):,} names")


if __name__ == "__main__":
    main()
