"""Dutch (and Flemish) language knowledge as data.

Rules elsewhere read these tables; adding a language means adding a sibling module with the
same names. Patterns are written for ``re`` with ``re.IGNORECASE`` unless noted.
"""

from __future__ import annotations

# --- page furniture -------------------------------------------------------------------------

# Photo credits that end a caption paragraph: "… Beeld AP", "… Beeld Gamma-Rapho via Getty Images",
# "… Foto ANP". The credit is a short run of capitalised words, agencies or "via"/"en"/"/".
CAPTION_CREDIT_WORDS = ("Beeld", "Foto", "Foto's", "Fotograaf", "Illustratie", "Video")

# A paragraph that opens with this is a caption from a photo viewer ("Volledig scherm … © AFP").
CAPTION_OPENERS = ("Volledig scherm", "Bekijk foto", "Foto:", "Beeld:")

# Glued status prefixes that sites put before the first word ("UpdateDe Noord-Koreaanse …").
STATUS_PREFIXES = ("Update", "Live", "Liveblog", "Net binnen", "Breaking", "Exclusief", "Video", "Analyse")

# Trailing lines that are navigation, not article: share widgets and section labels.
TRAILER_LINES = (
    "Deel artikel:",
    "Deel dit artikel",
    "Delen:",
    "Lees ook:",
    "Lees meer:",
    "Meer over:",
    "Bekijk ook:",
    "Deel op Facebook",
    "Deel op X",
    "Deel via WhatsApp",
)

# Section labels that news sites print as single lines under an article.
SECTION_LABELS = (
    "Binnenland",
    "Buitenland",
    "Politiek",
    "Economie",
    "Sport",
    "Cultuur",
    "Cultuur & Media",
    "Tech",
    "Wetenschap",
    "Regionaal nieuws",
    "Opmerkelijk",
    "Koningshuis",
    "Nieuwsuur",
    "NOS Nieuws",
    "NOS Sport",
    "Jeugdjournaal",
    "Op1",
)

# --- dates ----------------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2, "febr": 2,
    "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# --- names and entities -----------------------------------------------------------------------

# Words that attribute speech. A named-entity tagger trained on news tends to swallow them into
# the name next to them ("zegt Breuker", "volgens Breuker"); they are trimmed from mention edges.
REPORTING_VERBS = frozenset({
    "zegt", "zei", "zeggen", "zeiden", "gezegd", "stelt", "stelde", "vertelt", "vertelde", "denkt", "dacht",
    "meent", "meende", "meldt", "meldde", "verklaart", "verklaarde", "benadrukt", "benadrukte", "waarschuwt",
    "waarschuwde", "schrijft", "schreef", "legt", "vervolgt", "vervolgde", "aldus", "volgens", "antwoordt",
    "antwoordde", "reageert", "reageerde", "erkent", "erkende", "concludeert", "concludeerde", "vindt", "vond",
    "stelden", "vertellen", "vertelden", "legde", "uit",
    "beaamt", "beaamde", "voegt", "twittert", "twitterde", "laat", "liet", "noemt", "noemde", "ontkent", "ontkende",
})

# Name particles: lower-case words that belong inside a name ("Vincent van Gogh", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "von", "du", "da", "di", "le",
                            "la", "el", "al", "bin", "ibn", "'t", "’t", "d'", "vande", "vander", "zu", "y", "dos"})

# Words that make a name an organisation ("Clingendael Institute", "Universiteit Leiden").
ORG_HEADS = frozenset({
    "universiteit", "university", "instituut", "institute", "institut", "centre", "center", "centrum", "raad",
    "ministerie", "partij", "bank", "fonds", "stichting", "vereniging", "agentschap", "commissie", "hogeschool",
    "academie", "denktank", "bv", "nv", "inc", "ltd", "corporation", "organisatie", "unie", "college", "rechtbank",
    "hof", "kamer", "bond", "federatie", "groep", "group", "times", "post", "journal", "nieuws", "omroep", "krant",
    "company", "council", "agency", "foundation", "office", "department", "ministry", "party", "command",
    "news", "tv", "radio", "fm", "media", "network", "club", "fc", "united", "city",
})

# Role nouns (as word endings): "Koreadeskundige", "Rusland-kenner", "Noord-Korea-expert" are roles,
# not names, when a tagger takes them into a person's name or tags them alone.
ROLE_SUFFIXES = ("kundige", "kenner", "expert", "onderzoeker", "onderzoekster", "specialist", "hoogleraar",
                 "analist", "woordvoerder", "woordvoerster", "minister", "president", "premier", "correspondent",
                 "directeur", "voorzitter", "topman", "topvrouw", "leider", "generaal", "professor", "journalist",
                 "econoom", "politicoloog", "historicus", "adviseur", "diplomaat", "ambassadeur", "burgemeester",
                 "wethouder", "schepen", "dijkgraaf", "commissaris", "chef", "baas", "officier", "advocaat",
                 "bestuurder", "docent", "leraar", "lerares", "ontwikkelaar", "initiatiefnemer", "eigenaar",
                 "eigenaresse", "oprichter", "oprichtster", "manager", "rechercheur", "trainer", "coach", "bewoner",
                 "bewoonster", "student", "studente", "medewerker", "medewerkster", "ombudsman", "kamerlid",
                 "raadslid", "fractievoorzitter", "parlementariër",
                 "europarlementariër", "lijsttrekker", "partijleider", "verkoper", "verkoopster",
                 "psycholoog", "psychiater", "chirurg", "verpleegkundige", "huisarts", "ondernemer")

# Capitalised words that are fields of study or similar, not people ("hoogleraar Koreastudies").
NOT_A_NAME_SUFFIXES = ("studies", "kunde", "wetenschap", "wetenschappen", "logie", "recht")

# Types a tagger gets wrong for well-known names (metonymy: "het Witte Huis bevestigt" is an organisation).
KNOWN_TYPES: dict[str, str] = {
    "Witte Huis": "ORG", "Kremlin": "ORG", "Pentagon": "ORG", "Binnenhof": "ORG", "Elysée": "ORG",
    "The New York Times": "ORG", "New York Times": "ORG", "NYT": "ORG", "The Washington Post": "ORG",
    "KCNA": "ORG", "NAVO": "ORG", "Navo": "ORG", "VN": "ORG", "Verenigde Naties": "ORG", "EU": "ORG",
    "Europese Unie": "ORG", "ANP": "ORG", "Reuters": "ORG", "AP": "ORG", "AFP": "ORG", "Belga": "ORG",
    "Donetsk": "LOC", "Loehansk": "LOC", "Donbas": "LOC", "Krim": "LOC", "Gaza": "LOC",
}  # fmt: skip

# Other names for the same entity; the value is the canonical name (editable, like the outlet table).
ALIASES: dict[str, str] = {
    "NYT": "The New York Times", "New York Times": "The New York Times",
    "Democratische Volksrepubliek Korea": "Noord-Korea", "DVK": "Noord-Korea", "DPRK": "Noord-Korea",
    "Republiek Korea": "Zuid-Korea", "VS": "Verenigde Staten", "Amerika": "Verenigde Staten",
    "Verenigde Staten van Amerika": "Verenigde Staten", "VN": "Verenigde Naties", "Navo": "NAVO",
    "Russische Federatie": "Rusland", "EU": "Europese Unie", "VK": "Verenigd Koninkrijk",
    "Groot-Brittannië": "Verenigd Koninkrijk",
}  # fmt: skip

# Dutch spelling of foreign names -> a common phonetic key, applied to both sides before comparing
# (Sjojgoe ~ Shoigu, Poetin ~ Putin, Jeltsin ~ Yeltsin, Zelenski ~ Zelensky). Order matters.
TRANSLITERATION: tuple[tuple[str, str], ...] = (
    ("tsj", "ch"), ("sj", "sh"), ("zj", "zh"), ("kh", "h"), ("ch", "h"), ("oe", "u"), ("ou", "u"), ("j", "y"),
    ("ks", "x"), ("w", "v"), ("ph", "f"), ("c", "k"), ("ij", "y"),
)  # fmt: skip

# Genitive endings folded into the name they belong to ("Poetins", "Shoigu's").
GENITIVE_SUFFIXES = ("'s", "’s", "s'", "s’", "'", "’", "s")

# --- quotes and speakers ----------------------------------------------------------------------

# Quotation marks: opening mark -> the closing marks that may end it. Dutch and Flemish outlets use
# all of these; „…” and ‚…’ are the low-high pairs.
QUOTE_PAIRS: dict[str, str] = {"“": "”“", "„": "”“\"", '"': '"', "«": "»", "‘": "’", "‚": "’‘", "'": "'", "”": "”"}

# Lemmas (as Frog gives them) and surface forms of verbs that attribute speech or opinion.
SPEECH_LEMMAS = frozenset({
    "zeggen", "stellen", "vertellen", "denken", "menen", "melden", "verklaren", "benadrukken", "waarschuwen",
    "schrijven", "uitleggen", "vervolgen", "toevoegen", "antwoorden", "reageren", "erkennen", "concluderen",
    "beamen", "twitteren", "beloven", "opperen", "aangeven", "onderstrepen", "vinden", "zien", "weten",
    "bevestigen", "ontkennen", "noemen", "roepen", "zuchten", "lachen", "aanvullen", "opmerken", "klinken",
    "verzekeren", "betogen", "oordelen", "vrezen", "hopen", "verwachten", "aldus", "citeren",
    "verwijten", "schetsen", "omschrijven", "beschrijven", "spreken", "typeren", "pleiten", "eisen", "vragen",
    "klagen", "aankondigen", "toegeven", "toelichten", "besluiten", "constateren", "zweren",
    "aanmoedigen", "kreunen", "grappen", "toezeggen", "verzuchten", "aandringen", "uitroepen", "verduidelijken",
    "verwoorden", "tweeten", "posten", "mailen", "appen", "herhalen", "bezweren", "meedelen", "onthullen",
})  # fmt: skip
SPEECH_FORMS = frozenset({
    "zegt", "zei", "zeiden", "zeggen", "stelt", "stelde", "stelden", "vertelt", "vertelde", "denkt", "dacht",
    "meent", "meende", "meldt", "meldde", "verklaart", "verklaarde", "verklaarden", "benadrukt", "benadrukte",
    "waarschuwt", "waarschuwde", "schrijft", "schreef", "legt", "legde", "vervolgt", "vervolgde", "voegt", "voegde",
    "antwoordt", "antwoordde", "reageert", "reageerde", "erkent", "erkende", "concludeert", "concludeerde",
    "beaamt", "beaamde", "twittert", "twitterde", "belooft", "beloofde", "oppert", "opperde", "geeft", "gaf",
    "onderstreept", "onderstreepte", "vindt", "vond", "ziet", "zag", "laat", "liet", "bevestigt", "bevestigde",
    "noemt", "noemde", "klinkt", "klonk", "aldus", "verzekert", "verzekerde", "betoogt", "betoogde", "vreest",
    "vreesde", "hoopt", "hoopte", "verwacht", "verwachtte", "oordeelt", "oordeelde", "merkt", "merkte",
    "verwijt", "verweet", "schetst", "schetste", "omschrijft", "omschreef", "spreekt", "sprak", "pleit", "pleitte",
    "eist", "eiste", "vraagt", "vroeg", "klaagt", "klaagde", "kondigt", "kondigde", "licht", "lichtte",
    "constateert", "constateerde", "zweert", "zwoer", "weet", "wist", "tweet", "tweette", "kreunt", "kreunde",
    "verzucht", "verzuchtte", "moedigt", "moedigde", "onthult", "onthulde", "herhaalt", "herhaalde",
})  # fmt: skip
# Forms that attribute speech only with their particle ("legt uit", "voegt toe", "laat weten", "geeft aan").
PARTICLE_SPEECH_FORMS = frozenset({"legt", "legde", "voegt", "voegde", "laat", "liet", "geeft", "gaf", "merkt",
                                   "merkte", "licht", "lichtte", "kondigt", "kondigde", "moedigt", "moedigde"})
ACCORDING_TO = ("volgens",)
PRONOUNS = frozenset({"hij", "ze", "zij", "hem", "haar", "die", "deze"})
# Descriptions that point back at the last fitting speaker ("de expert", "de kenner").
DESCRIPTION_NOUNS = frozenset({
    "expert", "kenner", "deskundige", "specialist", "hoogleraar", "professor", "onderzoeker", "onderzoekster",
    "analist", "woordvoerder", "woordvoerster", "minister", "president", "premier", "burgemeester", "wethouder",
    "schepen", "directeur", "voorzitter", "topman", "topvrouw", "econoom", "politicus", "advocaat", "officier",
    "wetenschapper", "historicus", "politicoloog", "journalist", "correspondent", "commissaris", "dijkgraaf",
    "bewindsman", "bewindsvrouw", "minister-president", "coach", "trainer", "arts", "dokter", "psycholoog",
    "aanvoerder", "biologe", "bioloog", "viroloog", "conservator", "raadslid", "aanklager", "rechter",
    "ploegleider", "doelman", "econome", "deskundigen",
})  # fmt: skip
# Descriptions that stand for any expert: "de expert" may point back at a "hoogleraar" or an "onderzoeker".
GENERIC_EXPERTS = frozenset({"expert", "kenner", "deskundige", "specialist", "wetenschapper"})
# Speakers that are organisations or institutions without a name ("laat de politie weten").
INSTITUTION_NOUNS = frozenset({
    "politie", "gemeente", "brandweer", "regering", "kabinet", "ministerie", "rechtbank", "justitie", "parket",
    "provincie", "overheid", "rijksoverheid", "waterschap", "vakbond", "bond", "directie", "school", "universiteit",
    "ziekenhuis", "club",
    "bedrijf", "organisatie", "partij", "stad", "raad", "leger", "krant", "omroep", "inspectie", "rijkswaterstaat",
})  # fmt: skip
# Unnamed spokespeople: "zegt een woordvoerder" speaks for the organisation just named.
SPOKESPERSON_NOUNS = frozenset({"woordvoerder", "woordvoerster", "zegsman", "zegsvrouw", "voorlichter",
                                "persvoorlichter", "persvoorlichtster", "woordvoering"})
# Role nouns that name a function even without a known suffix (besides ROLE_SUFFIXES above).
ROLE_NOUNS = DESCRIPTION_NOUNS | frozenset({"woordvoerder", "woordvoerster", "zegsman", "zegsvrouw"})
# Prepositions that link a role to its organisation ("hoogleraar aan de Universiteit Leiden").
AFFILIATION_PREPOSITIONS = frozenset({"aan", "bij", "van", "voor", "namens", "uit"})
# Personal pronouns that can be the subject of a speech verb and point back at a speaker.
SUBJECT_PRONOUNS = frozenset({"hij", "ze", "zij", "ik", "u"})
POSSESSIVES = frozenset({"zijn", "haar", "hun", "mijn", "onze", "ons", "jouw", "je", "uw"})
DETERMINERS = frozenset({"de", "het", "een", "die", "deze", "dat", "dit"})
# Words between a cue verb and its speaker ("zegt ook X", "aldus dan X", "weet X nog").
CUE_FILLERS = frozenset({
    "ook", "dan", "nog", "wel", "nu", "echter", "daarom", "tenslotte", "zelf", "verder", "immers", "bovendien",
    "dus", "toen", "later", "eerder", "vervolgens", "weer", "er", "daar", "hier", "zo", "altijd", "stellig",
    "lachend", "desgevraagd", "tevreden", "kortweg", "droog", "nuchter", "even", "gisteren", "vandaag", "al",
    "nadrukkelijk", "resoluut", "opgelucht", "zelfs", "meteen", "achteraf", "eerlijk", "trots", "spontaan",
})  # fmt: skip
# Words that end a clause before a verb: the subject of "maar vindt dat …" is not in "maar".
CLAUSE_BREAKS = frozenset({"en", "maar", "want", "dat", "omdat", "terwijl", "als", "toen", "die", "wat", "of"})
# Prepositions a speaker may follow and still be the subject ("volgens X", "aldus X").
SUBJECT_PREPOSITIONS = frozenset({"volgens", "aldus", "door"})
# Words tagged as prepositions that open a clause whose subject follows ("Sinds Trump het Witte Huis bewoont").
CLAUSE_PREPOSITIONS = frozenset({"sinds", "na", "tot"})
# A quote right after these names a thing ("als 'vroemvroemorganisatie'", "het boek 'Daar'"), nobody speaks.
NAMING_WORDS = frozenset({
    "als", "zogenaamde", "zogeheten", "genaamd", "getiteld", "heet", "heten", "titel", "boek", "film", "programma",
    "serie", "campagne", "project", "term", "woord", "begrip", "actie", "album", "nummer", "lied", "voorstelling",
    "tentoonstelling", "rubriek", "motto", "thema", "slogan", "label", "stempel", "etiket", "predicaat", "hashtag",
    "artikel", "kop", "kopje", "opdruk", "opschrift", "stukje", "column", "bord", "spandoek", "leus", "leuze",
    "naam", "bijnaam",
})  # fmt: skip
# Nouns for people by their ending (besides ROLE_SUFFIXES): "buurtbewoner", "tentamensurveillant", "studente".
PERSON_SUFFIXES = ("bewoner", "bewoonster", "ganger", "houder", "hebber", "nemer", "gever", "maker", "werker",
                   "voerder", "zitter", "leider", "kundige", "loog", "man", "vrouw", "ster", "trice", "ist")
# Nouns for people that no ending gives away ("een vriend die …", "haar moeder").
PERSON_NOUNS = frozenset({
    "vriend", "vriendin", "collega", "moeder", "vader", "zoon", "dochter", "broer", "zus", "zuster", "kind", "meisje",
    "jongen", "buurman", "buurvrouw", "klant", "patiënt", "patiënte", "cliënt", "slachtoffer", "getuige", "ouder",
    "opa", "oma", "echtgenoot", "echtgenote", "partner", "kennis", "gast", "inwoner", "burger", "leerling", "scholier",
    "fan", "supporter", "speler", "speelster", "reiziger", "passagier", "automobilist", "fietser", "ooggetuige",
    "boer", "boerin",
})  # fmt: skip
# Nouns for someone's words: the person after "van" is who said them ("de uitspraak van X: '…'").
SPEECH_NOUNS = frozenset({"uitspraak", "uitspraken", "woorden", "citaat", "tweet", "tweets", "brief", "verklaring",
                          "reactie", "boodschap", "oproep", "bericht", "toespraak", "speech", "motto", "waarschuwing"})
# "bakker Jan de Vries uit Zwolle": where an otherwise unknown speaker is from.
ORIGIN_PREPOSITIONS = frozenset({"uit", "in"})
# "Dat zegt X": a sentence opening with these and a speech verb attributes the one before.
THAT_WORDS = frozenset({"dat", "dit", "zo"})
# "zei die laatste": the person named last.
LATTER_WORDS = frozenset({"laatste", "laatstgenoemde"})
# Capitalised words right after a cue that are not names ("zegt Nederland", "aldus Volgens").
STOP_CAPITALISED = frozenset({"nederland", "volgens", "het", "de", "een", "maar", "en", "dat", "die"})
# Capitalised words a tagger takes for names that are interjections or answers ("Tsja, daarin is …").
NOT_NAMES = frozenset({"tsja", "tja", "nou", "ach", "och", "oké", "ok", "ja", "nee", "hè", "hoor", "jawel", "welnee",
                       "kortom", "enfin", "goed", "zo", "oh", "o", "ah", "hé", "hallo", "dag", "sorry"})
# An adjective of age before a name makes it a person ("de 13-jarige Gwen Bogaart").
AGE_ADJECTIVE_ENDINGS = ("jarige",)
# How far (characters) a quote with no cue may be from the last attributed one and still be that voice.
CONTINUATION_CHARS = 1500
MIN_QUOTE_WORDS = 4  # shorter quoted text needs an attribution to count as a quote, else it is a scare quote

# --- stories ----------------------------------------------------------------------------------

# Lemmas too common in news to say what a story is about (clustering ignores them).
STOP_LEMMAS = frozenset({
    "zijn", "hebben", "worden", "zullen", "kunnen", "moeten", "gaan", "komen", "maken", "laten", "doen",
    "zeggen", "krijgen", "staan", "willen", "blijven", "geven", "nemen", "zien", "weten", "vinden", "liggen",
    "houden", "lijken", "brengen", "zetten", "mogen", "volgen", "spelen", "kennen", "denken", "stellen",
    "jaar", "dag", "week", "maand", "keer", "mens", "tijd", "deel", "manier", "procent", "euro", "uur",
    "vraag", "kant", "ander", "zaak", "eind", "begin", "moment", "plaats", "land", "wereld", "leven",
    "vertellen", "schrijven", "melden", "aldus", "noemen", "zitten", "lopen", "vallen", "heten", "tonen",
})  # fmt: skip

# --- numbers ----------------------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30,
    "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
    "honderd": 100, "duizend": 1000,
}  # fmt: skip
ORDINAL_SUFFIXES = ("ste", "de")
MULTIPLIERS = {"duizend": 1_000, "miljoen": 1_000_000, "mln": 1_000_000, "mln.": 1_000_000,
               "miljard": 1_000_000_000, "mld": 1_000_000_000, "mld.": 1_000_000_000, "biljoen": 10**12}
# Hedges that qualify a number, and how far the true value may be from the one stated (a share).
HEDGES: dict[str, float] = {
    "ongeveer": 0.1, "zo'n": 0.1, "zo’n": 0.1, "circa": 0.1, "ca.": 0.1, "rond": 0.1, "rond de": 0.1,
    "pakweg": 0.1, "bijna": 0.1, "ruim": 0.1, "krap": 0.1, "meer dan": 0.25, "minder dan": 0.25,
    "tenminste": 0.0, "ten minste": 0.0, "minstens": 0.0, "maximaal": 0.0, "hooguit": 0.1, "tot": 0.0,
    "naar schatting": 0.15, "enkele": 0.5, "bijkans": 0.1, "dik": 0.1, "zeker": 0.0,
}  # fmt: skip
# Units: surface form -> (normalised unit, what it measures).
UNITS: dict[str, tuple[str, str]] = {
    "kilometer per uur": ("km/h", "speed"), "km per uur": ("km/h", "speed"), "km/u": ("km/h", "speed"),
    "km/h": ("km/h", "speed"), "kilometer": ("km", "distance"), "km": ("km", "distance"),
    "meter": ("m", "distance"), "m": ("m", "distance"), "centimeter": ("cm", "distance"), "cm": ("cm", "distance"),
    "millimeter": ("mm", "amount"), "mm": ("mm", "amount"), "uur": ("uur", "duration"), "uren": ("uur", "duration"),
    "minuten": ("minuut", "duration"), "minuut": ("minuut", "duration"), "seconden": ("seconde", "duration"),
    "dagen": ("dag", "duration"), "dag": ("dag", "duration"), "weken": ("week", "duration"),
    "week": ("week", "duration"),
    "maanden": ("maand", "duration"), "maand": ("maand", "duration"), "jaar": ("jaar", "duration"),
    "jaren": ("jaar", "duration"), "procent": ("%", "share"), "%": ("%", "share"), "procentpunt": ("pp", "share"),
    "euro": ("EUR", "money"), "€": ("EUR", "money"), "dollar": ("USD", "money"), "$": ("USD", "money"),
    "kilo": ("kg", "weight"), "kilogram": ("kg", "weight"), "kg": ("kg", "weight"), "ton": ("ton", "weight"),
    "graden": ("°C", "temperature"), "graad": ("°C", "temperature"), "°C": ("°C", "temperature"),
    "liter": ("l", "volume"), "hectare": ("ha", "area"), "vierkante meter": ("m2", "area"),
}  # fmt: skip
# Words after a number that say how it is used, not what it counts (a year, a clock time, an age).
NOT_A_COUNT = frozenset({"jarige", "jarig", "keer", "maal", "procent", "uur", "januari", "februari", "maart",
                         "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
                         "december"})

# Counted nouns that all count people: "2.300 mensen" and "2.500 bewoners" may be the same figure.
PEOPLE_NOUNS = frozenset({"mensen", "bewoners", "inwoners", "personen", "burgers", "geëvacueerden", "evacués",
                          "omwonenden", "huishoudens"})

# --- time expressions -------------------------------------------------------------------------

WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
SEASONS = {"lente": (3, 5), "voorjaar": (3, 5), "zomer": (6, 8), "herfst": (9, 11), "najaar": (9, 11),
           "winter": (12, 2)}
# Fixed relative words: offset in days from the article date (a day range).
RELATIVE_DAYS = {"vandaag": 0, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0, "vanavond": 0, "vannacht": 0,
                 "gisteren": -1, "gisteravond": -1, "gistermiddag": -1, "gisterochtend": -1, "eergisteren": -2,
                 "morgen": 1, "morgenochtend": 1, "morgenavond": 1, "overmorgen": 2}
# "volgende week" / "vorig jaar": the unit and the direction.
RELATIVE_UNITS = {"week": "week", "maand": "month", "jaar": "year", "weekend": "weekend", "zomer": "season",
                  "winter": "season", "lente": "season", "herfst": "season", "najaar": "season", "voorjaar": "season",
                  "eeuw": "century", "decennium": "decade"}
NEXT_WORDS = ("volgende", "volgend", "komende", "komend", "aanstaande", "eerstvolgende")
LAST_WORDS = ("vorige", "vorig", "afgelopen", "jongstleden", "verleden", "voorbije", "vorige")
THIS_WORDS = ("deze", "dit", "dezer")
# Parts of a period: "begin juli", "eind 2019", "medio maart": which share of it.
# Of a month: days (first, last; 31 = the month's end). Of a year: months (first, last).
PERIOD_PARTS = {"begin": (1, 10), "eind": (21, 31), "einde": (21, 31), "medio": (11, 20), "half": (11, 20),
                "midden": (11, 20)}
YEAR_PARTS = {"begin": (1, 4), "eind": (9, 12), "einde": (9, 12), "medio": (5, 8), "half": (5, 8),
              "midden": (5, 8)}
DECADE_WORDS = {"nul": 0, "tien": 10, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
                "zeventig": 70, "tachtig": 80, "negentig": 90}
DURATION_UNITS = {"dag": "day", "dagen": "day", "week": "week", "weken": "week", "maand": "month",
                  "maanden": "month", "jaar": "year", "jaren": "year", "eeuw": "century", "eeuwen": "century"}
VAGUE_COUNTS = {"een paar": 2, "enkele": 3, "een aantal": 3, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
                "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "twaalf": 12, "twintig": 20}
