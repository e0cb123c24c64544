"""Build and sign transactions: the body is serialized once, here, and signed as those bytes."""

from __future__ import annotations

import time
import uuid
from typing import Callable, Iterable

from cets.v1 import messages as pb
from cets.ledger.crypto import Signer, tx_id
from cets.ledger.keyfile import KeyFile


def now_ms() -> int:
    return int(time.time() * 1000)


class TxBuilder:
    """Signs transactions as one participant with one key."""

    def __init__(self, chain_id: str, key: KeyFile, clock: Callable[[], int] = now_ms) -> None:
        self.chain_id = chain_id
        self.key = key
        self.participant_id = key.participant_id
        self._clock = clock

    @property
    def signer(self) -> Signer:
        return self.key.signer

    def body(self, kind: str, payload, client_id: str | None = None, created_ms: int | None = None) -> bytes:
        body = pb.TxBody(
            chain_id=self.chain_id, signer=self.participant_id, client_id=client_id or uuid.uuid4().hex,
            created_ms=self._clock() if created_ms is None else created_ms,
        )
        getattr(body, kind).CopyFrom(payload)
        return body.SerializeToString()

    def sign_body(self, body: bytes) -> pb.SignedTx:
        signature = pb.Signature(key_id=self.signer.key_id, signature=self.signer.sign_tx_body(body))
        return pb.SignedTx(body=body, signatures=[signature])

    def tx(self, kind: str, payload, client_id: str | None = None, created_ms: int | None = None) -> pb.SignedTx:
        return self.sign_body(self.body(kind, payload, client_id, created_ms))

    # -- one helper per transaction kind ------------------------------------------------------
    def register_participant(self, participant_id: str, role: int, name: str, keys: Iterable[pb.KeySpec],
                             province: str = "", sector: str = "", **options) -> pb.SignedTx:
        payload = pb.RegisterParticipant(participant_id=participant_id, role=role, name=name, province=province, sector=sector, keys=list(keys))
        return self.tx("register_participant", payload, **options)

    def add_key(self, participant_id: str, public_key: bytes, purpose: int = pb.KEY_PURPOSE_TRANSACTIONS, **options) -> pb.SignedTx:
        return self.tx("add_key", pb.AddKey(participant_id=participant_id, key=pb.KeySpec(public_key=public_key, purpose=purpose)), **options)

    def rotate_key(self, participant_id: str, old_key_id: str, new_public_key: bytes, **options) -> pb.SignedTx:
        payload = pb.RotateKey(participant_id=participant_id, old_key_id=old_key_id, new_key=pb.KeySpec(public_key=new_public_key))
        return self.tx("rotate_key", payload, **options)

    def revoke_key(self, participant_id: str, key_id: str, reason: str = "", **options) -> pb.SignedTx:
        return self.tx("revoke_key", pb.RevokeKey(participant_id=participant_id, key_id=key_id, reason=reason), **options)

    def recover_key(self, participant_id: str, new_public_key: bytes, revoked_key_ids: Iterable[str], requested_by: str,
                    reason: str, reference: str, **options) -> pb.SignedTx:
        """The registry's recovery: a new transactions key replacing every active one of `participant_id`."""
        payload = pb.RecoverKey(participant_id=participant_id, new_key=pb.KeySpec(public_key=new_public_key, purpose=pb.KEY_PURPOSE_TRANSACTIONS),
                                revoked_key_ids=list(revoked_key_ids), requested_by=requested_by, reason=reason, reference=reference)
        return self.tx("recover_key", payload, **options)

    def set_cap(self, vintage: int, cap: int, **options) -> pb.SignedTx:
        return self.tx("set_cap", pb.SetCap(vintage=vintage, cap=cap), **options)

    def issue(self, vintage: int, amount: int, **options) -> pb.SignedTx:
        return self.tx("issue_allowances", pb.IssueAllowances(vintage=vintage, amount=amount), **options)

    def reserve_move(self, direction: int, account_id: str, vintage: int, amount: int, purpose: int, note: str, **options) -> pb.SignedTx:
        payload = pb.ReserveMove(direction=direction, account_id=account_id, vintage=vintage, amount=amount, purpose=purpose, note=note)
        return self.tx("reserve_move", payload, **options)

    def allocate(self, entries: Iterable[tuple[str, int, int]], method_version: str = "2025-v1", **options) -> pb.SignedTx:
        lines = [pb.AllocationEntry(emitter_id=e, vintage=v, amount=a) for e, v, a in entries]
        return self.tx("allocate", pb.Allocate(method_version=method_version, entries=lines), **options)

    def adjust_allocation(self, emitter_id: str, vintage: int, delta: int, reason: int, note: str = "", **options) -> pb.SignedTx:
        payload = pb.AdjustAllocation(emitter_id=emitter_id, vintage=vintage, delta=delta, reason=reason, note=note)
        return self.tx("adjust_allocation", payload, **options)

    def transfer(self, from_account: str, to_account: str, unit: pb.Unit, amount: int, memo: str = "", **options) -> pb.SignedTx:
        payload = pb.Transfer(from_account=from_account, to_account=to_account, unit=unit, amount=amount, memo=memo)
        return self.tx("transfer", payload, **options)

    def surrender(self, compliance_year: int, items: Iterable[tuple[pb.Unit, int]], **options) -> pb.SignedTx:
        lines = [pb.SurrenderItem(unit=unit, amount=amount) for unit, amount in items]
        return self.tx("surrender", pb.Surrender(compliance_year=compliance_year, items=lines), **options)

    def cancel(self, account_id: str, unit: pb.Unit, amount: int, beneficiary: str = "", purpose: str = "", **options) -> pb.SignedTx:
        payload = pb.Cancel(account_id=account_id, unit=unit, amount=amount, beneficiary=beneficiary, purpose=purpose)
        return self.tx("cancel", payload, **options)

    def record_ccer(self, project_id: str, project_type: int, vintage: int, amount: int, to_account: str,
                    inside_covered_boundary: bool = False, **options) -> pb.SignedTx:
        payload = pb.RecordCcer(project_id=project_id, project_type=project_type, vintage=vintage, amount=amount,
                                to_account=to_account, inside_covered_boundary=inside_covered_boundary)
        return self.tx("record_ccer", payload, **options)

    def set_rulebook(self, rulebook: pb.Rulebook, effective_ms: int, note: str = "", **options) -> pb.SignedTx:
        return self.tx("set_rulebook", pb.SetRulebook(rulebook=rulebook, effective_ms=effective_ms, note=note), **options)


def cosign(tx: pb.SignedTx, key: KeyFile) -> pb.SignedTx:
    """`tx` with one more signature over the same body bytes, by another key of the same signer:
    how a second representative approves a transaction under a four-eyes policy."""
    signature = pb.Signature(key_id=key.signer.key_id, signature=key.signer.sign_tx_body(tx.body))
    return pb.SignedTx(body=tx.body, signatures=[*tx.signatures, signature])


def cea(vintage: int) -> pb.Unit:
    return pb.Unit(product=pb.PRODUCT_CEA, vintage=vintage)


def ccer(vintage: int, project_id: str) -> pb.Unit:
    return pb.Unit(product=pb.PRODUCT_CCER, vintage=vintage, project_id=project_id)


def signed_tx_id(tx: pb.SignedTx) -> bytes:
    return tx_id(tx.body)
