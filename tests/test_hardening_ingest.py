"""Issue 18, ingest: total URL deadline (slow-drip servers), and the smaller input cases of item 9."""

from __future__ import annotations

import gzip
import http.server
import os
import socket
import threading
import time
from pathlib import Path

import pytest

import kg.ingest.fetch as ingest_fetch
from kg.ingest import IngestError, iter_articles
from kg.ingest.decode import decode_guess
from kg.records import Article
from tests.test_ingest import SAMPLES, _Handler

# ------------------------------------------------------------------------- 6: a total download deadline


def _drip_server(prefix: bytes, drip: bytes, every: float = 0.2, stop_after: float = 20.0):
    """A raw TCP server: sends ``prefix`` after the request, then ``drip`` every ``every`` s (a slow loris)."""
    srv = socket.create_server(("127.0.0.1", 0))
    srv.settimeout(stop_after)

    def serve() -> None:
        try:
            conn, _ = srv.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(stop_after)
            try:
                conn.recv(65536)
                conn.sendall(prefix)
                end = time.monotonic() + stop_after
                while time.monotonic() < end:
                    conn.sendall(drip)
                    time.sleep(every)
            except OSError:  # the client gave up: what we want
                return

    threading.Thread(target=serve, daemon=True).start()
    return srv


def _run_bounded(fn, bound: float):
    """fn() in a thread; (result, seconds) or pytest.fail if it is still running after ``bound`` seconds."""
    out: list = []
    t0 = time.monotonic()
    th = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    th.start()
    th.join(bound)
    if th.is_alive():
        pytest.fail(f"still downloading after {bound:.0f}s: the deadline was not enforced")
    return out[0], time.monotonic() - t0


@pytest.mark.parametrize(
    ("prefix", "drip"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: ", b"a"),  # headers never end
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nKata ", b"k"),  # body never ends
    ],
    ids=["headers-drip", "body-drip"],
)
def test_slow_drip_is_cut_at_the_total_deadline(
    prefix: bytes, drip: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_fetch, "FETCH_DEADLINE", 1.0)
    srv = _drip_server(prefix, drip)
    url = f"http://127.0.0.1:{srv.getsockname()[1]}/article"
    try:
        items, took = _run_bounded(lambda: list(iter_articles([url], allow_private=True)), bound=8.0)
    finally:
        srv.close()
    (err,) = items
    assert isinstance(err, IngestError) and err.source == url, err
    assert "deadline" in err.reason and "1s" in err.reason, err.reason
    assert took < 4.0, took


# ------------------------------------------------------------------------------ 9: smaller input cases


def test_jsonl_text_of_the_wrong_type_says_so(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": ["Presiden", "Joko"]}\n{"title": "x"}\n{"text": "  "}\n{"text": 7}\n')
    reasons = [it.reason for it in iter_articles([f])]
    assert reasons == [
        "'text' must be a string, got list",
        "missing 'text'",
        "empty 'text'",
        "'text' must be a string, got int",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl", "pipe.txt.gz"])
def test_fifo_is_not_a_regular_file(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    for inp in (fifo, tmp_path):  # given by name, and found in a folder: never opened (it would block)
        items, _ = _run_bounded(lambda inp=inp: list(iter_articles([inp])), bound=5.0)
        (err,) = items
        assert isinstance(err, IngestError) and err.source == str(fifo), err
        assert err.reason == "not a regular file (a named pipe)", err.reason


JAPANESE = "わたしは にほんの ニュウスを よみます\nきょうは いい てんきです 日本の首相は明日 東京で計画を発表します"


def test_shift_jis_is_decoded_as_shift_jis(tmp_path: Path) -> None:
    data = JAPANESE.encode("shift_jis")
    data.decode("cp1252")  # the trap: these bytes are valid cp1252, as mojibake
    text, guessed = decode_guess(data)
    assert text == JAPANESE and guessed in ("shift_jis", "cp932")
    f = tmp_path / "jp.txt"
    f.write_bytes(data)
    (art,) = iter_articles([f])
    assert isinstance(art, Article) and "東京で計画を発表します" in art.text
    # an Indonesian cp1252 text (curly quotes, é) stays cp1252 and is no guess
    legacy = "“Kami bertemu di kafé,” kata Presiden Joko Widodo di Jakarta, Jumat."
    assert decode_guess(legacy.encode("cp1252")) == (legacy, "")
    # when a guessed decoding ends in an error, the error says what was guessed
    page = tmp_path / "jp.html"
    page.write_bytes("<html><body><p>東京</p></body></html>".encode("shift_jis") + b" " + data[:40])
    (err,) = iter_articles([page])
    assert isinstance(err, IngestError) and "decoded as" in err.reason and "guess" in err.reason, err


@pytest.fixture()
def article_server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_txt_of_urls_is_a_list_of_urls(tmp_path: Path, article_server: str) -> None:
    f = tmp_path / "urls.txt"
    f.write_text(f"{article_server}/article\n\n  {article_server}/redirect  \nfile:///etc/passwd\n")
    items = list(iter_articles([f], allow_private=True))
    assert [type(it).__name__ for it in items] == ["Article", "Article", "IngestError"], items
    assert all(it.title.startswith("Paus Fransiskus") for it in items[:2])
    assert items[0].id != items[1].id and "scheme" in items[2].reason
    # the same private-address rule as URLs on the command line
    items = list(iter_articles([f]))
    assert all(isinstance(it, IngestError) for it in items)
    assert ["private" in it.reason for it in items] == [True, True, False]
    # a text that merely contains a URL is still an article
    g = tmp_path / "text.txt"
    g.write_text(f"Judul\nPresiden Joko Widodo bertemu Perdana Menteri Australia di Jakarta.\n{article_server}/x\n")
    (art,) = iter_articles([g])
    assert isinstance(art, Article) and "Joko Widodo" in art.text


def test_gzip_inputs_are_read_with_the_limit_on_the_decompressed_size(tmp_path: Path) -> None:
    txt = SAMPLES / "2024-05-08-putin-pashinyan-moskow.txt"
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(txt.read_bytes()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress((SAMPLES / "2024-09-04-paus-jakarta.html").read_bytes()))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress((SAMPLES / "articles.jsonl").read_bytes()))
    plain = [it for it in iter_articles([txt, SAMPLES / "2024-09-04-paus-jakarta.html", SAMPLES / "articles.jsonl"])]
    got = list(iter_articles([tmp_path]))
    assert all(isinstance(it, Article) for it in got), got
    assert [it.text for it in got] == [it.text for it in plain]
    assert got[0].id == "a" and got[1].id == "b"
    # a gzip bomb: small on disk, over max_bytes once decompressed
    bomb = tmp_path / "bomb"
    bomb.mkdir()
    (bomb / "x.txt.gz").write_bytes(gzip.compress(b"kata " * 2_000_000))  # 10 MB -> ~10 KB
    (bomb / "y.jsonl.gz").write_bytes(gzip.compress(b'{"text": "' + b"kata " * 2_000_000 + b'"}\n'))
    (bomb / "z.jsonl.gz").write_bytes(gzip.compress(b"\n" * 5_000_000))  # 5 MB of empty lines
    (bomb / "w.txt.gz").write_bytes(gzip.compress(txt.read_bytes())[:200])  # truncated
    reasons = {Path(it.source.split(":")[0]).name: it.reason for it in iter_articles([bomb], max_bytes=100_000)}
    assert "decompressed" in reasons["x.txt.gz"] and "max_bytes" in reasons["x.txt.gz"], reasons
    assert "max_bytes" in reasons["y.jsonl.gz"], reasons
    assert "decompressed" in reasons["z.jsonl.gz"], reasons
    assert "gzip" in reasons["w.txt.gz"], reasons
