"""The Reports page offers the web edition as a zip, made when downloaded, from the assessment as stored."""

from __future__ import annotations

import io
import zipfile
from typing import Any, Callable

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

EW = "england-wales-2019"


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """The callables of download buttons whose file is made on click, by file name (AppTest drops its
    media manager after each run, so they are kept here as they are registered)."""
    kept: dict[str, Callable[[], Any]] = {}
    add = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        kept[file_name or ""] = data_callable
        return add(self, data_callable, mimetype, coordinates, file_name, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return kept


def test_the_web_edition_downloads_as_a_zip_with_the_stored_comments(app, store, deferred):
    store.comment(EW, "police-courts", "Rita Reviewer", "Check the **2018** figures.")
    at = app("ui/reports.py", user="Ada Admin")
    assert "Web edition (ZIP)" in [b.proto.label for b in at.get("download_button")]
    with zipfile.ZipFile(io.BytesIO(deferred[f"{EW}-web.zip"]())) as zf:
        names = set(zf.namelist())
        page = zf.read(f"{EW}-web/relationships/police-courts.html").decode("utf-8")
    assert {f"{EW}-web/index.html", f"{EW}-web/data.html", f"{EW}-web/site.css"} <= names
    assert any(n.startswith(f"{EW}-web/data/") and n.endswith(".csv") for n in names)
    assert "Rita Reviewer" in page and "Check the <strong>2018</strong> figures." in page


def test_the_documents_language_chosen_is_the_web_editions_and_the_spreadsheets(app, deferred, monkeypatch):
    """Spanish chosen for England & Wales's documents: the web edition, the workbook and the grid CSV are in
    Spanish (the spreadsheets built again for that language, not taken from the English ones' cache)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    served: dict[str, bytes] = {}
    add = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        file_id = add(self, path_or_data, mimetype, kind, filename)
        served[filename or ""] = self.get_file(file_id).content
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    at = app("ui/reports.py", user="Ada Admin")
    assert openpyxl.load_workbook(io.BytesIO(served[f"{EW}.xlsx"])).properties.language == "en"
    at.selectbox(key=f"report_language@{EW}").set_value("es").run()
    book = openpyxl.load_workbook(io.BytesIO(served[f"{EW}.xlsx"]))
    assert book.properties.language == "es" and book.sheetnames[:3] == ["Acerca de", "Tabla", "Pruebas"]
    assert "VERDE" in served[f"{EW}-grid.csv"].decode("utf-8-sig")
    with zipfile.ZipFile(io.BytesIO(deferred[f"{EW}-web.zip"]())) as zf:
        index = zf.read(f"{EW}-web/index.html").decode("utf-8")
    assert '<html lang="es">' in index and "Saltar al contenido" in index
