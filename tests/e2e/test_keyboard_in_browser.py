"""Scoring and saving a line with the keyboard alone: after signing in, Tab, Shift+Tab, the arrow keys,
Enter and Space reach the framework and action scores and Save, and the map then shows the new rating.
On the way, the evidence editor fits the page (no sideways scrolling)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from bench.steps import TIMEOUT, edge, open_relationship, settle, wait_for_map
from bench.team import PASSWORD

RELATIONSHIP = "prosecution-courts"  # AMBER in the 2019 grid (framework 2, action 2)
MAX_TABS = 150


def _focused(page: Page) -> dict:
    """What has keyboard focus: its role, its accessible name's start, and the radio group it is in."""
    return page.evaluate("""() => { const e = document.activeElement;
        const group = e.closest('[data-testid="stRadio"]');
        return {tag: e.tagName, type: e.type || '', checked: !!e.checked, text: (e.innerText || '').trim(),
                group: group ? group.innerText.split('\\n')[0] : null,
                value: e.type === 'radio' ? e.value : null,
                label: e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].innerText : '')}; }""")


def _tab_to(page: Page, wanted, key: str = "Tab") -> dict:  # type: ignore[no-untyped-def]
    """Press Tab (or Shift+Tab) until the focused element is the one `wanted` picks; what it is."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        now = _focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"{key} never reached it; focus ended on {_focused(page)}")


def _score_with_keys(page: Page, dimension: str, value: int) -> None:
    """With focus in the dimension's score group, move with the arrow keys to `value` and select it."""
    now = _focused(page)
    assert now["type"] == "radio" and now["group"].startswith(f"{dimension} score"), now
    for _ in range(8):
        if now["value"] is not None and _radio_index(page) == value:
            break
        page.keyboard.press("ArrowDown")
        now = _focused(page)
    page.keyboard.press("Space")
    settle(page)
    assert _radio_index(page) == value and _focused(page)["checked"], _focused(page)


def _radio_index(page: Page) -> int:
    """The position (0-3) of the focused radio button in its group."""
    return page.evaluate("""() => { const e = document.activeElement;
        const radios = [...e.closest('[role="radiogroup"]').querySelectorAll('input[type="radio"]')];
        return radios.indexOf(e); }""")


def _evidence_editor_fits(page: Page) -> None:
    """The evidence editor spans the page's width under both columns and does not scroll sideways."""
    editor = page.locator("[class*='st-key-evidence'] .dvn-scroller").first
    expect(editor).to_be_visible(timeout=TIMEOUT)
    width, scrolls = editor.evaluate("e => [e.clientWidth, e.scrollWidth]")
    main = page.locator("[data-testid='stMainBlockContainer']").evaluate("e => e.clientWidth")
    assert width >= 0.85 * main and scrolls <= width + 1, (width, scrolls, main)


def test_score_and_save_a_line_with_the_keyboard_alone(server, page, screenshot):
    open_relationship(page, server.url, RELATIONSHIP, "Ann Assessor", PASSWORD)  # signing in: bench.steps
    wait_for_map(page, RELATIONSHIP, "amber")
    settle(page)
    _evidence_editor_fits(page)
    page.locator("body").focus()
    in_group = lambda name: lambda f: f["type"] == "radio" and (f["group"] or "").startswith(name)  # noqa: E731

    _tab_to(page, in_group("Framework score"))
    _score_with_keys(page, "Framework", 3)
    _tab_to(page, in_group("Action score"))
    _score_with_keys(page, "Action", 3)
    # Back once with Shift+Tab to the framework score, and on again: the choice is kept.
    _tab_to(page, in_group("Framework score"), key="Shift+Tab")
    assert _radio_index(page) == 3
    _tab_to(page, in_group("Action score"))
    assert _radio_index(page) == 3

    saved = _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].endswith("Save"))
    assert saved["text"].endswith("Save")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved version").first).to_be_visible(timeout=TIMEOUT)
    wait_for_map(page, RELATIONSHIP, "green")  # 3 + 3: green, drawn on the map at once
    assert "rating-green" in (edge(page, RELATIONSHIP).get_attribute("class") or "")
    screenshot(page, "assess-saved-by-keyboard")
