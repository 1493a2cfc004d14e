"""The warm-up's timing rules: its later steps wait while pages run, and it does nothing without a server."""

from __future__ import annotations

import gc
import threading
import time

from ui import warmup


def test_the_later_steps_wait_while_a_page_runs_then_for_a_quiet_moment():
    done = threading.Event()
    waiter = threading.Thread(target=lambda: (warmup.wait_for_quiet(quiet=0.3, most=60), done.set()), daemon=True)
    with warmup.page_run():
        waiter.start()
        assert not done.wait(0.6)  # a page is running: no later step starts
    ended = time.monotonic()
    assert done.wait(30)
    assert time.monotonic() - ended >= 0.3  # and not before the quiet moment after it


def test_a_busy_server_is_warmed_all_the_same_after_the_longest_wait():
    with warmup.page_run():
        start = time.monotonic()
        warmup.wait_for_quiet(quiet=0.1, most=0.3)
        assert time.monotonic() - start >= 0.3


def test_nothing_is_warmed_without_streamlits_own_runtime(monkeypatch):
    """A script run that outlived its AppTest (whose stand-in runtime is gone) warms nothing."""
    monkeypatch.setattr(warmup, "SERVER_WAIT", 0.2)
    called = []
    monkeypatch.setattr(warmup, "warm_up", lambda *a, **k: called.append(a))
    warmup._run()
    assert not called


def test_the_warm_up_ends_by_setting_the_long_lived_objects_aside(monkeypatch):
    """Its last step freezes what is alive (gc.freeze), so later full collections walk only newer objects."""
    from ui import state

    for name in ("method", "repository", "accounts", "figures_frame", "case_store"):
        monkeypatch.setattr(state, name, lambda: None)
    monkeypatch.setattr(warmup, "MODULES", ())
    monkeypatch.setattr(warmup, "LATER", ())
    monkeypatch.setattr(warmup, "_maps", lambda: None)
    steps: list[str] = []
    try:
        warmup.warm_up(lambda step, s: steps.append(step))
        assert steps[-1] == "the long-lived objects set aside"
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_before_the_first_page_the_later_steps_wait_for_it(monkeypatch):
    """A server just started is about to serve its first page: no quiet moment counts until one has run."""
    monkeypatch.setattr(warmup, "_runs", [0, None])
    start = time.monotonic()
    warmup.wait_for_quiet(quiet=0.0, most=0.3)
    assert time.monotonic() - start >= 0.3
    with warmup.page_run():
        pass
    start = time.monotonic()
    warmup.wait_for_quiet(quiet=0.0, most=5)
    assert time.monotonic() - start < 1


def test_a_fragments_own_reruns_count_as_page_runs(monkeypatch):
    """A filter change reruns only its fragment: the later steps wait for it as for a page."""
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        import streamlit as st

        from ui import warmup

        @warmup.fragment
        def part() -> None:
            st.markdown(f"page runs now: {warmup._runs[0]}")

        part()

    monkeypatch.setattr(warmup, "_runs", [0, None])
    at = AppTest.from_function(script).run()
    assert not at.exception, at.exception
    assert at.markdown[0].value == "page runs now: 1"  # marked while it ran (the page around it is not)
    assert warmup._runs[0] == 0 and warmup._runs[1] is not None  # and when it ended


def test_a_map_laid_out_once_serves_every_name_it_is_shown_under(monkeypatch, model, ew):
    """The warm-up draws each assessment's map under no name; the Overview names it by country and date:
    Graphviz lays it out once, and each SVG carries its own name."""
    from scoring import score_assessment
    from ui import components

    calls = []
    render = components.render
    monkeypatch.setattr(components, "render", lambda dot, fmt: calls.append(dot) or render(dot, fmt))
    components.laid_out.clear()
    components.named_map.clear()
    lines = score_assessment(model, ew)
    unnamed = components.map_of(model, lines, plan=ew.plan, key=False)
    named = components.map_of(model, lines, plan=ew.plan, key=False, where="England and Wales, 2019")
    assert len(calls) == 1
    assert "England and Wales, 2019" in named and "England and Wales, 2019" not in unnamed
