"""The web server: the Streamlit app (streamlit_app.py) with ffgrid's sign-in page and gate.

`streamlit run serve.py` (what `make run` does) or any ASGI server: `uvicorn serve:app`.
"""

import streamlit as st
from starlette.middleware import Middleware

from web.sign_in import SignInGate, sign_in_routes

app = st.App("streamlit_app.py", routes=sign_in_routes(), middleware=[Middleware(SignInGate)])
