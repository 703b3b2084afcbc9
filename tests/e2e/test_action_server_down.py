"""With the action server down, a person describing an emergency still gets
the emergency advice, from the Rasa server alone; anyone else is told to send
the message again (channels.delivery.answer_failed_action_calls), never left
without a reply."""
from __future__ import annotations

import uuid

from scripts import serve
from tests import ports
from tests.e2e.test_interruptions import Bot


def test_emergency_advice_without_the_action_server() -> None:
    with serve.running(rasa_port=ports.rasa(ports.ACTION_SERVER_DOWN),
                       action_port=ports.action(ports.ACTION_SERVER_DOWN), with_actions=False) as url:
        bot = Bot(url)
        sender = f"down-{uuid.uuid4().hex[:6]}"
        reply = bot.say(sender, "my face has dropped on one side and I can't lift my arm")
        texts = [m.get("text") or "" for m in reply]
        assert texts and "999" in texts[0], reply
        again = bot.say(sender, "what should I do")
        assert any("999" in (m.get("text") or "") for m in again)

        other = f"down-{uuid.uuid4().hex[:6]}"
        reply = bot.say(other, "hi, my neck and shoulders are tight and my head aches")
        texts = [m.get("text") or "" for m in reply]
        assert any("send it again" in text for text in texts), reply
