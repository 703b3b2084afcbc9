"""The waiting-room kiosk: a shared touch screen, no typing needed, nothing kept."""
from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from bot.storage import records
from tests.browser.chat_driver import (Choose, KIOSK_TOKEN, Click, Keypad, Tap, act, answer_until,
                                       screenshot, serious_accessibility_problems, settle, tracker)

BY_TOUCH = {
    "consent": Click("Yes, I agree"),
    "location": Tap(["forehead", "back_of_head"]),
    "duration": Click("Less than 4 hours"),
    "history": Click("For years"),
    "frequency": Click("1 to 3 days a month"),
    "severity": Click("4"),
    "triggers": Choose(["Desk or screen work", "Clenching the jaw"]),   # several at once
    "age": Keypad("42"),
    "medication": Click("None"),
    "booking_wanted": Click("Yes, book NMT"),
    "service": Click("NMT"),
    "patient_name": Click("I'll give my name at reception"),
    "contact": Click("I'll give my details at reception"),
    "preferred_time": Click("As soon as possible"),
    "booking_confirmed": Click("Yes, that's right"),
}


def no_typing(page: Page, text: str) -> None:
    raise AssertionError(f"the kiosk needed typing: {text!r}")


def open_kiosk(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}/kiosk/{query}#device={KIOSK_TOKEN}")
    expect(page.locator("body[data-session-ready='1']")).to_have_count(1)


def session(page: Page) -> str:
    return page.evaluate("window.kioskChat.sessionId")


def begin(page: Page) -> None:
    before = page.locator(".hw-msg.hw-bot").count()
    page.locator(".kiosk-start").click()
    settle(page, before)


def test_a_whole_assessment_and_booking_by_touch_alone(page, server):
    open_kiosk(page, server)
    # the device token left the address bar at once
    assert "device=" not in page.url
    begin(page)
    def pictures(p: Page, slot: str) -> None:
        if slot == "location":
            screenshot(p, "kiosk-head-map", top_of=".hw-headmap")
        elif slot == "booking_wanted":
            screenshot(p, "kiosk-assessment", top_of=".hw-card")

    answer_until(page, server, lambda: session(page), BY_TOUCH, typed=no_typing,
                 stop_when=lambda p: p.locator(".hw-booking").count() > 0, on_ask=pictures)
    expect(page.locator(".hw-card[data-triage=self_care]")).to_be_attached()
    booking = page.locator(".hw-booking")
    expect(booking).to_contain_text("reception")
    reference = booking.get_attribute("data-reference")
    [stored] = records.bookings_for(session(page).split(".")[0])
    assert stored["reference"] == reference and stored["name"] is None
    slots = tracker(server, session(page))["slots"]
    assert slots["age"] == 42
    assert {"desk_work", "clenching"} <= set(slots["triggers"])
    screenshot(page, "kiosk-booking")


def test_idle_kiosk_clears_the_screen_and_starts_a_fresh_session(page, server):
    open_kiosk(page, server, "?idle=8")
    begin(page)
    act(page, Choose(), no_typing)          # the safety check: none of these
    first = session(page)
    assert page.locator(".hw-msg").count() > 0
    page.wait_for_function(f"window.kioskChat.sessionId && window.kioskChat.sessionId !== '{first}'",
                           timeout=30_000)
    expect(page.locator(".hw-msg")).to_have_count(0)
    kept = page.evaluate("JSON.stringify([Object.assign({}, sessionStorage), Object.assign({}, localStorage)])")
    assert first.split(".")[0] not in kept and "none of these" not in kept.lower()


def test_finish_clears_everything_for_the_next_person(page, server):
    open_kiosk(page, server)
    begin(page)
    act(page, Choose(), no_typing)
    first = session(page)
    # typed but never sent: a name and a phone number must not wait for the next person
    page.locator(".hw-input").fill("Jane Doe 07700 900461")
    page.locator(".kiosk-finish").click()
    page.wait_for_function(f"window.kioskChat.sessionId && window.kioskChat.sessionId !== '{first}'")
    expect(page.locator(".hw-msg")).to_have_count(0)
    expect(page.locator(".hw-input")).to_have_value("")
    kept = page.evaluate("JSON.stringify([Object.assign({}, sessionStorage), Object.assign({}, localStorage)])")
    assert "07700" not in kept and "jane" not in kept.lower()


def test_idle_reset_clears_text_typed_but_not_sent(page, server):
    open_kiosk(page, server, "?idle=6")
    begin(page)
    first = session(page)
    page.locator(".hw-input").fill("Jane Doe 07700 900461")
    page.wait_for_function(f"window.kioskChat.sessionId && window.kioskChat.sessionId !== '{first}'",
                           timeout=30_000)
    expect(page.locator(".hw-input")).to_have_value("")


def test_one_send_sends_the_head_map_and_the_map_is_offered_only_for_where_it_hurts(page, server):
    open_kiosk(page, server)
    begin(page)
    # the safety check is pending: no head map, no toggle
    expect(page.locator(".hw-map-toggle")).to_be_hidden()
    answer_until(page, server, lambda: session(page), BY_TOUCH, typed=no_typing,
                 stop_when=lambda p: p.locator(".hw-headmap").count() > 0)
    assert tracker(server, session(page))["slots"]["requested_slot"] == "location"
    expect(page.locator(".hw-headmap-send")).to_have_count(0)   # one Send: the composer's
    before = page.locator(".hw-msg.hw-bot").count()
    page.locator(".hw-send").click()                             # nothing chosen yet: says so
    expect(page.locator(".hw-status")).to_contain_text("head map")
    page.locator(".hw-headmap svg [data-region=temples]").first.click()
    page.locator(".hw-send").click()
    settle(page, before)
    assert tracker(server, session(page))["slots"]["location"] == ["temples"]
    expect(page.locator(".hw-headmap")).to_have_count(0)
    expect(page.locator(".hw-map-toggle")).to_be_hidden()


def test_an_emergency_tells_the_person_to_alert_reception_now(page, server):
    open_kiosk(page, server)
    begin(page)
    before = page.locator(".hw-msg.hw-bot").count()
    page.locator(".hw-input").fill("it came on suddenly, the worst headache of my life, like a thunderclap")
    page.locator(".hw-send").click()
    settle(page, before)
    alert = page.locator(".kiosk-alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("reception now")
    size = alert.locator("text=reception now").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 32
    # a waiting-room tablet has no phone: no Call button, and no head map
    expect(page.locator(".hw-emergency-number")).to_have_count(0)
    expect(page.locator("a[href^='tel:']")).to_have_count(0)
    expect(page.locator(".hw-map-toggle")).to_be_hidden()
    screenshot(page, "kiosk-emergency")


def test_a_device_without_a_valid_token_is_refused(page, server):
    page.goto(f"{server}/kiosk/#device=not-a-kiosk")
    expect(page.locator(".kiosk-unconfigured")).to_be_visible()
    time.sleep(0.5)
    assert page.locator(".hw-msg").count() == 0


def test_no_serious_accessibility_problems_on_the_kiosk(page, server):
    open_kiosk(page, server)
    begin(page)
    assert serious_accessibility_problems(page) == []


def test_answering_for_someone_else_is_one_button_and_the_questions_follow(page, server):
    open_kiosk(page, server)
    begin(page)
    before = page.locator(".hw-msg.hw-bot").count()
    page.locator(".kiosk-someone-else").click()
    settle(page, before)
    for _ in range(40):   # the tracker is stored just after the reply is sent
        if tracker(server, session(page))["slots"].get("someone_else"):
            break
        time.sleep(0.25)
    assert tracker(server, session(page))["slots"]["someone_else"] is True
    expect(page.locator(".hw-msg.hw-bot", has_text="Does the person have")).to_have_count(1)
    expect(page.locator(".kiosk-someone-else")).to_be_hidden()
