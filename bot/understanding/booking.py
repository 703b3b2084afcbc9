"""Answers to the booking questions: which service, how to reach the person, when.

The form (actions/booking.py) turns these into slot values; the name and
yes/no answers are read by `contact` and `yes_no` like everywhere else. The
services' names are those of data/knowledge/services.yml.
"""
from __future__ import annotations

import itertools
import re

from bot import knowledge
from bot.knowledge import services
from bot.understanding.contact import normalise_phone, parse_email

__all__ = ["means_the_suggestion", "parse_contact", "parse_preferred_time", "parse_service",
           "says_at_reception", "says_this_number"]

_TIME_WORDS = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(today|tomorrow|tonight|week|weeks|weekday|weekdays|"
    r"weekend|weekends|morning|mornings|afternoon|afternoons|evening|evenings|lunch|lunchtime|"
    r"noon|midday|am|pm|asap|soon|anytime|any time|any day|next|after|before|"
    r"\d{1,2}(:\d{2})? ?(am|pm)?)\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    # Spanish: "el jueves por la tarde", "mañana a las 10", "entre semana", "cuando sea"
    r"\b(lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bados?|domingos?|hoy|ma[nñ]ana|ma[nñ]anas|"
    r"tarde|tardes|noche|noches|mediod[ií]a|semana|semanas|finde|fin de semana|pr[oó]xim[oa]|"
    r"cualquier d[ií]a|cuando sea|a las \d{1,2}|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|setiembre|octubre|noviembre|diciembre)\b", re.I)
_THE_SUGGESTION = re.compile(
    r"\b(?:(?:the )?(?:one|service|therapy|option|assessment|treatment|thing)s? (?:that )?(?:you|u|youve|you have|"
    r"you ve|you d|you would|you|the bot) ?(?:just )?(?:sug+e?st|rec+om+e?n+d|advi[sc]e|propose|mention)(?:ed|s|d)?|"
    r"(?:the|your) (?:sug+e?st|rec+om+e?n+d)(?:ed|ation)(?: one| service| option)?|"
    r"(?:whichever|whatever|which ever|what) (?:one )?(?:you|u) (?:sug+e?st|rec+om+e?n+d|think)(?:ed|s)?(?: is best)?|"
    r"(?:go|going) with (?:your|the) (?:suggestion|recommendation)|as (?:you )?(?:suggested|recommended))\b", re.I)
_AT_RECEPTION = re.compile(r"\b(at|to|with|from) (the )?(reception|front desk|desk)\b", re.I)
# "this number", "same one", "the number I'm texting from", "text me here", "my mobile"
_THIS_NUMBER = re.compile(
    r"\b(?:this|that|the same|same|my|this same) (?:phone |mobile |cell )?(?:number|no|one|phone|mobile|cell)\b"
    r"|\b(?:number|one|phone) (?:i am|im|i'm) (?:texting|messaging|writing|using|on)\b"
    r"|\b(?:text|txt|call|reach|contact) me (?:here|on this|at this|back)\b"
    r"|^\s*(?:here|this|same|the same)\s*[.!]*\s*$", re.I)


@knowledge.cached
def _service_names() -> dict[str, re.Pattern]:
    """service id -> its abbreviation as a whole word, or any of its words (services.yml)."""
    return {service.id: re.compile(
        "|".join([rf"\b{re.escape(service.abbreviation)}\b", *map(re.escape, service.words)]), re.I)
        for service in services.table().services.values()}


def parse_service(text: str) -> str | None:
    """The one service named ("NMT please", "the trigger point one"), else None."""
    found = [service for service, pattern in _service_names().items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def asks_for_a_service(text: str) -> bool:
    """A service named on its own ("NMT", "SMRT please") or first, then why ("NMT, for my neck"):
    a request to book it; not a service named in a question or turned down ("is SMRT painful?",
    "not SMRT", "NMT didn't help me")."""
    from bot.understanding.text import normalise, tokens

    words = tokens(normalise(text))
    service = parse_service(text)
    if service is None or "?" in text or services.table().not_a_request & set(words):
        return False
    named = _service_names()[service].search(text)
    rest = tokens(normalise(text[:named.start()] + " " + text[named.end():]))
    # on its own, with only polite or hedging words ("SMRT please", "NMT I think"), or first,
    # then why ("NMT, for my neck", "NMT i think, for the neck n shoulders", "NMT, por lo del
    # cuello y la postura")
    reason = list(itertools.dropwhile(lambda word: word not in _BECAUSE and word in _POLITE | _HEDGES, rest))
    return (set(rest) <= _POLITE | _HEDGES or (named.start() <= 2 and len(words) <= 12
                                               and bool(reason) and reason[0] in _BECAUSE))


# What may go with a service named on its own, and the words that start a reason after it.
_POLITE = frozenset({"please", "pls", "plz", "thanks", "thank", "you", "ok", "okay", "the", "one", "yes", "yeah",
                     "por", "favor", "gracias", "si", "sí", "then", "for", "me", "i", "id", "want", "would", "like",
                     "book", "an", "a", "assessment", "session", "appointment", "quiero", "una", "cita", "de"})
# Hedges a chosen service may carry ("NMT I think", "SMRT probably", "NMT creo").
_HEDGES = frozenset({"think", "guess", "reckon", "suppose", "probably", "prob", "maybe", "perhaps", "creo",
                     "supongo", "quizas", "quizás", "igual"})
_BECAUSE = frozenset({"for", "because", "cos", "coz", "cause", "as", "since", "por", "para", "porque", "pues",
                      "please", "pls", "por favor"})


def means_the_suggestion(text: str) -> bool:
    """ "the one you suggested", "whichever you recommend": the service the assessment suggested."""
    from bot.understanding.facts import as_written   # typos: "the one you recomended"

    return bool(_THE_SUGGESTION.search(text) or _THE_SUGGESTION.search(as_written(text)))


def parse_contact(text: str) -> str | None:
    """An email address, or a phone number normalised to E.164."""
    return parse_email(text) or normalise_phone(text)


def parse_preferred_time(text: str) -> str | None:
    """Free text ("next Tuesday afternoon"), kept as written once it names a day or time."""
    text = " ".join(text.split())
    return text[:200] if _TIME_WORDS.search(text) else None


def says_this_number(text: str) -> bool:
    """ "this number", "the one I'm texting from": the number the message came from
    (only the SMS channel knows it; anywhere else it is no contact detail)."""
    return bool(_THIS_NUMBER.search(" ".join((text or "").replace("\u2019", "'").split())))


def says_at_reception(text: str) -> bool:
    """ "I'll give it at reception", "to the front desk": details given in person."""
    return bool(_AT_RECEPTION.search(text))
