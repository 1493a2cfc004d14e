"""Every download the app offers, through AppTest, with hostile text stored first: no CSV cell and no
workbook cell starts a formula; numeric columns stay numeric (negative numbers too)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.statistics import read_tidy
from exports.csv_text import FORMULA_START
from framework import Evidence, Situation
from helpers import open_figures

EW, REL = "england-wales-2019", "police-courts"
PAGES = ("ui/overview.py", "ui/assess.py", "ui/standards.py", "ui/dashboard.py", "ui/plan.py", "ui/compare.py",
         "ui/history.py", "ui/reports.py", "ui/data_io.py", "ui/users.py")
NUMERIC = {"records", "count", "lon", "lat", "Action (number)", "total", "grid_row"}  # CSV columns of numbers
LINK, PLUS, MINUS, AT = '=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, bytes]]:
    """The file behind each download URL: AppTest keeps them in a media file store that is dropped
    after each run, so they are kept here as they are added (file id: file name and bytes)."""
    files: dict[str, tuple[str, bytes]] = {}
    add = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        file_id = add(self, path_or_data, mimetype, kind, filename)
        kept = self.get_file(file_id)
        files[file_id] = (kept.filename or "", kept.content)
        return file_id

    def keep_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):  # type: ignore[no-untyped-def]
        """A file made when its button is clicked: made here, as the click would."""
        file_id = add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        data = data_callable()
        files[file_id] = (file_name or "", data.encode("utf-8") if isinstance(data, str) else data)
        return file_id

    add_deferred = MediaFileManager.add_deferred
    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)
    return files


def _store_hostile_text(store) -> None:  # type: ignore[no-untyped-def]
    """A national situation, evidence, a comment, a plan action with a status note, and figures whose
    publication and note start formulas; each change is in the history as well."""
    stored = store.get(EW)
    line = stored.assessment.line(REL)
    store.save_line(EW, line.model_copy(update={
        "situation": Situation(framework=LINK, action=AT),
        "evidence": (*line.evidence, Evidence(title=PLUS, note=MINUS))}), stored.line_meta(REL).version, AT)
    store.comment(EW, REL, "Rita Reviewer", LINK)
    plan = store.get(EW).assessment.plan
    first = plan.actions[0].model_copy(update={"title": LINK, "owner": PLUS})
    store.save_plan(EW, plan.model_copy(update={"actions": (first, *plan.actions[1:])}), "Test Assessor")
    waiting = next(a for a in store.get(EW).assessment.plan.actions if a.current.status == "not_started")
    store.set_action_status(EW, waiting.number, "in_progress", "2024-05-01", MINUS, "Test Assessor")
    from store.figures import FigureStore

    text = Path("data/odihr_united_kingdom.csv").read_text(encoding="utf-8")
    text = text.replace('"OSCE-ODIHR Hate Crime Reporting, United Kingdom official data"', f'"{LINK.replace(chr(34), 2 * chr(34))}"')
    figures = read_tidy(text, "hostile.csv").assign(note=AT)
    FigureStore(store.engine).import_frame(figures, "hostile.csv", imported_by="Ada Admin")


def _downloads(at, served: dict[str, tuple[str, bytes]]) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """Each download button's file ("label: file name": bytes), also those made when clicked and those of
    the charts' figures (opened first)."""
    open_figures(at)
    out = {}
    for button in at.get("download_button"):
        name, data = served[Path(button.proto.url).stem if button.proto.url else button.proto.deferred_file_id]
        out[f"{button.proto.label}: {name}"] = data
    return out


def _cells(name: str, data: bytes) -> list[tuple[str, str, str]]:
    """(column, cell, where) for every cell of a CSV or of every sheet of a workbook."""
    if name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        return [(rows[0][j], cell, f"{name} row {i + 2}") for i, row in enumerate(rows[1:]) for j, cell in enumerate(row)]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert not [c.coordinate for s in book for r in s.iter_rows() for c in r if c.data_type == "f"], name
    return [(s.title, c.value, f"{name} {s.title}!{c.coordinate}") for s in book for r in s.iter_rows()
            for c in r if isinstance(c.value, str)]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_no_download_starts_a_formula_and_numbers_stay_numbers(app, store, served):
    _store_hostile_text(store)
    files: dict[str, bytes] = {}
    for page in PAGES:
        at = app(page, user="Ada Admin")
        files |= {f"{page}: {k}": v for k, v in _downloads(at, served).items()}
        if page == "ui/dashboard.py":  # outside public view: the map's numbers (negative longitudes)
            at.toggle(key="public_view").set_value(False).run()
            files |= {f"{page} (all): {k}": v for k, v in _downloads(at, served).items()}
            at.selectbox(key="fig_area").set_value("United Kingdom").run()  # its funnel's publication was renamed
            assert at.radio(key="funnel_series").value == "United Kingdom (OSCE-ODIHR)"
            files |= {f"{page} (UK): {k}": v for k, v in _downloads(at, served).items()}
    spreadsheets = {k: v for k, v in files.items() if k.endswith((".csv", ".xlsx"))}
    assert {f"ui/history.py: Export the log (CSV): {EW}-history.csv", f"ui/reports.py: Grid (CSV): {EW}-grid.csv",
            f"ui/plan.py: Status report (CSV: every action and each change of its status): {EW}-actions.csv",
            f"ui/reports.py: Workbook (XLSX: grid, evidence, standards, data): {EW}.xlsx",
            "ui/dashboard.py (all): Numbers behind this chart (CSV): cases-located.csv"} <= set(spreadsheets)
    assert sum("Numbers behind this chart" in k for k in spreadsheets) >= 10
    cells = [c for name, data in spreadsheets.items() for c in _cells(name, data)]
    live = [where for _, cell, where in cells if cell.startswith(FORMULA_START) and not _number(cell)]
    assert not live, live[:5]
    guarded = {cell for _, cell, _ in cells}
    assert {f"'{LINK}", f"'{PLUS}", f"'{MINUS}", f"'{AT}"} <= guarded  # the hostile text is there, as text
    funnel = next(v for k, v in spreadsheets.items() if k.startswith("ui/dashboard.py (UK): ") and "funnel-" in k)
    assert f"'{LINK}" in {cell for column, cell, _ in _cells("funnel.csv", funnel) if column == "publication"}
    history = _cells("history.csv", files[f"ui/history.py: Export the log (CSV): {EW}-history.csv"])
    assert f"'{LINK}" in {cell for column, cell, _ in history if column == "New value"}
    lon = [float(cell) for column, cell, _ in cells if column == "lon"]
    assert lon and min(lon) < 0  # longitudes west of Greenwich stay (negative) numbers
    numeric = [(cell, where) for column, cell, where in cells if column in NUMERIC]
    assert {c for c, _, _ in cells if c in NUMERIC} == NUMERIC
    assert not [where for cell, where in numeric if not (_number(cell) or cell == "")]
