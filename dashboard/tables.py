"""The dashboard's tables as a person reads them, on screen and in print: headings in words with their
units, values rounded, "–" where a figure is not published; the notes on years missing from a series;
and each chart's text alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
import pandas as pd

from dashboard.evidence import with_unit
from dashboard.periods import in_order, missing_periods

Column = tuple[str, str, Callable[[object], str]]  # frame column, heading, formatter
Count = Callable[[object], str]
MISSING = "–"


def pct(value: object) -> str:
    """A percentage to one decimal: '42.5%'; '–' when missing."""
    return MISSING if pd.isna(value) else f"{value:,.1f}%"


def text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def figure(value: object) -> str:
    """A published figure as a whole number: 79010.6667 reads '79,011'; '–' when missing."""
    return MISSING if value is None or pd.isna(value) else f"{round(float(value)):,}"


def one_decimal(value: object) -> str:
    return MISSING if value is None or pd.isna(value) else f"{float(value):,.1f}"


def counted(count: Count, value: object, unit: object) -> str:
    """A count with what it counts: '10,749 suspects', 'fewer than 10 defendants'; '–' when not published."""
    shown = count(value)
    return shown if shown == MISSING else f"{shown} {unit}"


def funnel_columns(count: Count = figure) -> list[Column]:
    """The funnel's table (its frame with `number` = (count, unit) pairs, see `with_numbers`)."""
    return [("stage", "Stage", text), ("number", "Number", lambda v: counted(count, *v)),  # type: ignore[misc]
            ("pct_of_previous", "% of the stage before", pct), ("pct_of_first", "% of the first stage", pct),
            ("how", "How counted", text)]


def with_numbers(steps: pd.DataFrame) -> pd.DataFrame:
    """The funnel's steps with `number`: each count with its unit, as `funnel_columns` shows it."""
    return steps.assign(number=list(zip(steps["count"], steps["unit"])))


def gap_columns(count: Count = figure) -> list[Column]:
    """The reporting gap's table."""
    return [("period", "Survey years", text), ("survey_estimate", "Survey estimate (incidents a year)", count),
            ("police_recorded_mean", "Police-recorded, mean of the same years (offences a year)", count),
            ("recorded_share_pct", "Recorded share (% of the estimate)", pct)]


def versus_columns(area: str, count: Count = figure, strand: Callable[[object], str] = text) -> list[Column]:
    """CSO-recorded against police-recorded (organisations already named by their publisher)."""
    return [("organisation", "Organisation", text), ("strand", "Strand", strand),
            ("period", "Period", text), ("cso_area", "Organisation's area", text),
            ("cso_incidents", "Incidents the organisation recorded", count),
            ("police_recorded", f"Offences police recorded ({area})", count),
            ("cso_per_100_police", "Incidents per 100 police-recorded offences", one_decimal)]


def rates_columns(count: Count = figure) -> list[Column]:
    """Rates per 100,000 people by police force."""
    return [("area", "Police force", text), ("per_100k", "Offences per 100,000 people", one_decimal),
            ("count", "Offences recorded", count), ("population", "Population (people)", count)]


def table(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """The frame as a person reads it: one column per `Column`, headed in words, every value formatted."""
    return pd.DataFrame({heading: [fmt(v) for v in frame[column]] for column, heading, fmt in columns})


def and_(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


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
        if set(missing[period]) < every:  # some strands only
            out.append(f"No figures for {period} for {and_(missing[period])}: none of the publications used gives "
                       f"{'them' if len(missing[period]) > 1 else 'it'}; the line{'s are' if len(missing[period]) > 1 else ' is'}"
                       " broken there, not joined across the year.")
            continue
        total = totals[(totals["period"] == period) & totals["value"].notna()]
        note = total["note"].iloc[0] if not total.empty and "note" in total.columns else ""
        given = (f"only the total is published ({with_unit(float(total['value'].iloc[0]), 'offences')}"
                 + (f"; {note}" if note else "") + ")"
                 if not total.empty else "none of the publications used gives this year")
        out.append(f"No figures by strand for {period}: {given}; the lines are broken there, not joined across the year.")
    return out


def chart_alt(title: str, table_named: str | None = "the table below") -> str:
    """A chart's text alternative: what it shows, and where its figures are as a table."""
    return f"Chart: {title}" + (f"; {table_named} gives the figures." if table_named else ".")


def describe(title: str, shown: pd.DataFrame, category: str, value: str, what: str,
             ranked: bool = False, extra: Iterable[str] = ()) -> str:
    """One sentence on a chart for a screen reader, from its readable table (`category` and `value`
    columns): how many `what` it has and its range or largest, then `extra` sentences."""
    values = pd.to_numeric(shown[value].astype(str).str.replace(",", "").str.split().str[0], errors="coerce")
    said = [f"Chart: {title}: {len(shown)} {what}"]
    if values.notna().any():
        top = shown.loc[values.idxmax()]
        said.append(f"the {'largest' if ranked else 'highest'} is {top[category]} ({top[value]})")
        if not ranked and len(shown) > 1:
            said.append(f"from {shown[category].iloc[0]} to {shown[category].iloc[-1]}")
    return " ".join(["; ".join(said) + ".", *extra, "The figures are under “Figures as a table”."])
