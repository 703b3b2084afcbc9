"""The assessment in plain words, for every channel (text; the structured
payload is Assessment.as_payload())."""
from __future__ import annotations

from bot import factors
from bot.assessment import Assessment
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


def assessment_messages(assessment: Assessment) -> list[str]:
    """Short messages, most important first: the level and what to do, then why."""
    messages = [f"{HEADLINES[assessment.triage]} {assessment.advice}"]
    if assessment.red_flags:
        signs = "; ".join(f"{flag.label or flag.id} ({_why(flag)})" for flag in assessment.red_flags)
        messages.append(f"Why: {signs}.")
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


_WHY = {"said": 'you said: "{}"', "chose": 'you chose: "{}"',
        "unsure": 'you weren\'t sure about: "{}"', "facts": "you said {}"}


def _why(flag) -> str:
    return _WHY.get(flag.evidence_kind, _WHY["said"]).format(flag.evidence)


def booking_read_back(service: str, name: str, contact: str, preferred_time: str) -> str:
    """The booking details read back before they are stored."""
    service_name = factors.service_info(service)["name"] if service in factors.service_ids() else service
    if name == AT_RECEPTION and contact == AT_RECEPTION:
        who = "your name and contact details at reception"
    else:
        who = ", ".join([
            "your name at reception" if name == AT_RECEPTION else f"name {name}",
            "contact details at reception" if contact == AT_RECEPTION
            else f"contact {contact if '@' in contact else phone_as_written(contact)}"])
    return (f"Please check: {service_name} assessment, preferred time: {preferred_time}; "
            f"{who}. Is that correct?")
