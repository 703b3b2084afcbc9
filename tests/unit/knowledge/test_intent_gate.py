"""bot/intent_gate.py: a guessed command or question takes over a message only when it may."""
from pathlib import Path

import pytest
import yaml

from actions.form_answers import INTERRUPTIONS
from actions.questions import QUESTION_INTENTS
from bot import intent_gate
from bot.knowledge import KnowledgeError
from bot.knowledge import intent_gate as gate_rules
DOMAIN = Path(__file__).resolve().parents[3] / "domain.yml"
DOMAIN_INTENTS = set(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["intents"])


@pytest.mark.parametrize("intent, confidence, text, counts", [
    # commands: only when the classifier is sure
    ("stop", 0.87, "stop", True),
    ("stop", 0.65, "end", True),
    ("stop", 0.38, "end of a shift till i go to sleep", False),
    ("start_over", 0.4, "it started over the weekend", False),
    # a command's verb telling of something done, however sure the classifier
    ("stop", 0.95, "worse than when I stopped smoking", False),
    ("stop", 0.9, "it began after we quit sugar", False),
    ("stop", 0.9, "i quit", True),
    ("stop", 0.9, "please stop asking", True),
    # erasure (at once, no undo): sure, or asked in a request's words; never a state or a correction
    ("erase_data", 0.9, "forget everything I told you", True),
    ("erase_data", 0.3, "borra mis datos", True),       # a privacy request is never lost
    ("erase_data", 0.35, "please wipe what I said", True),
    ("erase_data", 0.4, "can you delete my data please", True),
    ("erase_data", 0.54, "I want it all deleted", True),
    ("erase_data", 0.59, "clear my history", True),
    ("erase_data", 0.4, "olvida lo que te dije", True),
    ("erase_data", 0.31, "I'm answering for someone else", False),   # the kiosk's button
    ("erase_data", 0.35, "I'll give my info at reception", False),
    ("erase_data", 0.53, "my records are at the GP", False),
    ("erase_data", 0.4, "I forget words lately", False),
    ("erase_data", 0.4, "I had a cyst removed last year", False),
    ("erase_data", 0.4, "I keep having to clear my throat", False),
    ("erase_data", 0.4, "mi madre olvida todo", False),
    # a request's verb alone tells work and symptoms too (the second review)
    ("erase_data", 0.3, "these headaches wipe me out for the whole day", False),
    ("erase_data", 0.3, "I delete emails all day at work", False),
    ("erase_data", 0.3, "el paracetamol elimina el dolor", False),
    ("erase_data", 0.3, "is this gdpr compliant", False),
    # states of the mind, the eyes: warning signs, at any confidence
    ("erase_data", 0.93, "my memory is wiped", False),
    ("erase_data", 0.93, "it's like my memory's been wiped", False),
    ("erase_data", 0.7, "se me borra la memoria", False),
    ("erase_data", 0.91, "se me borra todo", False),
    ("erase_data", 0.8, "tengo la memoria borrada", False),
    ("erase_data", 0.8, "la visión se borra de un lado", False),
    ("erase_data", 0.72, "everything I read gets erased from my head", False),
    ("erase_data", 0.8, "half the page goes missing, like someone erased it", False),
    # a correction, a refusal, a question about erasure: no request
    ("erase_data", 0.74, "oops delete that", False),
    ("erase_data", 0.87, "borra eso, quise decir la frente", False),
    ("erase_data", 0.8, "don't delete anything, I want to continue", False),
    ("erase_data", 0.8, "no borres nada, quiero seguir", False),
    ("erase_data", 0.8, "will you delete my data after the appointment", False),
    ("erase_data", 0.8, "if I delete my data will the doctor still see it", False),
    # a request in words that also tell something else
    ("erase_data", 0.8, "I've changed my mind, delete it all", True),
    ("erase_data", 0.8, "my mind is made up, delete everything", True),
    ("erase_data", 0.8, "I made a mistake doing this, please delete my words", True),
    ("erase_data", 0.5, "borra todo, que se me hace tarde", True),
    ("erase_data", 0.5, "no se me ocurre nada más, borra mis datos", True),
    ("erase_data", 0.5, "me equivoqué al usar esto, borra todo", True),
    ("erase_data", 0.8, "please wipe all that from your memory", True),
    ("erase_data", 0.7, "my mind goes blank and it feels wiped", False),
    ("erase_data", 0.7, "it's like someone pressed delete on my memory", False),
    # questions: sure, or phrased as a question
    ("ask_are_you_doctor", 0.93, "are you a doctor", True),
    ("ask_are_you_doctor", 0.63, "Alrededor de toda la cabeza, como una banda", False),
    ("ask_are_you_doctor", 0.3, "¿eres médico?", True),
    ("ask_what_is_smrt", 0.5, "what is smrt", True),
    ("ask_what_is_nmt", 0.6, "tell me about nmt", True),
    ("ask_privacy", 0.5, "when I look at my phone for too long", False),
    ("ask_why_needed", 0.7, "because of work mostly", False),
    # answers always count
    ("describe_headache", 0.2, "back of my head", True),
    ("affirm", 0.3, "sí, acepto", True),
])
def test_may_count(intent, confidence, text, counts):
    assert intent_gate.may_count(intent, confidence, text) is counts


def test_a_guess_that_may_not_count_is_a_fallback_never_a_weaker_guess():
    ranking = [("stop", 0.38), ("describe_headache", 0.22), ("request_booking", 0.15)]
    assert intent_gate.choose(ranking, "end of a shift till i go to sleep") == intent_gate.FALLBACK
    assert intent_gate.choose([("stop", 0.9), ("affirm", 0.05)], "stop please") == "stop"
    assert intent_gate.choose([], "") == intent_gate.FALLBACK


def test_a_fallback_between_close_guesses_is_erasure_only_when_asked_for_in_words():
    ambiguous = [("nlu_fallback", 0.55), ("erase_data", 0.55), ("stop", 0.5)]
    assert intent_gate.choose(ambiguous, "please get rid of what I typed") == "erase_data"
    assert intent_gate.choose(ambiguous, "I'm answering for someone else") == intent_gate.FALLBACK
    assert intent_gate.choose(ambiguous, "se me borra todo") == intent_gate.FALLBACK
    assert intent_gate.choose([("nlu_fallback", 0.3), ("stop", 0.3)], "wipe it") == intent_gate.FALLBACK


def test_the_gated_intents_are_the_domains_commands_and_answered_questions():
    rules = gate_rules.load()
    assert rules.questions == QUESTION_INTENTS
    assert rules.commands | rules.questions | rules.erasure <= DOMAIN_INTENTS
    # every intent that takes a message away from the forms passes the gate, and only those
    assert rules.commands | rules.questions | rules.erasure == INTERRUPTIONS


def test_a_command_threshold_out_of_range_is_refused(edit):
    edit("intent_gate", lambda c: c.update(command_confidence=1.5))
    with pytest.raises(KnowledgeError, match="command_confidence"):
        gate_rules.load()


def test_a_phrase_both_a_request_and_never_is_refused(edit):
    edit("intent_gate", lambda c: c["erasure"]["never"]["en"].append("delete my data"))
    with pytest.raises(KnowledgeError, match="both in erasure.requests and .never"):
        gate_rules.load()


def test_an_intent_both_erasure_and_command_is_refused(edit):
    edit("intent_gate", lambda c: c["erasure"]["intents"].append("stop"))
    with pytest.raises(KnowledgeError, match="both commands and erasure"):
        gate_rules.load()


def test_an_intent_both_command_and_question_is_refused(edit):
    edit("intent_gate", lambda c: c["questions"].append("stop"))
    with pytest.raises(KnowledgeError, match="both"):
        gate_rules.load()
