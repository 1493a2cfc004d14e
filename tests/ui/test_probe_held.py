"""What held up under the hardening probe, kept so: a viewer's deep link to Users shows nothing of it,
and paths or script in the address are ignored, never shown or followed."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from base.paths import ROOT
from ui import state

USERS = "ui/users.py"


def test_a_viewers_deep_link_to_users_shows_no_account(app, store):
    at = app(user="Vic Viewer")
    assert "users" not in at.session_state["pages"]  # the address /users opens the default page
    at = AppTest.from_file(str(ROOT / USERS))  # and the page itself, run for a viewer, refuses
    at.session_state["sign_in"] = state.sign_ins().start("Vic Viewer")
    at.run()
    assert [e.value for e in at.error] == ["Vic Viewer \\(viewer\\) may not manage users"]
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.title, *at.error, *at.info])
    assert "Ada Admin" not in shown and not [d for d in at.dataframe if "Name" in d.value.columns]
    assert not at.text_input and not [b for b in at.button if b.label == "Add user"]


@pytest.mark.parametrize("value", ["../../etc/passwd", "<script>alert(1)</script>", "javascript:alert(1)",
                                   "england-wales-2019/../../secrets.toml", "%00"])
def test_paths_and_script_in_the_address_are_ignored(app, value):
    at = app(assessment=None)
    at.query_params["assessment"] = value
    at.query_params["relationship"] = value
    at.switch_page("ui/assess.py").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="assessment_picker").value in {"england-wales-2019",
                                                                   "england-wales-2024-illustrative"}
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.title, *at.error, *at.info, *at.warning])
    assert value not in shown
