"""The Dashboard page through AppTest: bundled data on first run, filters, suppression, synthetic label."""

from __future__ import annotations

import json

DASHBOARD = "ui/dashboard.py"


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_the_dashboard_shows_the_bundled_figures_and_synthetic_cases(app):
    at = app(DASHBOARD)
    assert at.title[0].value == "Data dashboard"
    assert any("Use of this data" in i.value for i in at.info)  # the governance notice
    assert any("SYNTHETIC case records" in w.value for w in at.warning)
    assert {m.label: m.value for m in at.metric}["Records"] == "20,000"
    assert len(_charts(at)) >= 10
    funnel = at.dataframe[0].value
    assert funnel["stage"].tolist()[:3] == ["Recorded by police", "Referred to prosecution", "Prosecuted (completed)"]
    assert funnel["count"].tolist()[0] == 103379  # Home Office 2018/19, the latest edition
    assert all(c.value for c in at.caption if "figures from" in c.value)


def test_the_odihr_series_and_its_missing_sentenced_figure(app):
    at = app(DASHBOARD)
    at.radio(key="funnel_series").set_value("United Kingdom (OSCE-ODIHR)").run()
    at.selectbox(key="funnel_period").set_value("2016").run()
    funnel = at.dataframe[0].value.set_index("stage")
    assert funnel.loc["Recorded by police", "count"] == 80763
    assert funnel.loc["Sentenced", "how"] == "not published"


def test_filters_and_public_view_change_the_numbers(app):
    at = app(DASHBOARD)
    at.selectbox(key="case_strand").set_value("transgender").run()
    records = int({m.label: m.value for m in at.metric}["Records"].replace(",", ""))
    assert 0 < records < 2_000
    ward = at.multiselect(key="case_wards").options[0]
    at.multiselect(key="case_wards").set_value([ward]).run()
    narrow = int({m.label: m.value for m in at.metric}["Records"].replace(",", ""))
    assert narrow < records
    hour_public = next(c for c in _charts(at) if "hour" in json.dumps(c["encoding"]))
    at.toggle(key="public_view").set_value(False).run()
    hour_all = next(c for c in _charts(at) if "hour" in json.dumps(c["encoding"]))
    assert hour_public != hour_all  # small counts hidden in public view, shown otherwise
