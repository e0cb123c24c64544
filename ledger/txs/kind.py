"""A transaction kind declares itself: everything the rest of the system needs to know about it.

Each kind's module ends with `KINDS = (TxKind(...), ...)`. From those declarations alone come the
dispatch table and the signer-roles table (`cets.ledger.txs`), the CLI's domain commands
(`cets.clients`), and the article map in the docs (tests/test_kinds.py checks the docs against
them). Adding a kind means: its message in the proto (a `TxBody` oneof field in its domain's
range), its module with a handler and a declaration, its tests; nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from cets.ledger.txs.common import TxContext

Handler = Callable[[TxContext, object], None]

# Each domain owns a range of TxBody's `payload` oneof field numbers (proto/cets/v1/ledger.proto).
DOMAIN_FIELD_RANGES: dict[str, range] = {
    "registry": range(10, 100),
    "mrv": range(100, 200),
    "market": range(200, 300),
    "supervision": range(300, 400),
}


@dataclass(frozen=True)
class Cli:
    """A domain command of the `cets` CLI for this kind, e.g. `cets transfer --from A --to B ...`.

    `flags` maps a flag (without dashes) to the payload field it fills, dotted for nested fields
    ("unit.vintage"); every flag is required but those in `optional`; `fixed` sets payload fields
    the command always sets ("unit.product": "PRODUCT_CEA"). Every other payload field stays
    reachable through `cets submit KIND --field value` or a file."""

    command: str
    help: str
    flags: Mapping[str, str]
    fixed: Mapping[str, object] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TxKind:
    name: str  # the TxBody `payload` oneof field that carries it
    domain: str  # registry, mrv, market or supervision: its module lives in cets.ledger.txs.<domain>
    handler: Handler  # checks first in a fixed order, mutates last
    signers: frozenset[int]  # the roles that may sign it (Role values)
    articles: tuple[str, ...]  # the articles of the draft measures it implements ("15", "27-28")
    summary: str  # one line, for the CLI's help and the docs
    cli: Cli | None = None  # a domain command, if it has one
    # For the one kind signed by nobody registered (a whistle-blower's report, art. 40): checks the
    # self-certifying signer (a key the transaction itself carries) and returns it as a participant
    # without a role; raises Rejection. ledger/machine.py calls it instead of the key registry.
    anonymous_signer: Callable[[object, object], object] | None = None
