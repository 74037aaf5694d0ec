"""The Spanish pages read easily and keep the facts a survivor acts on, as the English ones do."""

import re

import pytest
import textstat

from articles.models import Article
from modalities.models import SECTIONS, Modality
from tests.conftest import ROOT
from tests.content.test_curated_content import article_text, explainer_text

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

SPANISH = ROOT / "content" / "es"
SPANISH_FILES = sorted(SPANISH.glob("modalities/*.md")) + sorted(SPANISH.glob("articles/*.md"))
# Szigriszt-Pazos (INFLESZ): 65 and above is "bastante fácil", easy for most adult readers.
MIN_INFLESZ = 65
# A warning about people who promise a cure is the opposite of a promise.
CAUTION_WORDS = ("promet", "cuidado", "desconf", "nadie puede")
PROMISES = re.compile(r"\b(curas?|curar\w*|curad[oa]s?|curará\w*|garantiz\w*|sanar por completo)\b", re.I)


@pytest.fixture
def spanish_textstat():
    """textstat's Spanish syllables and formulas, for this test only (the setting is process-wide)."""
    textstat.set_lang("es")
    yield textstat
    textstat.set_lang("en_US")


def markdown_read_as_prose(markdown: str) -> str:
    """The words a reader reads, measured as the writers measured them: the sources left out,
    links keep their words, no URLs, headings and list items as plain lines."""
    text = re.split(r"^## (Fuentes|Referencias)\s*$", markdown, flags=re.M)[0]
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.M)
    return re.sub(r"[*_`>|]", "", text)


def loaded_markdown(path) -> str:
    """The Markdown the site loaded from a content/es file: an explainer's sections under their
    headings, or an article's body."""
    if path.parent.name == "modalities":
        explainer = Modality.objects.get(language="es", slug=path.stem)
        headings = [heading for _anchor, heading, _html in explainer.sections()]
        return "\n".join(
            f"## {heading}\n{getattr(explainer, field)}"
            for (field, _english, _anchor), heading in zip(SECTIONS, headings, strict=True)
        )
    return Article.objects.get(language="es", slug=path.stem).body


def spanish_pages():
    yield from ((f"explainer {m.slug}", explainer_text(m)) for m in Modality.objects.filter(language="es"))
    yield from ((f"article {a.slug}", article_text(a)) for a in Article.objects.filter(language="es"))


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_every_spanish_page_reads_easily(content, spanish_textstat, path):
    score = spanish_textstat.szigriszt_pazos(markdown_read_as_prose(loaded_markdown(path)))
    assert score >= MIN_INFLESZ, f"{path.name}: INFLESZ {score:.1f}"


def test_the_spanish_measure_tells_hard_text_from_easy(spanish_textstat):
    easy = "Puedes ir a tu ritmo. Nadie te obliga. Tú decides qué contar y cuándo."
    hard = (
        "La psicoterapia focalizada en el trauma constituye, según las recomendaciones internacionales "
        "consolidadas, una intervención terapéutica fundamentada empíricamente cuya administración "
        "requiere profesionales específicamente acreditados."
    )
    assert spanish_textstat.szigriszt_pazos(easy) >= MIN_INFLESZ > spanish_textstat.szigriszt_pazos(hard)


def test_every_spanish_file_was_loaded(content):
    loaded = {(m.slug, "modalities") for m in Modality.objects.filter(language="es")}
    loaded |= {(a.slug, "articles") for a in Article.objects.filter(language="es")}
    assert loaded == {(path.stem, path.parent.name) for path in SPANISH_FILES}


# --- Getting help now, in Spanish ------------------------------------------------------------------


def getting_help_now() -> str:
    return article_text(Article.objects.get(language="es", slug="getting-help-now"))


def test_a_silent_999_call_says_to_press_55(content):
    text = getting_help_now()
    assert "999" in text
    assert re.search(r"marca(s|r)? (el )?55", text)
    assert re.search(r"ning[uú]n ruido|en silencio|silenciosa", text)
    assert re.search(r"tose|toser|golpes", text)


def test_texting_911_is_only_offered_where_it_works(content):
    text = getting_help_now()
    offers = [s for s in re.split(r"(?<=[.!?])\s+", text) if re.search(r"texto al 911", s, re.I)]
    assert offers
    for sentence in offers:
        assert re.search(
            r"solo donde|donde (ese servicio|est[eé]) (existe|disponible)|no en todas partes", sentence
        )


def test_the_lines_that_answer_in_spanish_are_listed(content):
    text = getting_help_now()
    # US trafficking hotline: calls in many languages with interpreters, text and chat in Spanish.
    assert "1-888-373-7888" in text and "233733" in text
    assert re.search(r"1-888-373-7888\. Te pueden atender en español", text)
    assert re.search(r"233733\. En español", text)
    # 988: press 2, text AYUDA, chat at 988lineadevida.org.
    assert re.search(r"988 y marca 2", text)
    assert re.search(r"AYUDA al 988", text)
    assert "988lineadevida.org" in text
    # UK Modern Slavery & Exploitation Helpline, with interpreters.
    assert "08000 121 700" in text
    assert re.search(r"intérpretes de muchos idiomas\. Puedes pedir uno de español", text)


def test_the_us_hotline_is_said_not_to_be_police_or_immigration(content):
    text = getting_help_now()
    assert re.search(r"No es la policía ni (el servicio de )?inmigración", text)


def test_no_spanish_page_promises_a_cure(content):
    for name, text in spanish_pages():
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if any(word in sentence.lower() for word in CAUTION_WORDS):
                continue
            assert not PROMISES.search(sentence), f"{name}: {sentence}"


def test_the_cure_check_catches_a_promise():
    assert PROMISES.search("Esta terapia cura el trauma.")
    assert PROMISES.search("Te garantizamos que vas a curarte.")
    assert not PROMISES.search("Puede ayudar a que duela menos.")
