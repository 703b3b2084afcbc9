"""Yes, no, not sure, or not an answer to a yes/no question."""
import pytest

from bot.understanding.yes_no import parse_agreement, parse_yes_no

YES_NO = [
    ("yes", "yes"), ("yeah", "yes"), ("yep", "yes"), ("y", "yes"), ("yes please", "yes"),
    ("I do", "yes"), ("correct", "yes"), ("sure", "yes"), ("ok", "yes"),
    ("no", "no"), ("nope", "no"), ("nah", "no"), ("n", "no"), ("not really", "no"),
    ("none", "no"), ("no thanks", "no"), ("I don't", "no"), ("never", "no"),
    ("not sure", "unsure"), ("maybe", "unsure"), ("don't know", "unsure"), ("dunno", "unsure"),
    ("idk", "unsure"), ("possibly", "unsure"), ("kind of", "unsure"), ("a bit", "unsure"),
    ("not sure really", "unsure"), ("no idea", "unsure"),
    ("definitely not", "no"),
    ("not that I know of", "no"),
    ("yeah go on", "yes"), ("yes pls", "yes"), ("go on then", "yes"), ("why not", "yes"), ("yh", "yes"),
    ("nah not really", "no"), ("no none of those", "no"), ("dont think so", "no"),
    ("not that i know of", "no"), ("not that I've noticed", "no"), ("none of the above", "no"),
    ("ok no", "no"), ("sure, no", "no"),
    ("a little", "unsure"), ("sort of", "unsure"), ("somewhat", "unsure"), ("slightly", "unsure"),
    ("yes, sometimes", "yes"),
    ("I think so", "yes"),
    ("no, nothing in particular", "no"),
    ("purple elephant", None),
    # dialects and other first languages
    ("naw", "no"), ("nae", "no"), ("nup", "no"), ("nae sure", "unsure"), ("naw sure mate", "unsure"),
    ("naw, nothing like that", "no"),
]


@pytest.mark.parametrize("text, expected", YES_NO)
def test_yes_no_unsure(text, expected):
    assert parse_yes_no(text) == expected


# Issue 11 (SMS as people text it): a thumbs-up (any skin tone) is a yes, a thumbs-down a no.
@pytest.mark.parametrize("text, expected", [
    ("\U0001F44D", "yes"), ("\U0001F44D\U0001F3FD", "yes"), ("\U0001F44E", "no")])
def test_a_thumb_answers_a_yes_no_question(text, expected):
    assert parse_yes_no(text) == expected


@pytest.mark.parametrize("text, beyond", [
    ("yes", []),
    ("I do", []),
    ("of course", []),
    ("yeah I think so", []),
    ("I have a headache", ["a", "headache"]),
    ("yes my neck is stiff", ["my", "neck", "is", "stiff"]),
])
def test_the_words_a_reply_says_beyond_its_answer(text, beyond):
    from bot.understanding import words_beyond_the_answer

    assert words_beyond_the_answer(text) == beyond


@pytest.mark.parametrize("text, first", [
    ("yes, a fit", True),
    ("Yeah the rash one", True),
    ("I have a headache", False),      # "I have" answers nothing on its own
    ("not sure", False),
])
def test_a_yes_said_first(text, first):
    from bot.understanding import says_yes_first

    assert says_yes_first(text) is first


@pytest.mark.parametrize("text, answer", [
    ("thats it", "yes"), ("that's it", "yes"), ("fine", "yes"), ("fine by me", "yes"),
    ("all good thanks", "yes"), ("perfect", "yes"), ("está bien", "yes"),
    ("yes", "yes"), ("no thats wrong", "no"), ("not fine", None), ("hmm", "unsure"),
    # an agreement that goes on to a change or a question is no yes
    ("all good except the number", None), ("perfect apart from the time", None),
    ("great. can i change the time?", None), ("good question", None),
    ("vale, pero cambia el nombre", None),
])
def test_an_agreement_answers_a_proposal(text, answer):
    assert parse_agreement(text) == answer


def test_an_agreement_is_no_yes_to_a_question_of_fact():
    """To "do you have any of these?", "all good" and "fine" are no sign."""
    assert parse_yes_no("all good") is None and parse_yes_no("fine") is None


# Spanish answers (a blind conversation's Spanish yes to the booking offer was asked
# three times, then the booking dropped); "no sé" is unsure, the safer answer to a warning
# sign, never a no, while "no, se me pasó" is a no
@pytest.mark.parametrize("text, expected", [
    ("sí, me interesaría", "yes"),
    ("si", "yes"),
    ("claro que sí", "yes"),
    ("me encantaría", "yes"),
    ("sí, por favor", "yes"),
    ("no gracias", "no"),
    ("para nada", "no"),
    ("nada de eso", "no"),
    ("nunca", "no"),
    ("no, se me pasó", "no"),
    ("no sé", "unsure"),
    ("no estoy segura", "unsure"),
    ("a lo mejor", "unsure"),
    ("no sé, creo que no", "unsure"),
    ("no lo sé la verdad", "unsure"),
    ("no tengo idea", "unsure"),
    ("no se la verdad", "unsure"),
    ("no, se la di a mi hermana", "no"),
])
def test_yes_no_in_spanish(text, expected):
    assert parse_yes_no(text) == expected


@pytest.mark.parametrize("text, answer", [
    ("rather not", "no"), ("I'd rather you didn't", "no"), ("prefer not thanks", "no"),
    ("dont keep them", "no"), ("please don't store anything", "no"), ("yes please", "yes"),
    ("mejor no", "no"), ("prefiero que no", "no"),
    ("I'd rather you did", None),          # a wish, not a refusal
])
def test_a_proposal_declined_in_other_words(text, answer):
    assert parse_agreement(text) == answer


@pytest.mark.parametrize("text", ["I'd rather not say", "rather not", "dont keep them"])
def test_declining_is_never_a_no_to_a_warning_sign_question(text):
    assert parse_yes_no(text) != "no"
