"""The data side: statistics and case records with provenance, indicators, checks (no Streamlit)."""
