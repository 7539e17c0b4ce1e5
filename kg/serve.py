"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint (``/sparql``) and a small query page (``/``).

Why it is built this way:

- HTTP is Starlette on uvicorn (well-kept, small, correct HTTP parsing and keep-alive); no hand-written HTTP.
- Queries never run in the server process: a pool of worker *processes* (multiprocessing, spawn) each holds
  the graph (rdflib in memory, or Oxigraph opened read-only). Neither rdflib nor pyoxigraph can cancel a
  running query, so a query that exceeds the time limit gets its worker killed (SIGKILL) and replaced;
  the client gets 503. A runaway query therefore costs at most ``timeout`` seconds of one
  worker and never wedges the server.
- Every query is checked *before* it is sent to a worker (:func:`kg.query.check_query` on rdflib's parse
  tree): updates (incl. LOAD) -> 403, SERVICE -> 403, FROM/FROM NAMED of graphs not in the store -> 403. No
  connection is ever opened on behalf of a query.
- Results are capped at ``max_rows`` rows/triples (header ``X-SPARQL-MaxRows`` says it was cut), queries at
  ``max_query_bytes``; the server binds 127.0.0.1 by default and checks the Host header (DNS rebinding).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from kg.query import QueryError, check_query
from kg.templates import template

# --------------------------------------------------------------------------------------------- formats

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "text/n3": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
}
CONTENT_TYPES = {
    ("SELECT", "json"): "application/sparql-results+json",
    ("SELECT", "xml"): "application/sparql-results+xml",
    ("SELECT", "csv"): "text/csv",
    ("SELECT", "tsv"): "text/tab-separated-values",
    ("GRAPH", "turtle"): "text/turtle",
    ("GRAPH", "nt"): "application/n-triples",
    ("GRAPH", "xml"): "application/rdf+xml",
    ("GRAPH", "json-ld"): "application/ld+json",
}
# ``format=`` / ``output=`` parameters as sent by SPARQLWrapper, YASGUI, curl users
FORMAT_ALIASES = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "rdf+xml": "xml",
    "rdfxml": "xml",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
}


class NotAcceptable(Exception):
    """No result format the client accepts."""


def negotiate(kind: str, accept: str | None, fmt_param: str | None) -> tuple[str, str]:
    """Pick (serializer format, content type) for a SELECT/ASK (``kind`` SELECT) or ``GRAPH`` result."""
    table = SELECT_TYPES if kind == "SELECT" else GRAPH_TYPES
    default = "json" if kind == "SELECT" else "turtle"
    if fmt_param:
        f = fmt_param.strip().lower()
        f = table.get(f, FORMAT_ALIASES.get(f, ""))
        if f and (kind, f) in CONTENT_TYPES:
            return f, CONTENT_TYPES[(kind, f)]
    if not accept:
        return default, CONTENT_TYPES[(kind, default)]
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(b[2:])
        if mt and q > 0:
            ranked.append((-q, i, mt))
    for _, _, mt in sorted(ranked):
        if mt in table:
            return table[mt], CONTENT_TYPES[(kind, table[mt])]
        if mt in ("*/*", "application/*", "text/*"):
            return default, CONTENT_TYPES[(kind, default)]
    raise NotAcceptable(f"none of the accepted types ({accept}) is offered; try {', '.join(table)}")


# --------------------------------------------------------------------------------------------- workers


def _die_with_parent() -> None:
    # Linux: if the server is SIGKILLed, take the worker (maybe mid-query) down with it.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort, other platforms rely on the EOF of the pipe
        pass


def _worker_main(conn: Any, source: str, store: str | None) -> None:
    """Worker process: load the graph once, then answer (sparql, fmt, max_rows) requests until EOF."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops us
    from kg.graph import KnowledgeGraph

    try:
        kg = KnowledgeGraph.load(source, store=store, read_only=True)
    except Exception as e:  # noqa: BLE001 - reported to the parent, which refuses to start
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", kg.store.graph_names()))
    while True:
        try:
            sparql, fmt, max_rows = conn.recv()
        except (EOFError, OSError):
            return
        try:
            res = kg.store.query(sparql, limit=max_rows)
            conn.send(("ok", res.serialize(fmt), res.truncated))
        except QueryError as e:
            conn.send(("error", e.status, str(e)))
        except Exception as e:  # noqa: BLE001 - a broken query must not kill the worker
            conn.send(("error", 500, f"{type(e).__name__}: {e}"))


@dataclass
class _Worker:
    proc: Any
    conn: Any


class QueryTimeout(Exception):
    """The query ran longer than the time limit (its worker was killed and replaced)."""


class Busy(Exception):
    """No worker became free in time."""


class WorkerPool:
    """Worker processes that each hold the graph; one query at a time per worker, killed on timeout."""

    def __init__(
        self,
        source: str,
        store: str | None = None,
        workers: int = 2,
        timeout: float = 30.0,
        max_rows: int = 10_000,
        start_timeout: float = 600.0,
    ) -> None:
        self.source, self.store = source, store
        self.size, self.timeout, self.max_rows = max(1, workers), timeout, max_rows
        self.start_timeout = start_timeout
        self.graphs: set[str] = set()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[Any] = set()
        self._lock = threading.Lock()
        self._ctx = mp.get_context("spawn")  # no fork: the server process has threads
        self._closed = False
        self._respawn: queue.Queue[bool | None] = queue.Queue()
        threading.Thread(target=self._spawner, name="kg-serve-spawner", daemon=True).start()

    def start(self) -> None:
        """Start all workers and wait until they have loaded the graph (raises if loading fails)."""
        pending = [self._spawn() for _ in range(self.size)]
        for w in pending:
            self._await_ready(w)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        p = self._ctx.Process(target=_worker_main, args=(child, self.source, self.store), daemon=True)
        p.start()
        child.close()
        w = _Worker(p, parent)
        with self._lock:
            self._all.add(w.proc)
        return w

    def _await_ready(self, w: _Worker) -> None:
        if not w.conn.poll(self.start_timeout):
            self._kill(w)
            raise RuntimeError(f"query worker did not load {self.source} within {self.start_timeout:.0f} s")
        try:
            msg = w.conn.recv()
        except EOFError:
            self._kill(w)
            raise RuntimeError(f"query worker died while loading {self.source}") from None
        if msg[0] != "ready":
            self._kill(w)
            raise RuntimeError(f"query worker could not load {self.source}: {msg[1]}")
        self.graphs.update(msg[1])
        self._idle.put(w)

    def _replace(self) -> None:
        """Ask the spawner thread for a fresh worker; it reloads the graph while the others keep serving."""
        self._respawn.put(True)

    def _spawner(self) -> None:
        # One long-lived thread starts all replacements: PR_SET_PDEATHSIG fires when the *thread* that
        # started a process exits, so a short-lived thread per respawn would kill its own worker.
        while not self._closed:
            if self._respawn.get() is None:
                return
            while not self._closed:
                try:
                    self._await_ready(self._spawn())
                    break
                except RuntimeError:
                    time.sleep(1.0)

    def _kill(self, w: _Worker) -> None:
        with contextlib.suppress(Exception):
            w.proc.kill()
            w.proc.join(5)
        with contextlib.suppress(Exception):
            w.conn.close()
        with self._lock:
            self._all.discard(w.proc)

    def run(self, sparql: str, fmt: str) -> tuple[bytes, bool]:
        """Run one (already checked) query; -> (serialized result, truncated). Raises QueryTimeout / Busy."""
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy(f"all {self.size} query workers are busy; try again") from None
        try:
            w.conn.send((sparql, fmt, self.max_rows))
            if not w.conn.poll(self.timeout):
                self._kill(w)
                self._replace()
                w = None
                raise QueryTimeout(f"query exceeded the time limit of {self.timeout:g} s and was stopped")
            msg = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if w is not None:
                self._kill(w)
                self._replace()
                w = None
            raise RuntimeError("query worker crashed (out of memory?)") from None
        finally:
            if w is not None:
                self._idle.put(w)
        if msg[0] == "ok":
            return msg[1], msg[2]
        err = QueryError(msg[2])
        err.status = msg[1]
        raise err

    def close(self) -> None:
        self._closed = True
        self._respawn.put(None)
        with self._lock:
            procs = list(self._all)
        for p in procs:
            with contextlib.suppress(Exception):
                p.kill()
                p.join(5)


# --------------------------------------------------------------------------------------------- HTTP app

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


async def _read_body(request: Any, limit: int) -> bytes | None:
    """The request body, read as a stream and abandoned once it passes ``limit`` bytes (-> None): a huge
    POST costs the server at most ``limit`` bytes of memory and reading, whether or not it declares its
    Content-Length (chunked uploads)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(pool: WorkerPool, *, max_query_bytes: int = 100_000, allowed_hosts: list[str] | None = None):
    """The Starlette application around a started :class:`WorkerPool`."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    page_html, app_js_text = template("query.html"), template("query.js")

    def text(status: int, msg: str, **headers: str) -> Response:
        return PlainTextResponse(msg + "\n", status_code=status, headers={**SECURITY_HEADERS, **headers})

    async def page(request: Request) -> Response:
        return Response(
            page_html,
            media_type="text/html; charset=utf-8",
            headers={**SECURITY_HEADERS, "Content-Security-Policy": PAGE_CSP},
        )

    async def app_js(request: Request) -> Response:
        return Response(app_js_text, media_type="text/javascript; charset=utf-8", headers=SECURITY_HEADERS)

    async def sparql(request: Request) -> Response:
        params = request.query_params
        query: str | None = None
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await _read_body(request, max_query_bytes + 1024)
            if body is None:  # refused before the rest is read; the connection is closed, not drained
                return text(413, f"request larger than {max_query_bytes} bytes", Connection="close")
            if ctype == "application/sparql-update":
                return text(403, "SPARQL Update is not allowed: this endpoint is read-only")
            if ctype == "application/sparql-query":
                query = body.decode("utf-8", errors="replace")
            elif ctype == "application/x-www-form-urlencoded":
                # stdlib parsing of the urlencoded body (Starlette's form() would need python-multipart)
                form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", errors="replace")).items()}
                if "update" in form:
                    return text(403, "SPARQL Update is not allowed: this endpoint is read-only")
                query = form.get("query")
                params = {**dict(params), **form}
            else:
                return text(
                    415, "POST a query as application/sparql-query or application/x-www-form-urlencoded"
                )
        else:
            if "update" in params:
                return text(403, "SPARQL Update is not allowed: this endpoint is read-only")
            query = params.get("query")
        if not query:
            return text(400, "missing 'query' parameter")
        if len(query.encode("utf-8")) > max_query_bytes:
            return text(413, f"query longer than {max_query_bytes} bytes")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return text(
                400, "default-graph-uri / named-graph-uri are not supported: use FROM / GRAPH in the query"
            )
        try:
            info = await run_in_threadpool(check_query, query, pool.graphs)
        except QueryError as e:
            return text(e.status, str(e))
        kind = "SELECT" if info.type in ("SELECT", "ASK") else "GRAPH"
        fmt_param = params.get("format") or params.get("output") or params.get("results")
        try:
            fmt, ctype = negotiate(kind, request.headers.get("accept"), fmt_param)
        except NotAcceptable as e:
            return text(406, str(e))
        if info.type == "ASK" and fmt == "tsv":
            fmt, ctype = "json", CONTENT_TYPES[("SELECT", "json")]
        try:
            body, truncated = await run_in_threadpool(pool.run, query, fmt)
        except QueryTimeout as e:
            return text(503, str(e), **{"Retry-After": "1"})
        except Busy as e:
            return text(503, str(e), **{"Retry-After": "5"})
        except QueryError as e:
            return text(getattr(e, "status", 400), str(e))
        except RuntimeError as e:
            return text(500, str(e))
        headers = dict(SECURITY_HEADERS)
        if truncated:
            headers["X-SPARQL-MaxRows"] = str(pool.max_rows)
        charset = "" if fmt == "json-ld" else "; charset=utf-8"
        return Response(body, media_type=ctype + charset, headers=headers)

    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]", "::1"]
    return Starlette(
        routes=[
            Route("/", page),
            Route("/app.js", app_js),
            Route("/sparql", sparql, methods=["GET", "POST"]),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
    )


def serve(
    source: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    store: str | None = None,
    workers: int = 2,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    log_level: str = "info",
    ready: Any = None,
) -> None:
    """Load ``source`` into the worker pool and serve it until interrupted.

    ``store`` ``oxigraph:PATH`` with a file/folder ``source``: the files are loaded into that store first,
    then the workers open it read-only. ``ready`` (optional callable) is called with the bound URL.
    """
    import uvicorn

    if (
        store
        and store.startswith("oxigraph:")
        and store != "oxigraph:"
        and not source.startswith("oxigraph:")
    ):
        from kg.graph import KnowledgeGraph

        with KnowledgeGraph.load(source, store=store):
            pass
        source, store = store, None
    pool = WorkerPool(source, store=store, workers=workers, timeout=timeout, max_rows=max_rows)
    pool.start()
    hosts = None
    if host not in ("127.0.0.1", "localhost", "::1"):
        hosts = ["*"]  # the user chose to expose it; Host checks would only get in the way
    app = create_app(pool, allowed_hosts=hosts)
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=log_level == "debug")
    server = uvicorn.Server(config)
    if ready is not None:
        ready(f"http://{host}:{port}/sparql")
    try:
        server.run()
    finally:
        pool.close()
