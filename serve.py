"""The web server: the Streamlit app (streamlit_app.py) with ffgrid's sign-in page and gate.

`streamlit run serve.py` (what `make run` does) or any ASGI server: `uvicorn serve:app`.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.single_sign_on import offered, refused_provider, refused_words
from web.sign_in import SignInGate, SingleSignOn, sign_in_routes

_single_sign_on = SingleSignOn(providers=offered,
                               refused=lambda cookies: (label := refused_provider(cookies)) and refused_words(label))
app = st.App("streamlit_app.py", routes=sign_in_routes(_single_sign_on), middleware=[Middleware(SignInGate)])
