"""Wordings to ids: where it hurts (regions.yml) and what brings it on (triggers.yml).

Each file's wordings become a lexicon matched on whole words of the
normalised text, filler words ("my", "the", "left") ignored, longest wording
first, negated mentions ("not my jaw") skipped, and misspellings of longer
words ("templs", "forhead") caught by fuzzy matching. The files are read by
their loaders (bot.knowledge.regions, bot.knowledge.triggers);
`warning_concepts` (a trigger that is itself a warning sign) is re-exported
from the latter for the callers of understanding.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Optional

from bot import knowledge
from bot import normalise as spelling
from bot.knowledge import regions, triggers
from bot.knowledge.triggers import warning_concepts
from bot.understanding.text import FILLER, clauses, is_negated, normalise, tokens

__all__ = ["find_regions", "find_triggers", "warning_concepts"]



@dataclass(frozen=True)
class _Lexicon:
    phrases: tuple[tuple[tuple[str, ...], str, str], ...]   # (tokens, id, wording), longest first
    fuzzy_words: dict                                         # single word -> id
    blocked: tuple[tuple[str, ...], ...]                      # wordings that are never a hit


def _phrase_tokens(wording: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(normalise(wording)) if t not in FILLER)


def _build_lexicon(entries: Iterable[tuple[str, Iterable[str]]], blocked: Iterable[str] = ()) -> _Lexicon:
    """A lexicon of (id, its wordings) pairs; an id is also its own wording ("desk_work")."""
    phrases = []
    for ident, words in entries:
        for wording in [*words, ident.replace("_", " ")]:
            toks = _phrase_tokens(str(wording))
            if toks:
                phrases.append((toks, ident, str(wording)))
    phrases.sort(key=lambda p: (-len(p[0]), -sum(map(len, p[0]))))
    fuzzy = {}
    for toks, ident, _ in phrases:
        if len(toks) == 1 and len(toks[0]) >= 5:
            fuzzy.setdefault(toks[0], ident)
    block = tuple(_phrase_tokens(b) for b in blocked if _phrase_tokens(b))
    return _Lexicon(tuple(phrases), fuzzy, block)


@knowledge.cached
def _region_lexicon() -> _Lexicon:
    return _build_lexicon(((r.id, r.words) for r in regions.table().values()), regions.not_regions())


@knowledge.cached
def _region_answer_lexicon() -> _Lexicon:
    """The regions' wordings with the ones that name a part only when the head is understood
    ("the front", "both sides": the answer to "where does it hurt?")."""
    return _build_lexicon(((r.id, (*r.words, *r.answer_words)) for r in regions.table().values()),
                          regions.not_regions())


@knowledge.cached
def _trigger_lexicon() -> _Lexicon:
    table = triggers.table()
    return _build_lexicon(((t.id, t.words) for t in table.triggers.values()), table.not_triggers)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _fuzzy_window_match(window: list[str], phrase: tuple[str, ...]) -> bool:
    """A misspelt multi-word wording: every word close, the whole closer still."""
    for got, want in zip(window, phrase):
        if got == want:
            continue
        if len(want) <= 2 or got[0] != want[0] or _similar(got, want) < 0.8:
            return False
    return _similar(" ".join(window), " ".join(phrase)) >= 0.88


def _match(lexicon: _Lexicon, text: str, fuzzy: bool = True) -> list[tuple[str, str]]:
    """(id, the person's words) for every wording found, in order, one per id."""
    hits: list[tuple[int, int, str, str]] = []   # (clause no, position, id, words)
    for ci, clause in enumerate(clauses(normalise(text))):
        raw = tokens(clause)
        content = [(i, t) for i, t in enumerate(raw) if t not in FILLER]
        words = [t for _, t in content]
        used = [False] * len(words)

        def claim(start: int, length: int, ident: Optional[str]) -> None:
            for k in range(start, start + length):
                used[k] = True
            if ident is None:
                return
            raw_start, raw_end = content[start][0], content[start + length - 1][0]
            if not is_negated(raw, raw_start):
                hits.append((ci, raw_start, ident, " ".join(raw[raw_start:raw_end + 1])))

        # Where each word and each first letter occurs: a phrase is tried only where it
        # can start (its first word, or for a misspelling its first letter), so a long
        # message costs its length, not its length times the lexicon.
        at_word: dict[str, list[int]] = {}
        at_letter: dict[str, list[int]] = {}
        for k, w in enumerate(words):
            at_word.setdefault(w, []).append(k)
            at_letter.setdefault(w[:1], []).append(k)

        def scan(phrase: tuple[str, ...], ident: Optional[str], approx: bool) -> None:
            n = len(phrase)
            starts = at_letter.get(phrase[0][:1], ()) if approx else at_word.get(phrase[0], ())
            for s in starts:
                if s > len(words) - n or any(used[s:s + n]):
                    continue
                window = words[s:s + n]
                if window == list(phrase) or (approx and _fuzzy_window_match(window, phrase)):
                    claim(s, n, ident)

        for phrase in lexicon.blocked:
            scan(phrase, None, False)
        for phrase, ident, _ in lexicon.phrases:
            scan(phrase, ident, False)
        if fuzzy:
            for phrase, ident, _ in lexicon.phrases:
                if len(phrase) >= 2 and sum(map(len, phrase)) >= 8:
                    scan(phrase, ident, True)
            vocab = list(lexicon.fuzzy_words)
            for s, word in enumerate(words):
                if used[s] or len(word) < 5 or word.isdigit() or spelling.is_word(word):
                    continue    # a word of the dictionary is no misspelling ("whether": not weather)
                close = [c for c in difflib.get_close_matches(word, vocab, n=3, cutoff=0.84)
                         if c[0] == word[0]]
                if close:
                    claim(s, 1, lexicon.fuzzy_words[close[0]])
    hits.sort()
    seen: set[str] = set()
    out = []
    for _, _, ident, words_ in hits:
        if ident not in seen:
            seen.add(ident)
            out.append((ident, words_))
    return out


def find_regions(text: str, answering: bool = False) -> list[tuple[str, str]]:
    """Head regions named in `text`: [(region id, the person's words)], in order.

    Lay wordings from regions.yml, tolerant of misspellings ("templs",
    "forhead", "bak of my head"); negated mentions ("not my jaw") are skipped.
    `answering`: the text answers "where does it hurt?", so the head is understood
    and "the front" or "both sides" name a part of it.
    """
    return _match(_region_answer_lexicon() if answering else _region_lexicon(), text)


def find_triggers(text: str) -> list[tuple[str, str]]:
    """Triggers and habits named in `text`: [(trigger id, the person's words)]."""
    return _match(_trigger_lexicon(), text)
