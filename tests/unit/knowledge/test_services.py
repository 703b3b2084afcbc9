"""services.yml: the one definition of the services on the Python side."""
import pytest

from bot.knowledge import KnowledgeError, services


def test_the_shipped_services():
    loaded = services.load()
    assert list(loaded.services) == ["nmt", "smrt"]
    assert loaded.start_with == "nmt"
    nmt = loaded.services["nmt"]
    assert nmt.abbreviation == "NMT" and "trigger point" in nmt.words
    assert nmt.sources == ("TRAVELL-SIMONS",)
    assert services.ids() == ("nmt", "smrt")


def test_a_wording_naming_two_services_is_refused(edit):
    edit("services", lambda c: c["services"][1]["words"].append("Trigger Point"))
    with pytest.raises(KnowledgeError, match="trigger point|Trigger Point"):
        services.load()


def test_the_starting_point_must_be_a_service(edit):
    edit("services", lambda c: c.__setitem__("start_with", "acupuncture"))
    with pytest.raises(KnowledgeError, match="start_with"):
        services.load()


@pytest.mark.parametrize("key", ["abbreviation", "words", "why", "general"])
def test_a_service_missing_a_field_is_refused(edit, key):
    edit("services", lambda c: c["services"][0].pop(key))
    with pytest.raises(KnowledgeError, match=key):
        services.load()


def test_a_service_citing_an_unknown_source_is_refused(edit):
    edit("services", lambda c: c["services"][0].__setitem__("sources", ["BLOG"]))
    with pytest.raises(KnowledgeError, match="BLOG"):
        services.load()


def test_duplicate_service_ids_are_refused(edit):
    edit("services", lambda c: c["services"].append(dict(c["services"][0])))
    with pytest.raises(KnowledgeError, match="duplicate"):
        services.load()


def test_a_new_service_is_understood_when_booking(edit):
    """Adding a service is a change to services.yml (and the domain's buttons), not to Python."""
    def add(content):
        extra = dict(content["services"][1], id="cranial", name="Cranial therapy (CT)",
                     abbreviation="CT", words=["cranial"])
        content["services"].append(extra)
    edit("services", add)
    from bot.understanding.booking import parse_service

    assert services.ids() == ("nmt", "smrt", "cranial")
    assert parse_service("the cranial one please") == "cranial"


def test_words_that_turn_a_service_down_must_be_lower_case_words(edit):
    edit("services", lambda c: c.__setitem__("not_a_request", ["Not SMRT"]))
    with pytest.raises(KnowledgeError, match="not_a_request"):
        services.load()
