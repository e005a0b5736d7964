"""English language knowledge as data: the same tables as ``lang/nl.py``, for English news conventions.

Lemmas are spaCy's (``en_core_web_sm``: "said" -> "say"); surface forms are lower-cased words.
Patterns are written for ``re`` with ``re.IGNORECASE`` unless noted.
"""

from __future__ import annotations

# --- page furniture -------------------------------------------------------------------------

CAPTION_CREDIT_WORDS = ("Photo", "Photograph", "Picture", "Image", "Illustration", "Video", "Credit")
CAPTION_OPENERS = ("View image", "Enlarge this image", "Photo:", "Image:")
STATUS_PREFIXES = ("Update", "Updated", "Live", "Breaking", "Exclusive", "Video", "Analysis")
TRAILER_LINES = ("Share this article", "Share:", "Read more:", "Related:", "See also:", "Share on Facebook",
                 "Share on X", "Share via WhatsApp")
SECTION_LABELS = ("World", "Politics", "Business", "Economy", "Sport", "Sports", "Culture", "Tech", "Science",
                  "Opinion", "Local news")

# --- dates ----------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# --- names and entities -----------------------------------------------------------------------

# Speech verbs a tagger may swallow into the name beside them ("said Smith"); trimmed from mention edges.
REPORTING_VERBS = frozenset({
    "said", "says", "say", "told", "tells", "stated", "states", "added", "adds", "wrote", "writes", "explained",
    "explains", "warned", "warns", "argued", "argues", "insisted", "insists", "noted", "notes", "according",
    "asked", "asks", "replied", "replies", "announced", "announces", "claimed", "claims", "confirmed",
    "confirms", "denied", "denies", "tweeted", "tweets", "recalled", "recalls", "acknowledged", "acknowledges",
})  # fmt: skip
NAME_PARTICLES = frozenset({"van", "de", "der", "den", "von", "du", "da", "di", "le", "la", "el", "al", "bin", "ibn",
                            "de la", "del", "dos", "zu", "y", "st."})
ORG_HEADS = frozenset({
    "university", "institute", "centre", "center", "council", "ministry", "department", "party", "bank", "fund",
    "foundation", "association", "agency", "commission", "college", "academy", "inc", "ltd", "llc", "corp",
    "corporation", "company", "organisation", "organization", "union", "court", "house", "committee", "federation",
    "group", "times", "post", "journal", "news", "office", "command", "tv", "radio", "media", "network", "club",
    "fc", "united", "city", "board", "authority", "service", "survey", "police", "army", "navy", "force",
    "forces", "guard", "administration", "congress", "senate", "parliament", "school", "hospital", "society",
})  # fmt: skip
ROLE_SUFFIXES = ("expert", "researcher", "specialist", "professor", "analyst", "spokesman", "spokeswoman",
                 "spokesperson", "minister", "president", "premier", "correspondent", "director", "chairman",
                 "chairwoman", "chair", "leader", "general", "journalist", "economist", "historian", "adviser",
                 "advisor", "diplomat", "ambassador", "mayor", "commissioner", "chief", "officer", "lawyer",
                 "attorney", "governor", "senator", "congressman", "congresswoman", "representative", "secretary",
                 "manager", "founder", "owner", "coach", "resident", "student", "employee", "ombudsman",
                 "lawmaker", "legislator", "prosecutor", "judge", "sheriff", "inspector", "detective",
                 "psychologist", "psychiatrist", "surgeon", "nurse", "doctor", "entrepreneur", "executive", "ceo")
NOT_A_NAME_SUFFIXES = ("studies", "science", "sciences", "ology", "law")
KNOWN_TYPES: dict[str, str] = {
    "White House": "ORG", "Kremlin": "ORG", "Pentagon": "ORG", "Downing Street": "ORG", "Elysée": "ORG",
    "The New York Times": "ORG", "New York Times": "ORG", "NYT": "ORG", "The Washington Post": "ORG",
    "KCNA": "ORG", "NATO": "ORG", "UN": "ORG", "United Nations": "ORG", "EU": "ORG", "European Union": "ORG",
    "Reuters": "ORG", "AP": "ORG", "AFP": "ORG", "BBC": "ORG", "Congress": "ORG",
    "Donetsk": "LOC", "Luhansk": "LOC", "Donbas": "LOC", "Crimea": "LOC", "Gaza": "LOC",
}  # fmt: skip
# Other names for one entity. Canonical names are the Dutch ones where a Dutch article may name the same
# thing (``lang/nl.py`` ALIASES), so "United States" and "Verenigde Staten" resolve to one entity.
ALIASES: dict[str, str] = {
    "NYT": "The New York Times", "New York Times": "The New York Times",
    "US": "Verenigde Staten", "U.S.": "Verenigde Staten", "USA": "Verenigde Staten", "America": "Verenigde Staten",
    "United States": "Verenigde Staten", "United States of America": "Verenigde Staten",
    "UN": "Verenigde Naties", "United Nations": "Verenigde Naties", "NATO": "NAVO", "Nato": "NAVO",
    "Russian Federation": "Rusland", "Russia": "Rusland", "EU": "Europese Unie", "European Union": "Europese Unie",
    "UK": "Verenigd Koninkrijk", "U.K.": "Verenigd Koninkrijk", "United Kingdom": "Verenigd Koninkrijk",
    "Britain": "Verenigd Koninkrijk", "Great Britain": "Verenigd Koninkrijk", "North Korea": "Noord-Korea",
    "South Korea": "Zuid-Korea", "DPRK": "Noord-Korea", "Netherlands": "Nederland", "The Netherlands": "Nederland",
    "Holland": "Nederland", "Belgium": "België", "Germany": "Duitsland", "France": "Frankrijk",
    "Ukraine": "Oekraïne", "China": "China", "Japan": "Japan", "Turkey": "Turkije", "Italy": "Italië",
    "Spain": "Spanje", "Greece": "Griekenland", "Brussels": "Brussel", "The Hague": "Den Haag",
    "Hague": "Den Haag", "Antwerp": "Antwerpen", "Ghent": "Gent", "Moscow": "Moskou", "Kyiv": "Kiev",
    "Beijing": "Peking", "White House": "Witte Huis",
}  # fmt: skip
# English spelling is the key the Dutch table transliterates towards; only the shared folds apply here.
TRANSLITERATION: tuple[tuple[str, str], ...] = (
    ("kh", "h"), ("ch", "h"), ("ks", "x"), ("w", "v"), ("ph", "f"), ("c", "k"),
)  # fmt: skip
GENITIVE_SUFFIXES = ("'s", "’s", "s'", "s’", "'", "’")

# --- quotes and speakers ----------------------------------------------------------------------

# English quotes: “…” and "…", with ‘…’ inside them (or as British outlets' outer marks).
QUOTE_PAIRS: dict[str, str] = {"“": "”“", '"': '"', "«": "»", "‘": "’", "”": "”"}
SPEECH_LEMMAS = frozenset({
    "say", "tell", "state", "add", "write", "explain", "warn", "argue", "insist", "note", "ask", "reply",
    "announce", "claim", "confirm", "deny", "tweet", "recall", "acknowledge", "admit", "conclude", "think",
    "believe", "suggest", "stress", "emphasise", "emphasize", "declare", "respond", "answer", "remark",
    "observe", "predict", "promise", "vow", "pledge", "urge", "caution", "complain", "concede", "contend",
    "maintain", "point", "report", "describe", "call", "cry", "shout", "sigh", "laugh", "joke", "post",
    "continue", "repeat", "reveal", "estimate", "expect", "fear", "hope", "recount", "told", "testify",
})  # fmt: skip
SPEECH_FORMS = frozenset({
    "said", "says", "say", "told", "tells", "stated", "states", "added", "adds", "wrote", "writes", "explained",
    "explains", "warned", "warns", "argued", "argues", "insisted", "insists", "noted", "notes", "asked", "asks",
    "replied", "replies", "announced", "announces", "claimed", "claims", "confirmed", "confirms", "denied",
    "denies", "tweeted", "tweets", "recalled", "recalls", "acknowledged", "acknowledges", "admitted", "admits",
    "concluded", "concludes", "stressed", "stresses", "declared", "declares", "responded", "responds",
    "answered", "answers", "remarked", "remarks", "observed", "observes", "predicted", "predicts", "promised",
    "promises", "vowed", "vows", "urged", "urges", "cautioned", "cautions", "complained", "complains",
    "conceded", "concedes", "contended", "contends", "maintained", "maintains", "pointed", "points",
    "reported", "reports", "described", "describes", "continued", "continues", "repeated", "repeats",
    "revealed", "reveals", "testified", "testifies", "suggested", "suggests", "emphasised", "emphasized",
    "thinks", "thought", "believes", "believed", "estimated", "estimates", "recounted", "recounts",
})  # fmt: skip
# Forms that attribute speech only with their particle ("pointed out").
PARTICLE_SPEECH_FORMS = frozenset({"pointed", "points"})
ACCORDING_TO = ("according",)  # one token; "to" after it is a filler (CUE_FILLERS)
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
DESCRIPTION_NOUNS = frozenset({
    "expert", "specialist", "professor", "researcher", "analyst", "spokesman", "spokeswoman", "spokesperson",
    "minister", "president", "premier", "prime minister", "mayor", "director", "chairman", "chairwoman",
    "chief", "economist", "politician", "lawyer", "attorney", "officer", "official", "scientist", "historian",
    "journalist", "correspondent", "commissioner", "governor", "senator", "coach", "doctor", "psychologist",
    "captain", "prosecutor", "judge", "witness", "officials", "experts", "secretary", "leader",
})  # fmt: skip
GENERIC_EXPERTS = frozenset({"expert", "specialist", "scientist", "analyst"})
INSTITUTION_NOUNS = frozenset({
    "police", "council", "government", "cabinet", "ministry", "court", "prosecutors", "province", "state",
    "authorities", "agency", "union", "management", "school", "university", "hospital", "club", "company",
    "firm", "organisation", "organization", "party", "city", "army", "military", "newspaper", "broadcaster",
    "inspectorate", "department", "administration", "white house", "kremlin", "pentagon",
})  # fmt: skip
SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "official"})
ROLE_NOUNS = DESCRIPTION_NOUNS | SPOKESPERSON_NOUNS
AFFILIATION_PREPOSITIONS = frozenset({"at", "of", "for", "from", "with"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "i", "we", "you"})
POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your", "its"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
CUE_FILLERS = frozenset({
    "to", "also", "then", "still", "later", "earlier", "again", "too", "however", "therefore", "simply", "further",
    "now", "once", "always", "firmly", "flatly", "laughing", "smiling", "quietly", "bluntly", "proudly",
    "yesterday", "today", "recently", "previously", "repeatedly", "publicly", "privately", "even", "immediately",
})  # fmt: skip
CLAUSE_BREAKS = frozenset({"and", "but", "because", "that", "while", "as", "when", "who", "which", "what", "or",
                           "whether", "if"})
SUBJECT_PREPOSITIONS = frozenset({"according", "by"})
CLAUSE_PREPOSITIONS = frozenset({"since", "after", "until", "before"})
NAMING_WORDS = frozenset({
    "as", "so-called", "dubbed", "named", "called", "titled", "entitled", "title", "book", "film", "movie",
    "programme", "program", "series", "campaign", "project", "term", "word", "phrase", "album", "song", "show",
    "exhibition", "motto", "theme", "slogan", "label", "hashtag", "headline", "article", "column", "sign",
    "banner", "name", "nickname", "operation",
})  # fmt: skip
PERSON_SUFFIXES = ("resident", "holder", "owner", "maker", "worker", "goer", "man", "woman", "ist", "er", "or",
                   "ian", "ant", "ent")
PERSON_NOUNS = frozenset({
    "friend", "colleague", "mother", "father", "son", "daughter", "brother", "sister", "child", "girl", "boy",
    "neighbour", "neighbor", "customer", "patient", "client", "victim", "witness", "parent", "grandfather",
    "grandmother", "husband", "wife", "partner", "guest", "resident", "citizen", "pupil", "fan", "supporter",
    "player", "traveller", "traveler", "passenger", "driver", "cyclist", "eyewitness", "farmer", "survivor",
    "people", "residents", "victims", "witnesses", "survivors", "officials",
})  # fmt: skip
SPEECH_NOUNS = frozenset({"statement", "words", "quote", "tweet", "tweets", "letter", "remarks", "comments",
                          "reaction", "message", "appeal", "post", "speech", "address", "warning"})
SPEAKER_ORIGIN_PREPOSITIONS = frozenset({"from", "in", "of"})
THAT_WORDS = frozenset({"that", "this", "so"})
LATTER_WORDS = frozenset({"latter"})
STOP_CAPITALISED = frozenset({"according", "the", "a", "an", "but", "and", "that", "this", "it", "in", "on"})
NOT_NAMES = frozenset({"well", "yes", "no", "oh", "ok", "okay", "sorry", "hello", "so", "look", "listen", "now",
                       "please", "thanks", "wow", "hey", "ah"})
AGE_ADJECTIVE_ENDINGS = ("-year-old",)
CONTINUATION_CHARS = 1500
MIN_QUOTE_WORDS = 4

# --- stories ----------------------------------------------------------------------------------

STOP_LEMMAS = frozenset({
    "be", "have", "do", "will", "would", "can", "could", "shall", "should", "may", "might", "must", "go",
    "come", "make", "let", "get", "take", "give", "say", "tell", "see", "know", "think", "find", "keep",
    "put", "seem", "bring", "want", "become", "leave", "follow", "call", "use", "include",
    "year", "day", "week", "month", "time", "people", "part", "way", "percent", "dollar", "hour", "minute",
    "question", "side", "thing", "case", "end", "start", "moment", "place", "country", "world", "life",
    "report", "write", "state", "add", "accord", "news", "thursday", "friday", "monday", "tuesday",
    "wednesday", "saturday", "sunday", "the", "and", "that", "this", "with", "from", "been",
})  # fmt: skip

# Word classes whose lemmas describe an article for clustering. English adds the words of names: spaCy's
# small model leaves many names untagged (ECB+ topics 1-35, event F1 0.818 -> 0.858 with them; benchmarks/ecb).
FEATURE_TAGS = ("NOUN", "VERB", "NAME")

# --- numbers ----------------------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "a dozen": 12, "dozen": 12,
}  # fmt: skip
ORDINAL_SUFFIXES = ("th", "st", "nd", "rd")
MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "mln": 1_000_000, "m": 1_000_000,
               "billion": 1_000_000_000, "bn": 1_000_000_000, "trillion": 10**12}
HEDGES: dict[str, float] = {
    "about": 0.1, "around": 0.1, "some": 0.1, "approximately": 0.1, "roughly": 0.1, "nearly": 0.1,
    "almost": 0.1, "circa": 0.1, "ca.": 0.1, "more than": 0.25, "over": 0.25, "less than": 0.25,
    "fewer than": 0.25, "under": 0.25, "at least": 0.0, "at most": 0.0, "up to": 0.0, "an estimated": 0.15,
    "estimated": 0.15, "some estimates": 0.15, "several": 0.5, "just over": 0.1, "just under": 0.1,
}  # fmt: skip
UNITS: dict[str, tuple[str, str]] = {
    "kilometres per hour": ("km/h", "speed"), "kilometers per hour": ("km/h", "speed"), "km/h": ("km/h", "speed"),
    "miles per hour": ("mph", "speed"), "mph": ("mph", "speed"), "kilometres": ("km", "distance"),
    "kilometers": ("km", "distance"), "kilometre": ("km", "distance"), "kilometer": ("km", "distance"),
    "km": ("km", "distance"), "miles": ("mi", "distance"), "mile": ("mi", "distance"),
    "metres": ("m", "distance"), "meters": ("m", "distance"), "metre": ("m", "distance"),
    "meter": ("m", "distance"), "feet": ("ft", "distance"), "foot": ("ft", "distance"),
    "hours": ("hour", "duration"), "hour": ("hour", "duration"), "minutes": ("minute", "duration"),
    "minute": ("minute", "duration"), "seconds": ("second", "duration"), "days": ("day", "duration"),
    "day": ("day", "duration"), "weeks": ("week", "duration"), "week": ("week", "duration"),
    "months": ("month", "duration"), "month": ("month", "duration"), "years": ("year", "duration"),
    "year": ("year", "duration"), "percent": ("%", "share"), "per cent": ("%", "share"), "%": ("%", "share"),
    "percentage points": ("pp", "share"), "euros": ("EUR", "money"), "euro": ("EUR", "money"),
    "€": ("EUR", "money"), "dollars": ("USD", "money"), "dollar": ("USD", "money"), "$": ("USD", "money"),
    "pounds": ("GBP", "money"), "£": ("GBP", "money"), "kilos": ("kg", "weight"), "kilograms": ("kg", "weight"),
    "kg": ("kg", "weight"), "tonnes": ("ton", "weight"), "tons": ("ton", "weight"), "degrees": ("°C", "temperature"),
    "°C": ("°C", "temperature"), "litres": ("l", "volume"), "liters": ("l", "volume"), "hectares": ("ha", "area"),
    "square kilometres": ("km2", "area"), "square miles": ("mi2", "area"),
}  # fmt: skip
NOT_A_COUNT = frozenset({"year-old", "times", "percent", "o'clock", "january", "february", "march", "april",
                         "may", "june", "july", "august", "september", "october", "november", "december"})
PEOPLE_NOUNS = frozenset({"people", "residents", "inhabitants", "persons", "citizens", "evacuees", "households",
                          "civilians"})
PEOPLE_LEMMAS = frozenset({"person", "people", "resident", "inhabitant", "citizen", "evacuee", "household",
                           "civilian"})

# Digits: "300,000", "3.5"; compound number words "twenty-five" (tens first); ranges "between 10 and 13 March".
NUMBER_SEPARATORS = (",", ".")
NUMBER_COMPOUND = ("-", False)
RANGE_OPENERS = frozenset({"between", "from"})
RANGE_JOINERS = frozenset({"and", "to"})
MEASURED_FROM = frozenset({"from", "of", "to", "off"})
ARTICLES = frozenset({"the"})

# --- aligning claims across articles ---------------------------------------------------------

COMPARABLE_KINDS = frozenset({"count", "money", "share", "distance", "speed", "weight", "area", "volume",
                              "temperature", "amount", "duration"})
ORIGIN_PREPOSITIONS = frozenset({"from"})
NOT_A_MEASURE_AFTER = frozenset({"ago", "old", "later", "earlier", "before", "after", "back", "young"})
FORECAST_CUES = frozenset({"poll", "polls", "survey", "forecast", "projection", "prediction", "estimate",
                           "exit poll", "predict", "project"})
THEN_CUES = frozenset({"then", "previously", "formerly", "originally", "initially", "once", "earlier"})
CHANGE_CUES = frozenset({"more", "less", "fewer", "extra", "additional", "rise", "rose", "fall", "fell", "increase",
                         "decrease", "growth", "gain", "loss", "drop", "dropped", "up", "down", "difference",
                         "grow", "shrink", "double", "halve", "climb", "decline"})
ALIGN_STOP_LEMMAS = frozenset({"number", "total", "time", "year", "percent", "dollar", "million", "billion",
                               "about", "nearly", "some", "around", "say", "get", "have", "be", "go", "come",
                               "still", "also", "that", "which", "there"})

# --- time expressions -------------------------------------------------------------------------

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                         "sat": 5, "sun": 6}
WEEKDAY_SHORT_ALONE: dict[str, int] = {}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
MID_SEASONS = {"midsummer": (6, 8), "midwinter": (12, 2)}
RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                 "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
                 "yesterday evening": -1, "the day before yesterday": -2, "tomorrow": 1, "tomorrow morning": 1,
                 "tomorrow evening": 1, "the day after tomorrow": 2}
NOW_WORDS = {"now": 0, "present": 0}
RELATIVE_UNITS = {"week": "week", "month": "month", "year": "year", "weekend": "weekend", "summer": "season",
                  "winter": "season", "spring": "season", "autumn": "season", "century": "century",
                  "decade": "decade", "quarter": "quarter", "day": "day"}
NEXT_WORDS = ("next", "coming", "upcoming", "following")
LAST_WORDS = ("last", "past", "previous", "preceding")
THIS_WORDS = ("this", "the current", "current")
SAME_WORDS = ("the same", "that")
PERIOD_PARTS = {"early": (1, 10), "late": (21, 31), "the end of": (21, 31), "the beginning of": (1, 10),
                "mid": (11, 20), "mid-": (11, 20), "the middle of": (11, 20), "earlier": (1, 31), "later": (1, 31)}
YEAR_PARTS = {"early": (1, 4), "late": (9, 12), "the end of": (9, 12), "the beginning of": (1, 4),
              "mid": (5, 8), "mid-": (5, 8), "the middle of": (5, 8)}
WEEK_PARTS = {"early": (0, 2), "late": (3, 6), "the end of": (3, 6), "the beginning of": (0, 2),
              "the middle of": (2, 4)}
BEFORE_NOW_WORDS = ("earlier",)
AFTER_NOW_WORDS = ("later",)
REST_WORDS = ("rest", "remainder")
QUARTER_WORDS = ("quarter",)
QUARTER_LETTERS = ("q",)
HALF_WORDS = ("half",)
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                "eighties": 80, "nineties": 90}
DECADE_NOUNS = ("the",)
CENTURY_NOUNS = ("century",)
DURATION_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
                  "months": "month", "year": "year", "years": "year", "century": "century", "centuries": "century",
                  "decade": "decade", "decades": "decade", "working day": "workday", "working days": "workday",
                  "business days": "workday", "quarter": "quarter", "quarters": "quarter", "weekend": "weekend",
                  "weekends": "weekend"}
VAGUE_COUNTS = {"a few": 2, "few": 2, "several": 3, "a couple of": 2, "a": 1, "an": 1, "one": 1, "two": 2,
                "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "a hundred": 100, "one and a half": 1.5, "two and a half": 2.5}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                 "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                 "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "last": -1}
SINCE_WORDS = ("since",)
WITHIN_WORDS = ("within", "in less than", "less than")
WEEK_OF_VERBS = ("begins", "starts")
FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "boxing day": (12, 26),
                  "christmas eve": (12, 24), "new year's eve": (12, 31), "new year's day": (1, 1),
                  "independence day": (7, 4), "valentine's day": (2, 14), "halloween": (10, 31),
                  "all saints' day": (11, 1), "armistice day": (11, 11), "veterans day": (11, 11),
                  "may day": (5, 1), "international women's day": (3, 8), "world aids day": (12, 1)}
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2,
                   "maundy thursday": -3, "ash wednesday": -46, "ascension day": 39, "pentecost": 49,
                   "whit monday": 50}
WEEKDAY_HOLIDAYS = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "mother's day": (5, 6, 2),
                    "father's day": (6, 6, 3), "martin luther king day": (1, 0, 3), "memorial day": (5, 0, -1),
                    "labor day": (9, 0, 1), "presidents' day": (2, 0, 3)}
PAST_CUES = frozenset({"was", "were", "had", "did", "went", "came", "said", "told", "found", "stood", "sat", "got",
                       "yesterday", "ago", "died", "left", "wanted", "could", "made", "reported", "took", "gave",
                       "saw", "bought", "brought", "thought", "fell", "held", "ran", "wrote", "chose", "won",
                       "lost", "closed", "flew", "broke", "burned", "began", "ended", "announced", "opened",
                       "warned", "killed", "struck", "hit", "happened", "occurred", "arrested", "charged"})
PERFECT_AUXILIARIES = frozenset({"has", "have", "had"})
DATE_PREPOSITIONS = frozenset({"on", "in", "since", "from", "until", "till", "to", "around", "after", "before", "by",
                               "of", "between", "and", "or", "through", "early", "late", "mid", "during",
                               "circa", "about", "summer", "winter", "spring", "autumn", "fall", "monday", "tuesday",
                               "wednesday", "thursday", "friday", "saturday", "sunday", "than", "at"})
YEAR_FOLLOWERS = frozenset({"and", "or", "to", "is", "was", "were", "are", "had", "has", "have", "came", "went",
                            "but", "when", "still", "already", "only", "again", "also", "not", "will", "would",
                            "must", "can", "began", "ended", "proved", "earlier", "later", "after", "before",
                            "between", "election", "elections"})
DAY_ORDINAL_FOLLOWERS = ("again", "already", "still", "also", "too", "back")
ORDINAL_NOUNS = ("time", "times", "place", "round", "edition", "day", "week", "month", "year", "century",
                 "minute", "stage", "floor", "grade", "attempt", "match", "position", "half", "quarter", "rank",
                 "degree", "generation", "term", "wave", "phase", "set", "game", "season", "period", "win",
                 "defeat", "goal", "anniversary")
NOT_DATES = frozenset({"9/11", "24/7", "7/24"})

# The time grammar's own function words (``enrich/timex.py``), as regular-expression fragments.
TIMEX_WORDS: dict[str, str] = {
    "de": "the", "het": "the", "van": "of", "jaar": "year", "maand": "month", "week": "week", "weekend": "weekend",
    "dag": "day", "dagen": "days", "op": "on", "en": "and", "in": "in", "aan": "at", "mijn": "my|our",
    "tussen": "between", "ord": "st|nd|rd|th", "ord_any": "st|nd|rd|th", "the_my": "the|my|our", "my": "my|our",
    "of_in": "of|in", "of_that": "of|that", "to_dash_and": "to|-|and|through", "between_from": "between|from",
    "and_to": "and|to|through", "next_day": r"(?:the\s+)?(?:next|following)\s+day",
    "after_next": r"after\s+next",
    "ago": r"ago|later|earlier|after\s+that|before\s+that|from\s+now|hence", "ahead": "in",
    "reckoned": "counting", "from_day": r"after|from|before|earlier\s+than|later\s+than", "day_after": "after|before",
    "after_from": "after|from", "weekdays_on": r"s\s+(?:from\s+now|later)", "range_open": "between|from",
    "day_joiner": "and|to|through|-|–", "joiner": r"and|to|until|till|through|-|–|—",
    "bare_joiner": r"-|–|to|through|until", "past_participle": r"\b\w+ed\b",
}  # fmt: skip
TIMEX_NEEDS: dict[str, str] = {
    "quarter": r"quarter|\bq[1-4]\b", "half": "half", "nth-week": "week", "week-of": "week",
    "iso-week": "week", "century": "century", "decade": r"\bthe\b", "written-year": "thousand|hundred",
    "range": r"between|\bfrom", "since": r"since", "rest": "rest|remainder", "same": r"same|\bthat\b",
    "after-next": "after next", "within": "within|less", "month-days": "month",
    "day-of-month": "month", "week-weekday": "week", "weekday-week": "week", "week-weekdays": "week",
    "year-month-rel": "year", "month-year-rel": "year", "earlier-later": "earlier|later",
    "nth-weekday-on": "days",
}  # fmt: skip
TIMEX_BACKWARD = frozenset({"ago", "earlier", "before", "before that"})
TIMEX_ANCHORED = frozenset({"ago", "from now", "hence"})
TIMEX_FROM_NOW = frozenset({"from now", "hence"})
MONTH_BEFORE_DAY = True  # "March 5, 2024", "on March 5"

# --- quote grammar (``enrich/quotes.py``) ------------------------------------------------------

SUBJECT_BEFORE_CUE = True  # "“…,” Mayor Linda Carver said" as well as "“…,” said Carver"
POSTPOSED_CUES: frozenset[str] = frozenset()
PLURAL_PRONOUNS = frozenset({"they"})
ROLE_NAME_LINKS = frozenset({"the", "of"})
DEFINITE_DETERMINERS = frozenset({"the", "that", "this"})
ROLE_OF_PREPOSITIONS = frozenset({"of", "for", "at"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
SPEECH_NOUN_LINKS = frozenset({"of", "by", "from"})
COMPLEMENTIZERS = frozenset({"that"})
