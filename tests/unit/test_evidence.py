""""Because you said ..." quotes only what the person said or chose, in their own
words or the label of the button they tapped (issue 10, point 7)."""
from __future__ import annotations

from bot import explanation, triage
from bot.assessment import Facts
from bot.evidence import Turn, quotes

KIOSK_TRIGGERS = (("Desk or screen work", "desk work, looking down at a screen"),
                  ("Stress", "stress"))
DESK = Facts(regions=("temples",), triggers=("desk_work", "posture", "screens"), age=35)


def test_one_tap_on_desk_work_is_quoted_as_the_button_not_as_a_paraphrase():
    said = quotes([Turn("my temples ache"),
                   Turn("desk work, looking down at a screen", KIOSK_TRIGGERS)])
    result = triage.assess([], DESK, {}, said)
    text = " ".join([result.service_reason] + [f.explanation for f in result.factors])
    assert 'chose "Desk or screen work"' in text and 'said "my temples ache"' in text
    assert "hunched" not in text and "a lot of time looking at screens" not in text


def test_ticked_options_are_each_quoted_by_their_label():
    said = quotes([Turn("desk work, looking down at a screen; stress", KIOSK_TRIGGERS)])
    assert said["trigger: desk_work"].words == "Desk or screen work"
    assert said["trigger: stress"].words == "Stress"


def test_typed_words_are_quoted_as_typed():
    said = quotes([Turn("long days at my desk, and stress")])
    assert said["trigger: stress"].words == "stress"
    assert said["trigger: desk_work"].words == "long days at my desk"


def test_a_rule_on_the_answers_is_worded_from_the_answers_not_internal_text():
    result = triage.assess([], Facts(regions=("temples",), history="new", age=71), {}, {})
    [flag] = [f for f in result.red_flags if f.evidence_kind == "facts"]
    assert flag.evidence == "you are 71 and this headache is new"
    text = " ".join(explanation.assessment_messages(result))
    assert "headache history" not in text and "you said you are 71" in text


# --------------------------------------------------------------- what a text names, remembered

def _texts():
    """Every blind utterance, and the pieces `quotes` cuts them into."""
    import glob
    import yaml

    from bot.evidence import _PIECES

    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(glob.glob("tests/blind/**/*.yml", recursive=True)):
        with open(path, encoding="utf-8") as f:
            walk(yaml.safe_load(f))
    pieces = [p for t in found for p in _PIECES.split(t) if p and p.strip()]
    return found + pieces


def test_what_a_text_names_is_the_same_read_or_remembered():
    from bot import evidence, knowledge

    knowledge.clear_caches()
    all_texts = _texts()
    texts = all_texts[::max(1, len(all_texts) // 600)] + [
        "my temples and neck", "long days at my desk", "templs", ""]
    assert any(evidence._find_named(t) for t in texts)
    first = [evidence._named(t) for t in texts]          # read (or, for a repeat, remembered)
    again = [evidence._named(t) for t in texts]          # remembered
    assert first == again == [evidence._find_named(t) for t in texts]


def test_a_caller_changing_its_answer_does_not_change_the_next():
    from bot import evidence

    named = evidence._named("my temples and my neck")
    assert named
    named.append("location: nowhere")
    named.clear()
    assert evidence._named("my temples and my neck") == evidence._find_named("my temples and my neck")


def test_what_is_remembered_holds_no_text():
    from bot import evidence

    evidence._named("Alice Smith 07700 900123 temples")
    kept = evidence._named_kept()
    for digest, found in kept.items():
        assert isinstance(digest, bytes) and len(digest) == 16
        assert all(k.startswith(("location: ", "trigger: ")) for k in found)
        assert not any("Alice" in k or "0770" in k for k in found)


def test_remembered_texts_are_bounded(monkeypatch):
    from bot import evidence

    monkeypatch.setattr(evidence, "NAMED_KEPT", 5)
    for n in range(20):
        evidence._named(f"my temples {n}")
    assert len(evidence._named_kept()) <= 5


def test_an_edited_trigger_list_is_read_again_not_remembered(tmp_path, monkeypatch):
    import shutil

    import yaml

    from bot import evidence, knowledge

    text = "zorbling at the weekend"
    knowledge.clear_caches()
    assert evidence._named(text) == []          # remembered as naming nothing
    for path in knowledge.KNOWLEDGE_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    triggers = yaml.safe_load((tmp_path / "triggers.yml").read_text(encoding="utf-8"))
    triggers["triggers"][0]["words"].append("zorbling")
    (tmp_path / "triggers.yml").write_text(yaml.safe_dump(triggers, sort_keys=False),
                                           encoding="utf-8")
    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", tmp_path)
    knowledge.clear_caches()
    try:
        assert evidence._named(text) == [f"trigger: {triggers['triggers'][0]['id']}"]
    finally:
        monkeypatch.undo()
        knowledge.clear_caches()
    assert evidence._named(text) == []
