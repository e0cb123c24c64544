"""The key-emitter list (arts. 5, 42): an entity declares a year's emissions, its province lists it
on that declaration or, without one, on its own estimate (art. 42), and delists it after two
consecutive years verified under the threshold or on closure (Order 19, art. 11).

A listing covers the years from `from_year` up to, not including, `until_year` (0 while open). An
emitter's listings never overlap: a new one starts only once the last one has ended, so at most one
listing covers a year, and `is_listed` is the one question other modules ask (only listed emitters
have obligations, art. 5).

One declaration per entity and year. Records are never edited, and a province lists on the
declaration it saw, so a second declaration for a year is refused (`REPORT_EXISTS`, the code for a
first statement where one exists). An entity that declared wrong is listed on the province's
estimate instead (art. 42); what it owes rests on its verified emissions in any case.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import limits, versions
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.state import State
from cets.ledger.txs.common import (
    TxContext, require_emitter, require_enum, require_own_province, require_positive_at_most, require_text, require_vintage,
)
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.fields import require_not_negative_at_most, require_sector, require_year_ended

# Records keyed by emitter and year (listings by first year, compliance records) number at most
# one per year the rulebook can admit, however often an emitter is listed and delisted.
_YEARS_MAX = limits.vintage_year_max


# -- what other modules ask -------------------------------------------------------------------------


def is_listed(state: State, emitter_id: str, year: int) -> pb.EmitterListing | None:
    """The listing that puts `emitter_id` on the key-emitter list for `year`, or None (art. 5)."""
    for _, (_, from_year), listing in t.LISTINGS.scan(state, emitter_id, limit=_YEARS_MAX):
        if from_year > year:
            break
        if listing.until_year == 0 or year < listing.until_year:
            return listing
    return None


def counted_tonnes(declaration: pb.DeclareEmissions, rulebook: pb.Rulebook) -> int:
    """The declared emissions the threshold counts: total (art. 5) or, since the 2023-24 cycle,
    direct emissions only."""
    if rulebook.threshold_basis == pb.THRESHOLD_BASIS_DIRECT:
        return declaration.direct_tonnes
    return declaration.total_tonnes


def _last_listing(state: State, emitter_id: str) -> pb.EmitterListing | None:
    last = None
    for _, _, listing in t.LISTINGS.scan(state, emitter_id, limit=_YEARS_MAX):
        last = listing
    return last


# -- declare_emissions ------------------------------------------------------------------------------


def declare_emissions(ctx: TxContext, payload: pb.DeclareEmissions) -> None:
    """Art. 5: the entity itself declares a year's emissions, once the year has ended."""
    emitter_id = ctx.signer.participant_id
    require_vintage("year", payload.year, ctx.rulebook)
    require_year_ended(ctx, "year", payload.year)
    require_positive_at_most("total_tonnes", payload.total_tonnes, ctx.rulebook.amount_max)
    require_not_negative_at_most("direct_tonnes", payload.direct_tonnes, payload.total_tonnes)  # direct emissions are part of the total
    require_sector("sector", payload.sector)
    if t.DECLARATIONS.get(ctx.state, emitter_id, payload.year) is not None:
        raise Rejection(pb.CODE_REPORT_EXISTS, f"year: {emitter_id!r} has declared {payload.year} already; declarations are never replaced")

    record = pb.EmissionsDeclaration(emitter_id=emitter_id, declaration=payload, tx_id=ctx.tx_id, height=ctx.height)
    t.DECLARATIONS.put(ctx.state, record, emitter_id, payload.year)
    ctx.emit(emissions_declared=pb.EmissionsDeclared(emitter_id=emitter_id, year=payload.year, total_tonnes=payload.total_tonnes,
                                                     direct_tonnes=payload.direct_tonnes))


# -- list_emitter -----------------------------------------------------------------------------------


def _qualifying(ctx: TxContext, emitter: pb.Participant, payload: pb.ListEmitter) -> tuple[int, str]:
    """(tonnes that qualify the emitter, its sector): its declaration (art. 5) or the province's
    estimate (art. 42), at or above the rulebook's threshold."""
    threshold = ctx.rulebook.emitter_threshold_tonnes
    if payload.basis == pb.LISTING_BASIS_FORCED:
        require_positive_at_most("estimated_tonnes", payload.estimated_tonnes, ctx.rulebook.amount_max)
        if payload.estimated_tonnes < threshold:
            raise Rejection(pb.CODE_BELOW_THRESHOLD, f"estimated_tonnes: got {payload.estimated_tonnes}, want >= the threshold {threshold} (art. 42)")
        return payload.estimated_tonnes, emitter.sector
    if payload.estimated_tonnes:
        raise Rejection(pb.CODE_INVALID_FIELD, f"estimated_tonnes: got {payload.estimated_tonnes}, want 0 for a declared listing (the declaration counts)")
    declared = t.DECLARATIONS.get(ctx.state, emitter.participant_id, payload.year)
    if declared is None:
        raise Rejection(pb.CODE_DECLARATION_MISSING, f"year: {emitter.participant_id!r} has not declared {payload.year} (art. 5)")
    counted = counted_tonnes(declared.declaration, ctx.rulebook)
    if counted < threshold:
        basis = pb.ThresholdBasis.Name(ctx.rulebook.threshold_basis).removeprefix("THRESHOLD_BASIS_").lower()
        raise Rejection(pb.CODE_BELOW_THRESHOLD, f"year: declared {counted} t ({basis}) for {payload.year}, want >= the threshold {threshold} (art. 5)")
    return counted, declared.declaration.sector


def _require_unlisted(ctx: TxContext, emitter_id: str, year: int) -> None:
    """Listings never overlap: a new one starts at or after the end of the last one."""
    last = _last_listing(ctx.state, emitter_id)
    if last is not None and (last.until_year == 0 or year < last.until_year):
        ends = f"until {last.until_year}" if last.until_year else "with no end"
        raise Rejection(pb.CODE_ALREADY_LISTED, f"year: got {year}, {emitter_id!r} is listed from {last.from_year} {ends}")


def list_emitter(ctx: TxContext, payload: pb.ListEmitter) -> None:
    """Arts. 5, 42: a province lists one of its own emitters from a year on."""
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    require_own_province(ctx, "emitter_id", emitter.province)
    require_vintage("year", payload.year, ctx.rulebook)
    require_enum("basis", payload.basis, pb.ListingBasis)
    require_text("note", payload.note, required=False)
    qualifying_tonnes, sector = _qualifying(ctx, emitter, payload)
    _require_unlisted(ctx, emitter.participant_id, payload.year)

    listing = pb.EmitterListing(emitter_id=emitter.participant_id, province=emitter.province, sector=sector, from_year=payload.year,
                                basis=payload.basis, qualifying_tonnes=qualifying_tonnes, listed_tx_id=ctx.tx_id)
    t.LISTINGS.put(ctx.state, listing, emitter.participant_id, payload.year)
    t.LISTINGS_BY_PROVINCE.put(ctx.state, b"", emitter.province, emitter.participant_id, payload.year)
    ctx.emit(emitter_listed=pb.EmitterListed(emitter_id=emitter.participant_id, from_year=payload.year, basis=payload.basis))


# -- delist_emitter ---------------------------------------------------------------------------------


def _require_two_years_under(ctx: TxContext, emitter_id: str, from_year: int) -> None:
    """Order 19, art. 11: the two years before `from_year` verified under the threshold, each by its
    latest verification version (a decided appeal adds one). The verified figure counts all
    emissions: under the threshold in total is under it in direct emissions too."""
    threshold = ctx.rulebook.emitter_threshold_tonnes
    for year in (from_year - 2, from_year - 1):
        verification = versions.latest(t.VERIFICATIONS, ctx.state, emitter_id, year) if year > 0 else None
        if verification is None:
            raise Rejection(pb.CODE_DELISTING_NOT_JUSTIFIED, f"from_year: {year} has no verified emissions; want {from_year - 2} and {from_year - 1} "
                                                             f"verified under {threshold}")
        if verification.verified_tonnes >= threshold:
            raise Rejection(pb.CODE_DELISTING_NOT_JUSTIFIED, f"from_year: {year} verified {verification.verified_tonnes} t, want under the threshold {threshold}")


def _require_no_closed_year(ctx: TxContext, emitter_id: str, from_year: int) -> None:
    """A delisting never reaches back into a compliance year already closed: its status is final."""
    for _, (_, year), record in t.COMPLIANCE.scan(ctx.state, emitter_id, limit=_YEARS_MAX):
        if year >= from_year and record.closed:
            raise Rejection(pb.CODE_COMPLIANCE_CLOSED, f"from_year: got {from_year}, but {year} is closed for {emitter_id!r}")


def delist_emitter(ctx: TxContext, payload: pb.DelistEmitter) -> None:
    """Order 19, art. 11: a province takes one of its emitters off the list from a year on."""
    emitter = require_emitter(ctx, "emitter_id", payload.emitter_id)
    require_own_province(ctx, "emitter_id", emitter.province)
    require_vintage("from_year", payload.from_year, ctx.rulebook)
    require_enum("reason", payload.reason, pb.DelistingReason)
    require_text("note", payload.note, required=payload.reason == pb.DELISTING_REASON_CLOSURE)  # closure: the decision's reference
    listing = _last_listing(ctx.state, emitter.participant_id)
    if listing is None or listing.until_year != 0 or payload.from_year < listing.from_year:
        raise Rejection(pb.CODE_NOT_LISTED, f"from_year: {emitter.participant_id!r} has no open listing covering {payload.from_year}")
    if payload.reason == pb.DELISTING_REASON_BELOW_THRESHOLD:
        _require_two_years_under(ctx, emitter.participant_id, payload.from_year)
    _require_no_closed_year(ctx, emitter.participant_id, payload.from_year)

    listing.until_year = payload.from_year
    listing.delisting_reason = payload.reason
    listing.delisted_tx_id = ctx.tx_id
    t.LISTINGS.put(ctx.state, listing, emitter.participant_id, listing.from_year)
    ctx.emit(emitter_delisted=pb.EmitterDelisted(emitter_id=emitter.participant_id, from_year=payload.from_year, reason=payload.reason))


KINDS = (
    TxKind(name="declare_emissions", domain="mrv", handler=declare_emissions, signers=frozenset({pb.ROLE_KEY_EMITTER}), articles=("5",),
           summary="An entity declares a year's emissions (total and direct) once the year has ended; one declaration a year.",
           cli=Cli(command="declare-emissions", help="declare a year's emissions to the province (art. 5)",
                   flags={"year": "year", "total": "total_tonnes", "direct": "direct_tonnes", "sector": "sector"})),
    TxKind(name="list_emitter", domain="mrv", handler=list_emitter, signers=frozenset({pb.ROLE_PROVINCE}), articles=("5", "42"),
           summary="A province lists one of its emitters from a year on: on its declaration at or above the threshold, or forced on an estimate.",
           cli=Cli(command="list-emitter", help="put an emitter of the province on the key-emitter list (arts. 5, 42)",
                   flags={"emitter": "emitter_id", "year": "year", "basis": "basis", "estimated": "estimated_tonnes", "note": "note"},
                   optional=frozenset({"estimated", "note"}))),
    TxKind(name="delist_emitter", domain="mrv", handler=delist_emitter, signers=frozenset({pb.ROLE_PROVINCE}), articles=("5",),
           summary="A province delists one of its emitters from a year on: two years verified under the threshold, or closure.",
           cli=Cli(command="delist-emitter", help="take an emitter of the province off the key-emitter list",
                   flags={"emitter": "emitter_id", "from-year": "from_year", "reason": "reason", "note": "note"},
                   optional=frozenset({"note"}))),
)
