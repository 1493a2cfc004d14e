"""What an assessment's published report says beyond the grid: its narrative sections (Markdown),
the imprint, the abbreviations it uses and the cut-off date of its figures. Part of an assessment
(its `report`); every field optional, so a report without them still builds.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from base.i18n import N_, Translated
from framework.model import Frozen
from framework.text import DateText, LongText, NoNul, ShortText

Abbreviation = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^\S(.*\S)?$"), NoNul]

# the narrative sections, in the order the report prints them, with their headings
SECTIONS = Translated({
    "executive_summary": N_("Executive summary"),
    "introduction": N_("Introduction"),
    "key_findings": N_("Key findings"),
    "conclusions": N_("Conclusions"),
})
HINTS = Translated({  # what each section is for, as the form says it
    "executive_summary": N_("The report in a page, for readers who read nothing else."),
    "introduction": N_("The national context: the legal framework, definitions of hate crime used, who took part."),
    "key_findings": N_("The findings in your words; the report adds findings generated from the scores after them."),
    "conclusions": N_("What the assessment shows, and what should happen next."),
})


class Imprint(Frozen):
    """Who publishes the report, under what licence, with whose thanks and support."""

    publisher: ShortText = ""
    version: ShortText = ""  # the report's edition, e.g. "1.0" or "Final, March 2020"
    licence: ShortText = ""  # e.g. "CC BY 4.0"
    contact: ShortText = ""
    acknowledgements: LongText = ""
    disclaimer: LongText = ""  # the funder's disclaimer, as the funder words it


IMPRINT_LABELS = Translated({
    "publisher": N_("Publisher"), "version": N_("Version"), "licence": N_("Licence"), "contact": N_("Contact"),
    "acknowledgements": N_("Acknowledgements"), "disclaimer": N_("Funder's disclaimer"),
})


class ReportTexts(Frozen):
    """The report's own texts and apparatus (see the module docstring)."""

    executive_summary: LongText = ""
    introduction: LongText = ""
    key_findings: LongText = ""
    conclusions: LongText = ""
    imprint: Imprint = Imprint()
    abbreviations: dict[Abbreviation, ShortText] = {}  # as the assessment uses them, on top of the profile's
    data_cutoff: DateText | None = None  # figures for periods starting after it are left out (default: the date)

    def section(self, key: str) -> str:
        """One narrative section's text (empty when not written)."""
        return str(getattr(self, key))

    def empty(self) -> bool:
        """Whether nothing has been written."""
        return self == ReportTexts()
