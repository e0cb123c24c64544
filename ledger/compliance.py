"""An emitter's compliance record for a year (arts. 30-31, 44): one record, kept up to date by the
transactions that change it, whose status is always what its figures imply.

The obligation comes from the latest verification (arts. 27-29) or the province's estimate (art.
43); surrenders add to what was surrendered; closing, after the surrender deadline, makes the
status final (A, B with the shortfall, or C). `implied_status` is the one rule that turns the
figures into a status, shared by the handlers, the queries and the property tests.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import tables as t
from cets.ledger.state import State


def record(state: State, emitter_id: str, year: int) -> pb.ComplianceRecord | None:
    return t.COMPLIANCE.get(state, emitter_id, year)


def ensure(state: State, emitter: pb.Participant, year: int) -> pb.ComplianceRecord:
    """The emitter's record for `year`, a new pending one (indexed under its province) if none."""
    found = record(state, emitter.participant_id, year)
    if found is not None:
        return found
    fresh = pb.ComplianceRecord(emitter_id=emitter.participant_id, year=year, province=emitter.province)
    t.COMPLIANCE_BY_PROVINCE.put(state, b"", emitter.province, year, emitter.participant_id)
    return fresh


def implied_status(figures: pb.ComplianceRecord) -> tuple[int, int]:
    """(status, shortfall) that the record's figures imply.

    Before closing: A once something is owed and at least that much is surrendered, else pending.
    At closing: A as before; C when no obligation rests on verified or estimated emissions; else B
    with what is still owed."""
    owed = figures.obligation_tonnes
    surrendered = figures.surrendered_allowances + figures.surrendered_ccers
    has_basis = figures.obligation_basis != pb.OBLIGATION_BASIS_NONE
    if has_basis and surrendered >= owed:
        return pb.COMPLIANCE_STATUS_A, 0
    if not figures.closed:
        return pb.COMPLIANCE_STATUS_PENDING, 0
    if not has_basis:
        return pb.COMPLIANCE_STATUS_C, 0
    return pb.COMPLIANCE_STATUS_B, owed - surrendered


def save(state: State, updated: pb.ComplianceRecord, tx_id: bytes) -> pb.ComplianceRecord:
    """Store the record with its implied status, naming the transaction that changed it."""
    updated.status, updated.shortfall_tonnes = implied_status(updated)
    if not updated.tx_ids or updated.tx_ids[-1] != tx_id:
        updated.tx_ids.append(tx_id)
    t.COMPLIANCE.put(state, updated, updated.emitter_id, updated.year)
    return updated


def set_obligation(state: State, emitter: pb.Participant, year: int, tonnes: int, basis: int, verification_version: int,
                   tx_id: bytes) -> pb.ComplianceRecord:
    """A new verified figure (or an estimate) becomes the year's obligation. The caller has
    checked that the year is not closed for the emitter."""
    updated = ensure(state, emitter, year)
    assert not updated.closed, "an obligation never changes after closing"
    updated.obligation_tonnes = tonnes
    updated.obligation_basis = basis
    updated.verification_version = verification_version
    return save(state, updated, tx_id)


def add_surrendered(state: State, emitter: pb.Participant, year: int, unit: pb.Unit, amount: int, tx_id: bytes) -> pb.ComplianceRecord:
    """Units surrendered toward the year, per unit; the caller has checked the year is open."""
    updated = ensure(state, emitter, year)
    assert not updated.closed, "nothing is surrendered toward a closed year"
    for line in updated.surrendered:
        if line.unit == unit:
            line.amount += amount
            break
    else:
        updated.surrendered.add(unit=unit, amount=amount)
    if unit.product == pb.PRODUCT_CCER:
        updated.surrendered_ccers += amount
    else:
        updated.surrendered_allowances += amount
    return save(state, updated, tx_id)
