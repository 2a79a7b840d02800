"""The Windows version resource of each program (File Explorer's Details tab, and what
AppLocker's publisher and file-version rules, antivirus and software inventories read).

PyInstaller takes it as a text file holding a `VSVersionInfo(...)` expression; the text is made
here, from pyproject.toml's version, so it is tested on any platform (tests/test_portability.py)
and written by scr-reviewer.spec only when building on Windows.
"""

from __future__ import annotations

#: en-GB (0x0809) in Unicode (code page 1200, 0x04B0).
LANGUAGE, CODE_PAGE = 0x0809, 1200
PRODUCT = "SCR Reviewer"
DESCRIPTIONS = {
    "scr-reviewer": "SCR Reviewer",
    "scr-reviewer-cli": "SCR Reviewer (command line)",
}


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """ "1.2.3" (or "1.2", or "1.2.3rc1") as Windows' four numbers: (1, 2, 3, 0)."""
    numbers: list[int] = []
    for part in version.split(".")[:4]:
        digits = part[: len(part) - len(part.lstrip("0123456789"))]  # the leading digits
        numbers.append(min(int(digits or 0), 65535))
        if digits != part:  # "0rc1": a pre-release ends the numbers
            break
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_file_text(version: str, program: str) -> str:
    """The `VSVersionInfo` expression PyInstaller's `EXE(version=...)` reads from a file."""
    numbers = version_numbers(version)
    strings = {
        "CompanyName": PRODUCT,
        "FileDescription": DESCRIPTIONS.get(program, PRODUCT),
        "FileVersion": version,
        "InternalName": program,
        "LegalCopyright": PRODUCT,
        "OriginalFilename": f"{program}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '{LANGUAGE:04X}{CODE_PAGE:04X}',
        [
          {table}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [{LANGUAGE:#06x}, {CODE_PAGE}])])
  ]
)
"""
