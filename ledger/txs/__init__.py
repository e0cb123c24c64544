"""One handler per transaction kind; `HANDLERS` is the single dispatch table.

tests/test_handlers_table.py asserts that every payload of `TxBody` has a handler here and a row
in `ledger.authz.SIGNER_ROLES`.
"""

from __future__ import annotations

from typing import Callable

from cets.ledger.txs import allocation, cancel, ccer, issuance, keys, participants, reserve, rulebook, surrender, transfer
from cets.ledger.txs.common import TxContext

Handler = Callable[[TxContext, object], None]

HANDLERS: dict[str, Handler] = {
    "register_participant": participants.register_participant,
    "add_key": keys.add_key,
    "rotate_key": keys.rotate_key,
    "revoke_key": keys.revoke_key,
    "set_cap": issuance.set_cap,
    "issue_allowances": issuance.issue_allowances,
    "reserve_move": reserve.reserve_move,
    "allocate": allocation.allocate,
    "adjust_allocation": allocation.adjust_allocation,
    "transfer": transfer.transfer,
    "surrender": surrender.surrender,
    "cancel": cancel.cancel,
    "record_ccer": ccer.record_ccer,
    "set_rulebook": rulebook.set_rulebook,
    "recover_key": keys.recover_key,
}
