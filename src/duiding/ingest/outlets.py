"""Who published an article: from explicit metadata, else the URL's domain; never invented.

The table maps a domain (optionally with a first path segment) to a display name, and aliases
(publisher codes in datasets, spelled-out names) to the same domain so that ``vk``,
``de Volkskrant`` and ``volkskrant.nl`` are one outlet. The outlet's ``key`` is the domain when
known: stable for grouping, and what media researchers use to name sources. Users extend the
table through the ``[outlets]`` section of their config file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..lang import nl
from ..records import Outlet

OUTLETS: dict[str, str] = {
    "nos.nl": "NOS",
    "nu.nl": "NU.nl",
    "volkskrant.nl": "de Volkskrant",
    "trouw.nl": "Trouw",
    "ad.nl": "AD",
    "parool.nl": "Het Parool",
    "nrc.nl": "NRC",
    "telegraaf.nl": "De Telegraaf",
    "fd.nl": "Het Financieele Dagblad",
    "rtlnieuws.nl": "RTL Nieuws",
    "bnr.nl": "BNR",
    "tubantia.nl": "Tubantia",
    "gelderlander.nl": "De Gelderlander",
    "destentor.nl": "De Stentor",
    "bndestem.nl": "BN DeStem",
    "pzc.nl": "PZC",
    "ed.nl": "Eindhovens Dagblad",
    "bd.nl": "Brabants Dagblad",
    "1limburg.nl": "1Limburg",
    "limburger.nl": "De Limburger",
    "omroepbrabant.nl": "Omroep Brabant",
    "rtvutrecht.nl": "RTV Utrecht",
    "at5.nl": "AT5",
    "vrt.be/vrtnws": "VRT NWS",
    "vrt.be": "VRT",
    "standaard.be": "De Standaard",
    "demorgen.be": "De Morgen",
    "hln.be": "HLN",
    "nieuwsblad.be": "Het Nieuwsblad",
    "tijd.be": "De Tijd",
    "gva.be": "Gazet van Antwerpen",
    "hbvl.be": "Het Belang van Limburg",
    "knack.be": "Knack",
    "vtm.be": "VTM Nieuws",
    "anp.nl": "ANP",
    "belga.be": "Belga",
}

ALIASES: dict[str, str] = {
    # publisher codes in the DPG Media 2019 dataset and common spellings
    "vk": "volkskrant.nl", "volkskrant": "volkskrant.nl", "de volkskrant": "volkskrant.nl",
    "trouw": "trouw.nl", "ad": "ad.nl", "algemeen dagblad": "ad.nl",
    "parool": "parool.nl", "het parool": "parool.nl", "tubantia": "tubantia.nl",
    "degelderlander": "gelderlander.nl", "de gelderlander": "gelderlander.nl", "gelderlander": "gelderlander.nl",
    "destentor": "destentor.nl", "de stentor": "destentor.nl", "destem": "bndestem.nl", "bn destem": "bndestem.nl",
    "bndestem": "bndestem.nl", "pzc": "pzc.nl", "ed": "ed.nl", "eindhovens dagblad": "ed.nl",
    "bd": "bd.nl", "brabants dagblad": "bd.nl", "nos": "nos.nl", "nos nieuws": "nos.nl", "nieuwsuur": "nos.nl",
    "nu.nl": "nu.nl", "nunl": "nu.nl", "nrc": "nrc.nl", "nrc handelsblad": "nrc.nl",
    "telegraaf": "telegraaf.nl", "de telegraaf": "telegraaf.nl", "rtl nieuws": "rtlnieuws.nl",
    "vrt nws": "vrt.be/vrtnws", "vrt": "vrt.be", "de standaard": "standaard.be", "standaard": "standaard.be",
    "de morgen": "demorgen.be", "hln": "hln.be", "het laatste nieuws": "hln.be",
    "het nieuwsblad": "nieuwsblad.be", "nieuwsblad": "nieuwsblad.be", "de tijd": "tijd.be",
    "anp": "anp.nl", "belga": "belga.be", "1limburg": "1limburg.nl", "de limburger": "limburger.nl",
}  # fmt: skip


def publication_names() -> frozenset[str]:
    """The outlets' display names, also without their article where that is usual ("Volkskrant").

    Why here: a newspaper named in an article ("zegt hij tegen Trouw") is an organisation, yet a
    tagger reads a one-word title as a person or place as often as not; this table knows better.
    """
    names = set(OUTLETS.values())
    for name in list(names):
        first, _, rest = name.partition(" ")
        # only the short forms the alias table knows: "Parool" is the paper, "Morgen" is tomorrow
        if rest and first.lower() in nl.ARTICLES and rest.lower() in ALIASES:  # the outlets are Dutch and Flemish
            names.add(rest)
    return frozenset(names)


class OutletTable:
    """The shipped table plus the user's additions (``{domain: name}``)."""

    def __init__(self, extra: Mapping[str, str] | None = None) -> None:
        self.names = dict(OUTLETS) | {k.lower(): v for k, v in (extra or {}).items()}
        self.aliases = dict(ALIASES) | {v.lower(): k for k, v in self.names.items()}

    def from_url(self, url: str | None) -> Outlet | None:
        host, path = _host_and_path(url)
        if not host:
            return None
        first = path.strip("/").split("/", 1)[0]
        for key in (f"{host}/{first}", host, _parent_domain(host)):
            if key in self.names:
                return Outlet(key=key, name=self.names[key])
        return Outlet(key=host, name=host)

    def from_name(self, name: str | None) -> Outlet | None:
        if not name or not name.strip():
            return None
        clean = " ".join(name.split())
        low = clean.lower()
        key = self.aliases.get(low)
        if key is None and low in self.names:
            key = low
        if key is not None:
            return Outlet(key=key, name=self.names[key])
        return Outlet(key=re.sub(r"[^\w.]+", "-", low).strip("-"), name=clean)

    def resolve(self, *, explicit: str | None, url: str | None, hint: str | None = None) -> Outlet | None:
        """Explicit metadata first, then the URL's domain, then a weaker hint (a site name, a feed title)."""
        return self.from_name(explicit) or self.from_url(url) or self.from_name(hint)


def _host_and_path(url: str | None) -> tuple[str, str]:
    if not url:
        return "", ""
    try:  # a record's "url" may be anything: "[" made urlsplit raise ValueError and ended the batch
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = (parts.hostname or "").lower()
    except ValueError:
        return "", ""
    host = re.sub(r"^(www\d?|m|mobile|amp)\.", "", host)
    return host, parts.path


def _parent_domain(host: str) -> str:
    return ".".join(host.split(".")[-2:])
