"""The case records' charts of counts for one filter, ready to draw: by month, weekday and hour, by strand,
the breakdown chosen and (in public view) by area; each with the figures as a reader sees them, hidden
counts read as hidden, and a sentence describing it, in the current language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Mapping, NamedTuple, Sequence

import pandas as pd
from babel.dates import get_day_names

from base.i18n import N_, _, locale, ngettext, number
from dashboard.case_views import WEEKDAYS, every_category
from dashboard.charts import HIDDEN, counts_spec
from dashboard.disclosure import DEFAULT_THRESHOLD, public_counts
from dashboard.labels import area_label, strand_label
from dashboard.tables import and_, describe


class Counted(NamedTuple):
    """One chart of counts in words (marked with `N_()`, read with `_()`): its title, what its categories
    are, its definition, and how many of them it has ('24 hours', in the current language)."""

    title: str
    category: str
    definition: str
    many: Callable[[int], str]


CASE_CHARTS: tuple[tuple[str, str, Counted], ...] = (  # the unit counted by, the kind of chart, its words
    ("month", "line", Counted(N_("Records by month"), N_("Month"),
                              N_("Records by the month they were recorded, with the filters above."),
                              lambda n: ngettext("{n} month", "{n} months", n))),
    ("weekday", "column", Counted(N_("By day of the week"), N_("Day"),
                                  N_("Records by the day of the week they were recorded, with the filters above."),
                                  lambda n: ngettext("{n} day of the week", "{n} days of the week", n))),
    ("hour", "column", Counted(N_("By hour of the day"), N_("Hour"),
                               N_("Records by the hour they were recorded, with the filters above."),
                               lambda n: ngettext("{n} hour", "{n} hours", n))),
)
BY_STRAND = Counted(N_("By strand"), N_("Strand"),
                    N_("Records per strand flagged; a record with several strands counts once for each."),
                    lambda n: ngettext("{n} strand", "{n} strands", n))
BREAKDOWN_CHARTS: dict[str, Counted] = {  # the column broken down by, in the order offered
    "victim_age_group": Counted(N_("Victims by age group"), N_("Age group"),
                                N_("Records by the victim's age group; 'unknown' where it was not recorded."),
                                lambda n: ngettext("{n} age group", "{n} age groups", n)),
    "offender_age_group": Counted(N_("Offenders by age group"), N_("Age group"),
                                  N_("Records by the offender's age group; 'unknown' where it was not recorded."),
                                  lambda n: ngettext("{n} age group", "{n} age groups", n)),
    "victim_ethnicity": Counted(N_("Victims by ethnicity"), N_("Ethnicity"),
                                N_("Records by the victim's ethnicity; 'unknown' where it was not recorded."),
                                lambda n: ngettext("{n} ethnicity", "{n} ethnicities", n)),
    "offender_ethnicity": Counted(N_("Offenders by ethnicity"), N_("Ethnicity"),
                                  N_("Records by the offender's ethnicity; 'unknown' where it was not recorded."),
                                  lambda n: ngettext("{n} ethnicity", "{n} ethnicities", n)),
    "offence_category": Counted(N_("Offence category"), N_("Offence category"),
                                N_("Records by offence category; 'unknown' where it was not recorded."),
                                lambda n: ngettext("{n} offence category", "{n} offence categories", n)),
    "outcome": Counted(N_("Outcomes"), N_("Outcome"),
                       N_("Records by outcome; 'unknown' where it was not recorded."),
                       lambda n: ngettext("{n} outcome", "{n} outcomes", n)),
}


@dataclass(frozen=True)
class CaseChart:
    """One chart of counts: its title, its Vega-Lite specification (None: no records with the filters),
    its figures as shown, the sentence describing it, its notes, and the numbers behind it."""

    title: str
    name: str
    definition: str
    spec: dict | None = None  # type: ignore[type-arg]
    shown: pd.DataFrame | None = None
    description: str = ""
    notes: tuple[str, ...] = ()
    raw: pd.DataFrame | None = None


def weekday_name(day: object) -> str:
    """An English weekday of the records ('Monday') as the current language names it."""
    return get_day_names("wide", locale=locale())[WEEKDAYS.index(str(day))] if day in WEEKDAYS else str(day)


def case_charts(counted: Mapping[str, pd.DataFrame], by_strand: pd.DataFrame, every: Mapping[str, Sequence[object]],
                public: bool, breakdown: str, level: str) -> list[CaseChart]:
    """The charts of one filter's counts (`counted`: per unit and breakdown column, `by_strand`); in
    public view (`every`: each chart's categories) every category is listed and its count suppressed or
    rounded. The first len(CASE_CHARTS) + 1 are over time and by strand; then the breakdown, then the area."""

    def counts(frame: pd.DataFrame, key: str, chart: str) -> pd.DataFrame:
        if not public:
            return frame
        full = every_category(frame, key, every[chart], by_size=chart not in ("month", "weekday", "hour"))
        return full.assign(records=public_counts(full.set_index(key)["records"]).counts.array)

    charts = []
    for unit, kind, words in CASE_CHARTS:
        frame = counts(counted[unit], unit, unit)
        if unit == "weekday":
            frame = frame.assign(weekday=frame["weekday"].map(weekday_name))
        charts.append(_chart(frame, unit, words, kind, f"cases-by-{unit}"))
    frame = counts(by_strand, "strand", "strand")
    charts.append(_chart(frame.assign(strand=frame["strand"].map(strand_label)), "strand", BY_STRAND, "bar",
                         "cases-by-strand"))
    charts.append(_chart(counts(counted[breakdown], "value", breakdown), "value", BREAKDOWN_CHARTS[breakdown], "bar",
                         f"cases-{breakdown}"))
    if public:
        frame = counts(counted["area_2"], "value", "area_2")
        where = Counted(_("Where: records by {level}").format(level=level.lower()), level,
                        _("Records by {level}. The map of individual records is shown only outside public "
                          "view.").format(level=level.lower()), lambda n: ngettext("{n} area", "{n} areas", n))
        charts.append(_chart(frame.assign(value=frame["value"].map(area_label)), "value", where, "bar", "cases-by-ward",
                             translate=False))
    return charts


def _chart(frame: pd.DataFrame, key: str, words: Counted, kind: str, name: str, translate: bool = True) -> CaseChart:
    """A chart of counts per category, hidden ones named on the chart and under it (`words` read in the current
    language unless already in it: `translate` False)."""
    read = _ if translate else str
    title, category, definition = read(words.title), read(words.category), read(words.definition)
    if frame.empty:
        return CaseChart(title, name, definition)
    hidden_word, records = _(HIDDEN), _("Records")
    shown = pd.DataFrame({category: frame[key].astype(str),
                          records: [hidden_word if pd.isna(v) else number(int(v)) for v in frame["records"]]})
    hidden = shown.loc[shown[records] == hidden_word, category].tolist()
    said = ((_("Hidden ({count}): {categories}: fewer than {threshold} records each, or hidden as well so that a total "
               "does not give one away.").format(count=number(len(hidden)), categories=and_(hidden),
                                                 threshold=number(DEFAULT_THRESHOLD)),) if hidden else ())
    spec = counts_spec(frame.assign(**{key: shown[category]}), key, "records", records, category, kind, title)
    return CaseChart(title, name, definition, spec, shown,
                     describe(title, shown, category, records, frame["records"], words.many, ranked=kind == "bar",
                              extra=said), said, frame)
