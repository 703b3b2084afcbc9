"""Custom Rasa graph components: thin adapters from Rasa to the `bot` core."""
