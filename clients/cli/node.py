"""Running nodes and what they need: `cets node run`, `cets cluster up`, `cets pki dev`, `cets key new`.

`clients/` may start a node through `node/`'s entry points and nothing deeper (DESIGN §1); those
imports wait inside the handlers, so that a query does not load the server.
"""

from __future__ import annotations

import asyncio
import pathlib

from cets.v1 import messages as pb
from cets.clients import render
from cets.clients.cli.common import Common, bounded_int, listen_address, non_negative_int, positive_int, target_address


def register(commands, common: Common) -> None:
    nodes = commands.add_parser("node", help="run a node").add_subparsers(dest="node_command", required=True)
    _register_run(nodes, common)
    _register_pki(commands)
    _register_key(commands)
    _register_cluster(commands)


# -- cets node run --------------------------------------------------------------------------------
def _register_run(nodes, common: Common) -> None:
    run = nodes.add_parser("run", help="run a solo node")
    run.add_argument("--dev", action="store_true", help="found the embedded dev genesis (the cluster one with --cluster), with its public dev keys under DATA/keys")
    run.add_argument("--data", type=pathlib.Path, default=common.default_data, help="data directory (default %(default)s)")
    run.add_argument("--listen", type=listen_address, default="127.0.0.1:7545", help="HOST:PORT to serve gRPC on (default %(default)s)")
    run.add_argument("--public", type=listen_address, metavar="HOST:PORT",
                     help="also serve the read-only public portal over HTTP there (no credentials; e.g. 127.0.0.1:7546)")
    run.add_argument("--genesis", help="genesis file to found a new chain with (not with --dev)")
    run.add_argument("--institution", default="REG", help="institution running the node: its node key (DATA/keys) signs headers, its certificate identifies the node")
    _add_cluster_options(run)
    run.add_argument("--exchange-key", type=pathlib.Path, metavar="FILE",
                     help="the exchange's transactions key: run the matching engine here and sign its settlement batches "
                          "(default: the EXCH key in DATA/keys, as the dev node and the dev cluster's EXCH node hold it)")
    run.add_argument("--pki", type=pathlib.Path, help="PKI directory: serve, call peers and etcd with mutual TLS")
    run.add_argument("--block-tx-count-max", type=_block_tx_count, default=2_000, help="transactions per block (1..10000)")
    run.add_argument("--block-interval-ms", type=non_negative_int, default=5, help="how long a block waits for company")
    run.add_argument("--log-level", default="info")
    run.add_argument("--json", action="store_true", help="log JSON lines")
    run.set_defaults(handler=_node_run)


def _add_cluster_options(run) -> None:
    run.add_argument("--cluster", action="store_true", help="order blocks through etcd with the other institutions' nodes")
    run.add_argument("--etcd", help="etcd endpoints HOST:PORT,... (own member first)")
    run.add_argument("--peers", help="other nodes HOST:PORT,... for catch-up beyond etcd's window (an observer without --etcd follows them)")
    run.add_argument("--observer", action="store_true", help="follow and verify the chain without voting (no node key); without --etcd, from --peers over gRPC")
    run.add_argument("--advertise", type=target_address, help="HOST:PORT other nodes reach this one at (default: the listen address)")
    run.add_argument("--prune-keep-blocks", type=non_negative_int, default=1_000, help="blocks etcd keeps below the slowest live voter")
    run.add_argument("--prune-every-blocks", type=positive_int, default=500, help="prune etcd's window every this many blocks")
    run.add_argument("--prune-lag-max-blocks", type=positive_int, default=20_000, help="a voter further behind stops holding etcd's window open")


def _block_tx_count(value: str) -> int:
    from cets.ledger import limits

    return bounded_int(value, 1, limits.block_tx_count_max)


def _node_run(args) -> int:
    from cets.node.logs import configure
    from cets.node.sequencer import SequencerConfig
    from cets.node.server import Node, NodeConfig

    configure(args.log_level, json_lines=args.json or None)
    _check_run_options(args)
    config = NodeConfig(
        data_dir=args.data, listen=args.listen, genesis=_genesis(args), node_participant=args.institution,
        sequencer=SequencerConfig(block_tx_count_max=args.block_tx_count_max, block_interval_ms=args.block_interval_ms),
        cluster=_cluster_settings(args), pki_dir=args.pki, public=args.public, exchange_key=args.exchange_key,
    )
    asyncio.run(Node(config).run_until_signalled())
    return 0


def _check_run_options(args) -> None:
    if args.dev and args.genesis:
        args.parser.error("--dev founds the embedded dev genesis: give --dev or --genesis, not both")
    if args.cluster and not args.etcd and not (args.observer and args.peers):
        args.parser.error("--cluster needs --etcd HOST:PORT[,HOST:PORT...], or --observer with --peers to follow the nodes over gRPC")
    if args.genesis and not pathlib.Path(args.genesis).is_file():
        args.parser.error(f"--genesis {args.genesis}: no such file")


def _genesis(args) -> bytes | None:
    """The genesis to found the chain with: the dev one, a file, the data directory's, or none (the
    node then reads its chain from the data directory)."""
    if args.dev:
        from cets.node.devnet import DEV_CHAIN_ID, DEV_CLUSTER_CHAIN_ID
        from cets.node.server import prepare_dev

        return prepare_dev(args.data, DEV_CLUSTER_CHAIN_ID if args.cluster else DEV_CHAIN_ID)
    if args.genesis:
        return pathlib.Path(args.genesis).read_bytes()
    if (args.data / "genesis.pb").exists():
        return (args.data / "genesis.pb").read_bytes()
    return None


def _cluster_settings(args):
    if not args.cluster:
        return None
    from cets.node.server import ClusterSettings

    return ClusterSettings(etcd_endpoints=_split(args.etcd), peers=_split(args.peers), observer=args.observer,
                           advertise=args.advertise or "", prune_keep_blocks=args.prune_keep_blocks,
                           prune_every_blocks=args.prune_every_blocks, prune_lag_max_blocks=args.prune_lag_max_blocks)


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


# -- cets pki dev ---------------------------------------------------------------------------------
def _register_pki(commands) -> None:
    pki_command = commands.add_parser("pki", help="certificates").add_subparsers(dest="pki_command", required=True)
    pki_dev = pki_command.add_parser("dev", help="make a dev PKI: one CA per institution, node/etcd/client certificates")
    pki_dev.add_argument("--out", type=pathlib.Path, default=pathlib.Path(".cets-cluster/pki"))
    pki_dev.add_argument("--host", action="append", default=[], help="another host name for the node and etcd certificates (repeatable)")
    pki_dev.add_argument("--json", action="store_true")
    pki_dev.set_defaults(handler=_pki)
    pki_issue = pki_command.add_parser("issue", help="issue a participant's client certificate (dev: from the CA keys in --pki)")
    pki_issue.add_argument("--pki", type=pathlib.Path, default=pathlib.Path(".cets-cluster/pki"), help="the dev PKI holding the CA keys (default %(default)s)")
    pki_issue.add_argument("--participant", required=True, help="the participant id, as registered on the ledger")
    pki_issue.add_argument("--role", required=True, help="its role on the ledger: province, city, verifier (ministry's CA), key_emitter, institution, individual (registry's CA)")
    pki_issue.add_argument("--out", type=pathlib.Path, required=True, help="directory for ID.pem and ID.key")
    pki_issue.add_argument("--days", type=positive_int, default=365)
    pki_issue.add_argument("--json", action="store_true")
    pki_issue.set_defaults(handler=_pki_issue)
    pki_revoke = pki_command.add_parser("revoke", help="revoke a certificate in its CA's revocation list (dev); restart the nodes to apply it")
    pki_revoke.add_argument("--pki", type=pathlib.Path, default=pathlib.Path(".cets-cluster/pki"), help="the dev PKI holding the CA keys (default %(default)s)")
    pki_revoke.add_argument("--cert", type=pathlib.Path, required=True, help="the certificate to revoke")
    pki_revoke.add_argument("--json", action="store_true")
    pki_revoke.set_defaults(handler=_pki_revoke)


def _pki(args) -> int:
    from cets.node import pki

    layout = pki.make_dev_pki(args.out, hosts=("127.0.0.1", "localhost", *args.host))
    document = {"root": str(layout.root), "trust_bundle": str(layout.trust_bundle), "institutions": list(pki.INSTITUTIONS)}
    if args.json:
        render.emit_json(document)
    else:
        print(f"dev PKI in {layout.root}: one CA per institution ({', '.join(pki.INSTITUTIONS)}), node, etcd and client certificates; trust bundle {layout.trust_bundle}")
    return 0


def _pki_issue(args) -> int:
    from cets.node import pki

    try:
        cert_path, key_path = pki.issue_participant(pki.PkiLayout(args.pki), args.participant, args.role, args.out, days=args.days)
    except (ValueError, FileNotFoundError) as error:
        args.parser.error(str(error))
    document = {"participant": args.participant, "role": args.role, "issuer": pki.PARTICIPANT_ISSUERS[args.role],
                "cert": str(cert_path), "key": str(key_path), "trust_bundle": str(pki.PkiLayout(args.pki).trust_bundle)}
    if args.json:
        render.emit_json(document)
    else:
        print(f"issued {args.participant} ({args.role}) by {document['issuer']}'s CA: {cert_path}, key {key_path}; "
              f"call with --tls-dir {args.pki} --tls-cert {cert_path} --tls-key {key_path}")
    return 0


def _pki_revoke(args) -> int:
    from cets.node import pki

    try:
        crl = pki.revoke_certificate(pki.PkiLayout(args.pki), args.cert)
    except (ValueError, FileNotFoundError) as error:
        args.parser.error(str(error))
    if args.json:
        render.emit_json({"revoked": str(args.cert), "crl": str(crl)})
    else:
        print(f"revoked {args.cert} in {crl}: restart the nodes (one at a time) to apply it")
    return 0


# -- cets key new ---------------------------------------------------------------------------------
def _register_key(commands) -> None:
    key_command = commands.add_parser("key", help="key files").add_subparsers(dest="key_command", required=True)
    key_new = key_command.add_parser("new", help="write a new Ed25519 key file (a node key's successor: install it, then rotate)")
    key_new.add_argument("--participant", required=True, help="the participant the key belongs to")
    key_new.add_argument("--node", action="store_true", help="a node key (signs block headers) rather than a transaction key")
    key_new.add_argument("--dir", type=pathlib.Path, required=True, help="key directory (a node's DATA/keys)")
    key_new.add_argument("--label", help="file label (default: the key id's first 8 hex digits)")
    key_new.add_argument("--json", action="store_true")
    key_new.set_defaults(handler=_key_new)


def _key_new(args) -> int:
    """A new Ed25519 key file, e.g. a node key's successor to install before rotating on the ledger."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from cets.ledger import keyfile
    from cets.ledger.crypto import Signer

    purpose = pb.KEY_PURPOSE_NODE if args.node else pb.KEY_PURPOSE_TRANSACTIONS
    if not args.participant or not all(c.isalnum() or c in "-_" for c in args.participant):
        args.parser.error(f"--participant {args.participant!r}: a participant id (letters, digits, - and _)")
    key = keyfile.KeyFile(args.participant, purpose, Signer(Ed25519PrivateKey.generate()))
    path = _new_key_path(args, key, purpose)
    keyfile.write_to(path, key)
    if args.json:
        render.emit_json({"participant_id": key.participant_id, "purpose": pb.KeyPurpose.Name(purpose), "key_id": key.key_id,
                          "public_key": key.signer.public_key.hex(), "path": str(path)})
    else:
        print(f"{pb.KeyPurpose.Name(purpose)} key {key.key_id} of {key.participant_id} written to {path} (mode 0600)")
        print(f"public key {key.signer.public_key.hex()}")
    return 0


def _new_key_path(args, key, purpose: int) -> pathlib.Path:
    from cets.ledger import keyfile

    try:
        path = args.dir / keyfile.labelled_file_name(args.participant, purpose, args.label or key.key_id[:8])
    except ValueError as error:
        args.parser.error(f"--label: {error}")
    if path.exists():
        args.parser.error(f"{path} exists: choose another --label")
    return path


# -- cets cluster up ------------------------------------------------------------------------------
def _register_cluster(commands) -> None:
    cluster = commands.add_parser("cluster", help="local clusters").add_subparsers(dest="cluster_command", required=True)
    up = cluster.add_parser("up", help="start three etcd members, three institutional nodes and an observer on loopback")
    up.add_argument("--dev", action="store_true", help="dev keys, dev genesis and a dev PKI")
    up.add_argument("--dir", type=pathlib.Path, default=pathlib.Path(".cets-cluster"))
    up.add_argument("--json", action="store_true")
    up.set_defaults(handler=_cluster_up)


def _cluster_up(args) -> int:
    from cets.node.devcluster import run_dev_cluster
    from cets.node.logs import configure

    if not args.dev:
        args.parser.error("only --dev clusters are started by this command; production nodes run `cets node run --cluster`")
    configure("warning")
    asyncio.run(run_dev_cluster(args.dir, json_output=args.json))
    return 0
