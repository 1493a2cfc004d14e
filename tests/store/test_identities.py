"""Accounts reached by single sign-on, on SQLite and PostgreSQL: the first sign-in makes a role-less
account named after the person (made unique), linked by issuer and subject (not the e-mail); the
next sign-in finds it; a claim's role is given to a role-less account; switched off or unlinked, the
identity signs in to nothing; every account made is in the log."""

from __future__ import annotations

import pytest

from access import Forbidden, require
from access.workspace import Workspace
from store.accounts import AccountError, Accounts
from store.audit import AuditLog
from store.identities import ACTOR, Identities, Identity, unique_name

ISSUER = "https://login.example.org/tenant"


def nora(subject: str = "sub-1", email: str = "nora@example.org", name: str | None = "Nóra Nagy") -> Identity:
    return Identity(ISSUER, subject, "entra", name, email)


def test_first_sign_in_makes_a_role_less_account_that_the_next_sign_in_finds(repo):
    ids = Identities(repo.engine)
    user, made = ids.sign_in(nora())
    assert made and (user.name, user.role, user.assigned) == ("Nóra Nagy", "", frozenset())
    with pytest.raises(Forbidden, match="no role yet"):  # a role-less account may do nothing
        require(user, "read")
    with pytest.raises(Forbidden):
        Workspace(repo, user).list()
    again, made = ids.sign_in(nora(email="n.nagy@new.example.org"))  # a new e-mail: the same person
    assert not made and again == user
    assert [a.name for a in Accounts(repo.engine).list()] == ["Nóra Nagy"]
    assert Accounts(repo.engine).verify("Nóra Nagy", "") is None  # no password to sign in with
    [entry] = AuditLog(repo.engine).entries(users=True)
    assert (entry.actor, entry.action, entry.field) == (ACTOR, "user_added", "user:Nóra Nagy")
    assert "signs in with entra" in entry.new


def test_names_are_made_unique_and_fall_back_to_the_email(repo):
    ids = Identities(repo.engine)
    Accounts(repo.engine).add("Nóra Nagy", "a local password", "viewer")  # a local account keeps its name
    assert ids.sign_in(nora("a"))[0].name == "Nóra Nagy (2)"
    assert ids.sign_in(nora("b"))[0].name == "Nóra Nagy (3)"
    assert ids.sign_in(nora("c", name=None, email="c@example.org"))[0].name == "c@example.org"
    assert ids.sign_in(Identity("https://other.example.org", "a", "google", "Nóra Nagy"))[0].name == "Nóra Nagy (4)"
    assert unique_name("x" * 200, {"x" * 200}) == "x" * 196 + " (2)"


def test_a_role_from_the_claim_then_the_admin_decides(repo):
    ids = Identities(repo.engine)
    user, _ = ids.sign_in(nora(), role="assessor")
    assert user.role == "assessor"
    Accounts(repo.engine).set_role("Nóra Nagy", "viewer", "Ada Admin")
    assert ids.sign_in(nora(), role="assessor")[0].role == "viewer"  # a claim never overrides a given role
    later, _ = ids.sign_in(nora("sub-2"))
    assert later.role == ""
    assert ids.sign_in(nora("sub-2"), role="reviewer")[0].role == "reviewer"  # a role-less one takes it
    with pytest.raises(AccountError, match="unknown role"):
        ids.sign_in(nora("sub-3"), role="boss")


def test_switched_off_or_unlinked_the_identity_signs_in_to_nothing(repo):
    ids = Identities(repo.engine)
    ids.sign_in(nora(), role="viewer")
    assert ids.user(ISSUER, "sub-1").name == "Nóra Nagy"
    Accounts(repo.engine).set_active("Nóra Nagy", False, "Ada Admin")
    assert ids.user(ISSUER, "sub-1") is None and ids.sign_in(nora()) == (None, False)
    Accounts(repo.engine).set_active("Nóra Nagy", True, "Ada Admin")
    assert ids.providers() == {"Nóra Nagy": ("entra",)}
    ids.remove("Nóra Nagy", "Ada Admin")
    assert ids.user(ISSUER, "sub-1") is None and ids.providers() == {}
    with pytest.raises(AccountError, match="does not sign in through a provider"):
        ids.remove("Nóra Nagy", "Ada Admin")
    fields = [e.field for e in AuditLog(repo.engine).entries(users=True)]
    assert "user:Nóra Nagy.single_sign_on" in fields
    assert ids.sign_in(nora())[0].name == "Nóra Nagy (2)"  # unlinked: a new sign-in is a new account
