"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

Every page a test opens is watched for console errors and failed requests (a Content Security
Policy violation shows up as a console error), and a test fails if any appears.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# from that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is required for the browser tests (make test installs it).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems(list):
    """Console errors and failed requests seen on a page."""


@pytest.fixture
def page(browser, live_server, settings):
    """A fresh browser page, in English, that fails the test on any console error."""
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = PageProblems()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    # A request the page itself cancels by navigating away (net::ERR_ABORTED) is no failure.
    page.on(
        "requestfailed",
        lambda request: (
            "ERR_ABORTED" not in (request.failure or "")
            and problems.append(f"{request.url}: {request.failure}")
        ),
    )
    page.base_url = live_server.url
    yield page
    context.close()
    assert not problems, f"The browser reported problems: {problems}"
