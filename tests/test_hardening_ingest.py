"""Issue 18, ingest: total URL deadline (slow-drip servers), and the smaller input cases of item 9."""

from __future__ import annotations

import socket
import threading
import time

import pytest

import kg.ingest.fetch as ingest_fetch
from kg.ingest import IngestError, iter_articles

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
