"""Property-based fuzzing of the volunteer form: garbage in never gives a 5xx or a stored enquiry."""

import uuid

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.volunteers.conftest import VALID_ANSWERS, form_post
from volunteers.forms import HONEYPOT_FIELD, STAMP_FIELD, TOKEN_FIELD
from volunteers.models import Enquiry

FORM_EXAMPLES = 500
RAW_EXAMPLES = 250
FIELDS = [*VALID_ANSWERS, TOKEN_FIELD, STAMP_FIELD, HONEYPOT_FIELD, "csrfmiddlewaretoken", "junk", ""]
VALUE = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=500, max_size=20_000),
    st.sampled_from(["\x00", "a\r\nBcc: x@example.org", "=HYPERLINK(1)", "😀" * 300, "on", "", " "]),
)


@pytest.fixture(autouse=True)
def no_rate_limit_carry_over():
    cache.clear()


def assert_nothing_stored(response):
    assert response.status_code < 500
    assert Enquiry.objects.count() == 0


@settings(
    max_examples=FORM_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=st.lists(st.tuples(st.sampled_from(FIELDS), VALUE), max_size=12),
    start_valid=st.booleans(),
)
def test_random_form_bodies_never_5xx_and_never_store_an_invalid_enquiry(client, db, pairs, start_valid):
    body = form_post() if start_valid else {}
    # Without consent the form can never be valid, whatever else arrives.
    body.pop("consent", None)
    fields = {key: [value] for key, value in body.items() if not isinstance(value, list)}
    for key, value in pairs:
        if key != "consent":
            fields.setdefault(key, []).append(value)  # repeated keys, as a bot might send
    assert_nothing_stored(client.post("/volunteer/", fields))


ENCODINGS = ["utf-8", "latin-1", "utf-16", "shift_jis", "bogus-charset", ""]


@settings(
    max_examples=RAW_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    raw=st.one_of(
        st.binary(max_size=4000), st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass"))
    ),
    charset=st.sampled_from(ENCODINGS),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "text/plain",
            "application/json",
        ]
    ),
)
def test_raw_bodies_in_odd_encodings_never_5xx(client, db, raw, charset, content_type):
    header = f"{content_type}; charset={charset}" if charset else content_type
    assert_nothing_stored(client.generic("POST", "/volunteer/", raw, content_type=header))


def test_a_valid_form_is_still_accepted_after_the_garbage(client, db):
    """The fuzzing above asserts nothing is stored; this proves the form can store at all."""
    response = client.post("/volunteer/", form_post(token=uuid.uuid4()))
    assert response.status_code in (302, 303)
    assert Enquiry.objects.count() == 1
