"""Every message and enum of the wire contract `cets.v1`, in one namespace.

The proto package `cets.v1` is one namespace, split into files by domain: `types.proto` (shared
enums, units, the rulebook), `registry.proto` (the registry's payloads and events), `ledger.proto`
(transactions, results, blocks, state records), `proofs.proto`, and later `mrv.proto`,
`market.proto` and `supervision.proto`. protoc makes one Python module per file; code imports
this module as `pb` and names things as the proto does (`pb.Transfer`, `pb.ROLE_MINISTRY`),
whichever file declares them, so moving a message between files changes no caller. Nothing here
is generated: it only re-exports the generated modules (which are never edited by hand), and it
refuses a name that two files declare.
"""

from __future__ import annotations

from cets.v1 import (
    certificates_pb2, enforcement_pb2, history_pb2, ledger_pb2, market_pb2, mrv_pb2, proofs_pb2, registry_pb2, supervision_pb2,
    tips_pb2, types_pb2,
)

# The files of the contract, in dependency order.
FILES = (types_pb2.DESCRIPTOR, registry_pb2.DESCRIPTOR, mrv_pb2.DESCRIPTOR, supervision_pb2.DESCRIPTOR, enforcement_pb2.DESCRIPTOR, tips_pb2.DESCRIPTOR,
         market_pb2.DESCRIPTOR, ledger_pb2.DESCRIPTOR, proofs_pb2.DESCRIPTOR, history_pb2.DESCRIPTOR, certificates_pb2.DESCRIPTOR)


def _export(*modules) -> None:
    namespace = globals()
    for module in modules:
        for name, value in vars(module).items():
            if name.startswith("_") or name == "DESCRIPTOR" or "_dot_" in name:
                continue  # protoc's own imports and helpers, and each file's descriptor (see FILES)
            assert namespace.get(name, value) is value, f"cets.v1: {name} is declared by two files"
            namespace[name] = value


_export(types_pb2, registry_pb2, mrv_pb2, supervision_pb2, enforcement_pb2, tips_pb2, market_pb2, ledger_pb2, proofs_pb2, history_pb2,
        certificates_pb2)
