"""ingest.outlets.OutletTable: who published an article, from metadata or the URL, never invented."""

from __future__ import annotations

import pytest

from duiding.ingest import OutletTable
from duiding.records import Outlet


@pytest.mark.parametrize(
    ("url", "key", "name"),
    [
        ("https://nos.nl/nieuwsuur/artikel/1", "nos.nl", "NOS"),
        ("https://nos.nl/artikel/2525001-veerdienst", "nos.nl", "NOS"),
        ("https://www.volkskrant.nl/nieuws-achtergrond/iets~b1234/", "volkskrant.nl", "de Volkskrant"),
        ("https://www2.trouw.nl/a", "trouw.nl", "Trouw"),
        ("https://m.nu.nl/binnenland/123/x.html", "nu.nl", "NU.nl"),
        ("http://WWW.NRC.NL/nieuws/2024/06/19/x", "nrc.nl", "NRC"),
        ("https://www.vrt.be/vrtnws/nl/2025/01/14/stormschade/", "vrt.be/vrtnws", "VRT NWS"),
        ("https://www.vrt.be/nl/over-de-vrt/", "vrt.be", "VRT"),
        ("https://www.standaard.be/cnt/dmf20240619_1", "standaard.be", "De Standaard"),
        ("https://regio.ad.nl/utrecht/a", "ad.nl", "AD"),  # subdomain of a known outlet
        ("nos.nl/artikel/1", "nos.nl", "NOS"),  # no scheme
    ],
)
def test_from_url_known_outlets(url, key, name):
    assert OutletTable().from_url(url) == Outlet(key=key, name=name)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.dijkblad.nl/regio/a", "dijkblad.nl"),
        ("https://stadsnieuws-deventer.example/x", "stadsnieuws-deventer.example"),
    ],
)
def test_from_url_unknown_domain_uses_the_domain(url, key):
    assert OutletTable().from_url(url) == Outlet(key=key, name=key)


@pytest.mark.parametrize("url", [None, ""])
def test_from_url_without_url_is_none(url):
    assert OutletTable().from_url(url) is None


@pytest.mark.parametrize(
    "name",
    ["vk", "VK", "de Volkskrant", "De Volkskrant", "de  Volkskrant", "volkskrant", "volkskrant.nl"],
)
def test_from_name_aliases_of_the_volkskrant(name):
    assert OutletTable().from_name(name) == Outlet(key="volkskrant.nl", name="de Volkskrant")


@pytest.mark.parametrize(
    ("name", "key"),
    [("nos", "nos.nl"), ("Nieuwsuur", "nos.nl"), ("bd", "bd.nl"), ("destem", "bndestem.nl"),
     ("Het Laatste Nieuws", "hln.be"), ("VRT NWS", "vrt.be/vrtnws"), ("Het Parool", "parool.nl")],
)
def test_from_name_other_aliases(name, key):
    outlet = OutletTable().from_name(name)
    assert outlet is not None
    assert outlet.key == key


def test_from_name_unknown_keeps_the_name_and_makes_a_stable_key():
    outlet = OutletTable().from_name("Het  Dijkblad")
    assert outlet == Outlet(key="het-dijkblad", name="Het Dijkblad")
    assert OutletTable().from_name("het dijkblad").key == outlet.key


@pytest.mark.parametrize("name", [None, "", "   "])
def test_from_name_blank_is_none(name):
    assert OutletTable().from_name(name) is None


def test_resolve_prefers_explicit_over_url():
    outlet = OutletTable().resolve(explicit="trouw", url="https://nos.nl/artikel/1")
    assert outlet == Outlet(key="trouw.nl", name="Trouw")


def test_resolve_uses_url_when_nothing_explicit():
    outlet = OutletTable().resolve(explicit=None, url="https://nos.nl/artikel/1", hint="Het Dijkblad")
    assert outlet == Outlet(key="nos.nl", name="NOS")


def test_resolve_falls_back_to_hint_then_none():
    table = OutletTable()
    assert table.resolve(explicit=None, url=None, hint="de Gelderlander") == Outlet("gelderlander.nl",
                                                                                    "De Gelderlander")
    assert table.resolve(explicit="", url=None, hint=None) is None


def test_user_extras_override_and_extend_the_table():
    table = OutletTable({"nos.nl": "Nederlandse Omroep Stichting", "Dijkblad.nl": "Het Dijkblad"})
    assert table.from_url("https://nos.nl/artikel/1") == Outlet("nos.nl", "Nederlandse Omroep Stichting")
    assert table.from_name("nos") == Outlet("nos.nl", "Nederlandse Omroep Stichting")
    assert table.from_url("https://www.dijkblad.nl/regio/a") == Outlet("dijkblad.nl", "Het Dijkblad")
    assert table.from_name("Het Dijkblad") == Outlet("dijkblad.nl", "Het Dijkblad")
    # the shipped table is not changed for other instances
    assert OutletTable().from_url("https://nos.nl/artikel/1") == Outlet("nos.nl", "NOS")
