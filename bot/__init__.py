"""Domain core of the headache self-assessment assistant.

Pure Python: no Rasa dialogue machinery is imported here. The Rasa NLU
components (`components/`) and the custom actions (`actions/`) are thin
adapters around these modules.
"""
