"""Per-message work of medspaCy that need not happen per pattern.

medspaCy 1.0's RegexMatcher (the detector's concept patterns and context rules,
about 600 regular expressions) asks the spaCy Doc for its text once for every
pattern it runs, and a Doc builds that string again from its tokens each time:
4 microseconds for a 20-word message, 600 times, most of what the detector's
matching cost (issue 9's profile: 9% of a loaded server). Here the text is taken
once per Doc; everything else is medspaCy's own loop, so the matches are the
same (tests/unit/test_medspacy_speedups.py compares both on the blind messages).

Installed by bot.red_flags before it builds its pipeline. Written for medspaCy
1.0.0: on another version it installs nothing (a logged warning), so an upgrade
can never run a stale patch.
"""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

FOR_VERSION = "1.0.0"


def install() -> bool:
    """Patch RegexMatcher.__call__ (once); whether the patch is in place."""
    import medspacy
    from medspacy.common import regex_matcher
    from medspacy.common.regex_matcher import RegexMatcher

    if getattr(RegexMatcher.__call__, "headache_text_once", False):
        return True
    if medspacy.__version__ != FOR_VERSION:
        logger.warning("medspaCy %s is not %s: its RegexMatcher is left as it is",
                       medspacy.__version__, FOR_VERSION)
        return False
    get_token_for_char = regex_matcher.get_token_for_char

    def __call__(self, doc):
        text = doc.text_with_ws          # once, not once per pattern
        matches = []
        for (match_id, patterns) in self._patterns.items():
            for pattern in patterns:
                on_match = self._callbacks[match_id]
                for re_match in pattern.finditer(text):
                    span = doc.char_span(re_match.start(), re_match.end())
                    if span is None:
                        start = get_token_for_char(doc, re_match.start(), resolve=self.resolve_start)
                        end = get_token_for_char(doc, re_match.end(), resolve=self.resolve_end)
                        end_index = len(doc) if end is None else end.i
                        span = doc[start.i:end_index]
                    if len(span):
                        matches.append((match_id, span.start, span.end))
                    if on_match is not None:
                        on_match(self, doc, len(matches) - 1, matches)
        return matches

    __call__.headache_text_once = True          # type: ignore[attr-defined]
    __call__.original = RegexMatcher.__call__   # type: ignore[attr-defined]
    RegexMatcher.__call__ = __call__
    return True
