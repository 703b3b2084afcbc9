"""Browser tests: the real servers (scripts/serve.py, as `make run`) and Debian's
Chromium driven by Playwright. No browser is ever downloaded: executable_path
points at the system browser (`make browser` installs it from Debian)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from scripts import serve
from tests import ports
from tests.browser.chat_driver import KIOSK_TOKEN

CHROMIUM = os.environ.get("HEADACHE_CHROMIUM", "/usr/bin/chromium")
RASA_PORT, ACTION_PORT = ports.rasa(ports.BROWSER), ports.action(ports.BROWSER)
# The "clinic's website" of the cross-origin tests: "localhost" vs the bot's
# "127.0.0.1" is a different origin for the browser; the server lets it embed
# the widget (HEADACHE_WIDGET_ORIGINS), as a clinic would configure it.
CLINIC_SITE_PORT = ports.other(ports.CLINIC_SITE)
CLINIC_ORIGIN = f"http://localhost:{CLINIC_SITE_PORT}"
# Without the background-networking flags Chromium keeps trying to reach
# Google's hosts, which this machine's closed network refuses.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def server():
    previous = os.environ.get("HEADACHE_KIOSK_TOKENS")
    os.environ["HEADACHE_KIOSK_TOKENS"] = KIOSK_TOKEN
    try:
        with serve.running(rasa_port=RASA_PORT, action_port=ACTION_PORT,
                           extra_env={"HEADACHE_WIDGET_ORIGINS": CLINIC_ORIGIN}) as url:
            yield url
    finally:
        if previous is None:
            os.environ.pop("HEADACHE_KIOSK_TOKENS", None)
        else:
            os.environ["HEADACHE_KIOSK_TOKENS"] = previous


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context) -> Page:
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"
