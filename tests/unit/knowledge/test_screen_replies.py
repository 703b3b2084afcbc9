"""screen_replies.yml: the words of a reply to a numbered list."""
import pytest

from bot import red_flags, screening
from bot.knowledge import KnowledgeError, screen_replies

EMERGENCY = list(red_flags.screen("emergency").items)


def test_the_shipped_words():
    words = screen_replies.load()
    assert words.numbers["three"] == 3 and words.numbers["tres"] == 3
    assert words.ordinals["second"] == 2 and words.ordinals["2nd"] == 2
    assert "apart from" in words.exceptions and "maybe" in words.hedges


def test_a_bare_yaml_no_is_refused(knowledge_copy):
    """Unquoted, YAML reads no as false: refused rather than never matched."""
    path = knowledge_copy / "screen_replies.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('negations: [not, "no",', "negations: [not, no,"),
                    encoding="utf-8")
    with pytest.raises(KnowledgeError, match="negations"):
        screen_replies.load()


def test_a_number_out_of_range_is_refused(edit):
    edit("screen_replies", lambda c: c["numbers"]["en"].update({"ten": 10}))
    with pytest.raises(KnowledgeError, match="ten"):
        screen_replies.load()


def test_a_word_added_to_the_file_is_understood(edit):
    assert screening.read_reply(EMERGENCY, "everything bar 1").kind == screening.CHOSEN
    assert screening.read_reply(EMERGENCY, "none save 4").kind != screening.CHOSEN
    edit("screen_replies", lambda c: c["exceptions"].append("save"))
    assert screening.read_reply(EMERGENCY, "none save 4").answers == {"consciousness": "yes"}
