"""Ingest: readers, boilerplate cleaning on the real seeds, and every kind of bad input."""

from __future__ import annotations

import http.server
import json
import os
import threading
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.ingest.fetch as ingest_fetch
from kg.ingest import IngestError, find_agencies, iter_articles, read_html, read_text_article
from kg.records import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared data folder {SHARED} is missing")

BOILERPLATE = ["Trump", "Netanyahu", "KPAI", "Ruben Onsu", "Le Pen", "Baca juga", "Copyright"]


def _only(items: list) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


# ------------------------------------------------------------------------------------------- seeds


@needs_shared
def test_sindonews_seed_cleaned() -> None:
    art = _only(list(iter_articles([SEEDS / "sindonews-2024-05-10-rusia-tarik-tentara.txt"])))
    for junk in BOILERPLATE + [
        "loading...",
        "A A A",
        "Foto/REUTERS",
        "Berita Terkait",
        "(mas)",
        "Klik Disini",
    ]:
        assert junk not in art.text, junk
    assert "Presiden Rusia Vladimir Putin bertemu dengan Perdana Menteri Armenia Nikol Pashinyan" in art.text
    # the headline leads the text (kg.ingest.readers.with_headline), then a blank line and the cleaned body
    assert art.text.startswith(art.title + "\n\nMOSKOW - Rusia telah setuju")
    assert art.text.rstrip().endswith("atas tuduhan kejahatan perang di Ukraina.")
    assert art.title == "Rusia Tarik Tentara dari Armenia, Sekutunya yang Kalah Perang Melawan Azerbaijan"
    assert art.published == datetime(2024, 5, 10, 9, 9)
    assert art.source == "SINDOnews"
    assert art.dateline == "Moskow"
    assert art.agencies == ("AFP",)
    assert art.id == "sindonews-2024-05-10-rusia-tarik-tentara"


@needs_shared
def test_kompas_seed_cleaned() -> None:
    art = _only(list(iter_articles([SEEDS / "kompas-2024-04-18-rusia-tarik-pasukan.txt"])))
    for junk in BOILERPLATE + ["Tim Redaksi", "Laksmi Pradipta", "Close Ads", "Komentar", "Halaman:", "Tren"]:
        assert junk not in art.text, junk
    assert "Gabung Kompas.com+" not in art.text
    assert art.text.startswith(art.title + "\n\nKOMPAS.com - Pasukan penjaga perdamaian Rusia mulai menarik diri")
    assert "Dilansir dari AP News, Juru Bicara Kremlin, Dmitry Peskov membenarkan" in art.text
    assert "jalan yang menghubungkan Karabakh dengan Armenia." in art.text
    assert art.title == "Rusia Tarik Pasukan yang Duduki Azerbaijan Selama 3,5 Tahun Terakhir"
    assert art.published == datetime(2024, 4, 18, 7, 30)
    assert art.source == "Kompas.com"
    assert art.dateline == ""  # "KOMPAS.com -" is a source marker, not a place
    assert art.agencies == ("AP News", "Al Jazeera")


@needs_shared
def test_corpus_jsonl_reads_without_errors() -> None:
    items = list(iter_articles([SHARED / "data" / "corpus" / "media-politics-2023.jsonl"]))
    arts = [a for a in items if isinstance(a, Article)]
    assert len(arts) == 125 and len(items) == 125
    assert len({a.id for a in arts}) == len(arts)
    lip = next(a for a in arts if a.id == "media-jm-0000")
    assert lip.source == "Liputan6.com" and lip.dateline == "Jakarta"
    assert lip.published == datetime(2023, 11, 7)
    assert not any("Baca juga:" in a.text for a in arts)


# -------------------------------------------------------------------------------- readers & helpers


@pytest.mark.parametrize("text, gone, kept", [
    # 'Baca <Headline In Title Case>' on a line of its own links another article (its names are not this one's)
    ("Masinton mengusulkan hak angket di DPR.\n\nBaca Gegara Usulkan Angket MK, Masinton Dilaporkan ke "
     "Mahkamah Kehormatan Dewan\n\nBaca pernyataan lengkapnya di situs resmi KPU.",
     "Dilaporkan", "Baca pernyataan lengkapnya di situs resmi KPU."),
    # "Simak juga 'X':" promotes another story's video
    ("Yudo menjawab pertanyaan wartawan.\n\nSimak juga 'Jokowi Usul Jenderal Agus Subiyanto Jadi Panglima TNI':"
     "\n\nSimak juga pendapat Yudo soal itu.", "Agus Subiyanto", "Simak juga pendapat Yudo soal itu."),
    # a show's promotion block up to its signature line, quotes of other stories included
    ("Said menyampaikan hal itu.\nIkuti ulasan pekan ini.\nLalu bagaimana kinerja kabinet? Ikuti diskusinya dalam "
     "Editorial Review.\n\"Presiden Amerika Serikat Donald Trump mengumumkan kesepakatan,\" ungkap Gedung Putih."
     "\n\"Detik Sore, Nggak Cuma Hore-hore!\"", "Donald Trump", "Ikuti ulasan pekan ini."),
])
def test_a_line_linking_another_story_is_dropped_but_a_sentence_starting_alike_stays(
        tmp_path: Path, text: str, gone: str, kept: str) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "Judul", "text": text}) + "\n")
    (art,) = list(iter_articles([src]))
    assert gone not in art.text and kept in art.text, art.text


def test_read_text_article_header_and_tail() -> None:
    raw = (
        "Judul Berita Contoh yang Cukup Panjang\n\nJakarta, Senin, 3 Juni 2024 - 10:00 WIB\nBudi Santoso\n\n"
        "JAKARTA, KOMPAS.com - Presiden bertemu menteri di Jakarta.\n\nBaca juga: Lain\n\n"
        "Paragraf kedua tetap ada. (ant)\nCopyright 2024 Contoh\nRekomendasi\nTeaser lain\n"
    )
    art = read_text_article(raw, path="x/contoh.txt")
    assert art.text == (
        "Judul Berita Contoh yang Cukup Panjang\n\n"
        "JAKARTA, KOMPAS.com - Presiden bertemu menteri di Jakarta.\n\nParagraf kedua tetap ada."
    )
    assert art.title == "Judul Berita Contoh yang Cukup Panjang"
    assert art.published == datetime(2024, 6, 3, 10, 0)
    assert art.dateline == "Jakarta" and art.source == "Kompas.com"
    assert art.id == "contoh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dilansir AFP, BBC, dan CNN, Minggu (19/10/2025), ada", ("AFP", "BBC", "CNN")),
        ("DilansirAFP, Selasa (21/10/2025), tiga nyamuk", ("AFP",)),
        ("kata Hajiyev, dilansir dari Al Jazeera. Lalu dikutip dari Reuters.", ("Al Jazeera", "Reuters")),
        ("dikutip Presiden Prabowo pada pidato", ()),
        ("Mengutip data Bloomberg, nilai tukar", ("Bloomberg",)),
        ("dilansir detikNews, Selasa", ()),
    ],
)
def test_find_agencies(text: str, expected: tuple[str, ...]) -> None:
    assert find_agencies(text) == expected


def test_read_html_extracts_main_text_and_metadata() -> None:
    art = read_html(
        (SAMPLES / "2024-09-04-paus-jakarta.html").read_text(encoding="utf-8"), url="https://x.example/a"
    )
    assert art.title == "Paus Fransiskus Bertemu Jokowi di Istana Merdeka"
    assert art.text.startswith(art.title + "\n\nJAKARTA - Pemimpin Gereja Katolik Paus Fransiskus bertemu dengan")
    assert "Baca juga" not in art.text and "Beranda" not in art.text and "Copyright" not in art.text
    assert art.published == datetime(2024, 9, 4, 10, 0)
    assert art.source == "Contoh News" and art.dateline == "Jakarta" and art.agencies == ("Reuters",)


def test_samples_all_read() -> None:
    items = list(iter_articles([SAMPLES]))
    assert all(isinstance(a, Article) for a in items), [a for a in items if isinstance(a, IngestError)]
    assert len(items) == 7
    assert all(a.title and a.published and a.text for a in items)


# ------------------------------------------------------------------------------------------ bad input


def _write_bad_inputs(d: Path) -> dict[str, Path]:
    good = (
        "Judul Berita Bagus\n\nSenin, 3 Juni 2024 - 10:00 WIB\n\n"
        "JAKARTA - Menteri bertemu duta besar di Jakarta.\n"
    )
    files = {
        "good": d / "a_good.txt",
        "empty": d / "b_empty.txt",
        "binary": d / "c_binary.txt",
        "big": d / "d_big.txt",
        "latin1": d / "e_latin1.txt",
        "cp1252": d / "f_cp1252.txt",
        "utf16": d / "g_utf16.txt",
        "html_bad": d / "h_bad.html",
        "jsonl": d / "i_mixed.jsonl",
        "unknown": d / "j_notes.pdf",
    }
    files["good"].write_text(good, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 4)
    files["big"].write_text(good + "Kalimat tambahan yang panjang. " * 200, encoding="utf-8")
    files["latin1"].write_bytes(
        "Kafe Baru\n\nJAKARTA - Menteri minum kopi di café bersama délégation Prancis.\n".encode("latin-1")
    )
    files["cp1252"].write_bytes(
        "Kutipan\n\nJAKARTA - Menteri berkata, “kami siap” — katanya.\n".encode("cp1252")
    )
    files["utf16"].write_bytes(
        "Judul UTF16\n\nJAKARTA - Presiden bertemu Perdana Menteri di Bogor.\n".encode("utf-16")
    )
    files["html_bad"].write_text("<html><body><div><<<>>></div></body", encoding="utf-8")
    lines = [
        json.dumps(
            {"id": "ok-1", "title": "T", "date": "2024-01-02", "source": "detik.com", "text": "Isi berita."}
        ),
        "{not json",
        json.dumps({"id": "no-text", "title": "T"}),
        json.dumps({"id": "empty-text", "text": "   "}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok-1", "text": "Isi kedua dengan id sama."}),
    ]
    files["jsonl"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["unknown"].write_bytes(b"%PDF-1.4")
    return files


def test_bad_inputs_each_get_a_clear_reason(tmp_path: Path) -> None:
    f = _write_bad_inputs(tmp_path)
    max_bytes = 2000

    def one(p: Path) -> list:
        return list(iter_articles([p], max_bytes=max_bytes))

    assert isinstance(_only(one(f["good"])), Article)
    (err,) = one(f["empty"])
    assert isinstance(err, IngestError) and "empty" in err.reason and err.source == str(f["empty"])
    (err,) = one(f["binary"])
    assert isinstance(err, IngestError) and "binary" in err.reason
    (err,) = one(f["big"])
    assert isinstance(err, IngestError) and "2,000" in err.reason and "max_bytes" in err.reason
    assert "max-bytes" in err.reason  # says how to raise it
    assert "café bersama délégation" in _only(one(f["latin1"])).text
    assert "“kami siap” —" in _only(one(f["cp1252"])).text
    utf16 = _only(one(f["utf16"]))
    assert utf16.title == "Judul UTF16" and "Perdana Menteri di Bogor" in utf16.text
    (err,) = one(f["html_bad"])
    assert isinstance(err, IngestError) and "HTML" in err.reason
    (err,) = one(f["unknown"])  # named explicitly: an error
    assert isinstance(err, IngestError) and "unsupported file type '.pdf'" in err.reason
    (err,) = list(iter_articles([tmp_path / "nope.txt"]))
    assert isinstance(err, IngestError) and "no such file" in err.reason


def test_jsonl_errors_are_per_line(tmp_path: Path) -> None:
    f = _write_bad_inputs(tmp_path)
    items = list(iter_articles([f["jsonl"]]))
    arts = [a for a in items if isinstance(a, Article)]
    errs = {e.source.rsplit(":", 1)[1]: e.reason for e in items if isinstance(e, IngestError)}
    assert [a.id for a in arts] == ["ok-1", "ok-1-2"]  # clash resolved deterministically
    assert arts[0].source == "detik.com" and arts[0].published == datetime(2024, 1, 2)
    assert arts[0].path == f"{f['jsonl']}:1"
    assert set(errs) == {"2", "3", "4", "6"}
    assert "invalid JSON" in errs["2"]
    assert "text" in errs["3"] and "text" in errs["4"]
    assert "JSON object" in errs["6"]


def test_jsonl_line_over_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_text(
        json.dumps({"id": "x", "text": "a " * 5000}) + "\n" + json.dumps({"id": "y", "text": "b"}) + "\n"
    )
    items = list(iter_articles([p], max_bytes=1000))
    assert (
        isinstance(items[0], IngestError)
        and items[0].source.endswith(":1")
        and "max_bytes" in items[0].reason
    )
    assert isinstance(items[1], Article) and items[1].id == "y"


def test_folder_mixing_everything(tmp_path: Path) -> None:
    _write_bad_inputs(tmp_path)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a_good.txt").write_text("Judul Lain\n\nBANDUNG - Gubernur bertemu wali kota di Bandung.\n")
    (sub / "readme.md").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("Judul\n\nJAKARTA - tersembunyi.\n")
    items = list(iter_articles([tmp_path], max_bytes=2000))
    again = list(iter_articles([tmp_path], max_bytes=2000))
    assert items == again  # deterministic
    sources = [Path(i.path if isinstance(i, Article) else i.source.split(".jsonl:")[0]).name for i in items]
    assert "j_notes.pdf" not in " ".join(sources)  # unknown extension skipped silently in folders
    assert not any("readme" in s or "hidden" in s for s in sources)
    arts = [a for a in items if isinstance(a, Article)]
    errs = [e for e in items if isinstance(e, IngestError)]
    assert [a.id for a in arts] == ["a-good", "e-latin1", "f-cp1252", "g-utf16", "ok-1", "ok-1-2", "a-good-2"]
    assert len(errs) == 4 + 4  # empty, binary, big, bad html + 4 jsonl lines


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read mode-000 files")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("Judul\n\nJAKARTA - isi.\n")
    p.chmod(0)
    try:
        (err,) = list(iter_articles([p]))
        assert isinstance(err, IngestError) and "permission" in err.reason
    finally:
        p.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("Judul\n\nJAKARTA - isi.\n")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    (err,) = list(iter_articles([p]))
    assert isinstance(err, IngestError) and "permission" in err.reason


# ------------------------------------------------------------------------------------------------ URLs


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.com/a.txt", "scheme"),
        ("http://127.0.0.1/", "private"),
        ("http://localhost:9/", "private"),
        ("http://10.1.2.3/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "private"),
        ("http://[::1]/", "private"),
    ],
)
def test_url_refusals(url: str, why: str) -> None:
    (err,) = list(iter_articles([url]))
    assert isinstance(err, IngestError) and why in err.reason and err.source == url


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        page = (SAMPLES / "2024-09-04-paus-jakarta.html").read_bytes()
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/secret")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>" + b"x" * 50_000)
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_url_fetch_follows_redirects(server: str) -> None:
    art = _only(list(iter_articles([f"{server}/redirect"], allow_private=True)))
    assert art.title.startswith("Paus Fransiskus") and art.url.endswith("/article")
    assert art.path == f"{server}/redirect" and art.id.startswith("127-0-0-1")


def test_url_fetch_limits(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (err,) = list(iter_articles([f"{server}/loop"], allow_private=True))
    assert isinstance(err, IngestError) and "redirects" in err.reason
    (err,) = list(iter_articles([f"{server}/huge"], allow_private=True, max_bytes=10_000))
    assert isinstance(err, IngestError) and "max_bytes" in err.reason
    (err,) = list(iter_articles([f"{server}/missing"], allow_private=True))
    assert isinstance(err, IngestError) and "404" in err.reason
    # every hop is re-checked: pretend loopback is public, the redirect to 10.0.0.1 must still be refused
    monkeypatch.setattr(ingest_fetch, "_is_forbidden_ip", lambda ip: ip.startswith("10."))
    (err,) = list(iter_articles([f"{server}/to-private"]))
    assert isinstance(err, IngestError) and "10.0.0.1" in err.reason


# ------------------------------------------------------------------------------------------ property


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                ["\n", " - ", "Baca juga:", "Dilansir ", "...", "KOMPAS.com", "MOSKOW", "10/5/2024"]
            ),
        ),
        max_size=40,
    ).map("".join)
)
def test_read_text_article_never_crashes(text: str) -> None:
    art = read_text_article(text)
    assert isinstance(art, Article) and isinstance(art.text, str) and art.id
