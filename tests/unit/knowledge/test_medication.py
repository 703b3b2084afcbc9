"""medication.yml: painkiller names by the kinds the medication-overuse rules know."""
import pytest

from bot.knowledge import KnowledgeError, medication
from bot.understanding import parse_medication


def test_the_shipped_kinds():
    kinds = medication.load()
    assert set(kinds) == set(medication.KINDS)
    assert "co codamol" in kinds["combination"].names
    assert "sumatriptan" in kinds["triptan"].names
    for kind in kinds.values():
        assert kind.sources == ("ICHD-3",)


def test_a_name_under_two_kinds_is_refused(edit):
    edit("medication", lambda c: c["kinds"][3]["names"].append("codeine"))
    with pytest.raises(KnowledgeError, match="codeine"):
        medication.load()


def test_a_name_not_written_as_the_normaliser_writes_it_is_refused(edit):
    edit("medication", lambda c: c["kinds"][0]["names"].append("Co-Codamol"))
    with pytest.raises(KnowledgeError, match="Co-Codamol"):
        medication.load()


def test_an_unknown_kind_is_refused(edit):
    edit("medication", lambda c: c["kinds"][0].__setitem__("id", "herbal"))
    with pytest.raises(KnowledgeError, match="herbal"):
        medication.load()


def test_every_kind_of_the_rules_needs_names(edit):
    edit("medication", lambda c: c["kinds"].pop())
    with pytest.raises(KnowledgeError, match="simple"):
        medication.load()


def test_a_kind_without_sources_is_refused(edit):
    edit("medication", lambda c: c["kinds"][0].pop("sources"))
    with pytest.raises(KnowledgeError, match="sources"):
        medication.load()


def test_a_name_added_to_the_file_is_understood(edit):
    edit("medication", lambda c: c["kinds"][1]["names"].append("rizatriptan wafer"))
    assert parse_medication("rizatriptan wafer 4 days a month") == (4, "triptan")
