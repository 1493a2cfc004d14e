"""Data-quality checks on tidy figures: stage order, year-on-year jumps, gaps, strand sums, percentages.

Each flag names the figure (period, area, source, strand, measure, publication), a stable rule id
and a message (in the current language). The rules' settings are data (`dashboard/checks.yaml`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from base.i18n import N_, Translated, _, number
from base.yamlio import load_file
from dashboard.measure_words import measure_words
from dashboard.vocabulary import strands

CHECKS_FILE = Path(__file__).with_name("checks.yaml")
RULES = ("stage_order", "missing_stage", "yoy_change", "missing_period", "strand_sum", "pct_range")
RULE_WORDS = Translated({"stage_order": N_("A stage above the one before"),
                         "missing_stage": N_("A stage not published"),
                         "yoy_change": N_("A large change on the year before"), "missing_period": N_("A year missing"),
                         "strand_sum": N_("Strands add up to more than the total"),
                         "pct_range": N_("A percentage outside 0-100")})


@dataclass(frozen=True)
class Flag:
    period: str
    area: str
    source: str
    strand: str
    measure: str
    publication: str
    rule: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class CheckSettings:
    stage_order: dict[str, list[str]] = field(default_factory=dict)
    yoy_change_threshold_pct: float = 50.0
    strand_sum: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path = CHECKS_FILE) -> CheckSettings:
        return cls(**(load_file(path) or {}))


def start_year(period: str) -> int | None:
    """2018 for '2018' or '2018/19'; None for a pooled range such as '2015/16-2017/18'."""
    return None if "-" in period else int(period[:4])


def _flag(row, rule: str, message: str, **override: str) -> Flag:  # type: ignore[no-untyped-def]
    values = {k: str(getattr(row, k)) for k in ("period", "area", "source", "strand", "measure", "publication")}
    return Flag(**{**values, **override}, rule=rule, message=message)


def _fmt(x: float) -> str:
    return number(x, 0) if float(x).is_integer() else number(x, 1)


def check(figures: pd.DataFrame, settings: CheckSettings | None = None) -> list[Flag]:
    """Every flag raised by the rules on tidy figures (as `read_tidy` returns them)."""
    settings = settings or CheckSettings.load()
    flags: list[Flag] = []
    flags += _stage_order(figures, settings)
    flags += _yoy_and_gaps(figures, settings)
    flags += _strand_sum(figures, settings)
    pct = figures[figures["measure"].str.endswith("_pct") & ~figures["value"].between(0, 100)]
    flags += [_flag(r, "pct_range", _("a percentage of {value} is outside 0-100").format(value=number(r.value)))
              for r in pct.itertuples()]
    return flags


def _stage_order(figures: pd.DataFrame, settings: CheckSettings) -> list[Flag]:
    flags: list[Flag] = []
    for source, stages in settings.stage_order.items():
        rows = figures[(figures["source"] == source) & figures["measure"].isin(stages)]
        for _key, series in rows.groupby(["publication", "area", "strand"], sort=False):
            used = [s for s in stages if s in set(series["measure"])]  # stages this series reports at all
            for _period, group in series.groupby("period", sort=False):
                have = dict(zip(group["measure"], group["value"]))
                first = group.iloc[0]
                flags += [_flag(first, "missing_stage", _("no figure for {stage} in {period}, though other periods "
                                                          "have one").format(stage=measure_words(stage), period=first.period),
                                measure=stage) for stage in used if stage not in have]
                present = [s for s in used if s in have]
                flags += [_flag(first, "stage_order",
                                _("{later}: {later_value}, more than {earlier}: {earlier_value}").format(
                                    later=measure_words(later), later_value=_fmt(have[later]), earlier=measure_words(earlier),
                                    earlier_value=_fmt(have[earlier])), measure=later)
                          for earlier, later in zip(present, present[1:]) if have[later] > have[earlier]]
    return flags


def _yoy_and_gaps(figures: pd.DataFrame, settings: CheckSettings) -> list[Flag]:
    flags: list[Flag] = []
    years = figures.assign(year=figures["period"].map(start_year)).dropna(subset=["year"])
    series_key = ["source", "publication", "area", "strand", "measure"]
    for _key, series in years.sort_values("year").groupby(series_key, sort=False):
        rows = list(series.itertuples())
        for before, after in zip(rows, rows[1:]):
            if after.year - before.year > 1:
                gap = ", ".join(str(int(y)) for y in range(int(before.year) + 1, int(after.year)))
                flags.append(_flag(after, "missing_period",
                                   _("no figure for {years} between {before} and {after}").format(
                                       years=gap, before=before.period, after=after.period)))
            elif before.value == 0:
                if after.value != 0:
                    flags.append(_flag(after, "yoy_change", _("from 0 in {period} to {value}").format(
                        period=before.period, value=_fmt(after.value))))
            elif abs(after.value - before.value) / abs(before.value) * 100 > settings.yoy_change_threshold_pct:
                change = (after.value - before.value) / abs(before.value) * 100
                flags.append(_flag(after, "yoy_change", _("{change}% from {period} ({before} to {after})").format(
                    change=("+" if change >= 0 else "-") + number(abs(change), 0), period=before.period,
                    before=_fmt(before.value), after=_fmt(after.value))))
    return flags


def _strand_sum(figures: pd.DataFrame, settings: CheckSettings) -> list[Flag]:
    flags: list[Flag] = []
    for rule in settings.strand_sum:
        mine = figures[figures["source"] == rule["source"]]
        kinds = {s.id: s.kind for s in strands().values()}  # motivations are inside their monitored strand
        parts = mine[(mine["measure"] == rule["measure"]) & (mine["strand"].map(kinds) == "monitored")]
        totals = mine[(mine["measure"] == rule["total_measure"]) & (mine["strand"] == "all")]
        key = ["publication", "period", "area"]
        summed = parts.groupby(key, as_index=False)["value"].sum()
        joined = summed.merge(totals[[*key, "value", "source"]], on=key, suffixes=("", "_total"))
        for r in joined[joined["value"] > joined["value_total"]].itertuples():
            flags.append(Flag(r.period, r.area, r.source, "all", rule["measure"], r.publication, "strand_sum",
                              _("strands sum to {value}, above {total} ({total_value})").format(
                                  value=_fmt(r.value), total=rule["total_measure"], total_value=_fmt(r.value_total))))
    return flags
