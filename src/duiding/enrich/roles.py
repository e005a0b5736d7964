"""Roles and affiliations of people, read from appositions and modifiers around their names.

``defensiespecialist Dick Zandee (Clingendael Institute)``, ``Remco Breuker, hoogleraar
Koreastudies aan de Universiteit Leiden``, ``Jenny Town, Noord-Korea-expert bij de Amerikaanse
denktank Stimson Centre``, ``Koreadeskundige Remco Breuker van de Universiteit Leiden``. A role is
a role noun (``lang.ROLE_NOUNS`` or a word ending in ``lang.ROLE_SUFFIXES``, compounds included);
the organisation is the ORG mention the affiliation points at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import Language
from ..records import Mention

_WORD = re.compile(r"[\w’'-]+|[(),.;:]")


@dataclass(frozen=True)
class Role:
    role: str | None
    organisation: str | None


def is_role_word(word: str, lang: Language) -> bool:
    w = word.lower().strip("’'")
    return w in lang.ROLE_NOUNS or w.endswith(lang.ROLE_SUFFIXES)


def role_of(name: str, mentions: list[Mention], text: str, lang: Language) -> Role:
    """The first role and organisation the article gives for the person called ``name``."""
    role = organisation = None
    for m in mentions:
        if m.name != name or m.type != "PER":
            continue
        r = _around(m, mentions, text, lang)
        role = role or r.role
        organisation = organisation or r.organisation
        if role and organisation:
            break
    return Role(role, organisation)


def _around(m: Mention, mentions: list[Mention], text: str, lang: Language) -> Role:
    role = _role_before(m, text, lang)
    after = text[m.end:m.end + 160]
    org = None
    paren = re.match(r"\s*\(([^()]{2,80})\)", after)
    if paren and any(c.isupper() for c in paren.group(1)[:1]):  # "(Clingendael Institute)", not an age "(61)"
        org = _org_in(m.end + paren.start(1), m.end + paren.end(1), mentions, text) or paren.group(1).strip()
    apposition = re.match(r"\s*,\s*([^,.;:()]{3,120})", after)
    if apposition and not paren:
        phrase_start = m.end + apposition.start(1)
        phrase = apposition.group(1)
        words = phrase.split()
        lead = [w for w in words[:3] if w.lower() not in ("de", "het", "een")]
        if lead and is_role_word(lead[0], lang):
            role_words: list[str] = []
            for w in words:
                if w.lower() in lang.AFFILIATION_PREPOSITIONS and role_words:
                    break
                role_words.append(w)
            role = role or " ".join(w for w in role_words if w.lower() not in ("de", "het", "een")) or None
            org = org or _org_in(phrase_start, phrase_start + len(phrase), mentions, text)
    if org is None:
        van = re.match(r"\s+(?:van|bij|aan)\s+(?:de|het)\s+", after)
        if van:
            org = _org_in(m.end + van.end(), m.end + van.end() + 60, mentions, text, first_only=True)
    return Role(role, org)


def _role_before(m: Mention, text: str, lang: Language) -> str | None:
    words = _WORD.findall(text[max(0, m.start - 60):m.start])
    if words and is_role_word(words[-1], lang):
        return words[-1]
    return None


def _org_in(lo: int, hi: int, mentions: list[Mention], text: str, first_only: bool = False) -> str | None:
    for m in mentions:
        if m.type == "ORG" and lo <= m.start < hi:
            return m.name
        if first_only and m.start >= lo and m.start < hi:
            return m.name if m.type in ("ORG", "LOC", "MISC") else None
    return None
