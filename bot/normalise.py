"""Text as people type it -> text the detector and the parsers can read.

One normaliser for the warning-sign detector and the answer parsers:

- lower case, typographic quotes and dashes made plain, apostrophes removed
  ("can't" -> "cant", the convention of data/knowledge/red_flags.yml);
- emoji read as words ("🤮" -> "vomiting"), others as a space (data/knowledge/language.yml);
- chat abbreviations expanded ("u" -> "you", "b4" -> "before"; Spanish ones such as
  "xq" -> "porque" only in a message that reads as Spanish);
- misspellings corrected with symspellpy: a word that is in neither the English
  dictionary (symspellpy's bundled frequency dictionary) nor the Spanish one
  (spacy-lookups-data, built by scripts/build_language.py) is replaced by the word of
  the knowledge files one edit away that is most like it, so "numbess" reads
  "numbness" and not "numbers"; other words are left as written;
- in a message that reads as Spanish or mixed, a word spelt as it sounds ("cabesa",
  "beo", "aora", "iskierdo": s for z or c, b for v, a dropped h, k for qu, y for ll) is
  read as the word of the knowledge files that sounds the same, when that word is far
  commoner in Spanish (`SOUNDS_LIKE_RATIO`); such spellings are frequent enough on the
  web to be in the Spanish word list, so the rule above would keep them;
- `offsets` maps every character of the result back to the original text, so the
  person's own words can be quoted.

Loading the dictionaries takes a second or two and about 60 MB; it happens once per
process (`warm_up()` at start-up).
"""
from __future__ import annotations

import array
import bisect
import difflib
import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from bot import knowledge
from bot.knowledge import KnowledgeError

LANGUAGE_DIR = Path(os.environ.get(
    "HEADACHE_LANGUAGE_DIR", Path(__file__).resolve().parent.parent / "var" / "language"))
KNOWLEDGE_NAME = "language"
# Words shorter than this are too ambiguous to correct ("hed": head? he'd? had?).
MIN_CORRECTED_LENGTH = 4
# The correction candidates: the most frequent words of each language plus the
# knowledge files' words; any word of the full lists counts as correctly spelt.
CANDIDATES_PER_LANGUAGE = 40_000
# A Spanish word spelt as it sounds is read as the knowledge files' word that sounds the
# same when that word is this many times commoner ("cabesa" 2,329 : "cabeza" 1,140,174)
# and common itself; a word commoner in English than in Spanish is never either side.
SOUNDS_LIKE_RATIO = 20
SOUNDS_LIKE_MIN_COUNT = 1_000
# English counts run about this many times larger than the Spanish list's (the corpora differ)
ENGLISH_SCALE = 20

_TOKEN = re.compile(r"[^\W_]+(?:/o\b|/(?=\s|$))?")
_QUOTES = {"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"',
           "\u2013": "-", "\u2014": "-", "\u00a0": " "}
_DROPPED = {"'"}
_EMOJI_MODIFIERS = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F]")
# Function words that tell Spanish from English (a message is "mixed" when it has both).
@dataclass(frozen=True)
class Normalised:
    """`text` as the detector reads it; `offsets[i]` is the index in the original
    text of the character `text[i]` came from; `language`: en, es or mixed."""

    text: str
    offsets: tuple[int, ...]
    language: str

    def original_span(self, original: str, start: int, end: int) -> str:
        """The person's own words for `text[start:end]`."""
        if start >= end or not self.offsets:
            return ""
        return original[self.offsets[start]:self.offsets[end - 1] + 1]


@dataclass(frozen=True)
class _Language:
    abbreviations_en: dict
    abbreviations_es: dict
    emoji: dict
    keep: frozenset
    answer_words: frozenset      # the words the answer parsers look for (times, numbers, frequencies)
    spanish_answers: re.Pattern  # one regex of the Spanish answer phrases, longest first
    spanish_meaning: dict        # Spanish answer phrase -> English
    spanish_cues: frozenset = frozenset()   # words that show a message is (partly) Spanish
    english_cues: frozenset = frozenset()   # ... or English
    between_words: dict = None   # letters that are a word only between two words ("face n arm")
    capitals: dict = None        # shorthand only when written in capitals ("HA", "R", "L")
    side_letters: dict = None    # a side's letter right before a part of the body ("r eye")
    body_parts: frozenset = frozenset()
    after_words: dict = None     # letters that are a word only after certain words ("cud b")


def normalise(text: str, keep_apostrophes: bool = False) -> Normalised:
    """The message lower-cased, with emoji, abbreviations and misspellings read as words
    (apostrophes removed, unless kept for the answer parsers' own contractions)."""
    chars, offsets = _plain_characters(text or "", keep_apostrophes)
    chars, offsets = _spelled_out_joined(text or "", chars, offsets)
    plain = "".join(chars)
    language = guess_language(plain)
    lang = _language()
    out: list[str] = []
    out_offsets: list[int] = []
    position = 0
    # a message typed all in capitals is shouting, not shorthand: "MY MUM HAS A HEADACHE"
    shorthand_capitals = bool(lang.capitals) and any(c.islower() for c in (text or ""))
    for match in _TOKEN.finditer(plain):
        # what lies between words is kept as it is
        out.extend(plain[position:match.start()])
        out_offsets.extend(offsets[position:match.start()])
        word = match.group()
        replacement = None
        if shorthand_capitals and word.upper() in lang.capitals:
            # written in capitals, a shorthand ("HA" a headache, "R arm"); in lower case a word ("ha", "r")
            written = text[offsets[match.start()]:offsets[match.end() - 1] + 1]
            if written.isupper():
                replacement = lang.capitals[word.upper()]
        if replacement is None and word in lang.side_letters and _before_a_part(plain, match.end(), lang.body_parts):
            replacement = lang.side_letters[word]      # "behind r eye": right, not "are"
        if replacement is None:
            replacement = lang.abbreviations_en.get(word)
        if replacement is None and word in lang.between_words and _between_words(plain, match.start(), match.end()):
            replacement = lang.between_words[word]
        if replacement is None and word in lang.after_words and _word_before(plain, match.start()) in lang.after_words[word][1]:
            replacement = lang.after_words[word][0]    # "it cud b a tumour": be, not "plan b"
        if replacement is None and language != "en":
            replacement = lang.abbreviations_es.get(word)
        source = offsets[match.start():match.end()]
        if replacement is None and _possessive(text or "", word, source):
            # "grandad's" -> "grandads": the stem is what is spelt ("grandads" is one edit
            # from "grandad", and correcting it lost whose face it was)
            replacement = correct(word[:-1], language) + "s"
        if replacement is None:
            replacement = correct(word, language)
        if replacement == word:
            out.extend(word)
            out_offsets.extend(source)
        else:
            out.extend(replacement)
            out_offsets.extend(source[0] if i == 0 else source[-1] for i in range(len(replacement)))
        position = match.end()
    out.extend(plain[position:])
    out_offsets.extend(offsets[position:])
    return Normalised("".join(out), tuple(out_offsets), language)


def _possessive(text: str, word: str, source: list[int]) -> bool:
    """`word` was written with an apostrophe before its final s ("grandad's", "mum’s")."""
    return (len(word) > 2 and word.endswith("s") and source[-1] - source[-2] == 2
            and _QUOTES.get(text[source[-1] - 1], text[source[-1] - 1]) in _DROPPED)


def answers_in_english(text: str) -> str:
    """The Spanish time, frequency and number words of an answer read in English, when the
    message reads as Spanish or mixed ("25 días al mes" -> "25 days a month")."""
    if guess_language(text) == "en":
        return text
    lang = _language()
    return lang.spanish_answers.sub(lambda m: lang.spanish_meaning[m.group().lower()], text)


def guess_language(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    lang = _language()
    spanish = sum(w in lang.spanish_cues for w in words)
    english = sum(w in lang.english_cues for w in words)
    if spanish >= 2 and english >= 2:
        return "mixed"
    if spanish > english or (spanish and not english) or any(c in text for c in "ñ¿¡áéíóú"):
        return "es" if english < 2 else "mixed"
    return "en"


def correct(word: str, language: str = "en") -> str:
    """`word` spelt right: itself when known, else the known word one edit away that is
    most like it (a knowledge-file word first on a tie, then a likely slip of the keyboard or
    the ear, then the most frequent), else itself.
    In Spanish or mixed text, first: a word spelt as it sounds -> the word it sounds like."""
    if not word.isalpha():
        return word
    dictionary = _dictionary()
    if language != "en":
        heard = dictionary.sounds_like(word)
        if heard is not None:
            return heard
    if len(word) < MIN_CORRECTED_LENGTH or is_word(word):
        return word
    best: Optional[tuple[float, bool, int, str]] = None
    for lang in (("en", "es") if language != "en" else ("en",)):
        for suggestion in dictionary.lookup(lang, word):
            # Among words one edit away, the one most like what was typed ("concusion":
            # concussion, not confusion), a clinical word counting as a little more
            # alike ("speach": speech, not peach), then the commoner.
            # On a tie, a likely slip first: a letter for its neighbour on the keyboard or a
            # vowel for a vowel ("wirst": worst, not first; "couble": double, not couple).
            in_domain = suggestion.term in dictionary.domain
            similarity = difflib.SequenceMatcher(None, word, suggestion.term).ratio() + 0.1 * in_domain
            rank = (similarity, in_domain, _likely_slip(word, suggestion.term), suggestion.count, suggestion.term)
            if best is None or rank > best:
                best = rank
    if best is not None and best[1]:
        # Only the words the knowledge files use are worth a correction: any other word
        # one edit away is as likely to be the wrong one ("dubble": bubble) and no
        # pattern or parser looks for it.
        return best[4]
    # Else an English word spelt as it sounds, more than one edit away ("kemo",
    # "lymfoma"): the knowledge files' word that sounds the same, if only one does.
    return dictionary.sounds_like_english(word) or word if language != "es" else word


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {key: (row, col) for row, keys in enumerate(_KEY_ROWS) for col, key in enumerate(keys)}
_VOWELS = frozenset("aeiouy")


def _likely_slip(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with a likely slip: not a letter put for one that is
    neither its neighbour on a QWERTY keyboard nor (both being vowels) one it sounds like."""
    if len(typed) != len(word):
        return True                     # a letter left out or doubled
    diff = [(a, b) for a, b in zip(typed, word) if a != b]
    if len(diff) != 1:
        return True                     # two letters swapped
    (a, b), = diff
    if a in _VOWELS and b in _VOWELS:
        return True
    (row_a, col_a), (row_b, col_b) = _KEY_AT.get(a, (9, 99)), _KEY_AT.get(b, (-9, -99))
    return abs(row_a - row_b) <= 1 and abs(col_a - col_b) <= 1


def lemma(word: str) -> str:
    """English lookup lemma ("slurring" -> "slur"); the word itself when unknown."""
    return _dictionary().lemmas.get(word, word)


def warm_up() -> None:
    _dictionary()


# --------------------------------------------------------------------------- internals

def _plain_characters(text: str, keep_apostrophes: bool = False) -> tuple[list[str], list[int]]:
    """Lower-cased characters with quotes made plain, apostrophes and control
    characters dropped and emoji replaced by words, each with its original offset."""
    emoji_at = _emoji_spans(text)
    chars: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        if i in emoji_at:
            end, words = emoji_at[i]
            piece = f" {words} " if words else " "
            chars.extend(piece)
            offsets.extend([i] * len(piece))
            i = end
            continue
        ch = _QUOTES.get(text[i], text[i])
        if (ch in _DROPPED and not keep_apostrophes) or (unicodedata.category(ch) == "Cc" and ch != "\n"):
            i += 1
            continue
        for c in unicodedata.normalize("NFKC", ch).lower():
            chars.append(c)
            offsets.append(i)
        i += 1
    return chars, offsets


# Capital letters spelled one by one, as speech-to-text writes an initialism ("H I V",
# "C O alarm", "M.S."): two to five of them, each alone between single spaces or dots, never
# across a sentence's end ("vitamin D. I have"), and with "I" only among three or more
# ("vitamin D I have" is two words).
_SPELLED_OUT = re.compile(r"(?<![^\W_])[A-Z](?:[ .][A-Z]){1,4}(?![^\W_])")


def _spelled_out_joined(text: str, chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """The characters with the spaces and dots inside a spelled-out initialism left out."""
    if not any(c.isupper() for c in text) or not any(c.islower() for c in text):
        return chars, offsets      # (a message all in capitals is shouting: "R U THERE")
    gaps = {i for m in _SPELLED_OUT.finditer(text)
            if "U" not in m.group()      # "R U ok", "C U"
            and not ("I" in m.group() and sum(c.isalpha() for c in m.group()) < 3)
            for i in range(m.start(), m.end()) if not text[i].isalpha()}
    if not gaps:
        return chars, offsets
    kept = [k for k, at in enumerate(offsets) if at not in gaps]
    return [chars[k] for k in kept], [offsets[k] for k in kept]


def _emoji_spans(text: str) -> dict[int, tuple[int, str]]:
    if not any(ord(c) > 0x2000 for c in text):
        return {}
    import emoji as emoji_lib

    table = _language().emoji
    spans = {}
    for found in emoji_lib.emoji_list(text):
        plain = _EMOJI_MODIFIERS.sub("", found["emoji"])
        words = table.get(found["emoji"]) or table.get(plain) or ""
        spans[found["match_start"]] = (found["match_end"], words)
    return spans


def is_word(word: str) -> bool:
    """`word` (lower case) is a word of the English or Spanish dictionary or of the knowledge
    files, not a misspelling: never corrected here, and the answer parsers' own near matches
    leave it alone."""
    dictionary = _dictionary()
    # an inflection the lemma table knows is a word ("sleepier", "blurrier"), not a
    # misspelling of the nearest dictionary word ("sleeper")
    return (word in _language().keep or word in dictionary.known
            or word in dictionary.domain or word in dictionary.lemmas
            or word in dictionary.spellings_looked_for)


@functools.lru_cache(maxsize=1)
def _language() -> _Language:
    content = knowledge.load(KNOWLEDGE_NAME)
    where = f"{KNOWLEDGE_NAME}.yml"
    abbreviations = content.get("abbreviations") or {}
    for lang in ("en", "es"):
        table = abbreviations.get(lang)
        if not isinstance(table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and k == k.lower() for k, v in table.items()):
            raise KnowledgeError(f"{where}: abbreviations.{lang} must map lower-case words to words")
    emoji = content.get("emoji")
    if not isinstance(emoji, dict) or not all(isinstance(v, str) for v in emoji.values()):
        raise KnowledgeError(f"{where}: 'emoji' must map emoji to words")
    keep = content.get("keep")
    if not isinstance(keep, list) or not all(isinstance(w, str) for w in keep):
        raise KnowledgeError(f"{where}: 'keep' must be a list of words")
    answer_words = content.get("answer_words")
    if not isinstance(answer_words, list) or not all(isinstance(w, str) for w in answer_words):
        raise KnowledgeError(f"{where}: 'answer_words' must be a list of words")
    spanish = content.get("spanish_answers")
    if not isinstance(spanish, dict) or not all(isinstance(v, str) for v in spanish.values()):
        raise KnowledgeError(f"{where}: 'spanish_answers' must map Spanish phrases to English")
    capitals = content.get("capitals")
    if not isinstance(capitals, dict) or not all(
            isinstance(k, str) and k == k.upper() and isinstance(v, str) for k, v in capitals.items()):
        raise KnowledgeError(f"{where}: 'capitals' must map words in capitals to words")
    between = content.get("between_words")
    if not isinstance(between, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in between.items()):
        raise KnowledgeError(f"{where}: 'between_words' must map letters to words")
    after = content.get("after_words")
    if not isinstance(after, dict) or not all(
            isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("word"), str)
            and isinstance(v.get("after"), list) and v["after"] and all(isinstance(w, str) and w == w.lower() for w in v["after"])
            for k, v in after.items()):
        raise KnowledgeError(f"{where}: 'after_words' must map letters to a word and the lower-case words it follows")
    sides = content.get("sides_before_parts")
    if not isinstance(sides, dict) or not isinstance(sides.get("letters"), dict) or not isinstance(
            sides.get("parts"), list) or not all(isinstance(p, str) and p == p.lower() for p in sides["parts"]):
        raise KnowledgeError(f"{where}: 'sides_before_parts' needs letters (letter: side) and parts (lower-case words)")
    cues = content.get("language_cues")
    if not isinstance(cues, dict) or set(cues) != {"en", "es"} or not all(
            isinstance(words, list) and words and all(isinstance(w, str) and w == w.lower() for w in words)
            for words in cues.values()):
        raise KnowledgeError(f"{where}: 'language_cues' must list lower-case words for en and es")
    spanish = {str(k).lower(): v for k, v in spanish.items()}
    phrases = "|".join(re.escape(k) for k in sorted(spanish, key=len, reverse=True))
    return _Language({str(k): v for k, v in abbreviations["en"].items()},
                     {str(k): v for k, v in abbreviations["es"].items()},
                     {str(k): v for k, v in emoji.items()}, frozenset(keep),
                     frozenset(w.lower() for w in answer_words),
                     re.compile(rf"(?<![^\W\d_])(?:{phrases})(?![^\W\d_])"), spanish,
                     frozenset(cues["es"]), frozenset(cues["en"]), dict(between), dict(capitals),
                     {str(k): str(v) for k, v in sides["letters"].items()}, frozenset(sides["parts"]),
                     {str(k): (v["word"], frozenset(v["after"])) for k, v in after.items()})


def _word_before(text: str, start: int) -> str:
    """The word right before text[start:] (one space between), or ""."""
    # (only the last few characters: searched over all of text[:start] at every word, a long
    # message cost its length squared)
    before = re.search(r"(?<![^\W\d_])([^\W\d_]+|\d+) $", text[max(0, start - 24):start])
    return before.group(1) if before else ""


def _before_a_part(text: str, end: int, parts: frozenset) -> bool:
    """Whether the word after text[:end] (one space between) is a part of the body."""
    following = re.match(r" ([^\W\d_]+)", text[end:])
    return bool(following) and following.group(1) in parts


def _between_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands alone between two words, one space either side."""
    return (start >= 2 and text[start - 1] == " " and text[start - 2].isalpha()
            and end + 1 < len(text) and text[end] == " " and text[end + 1].isalpha())


class _Dictionary:
    """The spelling dictionaries: known words and correction candidates per language."""

    def __init__(self) -> None:
        from symspellpy import SymSpell

        english = _read_counts(_english_frequency_path(), " ")
        spanish_path = LANGUAGE_DIR / "es_frequency.txt"
        if not spanish_path.exists():
            raise FileNotFoundError(f"{spanish_path} is missing: run scripts/build_language.py (make setup)")
        spanish = _read_counts(spanish_path, " ")
        self.known = frozenset(english) | frozenset(spanish)
        self.domain = frozenset(w for w in knowledge_words() if w in self.known)
        # the misspellings the warning-sign patterns themselves look for ("dubble", "vission"):
        # never turned into another word first ("dubble" had become the bubble of "bubble gum")
        self.spellings_looked_for = frozenset(
            w for w in re.findall(r"(?<![a-z\\])[a-z]{5,}(?![a-z])",
                                  _flatten(knowledge.load("red_flags").get("concepts") or []).lower())
            if w not in self.known)
        top_count = max(english.values()) * 10
        self._spell = {}
        for lang, counts in (("en", english), ("es", spanish)):
            # prefix 4: half the memory of 7 (the delete index of 80,000 words), the same
            # corrections (measured on every blind message), a few microseconds more a word
            spell = SymSpell(max_dictionary_edit_distance=1, prefix_length=4)
            for word, count in sorted(counts.items(), key=lambda wc: -wc[1])[:CANDIDATES_PER_LANGUAGE]:
                spell.create_dictionary_entry(word, count)
            for word in self.domain:
                if word in counts:
                    spell.create_dictionary_entry(word, top_count)
            self._spell[lang] = spell
        self.lemmas = dict(_read_pairs(LANGUAGE_DIR / "en_lemmas.tsv"))
        spanish_own = {w: c for w, c in spanish.items() if english.get(w, 0) <= ENGLISH_SCALE * c}
        # what a misspelling may be read as: a common Spanish word the knowledge files use,
        # whole or as a stem of five letters or more ("izquierd" in "izquierd[oa]")
        stems = {w for w in knowledge_words() if len(w) >= 5}
        self._sounds: dict[str, str] = {}
        for word, count in spanish_own.items():
            if count >= SOUNDS_LIKE_MIN_COUNT and (word in self.domain or any(
                    word[:k] in stems for k in range(5, len(word)))):
                key = spanish_sound(word)
                if spanish_own.get(self._sounds.get(key, ""), 0) < count:
                    self._sounds[key] = word
        english_sounds: dict[str, set[str]] = {}
        for word in self.domain:
            if len(word) >= MIN_CORRECTED_LENGTH and word in english:
                english_sounds.setdefault(english_sound(word), set()).add(word)
        self._english_sounds = {key: words.pop() for key, words in english_sounds.items() if len(words) == 1}
        # kept as sorted arrays, not dicts: the same lookups in a fifth of the memory
        # (13 MB less in each server that normalises)
        self._spanish_counts = _Counts(spanish_own)

    def sounds_like(self, word: str) -> Optional[str]:
        """The knowledge files' Spanish word that `word` is a spelling-as-it-sounds of, or None."""
        if len(word) < 3 or word in self.domain or word in _language().keep:
            return None
        heard = self._sounds.get(spanish_sound(word))
        if heard is None or _without_accents(heard) == _without_accents(word):
            return None    # an accent left off or put on is no misspelling the patterns miss
        own = self._spanish_counts.get(word, 0)
        if not own and word in self.known:
            return None    # an English word in a mixed message (known, and no Spanish count of its own)
        return heard if self._spanish_counts.get(heard, 0) >= SOUNDS_LIKE_RATIO * own else None

    def sounds_like_english(self, word: str) -> Optional[str]:
        """The knowledge files' English word that unknown `word` sounds like, or None."""
        if word in self.known:
            return None
        heard = self._english_sounds.get(english_sound(word))
        return heard if heard != word else None

    def lookup(self, lang: str, word: str) -> list:
        from symspellpy import Verbosity

        return self._spell[lang].lookup(word, Verbosity.CLOSEST, max_edit_distance=1)


class _Counts:
    """Word counts as a sorted tuple of words and an array of their counts, looked up by
    bisection: no dict table and no int object per word."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._words = tuple(sorted(counts))
        self._counts = array.array("Q", map(counts.__getitem__, self._words))

    def get(self, word: str, default: int = 0) -> int:
        i = bisect.bisect_left(self._words, word)
        return self._counts[i] if i < len(self._words) and self._words[i] == word else default


def spanish_sound(word: str) -> str:
    """How a Spanish word sounds, as letters: accents off, s for z and for c before e or i,
    k for c and qu, b for v, y for ll, j for g (or gu) before e or i, no silent h."""
    w = _without_accents(word.lower())
    w = w.replace("ch", "\x01").replace("h", "")
    w = re.sub(r"qu(?=[ei])", "k", w)
    w = re.sub(r"gu(?=[ei])", "g", w)
    w = re.sub(r"g(?=[ei])", "j", w)
    w = re.sub(r"c(?=[ei])", "s", w)
    return w.replace("c", "k").replace("z", "s").replace("v", "b").replace("ll", "y").replace("\x01", "ch")


def english_sound(word: str) -> str:
    """How an English word sounds, as letters, for spellings by ear ("kemo", "lymfoma",
    "nummness"): f for ph, k for ch, ck, q and a hard c, s for a soft c and z, w for wh,
    n for an initial kn, i for y, u for ou, e for ea ("hedake"), each run of one letter once."""
    w = _without_accents(word.lower())
    w = re.sub(r"^kn", "n", w).replace("ph", "f").replace("wh", "w").replace("ch", "k").replace("ck", "k")
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k").replace("q", "k").replace("z", "s").replace("y", "i").replace("ou", "u").replace("ea", "e")
    return re.sub(r"(.)\1+", r"\1", w)


def _without_accents(word: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn" or c == "\u0303"))


@functools.lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    return _Dictionary()


def knowledge_words() -> set[str]:
    """Every word of three letters or more in the clinical knowledge files (patterns,
    wordings, labels): the vocabulary a correction should prefer."""
    words: set[str] = set(_language().answer_words)
    for name in ("red_flags", "sign_vocabulary", "regions", "triggers", "medication"):
        text = _flatten(knowledge.load(name)).lower()
        words.update(re.findall(r"[a-záéíóúüñ]{3,}", text))
        words.update(_stems_with_endings(text))
    return words


_STEM_ENDINGS = re.compile(r"([a-záéíóúüñ]+)\((?:\?:)?([a-záéíóúüñ|]+)\)(\??)")


def _stems_with_endings(patterns: str) -> set[str]:
    """The whole words a pattern spells as a stem and its endings: "concuss(ion|ed)" ->
    concussion, concussed; "droop(s|ing)?" -> droop, droops, drooping. Without them a
    misspelling is corrected into a word that is spelt out whole ("concusion": confusion)."""
    text = re.sub(r"\\[a-z]", " ", patterns)          # \b, \w: not letters of a word
    found = set()
    for stem, endings, optional in _STEM_ENDINGS.findall(text):
        found.update(stem + ending for ending in endings.split("|"))
        if optional:
            found.add(stem)
    return {w for w in found if len(w) >= 5}


def _flatten(value) -> str:
    if isinstance(value, dict):
        return " ".join(_flatten(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten(v) for v in value)
    return str(value)


def _english_frequency_path() -> Path:
    import importlib.resources

    return Path(str(importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"))


def _read_counts(path: Path, separator: str) -> dict[str, int]:
    counts = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.rstrip("\n").partition(separator)
            if word and count.isdigit():
                counts[word] = int(count)
    return counts


def _read_pairs(path: Path) -> Iterable[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, lemma_ = line.rstrip("\n").partition("\t")
            if word and lemma_:
                yield word, lemma_
