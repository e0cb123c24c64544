"""The chain: `cets head`, `cets block N`, `cets tx ID [--proof]`, `cets evidence`, and `cets proof
verify FILE` (a saved proof checked offline from the genesis hash alone)."""

from __future__ import annotations

import pathlib
import sys

from cets.v1 import messages as pb
from cets.clients import render
from cets.clients.cli.common import Common, client, genesis_hash, output, positive_int, tx_id


def register(commands, common: Common) -> None:
    common.command(commands, "head", "the chain head").set_defaults(handler=_head)
    common.command(commands, "evidence", "faults this node found (invalid blocks, conflicting headers)").set_defaults(handler=_evidence)
    block = common.command(commands, "block", "a block by height")
    block.add_argument("height", type=positive_int)
    block.set_defaults(handler=_block)
    _register_tx(commands, common)
    _register_proof(commands)


def _register_tx(commands, common: Common) -> None:
    tx = common.command(commands, "tx", "a transaction's status by id (hex)")
    tx.add_argument("tx_id", type=tx_id)
    tx.add_argument("--proof", action="store_true", help="fetch and check the proof that its block's signed header commits to it")
    tx.add_argument("--expect-genesis", type=genesis_hash, help="with --proof: the hex genesis hash pinned, the proof's only trust root")
    tx.add_argument("--save", type=pathlib.Path, help="with --proof: write the checked proof to this file (cets proof verify checks it offline)")
    tx.set_defaults(handler=_tx)


def _register_proof(commands) -> None:
    proof = commands.add_parser("proof", help="saved proofs").add_subparsers(dest="proof_command", required=True)
    verify = proof.add_parser("verify", help="check a saved proof (cets tx ID --proof --save FILE) offline, from the genesis hash alone")
    verify.add_argument("file", type=pathlib.Path)
    verify.add_argument("--expect-genesis", type=genesis_hash, required=True, help="hex genesis hash pinned: the proof's only trust root")
    verify.add_argument("--tx", type=tx_id, help="the hex id of the transaction the proof must be of")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=_proof_verify)


def _head(args) -> int:
    with client(args) as node:
        head = node.head()
    output(args, {"height": head.height, "hash": head.hash.hex(), "chain_id": head.chain_id, "final_height": head.final_height})
    return 0


def _evidence(args) -> int:
    with client(args) as node:
        document = [render.to_dict(evidence) for evidence in node.evidence()]
    if document or args.json:
        output(args, document)
    else:
        print("no evidence: this node has found no fault")
    return 0


def _block(args) -> int:
    with client(args) as node:
        block = node.block(args.height)
    header = pb.BlockHeader.FromString(block.header)
    document = render.hex_fields(render.to_dict(header), "prev_hash", "tx_root", "result_root", "state_root")
    document["results"] = [render.code_name(r.code) for r in block.results]
    document["tx_ids"] = [r.tx_id.hex() for r in block.results]  # for `cets tx`
    document["signatures"] = [s.key_id for s in block.signatures]
    output(args, document)
    return 0


def _tx(args) -> int:
    """The receipt; with --proof, what the proof covers. Exit 1: unknown to the node, or a proof refused."""
    if args.save and not args.proof:
        args.parser.error("--save writes a checked proof: give --proof too")
    with client(args) as node:
        if args.proof:
            from cets.clients.proofcheck import check_online

            document, status = check_online(node, args.tx_id, args.expect_genesis, args.save)
        else:
            receipt = node.transaction(args.tx_id).receipt
            document = render.receipt_dict(receipt)
            status = 1 if receipt.status == pb.TX_STATUS_UNKNOWN else 0  # neither in a block nor pending on this node
    output(args, document)
    if status and "proof" in document:
        _proof_refused(document)
    elif status:
        print(f"error: transaction {args.tx_id.hex()} is unknown to this node", file=sys.stderr)
    return status


def _proof_verify(args) -> int:
    from cets.clients.proofcheck import check_file

    document, status = check_file(args.file, args.expect_genesis, args.tx)
    output(args, document)
    if status:
        _proof_refused(document)
    return status


def _proof_refused(document: dict) -> None:
    print(f"error: proof refused ({document['proof']['reason']}): {document['proof']['problem']}", file=sys.stderr)
