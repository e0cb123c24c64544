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


def is_closed(state: State, emitter_id: str, year: int) -> bool:
    found = record(state, emitter_id, year)
    return found is not None and found.closed


def offset_cap(state: State, rulebook: pb.Rulebook, emitter_id: str, year: int) -> tuple[int, str]:
    """Art. 31: the CCER tonnes the year may take, and what the cap is a share of (for the detail).

    The draft counts verified emissions (the latest verified figure, which the verification kinds
    keep in VERIFIED_EMISSIONS); the 2020 Measures (art. 29) the allowances to surrender, the
    obligation, which may be the province's estimate (art. 43): `rulebook.offset_cap_basis` switches."""
    if rulebook.offset_cap_basis == pb.OFFSET_CAP_BASIS_OBLIGATION:
        figures = record(state, emitter_id, year)
        base, name = (0 if figures is None else figures.obligation_tonnes), "the obligation"
    else:
        base, name = state.verified_emissions(emitter_id, year), "verified emissions"
    return base * rulebook.offset_cap_bps // 10_000, f"{rulebook.offset_cap_bps} bps of {name} {base}"


def eligible_allowance_vintages(rulebook: pb.Rulebook, year: int) -> tuple[int, int]:
    """The allowance vintages that count toward `year` (arts. 30-31), as (oldest, newest).

    The first rule of `rulebook.surrender_vintages` covering the year decides (the 2025 conversion
    rule, where older vintages must be converted first, is such a rule); with none, every admitted
    vintage up to the year (banking). Never a later vintage than the year: no borrowing."""
    for rule in rulebook.surrender_vintages:
        if rule.compliance_year_min <= year <= rule.compliance_year_max:
            return rule.vintage_min, min(rule.vintage_max, year)
    return rulebook.vintage_min, year


# -- next-year deductions (art. 44) ------------------------------------------------------------
def owe_from_allocation(state: State, emitter_id: str, vintage: int, tonnes: int, from_year: int) -> pb.AllocationDeduction:
    """Record that `tonnes` of the emitter's `vintage` allocation are withheld (art. 44)."""
    assert tonnes > 0 and t.DEDUCTIONS.get(state, emitter_id, vintage) is None, "one closing per year, one deduction per vintage"
    deduction = pb.AllocationDeduction(emitter_id=emitter_id, vintage=vintage, owed_tonnes=tonnes, from_year=from_year)
    t.DEDUCTIONS.put(state, deduction, emitter_id, vintage)
    return deduction


def withhold(state: State, emitter_id: str, vintage: int, amount: int) -> tuple[int, int]:
    """Of an allocation of `amount`, the tonnes withheld for what the emitter owes from that
    vintage, and what it still owes after; the deduction record keeps the count."""
    deduction = t.DEDUCTIONS.get(state, emitter_id, vintage)
    if deduction is None:
        return 0, 0
    withheld = min(amount, deduction.owed_tonnes - deduction.withheld_tonnes)
    if withheld:
        deduction.withheld_tonnes += withheld
        t.DEDUCTIONS.put(state, deduction, emitter_id, vintage)
    return withheld, deduction.owed_tonnes - deduction.withheld_tonnes
