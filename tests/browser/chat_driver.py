"""Talking to the assistant through a page the way a person does: clicking the
buttons it offers, tapping the head map, typing only where typing is asked."""
from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Callable, Mapping, Union

from playwright.sync_api import Page

from scripts import serve

SCREENSHOTS = serve.VAR / "screenshots"
AXE = serve.ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
KIOSK_TOKEN = "browser-test-kiosk"   # the device token the test server accepts

BOT = ".hw-msg.hw-bot"
# What a person does for a question: click the button with this title, tap
# these head-map regions, press these number-pad keys, or type this text.
Answer = Union["Click", "Tap", "Keypad", str]


class Click(str):
    """Click the quick-reply button with exactly this title."""


class Tap(tuple):
    """Tap these head-map regions, then Send (the chat's one Send)."""


class Keypad(str):
    """Press these digits on the number pad, then OK."""


class Choose(tuple):
    """Tick these options (by their titles) of a checklist, then Send; nothing to
    tick: press its "none" button (`none`: its title, "None of these" by default)."""

    none = "None of these"


class ChooseOrNot(Choose):
    """A checklist whose "none" button says "Not sure"."""

    none = "Not sure"


def bot_count(page: Page) -> int:
    return page.locator(BOT).count()


def settle(page: Page, before: int, quiet: float = 0.6, timeout: float = 30) -> None:
    """Wait for the bot's reply to `before` messages and for the reply to finish."""
    page.wait_for_function(f"document.querySelectorAll('{BOT}').length > {before}",
                           timeout=timeout * 1000)
    last, since = bot_count(page), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.1)
        now = bot_count(page)
        if now != last:
            last, since = now, time.monotonic()


def act(page: Page, answer: Answer, typed: Callable[[Page, str], None]) -> None:
    before = bot_count(page)
    if isinstance(answer, Click):
        page.locator(".hw-quick").last.get_by_role("button", name=str(answer), exact=True).click()
    elif isinstance(answer, Tap):
        headmap = page.locator(".hw-headmap").last
        for region in answer:
            headmap.locator(f"svg [data-region={region}]").first.click()
        page.locator(".hw-send").last.click()
    elif isinstance(answer, Choose):
        checklist = page.locator(".hw-checklist").last
        if not answer:
            checklist.get_by_role("button", name=answer.none).click()
        else:
            for title in answer:
                checklist.get_by_label(title, exact=True).check()
            page.locator(".hw-send").last.click()
    elif isinstance(answer, Keypad):
        pad = page.locator(".hw-numpad").last
        for digit in str(answer):
            pad.locator(f"button[data-key='{digit}']").click()
        pad.locator("button[data-key='ok']").click()
    else:
        typed(page, answer)
    settle(page, before)


def type_message(page: Page, text: str) -> None:
    page.locator(".hw-input").last.fill(text)
    page.locator(".hw-send").last.click()


def answer_until(page: Page, server: str, session: Callable[[], str],
                 answers: Mapping[str, Answer], stop_when: Callable[[Page], bool],
                 typed: Callable[[Page, str], None] = type_message, max_turns: int = 40,
                 on_ask: Callable[[Page, str], None] = lambda page, slot: None) -> list[str]:
    """Answer whatever is asked (read from the server's `requested_slot`) until
    `stop_when(page)`; returns the slots asked, in order. `on_ask(page, slot)`
    runs before each answer (screenshots)."""
    asked = []
    for _ in range(max_turns):
        if stop_when(page):
            return asked
        slot = requested_slot(server, session())
        for _ in range(20):   # the form's question can follow the reply's first words
            if slot is not None or stop_when(page):
                break
            time.sleep(0.25)
            slot = requested_slot(server, session())
        if stop_when(page):
            return asked
        asked.append(slot)
        if slot is None:
            raise AssertionError(f"nothing is being asked; asked so far: {asked}")
        on_ask(page, slot)
        answer = answers.get(slot) or (Choose() if slot.startswith("screen_") else None)
        if answer is None:
            raise AssertionError(f"no answer prepared for {slot!r}; asked so far: {asked}")
        act(page, answer, typed)
    raise AssertionError(f"did not finish in {max_turns} turns: {asked}")


def screenshot(page: Page, name: str, top_of: str | None = None) -> Path:
    """var/screenshots/<name>.png; `top_of`: a selector scrolled to the top first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if top_of:
        page.locator(top_of).last.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def tracker(server: str, session_token: str) -> dict:
    """The conversation as the server keeps it (the sender id is the token's id part)."""
    sender = session_token.split(".")[0]
    with urllib.request.urlopen(f"{server}/conversations/{sender}/tracker"
                                f"?token={serve.api_token()}", timeout=30) as r:
        return json.loads(r.read())


def requested_slot(server: str, session_token: str) -> str | None:
    return tracker(server, session_token)["slots"].get("requested_slot")


def serious_accessibility_problems(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of serious or critical impact on the page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                 .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
