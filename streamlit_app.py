"""ffgrid's Streamlit entry point: page navigation only."""

import streamlit as st

st.set_page_config(page_title="ffgrid – Facing all the Facts", page_icon=":material/hub:", layout="wide")
st.navigation([st.Page("ui/overview.py", title="Overview", icon=":material/hub:", default=True)]).run()
