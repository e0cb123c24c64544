"""Verified emissions (arts. 27-28, 30): only the body a recorded draw assigned to an emitter's year
records them, once; a later figure comes only from an upheld appeal (art. 29, `appeals.py`).

Each figure is a `Verification` version of the emitter's year; the latest is the year's
obligation (`compliance.set_obligation`, basis VERIFIED) and the base of the CCER offset cap
(the `VERIFIED_EMISSIONS` counter the surrender reads). The emitter sees the result at once: the
record is queryable and the transaction's result carries `EmissionsVerified` (Order 775, art. 12
gives the authorities 7 working days to notify and publish; the chain's record is immediate).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import compliance
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import State
from cets.ledger.txs.common import TxContext, require_emitter, require_vintage
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.draws import draws_of_year

SHA256_BYTES = 32
# Versions of one emitter's year: the first verification, then one per upheld appeal. Reading the
# latest scans them, so their number is bounded; an appeal that would pass it is refused.
VERSIONS_MAX = 100


def latest_verification(state: State, emitter_id: str, year: int) -> pb.Verification | None:
    """The emitter's current verified figure for the year (the highest version), or None."""
    latest = None
    for _, _, version in state.scan_table(t.VERIFICATIONS, emitter_id, year, limit=VERSIONS_MAX):
        latest = version
    return latest


def require_open_compliance(state: State, emitter_id: str, year: int) -> None:
    """A closed year's obligation is final (art. 44): no new verified figure changes it."""
    found = compliance.record(state, emitter_id, year)
    if found is not None and found.closed:
        raise Rejection(pb.CODE_COMPLIANCE_CLOSED, f"year: {emitter_id!r}'s compliance year {year} is closed")


def require_tonnes(name: str, tonnes: int, rulebook: pb.Rulebook) -> None:
    """Verified emissions: zero or more (a site that did not run emits nothing), at most amount_max."""
    if tonnes < 0:
        raise Rejection(pb.CODE_INVALID_FIELD, f"{name}: got {tonnes}, want >= 0")
    if tonnes > rulebook.amount_max:
        raise Rejection(pb.CODE_AMOUNT_TOO_LARGE, f"{name}: got {tonnes}, want <= {rulebook.amount_max}")


def store_verification(ctx: TxContext, emitter: pb.Participant, version: pb.Verification) -> None:
    """Keep a new version and make it the year's obligation and offset-cap base; the caller has
    checked that the year is open."""
    emitter_id, year = emitter.participant_id, version.year
    t.VERIFICATIONS.put(ctx.state, version, emitter_id, year, version.version)
    t.VERIFIED_EMISSIONS.put(ctx.state, version.verified_tonnes, emitter_id, year)  # the surrender's offset cap (art. 31)
    compliance.set_obligation(ctx.state, emitter, year, version.verified_tonnes, pb.OBLIGATION_BASIS_VERIFIED, version.version,
                              ctx.tx_id)
    ctx.emit(emissions_verified=pb.EmissionsVerified(emitter_id=emitter_id, year=year, version=version.version,
                                                     verified_tonnes=version.verified_tonnes, verified_by=version.verified_by))


def _assigning_draw(state: State, province: str, year: int, emitter_id: str) -> bytes:
    """The recorded draw of the province and year that assigned the emitter (there is one)."""
    for record in draws_of_year(state, province, year):
        if any(assignment.emitter_id == emitter_id for assignment in record.assignments):
            return record.draw_id
    raise AssertionError(f"{emitter_id!r} is assigned for {year} by no draw of {province!r}")


def _require_assigned(ctx: TxContext, emitter_id: str, year: int) -> None:
    """Art. 28: only the body the draw assigned to this emitter and year verifies it."""
    assignment = t.ASSIGNMENTS.get(ctx.state, emitter_id, year)
    if assignment is None or assignment.body_id != ctx.signer.participant_id:
        assigned = f"body {assignment.body_id!r}" if assignment is not None else "no body yet"
        raise Rejection(pb.CODE_NOT_ASSIGNED, f"emitter_id: {emitter_id!r} for {year} is assigned to {assigned}, "
                                              f"not {ctx.signer.participant_id!r}")


def _require_report(ctx: TxContext, emitter_id: str, year: int, report_version: int) -> None:
    if report_version == 0:
        raise Rejection(pb.CODE_MISSING_FIELD, "report_version: missing")
    if t.REPORTS.get(ctx.state, emitter_id, year, report_version) is None:
        raise Rejection(pb.CODE_REPORT_MISSING, f"report_version: {emitter_id!r} has no report version {report_version} for {year}")


def _require_document(document_sha256: bytes) -> None:
    if not document_sha256:
        raise Rejection(pb.CODE_MISSING_FIELD, "document_sha256: missing")
    if len(document_sha256) != SHA256_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"document_sha256: got {len(document_sha256)} bytes, want {SHA256_BYTES}")


def record_verification(ctx: TxContext, payload: pb.RecordVerification) -> None:
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    year = payload.year
    require_vintage("year", year, ctx.rulebook)
    _require_assigned(ctx, emitter.participant_id, year)
    _require_report(ctx, emitter.participant_id, year, payload.report_version)
    require_tonnes("verified_tonnes", payload.verified_tonnes, ctx.rulebook)
    _require_document(payload.document_sha256)
    if latest_verification(ctx.state, emitter.participant_id, year) is not None:
        raise Rejection(pb.CODE_VERIFICATION_EXISTS, f"year: {emitter.participant_id!r} is verified for {year}; "
                                                     "a new figure comes only from an upheld appeal (art. 29)")
    require_open_compliance(ctx.state, emitter.participant_id, year)

    version = pb.Verification(
        emitter_id=emitter.participant_id, year=year, version=1, verified_by=ctx.signer.participant_id,
        report_version=payload.report_version, verified_tonnes=payload.verified_tonnes, document_sha256=payload.document_sha256,
        draw_id=_assigning_draw(ctx.state, emitter.province, year, emitter.participant_id), tx_id=ctx.tx_id,
        recorded_ms=ctx.time_ms,
    )
    store_verification(ctx, emitter, version)


KINDS = (
    TxKind(name="record_verification", domain="mrv", handler=record_verification, signers=frozenset({pb.ROLE_VERIFIER}),
           articles=("27", "28", "30"),
           summary="The body a draw assigned records an emitter's verified emissions for a year: its obligation (once; then appeals).",
           cli=Cli(command="record-verification", help="record verified emissions of an assigned emitter and year (a verification body)",
                   flags={"emitter": "emitter_id", "year": "year", "report-version": "report_version", "tonnes": "verified_tonnes",
                          "document": "document_sha256"})),
)
