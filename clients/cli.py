"""The `cets` command line: run a node, run the demo, audit a chain, query a node.

Every command takes --json for scripts; exit status 0 means success, 1 a failed check or a
refused request, 2 a usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pathlib
import sys

from cets.v1 import messages as pb
from cets.clients import render
from cets.clients.sdk import CetsError, Client

DEFAULT_TARGET = os.environ.get("CETS_TARGET", "127.0.0.1:7545")
DEFAULT_DATA = pathlib.Path(os.environ.get("CETS_DATA", ".cets-dev"))


INT64_MAX = 2**63 - 1


class CliParser(argparse.ArgumentParser):
    """Usage errors exit 2 as argparse's do; with --json on the command line they are JSON too."""

    json_errors = False

    def error(self, message: str):
        if CliParser.json_errors:
            render.emit_json({"error": {"reason": "USAGE", "message": message, "usage": self.format_usage().strip()}})
            self.exit(2)
        super().error(message)


def _positive(value: str) -> int:
    return _bounded(value, 1, INT64_MAX)


def _non_negative(value: str) -> int:
    return _bounded(value, 0, INT64_MAX)


def _target(value: str, lowest_port: int = 1) -> str:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not lowest_port <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"got {value!r}, want HOST:PORT with a port {lowest_port}..65535")
    return value


def _listen(value: str) -> str:
    return _target(value, lowest_port=0)  # 0: any free port


def _existing_dir(value: str) -> pathlib.Path:
    path = pathlib.Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: no such directory")
    return path


def _institution(value: str) -> str:
    from cets.node.pki import INSTITUTIONS

    if value.upper() not in INSTITUTIONS:
        raise argparse.ArgumentTypeError(f"got {value!r}, want one of {', '.join(INSTITUTIONS)}")
    return value.upper()


def _hex32(value: str, what: str) -> bytes:
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not hex: {value!r}") from None
    if len(raw) != 32:
        raise argparse.ArgumentTypeError(f"got {len(raw)} bytes, want a 32-byte {what} (64 hex characters)")
    return raw


def _genesis_hash(value: str) -> str:
    return _hex32(value, "genesis hash").hex()


def _province(value: str) -> str:
    from cets.ledger import identity

    if value not in identity.PROVINCES:
        raise argparse.ArgumentTypeError(f"got {value!r}, want a two-digit province code (GB/T 2260)")
    return value


def _bounded(value: str, low: int, high: int | None) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < low or (high is not None and number > high):
        raise argparse.ArgumentTypeError(f"got {number}, want {low}..{high if high is not None else ''}")
    return number


def _vintage(value: str) -> int:
    return _bounded(value, 1, 9999)


def _block_tx_count(value: str) -> int:
    from cets.ledger import limits

    return _bounded(value, 1, limits.block_tx_count_max)


def _node_run(args) -> int:
    from cets.node.logs import configure
    from cets.node.sequencer import SequencerConfig
    from cets.node.server import ClusterSettings, Node, NodeConfig, prepare_dev

    configure(args.log_level, json_lines=args.json or None)
    if args.dev and args.genesis:
        args.parser.error("--dev founds the embedded dev genesis: give --dev or --genesis, not both")
    if args.cluster and not args.etcd and not (args.observer and args.peers):
        args.parser.error("--cluster needs --etcd HOST:PORT[,HOST:PORT...], or --observer with --peers to follow the nodes over gRPC")
    if args.genesis and not pathlib.Path(args.genesis).is_file():
        args.parser.error(f"--genesis {args.genesis}: no such file")
    if args.dev:
        from cets.node.devnet import DEV_CHAIN_ID, DEV_CLUSTER_CHAIN_ID

        genesis = prepare_dev(args.data, DEV_CLUSTER_CHAIN_ID if args.cluster else DEV_CHAIN_ID)
    elif args.genesis:
        genesis = pathlib.Path(args.genesis).read_bytes()
    elif (args.data / "genesis.pb").exists():
        genesis = (args.data / "genesis.pb").read_bytes()
    else:
        genesis = None
    cluster = None
    if args.cluster:
        cluster = ClusterSettings(etcd_endpoints=_split(args.etcd), peers=_split(args.peers), observer=args.observer,
                                  advertise=args.advertise or "", prune_keep_blocks=args.prune_keep_blocks,
                                  prune_every_blocks=args.prune_every_blocks, prune_lag_max_blocks=args.prune_lag_max_blocks)
    config = NodeConfig(
        data_dir=args.data, listen=args.listen, genesis=genesis, node_participant=args.institution,
        sequencer=SequencerConfig(block_tx_count_max=args.block_tx_count_max, block_interval_ms=args.block_interval_ms),
        cluster=cluster, pki_dir=args.pki,
    )
    asyncio.run(Node(config).run_until_signalled())
    return 0


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _credentials(args):
    """Mutual TLS with an institution's client certificate, when --tls-dir is given."""
    if not getattr(args, "tls_dir", None):
        return None
    from cets.node import pki

    return pki.channel_credentials(pki.PkiLayout(args.tls_dir), args.tls_as)


def _client(args) -> Client:
    return Client(args.target, credentials=_credentials(args))


def _pki(args) -> int:
    from cets.node import pki

    layout = pki.make_dev_pki(args.out, hosts=("127.0.0.1", "localhost", *args.host))
    document = {"root": str(layout.root), "trust_bundle": str(layout.trust_bundle), "institutions": list(pki.INSTITUTIONS)}
    if args.json:
        render.emit_json(document)
    else:
        print(f"dev PKI in {layout.root}: one CA per institution ({', '.join(pki.INSTITUTIONS)}), node, etcd and client certificates; trust bundle {layout.trust_bundle}")
    return 0


def _key_new(args) -> int:
    """A new Ed25519 key file, e.g. a node key's successor to install before rotating on the ledger."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from cets.ledger import keyfile
    from cets.ledger.crypto import Signer

    purpose = pb.KEY_PURPOSE_NODE if args.node else pb.KEY_PURPOSE_TRANSACTIONS
    if not args.participant or not all(c.isalnum() or c in "-_" for c in args.participant):
        args.parser.error(f"--participant {args.participant!r}: a participant id (letters, digits, - and _)")
    key = keyfile.KeyFile(args.participant, purpose, Signer(Ed25519PrivateKey.generate()))
    try:
        path = args.dir / keyfile.labelled_file_name(args.participant, purpose, args.label or key.key_id[:8])
    except ValueError as error:
        args.parser.error(f"--label: {error}")
    if path.exists():
        args.parser.error(f"{path} exists: choose another --label")
    keyfile.write_to(path, key)
    document = {"participant_id": key.participant_id, "purpose": pb.KeyPurpose.Name(purpose), "key_id": key.key_id,
                "public_key": key.signer.public_key.hex(), "path": str(path)}
    if args.json:
        render.emit_json(document)
    else:
        print(f"{pb.KeyPurpose.Name(purpose)} key {key.key_id} of {key.participant_id} written to {path} (mode 0600)")
        print(f"public key {key.signer.public_key.hex()}")
    return 0


def _cluster_up(args) -> int:
    from cets.node.devcluster import run_dev_cluster
    from cets.node.logs import configure

    if not args.dev:
        args.parser.error("only --dev clusters are started by this command; production nodes run `cets node run --cluster`")
    configure("warning")
    asyncio.run(run_dev_cluster(args.dir, json_output=args.json))
    return 0


def _demo(args) -> int:
    from cets.clients.demo import run_demo

    from cets.clients.demo import DemoFailed

    if args.keys is not None and not args.keys.is_dir():
        args.parser.error(f"--keys {args.keys}: no such directory")
    keys = args.keys if args.keys else (DEFAULT_DATA / "keys" if (DEFAULT_DATA / "keys").is_dir() else None)
    try:
        document = run_demo(args.target, keys, echo=not args.json, credentials=_credentials(args))
    except DemoFailed as failed:
        if args.json:
            render.emit_json({"error": {"reason": "DEMO_STEP_FAILED", "step": failed.step, "message": failed.problem}, "steps": failed.steps})
        else:
            print(f"error: {failed}", file=sys.stderr)
        return 1
    if args.json:
        render.emit_json(document)
    return 0


def _audit(args) -> int:
    from cets.clients.audit import AuditRefused, audit_data_dir, audit_node

    if args.data:
        try:
            result = audit_data_dir(args.data, args.expect_genesis)
        except AuditRefused as refused:
            if args.json:
                render.emit_json({"ok": False, "error": {"reason": "AUDIT_REFUSED", "message": str(refused)}})
            else:
                print(f"error: {refused}", file=sys.stderr)
            return 1
    else:
        result = audit_node(args.target, args.expect_genesis, credentials=_credentials(args))
    if args.json:
        render.emit_json(result.as_dict())
    else:
        counts = result.counts
        print(f"source        {result.source}")
        print(f"genesis       {result.genesis_hash}")
        print(f"blocks        {counts.get('blocks', 0)} verified (hash links, header signatures: {counts.get('header_signatures', 0)}, roots)")
        print(f"transactions  {counts.get('transactions', 0)} replayed: {counts.get('applied', 0)} applied, {counts.get('rejected', 0)} rejected, every signature and authorization checked")
        if result.state_entries_compared:
            print(f"state         {result.state_entries_compared} stored entries equal to the replay")
            print(f"tx index      {result.tx_index_entries_compared} entries point where the replay put them")
        if result.final_height is not None:
            print(f"final         verified up to the node's final height {result.final_height}")
        print(f"head          height {result.head_height} {result.head_hash}")
        if result.ok:
            print("OK: every state commitment reproduced")
        else:
            print(f"FAILED at height {result.bad_height}: {result.problem}", file=sys.stderr)
    return 0 if result.ok else 1


def _query(args) -> int:
    found = 0
    with _client(args) as client:
        if args.command == "head":
            message = client.head()
            document = {"height": message.height, "hash": message.hash.hex(), "chain_id": message.chain_id, "final_height": message.final_height}
        elif args.command == "evidence":
            document = [render.to_dict(e) for e in client.evidence()]
        elif args.command == "block":
            block = client.block(args.height)
            header = pb.BlockHeader.FromString(block.header)
            document = render.hex_fields(render.to_dict(header), "prev_hash", "tx_root", "result_root", "state_root")
            document["results"] = [render.code_name(r.code) for r in block.results]
            document["tx_ids"] = [r.tx_id.hex() for r in block.results]  # for `cets tx`
            document["signatures"] = [s.key_id for s in block.signatures]
        elif args.command == "tx" and args.proof:
            from cets.clients.proofcheck import check_online

            document, found = check_online(client, args.tx_id, args.expect_genesis, args.save)
        elif args.command == "tx":
            if args.save:
                args.parser.error("--save writes a checked proof: give --proof too")
            view = client.transaction(args.tx_id)
            document = render.receipt_dict(view.receipt)
            found = 1 if view.receipt.status == pb.TX_STATUS_UNKNOWN else 0  # neither in a block nor pending on this node
        elif args.command == "participant":
            document = render.to_dict(client.participant(args.participant_id))
            document["keys"] = [render.to_dict(k) | {"public_key": k.public_key.hex()} for k in client.keys(args.participant_id)]
        elif args.command == "participants":
            role = pb.Role.Value("ROLE_" + args.role.upper()) if args.role else 0
            document = [render.to_dict(p) for p in client.participants(role=role, province=args.province or "")]
        elif args.command == "account":
            view = client.account(args.account_id)
            document = render.to_dict(view.account)
            document["holdings"] = {render.unit_text(h.unit): h.amount for h in client.holdings(args.account_id)}
        elif args.command == "supply":
            document = render.to_dict(client.supply(args.vintage))
        elif args.command == "rulebook":
            document = [render.to_dict(version) for version in client.rulebooks()]
        else:
            raise AssertionError(args.command)
    if args.json:
        render.emit_json(document)
    elif document == [] and args.command == "evidence":
        print("no evidence: this node has found no fault")
    else:
        _print_plain(document)
    if found and args.command == "tx" and "proof" in document:
        print(f"error: proof refused ({document['proof']['reason']}): {document['proof']['problem']}", file=sys.stderr)
    elif found:
        print(f"error: transaction {args.tx_id.hex()} is unknown to this node", file=sys.stderr)
    return found


def _proof_verify(args) -> int:
    from cets.clients.proofcheck import check_file

    document, status = check_file(args.file, args.expect_genesis, args.tx)
    if args.json:
        render.emit_json(document)
    else:
        _print_plain(document)
    if status:
        print(f"error: proof refused ({document['proof']['reason']}): {document['proof']['problem']}", file=sys.stderr)
    return status


def _print_plain(document, indent: str = "") -> None:
    if isinstance(document, list):
        for item in document:
            _print_plain(item, indent)
            print()
        return
    width = max([14, *(len(key) for key in document)])  # values line up in a column
    for key, value in document.items():
        if isinstance(value, dict):
            print(f"{indent}{key}:")
            _print_plain(value, indent + "  ")
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            print(f"{indent}{key}:")
            for item in value:
                item_width = max([12, *(len(name) for name in item)])
                for number, (name, field) in enumerate(item.items()):
                    print(f"{indent}{'  - ' if number == 0 else '    '}{name:{item_width}} {_plain_value(field)}")
        else:
            print(f"{indent}{key:{width}} {_plain_value(value)}")


def _plain_value(value) -> str:
    """One line for a nested value: lists joined by commas, records as name=value."""
    if isinstance(value, dict):
        return ", ".join(f"{name}={_plain_value(field)}" for name, field in value.items()) or "-"
    if isinstance(value, list):
        return "; ".join(_plain_value(item) for item in value) or "-"
    return str(value)


def _hex_id(value: str) -> bytes:
    return _hex32(value, "transaction id")


def parser() -> argparse.ArgumentParser:
    top = CliParser(prog="cets", description="cets: the national carbon emissions trading ledger")
    commands = top.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, target: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        if target:
            node_options(sub)
        else:
            sub.add_argument("--json", action="store_true", help="print JSON for scripts")
        return sub

    def node_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help="print JSON for scripts")
        sub.add_argument("--target", type=_target, default=DEFAULT_TARGET, help="node address HOST:PORT (default %(default)s)")
        add_tls(sub)

    def add_tls(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--tls-dir", type=_existing_dir, default=os.environ.get("CETS_TLS_DIR") or None,
                         help="PKI directory (cets pki dev): call with mutual TLS")
        sub.add_argument("--tls-as", type=_institution, default=os.environ.get("CETS_TLS_AS", "REG"),
                         help="institution whose client certificate to present")

    node = commands.add_parser("node", help="run a node").add_subparsers(dest="node_command", required=True)
    run = node.add_parser("run", help="run a solo node")
    run.add_argument("--dev", action="store_true", help="found the embedded dev genesis (the cluster one with --cluster), with its public dev keys under DATA/keys")
    run.add_argument("--data", type=pathlib.Path, default=DEFAULT_DATA, help="data directory (default %(default)s)")
    run.add_argument("--listen", type=_listen, default="127.0.0.1:7545", help="HOST:PORT to serve gRPC on (default %(default)s)")
    run.add_argument("--genesis", help="genesis file to found a new chain with (not with --dev)")
    run.add_argument("--institution", default="REG", help="institution running the node: its node key (DATA/keys) signs headers, its certificate identifies the node")
    run.add_argument("--cluster", action="store_true", help="order blocks through etcd with the other institutions' nodes")
    run.add_argument("--etcd", help="etcd endpoints HOST:PORT,... (own member first)")
    run.add_argument("--peers", help="other nodes HOST:PORT,... for catch-up beyond etcd's window (an observer without --etcd follows them)")
    run.add_argument("--observer", action="store_true", help="follow and verify the chain without voting (no node key); without --etcd, from --peers over gRPC")
    run.add_argument("--advertise", type=_target, help="HOST:PORT other nodes reach this one at (default: the listen address)")
    run.add_argument("--prune-keep-blocks", type=_non_negative, default=1_000, help="blocks etcd keeps below the slowest live voter")
    run.add_argument("--prune-every-blocks", type=_positive, default=500, help="prune etcd's window every this many blocks")
    run.add_argument("--prune-lag-max-blocks", type=_positive, default=20_000, help="a voter further behind stops holding etcd's window open")
    run.add_argument("--pki", type=pathlib.Path, help="PKI directory: serve, call peers and etcd with mutual TLS")
    run.add_argument("--block-tx-count-max", type=_block_tx_count, default=2_000, help="transactions per block (1..10000)")
    run.add_argument("--block-interval-ms", type=_non_negative, default=5, help="how long a block waits for company")
    run.add_argument("--log-level", default="info")
    run.add_argument("--json", action="store_true", help="log JSON lines")
    run.set_defaults(handler=_node_run)

    demo = command("demo", "run the scripted demo scenario against a node")
    demo.add_argument("--keys", type=pathlib.Path, help="directory of founders' key files (default: the dev keys)")
    demo.set_defaults(handler=_demo)

    audit = commands.add_parser("audit", help="verify a chain").add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser("verify", help="verify a whole chain, online (--target) or offline (--data)")
    verify.add_argument("--json", action="store_true")
    source = verify.add_mutually_exclusive_group(required=True)
    source.add_argument("--target", type=_target, help="node address HOST:PORT")
    source.add_argument("--data", type=pathlib.Path, help="a stopped node's data directory")
    verify.add_argument("--expect-genesis", type=_genesis_hash, help="hex genesis hash the chain must start from")
    add_tls(verify)

    pki_command = commands.add_parser("pki", help="certificates").add_subparsers(dest="pki_command", required=True)
    pki_dev = pki_command.add_parser("dev", help="make a dev PKI: one CA per institution, node/etcd/client certificates")
    pki_dev.add_argument("--out", type=pathlib.Path, default=pathlib.Path(".cets-cluster/pki"))
    pki_dev.add_argument("--host", action="append", default=[], help="another host name for the node and etcd certificates (repeatable)")
    pki_dev.add_argument("--json", action="store_true")
    pki_dev.set_defaults(handler=_pki)

    key_command = commands.add_parser("key", help="key files").add_subparsers(dest="key_command", required=True)
    key_new = key_command.add_parser("new", help="write a new Ed25519 key file (a node key's successor: install it, then rotate)")
    key_new.add_argument("--participant", required=True, help="the participant the key belongs to")
    key_new.add_argument("--node", action="store_true", help="a node key (signs block headers) rather than a transaction key")
    key_new.add_argument("--dir", type=pathlib.Path, required=True, help="key directory (a node's DATA/keys)")
    key_new.add_argument("--label", help="file label (default: the key id's first 8 hex digits)")
    key_new.add_argument("--json", action="store_true")
    key_new.set_defaults(handler=_key_new)

    cluster = commands.add_parser("cluster", help="local clusters").add_subparsers(dest="cluster_command", required=True)
    up = cluster.add_parser("up", help="start three etcd members, three institutional nodes and an observer on loopback")
    up.add_argument("--dev", action="store_true", help="dev keys, dev genesis and a dev PKI")
    up.add_argument("--dir", type=pathlib.Path, default=pathlib.Path(".cets-cluster"))
    up.add_argument("--json", action="store_true")
    up.set_defaults(handler=_cluster_up)
    verify.set_defaults(handler=_audit)

    command("head", "the chain head").set_defaults(handler=_query)
    command("evidence", "faults this node found (invalid blocks, conflicting headers)").set_defaults(handler=_query)
    command("block", "a block by height").add_argument("height", type=_positive)
    tx = command("tx", "a transaction's status by id (hex)")
    tx.add_argument("tx_id", type=_hex_id)
    tx.add_argument("--proof", action="store_true", help="fetch and check the proof that its block's signed header commits to it")
    tx.add_argument("--expect-genesis", type=_genesis_hash, help="with --proof: the hex genesis hash pinned, the proof's only trust root")
    tx.add_argument("--save", type=pathlib.Path, help="with --proof: write the checked proof to this file (cets proof verify checks it offline)")
    proof = commands.add_parser("proof", help="saved proofs").add_subparsers(dest="proof_command", required=True)
    proof_verify = proof.add_parser("verify", help="check a saved proof (cets tx ID --proof --save FILE) offline, from the genesis hash alone")
    proof_verify.add_argument("file", type=pathlib.Path)
    proof_verify.add_argument("--expect-genesis", type=_genesis_hash, required=True, help="hex genesis hash pinned: the proof's only trust root")
    proof_verify.add_argument("--tx", type=_hex_id, help="the hex id of the transaction the proof must be of")
    proof_verify.add_argument("--json", action="store_true")
    proof_verify.set_defaults(handler=_proof_verify)
    command("participant", "a participant and its keys").add_argument("participant_id")
    participants = command("participants", "list participants")
    participants.add_argument("--role", choices=[n.removeprefix("ROLE_").lower() for n in pb.Role.keys() if n != "ROLE_UNSPECIFIED"])
    participants.add_argument("--province", type=_province, help="two-digit province code")
    command("account", "an account and its holdings").add_argument("account_id")
    command("supply", "supply figures of a vintage").add_argument("vintage", type=_vintage)
    command("rulebook", "the rulebook versions: the genesis one, then those scheduled (effective_ms)")
    for name in ("block", "tx", "participant", "participants", "account", "supply", "rulebook"):
        commands.choices[name].set_defaults(handler=_query)
    from cets.clients.cli_submit import add_commands

    add_commands(commands, node_options, DEFAULT_DATA)
    return top


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    CliParser.json_errors = "--json" in arguments
    top = parser()
    args = top.parse_args(arguments)
    args.parser = top
    try:
        return args.handler(args)
    except CetsError as error:
        reason = error.reason or _transport_reason(error)
        if getattr(args, "json", False):
            render.emit_json({"error": {"status": error.status.name, "reason": reason, "message": error.message, "metadata": error.metadata}})
        else:
            print(f"error: {error.status.name} {reason}: {error.message}", file=sys.stderr)
            if reason == "NODE_UNREACHABLE" and "Socket closed" in error.message and not getattr(args, "tls_dir", None):
                print("hint: a cluster node speaks mutual TLS only: add --tls-dir DIR (see cets cluster up)", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except (OSError, ValueError) as error:  # a local file, a certificate, a value the wire cannot carry
        reason = "LOCAL_FILE" if isinstance(error, OSError) else "INVALID_ARGUMENT"
        if getattr(args, "json", False):
            render.emit_json({"error": {"reason": reason, "message": str(error)}})
        else:
            print(f"error: {reason}: {error}", file=sys.stderr)
        return 1


def _transport_reason(error: CetsError) -> str:
    """Errors that never reached a cets servicer carry no ErrorInfo: name them still."""
    import grpc

    if error.status in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        return "NODE_UNREACHABLE"
    return error.status.name


if __name__ == "__main__":
    sys.exit(main())
