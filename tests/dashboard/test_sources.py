"""Sources in words: the publisher of each source code, never the code."""

from __future__ import annotations

from dashboard.sources import source_label


def test_known_sources_read_as_their_publishers():
    assert source_label("cso:CST") == "Community Security Trust"
    assert source_label("official:ODIHR") == "OSCE Office for Democratic Institutions and Human Rights (ODIHR)"
    assert source_label("police", "England and Wales") == "Police forces of England and Wales (Home Office statistics)"
    assert source_label("police", "Spain") == "Police (recorded crime statistics)"  # not England and Wales's


def test_an_unknown_source_reads_as_its_words_never_its_code():
    assert source_label("cso:help_line") == "Help line"
    assert source_label("official:ministerio-del-interior") == "Ministerio del interior"
    assert source_label("ngo") == "Ngo"
