"""What a tidy figure's `measure` counts, in words with its unit, for tables a person reads (in the current
language)."""

from __future__ import annotations

from base.i18n import N_, _
from dashboard.labels import readable

MEASURE_WORDS: dict[str, str] = {  # the measures the bundled figures and mappings use (read with _())
    "recorded_offences": N_("Hate crimes recorded by police (offences)"),
    "motivating_factors": N_("Motivating factors recorded by police (factors)"),
    "recorded_by_police": N_("Hate crimes recorded by police (hate crimes)"),
    "prosecuted": N_("Prosecuted (cases)"),
    "sentenced": N_("Sentenced (cases)"),
    "police_referrals": N_("Referred by police to prosecution (suspects)"),
    "prosecutions_completed": N_("Prosecutions completed (defendants)"),
    "charge_rate_pct": N_("Charge rate (% of suspects referred)"),
    "conviction_rate_pct": N_("Conviction rate (% of prosecutions completed)"),
    "sentence_uplift_cases": N_("Sentence uplift announced (convictions)"),
    "sentence_uplift_rate_pct": N_("Sentence uplift announced (% of convictions)"),
    "incidents_reported": N_("Incidents reported to the organisation (incidents)"),
    "survey_estimated_incidents_per_year": N_("Survey estimate of hate incidents (incidents a year)"),
    "survey_share_reported_to_police_pct": N_("Survey incidents that came to police attention (% of incidents)"),
    "survey_victims_satisfied_with_police_pct":
        N_("Victims satisfied with the police handling (% of victims surveyed)"),
    "survey_victims_treated_fairly_pct": N_("Victims who felt treated fairly (% of victims surveyed)"),
    "population": N_("Population (people)"),
    "offences_per_100k_population": N_("Hate crimes recorded per 100,000 people (rate)"),
}


def measure_words(code: str) -> str:
    """The words for a measure: a known one as listed, another as readable text with its unit where the
    code says it ('charge_rate_pct' reads 'Charge rate (%)'), never the code itself."""
    if code in MEASURE_WORDS:
        return _(MEASURE_WORDS[code])
    stem, percent = (code[:-4], True) if code.endswith("_pct") else (code, False)
    text = readable(stem, _("Unnamed measure"))
    return f"{text} (%)" if percent else text
