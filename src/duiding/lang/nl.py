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
SPEAKER_ORIGIN_PREPOSITIONS = frozenset({"uit", "in"})
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

# Word classes whose lemmas describe an article for clustering (names count through resolved entities).
FEATURE_TAGS = ("NOUN", "VERB")

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
PEOPLE_LEMMAS = frozenset({"mens", "bewoner", "inwoner", "persoon", "burger", "geëvacueerde", "evacué", "omwonende",
                           "huishouden"})

# Digits: thousands and decimal separators ("300.000", "3,5"); compound number words ("vijfentwintig": the
# link word, units first); a number between these is a day of a range ("tussen 10 en 13 september").
NUMBER_SEPARATORS = (".", ",")
NUMBER_COMPOUND = ("en", True)
RANGE_OPENERS = frozenset({"tussen", "van"})
RANGE_JOINERS = frozenset({"en", "tot"})
# "130 kilometer van de grens": the words that open what a figure is measured from, and the articles after them.
MEASURED_FROM = frozenset({"van", "vanaf", "tot", "naar", "uit"})
ARTICLES = frozenset({"de", "het"})

# --- aligning claims across articles ---------------------------------------------------------

# Measures compared across articles. A duration is compared only with a noun after it that says what lasts
# ("zes jaar cel"): alone it is an age, a term or "drie weken geleden", and those are not one quantity.
COMPARABLE_KINDS = frozenset({"count", "money", "share", "distance", "speed", "weight", "area", "volume",
                              "temperature", "amount", "duration"})
# "Anna K. uit Tiel": a place after these says where someone is from, not where a figure holds.
ORIGIN_PREPOSITIONS = frozenset({"uit", "afkomstig"})
# Words right after a figure that make it a point in time or an age rather than a measure.
NOT_A_MEASURE_AFTER = frozenset({"geleden", "oud", "later", "eerder", "daarna", "daarvoor", "terug", "jong"})
# Words that make a figure a poll or an estimate (lemmas): a poll and a result are not compared. Modal verbs
# are not among them: "zij zal naar Lyon rijden, dat 400 km verderop ligt" is still a distance.
FORECAST_CUES = frozenset({"peiling", "peilingen", "zetelpeiling", "exitpoll", "exitpolls", "prognose", "prognoses",
                           "verwachting", "voorspelling", "enquête", "raming", "schatting", "peilen", "voorspellen",
                           "ramen", "schatten", "opiniepeiling", "opiniepeiler", "peiler"})
# Words that put a figure at an earlier moment than the article's ("toen nog 40 winkels", "destijds").
THEN_CUES = frozenset({"toen", "destijds", "vroeger", "aanvankelijk", "oorspronkelijk", "voorheen", "indertijd",
                       "eertijds", "ooit"})
# Words that change which figure is meant: a share "van de" total, a change "meer"/"minder", a rank.
CHANGE_CUES = frozenset({"meer", "minder", "extra", "erbij", "gestegen", "gedaald", "stijging", "daling", "groei",
                         "toename", "afname", "verlies", "winst", "gewonnen", "verloren", "stijgen", "dalen",
                         "groeien", "omhoog", "omlaag", "erop", "achteruit", "vooruit", "verschil", "winnen",
                         "verliezen", "toenemen", "afnemen", "oplopen", "teruglopen", "ruim", "slinken", "krimpen",
                         "zakken", "klimmen", "halveren", "verdubbelen"})
# Lemmas too general to show that two sentences are about the same thing (besides STOP_LEMMAS).
ALIGN_STOP_LEMMAS = frozenset({"aantal", "totaal", "keer", "jaar", "procent", "euro", "miljoen", "miljard",
                               "ongeveer", "bijna", "ruim", "zo'n", "circa", "zegt", "krijgen", "hebben", "zijn",
                               "worden", "gaan", "komen", "nog", "ook", "al", "dat", "die", "er"})

# --- time expressions -------------------------------------------------------------------------

WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
# Short weekday forms; only read before a date ("do, 14e van mrt", "di 3 mei"): most are words too.
WEEKDAY_ABBREVIATIONS = {"ma": 0, "maa": 0, "di": 1, "din": 1, "wo": 2, "woe": 2, "woens": 2, "do": 3, "don": 3,
                         "vr": 4, "vrij": 4, "za": 5, "zat": 5, "zo": 6, "zon": 6}
# Short weekday forms that are no other word: read alone after "op" ("op dins.").
WEEKDAY_SHORT_ALONE = {"dins": 1, "woens": 2, "donderd": 3, "zaterd": 5, "zond": 6}
SEASONS = {"lente": (3, 5), "voorjaar": (3, 5), "zomer": (6, 8), "herfst": (9, 11), "najaar": (9, 11),
           "winter": (12, 2)}
# The middle of a season, said as one word.
MID_SEASONS = {"midzomer": (6, 8), "midwinter": (12, 2)}
# Fixed relative words: offset in days from the article date (a day range).
RELATIVE_DAYS = {"vandaag": 0, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0, "vanavond": 0, "vannacht": 0,
                 "gisteren": -1, "gisteravond": -1, "gistermiddag": -1, "gisterochtend": -1, "eergisteren": -2,
                 "morgen": 1, "morgenochtend": 1, "morgenavond": 1, "morgenmiddag": 1, "overmorgen": 2}
# Words that stand for the moment of writing as one end of a range or the start of an offset ("tussen nu en …").
NOW_WORDS = {"nu": 0, "heden": 0}
# "volgende week" / "vorig jaar": the unit and the direction.
RELATIVE_UNITS = {"week": "week", "maand": "month", "jaar": "year", "weekend": "weekend", "zomer": "season",
                  "winter": "season", "lente": "season", "herfst": "season", "najaar": "season", "voorjaar": "season",
                  "eeuw": "century", "decennium": "decade", "kwartaal": "quarter", "dag": "day"}
NEXT_WORDS = ("volgende", "volgend", "komende", "komend", "aanstaande", "aankomende", "eerstvolgende",
              "eerstkomende")
LAST_WORDS = ("vorige", "vorig", "afgelopen", "jongstleden", "verleden", "voorbije", "voorgaande", "laatste",
              "jl.", "jl")
THIS_WORDS = ("deze", "dit", "dezer", "huidige", "lopende", "lopend")
# Words that point back at the period of a date given before ("datzelfde jaar", "dat weekend").
SAME_WORDS = ("dezelfde", "hetzelfde", "datzelfde", "diezelfde", "dat", "die")
# Parts of a period: "begin juli", "eind 2019", "medio maart": which share of it.
# Of a month: days (first, last; 31 = the month's end). Of a year: months (first, last). Of a week: weekdays.
PERIOD_PARTS = {"begin": (1, 10), "eind": (21, 31), "einde": (21, 31), "medio": (11, 20), "half": (11, 20),
                "midden": (11, 20), "halverwege": (11, 20), "eerder": (1, 31), "later": (1, 31)}
YEAR_PARTS = {"begin": (1, 4), "eind": (9, 12), "einde": (9, 12), "medio": (5, 8), "half": (5, 8),
              "midden": (5, 8), "halverwege": (5, 8)}
WEEK_PARTS = {"begin": (0, 2), "eind": (3, 6), "einde": (3, 6), "medio": (2, 4), "midden": (2, 4),
              "halverwege": (2, 4)}
# "eerder deze maand": the part before the article date; "later dit jaar": from the article date on.
BEFORE_NOW_WORDS = ("eerder", "vroeger")
AFTER_NOW_WORDS = ("later",)
# "rest van de week": from the article date to the period's end.
REST_WORDS = ("rest", "restant", "remainder")
# Quarters and halves of a year: "het derde kwartaal", "K3", "Q1", "de tweede helft van 2019".
QUARTER_WORDS = ("kwartaal",)
QUARTER_LETTERS = ("k", "q")
HALF_WORDS = ("helft", "jaarhelft")
DECADE_WORDS = {"nul": 0, "tien": 10, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
                "zeventig": 70, "tachtig": 80, "negentig": 90}
DECADE_NOUNS = ("jaren",)
CENTURY_NOUNS = ("eeuw",)
DURATION_UNITS = {"dag": "day", "dagen": "day", "week": "week", "weken": "week", "maand": "month",
                  "maanden": "month", "jaar": "year", "jaren": "year", "eeuw": "century", "eeuwen": "century",
                  "decennium": "decade", "decennia": "decade", "werkdag": "workday", "werkdagen": "workday",
                  "kwartaal": "quarter", "kwartalen": "quarter", "weekend": "weekend", "weekenden": "weekend"}
VAGUE_COUNTS = {"een paar": 2, "paar": 2, "enkele": 3, "een aantal": 3, "een": 1, "één": 1, "twee": 2, "drie": 3,
                "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11,
                "twaalf": 12, "vijftien": 15, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
                "honderd": 100, "tweeënhalve": 2.5, "anderhalve": 1.5, "anderhalf": 1.5}
# Ordinals that are not the number word + ORDINAL_SUFFIXES ("vierde", "twintigste"); "laatste" counts from the end.
ORDINAL_WORDS = {"eerste": 1, "derde": 3, "achtste": 8, "laatste": -1}
# "sinds 2015" runs from that date to the article date.
SINCE_WORDS = ("sinds", "sedert")
# "binnen tien dagen", "minder dan drie weken vanaf vandaag": from the anchor up to the offset.
WITHIN_WORDS = ("binnen", "minder dan", "in minder dan", "uiterlijk binnen")
# A week that a day begins or lies in: "de week van 10 april", "de week die op 9 maart begint".
WEEK_OF_VERBS = ("begint", "start", "aanvangt", "ingaat")
# Holidays: fixed days, days counted from Easter Sunday, and n-th weekdays of a month (month, weekday, n).
FIXED_HOLIDAYS = {"kerstmis": (12, 25), "kerst": (12, 25), "eerste kerstdag": (12, 25), "kerstdag": (12, 25),
                  "tweede kerstdag": (12, 26), "kerstavond": (12, 24), "oudejaarsdag": (12, 31),
                  "oudejaarsavond": (12, 31), "oudjaar": (12, 31), "nieuwjaarsdag": (1, 1), "nieuwjaar": (1, 1),
                  "koningsdag": (4, 27), "koninginnedag": (4, 30), "bevrijdingsdag": (5, 5),
                  "dodenherdenking": (5, 4), "sinterklaas": (12, 5), "pakjesavond": (12, 5),
                  "sinterklaasavond": (12, 5), "valentijnsdag": (2, 14), "halloween": (10, 31),
                  "allerheiligen": (11, 1), "allerzielen": (11, 2), "sint-maarten": (11, 11),
                  "sint maarten": (11, 11), "dierendag": (10, 4), "keti koti": (7, 1), "keti-koti": (7, 1),
                  "ketikoti": (7, 1), "oudjaarsavond": (12, 31), "oud en nieuw": (12, 31), "silvester": (12, 31),
                  "silvesteravond": (12, 31), "driekoningen": (1, 6), "dag van de arbeid": (5, 1),
                  "feest van de arbeid": (5, 1), "dag van de leraar": (10, 5), "dag van de leerkracht": (10, 5),
                  "yuandan": (1, 1), "wereldaidsdag": (12, 1), "internationale vrouwendag": (3, 8),
                  "vrouwendag": (3, 8), "jaarwisseling": (12, 31)}
EASTER_HOLIDAYS = {"pasen": 0, "eerste paasdag": 0, "paaszondag": 0, "tweede paasdag": 1, "paasmaandag": 1,
                   "goede vrijdag": -2, "witte donderdag": -3, "stille zaterdag": -1, "aswoensdag": -46,
                   "hemelvaartsdag": 39, "hemelvaart": 39, "pinksteren": 49, "eerste pinksterdag": 49,
                   "tweede pinksterdag": 50, "pinkstermaandag": 50}
WEEKDAY_HOLIDAYS = {"prinsjesdag": (9, 1, 3), "moederdag": (5, 6, 2), "vaderdag": (6, 6, 3),
                    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "dankzeggingsdag": (11, 3, 4),
                    "martin luther kingdag": (1, 0, 3), "martin luther king-dag": (1, 0, 3), "mlkdag": (1, 0, 3),
                    "veteranendag": (6, 5, -1), "nederlandse veteranendag": (6, 5, -1), "boomfeestdag": (3, 2, 3),
                    "nationale boomfeestdag": (3, 2, 3), "boomplantdag": (3, 2, 3), "memorial day": (5, 0, -1),
                    "labor day": (9, 0, 1)}
# Tense cues for a bare weekday ("vrijdag"): past forms make it the last one, others the next one.
PAST_CUES = frozenset({"was", "waren", "werd", "werden", "had", "hadden", "ging", "gingen", "kwam", "kwamen",
                       "zei", "zeiden", "vond", "vonden", "stond", "stonden", "zat", "zaten", "kreeg", "kregen",
                       "gisteren", "geleden", "bleek", "bleken", "overleed", "liet", "lieten", "wilde", "wilden",
                       "moest", "moesten", "kon", "konden", "maakte", "maakten", "meldde", "meldden", "trad",
                       "traden", "sprak", "spraken", "nam", "namen", "gaf", "gaven", "zag", "zagen", "kocht",
                       "bracht", "dacht", "viel", "vielen", "hield", "hielden", "liep", "liepen", "schreef", "koos",
                       "won", "wonnen", "verloor", "sloot", "sloten", "vloog", "trok", "stierf", "brak", "brandde",
                       "begon", "begonnen", "eindigde", "vertrok", "arriveerde", "verscheen", "besloot", "kondigde",
                       "presenteerde", "stemde", "stemden", "opende", "vertelde", "waarschuwde"})
PERFECT_AUXILIARIES = frozenset({"heeft", "hebben", "heb", "hebt", "is", "ben", "bent", "zijn"})
# Words before a date that make a bare number pattern one ("op 9-4", "in 2019", "tot 3/5").
DATE_PREPOSITIONS = frozenset({"op", "in", "sinds", "vanaf", "tot", "rond", "na", "voor", "vóór", "per", "uit", "van",
                               "tussen", "en", "of", "t/m", "begin", "eind", "einde", "medio", "jaar", "sedert",
                               "omstreeks", "circa", "anno", "zomer", "winter", "lente", "herfst", "najaar",
                               "voorjaar", "tegen", "halverwege", "dan", "aan", "maandag", "dinsdag", "woensdag",
                               "donderdag", "vrijdag", "zaterdag", "zondag"})
# Words after a four-digit number that keep it a year ("2019 werd", "1998 en"); a noun makes it a count.
YEAR_FOLLOWERS = frozenset({"en", "of", "tot", "t/m", "is", "was", "werd", "werden", "waren", "zijn", "had", "heeft",
                            "hadden", "kwam", "ging", "maar", "toen", "nog", "al", "pas", "weer", "ook", "niet",
                            "wel", "zal", "zou", "moet", "kan", "gaat", "begon", "eindigde", "stond", "bleek",
                            "erna", "eerder", "later", "daarna", "voor", "na", "tussen", "aan"})
# Words that may follow "op de 17e" when it is a day of the month (not "de 17e plaats").
DAY_ORDINAL_FOLLOWERS = ("terug", "weg", "al", "nog", "ook", "pas", "wel", "niet", "weer", "opnieuw", "thuis",
                         "vrij", "klaar", "open", "dicht", "komen", "gaan", "terugkomen", "vertrekken", "gegaan",
                         "gekomen", "gebeurd", "geweest", "zijn", "is", "was")
# Nouns that an ordinal ranks ("de twaalfde keer", "de tweede plaats"): after them it is no day of a month.
ORDINAL_NOUNS = ("keer", "maal", "plaats", "plek", "ronde", "editie", "dag", "week", "maand", "jaar", "eeuw",
                 "minuut", "etappe", "verdieping", "klas", "poging", "wedstrijd", "positie", "helft", "kwartaal",
                 "rang", "graad", "generatie", "termijn", "kamer", "golf", "fase", "set", "game", "speelronde",
                 "speeldag", "druk", "versie", "seizoen", "periode", "zege", "nederlaag", "treffer", "goal")
# Strings of a date's shape that are names: "de aanslagen van 9/11", "24/7 bereikbaar".
NOT_DATES = frozenset({"9/11", "24/7", "7/24"})

# The time grammar's own function words (``enrich/timex.py``) as regular-expression fragments, so that the
# grammar's rules are the same for every language and only these words differ.
TIMEX_WORDS: dict[str, str] = {
    "de": "de", "het": "het", "van": "van", "jaar": "jaar", "maand": "maand", "week": "week", "weekend": "weekend",
    "dag": "dag", "dagen": "dagen", "op": "op", "en": "en", "in": "in", "aan": "aan", "mijn": "mijn",
    "tussen": "tussen", "ord": "ste|de|e", "ord_any": "e|ste|de", "the_my": "het|mijn|ons", "my": "mijn|onze",
    "of_in": "van|in", "of_that": "van|die", "to_dash_and": "tot|-|en", "between_from": "tussen|van",
    "and_to": "en|tot", "next_day": r"(?:de\s+)?(?:volgende|daaropvolgende|erop\s+volgende)\s+dag",
    "after_next": r"na\s+(?:afloop\s+van\s+)?(?:de|het)\s+volgende",
    "ago": r"geleden|later|eerder|daarna|daarvoor|in\s+de\s+toekomst|vanaf\s+nu|van\s+nu", "ahead": "over",
    "reckoned": "gerekend", "from_day": r"na|vanaf|voor|vóór|eerder\s+dan|later\s+dan", "day_after": "na|voor",
    "after_from": "na|vanaf", "weekdays_on": r"en\s+(?:vanaf\s+nu|later)", "range_open": "tussen|van(?:af)?",
    "day_joiner": "en|tot\\s+en\\s+met|t/m|tot|-|–", "joiner": r"en|tot\s+en\s+met|t/m|tot|tot\s+aan|-|–|—",
    "bare_joiner": r"-|–|tot\s+en\s+met|t/m|tot", "past_participle": r"\bge\w+(?:d|t|en)\b",
}  # fmt: skip
# Key words without which a rule cannot match: a long article skips the rules whose words it lacks.
TIMEX_NEEDS: dict[str, str] = {
    "quarter": r"kwarta|\b[kq][1-4]\b", "half": "helft", "nth-week": "week", "week-of": "week",
    "iso-week": "week", "century": "eeuw", "decade": "jaren", "written-year": "duizend|honderd|tien|elf|twaalf",
    "range": r"tussen|\bvan", "since": r"sinds|sedert", "rest": "rest", "same": r"zelfde|\bdat\b|\bdie\b",
    "after-next": "volgende", "within": "binnen|minder", "month-days": "maand",
    "day-of-month": "maand", "week-weekday": "week", "weekday-week": "week", "week-weekdays": "week",
    "year-month-rel": "jaar", "month-year-rel": "jaar", "earlier-later": "eerder|later|vroeger",
    "nth-weekday-on": "dagen",
}  # fmt: skip
# Offset directions that count back ("drie dagen geleden", "twee dagen voor morgen"), that count from the
# article date, and that say "from now" (a one-unit offset from now is then exact, not a window).
TIMEX_BACKWARD = frozenset({"geleden", "eerder", "daarvoor", "voor", "vóór"})
TIMEX_ANCHORED = frozenset({"geleden", "in de toekomst", "vanaf nu", "van nu"})
TIMEX_FROM_NOW = frozenset({"vanaf nu", "van nu"})
MONTH_BEFORE_DAY = False  # Dutch writes "5 maart", never "maart 5"

# --- quote grammar (``enrich/quotes.py``) ------------------------------------------------------

# Dutch puts the verb before the speaker after a quote (",,…'', zegt Slot"), never "…', Slot zegt".
SUBJECT_BEFORE_CUE = False
# Cue words that follow the quote and precede the speaker without being verbs ("…', aldus De Vries").
POSTPOSED_CUES = frozenset({"aldus"})
# Subject pronouns that may be a group: "vertellen ze" with a plural verb is not the last person.
PLURAL_PRONOUNS = frozenset({"ze", "zij"})
# Words inside a role + name ("carnavalswinkel 't Mooswief").
ROLE_NAME_LINKS = frozenset({"'t", "’t", "de", "van"})
DEFINITE_DETERMINERS = frozenset({"de", "die", "deze"})
# "woordvoerder van Defensie": the preposition that ties a role to what it serves.
ROLE_OF_PREPOSITIONS = frozenset({"van", "voor"})
RELATIVE_PRONOUNS = frozenset({"die", "dat"})
# "de uitspraak van X", "een tweet door X": whose words they are.
SPEECH_NOUN_LINKS = frozenset({"van", "door"})
# "zegt dat …": the word that opens reported speech.
COMPLEMENTIZERS = frozenset({"dat"})

# Frog's name lists (in frogdata's usr/share/frog/nld), by the kind of name each holds: the Dutch NER
# model reads "this word is a known place / surname / first name" as CRF features (nlp/ner.py). Street
# names are left out (132k lines, mostly named after people and places the other lists already hold).
NAME_LISTS: dict[str, tuple[str, ...]] = {
    "loc": ("plaatsen-nld.ner", "gemeenten-nld.ner", "provincies-nld.ner", "landen-europa.ner", "loc.ner",
            "geonames-nl.ner", "geonames-be.ner"),
    "org": ("waterschappen-nld.ner", "regios-nld.ner", "org.ner"),
    "sur": ("familienamen.ner",),
    "first": ("voornamen.ner",),
}
# Before a place: "bij Steyl", "in Arcen" (not "van": "de vrouw van Jansen" names a person).
PLACE_PREPOSITIONS = frozenset({"in", "bij", "uit", "naar", "te", "nabij", "rond", "richting", "vanuit", "via"})
# Between the items of a list: "Venlo, Steyl en Arcen".
LIST_WORDS = frozenset({",", "en", "of"})
