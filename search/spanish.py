"""What search knows of Spanish words, for the Spanish index, queries, spelling and crisis matching.

People type Spanish on phones, often without accents ("panico"), in texting spellings ("kiero", "q",
"xq") and with pronouns joined to the verb ("matarme" = "matar" + "me"). The index folds accents and
stems with the Snowball Spanish stemmer (search/index/schema.py); the lists and rules here are plain
Python, so the query side, the database fallback and the crisis matcher need no search engine.
"""

import re

# Accented letters to their plain ones, one character for one, so that offsets in a text stay valid
# (snippets mark words by position).
_PLAIN_LETTERS = str.maketrans(
    "áàâäãéèêëíìîïóòôöõúùûüñçÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇ",
    "aaaaaeeeeiiiiooooouuuuncAAAAAEEEEIIIIOOOOOUUUUNC",
)


def fold_accents(text: str) -> str:
    """The text without accents, tildes or diaereses, the same length ("pánico" -> "panico")."""
    return text.translate(_PLAIN_LETTERS)


# The Snowball project's Spanish stop words: articles, pronouns, prepositions, and the forms of
# estar, haber, ser and tener. Neither the index nor a query keeps them. Both spellings count: people
# often leave the accents out ("esta" for "está").
_STOP_WORDS_TEXT = """
    de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí
    porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos
    uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él
    tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis tú
    te ti tu tus ellas nosotras vosotros vosotras os mío mía míos mías tuyo tuya tuyos tuyas suyo suya
    suyos suyas nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy estás
    está estamos estáis están esté estés estemos estéis estén estaré estarás estará estaremos estaréis
    estarán estaría estarías estaríamos estaríais estarían estaba estabas estábamos estabais estaban
    estuve estuviste estuvo estuvimos estuvisteis estuvieron estuviera estuvieras estuviéramos
    estuvierais estuvieran estuviese estuvieses estuviésemos estuvieseis estuviesen estando estado
    estada estados estadas estad he has ha hemos habéis han haya hayas hayamos hayáis hayan habré habrás
    habrá habremos habréis habrán habría habrías habríamos habríais habrían había habías habíamos
    habíais habían hube hubiste hubo hubimos hubisteis hubieron hubiera hubieras hubiéramos hubierais
    hubieran hubiese hubieses hubiésemos hubieseis hubiesen habiendo habido habida habidos habidas soy
    eres es somos sois son sea seas seamos seáis sean seré serás será seremos seréis serán sería serías
    seríamos seríais serían era eras éramos erais eran fui fuiste fue fuimos fuisteis fueron fuera
    fueras fuéramos fuerais fueran fuese fueses fuésemos fueseis fuesen sintiendo sentido sentida
    sentidos sentidas siente sentid tengo tienes tiene tenemos tenéis tienen tenga tengas tengamos
    tengáis tengan tendré tendrás tendrá tendremos tendréis tendrán tendría tendrías tendríamos
    tendríais tendrían tenía tenías teníamos teníais tenían tuve tuviste tuvo tuvimos tuvisteis tuvieron
    tuviera tuvieras tuviéramos tuvierais tuvieran tuviese tuvieses tuviésemos tuvieseis tuviesen
    teniendo tenido tenida tenidos tenidas tened
"""
_STOP = _STOP_WORDS_TEXT.split()
STOP_WORDS = frozenset(_STOP) | frozenset(fold_accents(word) for word in _STOP)

# Words of spoken sentences that say nothing about a need ("quiero saber", "me siento", "necesito
# algo"). The index keeps them; a query never searches them. The synonym map still reads whole
# phrases, so "me siento sola" keeps meaning *feeling alone*. Words of the needs vocabulary ("sola",
# "siempre", "nadie", "miedo") are deliberately absent.
_FILLER_WORDS_TEXT = """
    quiero quieres quiere queremos quieren quería querría quisiera querer necesito necesitas necesita
    necesitamos necesitan necesitaba creo crees cree pienso sé saber sabes sabe cosa cosas hola gracias
    favor porfa porfavor bueno pues vale ok okay si puedo puedes puede podemos pueden poder podría
    hacer hago haces hace hacen voy vas va vamos van ir decir digo dices dice dicen dije tipo vez veces
    ahora hoy ayer aún todavía últimamente así entonces realmente verdad cuál cuáles alguien alguno
    alguna algún ningún ninguno ninguna siento sientes sentir sentirme sentí sentía tan ahí aquí allí
"""
_FILLER = _FILLER_WORDS_TEXT.split()
FILLER_WORDS = frozenset(_FILLER) | frozenset(fold_accents(word) for word in _FILLER)


# --- Spelling: the forms of a word that count as the word itself ----------------------------------
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


def _number_and_gender(word: str) -> set[str]:
    """Singular and plural, masculine and feminine: "tensa" -> "tenso", "tensas", "tensos"."""
    found = {word}
    if word.endswith("es") and len(word) > 4:
        found.add(word[:-2])
    if word.endswith("s") and len(word) > 3:
        found.add(word[:-1])
    else:
        found.update({word + "s", word + "es"})
    for base in list(found):
        if base.endswith(("o", "a")):
            other = base[:-1] + ("a" if base.endswith("o") else "o")
            found.update({other, other + "s"})
    return found


def word_forms(word: str) -> set[str]:
    """Variants of a word the site may use for it: another number or gender, and the same letters
    with or without an accent ("panico" -> "pánico", "sesion" -> "sesión", "ninos" -> "niños")."""
    found = set()
    for form in _number_and_gender(fold_accents(word)):
        found.add(form)
        for position, letter in enumerate(form):
            accented = _ACCENTED.get(letter) or {"n": "ñ"}.get(letter)
            if accented:
                found.add(form[:position] + accented + form[position + 1 :])
            if letter == "u":
                found.add(form[:position] + "ü" + form[position + 1 :])
    found.discard(word)
    return found


# --- Crisis matching (search/crisis.py): how typed words are compared with the phrases ------------

# Texting spellings, spelt out the way the phrases are written (accents already removed).
CRISIS_SPELT_OUT = {
    "q": ("que",),
    "k": ("que",),
    "ke": ("que",),
    "xq": ("porque",),
    "pq": ("porque",),
    "porq": ("porque",),
    "x": ("por",),
    "xa": ("para",),
    "pa": ("para",),
    "toy": ("estoy",),
    "tamos": ("estamos",),
    "d": ("de",),
    "m": ("me",),
    "t": ("te",),
    "tb": ("tambien",),
    "tmb": ("tambien",),
    "nd": ("nada",),
    "ns": ("no", "se"),
    "tngo": ("tengo",),
    "tng": ("tengo",),
    "kmo": ("como",),
    "dnd": ("donde",),
    "aki": ("aqui",),
    "porfa": ("por", "favor"),
}

# A pronoun joined to an infinitive or a gerund: "matarme", "cortándome", "hacerle".
_JOINED_PRONOUN = re.compile(r"^(\w{2,}(?:ar|er|ir|ando|iendo))(me|te|se|nos|lo|la|le|los|las|les)$")


def sounds(word: str) -> str:
    """One spelling per sound where Spanish spelling gives several, so "kiero" reads as "quiero",
    "acer" as "hacer" and "pastiyas" as "pastillas". Only for comparing words, never shown."""
    word = re.sub(r"(?<!c)h", "", word)  # a silent h
    word = word.replace("ll", "y")
    word = re.sub(r"g(?=[ei])", "j", word)
    word = re.sub(r"gu(?=[ei])", "g", word)
    word = re.sub(r"qu(?=[ei])", "k", word)
    word = word.replace("q", "k")
    word = re.sub(r"c(?=[ei])", "s", word)
    word = re.sub(r"c(?!h)", "k", word)
    return word.replace("z", "s")


def respell(word: str) -> tuple[str, ...]:
    """A typed word as the words a phrase writes: pronouns split off the verb, spelt by sound."""
    joined = _JOINED_PRONOUN.match(word)
    parts = joined.groups() if joined else (word,)
    return tuple(sounds(part) for part in parts)


# Words a person may leave out of a phrase, as long as two words of it remain to be found.
CRISIS_GLUE = frozenset(
    sounds(word) for word in ("a", "al", "el", "la", "las", "los", "un", "una", "de", "del", "en", "y", "que")
)

# Endings of Spanish verbs and nouns, longest first: enough to compare word forms ("mato", "matar",
# "matando" -> "mat"). Applied to words as respell() writes them.
_ENDINGS_TEXT = """
    iendo ando ieron aron aban ados adas idos idas ado ada ido ida aste iste amos emos imos aria eria
    iria are ere ire ar er ir an en as es os a e o i
"""
_ENDINGS = sorted(_ENDINGS_TEXT.split(), key=len, reverse=True)


def crisis_stem(word: str) -> str:
    """A rough common form of a Spanish word: its ending removed, at least three letters kept."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def same_start(typed: str, written: str) -> bool:
    """Typos count only when the first letter is right; b and v sound the same in Spanish."""
    return typed[:1].replace("v", "b") == written[:1].replace("v", "b")


_VOWELS = frozenset("aeiou")


def substitution(typed: str, written: str) -> int:
    """What one letter typed for another costs: one slip, but two for one vowel for another. Spanish
    tells persons and meanings apart by vowels ("me pega" is not "me paga"); the forms of one verb
    are matched by its stem instead."""
    return 2 if typed in _VOWELS and written in _VOWELS else 1
