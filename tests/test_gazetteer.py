"""Gazetteer: the shipped table answers the names Indonesian news uses; the build is reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.gazetteer import TABLE, Gazetteer, build_table, normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_table_ships_inside_the_package() -> None:
    assert TABLE.is_file() and TABLE.parent.parent.name == "kg"


def test_countries(gaz: Gazetteer) -> None:
    ru = gaz.lookup("Rusia")
    assert ru and (ru.key, ru.type, ru.qid) == ("Russia", "Country", "Q159")
    assert (
        gaz.lookup("Federasi Rusia") == ru and gaz.lookup("negara Rusia") == ru and gaz.lookup("RUSIA") == ru
    )
    for name in ("Turki", "Türkiye", "Turkiye"):
        e = gaz.lookup(name)
        assert e and e.key == "Turkey" and e.qid == "Q43"
    expected = {
        "Amerika Serikat": "United_States",
        "AS": "United_States",
        "Inggris": "United_Kingdom",
        "Korut": "North_Korea",
        "Korea Selatan": "South_Korea",
        "Cina": "China",
        "Tiongkok": "China",
        "Belanda": "Netherlands",
        "Jerman": "Germany",
        "Perancis": "France",
        "Prancis": "France",
    }
    for name, key in expected.items():
        e = gaz.lookup(name)
        assert e and e.key == key and e.type == "Country", name
    assert gaz.lookup("IN") is None and gaz.lookup("DI") is None  # ISO-2 codes would hit Indonesian words


def test_cities_and_capitals(gaz: Gazetteer) -> None:
    mos = gaz.lookup("Moskow")
    assert mos and (mos.key, mos.type, mos.qid, mos.capital_of, mos.country) == (
        "Moscow",
        "City",
        "Q649",
        "Russia",
        "Russia",
    )
    assert gaz.lookup("Moskwa") == mos
    yer = gaz.lookup("Yerevan")
    assert yer and yer.qid == "Q1953" and yer.capital_of == "Armenia"
    jkt = gaz.lookup("Jakarta")
    assert jkt and jkt.type == "City" and jkt.qid == "Q3630" and jkt.capital_of == "Indonesia"
    assert gaz.lookup("Teheran").key == "Tehran"  # type: ignore[union-attr]


def test_indonesian_regions(gaz: Gazetteer) -> None:
    jb = gaz.lookup("Jawa Barat")
    assert (
        jb and jb.type == "Province" and jb.key == "Jawa_Barat" and jb.country == "Indonesia" and jb.qid == ""
    )
    assert gaz.lookup("Provinsi Jawa Barat") == jb
    bdg = gaz.lookup("Kota Bandung")
    assert bdg and bdg.type in ("City", "Regency") and bdg.parent == "Jawa_Barat"
    kab = gaz.lookup("Kabupaten Bandung")
    assert kab and kab.type == "Regency" and kab != bdg and kab.parent == "Jawa_Barat"
    assert gaz.lookup("Kab. Bogor").key == "Bogor_Regency"  # type: ignore[union-attr]
    assert gaz.lookup("Jambi").type == "Province"  # province wins over Kota Jambi  # type: ignore[union-attr]
    assert gaz.lookup("Kota Jambi").key == "Jambi_City"  # type: ignore[union-attr]


def test_keys_unique_and_iri_safe(gaz: Gazetteer) -> None:
    keys = [e.key for e in gaz.entries]
    assert len(keys) == len(set(keys))
    assert all(k and k.replace("_", "").isalnum() and k.isascii() for k in keys)
    assert {e.type for e in gaz.entries} <= {"Country", "Province", "City", "Regency", "Region"}
    assert all(e.qid == "" for e in gaz.entries if e.type in ("Province", "Regency"))
    assert "Rusia" in gaz.country_names()


def test_normalize() -> None:
    assert normalize("  Türkiye ") == normalize("turkiye") == "turkiye"
    assert normalize("Jum’at") == normalize("Jumat")


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared data folder {SHARED} is missing")
def test_build_reproduces_shipped_table(tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    n = build_table(SHARED / "data", out)
    assert n > 800
    assert out.read_text(encoding="utf-8") == TABLE.read_text(encoding="utf-8")
