"""What every command group of the `cets` CLI shares: the parser class, the argument types, the
options of commands that call a node, the output, and the one error path every handler runs in.

A handler takes the parsed arguments and returns the exit status: 0 success, 1 a failed check or a
refused request; usage errors exit 2 through `args.parser.error` (argparse's, JSON under --json).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import sys
from dataclasses import dataclass

from cets.clients import render
from cets.clients.sdk import CetsError, Client

DEFAULT_TARGET = os.environ.get("CETS_TARGET", "127.0.0.1:7545")
DEFAULT_DATA = pathlib.Path(os.environ.get("CETS_DATA", ".cets-dev"))
INT64_MAX = 2**63 - 1
PORT_MAX = 65535
# ASCII digits only: `str.isdigit` takes "²" (which `int` then refuses) and other scripts' digits
# (which `int` reads, and gRPC's resolver then refuses).
_PORT = re.compile(r"[0-9]+")


class CliParser(argparse.ArgumentParser):
    """Usage errors exit 2 as argparse's do; with --json on the command line they are JSON too."""

    json_errors = False

    def error(self, message: str):
        if CliParser.json_errors:
            render.emit_json({"error": {"reason": "USAGE", "message": message, "usage": self.format_usage().strip()}})
            self.exit(2)
        super().error(message)


@dataclass(frozen=True)
class Common:
    """Handed to each group's `register(commands, common)`: the defaults and the options that the
    commands calling a node share, so that every group adds them the same way."""

    default_target: str = DEFAULT_TARGET
    default_data: pathlib.Path = DEFAULT_DATA

    def command(self, commands, name: str, help_text: str, target: bool = True) -> argparse.ArgumentParser:
        """A top-level command; with `target`, one that calls a node (--json, --target, TLS)."""
        sub = commands.add_parser(name, help=help_text)
        if target:
            self.node_options(sub)
        else:
            sub.add_argument("--json", action="store_true", help="print JSON for scripts")
        return sub

    def group(self, commands, name: str, help_text: str):
        """The subcommands of the top-level group `name` (`cets chain ...`), made by the first
        module that asks: several modules may add commands to one group."""
        parser = commands.choices.get(name) or commands.add_parser(name, help=help_text)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action
        return parser.add_subparsers(dest=f"{name}_command", required=True)

    def node_options(self, sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help="print JSON for scripts")
        sub.add_argument("--target", type=target_address, default=self.default_target, help="node address HOST:PORT (default %(default)s)")
        self.tls_options(sub)

    def tls_options(self, sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--tls-dir", type=existing_dir, default=os.environ.get("CETS_TLS_DIR") or None,
                         help="PKI directory (cets pki dev): call with mutual TLS")
        sub.add_argument("--tls-as", type=institution, default=os.environ.get("CETS_TLS_AS", "REG"),
                         help="institution whose client certificate to present")
        sub.add_argument("--tls-cert", type=pathlib.Path, default=os.environ.get("CETS_TLS_CERT") or None,
                         help="present this participant certificate (cets pki issue) instead; with --tls-key")
        sub.add_argument("--tls-key", type=pathlib.Path, default=os.environ.get("CETS_TLS_KEY") or None,
                         help="the key of --tls-cert")


# -- argument types: each refuses with "got X, want Y" (argparse makes it a usage error) ----------
def bounded_int(value: str, low: int, high: int | None) -> int:
    if not value.isascii():  # `int` reads other scripts' digits: "١٢" would be 12
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < low or (high is not None and number > high):
        raise argparse.ArgumentTypeError(f"got {number}, want {low}..{high if high is not None else ''}")
    return number


def positive_int(value: str) -> int:
    return bounded_int(value, 1, INT64_MAX)


def non_negative_int(value: str) -> int:
    return bounded_int(value, 0, INT64_MAX)


def vintage(value: str) -> int:
    return bounded_int(value, 1, 9999)


def target_address(value: str, lowest_port: int = 1) -> str:
    host, _, port = value.rpartition(":")
    if not host or not _PORT.fullmatch(port) or not lowest_port <= int(port) <= PORT_MAX:
        raise argparse.ArgumentTypeError(f"got {value!r}, want HOST:PORT with a port {lowest_port}..{PORT_MAX}")
    return value


def listen_address(value: str) -> str:
    return target_address(value, lowest_port=0)  # 0: any free port


def existing_dir(value: str) -> pathlib.Path:
    path = pathlib.Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: no such directory")
    return path


def institution(value: str) -> str:
    from cets.node.pki import INSTITUTIONS

    if value.upper() not in INSTITUTIONS:
        raise argparse.ArgumentTypeError(f"got {value!r}, want one of {', '.join(INSTITUTIONS)}")
    return value.upper()


def province(value: str) -> str:
    from cets.ledger import identity

    if value not in identity.PROVINCES:
        raise argparse.ArgumentTypeError(f"got {value!r}, want a two-digit province code (GB/T 2260)")
    return value


def hex32(value: str, what: str) -> bytes:
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not hex: {value!r}") from None
    if len(raw) != 32:
        raise argparse.ArgumentTypeError(f"got {len(raw)} bytes, want a 32-byte {what} (64 hex characters)")
    return raw


def genesis_hash(value: str) -> str:
    return hex32(value, "genesis hash").hex()


def tx_id(value: str) -> bytes:
    return hex32(value, "transaction id")


# -- calling a node -----------------------------------------------------------------------------
def credentials(args):
    """Mutual TLS when --tls-dir is given: with a participant's certificate (--tls-cert, --tls-key)
    or else an institution's client certificate (--tls-as)."""
    if not getattr(args, "tls_dir", None):
        return None
    from cets.node import pki

    layout = pki.PkiLayout(args.tls_dir)
    cert, key = getattr(args, "tls_cert", None), getattr(args, "tls_key", None)
    if cert or key:
        if not (cert and key and cert.is_file() and key.is_file()):
            args.parser.error(f"--tls-cert and --tls-key: want both, each an existing file (got {cert}, {key})")
        return pki.participant_channel_credentials(layout.trust_bundle, cert, key)
    return pki.channel_credentials(layout, args.tls_as)


def client(args) -> Client:
    return Client(args.target, credentials=credentials(args))


# -- output ---------------------------------------------------------------------------------------
def output(args, document) -> None:
    """JSON under --json, else aligned `name value` lines."""
    if args.json:
        render.emit_json(document)
    else:
        print_plain(document)


def print_plain(document, indent: str = "") -> None:
    if isinstance(document, list):
        for item in document:
            print_plain(item, indent)
            print()
        return
    width = max([14, *(len(key) for key in document)])  # values line up in a column
    for key, value in document.items():
        if isinstance(value, dict):
            print(f"{indent}{key}:")
            print_plain(value, indent + "  ")
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            print(f"{indent}{key}:")
            _print_records(value, indent)
        else:
            print(f"{indent}{key:{width}} {plain_value(value)}")


def _print_records(records: list[dict], indent: str) -> None:
    """A list of records as YAML-like items: `- ` before each record's first field."""
    for record in records:
        width = max([12, *(len(name) for name in record)])
        for number, (name, field) in enumerate(record.items()):
            print(f"{indent}{'  - ' if number == 0 else '    '}{name:{width}} {plain_value(field)}")


def plain_value(value) -> str:
    """One line for a nested value: lists joined by commas, records as name=value."""
    if isinstance(value, dict):
        return ", ".join(f"{name}={plain_value(field)}" for name, field in value.items()) or "-"
    if isinstance(value, list):
        return "; ".join(plain_value(item) for item in value) or "-"
    return str(value)


# -- the one error path ---------------------------------------------------------------------------
def run(args) -> int:
    """The handler's exit status; a refused call, a local file or value the wire cannot carry, and
    a closed pipe become an exit status and an error line, never a traceback."""
    try:
        return args.handler(args)
    except CetsError as error:
        _report_refusal(args, error)
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


def _report_refusal(args, error: CetsError) -> None:
    reason = error.reason or transport_reason(error)
    if getattr(args, "json", False):
        render.emit_json({"error": {"status": error.status.name, "reason": reason, "message": error.message, "metadata": error.metadata}})
        return
    print(f"error: {error.status.name} {reason}: {error.message}", file=sys.stderr)
    if reason == "NODE_UNREACHABLE" and "Socket closed" in error.message and not getattr(args, "tls_dir", None):
        print("hint: a cluster node speaks mutual TLS only: add --tls-dir DIR (see cets cluster up)", file=sys.stderr)


def transport_reason(error: CetsError) -> str:
    """Errors that never reached a cets servicer carry no ErrorInfo: name them still."""
    import grpc

    if error.status in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        return "NODE_UNREACHABLE"
    return error.status.name
