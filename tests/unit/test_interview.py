"""The interview's pure helpers (bot/interview.py)."""
from bot import interview


def test_facts_stated_is_parsed_once_and_never_shared():
    """Cached per text (the form reads every earlier message each turn), yet a caller
    changing what it got changes nothing for the next caller."""
    first = interview.facts_stated("my temples and neck hurt, I'm 40")
    first["location"].append("jaw")
    first["age"] = 99
    again = interview.facts_stated("my temples and neck hurt, I'm 40")
    assert again["age"] == 40 and "jaw" not in again["location"]
