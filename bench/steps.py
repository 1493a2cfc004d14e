"""Browser steps on the running app (Playwright), shared by the end-to-end tests and the benchmarks."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

TIMEOUT = 20_000  # ms


def edge(page: Page, relationship: str):  # type: ignore[no-untyped-def]
    """The map's edge for a relationship (its id comes from the DOT source)."""
    return page.locator(f"figure.ffgrid-map svg g#line-{relationship}").first


def wait_for_map(page: Page, relationship: str, rating: str | None = None) -> None:
    """Wait until the map is drawn, and if given until the relationship's edge shows `rating`.

    A line scored per strand (or within a grey line) is drawn as several edges `line-ID-...`: the
    first is checked. Checked on every animation frame, so the moment it changes is timed precisely.
    """
    page.wait_for_function(
        """([id, cls]) => { const e = document.querySelector(
                                `figure.ffgrid-map svg g[id="${id}"], figure.ffgrid-map svg g[id^="${id}-"]`);
                            return e !== null && (cls === null || e.classList.contains(cls)); }""",
        arg=[f"line-{relationship}", f"rating-{rating.replace('/', '-')}" if rating else None],
        polling="raf", timeout=TIMEOUT)


def wait_for_text(page: Page, *texts: str, timeout: float = TIMEOUT) -> str:
    """Wait until a paragraph, heading or button whose whole text is one of `texts` is shown, and return
    which. Checked on every animation frame, so the moment it shows is timed precisely (Playwright's
    `expect` checks at growing intervals, up to a second apart)."""
    return page.wait_for_function(
        """(texts) => { for (const e of document.querySelectorAll("p, h1, h2, h3, button")) {
                            const text = e.textContent.trim();
                            if (texts.includes(text) && e.getClientRects().length > 0) return text; }
                        return false; }""",
        arg=list(texts), polling="raf", timeout=timeout).json_value()


def open_relationship(page: Page, base_url: str, relationship: str, name: str | None, password: str | None,
                      assessment: str = "england-wales-2019") -> None:
    """Open the Assess page on one relationship of an assessment (a deep link, through sign-in unless
    `name` is None: a browser still signed in goes straight there) and wait for its form."""
    page.goto(f"{base_url}/assess?assessment={assessment}&relationship={relationship}")
    if name is not None and password is not None:
        sign_in(page, name, password)
    expect(page.get_by_role("button", name="Save")).to_be_visible(timeout=TIMEOUT)
    wait_for_map(page, relationship)


def visit(page: Page, base_url: str, path: str, name: str, password: str,
          assessment: str = "england-wales-2019") -> None:
    """Open a page of the app on an assessment (a new browser session: through the sign-in page)."""
    page.goto(f"{base_url}/{path}?assessment={assessment}")
    sign_in(page, name, password)


def settle(page: Page) -> None:
    """Wait until the app has finished its run (a click during a rerun can land on a widget being replaced)."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=TIMEOUT)


def sign_in(page: Page, name: str, password: str) -> None:
    """Sign in on the sign-in page (every new browser session starts there) and wait until signed in."""
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_text(page, "Sign out")


def sign_out(page: Page) -> None:
    """Sign out and wait until the app says so."""
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You signed out.")).to_be_visible(timeout=TIMEOUT)


def choose_option(page: Page, box: str, typed: str, option: str) -> None:
    """In the select box named `box`, type `typed` and take the option `option` (the first one shown).

    Enter, not a click: the list of options is drawn again while it filters, and a click can land on
    an option that is being replaced. A rerun of the page can close the list meanwhile: then it is
    opened and typed into again."""
    combo = page.get_by_role("combobox", name=box)
    shown = page.get_by_role("option", name=option).first
    for attempt in range(3):
        combo.click()
        combo.fill(typed)
        try:
            expect(shown).to_be_visible(timeout=TIMEOUT // 3)
            break
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Enter")


def choose_score(page: Page, dimension: str, value: int) -> None:
    """Click a score (0-3) in the 'Framework score' or 'Action score' radio group."""
    group = page.locator("[data-testid='stRadio']").filter(has_text=f"{dimension} score")
    group.locator("label").filter(has_text=re.compile(rf"^{value}\b")).first.click()


def save(page: Page) -> None:
    """Click Save and wait for the confirmation and the end of that run (the next click is not lost)."""
    button = page.locator(".st-key-save button")
    expect(button).to_have_count(1, timeout=TIMEOUT)  # not while a rerun shows old and new side by side
    button.click()
    expect(page.get_by_text(re.compile(r"Saved version \d+")).first).to_be_visible(timeout=TIMEOUT)
    settle(page)
