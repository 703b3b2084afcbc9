"""What the assistant must understand from the person's own words, one file per
module of bot/understanding/.

Table-driven: each row is a requirement in the clinic's terms ("'templs' is
the temples", "'co-codamol about 18 days a month' is 18 days of a combination
painkiller"). Fast, pure Python, no Rasa.
"""
