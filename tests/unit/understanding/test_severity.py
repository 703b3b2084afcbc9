"""How bad it is, 0-10, from numbers and words."""
import pytest

from bot.understanding.severity import parse_severity

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
    # a score opening the answer, then more after a comma: that score, or the higher one it reaches
    ("5, I've had worse after a night out", 5),
    ("3, sometimes 5 by the end of the shift", 5),
    ("about 6, maybe a 7 at its worst", 7),
    ("6, took 2 paracetamol", 6),
    ("2, 3 days now", 2),
    ("5, sorry I mean 9", 9),
    ("3, but when it started it was the worst pain ever", 10),
    ("8, 9", 9),
    # a full stop after the number ends the sentence (a blind case's answer so ended went unread)
    ("Around a 6.", 6),
    ("7.", 7),
    ("6.5", 7),
    ("3 out of 10.", 3),
    # a clause that is nothing but a score, before or after other words: the highest
    ("it feels like a band being tightened, 4", 4),
    ("maybe a 6? I can still work", 6),
    ("out of ten? five, maybe six?", 6),
    ("hmm. 5 i guess. maybe 6", 6),
    ("a 2 or 3, more annoying than anything", 3),
    ("honestly no idea what counts, say 4", 4),
    # ... never a count, an age or a time said around it (the pain's words decide then)
    ("Horrendous, it has been at it for about 3 days now, maybe 4", 8),
    ("Dreadful. Took co-codamol, two. No help", 8),
    ("awful, he is only 7, maybe 8", 8),
    ("woke at 5. maybe 6", None),
    ("for my girl, 8, she says a 4", 4),
    # reported for the person it is about
    ("he says 6 or 7", 7),
    ("my daughter reckons a 3", 3),
    ("dice que un 8", 8),
    ("12", None),
    ("I'm 70", None),
    ("had it 3 days, no idea", None),
    ("purple", None),
]


@pytest.mark.parametrize("text, score", SEVERITY)
def test_how_bad_it_is(text, score):
    assert parse_severity(text) == score
