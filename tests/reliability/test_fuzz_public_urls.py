"""Property-based fuzzing of every public URL: whatever a bot throws, the answer is never a 5xx.

The Django test client re-raises any exception a view lets escape, so an unhandled error fails the
test as loudly as a 500 status would.
"""

import string
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modalities.models import SLUGS

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

PUBLIC_PREFIXES = [
    "/", "/modalities/", "/modalities/compare/", "/articles/", "/tags/", "/search/", "/api/search/",
    "/safety/", "/volunteer/", "/volunteer/thanks/", "/feeds/articles/", "/sitemap.xml", "/robots.txt",
    *[f"/modalities/{slug}/" for slug in SLUGS], "/articles/getting-help-now/", "/tags/nightmares/",
]  # fmt: skip
QUERY_KEYS = ["q", "page", "type", "tag", "format", "utm_source", "q[]", "", "%00", "ß"]
GET_EXAMPLES = 900
API_EXAMPLES = 400
HEADER_EXAMPLES = 300

NASTY_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from([
        "title:", "AND OR (", "*", '"unclosed', "\x00", "\u202e", "😀" * 50, "%", "%%", "%zz",
        "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "a" * 5000,
        "\r\nSet-Cookie: x=1", "NOT", "~", "?", "[", "{",
    ]),
)  # fmt: skip
QUERY = st.lists(st.tuples(st.sampled_from(QUERY_KEYS), NASTY_TEXT), max_size=5)
SEGMENT = st.text(
    alphabet=string.ascii_letters + string.digits + "-_.~%!$&'()*+,;=:@ü😀", min_size=1, max_size=40
)

requests_made = {"count": 0}


def fetch(client, path, query=(), **headers):
    requests_made["count"] += 1
    # urlencode of a list keeps repeated keys, which a dict would merge.
    url = f"{path}?{urlencode(list(query))}" if query else path
    response = client.get(url, headers=headers)
    assert response.status_code < 500, (path, query, response.status_code)
    return response


@pytest.fixture
def fuzz_client(client, content):
    return client


@settings(
    max_examples=GET_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(prefix=st.sampled_from(PUBLIC_PREFIXES), extra=st.lists(SEGMENT, max_size=3), query=QUERY)
def test_random_paths_and_query_strings_never_5xx(fuzz_client, prefix, extra, query):
    path = prefix + "/".join(extra)
    fetch(fuzz_client, path, query)


@settings(
    max_examples=API_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=NASTY_TEXT, page=st.one_of(st.integers(-5, 10**12).map(str), NASTY_TEXT), kind=NASTY_TEXT)
def test_search_page_and_api_take_any_query(fuzz_client, q, page, kind):
    fetch(fuzz_client, "/search/", [("q", q), ("page", page), ("type", kind)])
    response = fetch(fuzz_client, "/api/search/", [("q", q), ("page", page)])
    assert response["Content-Type"].startswith("application/json")


HEADER_VALUE = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=200)


@settings(
    max_examples=HEADER_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(PUBLIC_PREFIXES),
    accept=HEADER_VALUE,
    language=HEADER_VALUE,
    cookie=HEADER_VALUE,
    forwarded=HEADER_VALUE,
    if_none_match=HEADER_VALUE,
)
def test_odd_headers_never_5xx(fuzz_client, path, accept, language, cookie, forwarded, if_none_match):
    fetch(
        fuzz_client, path,
        accept=accept, accept_language=language, cookie=cookie,
        x_forwarded_for=forwarded, x_forwarded_proto=forwarded, if_none_match=if_none_match,
    )  # fmt: skip
