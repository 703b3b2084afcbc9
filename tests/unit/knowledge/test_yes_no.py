"""yes_no.yml: the words that answer a yes/no question when they come first."""
import pytest

from bot.knowledge import KnowledgeError, yes_no
from bot.understanding import parse_yes_no


def test_the_shipped_words():
    words = yes_no.load()
    assert {"yes", "yeah", "y", "aye"} <= words.yes
    assert {"no", "nope", "n", "never"} <= words.no


def test_a_bare_yaml_yes_is_refused(knowledge_copy):
    """Unquoted, YAML reads yes as true: refused rather than never matched."""
    path = knowledge_copy / "yes_no.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('["yes",', "[yes,"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="yes_words"):
        yes_no.load()


def test_a_word_in_both_lists_is_refused(edit):
    edit("yes_no", lambda c: c["no_words"].append("yeah"))
    with pytest.raises(KnowledgeError, match="yeah"):
        yes_no.load()


def test_a_phrase_is_refused(edit):
    edit("yes_no", lambda c: c["yes_words"].append("go on"))
    with pytest.raises(KnowledgeError, match="go on"):
        yes_no.load()


def test_a_word_added_to_the_file_is_understood(edit):
    assert parse_yes_no("yarp") is None
    edit("yes_no", lambda c: c["yes_words"].append("yarp"))
    assert parse_yes_no("yarp") == "yes"


def test_a_longer_wording_added_to_the_file_is_understood(edit):
    assert parse_yes_no("reckon not mate") is None
    edit("yes_no", lambda c: c["wordings"]["saying_no"].insert(0, r"\breckon not\b"))
    assert parse_yes_no("reckon not mate") == "no"


def test_a_broken_wording_is_refused(edit):
    edit("yes_no", lambda c: c["wordings"]["unsure"].append("(unclosed"))
    with pytest.raises(KnowledgeError, match="unsure"):
        yes_no.load()
