"""The person's age, and when a bare number counts as one."""
import pytest

from bot.understanding.age import parse_age

AGE = [
    ("I'm 70", False, 70),
    ("70 years old", False, 70),
    ("aged 45", False, 45),
    ("forty", False, 40),
    ("I am 24", False, 24),
    ("I'm a 45-year-old teacher", False, 45),
    ("in my late forties", False, 48),
    ("40", False, None),              # a bare number needs the age question
    ("40", True, 40),
    ("about 52", True, 52),
    ("53.", True, 53),                # a full stop ends the sentence
    ("about 67.", True, 67),
    ("forty five", True, 45),
    ("I'm 150", False, None),
    ("0", True, None),
    ("I'm 6 months pregnant", False, None),
    ("I've had it for 3 days", True, None),
]


@pytest.mark.parametrize("text, bare_ok, age", AGE)
def test_age(text, bare_ok, age):
    assert parse_age(text, bare_number_ok=bare_ok) == age


@pytest.mark.parametrize("text, age", [
    ("writing for my mum, she's 68", 68),
    ("typing this for my dad. hes 57", 57),
    ("Mum's 78 and her temple is sore", 78),
    ("my dad, 72, has a headache", 72),
    ("mi papá tiene 81 años", 81),
    ("mi mamá de 74 años", 74),
    ("tengo 45 años", 45),
    ("my 12 year old son has a headache", None),
    ("she is 30 weeks pregnant", None),
    ("hace 3 años que tengo dolores", None),
    ("my grandad is seventy-four and his temple aches", 74),
    ("she's eighty two", 82),
    ("mi abuela tiene 79 y le duele la cabeza", 79),
    ("cumplí 56 en marzo", 56),
    ("tiene 38 de fiebre", None),
    ("tengo 39,5 desde anoche", None),
    ("my first migraines came at 58", 58),
    ("the headache started at 10 this morning", None),
    ("it began at 11 pm", None),
    ("Resident (84) c/o headache since lunch", 84),     # care notes
    ("client is 64 and new to headaches", 64),
    ("patient aged 71, on warfarin", 71),
    ("patient in bay 12 has a headache", None),
    ("client has had it for 3 days", None),
    # a person "of" an age, never a group, a measure or a span
    ("Dear Sir, I am a retired engineer of 81 and my temples ache", 81),
    ("my gran, a lady of 79, has a sore scalp", 79),
    ("we are a family of 5", None),
    ("a temperature of 38 since lunch", None),
    ("I am a midwife of 30 years", None),
    ("Dear Doctor, I am an Old Man of 83 years and my scalp is tender", 83),
    ("a woman of 40 years' experience in nursing", None),
])
def test_the_age_of_the_person_described_and_in_spanish(text, age):
    from bot.understanding import extract_facts

    assert extract_facts(text).get("age") == age


@pytest.mark.parametrize("text, age", [
    # a year of birth, read against this year (fixed here at 2026)
    ("born 1949, my temple aches", 77),
    ("DOB 1958. headaches for a month", 68),
    ("nací en 1950 y me duele la sien", 76),
    ("b. 1961", 65),
    ("my son was born in 2019", None),          # a child's birth year is not the writer's age
    ("plan b 2020", None),
    # retired just now, at an age
    ("just retired at 65 and now these headaches", 65),
    ("I retired at 60", None),                  # long ago, perhaps: not an age now
    # Spanish, a relative and an age without "años"
    ("mi mama de 74 dice que le duele la sien", 74),
    ("mi hijo de 12 semanas", None),
])
def test_age_told_by_birth_year_retirement_or_relative(monkeypatch, text, age):
    from bot.understanding import age as age_module
    monkeypatch.setattr(age_module, "_this_year", lambda: 2026)
    assert age_module.age_in_free_text(text) == age


@pytest.mark.parametrize("text, age", [
    ("Mi madre, 76 años, dice que le duele la sien", 76),
    ("62 años, dolor en la sien y la mandíbula", 62),
    ("dolor de cabeza, 20 años con migraña", None),     # how long, not how old
])
def test_an_age_set_off_by_commas(text, age):
    from bot.understanding.age import age_in_free_text
    assert age_in_free_text(text) == age


@pytest.mark.parametrize("text, age", [
    # an age said outright wins over a number that may be how long
    ("I'm 67. Migraines, 40 years at least, but this one is new", 67),
    ("I'm 70, just retired at 65", 70),
    ("mi mamá de 74 años", 74),
])
def test_an_age_said_outright_comes_first(text, age):
    from bot.understanding.age import age_in_free_text
    assert age_in_free_text(text) == age


@pytest.mark.parametrize("text, age", [
    # a message that opens with an age, from forty up
    ("71, and these headaches are new to me", 71),
    ("58. pain at the temples since october", 58),
    ("64 and never had headaches until now", 64),
    # a number that opens a message and says how long or how much is no age
    ("48, maybe more hours, it will not stop", None),
    ("45 minutes, then it eased", None),
    ("10, the worst pain", None),
    # a step-parent, an in-law or a neighbour named with an age
    ("my stepdad (74) has a sore scalp", 74),
    ("my mother in law, 83, is confused", 83),
    # care notes: a resident or patient with an age in brackets
    ("Res (81) new headache at the temple", 81),
    ("pt (66) c/o headache since Tuesday", 66),
    ("res 45 minutes after lunch complained of a headache", None),
    ("Res 38 degrees this am, headache, aged 84", 84),     # a temperature is no age
    ("pt 12 h post fall", None),
    # anyone named, with an age in brackets (a child's is not the age asked for); not a score or a dose
    ("Mrs K (91) keeps rubbing her temple", 91),
    ("Mr T (77) has a headache", 77),
    ("resident (aged 84) complains of a headache", 84),
    # never after a relative or a friend: their age is theirs, not the writer's
    ("my son (35) made me write this, my jaw hurts when I chew", None),
    ("my friend (40) told me to use this", None),
    # a Spanish speaker's English for "tengo 66 años"; a span is no age
    ("I have 58 years and the pain is in my temples", 58),
    ("my mother has 74 years, she is dizzy", 74),
    ("I have 20 years of migraines", None),
    ("I have 15 years working in the factory", None),
    ("I have 20 years headaches and I am 62", 62),
    ("I have 30 years married, I am 68", 68),
    ("my son (12) has a headache", None),
    ("the pain (10) out of 10 today", None),
    ("took nurofen (400) at lunch", None),
])
def test_an_age_that_opens_a_message_or_follows_anyone_named(text, age):
    from bot.understanding.age import age_in_free_text
    assert age_in_free_text(text) == age


# An age told as a round one close by: just under it ("pushing", "knocking on", "getting on
# for"), or just over it ("the wrong side of"); a distance, a time or a weight is no age.
@pytest.mark.parametrize("text, age", [
    ("pushing seventy and my scalp hurts when I brush my hair", 69),
    ("knocking on 80 now, never had a headache like it", 79),
    ("getting on for sixty and these are new", 59),
    ("I'm the wrong side of fifty", 51),
    ("pushing 60 minutes on the rowing machine", None),
    ("getting on for 40 miles a day on the bike", None),
])
def test_an_age_told_as_a_round_one_close_by(text, age):
    from bot.understanding.age import age_in_free_text
    assert age_in_free_text(text) == age


# An age at an event and how long ago it was is the age now; someone else's is not.
@pytest.mark.parametrize("text, age", [
    ("finished work at 58, seven years ago, and these headaches are new", 65),
    ("my mother had her stroke at 62, twelve years ago", None),
    ("Grandad died at 70, ten years ago, and now my head aches", None),
    ("crashed at 40 mph, three years ago", None),
])
def test_an_age_at_an_event_and_how_long_ago(text, age):
    from bot.understanding.age import age_in_free_text
    assert age_in_free_text(text) == age
