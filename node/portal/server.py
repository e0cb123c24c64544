"""The portal's HTTP server: aiohttp in the node's own event loop, GET and HEAD only, bounded.

Bounds: a request line and each header at most 8 KiB and 32 headers (aiohttp refuses more with
its own 400 before any handler runs), a query string at most `query.QUERY_CHARS_MAX` characters
(our 400 page), no request body is ever read (`client_max_size` 1 KiB besides), at most
`IN_FLIGHT_MAX` requests at once (more get 503 BUSY), and the reads themselves on
`READ_THREADS` threads of the portal's own, so that the portal never takes the threads or the
loop time that gRPC and block production need. Every response carries the security headers of
`SECURITY_HEADERS` and a cache policy: data pages may be kept `DATA_MAX_AGE_S` seconds (a block
comes every few milliseconds under load; five seconds late is fine for disclosure), refusals never.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
from dataclasses import dataclass

import structlog
from aiohttp import web

from cets.v1 import messages as pb
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.node.portal import query, render, site
from cets.node.portal.query import PortalError
from cets.node.portal.table import Filters, PublicTable, Snapshot

log = structlog.get_logger("cets.portal")

IN_FLIGHT_MAX = 32
READ_THREADS = 2
REQUEST_BYTES_MAX = 1_024
LINE_BYTES_MAX = 8_190
HEADER_COUNT_MAX = 32
KEEPALIVE_S = 15.0
SHUTDOWN_S = 2.0
DATA_MAX_AGE_S = 5
STYLE_MAX_AGE_S = 3_600

SECURITY_HEADERS = {
    # No script, no frame, no plugin; styles and forms from this origin only.
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                "base-uri 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Server": "cets",  # not the library's name and version
}
CONTENT_TYPES = {"html": "text/html", "csv": "text/csv", "json": "application/json"}


@dataclass(frozen=True)
class Answer:
    """A page as the read thread made it."""

    text: str
    format: str
    height: int
    filename: str = ""


class ProtocolLog:
    """Where aiohttp reports a request it could not parse (a request line or a header over the
    bounds, a byte no URL may hold), which it answers with its own 400: one line each, never a
    traceback. A stranger's malformed request is no failure of the node's and must not flood its
    log. (Handler errors never come here: `Portal._guard` answers them.)"""

    def debug(self, *args, **kwargs) -> None:
        pass

    def exception(self, message: str, *args, exc_info: BaseException | None = None, **kwargs) -> None:
        text = getattr(exc_info, "message", "") or str(exc_info or "")
        detail = next((line.strip() for line in str(text).splitlines() if line.strip()), "")
        log.info("portal refused an unparsable request", error=type(exc_info).__name__, detail=detail[:200])


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host.strip("[]"), int(port)


class Portal:
    """The public portal of a node: `await start()`, then `port`; `await stop()` before the store closes."""

    def __init__(self, store: Store, address: str) -> None:
        self.store = store
        self.address = address
        self.port = 0
        self.in_flight = 0
        self._runner: web.AppRunner | None = None
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._block_time: tuple[int, int] = (-1, 0)  # (height, its block time): the last one asked

    # -- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        host, port = split_address(self.address)
        try:
            sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET, backlog=128)
        except OSError as error:
            raise SystemExit(f"--public {self.address}: cannot listen ({error.strerror or error})") from None
        self.port = sock.getsockname()[1]
        app = web.Application(client_max_size=REQUEST_BYTES_MAX, middlewares=[self._guard])
        app.on_response_prepare.append(_secure)
        app.router.add_get("/{path:.*}", self._dispatch)
        self._executor = concurrent.futures.ThreadPoolExecutor(READ_THREADS, thread_name_prefix="portal")
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=SHUTDOWN_S,
                                     keepalive_timeout=KEEPALIVE_S, max_line_size=LINE_BYTES_MAX, max_field_size=LINE_BYTES_MAX,
                                     max_headers=HEADER_COUNT_MAX, logger=ProtocolLog())
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        log.info("public portal serving", url=self.url)

    @property
    def url(self) -> str:
        host, _ = split_address(self.address)
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}/"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._executor is not None:
            self._executor.shutdown(wait=True)  # no read outlives the store
            self._executor = None

    # -- requests -------------------------------------------------------------------------------
    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        """Bound the requests in flight; turn every refusal into a page with its reason."""
        if self.in_flight >= IN_FLIGHT_MAX:
            return _refusal(PortalError(503, "BUSY", f"more than {IN_FLIGHT_MAX} requests at once: try again shortly"))
        self.in_flight += 1
        try:
            return await handler(request)
        except PortalError as error:
            return _refusal(error)
        except web.HTTPMethodNotAllowed:
            response = _refusal(PortalError(405, "METHOD_NOT_ALLOWED", f"method {query.shown(request.method)}: the portal is read-only (GET, HEAD)"))
            response.headers["Allow"] = "GET, HEAD"
            return response
        except web.HTTPException as error:
            return _refusal(PortalError(error.status, "REFUSED", error.reason))
        except Exception:  # noqa: BLE001 - the one place a page's failure becomes a fixed 500 and a log line
            log.exception("portal page failed", path=request.path)
            return _refusal(PortalError(500, "INTERNAL", "internal error"))
        finally:
            self.in_flight -= 1

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path, raw_query = query.split_path(request.raw_path)
        name, suffix = query.check_path(path)
        if (name, suffix) == ("style", "css"):
            query.parse_query(raw_query, ())
            return web.Response(text=render.STYLE, content_type="text/css", headers={"Cache-Control": f"public, max-age={STYLE_MAX_AGE_S}"})
        table = site.TABLES.get(name)
        if name in site.PAGES and not suffix:
            query.parse_query(raw_query, ())
            answer = await self._read(lambda snapshot: self._plain_page(name, snapshot))
        elif table is not None and suffix in ("", "csv", "json"):
            answer = await self._table(table, suffix, raw_query)
        else:
            raise PortalError(404, "NOT_FOUND", f"no page {query.shown(path)}: see the list on the home page")
        return _answer(answer)

    async def _table(self, table: PublicTable, suffix: str, raw_query: str) -> Answer:
        """Check every parameter, then read and render the page in one snapshot."""
        parameters = query.parse_query(raw_query, table.parameters)
        fmt = query.format_of(suffix, parameters)
        year = query.year_parameter(parameters, default=0)
        province, status = query.province_parameter(parameters), query.status_parameter(parameters)
        size, token = query.size_parameter(parameters), query.page_parameter(parameters)

        def make(snapshot: Snapshot) -> Answer:
            filters = Filters(year=(year or snapshot.default_year) if "year" in table.filters else 0, province=province, status=status)
            rows = table.check(table.read(snapshot, filters, token, size))
            if fmt == "csv":
                return Answer(render.csv_text(table, rows), fmt, snapshot.height, _filename(table, filters, snapshot, "csv"))
            if fmt == "json":
                return Answer(render.json_text(table, rows, snapshot, filters, size), fmt, snapshot.height)
            body = render.table_page(table, rows, snapshot, filters, size, site.group_of(table))
            return Answer(render.document(table.title, body, site.NAV, table.group), fmt, snapshot.height)

        return await self._read(make)

    def _plain_page(self, name: str, snapshot: Snapshot) -> Answer:
        if name == "market":
            return Answer(render.document("Market", site.market(snapshot), site.NAV, "market"), "html", snapshot.height)
        body = site.home(snapshot, site.genesis_hash_of(self.store.genesis()))
        return Answer(render.document("Public disclosure", body, site.NAV, "home"), "html", snapshot.height)

    async def _read(self, make) -> Answer:
        """Run `make(snapshot)` on a read thread, over one snapshot of the store."""
        def in_snapshot() -> Answer:
            with self.store.reader() as reader:
                height = reader.height
                snapshot = Snapshot(reader, height, self._time_at(height), State(reader).chain_id())
                return make(snapshot)

        return await asyncio.get_running_loop().run_in_executor(self._executor, in_snapshot)

    def _time_at(self, height: int) -> int:
        """The block time at `height` (the genesis time at 0): blocks never change their header."""
        cached_height, cached_time = self._block_time
        if cached_height == height:
            return cached_time
        if height == 0:
            time_ms = pb.Genesis.FromString(self.store.genesis()).time_ms
        else:
            time_ms = pb.BlockHeader.FromString(pb.Block.FromString(self.store.block(height)).header).time_ms
        self._block_time = (height, time_ms)
        return time_ms


def _filename(table: PublicTable, filters: Filters, snapshot: Snapshot, suffix: str) -> str:
    year = f"-{filters.year}" if filters.year else ""
    return f"{table.name}{year}-h{snapshot.height}.{suffix}"


def _answer(answer: Answer) -> web.Response:
    headers = {"Cache-Control": f"public, max-age={DATA_MAX_AGE_S}", "X-Cets-Height": str(answer.height)}
    if answer.filename:
        headers["Content-Disposition"] = f'attachment; filename="{answer.filename}"'
    return web.Response(text=answer.text, content_type=CONTENT_TYPES[answer.format], charset="utf-8", headers=headers)


def _refusal(error: PortalError) -> web.Response:
    body = render.document(f"{error.status} {error.reason}", render.error_body(error.status, error.reason, error.detail), site.NAV, "")
    return web.Response(status=error.status, text=body, content_type="text/html", charset="utf-8",
                        headers={"Cache-Control": "no-store", "X-Cets-Reason": error.reason})


async def _secure(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    response.headers.setdefault("Cache-Control", "no-store")
