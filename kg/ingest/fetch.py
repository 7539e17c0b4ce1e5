"""Downloading an http(s) URL without becoming a proxy into the private network or a slow-loris victim.

Every hop of a redirect chain is resolved, checked against private/loopback/link-local addresses and then
connected to by that checked IP (no DNS rebinding); a whole download has a deadline and a size cap.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from urllib.parse import urljoin, urlsplit

from kg.ingest.errors import Refused

__all__ = ["FETCH_DEADLINE", "FETCH_TIMEOUT", "MAX_REDIRECTS", "fetch"]

FETCH_TIMEOUT = 15.0  # seconds per socket operation
FETCH_DEADLINE = 60.0  # seconds for a whole download: connects, TLS, headers and body of every redirect hop
MAX_REDIRECTS = 5


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def _is_forbidden_ip(ip: str) -> bool:
    """Private, loopback, link-local (cloud metadata), multicast, reserved or unspecified addresses."""
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


class _Deadline:
    """The whole download's deadline: a timer shuts the current socket down when it passes.

    Per-read timeouts cannot bound a server that sends one byte just before each of them expires (in the
    headers or the body); shutting the socket down wakes whatever read or TLS handshake is blocked on it.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def timeout(self) -> float:
        """Per-operation timeout: FETCH_TIMEOUT, or less when the deadline is nearer."""
        return max(0.01, min(FETCH_TIMEOUT, self.at - time.monotonic()))

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired:
                self._shutdown()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shutdown()

    def _shutdown(self) -> None:
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # already closed
                pass

    def cancel(self) -> None:
        self._timer.cancel()

    def refused(self) -> Refused:
        return Refused(f"download took longer than the {self.seconds:g}s deadline (FETCH_DEADLINE)")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address we checked, not whatever DNS says a moment later (no rebinding)."""

    def __init__(self, host: str, port: int, ip: str, deadline: _Deadline) -> None:
        super().__init__(host, port, timeout=deadline.timeout())
        self._ip = ip
        self._deadline = deadline

    def _connect_raw(self) -> socket.socket:
        sock = socket.create_connection((self._ip, self.port), self._deadline.timeout())
        sock.settimeout(FETCH_TIMEOUT)
        self._deadline.watch(sock)
        return sock

    def connect(self) -> None:
        self.sock = self._connect_raw()


class _PinnedHTTPSConnection(_PinnedHTTPConnection, http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, deadline: _Deadline) -> None:
        http.client.HTTPSConnection.__init__(
            self, host, port, timeout=deadline.timeout(), context=ssl.create_default_context()
        )
        self._ip = ip
        self._deadline = deadline

    def connect(self) -> None:
        sock = self._connect_raw()
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = 20_000_000) -> tuple[bytes, str, str]:
    """GET ``url`` -> (body, final url, content-type); redirects followed by hand, every hop re-checked.

    The whole download, every hop included, must finish within ``FETCH_DEADLINE`` seconds (read at call time).
    """
    deadline = _Deadline(FETCH_DEADLINE)
    try:
        return _fetch(url, allow_private, max_bytes, deadline)
    finally:
        deadline.cancel()


def _fetch(url: str, allow_private: bool, max_bytes: int, deadline: _Deadline) -> tuple[bytes, str, str]:
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise Refused(f"unsupported URL scheme '{parts.scheme}' (only http and https)")
        host = parts.hostname
        if not host:
            raise Refused("URL has no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            ips = _resolve(host, port)
        except OSError as e:
            raise Refused(f"cannot resolve host '{host}': {e}") from e
        if not allow_private:
            bad = [ip for ip in ips if _is_forbidden_ip(ip)]
            if bad or not ips:
                raise Refused(
                    f"host '{host}' resolves to a private/loopback/link-local/reserved address "
                    f"({bad[0] if bad else '?'}); refused (allow_private=True to permit)"
                )
        conn_cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        if deadline.expired:
            raise deadline.refused()
        conn = conn_cls(host, port, ips[0], deadline)
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request(
                "GET",
                target,
                headers={
                    "User-Agent": "kg-news-ingest/0.1",
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                    "Accept-Encoding": "identity",
                },
            )
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                loc = resp.getheader("Location")
                if not loc:
                    raise Refused(f"HTTP {resp.status} redirect without Location")
                url = urljoin(url, loc)
                continue
            if resp.status != 200:
                raise Refused(f"HTTP {resp.status} {resp.reason}")
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise Refused(
                    f"response is {int(length):,} bytes, over the limit of {max_bytes:,} (max_bytes)"
                )
            chunks, total = [], 0
            while chunk := resp.read(65536):
                total += len(chunk)
                if total > max_bytes:
                    raise Refused(f"response is over the limit of {max_bytes:,} bytes (max_bytes)")
                chunks.append(chunk)
            if deadline.expired:  # the socket was shut down: what was read is a truncated body
                raise deadline.refused()
            return b"".join(chunks), url, resp.getheader("Content-Type") or ""
        except (OSError, http.client.HTTPException) as e:
            if deadline.expired:
                raise deadline.refused() from e
            raise Refused(f"fetch failed: {e}") from e
        finally:
            conn.close()
    raise Refused(f"too many redirects (more than {MAX_REDIRECTS})")
