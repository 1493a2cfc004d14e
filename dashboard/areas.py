"""The areas of a country's figures: which published figures belong to the assessment's country.

A country is a country model (with `.profile`) or a profile: its `statistics_areas` name the areas
its statistics use, main one first (England and Wales, then the United Kingdom of OSCE-ODIHR's
figures), and `statistics_parts` the smaller areas inside it that figures name (police forces, a
CSO's service area). Figures of any other area are another country's and are never shown for it.
Duck-typed, so that the dashboard does not import the framework.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from babel import Locale

from base.i18n import _, locale


ENGLISH = Locale("en")  # the names profiles give in English, to tell a country's ISO code from any other


def _key(name: str) -> str:
    """An area's name compared loosely: case and spacing ignored, '&' read as 'and'."""
    return " ".join(str(name).replace("&", " and ").lower().split())


def profile_of(country: Any) -> Any:
    """The profile of a country model, or the profile itself (None for no country)."""
    return getattr(country, "profile", country)


def country_name(country: Any) -> str:
    """The country's name for sentences, in the language spoken now: CLDR's name where the profile's code is
    the country's own (ISO) code, else its English name (England and Wales, a profile made in the app)."""
    profile = profile_of(country)
    english = str(getattr(profile, "name_en", None) or getattr(profile, "name", "this country"))
    code = str(getattr(profile, "code", "")).upper()
    return locale().territories.get(code, english) if ENGLISH.territories.get(code) == english else english


def statistics_areas(country: Any) -> tuple[str, ...]:
    """The area names the country's statistics use, main one first."""
    return tuple(getattr(profile_of(country), "statistics_areas", ()) or ())


def _known(country: Any) -> dict[str, str]:
    """Every area name of the country (main areas, then parts), by its loose key."""
    parts = tuple(getattr(profile_of(country), "statistics_parts", ()) or ())
    return {_key(a): a for a in reversed((*statistics_areas(country), *parts))}


def areas_to_show(country: Any, figures: pd.DataFrame) -> tuple[str, ...]:
    """The country's `statistics_areas` that have figures, main one first, as the figures spell them."""
    present = {_key(a): a for a in dict.fromkeys(figures["area"])} if not figures.empty else {}
    return tuple(present[_key(a)] for a in statistics_areas(country) if _key(a) in present)


def of_country(figures: pd.DataFrame, country: Any) -> pd.DataFrame:
    """The figures of the country's areas and parts only (all of them when `country` is None)."""
    if profile_of(country) is None:
        return figures
    known = _known(country)
    return figures[figures["area"].map(lambda a: _key(a) in known)]


def no_figures(country: Any, shown: Callable[[str], str] = str) -> str:
    """What to say when the country has no figures (its name made literal by `shown`, e.g. for Markdown)."""
    return _("No published figures for {country} have been imported yet.").format(
        country=shown(country_name(country)))
