"""The sign-in page through AppTest: a throttled try gets one message whatever the name, and the
account takes a password again once the pause is over (the app's clock controlled)."""

from __future__ import annotations

PASSWORD = "a test password"  # the accounts in tests/ui/conftest.py

WAIT = "Too many tries: wait 60 seconds, then try again."


def _sign_in(at, name: str, password: str) -> list[str]:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return [e.value for e in at.error]


def test_a_throttled_try_says_the_same_for_known_and_unknown_names_then_the_owner_signs_in(app, monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr("ui.state.clock", lambda: now[0])
    said = {}
    for name in ("Ada Admin", "Nobody At All"):
        at = app(user=None)
        said[name] = [_sign_in(at, name, "a wrong password") for _ in range(6)]
    assert said["Ada Admin"] == said["Nobody At All"]
    assert said["Ada Admin"][:5] == [["That name and password do not match an active account."]] * 5
    assert said["Ada Admin"][5] == [WAIT] and "account" not in WAIT
    at = app(user=None)
    assert _sign_in(at, "Ada Admin", PASSWORD) == [WAIT]  # the right password waits too
    assert "user_name" not in at.session_state
    now[0] += 60
    assert _sign_in(at, "Ada Admin", PASSWORD) == [] and at.session_state["user_name"] == "Ada Admin"
