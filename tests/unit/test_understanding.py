"""What the assistant must understand from the person's own words.

Table-driven: each row is a requirement in the clinic's terms ("'templs' is
the temples", "'co-codamol about 18 days a month' is 18 days of a combination
painkiller"). Fast, pure Python, no Rasa.
"""
import datetime as dt

import pytest

from bot import understanding as u

# A Wednesday afternoon, so "since this morning" and "since Monday" are stable.
NOW = dt.datetime(2024, 5, 15, 15, 0)


def ids(pairs):
    return [ident for ident, _ in pairs]


# --------------------------------------------------------------- where it hurts

REGIONS = [
    ("temples", ["temples"]),
    ("my left temple", ["temples"]),
    ("templs", ["temples"]),
    ("tempels", ["temples"]),
    ("the side of my head", ["temples"]),
    ("forehead", ["forehead"]),
    ("forhead", ["forehead"]),
    ("across my brow", ["forehead"]),
    ("between my eyes", ["forehead"]),
    ("behind my eyes", ["eyes"]),
    ("around my eyes", ["eyes"]),
    ("in my eye socket", ["eyes"]),
    ("behind my right eye", ["eyes"]),
    ("top of my head", ["top"]),
    ("on the crown", ["top"]),
    ("back of my head", ["back_of_head"]),
    ("bak of my head", ["back_of_head"]),
    ("base of my skull", ["back_of_head"]),
    ("where my head meets my neck", ["back_of_head"]),
    ("it's like a band", ["band"]),
    ("a tight band around my head", ["band"]),
    ("all over", ["band"]),
    ("like my head is in a vice", ["band"]),
    ("my jaw", ["jaw_face"]),
    ("my teeth ache", ["jaw_face"]),
    ("cheek and ear", ["jaw_face"]),
    ("neck", ["neck_shoulders"]),
    ("my shoulders", ["neck_shoulders"]),
    ("sholders", ["neck_shoulders"]),
    ("back of my head and neck", ["back_of_head", "neck_shoulders"]),
    ("temples and forehead", ["temples", "forehead"]),
    ("my shoulders and the top of my head ache", ["neck_shoulders", "top"]),
    ("not my jaw, it's my temples", ["temples"]),
    ("jaw, back teeth and cheeks", ["jaw_face"]),        # "back" alone is not the neck
    ("between my shoulder blades", ["neck_shoulders"]),
    ("I should rest", []),
    ("my head hurts", []),
    ("", []),
]


@pytest.mark.parametrize("text, expected", REGIONS)
def test_where_it_hurts(text, expected):
    assert ids(u.find_regions(text)) == expected


def test_region_match_keeps_the_persons_words():
    assert u.find_regions("pain at the base of my skull") == [("back_of_head", "base of my skull")]


# --------------------------------------------------------------- triggers

TRIGGERS = [
    ("I clench my jaw", ["clenching"]),
    ("I grind my teeth at night", ["clenching"]),
    ("bruxism", ["clenching"]),
    ("chewing gum", ["gum_chewing"]),
    ("chewing gum all day gives me an ache in my temples", ["gum_chewing"]),
    ("desk work", ["desk_work"]),
    ("hunched over my laptop", ["posture", "desk_work"]),
    ("my monitor is too low", ["desk_work"]),
    ("screens", ["screens"]),
    ("looking down at my phone", ["phone_use"]),
    ("driving", ["driving"]),
    ("studying for exams", ["studying"]),
    ("bad posture", ["posture"]),
    ("heavy bag on my shoulders", ["heavy_bag"]),
    ("my rucksack", ["heavy_bag"]),
    ("stress", ["stress"]),
    ("anxiety and work pressure", ["stress"]),
    ("tension", ["stress"]),
    ("high heels", ["high_heels"]),
    ("sleeping on my stomach", ["stomach_sleeping"]),
    ("poor sleep", ["poor_sleep"]),
    ("skipped meals", ["skipped_meals"]),
    ("I don't drink enough water", ["dehydration"]),
    ("caffeine withdrawal", ["caffeine"]),
    ("red wine", ["alcohol"]),
    ("around my period", ["hormonal"]),
    ("stres", ["stress"]),
    ("I'm not sleeping well and I skip breakfast", ["poor_sleep", "skipped_meals"]),
    ("I can't stop clenching", ["clenching"]),
    ("no stress, it's my posture", ["posture"]),
    ("I don't drink alcohol", []),
    ("my phone number is 07911 123456", []),
    ("I'm typing this for my dad", []),                 # writing on someone's behalf
    ("typing for my mum, she has a bad headache", []),
    ("hours of typing at work", ["desk_work"]),
    ("I'm typing all day", ["desk_work"]),
    ("I get tension headaches", []),
    ("not sure really", []),
    # exertion: a warning sign (cough_exertion), not a muscular contributor
    ("hard exercise, spin and running", ["exertion"]),
    ("coughing and sneezing, also straining on the loo", ["exertion"]),
    ("when I cough", ["exertion"]),
    ("going to the gym", ["exertion"]),
    ("lifting weights", ["exertion"]),
    ("heavy lifting at work", ["exertion"]),
    ("during sex", ["exertion"]),
    ("bending over", ["exertion"]),
    ("after a workout", ["exertion"]),
    ("excercise", ["exertion"]),
    ("carrying and lifting boxes", ["heavy_bag", "exertion"]),
    ("my nose is running", []),
    ("the room is spinning", []),
    ("weight loss", []),
    ("spots in my vision", []),
    ("I don't exercise", []),
]


@pytest.mark.parametrize("text, expected", TRIGGERS)
def test_triggers_and_habits(text, expected):
    assert ids(u.find_triggers(text)) == expected


def test_warning_concepts_of_triggers():
    assert u.warning_concepts(["exertion"]) == {"cough_exertion"}
    assert u.warning_concepts(["stress", "exertion", "clenching"]) == {"cough_exertion"}
    assert u.warning_concepts(["stress", "desk_work"]) == set()
    assert u.warning_concepts([]) == set()
    with pytest.raises(ValueError):
        u.warning_concepts(["bad_vibes"])


def test_warning_concepts_are_checked_against_red_flags(tmp_path, monkeypatch):
    import shutil

    import yaml

    from bot import knowledge
    from bot.knowledge import KnowledgeError
    from bot.understanding import lexicon

    for path in knowledge.KNOWLEDGE_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    content = yaml.safe_load((tmp_path / "triggers.yml").read_text(encoding="utf-8"))
    next(t for t in content["triggers"] if t["id"] == "exertion")["warning_concept"] = "cough_exertionn"
    (tmp_path / "triggers.yml").write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")

    def clear():
        knowledge.load.cache_clear()
        lexicon._trigger_warning_concepts.cache_clear()
        lexicon._trigger_lexicon.cache_clear()

    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", tmp_path)
    clear()
    try:
        with pytest.raises(KnowledgeError, match="cough_exertionn"):
            u.warning_concepts(["exertion"])
        with pytest.raises(KnowledgeError, match="cough_exertionn"):
            u.find_triggers("running")
    finally:
        monkeypatch.undo()
        clear()


# --------------------------------------------------------------- duration

DURATIONS = [
    ("a few hours", 3),
    ("a couple of hours", 2),
    ("2 days", 48),
    ("two days", 48),
    ("about 20 minutes", 1 / 3),
    ("half an hour", 0.5),
    ("an hour and a half", 1.5),
    ("a week", 168),
    ("48 hrs", 48),
    ("2-3 days", 60),
    ("since this morning", 8),     # from 07:00 to 15:00
    ("since Monday", 54),          # Monday 09:00 to Wednesday 15:00
    ("since yesterday", 24),
    ("all day", 12),
    ("just started", 0.25),
    ("since 8am", 7),
    ("an hour or two", 1.5),
    ("since last night", 18),      # from 21:00 yesterday
    ("since i woke up", 8),        # from 07:00
    ("all afternoon", 2.5),        # from 12:30
    ("all morning", 4),            # 08:00 to 12:00, over by now
    ("a couple of days now", 48),
    ("on and off all week", 96),
    ("a few hours this afternoon", 3),   # the quantity, not the clock
    ("woke up with it 3 hours ago", 3),
    ("since yesterday afternoon", 26),
    ("since the day before yesterday", 48),
    ("most of the day", 12),
]


@pytest.mark.parametrize("text, hours", DURATIONS)
def test_how_long_this_headache_has_lasted(text, hours):
    assert u.parse_duration_hours(text, now=NOW) == pytest.approx(hours, abs=0.05)


@pytest.mark.parametrize("text", ["no idea", "hello", ""])
def test_duration_not_understood(text):
    assert u.parse_duration_hours(text, now=NOW) is None


# --------------------------------------------------------------- history

HISTORY = [
    ("this is the first one", "new"),
    ("I've never had these before", "new"),
    ("it's new", "new"),
    ("started 2 weeks ago", "new"),
    ("the last couple of weeks", "new"),
    ("a couple of months", "new"),
    ("it's new, the last couple of weeks", "new"),
    ("it's new, since Monday", "new"),
    ("for years", "longstanding"),
    ("since I was a teenager", "longstanding"),
    ("on and off for ages", "longstanding"),
    ("6 months", "longstanding"),
    ("on and off for a few years, nothing new", "longstanding"),
    ("for years, but over the last six weeks they keep getting worse", "longstanding"),
    ("I've had them for years but this one is different", "new"),   # the safer reading
    ("only the last month", "new"),
    ("since last month", "new"),
    ("a few weeks", "new"),
    ("the past month or so", "new"),
    ("a month or two", "new"),
    ("since I was a kid", "longstanding"),
    ("on and off since uni", "longstanding"),
    ("about 6 months", "longstanding"),
    ("a year or so", "longstanding"),
    ("never had one before", "new"),
    ("never used to get headaches", "new"),
    ("on and off for about two months", "new"),          # under 3 months
    ("on and off for a few weeks", "new"),
    ("on and off for years", "longstanding"),
    ("on and off for six months", "longstanding"),
    ("less than 3 months", "new"),                      # the kiosk's button
    ("under three months", "new"),
    ("almost 3 months now", "new"),
    ("in the last 3 months", "new"),
    ("more than 3 months", "longstanding"),
    ("less than a year", "new"),                         # may be under 3 months: the safer reading
    ("for less than 2 years", "longstanding"),
    ("hmm", None),
]


@pytest.mark.parametrize("text, expected", HISTORY)
def test_new_or_longstanding(text, expected):
    assert u.parse_history(text, now=NOW) == expected


# Dates are counted back from now (3 months or more is longstanding); a season
# or month is read at its latest plausible point, so doubt leans to "new".
DATED_HISTORY = [
    ("since christmas", NOW, "longstanding"),                     # ~5 months
    ("since christmas", dt.datetime(2024, 1, 20), "new"),         # ~4 weeks
    ("started in the summer", NOW, "longstanding"),               # last summer
    ("started in the summer", dt.datetime(2024, 9, 10), "new"),   # ended 10 days ago
    ("started in the summer", dt.datetime(2024, 7, 10), "new"),   # it is summer
    ("since March", NOW, "new"),
    ("since March", dt.datetime(2024, 9, 10), "longstanding"),
    ("it started in january", NOW, "longstanding"),
    ("since the new year", dt.datetime(2024, 2, 1), "new"),
    ("since last year", NOW, "longstanding"),
    ("since last year", dt.datetime(2024, 1, 20), "new"),
    ("since the spring", NOW, "new"),
    ("it may be a few weeks", NOW, "new"),                        # "may" the verb
    ("for years, worse since christmas", dt.datetime(2024, 1, 20), "longstanding"),
]


@pytest.mark.parametrize("text, now, expected", DATED_HISTORY)
def test_new_or_longstanding_from_a_date(text, now, expected):
    assert u.parse_history(text, now=now) == expected


# --------------------------------------------------------------- frequency

FREQUENCY = [
    ("a few times a month", 3),
    ("once a week", 4),
    ("twice a week", 8),
    ("3 times a week", 12),
    ("a couple of times a week", 8),
    ("most days", 20),
    ("every day", 30),
    ("daily", 30),
    ("constant", 30),
    ("every other day", 15),
    ("10 days a month", 10),
    ("10-15 days a month", 15),     # a range: the higher, safer end
    ("rarely", 1),
    ("first time", 1),
    ("now and then", 2),
    ("a few times a year", 1),
    # a count over another period is scaled to a month (4 weeks), ranges at the higher end
    ("3 or 4 times in the last couple of weeks", 8),
    ("3 times in 2 weeks", 6),
    ("twice in the last month", 2),
    ("twice in a week", 8),
    ("10 out of the last 14 days", 21),
    ("12 or so days a month", 12),
    ("12ish days a month", 12),
    ("prob 20 days out of 30, more with than without", 20),
    ("20 out of 30", 20),
    ("couple times a week", 8),
    ("most weekdays", 20),
    ("once or twice a month", 2),
    ("almost every day", 25),
    ("4 days a week", 16),
    ("hardly ever", 1),
    ("about weekly", 4),
    ("every 2 or 3 days", 15),
    ("once every couple of weeks", 2),
    ("once every 2 months", 1),
    ("4 or 5 a month", 5),
    ("at weekends", 8),
    ("less than once a month", 1),
    ("2 days a week for the last 3 months", 8),
    ("7 out of 10 every day", 30),        # a pain score is not a count of days
    ("no idea", None),
]


@pytest.mark.parametrize("text, days", FREQUENCY)
def test_headache_days_a_month(text, days):
    assert u.parse_frequency_days(text) == days


# --------------------------------------------------------------- severity

SEVERITY = [
    ("7", 7),
    ("7/10", 7),
    ("seven out of ten", 7),
    ("about a 6", 6),
    ("8-9", 9),
    ("6 or 7", 7),
    ("really bad", 8),
    ("severe", 8),
    ("mild", 3),
    ("moderate", 5),
    ("unbearable", 10),
    ("the worst ever", 10),
    ("not too bad", 3),
    ("6-7", 7),
    ("pretty bad", 7),
    ("bad enough to stop me working", 7),
    ("it stops me working", 7),
    ("I had to lie down", 7),
    ("not bad enough to stop me working", 3),
    ("manageable", 4),
    ("bearable", 4),
    ("I can cope", 4),
    ("7ish", 7),
    ("a solid 7", 7),
    ("12", None),
    ("I'm 70", None),
    ("purple", None),
]


@pytest.mark.parametrize("text, score", SEVERITY)
def test_how_bad_it_is(text, score):
    assert u.parse_severity(text) == score


# --------------------------------------------------------------- age

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
    ("forty five", True, 45),
    ("I'm 150", False, None),
    ("0", True, None),
    ("I'm 6 months pregnant", False, None),
    ("I've had it for 3 days", True, None),
]


@pytest.mark.parametrize("text, bare_ok, age", AGE)
def test_age(text, bare_ok, age):
    assert u.parse_age(text, bare_number_ok=bare_ok) == age


# --------------------------------------------------------------- painkillers

MEDICATION = [
    ("paracetamol now and then", (2, "simple")),
    ("co-codamol about 18 days a month", (18, "combination")),
    ("sumatriptan twice a week", (8, "triptan")),
    ("none", (0, None)),
    ("nothing", (0, None)),
    ("I don't take anything", (0, None)),
    ("ibuprofen most days", (20, "simple")),
    ("codeine 12 days a month", (12, "opioid")),
    ("tramadol", (None, "opioid")),
    ("paracetemol most days", (20, "simple")),
    ("painkillers most days", (20, None)),
    ("ibuprofen and sumatriptan 10 days a month", (10, "combination")),
    ("I don't take codeine, just paracetamol sometimes", (2, "simple")),
    ("just paracetamol sometimes", (2, "simple")),
    ("sumatriptan, about 12 days a month", (12, "triptan")),
    ("co-codamol most days", (20, "combination")),
    ("I take ibuprofen when needed, maybe 5 days a month", (5, "simple")),
    ("naproxen 3 times in the last 2 weeks", (6, "simple")),
    ("codeine 2 or 3 days a week", (12, "opioid")),
    ("none really", (0, None)),
    ("nope", (0, None)),
    ("ibuprofen when I need it", (None, "simple")),
    ("hello", (None, None)),
]


@pytest.mark.parametrize("text, expected", MEDICATION)
def test_painkiller_days_and_kind(text, expected):
    assert u.parse_medication(text) == expected


# --------------------------------------------------------------- yes / no / unsure

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
]


@pytest.mark.parametrize("text, expected", YES_NO)
def test_yes_no_unsure(text, expected):
    assert u.parse_yes_no(text) == expected


# --------------------------------------------------------------- contact details

PHONES = [
    ("+1 310 555 0142", "+13105550142"),
    ("020 7946 0958", "+442079460958"),
    ("call me on 07911 123456 please", "+447911123456"),
    ("12345", None),
    ("no thanks", None),
    # Ofcom drama numbers are possible but not "valid": people type them
    ("07700 900461", "+447700900461"),
    ("07700 900 461", "+447700900461"),
    ("my number is 07700900461 thanks", "+447700900461"),
    ("+44 7700 900461", "+447700900461"),
    ("12", None),
    ("call me maybe", None),
    ("999", None),
    ("1234567", None),
    ("2024-05-15", None),
    ("0000000000", None),
    # not a GB number: 10 digits not starting with 0 are read as US/Canada
    ("(415) 555-0199", "+14155550199"),
    ("415-555-0199", "+14155550199"),
    ("07700 900 123", "+447700900123"),
]


@pytest.mark.parametrize("text, expected", PHONES)
def test_phone_numbers_in_e164(text, expected):
    assert u.normalise_phone(text) == expected


def test_phone_default_region():
    assert u.normalise_phone("(310) 555-0142", default_region="US") == "+13105550142"


NAMES = [
    ("my name is Alex Morgan", "Alex Morgan"),
    ("Alex Morgan", "Alex Morgan"),
    ("alex morgan", "Alex Morgan"),
    ("I'm Sarah", "Sarah"),
    ("Mary-Jane O'Neil", "Mary-Jane O'Neil"),
    ("it's Sam", "Sam"),
    ("Sam Patel here", "Sam Patel"),
    ("put it under Jo", "Jo"),
    ("put it under the name Jo Smith", "Jo Smith"),
    ("book it under Priya please", "Priya"),
    ("it is for Sam", "Sam"),
    ("sam here thanks", "Sam"),
    ("the name is Alex", "Alex"),
    ("dr. priya nair", "Dr. Priya Nair"),
    ("Dr. Priya Nair", "Dr. Priya Nair"),
    ("Mr. J. Smith", "Mr. J. Smith"),
    ("mrs o'neil", "Mrs O'Neil"),
    ("Dr.", None),
    ("for me", None),
    ("under", None),
    ("12345", None),
    ("", None),
    ("yes", None),
]


@pytest.mark.parametrize("text, expected", NAMES)
def test_names(text, expected):
    assert u.parse_name(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("it's alex.morgan@Example.COM thanks", "alex.morgan@example.com"),
    ("a@b.co", "a@b.co"),
    ("no email", None),
])
def test_email(text, expected):
    assert u.parse_email(text) == expected


# --------------------------------------------------------------- whole opening messages

OPENINGS = [
    ("I'm 70 and I have a new headache at my temple, it hurts to chew",
     {"age": 70, "location": ["temples"], "history": "new"}),
    ("chewing gum all day gives me an ache in my temples",
     {"triggers": ["gum_chewing"], "location": ["temples"]}),
    ("my monitor is too low and I get pain at the back of my head by the end of the day",
     {"triggers": ["desk_work"], "location": ["back_of_head"]}),
    ("carrying my heavy rucksack makes my shoulders and the top of my head ache",
     {"triggers": ["heavy_bag"], "location": ["neck_shoulders", "top"]}),
    ("ache in my forehead, no fever, no vision problems, it didn't start suddenly",
     {"location": ["forehead"]}),
    ("I get tension headaches behind my eyes and I'd like to book an assessment",
     {"location": ["eyes"]}),
    ("I'm taking painkillers most days of the month for headaches now",
     {"medication_days": 20}),
    ("I'm 45 and I've had migraines for years, I take sumatriptan 12 days a month",
     {"age": 45, "history": "longstanding", "medication_kind": "triptan", "medication_days": 12}),
    ("I've had a headache for 2 days, about 7/10, I get them twice a week",
     {"duration_hours": 48.0, "severity": 7, "frequency_days": 8}),
    ("my headaches come most days and I'm 52",
     {"frequency_days": 20, "age": 52}),
    ("I have a really bad headache in my jaw",
     {"severity": 8, "location": ["jaw_face"]}),
    ("hello, my head hurts", {}),
    ("40", {}),                                  # no bare numbers without a question
    ("I chew gum every day and my jaw aches",
     {"triggers": ["gum_chewing"], "location": ["jaw_face"]}),   # not 30 headache days
    ("55 year old woman, new headaches for the past month",
     {"age": 55, "history": "new"}),
    ("my 12 year old son has a headache", {}),                   # somebody else's age
    ("I took 2 paracetamol an hour ago", {"medication_kind": "simple"}),   # not this headache's duration
    ("I'm worried it might be a tumour, my dad had a stroke", {}),
    ("I had a concussion ten years ago", {}),
    ("the pain is in my forehead and it's been 4 days",
     {"location": ["forehead"], "duration_hours": 96.0}),
    ("I'm pregnant and have a bad headache with blurry vision", {"severity": 7}),
    ("I have had headaches on and off since I was a kid, usually behind my eyes when I'm tired",
     {"history": "longstanding", "location": ["eyes"], "triggers": ["poor_sleep"]}),
    ("I'm 58 and never used to get headaches, but I've been getting them on and off for about two months",
     {"age": 58, "history": "new"}),
]


@pytest.mark.parametrize("text, expected", OPENINGS)
def test_extract_facts_from_a_free_message(text, expected):
    assert u.extract_facts(text) == expected


# --------------------------------------------------------------- answers to a question

ANSWERS = [
    ("location", "left temple", ["temples"]),
    ("location", "all over", ["band"]),
    ("location", "back of my head and neck", ["back_of_head", "neck_shoulders"]),
    ("location", "no idea", None),
    ("duration", "a few hours", 3.0),
    ("history", "it's new, the last couple of weeks", "new"),
    ("frequency", "most days", 20),
    ("frequency", "10", 10),
    ("severity", "7", 7),
    ("triggers", "looking down at my monitor", ["posture", "desk_work"]),
    ("triggers", "not sure really", []),
    ("triggers", "nothing in particular", []),
    ("triggers", "no, nothing in particular", []),
    ("history", "on and off for about two months", "new"),
    ("history", "on and off for years", "longstanding"),
    ("triggers", "no idea", []),
    ("triggers", "asdfgh", None),
    ("triggers", "I don't know what triggers it", []),
    ("triggers", "bright lights and noise", ["environment"]),
    ("age", "70", 70),
    ("age", "banana", None),
    ("medication", "co-codamol about 18 days a month", {"days": 18, "kind": "combination"}),
    ("medication", "none", {"days": 0, "kind": None}),
    ("medication", "tramadol", None),            # kind without days: ask again
    ("medication", "", None),
    # ... unless taken as needed: the drug is known, the days are not, and asking again would loop
    ("medication", "ibuprofen when I need it", {"days": None, "kind": "simple"}),
    ("medication", "sumatriptan as and when", {"days": None, "kind": "triptan"}),
    ("medication", "co-codamol only when it gets bad", {"days": None, "kind": "combination"}),
    ("medication", "painkillers when needed", None),
    ("medication", "sumatriptan, about 12 days a month", {"days": 12, "kind": "triptan"}),
    ("medication", "co-codamol most days", {"days": 20, "kind": "combination"}),
    ("medication", "I take ibuprofen when needed, maybe 5 days a month", {"days": 5, "kind": "simple"}),
    ("medication", "none really", {"days": 0, "kind": None}),
    ("medication", "nope", {"days": 0, "kind": None}),
    ("medication", "just paracetamol sometimes", {"days": 2, "kind": "simple"}),
    ("frequency", "3 or 4 times in the last couple of weeks", 8),
    ("frequency", "12 or so days a month", 12),
    ("frequency", "prob 20 days out of 30, more with than without", 20),
    ("frequency", "every other day", 15),
    ("frequency", "couple times a week", 8),
    ("frequency", "most weekdays", 20),
    ("frequency", "once or twice a month", 2),
    ("frequency", "almost every day", 25),
    ("frequency", "4 days a week", 16),
    ("frequency", "a handful of times", 4),     # days a month were asked
    ("frequency", "3 or 4 days", 4),
    ("frequency", "a few", 3),
    ("frequency", "twice maybe", 2),
    ("frequency", "hardly ever", 1),
    ("frequency", "about weekly", 4),
    ("frequency", "a", None),
    ("history", "only the last month", "new"),
    ("history", "since last month", "new"),
    ("history", "a few weeks", "new"),
    ("history", "since I was a kid", "longstanding"),
    ("history", "this is the first one", "new"),
    ("history", "on and off since uni", "longstanding"),
    ("history", "about 6 months", "longstanding"),
    ("triggers", "hard exercise, spin and running", ["exertion"]),
    ("triggers", "I think it's from smacking my head on the car boot lid this morning", []),
    ("triggers", "being at home, it goes when I'm out of the house", []),
    ("triggers", "purple elephant", None),
    ("severity", "about a 6", 6),
    ("severity", "6-7", 7),
    ("severity", "pretty bad", 7),
    ("severity", "bad enough to stop me working", 7),
    ("severity", "manageable", 4),
    ("duration", "a couple of days now", 48.0),
    ("duration", "on and off all week", 96.0),
]


@pytest.mark.parametrize("slot, text, expected", ANSWERS)
def test_parse_answer_to_the_question_asked(slot, text, expected):
    assert u.parse_answer(slot, text) == expected


def test_unknown_slot_is_a_programming_error():
    with pytest.raises(ValueError):
        u.parse_answer("favourite_colour", "blue")


def test_a_warning_sign_trigger_is_taken_only_as_an_answer_not_from_free_text():
    from bot import understanding as u

    opening = "had a concussion playing rugby when I was 15, now I get headaches after gaming"
    assert "exertion" not in u.extract_facts(opening).get("triggers", [])
    assert "exertion" in u.parse_answer("triggers", "hard exercise, spin and running")
