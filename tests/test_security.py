"""Remote access is refused without opening a connection: a local listener must receive nothing."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import urllib.parse

import pytest

from tests.test_serve import SAMPLES, _http, _start, _stop


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection attempt."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._t.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def _remote_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"LOAD <{url}/data.ttl>",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/x> {{ ?a ?b ?c }} }} }}",
    ]


def test_listener_sees_a_real_connection(listener):
    """The oracle works: a plain connection is counted."""
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    import time

    time.sleep(0.5)
    assert listener.hits == 1


def test_endpoint_refuses_remote_access_without_connecting(listener):
    proc, base = _start("--store", "memory")
    try:
        for q in _remote_queries(listener.port):
            st, _, body = _http(base + "/sparql?" + urllib.parse.urlencode({"query": q}))
            assert st in (400, 403), (q, st, body)
            st, _, body = _http(base + "/sparql", data=urllib.parse.urlencode({"query": q}).encode(),
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert st in (400, 403), (q, st, body)
    finally:
        _stop(proc)
    assert listener.hits == 0


def test_query_cli_refuses_remote_access_without_connecting(listener):
    for q in _remote_queries(listener.port):
        res = subprocess.run([sys.executable, "-m", "kg", "query", str(SAMPLES), q], capture_output=True, text=True,
                             timeout=120)
        assert res.returncode != 0, q
        assert "Traceback" not in res.stderr
    assert listener.hits == 0


def test_endpoint_binds_loopback_by_default():
    proc, base = _start("--store", "memory")
    try:
        port = int(base.rsplit(":", 1)[1])
        addrs = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
        others = [a for a in addrs if not a.startswith("127.") and ":" not in a]
        if not others:
            pytest.skip("this machine has no non-loopback address to test against")
        with pytest.raises(OSError):
            socket.create_connection((others[0], port), timeout=2).close()
    finally:
        _stop(proc)

