"""The domain's responses, worded for the clinic's locale.

Rasa's own response generator, with the clinic's words (bot.clinic: the
emergency number, the emergency department, urgent care, an example phone
number) as values for the responses' placeholders ("call {emergency_number}
now"), so that the Rasa server alone, even with the action server down, gives
the emergency advice of the clinic's country. Slot values and the values an
action passes (`reference=...`) come on top, as in Rasa.

Configured in endpoints.yml:

    nlg:
      type: channels.responses.LocaleResponses
"""
from __future__ import annotations

from typing import Any, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import clinic


class LocaleResponses(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker,
                       output_channel: Text, **kwargs: Any) -> Optional[dict[Text, Any]]:
        return await super().generate(utter_action, tracker, output_channel,
                                      **{**clinic.words(), **kwargs})
