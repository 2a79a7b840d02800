"""Reporting an unexpected error without leaking case data.

Exception messages can carry case text (a value that failed to parse, a database row), so the
log and the crash dialog get the exception's type and where it happened, never its message.
"""

from __future__ import annotations

import traceback


def safe_report(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__} (message withheld)"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    return "\n".join(lines)
