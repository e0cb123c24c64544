"""Every transaction kind, collected from the declarations of its domain's modules.

Kinds are grouped by domain (`registry`, `mrv`, `market`, `supervision`), each a subpackage whose
modules declare `KINDS` (see `kind.py`). `KINDS`, `HANDLERS` (the one dispatch table) and
`SIGNER_ROLES` (who may sign what) are built from those declarations and nothing else;
tests/test_kinds.py checks that every payload of `TxBody` has exactly one declaration, in the
domain whose field-number range holds it.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import MappingProxyType
from typing import Mapping

from cets.ledger.txs.kind import DOMAIN_FIELD_RANGES, Handler, TxKind


def _collect() -> dict[str, TxKind]:
    kinds: dict[str, TxKind] = {}
    for domain in DOMAIN_FIELD_RANGES:
        package = importlib.import_module(f"{__name__}.{domain}")
        for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for kind in getattr(module, "KINDS", ()):
                assert kind.domain == domain, f"{kind.name}: declared in {domain}/ but says {kind.domain}"
                assert kind.name not in kinds, f"{kind.name}: declared twice"
                kinds[kind.name] = kind
    return kinds


KINDS: Mapping[str, TxKind] = MappingProxyType(_collect())
HANDLERS: Mapping[str, Handler] = MappingProxyType({name: kind.handler for name, kind in KINDS.items()})
SIGNER_ROLES: Mapping[str, frozenset[int]] = MappingProxyType({name: kind.signers for name, kind in KINDS.items()})
