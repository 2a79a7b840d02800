"""Which lines of a written file the first stage of the gate has already judged.

The second stage reads the whole file back, then leaves out the lines that are exactly lines of
the report model: those were read by the first stage, with what the reviewer wrote read more
strictly than a file can be. What is left (what the renderer added, and anything it changed)
is scanned again.

A PDF wraps a long line over several: a run of the file's lines that, joined by spaces, is
exactly one line of the model was judged as that line, and is left out too. Nothing else is:
a run is only left out whole, so no word of it is lost, and a name split over two lines that
come from different texts is still read across the break.
"""

from __future__ import annotations

#: Model lines longer than this are not looked for wrapped (each would add its every prefix).
_LONGEST = 600


class Judged:
    def __init__(self, scanned: frozenset[str], *, wrapped: bool = False) -> None:
        self.scanned = scanned
        self.whole: set[str] = set()
        self.prefixes: set[str] = set()  # every line's first words, short of the whole line
        if not wrapped:
            return
        for line in scanned:
            if " " not in line or len(line) > _LONGEST:
                continue
            words = line.split()
            self.whole.add(" ".join(words))
            start = words[0]
            for word in words[1:]:
                self.prefixes.add(start)
                start = f"{start} {word}"

    def unread(self, text: str) -> str:
        """The lines of `text` the first stage has not read (each distinct line judged once,
        wrapped lines as the one line they are), and that are not blank (a blank line between
        two others reads as the space it is)."""
        lines = text.split("\n")
        scanned = self.scanned
        read = {line for line in set(lines) if not line.strip() or line.strip() in scanned}
        if not self.prefixes:
            return "\n".join([line for line in lines if line not in read]) if read else text
        keep = [line not in read for line in lines]
        self._wrapped(lines, keep)
        return "\n".join([line for line, kept in zip(lines, keep, strict=True) if kept])

    def _wrapped(self, lines: list[str], keep: list[bool]) -> None:
        prefixes, whole = self.prefixes, self.whole
        n = len(lines)
        i = 0
        while i < n:
            joined = " ".join(lines[i].split()) if keep[i] else ""
            if joined not in prefixes:
                i += 1
                continue
            j = i
            while j + 1 < n and joined in prefixes:
                following = " ".join(lines[j + 1].split())
                if not following:
                    break
                j += 1
                joined = f"{joined} {following}"
                if joined in whole:
                    keep[i : j + 1] = [False] * (j + 1 - i)
                    break
            i = j + 1 if not keep[i] else i + 1
