"""The booking's contact details: phone numbers in E.164, e-mail addresses, names."""
import pytest

from bot.understanding.contact import normalise_phone, parse_email, parse_name

PHONES = [
    ("+1 310 555 0142", "+13105550142"),
    ("020 7946 0958", "+442079460958"),
    ("call me on 07911 123456 please", "+447911123456"),
    ("12345", None),
    ("no thanks", None),
    # Ofcom drama numbers are possible but not "valid": people type them
    ("07700 900461", "+447700900461"),
    ("07700 900 461", "+447700900461"),
    ("my number is 07700900461 thanks", "+447700900461"),
    ("+44 7700 900461", "+447700900461"),
    ("12", None),
    ("call me maybe", None),
    ("999", None),
    ("1234567", None),
    ("2024-05-15", None),
    ("0000000000", None),
    # not a GB number: 10 digits not starting with 0 are read as US/Canada
    ("(415) 555-0199", "+14155550199"),
    ("415-555-0199", "+14155550199"),
    ("07700 900 123", "+447700900123"),
]


@pytest.mark.parametrize("text, expected", PHONES)
def test_phone_numbers_in_e164(text, expected):
    assert normalise_phone(text) == expected


def test_phone_default_region():
    assert normalise_phone("(310) 555-0142", default_region="US") == "+13105550142"


NAMES = [
    ("my name is Alex Morgan", "Alex Morgan"),
    ("Alex Morgan", "Alex Morgan"),
    ("alex morgan", "Alex Morgan"),
    ("I'm Sarah", "Sarah"),
    ("Mary-Jane O'Neil", "Mary-Jane O'Neil"),
    ("it's Sam", "Sam"),
    ("Sam Patel here", "Sam Patel"),
    ("put it under Jo", "Jo"),
    ("put it under the name Jo Smith", "Jo Smith"),
    ("book it under Priya please", "Priya"),
    ("it is for Sam", "Sam"),
    ("sam here thanks", "Sam"),
    ("the name is Alex", "Alex"),
    ("dr. priya nair", "Dr. Priya Nair"),
    ("Dr. Priya Nair", "Dr. Priya Nair"),
    ("Mr. J. Smith", "Mr. J. Smith"),
    ("mrs o'neil", "Mrs O'Neil"),
    # a booking for someone else is in their name, whoever types
    ("Jo Bell (dad), for Max Bell", "Max Bell"),
    ("it's for my stepdaughter Lily Chen", "Lily Chen"),
    ("for my mother in law, Ann Lee", "Ann Lee"),
    ("it's for my cousin Ann Lee", "Ann Lee"),
    ("for my baby, Lily Chen", "Lily Chen"),
    ("for my boss Tom Hale", "Tom Hale"),
    ("for my son", None),
    # a name, then who it is for, unnamed: the name given is the booking's
    ("Priya Shah - it's for my daughter", "Priya Shah"),
    ("Tom Hale, booking for my grandad", "Tom Hale"),
    ("It's for my son", None),
    ("its for my daughter", None),
    # ... said in Spanish, whichever relative ("para mi hija", "para nuestro abuelo")
    ("Marta Herrera, para mi hija Lucía Herrera", "Lucía Herrera"),
    ("Marta Herrera, para mi hija", "Marta Herrera"),
    ("es para nuestro abuelo Tomás Gil", "Tomás Gil"),
    ("para mi hija", None),
    ("Es para mi esposo, se llama Pedro Gil", "Pedro Gil"),
    ("para mí", None),
    ("Dr.", None),
    ("for me", None),
    ("under", None),
    ("12345", None),
    ("", None),
    ("yes", None),
]


@pytest.mark.parametrize("text, expected", NAMES)
def test_names(text, expected):
    assert parse_name(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("it's alex.morgan@Example.COM thanks", "alex.morgan@example.com"),
    ("a@b.co", "a@b.co"),
    ("no email", None),
])
def test_email(text, expected):
    assert parse_email(text) == expected


@pytest.mark.parametrize("stored, shown", [
    ("+447700900461", "07700 900461"),          # a home number, as people write it
    ("+13105550142", "+1 310-555-0142"),        # another country's, with its code
    ("not a number", "not a number"),
])
def test_a_stored_number_is_read_back_as_people_write_it(stored, shown):
    from bot.understanding.contact import phone_as_written

    assert phone_as_written(stored) == shown
