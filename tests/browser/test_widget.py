"""The website chat widget, as a visitor of the clinic's site uses it."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from bot.storage import records
from tests import ports
from tests.browser.conftest import CLINIC_ORIGIN, CLINIC_SITE_PORT
from tests.browser.chat_driver import (Click, Tap, answer_until, requested_slot, screenshot,
                                       serious_accessibility_problems, settle, tracker,
                                       type_message)

SELF_CARE = {
    "consent": Click("Yes, I agree"),
    "location": Tap(["temples", "neck_shoulders"]),
    "duration": "a few hours",
    "history": "for years",
    "frequency": "about 4 days a month",
    "severity": "5",
    "triggers": "long days at my desk and clenching my jaw",
    "age": "34",
    "medication": "ibuprofen about 3 days a month",
    "booking_wanted": "yes please",          # books the suggested service: no second question
    "patient_name": "Sam Patel",
    "contact": "+44 7700 900123",
    "preferred_time": Click("Weekday mornings"),
    "booking_confirmed": Click("Yes, that's right"),
}


def open_widget(page: Page, server: str) -> None:
    page.goto(f"{server}/demo/")
    page.locator(".hw-launcher").click()
    expect(page.locator(".hw-panel")).to_be_visible()
    expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(1)


def session(page: Page) -> str:
    return page.evaluate("window.headacheChat.sessionId")


def start(page: Page, text: str) -> None:
    before = page.locator(".hw-msg.hw-bot").count()
    type_message(page, text)
    settle(page, before)


def test_a_full_assessment_and_booking_with_buttons_and_the_head_map(page, server):
    open_widget(page, server)
    start(page, "Hi, I keep getting headaches")
    asked = answer_until(page, server, lambda: session(page), SELF_CARE,
                         stop_when=lambda p: p.locator(".hw-booking").count() > 0,
                         on_ask=lambda p, slot: slot == "location" and screenshot(
                             p, "widget-head-map", top_of=".hw-headmap"))
    assert "location" in asked, "the head map question was never asked"
    assert "service" not in asked, "the service was asked again after 'yes please'"

    card = page.locator(".hw-card[data-triage=self_care]")
    expect(card).to_be_visible()
    # the card's head diagram highlights what was tapped on the map
    state = tracker(server, session(page))
    assert sorted(state["slots"]["location"]) == ["neck_shoulders", "temples"]
    expect(card.locator("[data-region=temples].hw-on, [data-region=temples][data-on]").first).to_be_attached()
    expect(card).to_contain_text("contributing")
    # the result is shown once: as the card, not also as long text bubbles before it
    expect(page.locator(".hw-msg.hw-bot", has_text="likely contributing factor")).to_have_count(0)

    booking = page.locator(".hw-booking")
    reference = booking.get_attribute("data-reference")
    assert reference and reference.startswith("HB-")
    stored = [b for b in records.bookings_for(session(page).split(".")[0])]
    assert [b["reference"] for b in stored] == [reference]
    assert stored[0]["phone"] == "+447700900123" and stored[0]["preferred_time"] == "weekday mornings"
    screenshot(page, "widget-assessment", top_of=".hw-card[data-triage=self_care]")
    screenshot(page, "widget-booking", top_of=".hw-booking")


def test_a_reload_keeps_the_conversation_without_keeping_answers_in_the_browser(page, server):
    open_widget(page, server)
    start(page, "my temples hurt")
    token = session(page)
    for _ in range(40):   # the server has stored the whole reply (a busy machine is slow)
        if requested_slot(server, token) == "screen_emergency":
            break
        time.sleep(0.25)
    settle(page, 0)
    said = page.locator(".hw-msg").all_inner_texts()
    assert any("temples" in text for text in said)

    page.reload()
    expect(page.locator(".hw-panel")).to_be_visible()   # re-opened as it was
    expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(1)
    assert session(page) == token
    expect(page.locator(".hw-msg.hw-user").first).to_contain_text("temples")
    assert page.locator(".hw-msg").count() >= len(said)

    # the browser keeps the token and the open flag, never what was said
    stored = page.evaluate("JSON.stringify([Object.assign({}, sessionStorage), Object.assign({}, localStorage)])")
    assert "temples" not in stored

    # and the conversation goes on where it was
    assert requested_slot(server, token) == "screen_emergency"
    before = page.locator(".hw-msg.hw-bot").count()
    page.locator(".hw-checklist button", has_text="None of these").click()   # the checklist is back
    settle(page, before)
    assert requested_slot(server, token) not in (None, "screen_emergency")


def test_a_session_id_made_up_in_the_browser_is_replaced_by_the_server(page, server):
    page.goto(f"{server}/demo/")
    page.evaluate("sessionStorage.setItem('headacheSession', 'chosen-by-the-browser')")
    page.reload()
    page.locator(".hw-launcher").click()
    expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(1)
    assert session(page) != "chosen-by-the-browser" and session(page).count(".") == 2


def test_an_emergency_shows_the_emergency_card_at_once(page, server):
    open_widget(page, server)
    start(page, "I suddenly got the worst headache of my life, like being hit with a bat")
    card = page.locator(".hw-card[data-triage=emergency]")
    expect(card).to_be_visible()
    expect(card).to_have_attribute("role", "alert")
    call = card.locator(".hw-emergency-number")
    expect(call).to_have_attribute("href", "tel:999")
    expect(call).to_be_in_viewport()
    screenshot(page, "widget-emergency")


def test_the_widget_works_with_the_keyboard_alone(page, server):
    page.goto(f"{server}/demo/")
    launcher = page.locator(".hw-launcher")
    launcher.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".hw-panel")).to_be_visible()
    assert page.evaluate("document.activeElement.closest('.hw-panel') !== null")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(page.locator(".hw-panel")).to_be_hidden()
    assert page.evaluate("document.activeElement === document.querySelector('.hw-launcher')")


def test_the_keyboard_reaches_the_text_box_then_send_then_the_answers_and_stays_in_the_panel(
        page, server):
    open_widget(page, server)
    start(page, "Hi, I keep getting headaches")
    expect(page.locator(".hw-map-toggle")).to_be_hidden()   # no head map at the safety check
    agree = page.locator(".hw-quick button", has_text="Yes, I agree")   # asked with the booking
    answer_until(page, server, lambda: session(page), SELF_CARE, stop_when=lambda p: agree.count() > 0)
    page.locator(".hw-input").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('hw-send')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.includes('Yes, I agree')")
    for _ in range(30):   # tabbing on never leaves the open panel
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.hw-panel')")


def test_on_a_phone_the_panel_fits_the_screen(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        open_widget(page, server)
        box = page.locator(".hw-panel").bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= 360.5 and box["y"] + box["height"] <= 640.5
        expect(page.locator(".hw-input")).to_be_in_viewport()
        screenshot(page, "widget-phone")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/demo/"])
def test_no_serious_accessibility_problems(page, server, path):
    open_widget(page, server)
    start(page, "Hi, I keep getting headaches")
    assert serious_accessibility_problems(page) == []


@pytest.fixture(scope="module")
def clinic_site(server):
    """Another origin, as the clinic's own website is: one script tag pointing at the bot."""
    page = (f'<!doctype html><html lang="en"><head><title>Clinic</title></head><body>'
            f'<main><h1>Another clinic site</h1></main>'
            f'<script src="{server}/webchat/widget.js" defer></script></body></html>').encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    site = ThreadingHTTPServer(("127.0.0.1", CLINIC_SITE_PORT), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    yield f"{CLINIC_ORIGIN}/"
    site.shutdown()
    site.server_close()


def test_one_script_tag_embeds_the_widget_on_another_site(page, server, clinic_site):
    page.goto(clinic_site)
    page.locator(".hw-launcher").click()
    expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(1)
    start(page, "Hi, I keep getting headaches")
    token = session(page)
    assert requested_slot(server, token) == "screen_emergency"
    # the history request (Authorization header, so a CORS preflight) works across origins
    page.reload()
    expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(1)
    assert session(page) == token
    expect(page.locator(".hw-msg.hw-user").first).to_contain_text("headaches")
    expect(page.locator(".hw-checklist button", has_text="None of these")).to_be_visible()


def test_a_page_view_alone_opens_no_connection_to_the_assistant(page, server):
    opened: list[str] = []
    page.on("request", lambda request: opened.append(request.url))
    page.on("websocket", lambda socket: opened.append(socket.url))
    page.goto(f"{server}/demo/")
    expect(page.locator(".hw-launcher")).to_be_visible()
    page.wait_for_timeout(1500)
    assert not [url for url in opened if "/socket.io/" in url]
    page.locator(".hw-launcher").click()
    expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(1)
    assert [url for url in opened if "/socket.io/" in url]


def test_a_site_not_listed_as_a_widget_origin_cannot_talk_to_the_assistant(page, server):
    """The same page from an origin the clinic did not configure: the browser
    refuses (CORS) and the server refuses the socket (origin check)."""
    other_port = ports.other(ports.OTHER_SITE)
    markup = (f'<!doctype html><html lang="en"><head><title>Elsewhere</title></head><body>'
              f'<script src="{server}/webchat/widget.js" defer></script></body></html>').encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(markup)

        def log_message(self, *args):
            pass

    site = ThreadingHTTPServer(("127.0.0.1", other_port), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://localhost:{other_port}/")
        page.locator(".hw-launcher").click()
        page.wait_for_timeout(3000)
        expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(0)
    finally:
        site.shutdown()
        site.server_close()


XSS = '<img src=x onerror="window.__hw_xss=1"><script>window.__hw_xss=2</script> \u202eok'


def test_script_typed_by_a_person_is_shown_as_text(page, server):
    open_widget(page, server)
    start(page, XSS)
    bubble = page.locator(".hw-msg.hw-user").first
    expect(bubble).to_contain_text("<img src=x")
    assert page.locator(".hw-log img, .hw-panel script").count() == 0
    page.reload()   # the history replay shows it as text too
    expect(page.locator(".hw-panel[data-session-ready]")).to_have_count(1)
    expect(page.locator(".hw-msg.hw-user").first).to_contain_text("<script>")
    assert page.evaluate("window.__hw_xss") is None
