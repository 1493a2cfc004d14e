"""Artefacts: the systems map, the PDF and DOCX country report, spreadsheets."""
