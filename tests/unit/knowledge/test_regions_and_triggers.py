"""regions.yml and triggers.yml: one loader each, shared by the factors, the
understanding of the person's words and triage."""
import pytest

from bot import factors
from bot.knowledge import KnowledgeError, regions, triggers
from bot.understanding import find_regions, find_triggers


def test_the_factors_and_the_understanding_read_the_same_tables():
    assert factors._knowledge().regions is regions.table()
    assert factors._knowledge().triggers is triggers.table().triggers
    # every region and trigger is found by its own wordings
    for region in regions.table().values():
        assert [r for r, _ in find_regions(region.words[0])] == [region.id], region.id
    for trigger in triggers.table().triggers.values():
        assert trigger.id in [t for t, _ in find_triggers(trigger.words[0])], trigger.id


def test_the_shipped_tables():
    table = triggers.load()
    assert table.triggers["clenching"].contributor == "jaw_tension"
    assert table.triggers["exertion"].warning_concept == "cough_exertion"
    assert "phone number" in table.not_triggers
    assert regions.load()["temples"].service in ("nmt", "smrt")


def test_habit_words():
    assert {"chew", "gum", "desk"} <= set(triggers.load().habit_words)


def test_a_habit_word_not_written_as_the_normaliser_writes_it_is_refused(edit):
    edit("triggers", lambda c: c["habit_words"].append("Chewing-gum"))
    with pytest.raises(KnowledgeError, match="Chewing-gum"):
        triggers.load()


def test_a_habit_word_added_to_the_file_is_read(edit):
    from bot.understanding import extract_facts

    said = "my head hurts when I knit every day"
    assert extract_facts(said)["frequency_days"] == 30
    edit("triggers", lambda c: c["habit_words"].append("knit"))
    assert "frequency_days" not in extract_facts(said)


def test_warning_concepts_of_triggers():
    assert triggers.warning_concepts(["stress", "exertion"]) == {"cough_exertion"}
    with pytest.raises(KnowledgeError, match="bad_vibes"):
        triggers.warning_concepts(["bad_vibes"])


def test_a_trigger_wording_that_is_not_words_is_refused(edit):
    edit("triggers", lambda c: c["triggers"][0]["words"].append(["clench"]))
    with pytest.raises(KnowledgeError, match="clenching"):
        triggers.load()


def test_a_not_trigger_that_is_not_words_is_refused(edit):
    edit("triggers", lambda c: c["not_triggers"].append(""))
    with pytest.raises(KnowledgeError, match="not_triggers"):
        triggers.load()


def test_a_region_of_an_unknown_service_is_refused(edit):
    edit("regions", lambda c: c["regions"][0].__setitem__("service", "reiki"))
    with pytest.raises(KnowledgeError, match="reiki"):
        regions.load()


def test_the_understanding_refuses_a_broken_file_too(edit):
    """One loader: a file the factors refuse is not half-used by the understanding."""
    edit("regions", lambda c: c["regions"][0].__setitem__("sources", ["DR-GOOGLE"]))
    with pytest.raises(KnowledgeError, match="DR-GOOGLE"):
        find_regions("my temples")
