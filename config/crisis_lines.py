"""The crisis lines and emergency numbers a deployment starts with: the US, then the UK.

Each deployment replaces them with its own through the environment (SITE_CRISIS_LINES,
SITE_CRISIS_LINES_BY_LANGUAGE, SITE_EMERGENCY_NUMBERS, SITE_EMERGENCY_NUMBERS_BY_LANGUAGE; see
config/settings.py and the README). Kept here, apart from the settings, because they are reviewed
like content: every number and note is a fact a reader in danger relies on.

"kinds" names the searches that show a line first (suicide, self-harm, danger-now, child-at-risk;
see search/crisis.yaml); "help_box": false keeps a line out of the help box on every page, so that
box stays short. The lists "by language" hold the lines that answer in that language, each note
written in it; a language not named gets the English lists.
"""

CRISIS_LINES = [
    {
        "name": "National Human Trafficking Hotline (US)",
        "call": "1-888-373-7888",
        "text": "233733",
        "note": "24/7. Not the police or immigration. Calls in many languages; "
        "text and chat in English and Spanish. TTY: 711.",
        "kinds": ["danger-now", "child-at-risk"],
    },
    {
        "name": "988 Suicide & Crisis Lifeline (US)",
        "call": "988",
        "text": "988",
        "note": "Call or text, 24/7.",
        "kinds": ["suicide", "self-harm"],
    },
    {
        "name": "Modern Slavery & Exploitation Helpline (UK)",
        "call": "08000 121 700",
        "note": "24/7.",
        "kinds": ["danger-now", "child-at-risk"],
    },
    {
        "name": "Samaritans (UK and Ireland)",
        "call": "116 123",
        "note": "Free, 24/7.",
        "kinds": ["suicide", "self-harm"],
        "help_box": False,
    },
    {
        "name": "Shout (UK)",
        "text": "85258",
        "note": "Text the word SHOUT to 85258. Free, 24/7.",
        "kinds": ["suicide", "self-harm"],
        "help_box": False,
    },
    {
        "name": "Childhelp National Child Abuse Hotline (US)",
        "call": "1-800-422-4453",
        "text": "1-800-422-4453",
        "note": "24/7, for children and for adults worried about a child.",
        "kinds": ["child-at-risk"],
        "help_box": False,
    },
    {
        "name": "NSPCC Helpline (UK)",
        "call": "0808 800 5000",
        "note": "For adults worried about a child. Free.",
        "kinds": ["child-at-risk"],
        "help_box": False,
    },
    {
        "name": "Childline (UK)",
        "call": "0800 1111",
        "note": "For children and young people under 19. Free, 24/7.",
        "kinds": ["child-at-risk"],
        "help_box": False,
    },
]

CRISIS_LINES_BY_LANGUAGE = {
    "es": [
        {
            "name": "National Human Trafficking Hotline (EE. UU.)",
            "call": "1-888-373-7888",
            "text": "233733",
            "note": "Las 24 horas. No es la policía ni inmigración. Por teléfono atiende en muchos "
            "idiomas, con intérpretes. Por texto y chat, en español. TTY: 711.",
            "kinds": ["danger-now", "child-at-risk"],
        },
        {
            "name": "988 Suicide & Crisis Lifeline (EE. UU.)",
            "call": "988",
            "text": "988",
            "note": "Las 24 horas. Al llamar, marca 2 para hablar en español. Por texto, escribe "
            "AYUDA al 988. Chat en 988lineadevida.org.",
            "kinds": ["suicide", "self-harm"],
        },
        {
            "name": "Modern Slavery & Exploitation Helpline (Reino Unido)",
            "call": "08000 121 700",
            "note": "Las 24 horas. Con intérpretes: puedes hablar en español.",
            "kinds": ["danger-now", "child-at-risk"],
        },
        {
            "name": "Childhelp National Child Abuse Hotline (EE. UU.)",
            "call": "1-800-422-4453",
            "text": "1-800-422-4453",
            "note": "Las 24 horas. Puedes llamar o mandar un texto. Con intérpretes en muchos idiomas: "
            "puedes hablar en español.",
            "kinds": ["child-at-risk"],
            "help_box": False,
        },
    ],
}

EMERGENCY_NUMBERS = [
    {"region": "US", "call": "911"},
    {"region": "UK", "call": "999", "note": "Can't speak on a mobile? Press 55 when asked."},
]

EMERGENCY_NUMBERS_BY_LANGUAGE = {
    "es": [
        {"region": "EE. UU.", "call": "911"},
        {
            "region": "Reino Unido",
            "call": "999",
            "note": "¿No puedes hablar desde un móvil? Marca 55 cuando te lo pidan.",
        },
    ],
}
