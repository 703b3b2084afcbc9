"""The package keeps the names its callers used when it was one module."""
from bot import understanding

PUBLIC = {"find_regions", "find_triggers", "parse_duration_hours", "parse_history",
          "parse_frequency_days", "parse_severity", "parse_age", "parse_medication",
          "parse_yes_no", "extract_facts", "parse_answer", "normalise_phone",
          "parse_email", "parse_name", "warning_concepts", "says_yes_first", "words_beyond_the_answer", "SLOTS"}


def test_the_package_exports_exactly_the_names_callers_use():
    assert set(understanding.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(understanding, name) is not None, name


def test_the_slots_are_the_interview_questions_in_order():
    assert understanding.SLOTS == ("location", "duration", "history", "frequency", "severity",
                                   "triggers", "age", "medication")
