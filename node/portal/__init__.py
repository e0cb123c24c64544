"""The public portal (arts. 15, 35, 37-39): a small read-only web site over HTTP, beside gRPC, in
the node's own event loop, with no credentials and nothing confidential in it.

`server.py` serves it (aiohttp: limits, security headers, errors as pages); `query.py` checks the
query string; `table.py` declares a public table and pages it; `render.py` writes HTML, CSV and
JSON; one module per group of pages declares its tables: `coverage.py` (gases, sectors, the
key-emitter list), `rules.py` (allocation methods, rulebook versions), `compliance.py` (the
compliance table, fines), `registry.py` (cancellations, supply). Every page is read from one
snapshot of the store through the core's queries and shows the height it was read at.
"""

from __future__ import annotations

from cets.node.portal.server import Portal

__all__ = ["Portal"]
