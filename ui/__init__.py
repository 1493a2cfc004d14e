"""Streamlit pages and small components; the logic they call lives outside ui/."""
