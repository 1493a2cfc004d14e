"""The web server: the Streamlit app (streamlit_app.py) with ffgrid's sign-in page and gate.

`streamlit run serve.py` (what `make run` does) or any ASGI server: `uvicorn serve:app`. The process's
one-time work (imports, the method, the database, the maps) starts with the server, in the background.
"""

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from web.sign_in import SignInGate, SingleSignOn, service, sign_in_routes

# The app's own modules are imported once Streamlit's runtime exists (their caches belong to it).


@asynccontextmanager
async def _lifespan(_app: object) -> AsyncIterator[None]:
    from ui.warmup import start

    start(service)  # the process's one-time work, while the first person signs in
    yield


def _providers() -> tuple[tuple[str, str], ...]:
    from ui.single_sign_on import offered

    return offered()


def _refused(cookies: Mapping[str, str]) -> str | None:
    from ui.single_sign_on import refused_provider, refused_words

    return (label := refused_provider(cookies)) and refused_words(label)


_single_sign_on = SingleSignOn(providers=_providers, refused=_refused)
app = st.App("streamlit_app.py", routes=sign_in_routes(_single_sign_on), middleware=[Middleware(SignInGate)],
             lifespan=_lifespan)
