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
