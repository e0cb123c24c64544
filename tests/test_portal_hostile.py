"""Hostile requests to the public portal: each gets a page with its reason (400, or 404, 405 as
HTTP says), every value it echoes escaped, and changes nothing; the node keeps serving, over HTTP
and gRPC. Requests are sent byte for byte as written (tests/test_portal.py's `fetch`): no client
normalizes a path or encodes a query on the way."""

from __future__ import annotations

import asyncio
import hashlib
import re

import pytest
import pytest_asyncio

from cets.ledger import tables as t
from cets.node.portal import query, server
from tests.test_portal import fetch, start_public_node

pytestmark = pytest.mark.asyncio(loop_scope="module")

HOSTILE = [
    # (request target, status, reason)
    ("/compliance?year=" + "9" * 5_000, 400, "QUERY_TOO_LONG"),
    ("/compliance?province=" + "%41" * 400, 400, "QUERY_TOO_LONG"),
    ("/compliance?year=%E5%B9%B4", 400, "PARAMETER_INVALID"),  # 年, percent-encoded
    ("/compliance?year=%C2%B2", 400, "PARAMETER_INVALID"),  # a superscript two, which str.isdigit takes
    ("/compliance?year=%FF", 400, "QUERY_MALFORMED"),  # not UTF-8
    ("/compliance?province=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400, "PARAMETER_INVALID"),
    ("/compliance?province=<script>alert(1)</script>", 400, "PARAMETER_INVALID"),
    ("/compliance?year=2025%27%20OR%201%3D1--", 400, "PARAMETER_INVALID"),
    ("/compliance?province=44';DROP%20TABLE%20compliance;--", 400, "PARAMETER_INVALID"),
    ("/compliance?status=A%22%20onmouseover%3D%22x", 400, "PARAMETER_INVALID"),
    ("/compliance?year=0", 400, "PARAMETER_INVALID"),
    ("/compliance?year=-1", 400, "PARAMETER_INVALID"),
    ("/compliance?year=02025", 400, "PARAMETER_INVALID"),
    ("/compliance?status=D", 400, "PARAMETER_INVALID"),
    ("/compliance?size=0", 400, "PARAMETER_INVALID"),
    ("/compliance?size=100000", 400, "PARAMETER_INVALID"),
    ("/compliance?year", 400, "QUERY_MALFORMED"),
    ("/compliance?year=2025&&size=1", 400, "QUERY_MALFORMED"),
    ("/compliance?year=2024&year=2025", 400, "PARAMETER_REPEATED"),
    ("/compliance?page=&page=", 400, "PARAMETER_REPEATED"),
    ("/compliance?callback=alert", 400, "PARAMETER_UNKNOWN"),
    ("/compliance?%00=1", 400, "PARAMETER_UNKNOWN"),
    ("/gases?year=2025", 400, "PARAMETER_UNKNOWN"),  # the gases table takes no year
    ("/?format=json", 400, "PARAMETER_UNKNOWN"),
    ("/compliance?format=xml", 400, "FORMAT_UNKNOWN"),
    ("/compliance?format=%3Cb%3E", 400, "FORMAT_UNKNOWN"),
    ("/compliance.csv?format=json", 400, "FORMAT_CONFLICT"),
    ("/compliance?page=../../etc/passwd", 400, "PAGE_TOKEN_INVALID"),
    ("/compliance?page=AAAA", 400, "PAGE_TOKEN_INVALID"),  # base64, but of no key of this table
    ("/compliance?page=%F0%9F%92%A9", 400, "PAGE_TOKEN_INVALID"),
    ("/cancellations?page=1", 400, "PAGE_TOKEN_INVALID"),  # an offset, on a table paged by key
    ("/gases?page=99", 400, "PAGE_TOKEN_INVALID"),  # past the end
    ("/gases?page=01", 400, "PAGE_TOKEN_INVALID"),  # not how an offset is written
    ("/gases?page=" + "A" * 600, 400, "PAGE_TOKEN_INVALID"),
    ("/../../etc/passwd", 400, "PATH_INVALID"),
    ("/%2e%2e/%2e%2e/etc/passwd", 400, "PATH_INVALID"),
    ("/compliance/../../etc/passwd", 400, "PATH_INVALID"),
    ("//compliance", 400, "PATH_INVALID"),
    ("/compliance%00.json", 400, "PATH_INVALID"),
    ("/COMPLIANCE", 400, "PATH_INVALID"),
    ("/" + "a" * 200, 400, "PATH_INVALID"),
    ("/compliance.xml", 404, "NOT_FOUND"),
    ("/market.json", 404, "NOT_FOUND"),
    ("/etc-passwd", 404, "NOT_FOUND"),
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def running(tmp_path_factory):
    node = await start_public_node(tmp_path_factory.mktemp("hostile") / "node")
    yield node
    await node.stop()


def state_digest(running) -> tuple[int, str]:
    """The head height and a hash of every state record: what a read-only portal must not change."""
    digest = hashlib.sha256()
    with running.node.store.reader() as reader:
        for table in t.TABLES:
            for key, value in reader.scan(table.prefix):
                digest.update(len(key).to_bytes(4, "big") + key + len(value).to_bytes(4, "big") + value)
        return reader.height, digest.hexdigest()


async def still_serving(running) -> None:
    assert (await fetch(running.node.portal.port, "/")).status == 200
    assert (await running.client.head()).height == running.node.store.head()[0]


@pytest.mark.parametrize(("target", "status", "reason"), HOSTILE, ids=[reason + ":" + target[:40] for target, _, reason in HOSTILE])
async def test_a_hostile_request_gets_a_page_with_its_reason_and_changes_nothing(running, target, status, reason):
    before = state_digest(running)
    response = await fetch(running.node.portal.port, target)
    assert (response.status, response.headers.get("x-cets-reason")) == (status, reason), response.text[:400]
    page = response.text
    assert f'<code id="reason">{reason}</code>' in page
    assert re.search(r'<p id="detail">[^<]+</p>', page), "the page says what was wrong"
    assert "<script" not in page and "onmouseover=" not in page.replace("onmouseover=&quot;", "")
    assert response.headers["content-type"].startswith("text/html") and response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff" and "default-src 'none'" in response.headers["content-security-policy"]
    assert state_digest(running) == before
    await still_serving(running)


@pytest.mark.parametrize("target", ["/compliance?year=年".encode(), b"/compliance?year=2025\x01", "/合规".encode()])
async def test_raw_bytes_no_url_may_hold_are_refused_before_any_handler(running, target):
    """aiohttp's parser refuses them with its own 400, saying which character (query.py would too)."""
    before = state_digest(running)
    response = await fetch(running.node.portal.port, target)
    assert response.status == 400 and b"Invalid" in response.body, response.body[:200]
    assert state_digest(running) == before
    await still_serving(running)


async def test_an_echoed_value_is_escaped(running):
    response = await fetch(running.node.portal.port, "/compliance?province=%3Cb%3Ebold%3C%2Fb%3E")
    assert "&lt;b&gt;bold&lt;/b&gt;" in response.text and "<b>bold" not in response.text


async def test_a_request_line_longer_than_the_servers_bound_is_refused_before_any_handler(running):
    target = "/compliance?year=" + "9" * (server.LINE_BYTES_MAX + 10)
    response = await fetch(running.node.portal.port, target)
    assert response.status == 400 and len(target) > query.QUERY_CHARS_MAX  # aiohttp's own refusal: the line is too long
    await still_serving(running)


async def test_too_many_headers_are_refused(running):
    headers = b"".join(b"X-Filler-%d: 1\r\n" % number for number in range(server.HEADER_COUNT_MAX + 5))
    assert (await fetch(running.node.portal.port, "/", extra=headers)).status == 400
    await still_serving(running)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
async def test_the_portal_is_read_only_other_methods_get_405_with_allow(running, method):
    before = state_digest(running)
    response = await fetch(running.node.portal.port, "/compliance", method=method, extra=b"Content-Length: 0\r\n")
    assert (response.status, response.headers.get("x-cets-reason"), response.headers.get("allow")) == (405, "METHOD_NOT_ALLOWED", "GET, HEAD")
    assert state_digest(running) == before


async def test_head_answers_the_headers_without_a_body(running):
    response = await fetch(running.node.portal.port, "/gases.csv", method="HEAD")
    assert response.status == 200 and response.body == b"" and response.headers["content-type"].startswith("text/csv")


async def test_a_burst_beyond_the_bound_in_flight_gets_busy_or_an_answer_never_anything_else(running):
    port = running.node.portal.port
    responses = await asyncio.gather(*[fetch(port, "/compliance.json?size=500") for _ in range(3 * server.IN_FLIGHT_MAX)])
    assert {(r.status, r.headers.get("x-cets-reason")) for r in responses} <= {(200, None), (503, "BUSY")}
    await still_serving(running)
