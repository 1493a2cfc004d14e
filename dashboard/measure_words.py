"""What a tidy figure's `measure` counts, in words with its unit, for tables a person reads."""

from __future__ import annotations

from dashboard.labels import readable

MEASURE_WORDS: dict[str, str] = {  # the measures the bundled figures and mappings use
    "recorded_offences": "Hate crimes recorded by police (offences)",
    "motivating_factors": "Motivating factors recorded by police (factors)",
    "recorded_by_police": "Hate crimes recorded by police (hate crimes)",
    "prosecuted": "Prosecuted (cases)",
    "sentenced": "Sentenced (cases)",
    "police_referrals": "Referred by police to prosecution (suspects)",
    "prosecutions_completed": "Prosecutions completed (defendants)",
    "charge_rate_pct": "Charge rate (% of suspects referred)",
    "conviction_rate_pct": "Conviction rate (% of prosecutions completed)",
    "sentence_uplift_cases": "Sentence uplift announced (convictions)",
    "sentence_uplift_rate_pct": "Sentence uplift announced (% of convictions)",
    "incidents_reported": "Incidents reported to the organisation (incidents)",
    "survey_estimated_incidents_per_year": "Survey estimate of hate incidents (incidents a year)",
    "survey_share_reported_to_police_pct": "Survey incidents that came to police attention (% of incidents)",
    "survey_victims_satisfied_with_police_pct": "Victims satisfied with the police handling (% of victims surveyed)",
    "survey_victims_treated_fairly_pct": "Victims who felt treated fairly (% of victims surveyed)",
    "population": "Population (people)",
    "offences_per_100k_population": "Hate crimes recorded per 100,000 people (rate)",
}


def measure_words(code: str) -> str:
    """The words for a measure: a known one as listed, another as readable text with its unit where the
    code says it ('charge_rate_pct' reads 'Charge rate (%)'), never the code itself."""
    if code in MEASURE_WORDS:
        return MEASURE_WORDS[code]
    stem, percent = (code[:-4], True) if code.endswith("_pct") else (code, False)
    text = readable(stem, "Unnamed measure")
    return f"{text} (%)" if percent else text
