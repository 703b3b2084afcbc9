"""Talking to the assistant through a page the way a person does: clicking the
buttons it offers, tapping the head map, typing only where typing is asked."""
from __future__ import annotations

import time
from typing import Callable, Mapping, Union

from playwright.sync_api import Page

from tests.browser.conftest import requested_slot

BOT = ".hw-msg.hw-bot"
# What a person does for a question: click the button with this title, tap
# these head-map regions, press these number-pad keys, or type this text.
Answer = Union["Click", "Tap", "Keypad", str]


class Click(str):
    """Click the quick-reply button with exactly this title."""


class Tap(tuple):
    """Tap these head-map regions, then Send."""


class Keypad(str):
    """Press these digits on the number pad, then OK."""


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
        headmap.locator(".hw-headmap-send").click()
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
        asked.append(slot)
        if slot is None:
            raise AssertionError(f"nothing is being asked; asked so far: {asked}")
        on_ask(page, slot)
        answer = answers.get(slot) or (Click("No") if slot.startswith("flag_") else None)
        if answer is None:
            raise AssertionError(f"no answer prepared for {slot!r}; asked so far: {asked}")
        act(page, answer, typed)
    raise AssertionError(f"did not finish in {max_turns} turns: {asked}")
