"""Where ffgrid's shipped files are: next to the packages, in a checkout or an installed copy."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the folder holding framework/, standards/, assessments/ …
