"""Every symbol the product prints is in the font that draws it: DejaVu Sans, which `make setup`
installs, which the PDF and the systems map name, and which the browser falls back to for symbols
the app's own font (Streamlit's Source Sans) lacks. A missing glyph draws as an empty box."""

from __future__ import annotations

import subprocess
import unicodedata

from fontTools.ttLib import TTFont

from base.paths import ROOT

SOURCES = [*ROOT.glob("*.py"), *(p for d in ("access", "base", "dashboard", "exports", "framework", "scoring", "store",
                                             "ui") for p in (ROOT / d).rglob("*.py")),
           *(p for p in (ROOT / "exports" / "templates").rglob("*") if p.is_file()), *(ROOT / "framework").glob("*.yaml"),
           *(ROOT / "dashboard").glob("*.yaml")]


def _symbols() -> dict[str, str]:
    """Non-ASCII punctuation and symbols in the product's source, each with one file that prints it."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for ch in path.read_text(encoding="utf-8"):
            if ord(ch) > 127 and unicodedata.category(ch)[0] in "PS":
                found.setdefault(ch, path.relative_to(ROOT).as_posix())
    return found


def test_every_symbol_printed_is_in_dejavu_sans():
    file = subprocess.run(["fc-match", "--format=%{file}", "DejaVu Sans"], capture_output=True, text=True,
                          check=True).stdout
    assert file.endswith("DejaVuSans.ttf"), file
    glyphs = TTFont(file).getBestCmap()
    symbols = _symbols()
    assert {"●", "◆", "▲", "○", "✔"} <= set(symbols)  # the rating marks and statuses are among them
    missing = {f"{ch} U+{ord(ch):04X} {unicodedata.name(ch, '?')} ({where})"
               for ch, where in symbols.items() if ord(ch) not in glyphs}
    assert not missing, missing
