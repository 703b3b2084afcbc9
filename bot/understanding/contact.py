"""Booking details: a phone number (E.164, with `phonenumbers`), an e-mail address, a name."""
from __future__ import annotations

import re
from typing import Optional

import phonenumbers

from bot import knowledge
from bot.knowledge import someone_else

__all__ = ["normalise_phone", "parse_email", "parse_name", "phone_as_written"]

def _e164(number) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _plausible(number, written: str, region: str) -> bool:
    """A possible number (right length for its country), written like a phone number.

    Ofcom's drama ranges (07700 900xxx) are not "valid" but are what people
    type in examples; local-only numbers, stray digits and dates are refused:
    a number written without "+" must start with the country code or the
    national trunk prefix ("0" in the UK), except in North America.
    """
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return False
    if len(str(number.national_number)) < 7 or len(set(str(number.national_number))) < 3:
        return False
    digits = re.sub(r"\D", "", written)
    if written.lstrip().startswith("+") or digits.startswith(str(number.country_code)):
        return True
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata else None
    if number.country_code == 1 or not prefix:
        return True
    return digits.startswith(prefix)


def normalise_phone(text: str, default_region: Optional[str] = None) -> Optional[str]:
    """A phone number in `text` in E.164 ("+447911123456"), or None.

    A number written without its country code is read in `default_region`,
    by default the clinic's (bot.clinic: HEADACHE_LOCALE's phone_region).

    Valid numbers first; failing that a possible one ("07700 900461" is a UK
    mobile-shaped drama number), so what people type is accepted but "12" or
    "call me maybe" are not.
    """
    if not text or not text.strip():
        return None
    if default_region is None:
        from bot import clinic

        default_region = clinic.phone_region()
    try:
        for match in phonenumbers.PhoneNumberMatcher(text, default_region):
            if phonenumbers.is_valid_number(match.number):
                return _e164(match.number)
        number = phonenumbers.parse(text.strip(), default_region)
        if phonenumbers.is_valid_number(number):
            return _e164(number)
    except phonenumbers.NumberParseException:
        pass
    # No valid number: accept a possible one, found in the text as a run of digits.
    candidates = re.findall(r"\+?\(?\d[\d ()./-]{5,}\d", text)
    for candidate in candidates:
        if len(re.sub(r"\D", "", candidate)) < 7:
            continue
        try:
            number = phonenumbers.parse(candidate, default_region)
        except phonenumbers.NumberParseException:
            continue
        if _plausible(number, candidate, default_region):
            return _e164(number)
    # Nothing for the default region: a 10-digit number not starting with 0 written
    # without "+" is read as US/Canada ("(415) 555-0199", "415-555-0199").
    if default_region not in ("US", "CA"):
        for candidate in candidates:
            digits = re.sub(r"\D", "", candidate)
            if candidate.lstrip().startswith("+") or len(digits) != 10 or digits.startswith("0"):
                continue
            try:
                number = phonenumbers.parse(candidate, "US")
            except phonenumbers.NumberParseException:
                continue
            if number.country_code == 1 and (phonenumbers.is_valid_number(number)
                                             or _plausible(number, candidate, "US")):
                return _e164(number)
    return None


def phone_as_written(e164: str, home_region: str = "GB") -> str:
    """A stored number the way people write it: "07700 900461" for a number of
    the home country, "+1 415-555-0199" for another; anything else unchanged."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    home = phonenumbers.country_code_for_region(home_region)
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


# Bounded as addresses are (RFC 5321: local part 64, a label 63): an unbounded local part
# made every start of a long run of dashes scan to the end (quadratic on 10,000 "-").
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}"
                    r"(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])")


def parse_email(text: str) -> Optional[str]:
    """The first e-mail address in `text` (domain lower-cased), or None."""
    m = _EMAIL.search(text or "")
    if not m:
        return None
    local, domain = m.group(0).rsplit("@", 1)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return None
    return f"{local}@{domain.lower()}"


_NAME_PREFIX = re.compile(
    r"^(?:(?:hi|hello|hey|ok|okay|sure|yes|yeah|yep|right|of course|no problem)\b[\s,!.]*)*"
    r"(?:(?:you can |please |just |pls )?(?:put|book|pop|make|write|have|get|do) (?:it|that|me|the booking|"
    r"the appointment|this)(?: down)? (?:under|in|for|as)(?: the name(?: of)?)?|(?:it is |its |it's )?under the name(?: of)?|"
    r"(?:the )?name(?:'s|s)? (?:is|should be|will be|to use is)|my name is|my name's|my names|the name's|name|"
    r"(?:it is |its |it's |it'll be |book )?(?:for|under|as)|"
    r"i am called|i'm called|i'm|i am|im|it is|it's|its|this is|call me|you can call me|they call me|"
    r"se llama|me llamo|mi nombre es|su nombre es|soy)\s*:?\s+", re.I)
_NAME_SUFFIX = re.compile(
    r"(?:[\s,.!-]+(?:here|speaking|thanks|thank you|thx|ta|please|pls|cheers|x+))*[\s,.!]*$", re.I)
_NOT_NAMES = frozenset({
    "yes", "no", "ok", "okay", "hello", "hi", "hey", "none", "nothing", "not", "sure", "thanks", "maybe",
    "headache", "headaches", "in", "pain", "fine", "good", "here", "back", "ready", "sorry", "tired",
    "the", "an", "and", "with", "my", "is", "am", "sick", "unsure", "dunno", "skip", "stop", "cancel",
    "help", "what", "why", "who", "no thanks", "anonymous", "rather", "prefer", "do", "dont", "don't",
    "have", "a", "to", "it", "of", "for", "on", "at", "this", "that", "book", "booking", "later",
    "me", "myself", "under", "as", "you", "please", "pls", "nah", "nope", "yeah", "yep", "name", "same",
    "whatever", "anything", "nobody", "someone", "somebody", "idk", "rather not", "private",
    # Spanish words that are no part of a name ("para mi hija"); never "de", "la" or "del" (names)
    "mi", "mí", "mis", "para", "nuestro", "nuestra", "nuestros", "nuestras", "hola", "gracias", "nombre",
})


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "rev"})


# an aside in brackets ("Karen Doyle (mum)", "Ellie (my daughter)")
_ASIDE = re.compile(r"\s*\([^()]*\)")


@knowledge.cached
def _for_someone() -> re.Pattern:
    """The name of the person a booking is for, said last ("Karen Doyle, for Ellie Doyle",
    "it's for my son Jack Smith"): whoever types, the booking is in the patient's name.
    The relatives are someone_else.yml's words for who has the headache."""
    people = sorted(someone_else.table().people, key=len, reverse=True)
    relatives = "(?:" + "|".join(re.escape(word).replace(r"\ ", " ") for word in people) + ")"
    said_for = r"(?:^|[,;]\s*|\b(?:it is|it's|its|this is|the booking is|es|la cita es|la reserva es) )(?:for|para) "
    return re.compile(said_for + r"(?:(?:(?:my|our|his|her) )?" + relatives + r"s?,? |" + _SPANISH_RELATIVE + r",? )?"
                      r"(?P<name>(?!(?:my|our|his|her|mi|mis|nuestro|nuestra|nuestros|nuestras|su|sus) )[^\W\d_][^,;]*)$", re.I)


# Spanish, "para mi hija Lucía": a relative after mi / nuestro / su, whichever the word
_SPANISH_RELATIVE = r"(?:mi|mis|nuestro|nuestra|nuestros|nuestras|su|sus) [^\W\d_]+"


def parse_name(text: str) -> Optional[str]:
    """A person's name: "my name is Alex Morgan" -> "Alex Morgan"; None for non-names.
    A booking made for someone else is in their name ("Karen Doyle (mum), for Ellie Doyle"
    -> "Ellie Doyle")."""
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()
    t = _ASIDE.sub("", t).strip()
    if len(t) <= 120:
        m = _for_someone().search(t)
        if m:
            named = _one_name(m.group("name"))
            if named:
                return named
        # a name, then who it is for without their name ("Leo Brennan - it's for my son"):
        # the name given is the booking's
        m = _for_someone_unnamed().search(t)
        if m and m.start() > 0 and not re.fullmatch(r"(?:it'?s|it is|this is|that'?s|booking)", t[:m.start()].strip(),
                                                    re.I):
            named = _one_name(t[:m.start()])
            if named:
                return named
    return _one_name(t)


@knowledge.cached
def _for_someone_unnamed() -> re.Pattern:
    """Who a booking is for, said after the name with no name of their own (", for my son",
    " - it's for my mum")."""
    people = sorted(someone_else.table().people, key=len, reverse=True)
    relatives = "(?:" + "|".join(re.escape(word).replace(r"\ ", " ") for word in people) + ")"
    return re.compile(r"\s*(?:[-\u2013\u2014,;:(]\s*|\s)(?:it is |it's |its |this is |the booking is |booking is |"
                      r"booking |es |la cita es )?(?:for (?:my|our|his|her|the) " + relatives + r"s?|para "
                      + _SPANISH_RELATIVE + r")[\s.!)]*$", re.I)


def _one_name(t: str) -> Optional[str]:
    t = _NAME_PREFIX.sub("", t)
    if len(t) > 120:
        return None      # no name with its "thanks" is this long (and the suffix search would be quadratic)
    t = _NAME_SUFFIX.sub("", t).strip(" ,.!")
    if not t or len(t) > 60:
        return None
    # words of letters, each may end in a full stop ("Dr.", "J."), joined by spaces,
    # hyphens or apostrophes ("Mary-Jane O'Neil", "Dr. Priya Nair", "Mr. J. Smith")
    if not re.fullmatch(r"[^\W\d_]+\.?(?:(?:[ '-]|(?<=\.))[^\W\d_]+\.?){0,6}", t):
        return None
    words = t.split()
    if any(w.lower().strip(".") in _NOT_NAMES for w in words) or len(words) > 5:
        return None
    if all(w.lower().strip(".") in _TITLES for w in words):
        return None       # "Dr." alone is not a name
    if t == t.lower() or t == t.upper():
        t = " ".join(w[:1].upper() + w[1:].lower() for w in words)
        t = re.sub(r"(?<=[-'])([a-z])", lambda m: m.group(1).upper(), t)
    return t
