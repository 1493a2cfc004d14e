"""The dashboard's tables as a person reads them, on screen and in print: headings in words with their
units, values rounded, "–" where a figure is not published; the notes on years missing from a series;
and each chart's text alternative. All in the current language (numbers written its way).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd
from babel.lists import format_list

from base.i18n import N_, Translated, _, locale, ngettext, number, percent
from dashboard.periods import in_order, missing_periods

Column = tuple[str, str, Callable[[object], str]]  # frame column, heading, formatter
Count = Callable[[object], str]
MISSING = "–"
UNITS = Translated({  # what a stage of dashboard/funnels.yaml counts (its `unit`), with its number
    "offences": N_("{number} offences"), "suspects": N_("{number} suspects"), "defendants": N_("{number} defendants"),
    "convictions": N_("{number} convictions"), "hate crimes": N_("{number} hate crimes"),
    "cases": N_("{number} cases"), "incidents": N_("{number} incidents"),
})
UNIT_WORDS = Translated({  # the same units on their own ("here suspects against offences")
    "offences": N_("offences"), "suspects": N_("suspects"), "defendants": N_("defendants"),
    "convictions": N_("convictions"), "hate crimes": N_("hate crimes"), "cases": N_("cases"),
    "incidents": N_("incidents"),
})


def pct(value: object) -> str:
    """A percentage to one decimal: '42.5%'; '–' when missing."""
    return MISSING if value is None or pd.isna(value) else percent(float(value) / 100)  # type: ignore[arg-type]


def text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def word(value: object) -> str:
    """A word of the data files (a stage of dashboard/funnels.yaml) in the current language."""
    shown = text(value)
    return _(shown) if shown else shown


def figure(value: object) -> str:
    """A published figure as a whole number: 79010.6667 reads '79,011'; '–' when missing."""
    return MISSING if value is None or pd.isna(value) else number(round(float(value)))  # type: ignore[arg-type]


def one_decimal(value: object) -> str:
    return MISSING if value is None or pd.isna(value) else number(float(value), 1)  # type: ignore[arg-type]


def in_unit(shown: str, unit: object) -> str:
    """A number already written ('10,749', 'fewer than 10') with what it counts: '10,749 suspects'."""
    return UNITS[str(unit)].format(number=shown) if str(unit) in UNITS else f"{shown} {unit}"


def counted(count: Count, value: object, unit: object) -> str:
    """A count with what it counts: '10,749 suspects', 'fewer than 10 defendants'; '–' when not published."""
    shown = count(value)
    return shown if shown == MISSING else in_unit(shown, unit)


def funnel_columns(count: Count = figure) -> list[Column]:
    """The funnel's table (its frame with `number` = (count, unit) pairs, see `with_numbers`)."""
    return [("stage", _("Stage"), word), ("number", _("Number"), lambda v: counted(count, *v)),  # type: ignore[misc]
            ("pct_of_previous", _("% of the stage before"), pct), ("pct_of_first", _("% of the first stage"), pct),
            ("how", _("How counted"), text)]


def with_numbers(steps: pd.DataFrame) -> pd.DataFrame:
    """The funnel's steps with `number`: each count with its unit, as `funnel_columns` shows it."""
    return steps.assign(number=list(zip(steps["count"], steps["unit"])))


def gap_columns(count: Count = figure) -> list[Column]:
    """The reporting gap's table."""
    return [("period", _("Survey years"), text), ("survey_estimate", _("Survey estimate (incidents a year)"), count),
            ("police_recorded_mean", _("Police-recorded, mean of the same years (offences a year)"), count),
            ("recorded_share_pct", _("Recorded share (% of the estimate)"), pct)]


def versus_columns(area: str, count: Count = figure, strand: Callable[[object], str] = text) -> list[Column]:
    """CSO-recorded against police-recorded (organisations already named by their publisher)."""
    return [("organisation", _("Organisation"), text), ("strand", _("Strand"), strand),
            ("period", _("Period"), text), ("cso_area", _("Organisation's area"), text),
            ("cso_incidents", _("Incidents the organisation recorded"), count),
            ("police_recorded", _("Offences police recorded ({area})").format(area=area), count),
            ("cso_per_100_police", _("Incidents per 100 police-recorded offences"), one_decimal)]


def rates_columns(count: Count = figure) -> list[Column]:
    """Rates per 100,000 people by police force."""
    return [("area", _("Police force"), text), ("per_100k", _("Offences per 100,000 people"), one_decimal),
            ("count", _("Offences recorded"), count), ("population", _("Population (people)"), count)]


def table(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """The frame as a person reads it: one column per `Column`, headed in words, every value formatted."""
    return pd.DataFrame({heading: [fmt(v) for v in frame[column]] for column, heading, fmt in columns})


def and_(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' (in the current language)."""
    return format_list([str(i) for i in items], locale=locale())


def gap_notes(trend: pd.DataFrame, totals: pd.DataFrame) -> list[str]:
    """'No figures by strand for 2019/20: …' for each year missing from a strand's series (`strand` in
    words), with the total where only that is published (`totals`: the 'all' series)."""
    missing: dict[str, list[str]] = {}
    for strand, group in trend.groupby("strand", sort=True):
        for period in missing_periods(group["period"]):
            missing.setdefault(period, []).append(str(strand))
    every = set(trend["strand"])
    out = []
    for period in in_order(missing):
        strands = missing[period]
        if set(strands) < every:  # some strands only
            out.append(ngettext("No figures for {period} for {strands}: none of the publications used gives it; the "
                                "line is broken there, not joined across the year.",
                                "No figures for {period} for {strands}: none of the publications used gives them; "
                                "the lines are broken there, not joined across the year.", len(strands)).format(
                                    period=period, strands=and_(strands)))
            continue
        total = totals[(totals["period"] == period) & totals["value"].notna()]
        if total.empty:
            out.append(_("No figures by strand for {period}: none of the publications used gives this year; the lines "
                         "are broken there, not joined across the year.").format(period=period))
            continue
        note = total["note"].iloc[0] if "note" in total.columns else ""
        given = in_unit(figure(total["value"].iloc[0]), "offences") + (f"; {note}" if note else "")
        out.append(_("No figures by strand for {period}: only the total is published ({total}); the lines are broken "
                     "there, not joined across the year.").format(period=period, total=given))
    return out


def chart_alt(title: str, table_named: str | None) -> str:
    """A chart's text alternative: what it shows, and where its figures are as a table (`table_named`, in
    the current language: 'the table below'; None: nowhere)."""
    if table_named is None:
        return _("Chart: {title}.").format(title=title)
    return _("Chart: {title}; {table} gives the figures.").format(title=title, table=table_named)


def describe(title: str, shown: pd.DataFrame, category: str, value: str, numbers: Sequence[object],
             many: Callable[[int], str], ranked: bool = False, extra: Iterable[str] = ()) -> str:
    """One sentence on a chart for a screen reader, from its readable table (`category` and `value`
    columns) and its `numbers` (one a row, missing where hidden): how many categories it has (`many`:
    '24 hours') and its range or largest, then `extra` sentences."""
    values = pd.to_numeric(pd.Series(list(numbers), dtype=object), errors="coerce")
    words = {"title": title, "count": many(len(shown)).format(n=number(len(shown)))}
    if values.notna().any():
        top = shown.iloc[int(values.idxmax())]
        words |= {"name": top[category], "value": top[value], "first": shown[category].iloc[0],
                  "last": shown[category].iloc[-1]}
        said = (_("Chart: {title}: {count}; the largest is {name} ({value}).") if ranked else
                _("Chart: {title}: {count}; the highest is {name} ({value}); from {first} to {last}.") if len(shown) > 1
                else _("Chart: {title}: {count}; the highest is {name} ({value})."))
    else:
        said = _("Chart: {title}: {count}.")
    return " ".join([said.format(**words), *extra, _("The figures are under “Figures as a table”.")])
