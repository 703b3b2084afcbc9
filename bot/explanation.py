"""The assessment in plain words, for every channel (text; the structured
payload is Assessment.as_payload()).

- `assessment_messages`: the whole self-check, most important first: the
  level and what to do, why, the likely contributing factors, the suggested
  service (the widget, the kiosk, REST, and SMS on request: MORE).
- `summary`: the short form for SMS (about 3 segments): the level, the one
  thing to do now, why or the likely contributing factors in one line, the
  suggested service, "Reply MORE for details". Its wording is the clinic's
  locale's (data/locale.yml `texts`).
- A warning sign is quoted in a few words: the short label of what was
  chosen on a screen, or the first words of what the person wrote.
"""
from __future__ import annotations

from bot import clinic, factors
from bot.assessment import Assessment, RedFlag
from bot.interview import AT_RECEPTION
from bot.levels import EMERGENCY, SEE_DOCTOR, SELF_CARE, URGENT
from bot.understanding.contact import phone_as_written

# Marks a message as the text of a card (its value: the card's type): channels that
# show the card leave the text out (channels/webchat.py), the others send it.
CARD_TEXT = "card_text"

HEADLINES = {
    EMERGENCY: "This needs emergency help now.",
    URGENT: "This needs a doctor today.",
    SEE_DOCTOR: "This is worth checking with a doctor soon.",
    SELF_CARE: "Good news.",  # the advice itself says no warning sign was found
}
# A quote of the person's words is cut after this many words ("a few words").
QUOTED_WORDS = 8
# The short form names at most this many contributing factors.
SUMMARY_FACTORS = 3


def assessment_messages(assessment: Assessment) -> list[str]:
    """Short messages, most important first: the level and what to do, then why."""
    messages = [f"{HEADLINES[assessment.triage]} {assessment.advice}"]
    if assessment.red_flags:
        messages.append(f"Why: {'; '.join(why(flag) for flag in assessment.red_flags)}.")
    if assessment.triage in (EMERGENCY, URGENT):
        return messages
    if assessment.factors:
        lines = [f"- {factor.label}"
                 + (f" ({', '.join(factor.muscles)})" if factor.muscles else "")
                 + (f": {factor.explanation}" if factor.explanation else "")
                 for factor in assessment.factors]
        messages.append("Likely contributing factors (not a diagnosis):\n" + "\n".join(lines))
    if assessment.suggested_service:
        chosen = factors.service_info(assessment.suggested_service)
        others = [factors.service_info(sid) for sid in factors.service_ids() if sid != chosen["id"]]
        after = " after you have seen your doctor" if assessment.triage == SEE_DOCTOR else ""
        messages.append(
            f"Suggested next step{after}: {chosen['name']}. {assessment.service_reason}\n"
            + "\n".join(f"- {s['name']}: {s['one_line']}" for s in [chosen, *others]))
    return messages


def summary(assessment: Assessment) -> str:
    """The self-check in a few lines (SMS): level, the one thing to do now, why
    (a warning sign) or the likely contributing factors, the suggested service."""
    level = assessment.triage
    lines = [clinic.text(f"summary_headline_{level}"), clinic.text(f"now_{level}")]
    if assessment.red_flags:
        lines.append(clinic.text("summary_why", signs="; ".join(
            few_words(flag) for flag in assessment.red_flags)))
    if level in (SEE_DOCTOR, SELF_CARE):
        if assessment.factors:
            labels = [factor.label for factor in assessment.factors[:SUMMARY_FACTORS]]
            lines.append(clinic.text("summary_factors", factors="; ".join(
                label[0].lower() + label[1:] for label in labels)))
        if assessment.suggested_service:
            name = factors.service_info(assessment.suggested_service)["name"]
            lines.append(clinic.text("summary_service_after_doctor" if level == SEE_DOCTOR
                                     else "summary_service", service=name))
    lines.append(clinic.text("summary_more"))
    return "\n".join(lines)


def quote(words: str, limit: int = QUOTED_WORDS) -> str:
    """The person's words, cut after `limit` words."""
    found = " ".join((words or "").split())
    split = found.split(" ")
    return found if len(split) <= limit else " ".join(split[:limit]).rstrip(",;:.") + "..."


def few_words(flag: RedFlag) -> str:
    """A warning sign in a few words: what was chosen, or what the person wrote."""
    if flag.evidence_kind == "chose":
        return flag.evidence
    if flag.evidence_kind == "unsure":
        return f"{flag.evidence} (you weren't sure)"
    if flag.evidence_kind == "facts":
        return flag.label or flag.id
    return f'you said "{quote(flag.evidence)}"'


def why(flag: RedFlag) -> str:
    """One warning sign and why it counts, for the whole self-check."""
    if flag.evidence_kind == "chose":
        return f'you chose: "{flag.evidence}"'
    if flag.evidence_kind == "unsure":
        return f'you weren\'t sure about: "{flag.evidence}"'
    if flag.evidence_kind == "facts":
        return f"{flag.label or flag.id} (you said {flag.evidence})"
    return f'{flag.label or flag.id} (you said: "{quote(flag.evidence)}")'


def booking_read_back(service: str, name: str, contact: str, preferred_time: str) -> str:
    """The booking details read back before they are stored."""
    service_name = factors.service_info(service)["name"] if service in factors.service_ids() else service
    if name == AT_RECEPTION and contact == AT_RECEPTION:
        who = "your name and contact details at reception"
    else:
        who = ", ".join([
            "your name at reception" if name == AT_RECEPTION else f"name {name}",
            "contact details at reception" if contact == AT_RECEPTION
            else f"contact {contact if '@' in contact else phone_as_written(contact, clinic.phone_region())}"])
    return (f"Please check: {service_name} assessment, preferred time: {preferred_time}; "
            f"{who}. Is that correct?")
