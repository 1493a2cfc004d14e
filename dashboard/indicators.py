"""Indicators from published figures: the latest edition, the attrition funnel, rates per 100,000,
the reporting gap. Pure functions on tidy frames (as `read_tidy` or `FigureStore.frame` give them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from base.i18n import _, number
from dashboard.checks import start_year
from dashboard.vocabulary import monitored

SERIES = ["source", "period", "area", "strand", "measure"]


def end_year(period: str) -> int:
    """The year a period reaches: 2018 for '2018' or '2018/19', 2017 for '2015/16-2017/18'."""
    return int(period.rsplit("-", 1)[-1][:4])


def with_reach(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with `reach`: the latest year their publication covers (by source and publication).

    Add it before filtering, so that a filter on years does not change which edition is newest.
    """
    reach = figures["period"].map(end_year).groupby([figures["source"], figures["publication"]]).transform("max")
    return figures.assign(reach=reach)


def latest_edition(figures: pd.DataFrame) -> pd.DataFrame:
    """One figure per series point: from the publication that reaches the latest year.

    A revised edition (e.g. the 2018/19 bulletin's table of 2011/12 onwards) is newer than a first
    release that stopped at an earlier year; on a tie the figure listed last wins. The `reach`
    column (see `with_reach`) is used when present.
    """
    if figures.empty:
        return figures
    ranked = (figures if "reach" in figures.columns else with_reach(figures)).assign(_order=range(len(figures)))
    kept = ranked.sort_values(["reach", "_order"]).drop_duplicates(SERIES, keep="last")
    return kept.sort_values("_order").drop(columns=["_order"]).reset_index(drop=True)


@dataclass(frozen=True)
class Stage:
    """A stage of the funnel: a count, or (`rate`) a percentage of the previous stage's count.

    Stages are data: see `dashboard/funnels.yaml`."""

    label: str
    source: str
    measure: str | None
    rate: str | None = None  # a *_pct measure giving this stage as a share of the previous one
    unit: str = "cases"  # what the stage counts, in words ("offences", "defendants")


@dataclass(frozen=True)
class Funnel:
    """The stages of one series through the justice system, in one area (`dashboard.funnels` reads
    them from `dashboard/funnels.yaml`)."""

    id: str
    name: str
    area: str
    stages: tuple[Stage, ...]


FUNNEL_COLUMNS = ("period", "area", "stage", "count", "unit", "pct_of_previous", "pct_of_first", "how", "publication",
                  "note")


def funnel(figures: pd.DataFrame, series: Funnel, strand: str = "all") -> pd.DataFrame:
    """Attrition per period: each stage's count, its share of the last stage before it that has a
    count, and of the first stage. Every stage is listed; one not published has no count.

    A stage the source gives only as a rate is derived (rate × the previous stage's count) and says
    so in `how`. Periods with fewer than two counts are left out.
    """
    latest = latest_edition(figures[(figures["strand"] == strand) & (figures["area"] == series.area)])
    index = latest.set_index(["source", "measure", "period", "area"])
    rows = []
    for (period, area), _rows in latest.groupby(["period", "area"], sort=True):
        previous = last = first = None  # the stage just before; the last one with a count; the first
        for stage in series.stages:
            count, how, publication, note = _count(index, stage, period, area, previous)
            rows.append({"period": period, "area": area, "stage": stage.label, "count": count, "unit": stage.unit,
                         "pct_of_previous": _pct(count, last), "pct_of_first": _pct(count, first),
                         "how": how, "publication": publication, "note": note})
            previous = count
            last = count if count is not None else last
            first = first if first is not None else count
    out = pd.DataFrame(rows, columns=list(FUNNEL_COLUMNS))
    has_two = out.groupby(["period", "area"])["count"].transform("count") >= 2
    return out[has_two].reset_index(drop=True)


def _count(index: pd.DataFrame, stage: Stage, period: str, area: str,
           previous: float | None) -> tuple[float | None, str, str, str]:
    def get(measure: str | None) -> pd.Series | None:
        key = (stage.source, measure, period, area)
        return index.loc[key] if measure and key in index.index else None

    def note(row: pd.Series) -> str:
        return "" if pd.isna(row.get("note")) else str(row.get("note") or "")

    given = get(stage.measure)
    if given is not None:
        return float(given["value"]), _("published count"), str(given["publication"]), note(given)
    rate = get(stage.rate)
    if rate is not None and previous is not None:
        return (round(previous * float(rate["value"]) / 100),
                _("derived: the published rate, {rate}% of the previous stage").format(
                    rate=number(float(rate["value"]))),
                str(rate["publication"]), note(rate))
    return None, _("not published"), "", ""


def _pct(part: float | None, whole: float | None) -> float | None:
    return None if part is None or not whole else round(100 * part / whole, 1)


def rates_per_100k(figures: pd.DataFrame, measure: str = "recorded_offences",
                   population: str = "population") -> pd.DataFrame:
    """Counts per 100,000 people by period, area and strand, where the area's population is given."""
    latest = latest_edition(figures)
    counts = latest[latest["measure"] == measure]
    people = latest[(latest["measure"] == population) & (latest["strand"] == "all")]
    joined = counts.merge(people[["period", "area", "value"]], on=["period", "area"], suffixes=("", "_population"))
    joined = joined[joined["value_population"] > 0]
    return joined.assign(per_100k=(joined["value"] / joined["value_population"] * 100_000).round(1))[
        ["period", "area", "strand", "value", "value_population", "per_100k", "publication"]
    ].rename(columns={"value": "count", "value_population": "population"}).reset_index(drop=True)


def reporting_gap(figures: pd.DataFrame, area: str = "England and Wales") -> pd.DataFrame:
    """Survey estimates of incidents a year against police-recorded offences over the same years.

    A pooled survey period (2015/16-2017/18) is compared with the mean of the police figures for
    the years it covers; `recorded_share_pct` is police-recorded as a share of the estimate.
    """
    latest = latest_edition(figures[figures["area"] == area])
    survey = latest[(latest["measure"] == "survey_estimated_incidents_per_year") & (latest["strand"] == "all")]
    police = latest[(latest["source"] == "police") & (latest["measure"] == "recorded_offences")
                    & (latest["strand"] == "all")]
    by_year = {start_year(p): v for p, v in zip(police["period"], police["value"]) if start_year(p) is not None}
    rows = []
    for r in survey.itertuples():
        first, _dash, last = r.period.partition("-")
        years = range(int(first[:4]), int((last or first)[:4]) + 1)
        covered = [by_year[y] for y in years if y in by_year]
        recorded = sum(covered) / len(covered) if len(covered) == len(years) else None
        rows.append({"period": r.period, "strand": r.strand, "survey_estimate": r.value,
                     "police_recorded_mean": recorded, "recorded_share_pct": _pct(recorded, r.value),
                     "survey_publication": r.publication, "survey_note": _note(r)})
    return pd.DataFrame(rows, columns=["period", "strand", "survey_estimate", "police_recorded_mean",
                                       "recorded_share_pct", "survey_publication", "survey_note"])


def _note(row: object) -> str:
    """A figure's `note` ('' when it has none)."""
    note = getattr(row, "note", "")
    return "" if note is None or pd.isna(note) else str(note)


def strand_trend(figures: pd.DataFrame, area: str = "England and Wales", source: str = "police",
                 measure: str = "recorded_offences") -> pd.DataFrame:
    """A yearly series per strand (latest edition of each point, pooled periods left out)."""
    latest = latest_edition(figures[(figures["area"] == area) & (figures["source"] == source)
                                    & (figures["measure"] == measure)])
    yearly = latest[latest["period"].map(start_year).notna()]
    notes = yearly["note"].fillna("").astype(str) if "note" in yearly.columns else ""
    return yearly.assign(note=notes)[["period", "strand", "value", "publication", "note"]].sort_values(["strand", "period"]).reset_index(drop=True)


def cso_vs_police(figures: pd.DataFrame, police_area: str = "England and Wales") -> pd.DataFrame:
    """CSO-recorded incidents beside police-recorded offences of the same strand and (start) year.

    The CSO's strand is matched to the police monitored strand it falls within; the areas usually
    differ (a CSO's service area against the whole country), so the columns say which is which.
    """
    latest = latest_edition(figures)
    cso = latest[latest["source"].str.startswith("cso:") & (latest["measure"] == "incidents_reported")]
    police = latest[(latest["source"] == "police") & (latest["measure"] == "recorded_offences")
                    & (latest["area"] == police_area)]
    by_key = {(s, start_year(p)): v for s, p, v in zip(police["strand"], police["period"], police["value"])}
    rows = [{"organisation": r.source.split(":", 1)[1], "strand": r.strand, "period": r.period,
             "cso_area": r.area, "cso_incidents": r.value, "police_strand": monitored(r.strand),
             "police_area": police_area,
             "police_recorded": by_key.get((monitored(r.strand), start_year(r.period))), "note": _note(r)}
            for r in cso.itertuples()]
    out = pd.DataFrame(rows, columns=["organisation", "strand", "period", "cso_area", "cso_incidents",
                                      "police_strand", "police_area", "police_recorded", "note"])
    return out.assign(cso_per_100_police=(100 * out["cso_incidents"] / out["police_recorded"]).round(1))
