"""Custom actions: thin adapters between Rasa's tracker and the `bot` core."""
from actions import assessment, booking, interview_form, privacy, questions  # noqa: F401  (registers actions)
