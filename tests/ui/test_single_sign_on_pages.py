"""Single sign-on through AppTest (st.user and st.secrets as a provider would leave them): a first
sign-in waits for a role and opens no page; the admin gives one on the Users page and the person
works; a bad role mapping is named; an unlinked identity is signed out of the provider (st.logout)
at its next action; Sign out ends the provider's sign-in."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from framework import ROOT
from store.identities import Identities

ISSUER = "https://login.example.org/tenant"
SECRETS = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "c" * 32,
                    "entra": {"label": "Microsoft", "client_id": "x", "client_secret": "y",
                              "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}},
           "ffgrid": {"sso": {"role_claim": "groups", "roles": {"ffgrid-reviewers": "reviewer"}}}}


def _person(sub: str = "nora-sub", **claims: object) -> dict:
    return {"is_logged_in": True, "iss": ISSUER, "sub": sub, "provider": "entra", "name": "Nóra Nagy",
            "email": "nora@example.org", **claims}


def _signed_in_by_provider(person: dict, secrets: dict = SECRETS, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.secrets, at.user = secrets, person
    at.query_params["assessment"] = "england-wales-2019"
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_first_sign_in_waits_then_the_admin_gives_a_role_on_the_users_page(app, store):
    at = _signed_in_by_provider(_person(groups=["staff"]))
    assert _titles(at) == ["Your account waits for an administrator"]
    assert at.session_state["user_name"] == "Nóra Nagy" and "pages" not in at.session_state
    at.switch_page("ui/assess.py").run()  # a page asked for by name does not open either
    assert _titles(at) == ["Your account waits for an administrator"] and not at.button(key="sign_out").disabled
    assert not any(b.label == "Save" for b in at.button)

    admin = app("ui/users.py", user="Ada Admin")
    assert any("Waiting for a role" in w.value and "Nóra Nagy" in w.value for w in admin.warning)
    table = admin.dataframe[0].value.set_index("Name")
    assert table.loc["Nóra Nagy", "Role"] == "no role yet (waits for one)"
    assert table.loc["Nóra Nagy", "Signs in with"] == "entra"  # the admin's session has no provider labels
    assert table.loc["Ada Admin", "Signs in with"] == "password"
    admin.selectbox(key="change_user").set_value("Nóra Nagy").run()
    admin.selectbox(key="role@Nóra Nagy").set_value("assessor")
    admin.button(key="save_user").click().run()
    assert any("Saved Nóra Nagy" in s.value for s in admin.success), [e.value for e in admin.error]

    at.button(key="check_role").click().run()  # the next action reads the role anew
    assert not at.exception, at.exception
    assert "pages" in at.session_state and "Your account waits for an administrator" not in _titles(at)
    assert any("Signed in as **Nóra Nagy** (assessor)" in c.value for c in at.sidebar.caption)


def test_a_role_from_the_claim_and_a_bad_mapping_named(app, store):
    at = _signed_in_by_provider(_person("rita-sub", name="Rita Review", groups=["ffgrid-reviewers"]))
    assert any("Signed in as **Rita Review** (reviewer)" in c.value for c in at.sidebar.caption)
    bad = {**SECRETS, "ffgrid": {"sso": {"role_claim": "groups", "roles": {"ffgrid-reviewers": "boss"}}}}
    at = _signed_in_by_provider(_person("other-sub", name="Olga Other"), secrets=bad)
    assert [e.value for e in at.error] == [
        "Single sign-on is not set up right: secrets [ffgrid.sso.roles] 'ffgrid-reviewers' = 'boss': not a role "
        "(one of admin, assessor, reviewer, viewer). Tell the administrator."]
    assert "Olga Other" not in {a.name for a in Identities(store.engine).accounts.list()}  # nothing half-made


def test_an_unlinked_identity_is_signed_out_of_the_provider_at_its_next_action(app, store):
    at = _signed_in_by_provider(_person("vic-sub", name="Vic Linked", groups=["ffgrid-reviewers"]))
    assert at.session_state["user_name"] == "Vic Linked"
    Identities(store.engine).remove("Vic Linked", "Ada Admin")
    at.run()  # the next action
    assert at.user == {"is_logged_in": False}  # st.logout: the provider's sign-in in this browser ended
    assert "user_name" not in at.session_state
    assert any(b.label == "Sign in with Microsoft" for b in at.button)


def test_sign_out_ends_the_providers_sign_in(app, store):
    at = _signed_in_by_provider(_person("rita-sub", name="Rita Review", groups=["ffgrid-reviewers"]))
    at.sidebar.button(key="sign_out").click().run()
    assert at.user == {"is_logged_in": False} and "user_name" not in at.session_state
    # the run ends there and the browser goes to the provider's sign-out and back to a new session, which
    # the sign-in page greets (tests/e2e/test_single_sign_on_in_browser.py follows it in a browser)
    assert not at.exception and "sign_in" not in at.session_state


def test_an_idle_session_is_signed_out_of_the_provider_too(app, store, monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr("ui.state.clock", lambda: now[0])
    at = _signed_in_by_provider(_person("rita-sub", name="Rita Review", groups=["ffgrid-reviewers"]))
    assert at.session_state["user_name"] == "Rita Review"
    now[0] += 31 * 60
    at.run()
    assert at.user == {"is_logged_in": False} and "user_name" not in at.session_state
