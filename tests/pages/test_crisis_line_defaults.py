"""The crisis lines a deployment starts with: each number and note is a fact a reader in danger uses."""

from config import crisis_lines


def line(name_start: str, lines=crisis_lines.CRISIS_LINES) -> dict:
    (found,) = [entry for entry in lines if entry["name"].startswith(name_start)]
    return found


def test_samaritans_answer_calls_in_the_uk_and_ireland_free_day_and_night():
    samaritans = line("Samaritans")
    assert samaritans["call"] == "116 123"
    assert "UK and Ireland" in samaritans["name"]
    assert "Free" in samaritans["note"] and "24/7" in samaritans["note"]
    assert {"suicide", "self-harm"} <= set(samaritans["kinds"])


def test_shout_is_reached_by_texting_shout_to_85258():
    shout = line("Shout")
    assert shout["text"] == "85258"
    assert "SHOUT" in shout["note"] and "85258" in shout["note"]
    assert "call" not in shout  # a text service: no call link that would not connect
    assert {"suicide", "self-harm"} <= set(shout["kinds"])


def test_the_us_hotline_says_what_it_is_not_and_the_languages_it_answers_in():
    hotline = line("National Human Trafficking Hotline")
    assert hotline["call"] == "1-888-373-7888" and hotline["text"] == "233733"
    note = hotline["note"]
    assert "Not the police or immigration" in note
    assert "many languages" in note and "English and Spanish" in note


def test_the_settings_start_from_these_defaults(settings):
    names = [entry["name"] for entry in settings.CRISIS_LINES]
    assert names == [entry["name"] for entry in crisis_lines.CRISIS_LINES]
