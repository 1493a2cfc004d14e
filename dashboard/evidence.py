"""Indicators that bear on a relationship of the grid, from the figures, to cite as evidence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from base.i18n import N_, _, number, percent
from base.yamlio import load_file
from dashboard.labels import strand_label

if TYPE_CHECKING:
    import pandas as pd

# The modules that compute with pandas are imported by the functions that compute: the method names these
# indicators (INDICATORS), and loading it for the Overview should not load pandas.

LINKS_FILE = Path(__file__).with_name("evidence_links.yaml")


@dataclass(frozen=True)
class Indicator:
    """One indicator's latest value, with where it comes from and how it is counted."""

    label: str
    value: str
    period: str
    publication: str
    definition: str
    number: float | None = None  # the value as a number (for measures of success)


Link = tuple[str, tuple[str, ...] | None]  # an indicator, and the data strands it is limited to


@cache
def links() -> dict[str, tuple[Link, ...]]:
    """Relationship id -> the indicators that bear on it (each maybe limited to some strands)."""
    data = load_file(LINKS_FILE) or {}
    out = {rel: tuple((i, None) if isinstance(i, str) else (next(iter(i)), tuple(next(iter(i.values()))))
                      for i in items) for rel, items in data.items()}
    unknown = {name for items in out.values() for name, _strands in items} - set(INDICATORS)
    if unknown:
        raise ValueError(f"{LINKS_FILE}: unknown indicator(s) {sorted(unknown)}")
    return out


def _latest(source: str, measure: str, label: str, definition: str, unit: str = "") -> Callable:
    def compute(figures: pd.DataFrame, strands: tuple[str, ...] | None = None) -> list[Indicator]:
        from dashboard.indicators import latest_edition

        mine = figures[(figures["source"].str.startswith(source)) & (figures["measure"] == measure)]
        mine = mine[mine["strand"].isin(strands or ("all",))]
        rows = latest_edition(mine)
        rows = rows[rows["period"].str.len() <= 7].sort_values("period")  # single years; the latest last
        if rows.empty:
            return []
        by_source = rows.groupby(["source", "strand"], sort=False).tail(1) if source.endswith(":") else rows.tail(1)
        return [Indicator(_(label) + (f" ({r.source.split(':', 1)[1]}, {strand_label(r.strand)})"
                                      if source.endswith(":") else ""),
                          with_unit(r.value, unit) if unit else number(r.value, 0), r.period, r.publication,
                          _(definition), float(r.value))
                for r in by_source.itertuples()]
    return compute


def _areas_with(figures: pd.DataFrame, source: str, measure: str | None) -> list[str]:
    """The areas that have figures of `measure` from `source`, in the figures' order."""
    rows = figures[(figures["source"] == source) & (figures["measure"] == measure)]
    return list(dict.fromkeys(rows["area"]))


def _stage(series_id: str, label: str, stage: str, column: str, definition: str) -> Callable:
    def compute(figures: pd.DataFrame, strands: tuple[str, ...] | None = None) -> list[Indicator]:
        from dashboard.funnels import funnels_for, load_series
        from dashboard.indicators import funnel

        spec = next(s for s in load_series() if s.id == series_id)
        areas = _areas_with(figures, spec.stages[0].source or spec.source, spec.stages[0].measure)
        for series in (f for f in funnels_for(areas) if f.id == series_id):  # the first area with the stage
            steps = funnel(figures, series)
            found = steps[(steps["stage"] == stage) & steps[column].notna()].sort_values("period")
            if not found.empty:
                r = found.iloc[-1]
                return [Indicator(_(label), percent(r[column] / 100), r["period"], r["publication"], _(definition),
                                  float(r[column]))]
        return []
    return compute


def _gap(figures: pd.DataFrame, strands: tuple[str, ...] | None = None) -> list[Indicator]:
    from dashboard.indicators import reporting_gap

    areas = _areas_with(figures, "survey", "survey_estimated_incidents_per_year")
    gaps = (reporting_gap(figures, area=a).dropna(subset=["recorded_share_pct"]) for a in areas)
    gap = next((g for g in gaps if not g.empty), None)
    if gap is None:
        return []
    r = gap.iloc[-1]
    return [Indicator(_("Police-recorded as a share of the survey estimate"), percent(r.recorded_share_pct / 100),
                      r.period, r.survey_publication, _("Mean police-recorded offences over the survey's years divided by the "
                                              "survey's estimate of incidents a year."), float(r.recorded_share_pct))]


INDICATORS: dict[str, Callable[..., list[Indicator]]] = {
    "police_recorded": _latest("police", "recorded_offences", N_("Hate crimes recorded by police"),
                               N_("Offences flagged as hate crimes, all strands.")),
    "referral_rate": _stage("england-wales", N_("Referred to prosecution, share of recorded"),
                            "Referred to prosecution", "pct_of_previous",
                            N_("CPS referrals from police over police-recorded offences in the same year.")),
    "prosecuted_share": _stage("england-wales", N_("Prosecutions completed, share of recorded"),
                               "Prosecuted (completed)", "pct_of_first",
                               N_("CPS prosecutions completed over police-recorded offences in the same year.")),
    "conviction_rate": _latest("prosecution", "conviction_rate_pct", N_("Conviction rate"),
                               N_("Convictions as a share of prosecutions completed (CPS)."), "%"),
    "sentence_uplift_rate": _latest("prosecution", "sentence_uplift_rate_pct", N_("Sentence uplift announced"),
                                    N_("Convictions where the court announced a sentence uplift (CPS)."), "%"),
    "reporting_gap": _gap,
    "reported_to_police": _latest("survey", "survey_share_reported_to_police_pct",
                                  N_("Incidents reported to police"),
                                  N_("Share of hate incidents in the Crime Survey that came to police attention."), "%"),
    "victims_satisfied": _latest("survey", "survey_victims_satisfied_with_police_pct",
                                 N_("Victims satisfied with police"),
                                 N_("Crime Survey: hate crime victims satisfied with the police handling."), "%"),
    "victims_treated_fairly": _latest("survey", "survey_victims_treated_fairly_pct", N_("Victims treated fairly"),
                                      N_("Crime Survey: hate crime victims who felt treated fairly."), "%"),
    "cso_incidents": _latest("cso:", "incidents_reported", N_("Incidents recorded by a CSO"),
                             N_("Incidents reported to the organisation, as it published them.")),
    "odihr_prosecuted_share": _stage("odihr", N_("Prosecuted, share of recorded (ODIHR)"), "Prosecuted", "pct_of_first",
                                     N_("Official figures reported to OSCE-ODIHR: prosecuted over recorded.")),
    "odihr_sentenced_share": _stage("odihr", N_("Sentenced, share of recorded (ODIHR)"), "Sentenced", "pct_of_first",
                                    N_("Official figures reported to OSCE-ODIHR: sentenced over recorded.")),
}


def evidence_for(relationship: str, figures: pd.DataFrame, country: Any = None) -> list[Indicator]:
    """The latest value of each indicator linked to the relationship (none if it has no links), from
    the figures of the country's areas (see `dashboard.areas`; every figure when `country` is None)."""
    from dashboard.areas import of_country

    mine = of_country(figures, country)
    return [item for name, strands in links().get(relationship, ()) for item in INDICATORS[name](mine, strands)]


UNITS: dict[str, str] = {  # what each indicator's value is in: "%" or a word for what it counts
    "police_recorded": "offences", "referral_rate": "%", "prosecuted_share": "%", "conviction_rate": "%",
    "sentence_uplift_rate": "%", "reporting_gap": "%", "reported_to_police": "%", "victims_satisfied": "%",
    "victims_treated_fairly": "%", "cso_incidents": "incidents", "odihr_prosecuted_share": "%",
    "odihr_sentenced_share": "%",
}
if set(UNITS) != set(INDICATORS):  # pragma: no cover - a developer's slip, caught on import
    raise ValueError(f"dashboard/evidence.py: units missing for {sorted(set(INDICATORS) - set(UNITS))}")


def with_unit(value: float, unit: str) -> str:
    """A value with its unit once, the current language's way: '73.6%', '85%', '103,379 offences'."""
    from dashboard.tables import in_unit

    digits = 0 if float(value).is_integer() else 1
    if unit == "%":
        return percent(value / 100, digits)
    return in_unit(number(value, digits), unit) if unit else number(value, digits)
