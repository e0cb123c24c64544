"""The registry's records: `cets participant ID`, `cets participants`, `cets account ID`,
`cets supply VINTAGE`, `cets rulebook`, and an account's protections: `cets trusted ACCOUNT` (its
trusted list) and `cets held ACCOUNT` (its held transfers)."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients import render
from cets.clients.cli.common import Common, client, output, province, vintage

ROLES = [name.removeprefix("ROLE_").lower() for name in pb.Role.keys() if name != "ROLE_UNSPECIFIED"]


def register(commands, common: Common) -> None:
    participant = common.command(commands, "participant", "a participant and its keys")
    participant.add_argument("participant_id")
    participant.set_defaults(handler=_participant)
    participants = common.command(commands, "participants", "list participants")
    participants.add_argument("--role", choices=ROLES)
    participants.add_argument("--province", type=province, help="two-digit province code")
    participants.set_defaults(handler=_participants)
    account = common.command(commands, "account", "an account and its holdings")
    account.add_argument("account_id")
    account.set_defaults(handler=_account)
    supply = common.command(commands, "supply", "supply figures of a vintage")
    supply.add_argument("vintage", type=vintage)
    supply.set_defaults(handler=_supply)
    trusted = common.command(commands, "trusted", "an account's trusted list (entries waiting for their delay included)")
    trusted.add_argument("account_id")
    trusted.set_defaults(handler=_trusted)
    held = common.command(commands, "held", "an account's held transfers, by release time (cancel-held, release-held)")
    held.add_argument("account_id")
    held.set_defaults(handler=_held)
    common.command(commands, "rulebook", "the rulebook versions: the genesis one, then those scheduled (effective_ms)").set_defaults(handler=_rulebook)


def _participant(args) -> int:
    with client(args) as node:
        document = render.to_dict(node.participant(args.participant_id))
        document["keys"] = [render.to_dict(k) | {"public_key": k.public_key.hex()} for k in node.keys(args.participant_id)]
    output(args, document)
    return 0


def _participants(args) -> int:
    role = pb.Role.Value("ROLE_" + args.role.upper()) if args.role else 0
    with client(args) as node:
        document = [render.to_dict(p) for p in node.participants(role=role, province=args.province or "")]
    output(args, document)
    return 0


def _account(args) -> int:
    with client(args) as node:
        view = node.account(args.account_id)
        document = render.to_dict(view.account)
        document["holdings"] = {render.unit_text(h.unit): h.amount for h in node.holdings(args.account_id)}
        if view.HasField("protection"):
            document["protection"] = render.to_dict(view.protection)
            document["held"] = {render.unit_text(h.unit): h.amount for h in view.held}  # still the holder's, not spendable
    output(args, document)
    return 0


def _trusted(args) -> int:
    with client(args) as node:
        document = [render.to_dict(entry) for entry in node.trusted_accounts(args.account_id)]
    output(args, document)
    return 0


def _held(args) -> int:
    with client(args) as node:
        document = [render.hex_fields(render.to_dict(held), "tx_id") | {"unit": render.unit_text(held.unit)}
                    for held in node.held_transfers(args.account_id)]
    output(args, document)
    return 0


def _supply(args) -> int:
    with client(args) as node:
        document = render.to_dict(node.supply(args.vintage))
    output(args, document)
    return 0


def _rulebook(args) -> int:
    with client(args) as node:
        document = [render.to_dict(version) for version in node.rulebooks()]
    output(args, document)
    return 0
