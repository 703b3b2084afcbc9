"""Where it hurts and what brings it on, in the person's own words ("templs" is the temples)."""
import pytest

from bot.understanding.lexicon import find_regions, find_triggers, warning_concepts


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
    # a saying that names a part of the head in another sense
    ("can you tell me if we should just keep an eye on him", []),
    ("on top of that I'm behind at work", []),
    ("pain on top of my head", ["top"]),
    ("", []),
]


@pytest.mark.parametrize("text, expected", REGIONS)
def test_where_it_hurts(text, expected):
    assert ids(find_regions(text)) == expected


def test_region_match_keeps_the_persons_words():
    assert find_regions("pain at the base of my skull") == [("back_of_head", "base of my skull")]


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
    # a word of the dictionary is no misspelling of a trigger ("whether" is not "weather")
    ("not sure whether it matters", []),
    ("it gets worse when the wheather turns", ["environment"]),
    # a worry about the headache itself is no stress that brings it on
    ("should we be worried about this one?", []),
    ("my job worries me sick", ["stress"]),
]


@pytest.mark.parametrize("text, expected", TRIGGERS)
def test_triggers_and_habits(text, expected):
    assert ids(find_triggers(text)) == expected


def test_warning_concepts_of_triggers():
    assert warning_concepts(["exertion"]) == {"cough_exertion"}
    assert warning_concepts(["stress", "exertion", "clenching"]) == {"cough_exertion"}
    assert warning_concepts(["stress", "desk_work"]) == set()
    assert warning_concepts([]) == set()
    with pytest.raises(ValueError):
        warning_concepts(["bad_vibes"])


def test_warning_concepts_are_checked_against_red_flags(tmp_path, monkeypatch):
    import shutil

    import yaml

    from bot import knowledge
    from bot.knowledge import KnowledgeError

    for path in knowledge.KNOWLEDGE_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    content = yaml.safe_load((tmp_path / "triggers.yml").read_text(encoding="utf-8"))
    next(t for t in content["triggers"] if t["id"] == "exertion")["warning_concept"] = "cough_exertionn"
    (tmp_path / "triggers.yml").write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")

    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", tmp_path)
    knowledge.clear_caches()
    try:
        with pytest.raises(KnowledgeError, match="cough_exertionn"):
            warning_concepts(["exertion"])
        with pytest.raises(KnowledgeError, match="cough_exertionn"):
            find_triggers("running")
    finally:
        monkeypatch.undo()
        knowledge.clear_caches()
