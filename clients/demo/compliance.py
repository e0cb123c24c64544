"""Settling the compliance year: surrender with CCER offsets at the cap, the province's estimate,
closing, fines, and the next year's allocation withholding a shortfall (arts. 30-31, 43-44)."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients.builder import ccer, cea
from cets.clients.demo.figures import (
    A_FIRST_SURRENDER, B_HOLDS, B_SHORTFALL, C_ESTIMATE, CCERS_FOR_A, NEXT_ALLOCATED, NEXT_ISSUED, NEXT_YEAR, VERIFIED, YEAR, offset_cap,
)
from cets.clients.demo.session import GUANGDONG, Cast, Demo
from cets.clients.render import status_text
from cets.ledger import identity


def percent(basis_points: int) -> str:
    return f"{basis_points / 100:g}%"


def record_ccers(demo: Demo, cast: Cast) -> None:
    demo.step(f"registry records {CCERS_FOR_A:,} CCERs of renewable project {cast.ccer_project} into A's account (art. 31)",
              cast.registry.record_ccer(cast.ccer_project, pb.PROJECT_TYPE_RENEWABLE, YEAR, CCERS_FOR_A, cast.account("A")))


def surrender(demo: Demo, cast: Cast, rulebook: pb.Rulebook) -> None:
    """A: allowances plus CCERs exactly at the cap, one tonne over refused; B: all it holds, short."""
    a, b, offsets = cast.emitters["A"], cast.emitters["B"], ccer(YEAR, cast.ccer_project)
    demo.step(f"emitter A surrenders {A_FIRST_SURRENDER:,} t for {YEAR} (art. 30)", a.surrender(YEAR, [(cea(YEAR), A_FIRST_SURRENDER)]))
    cap = offset_cap(VERIFIED["A"], rulebook.offset_cap_bps)
    rest = VERIFIED["A"] - A_FIRST_SURRENDER - cap
    demo.step(f"emitter A surrenders {rest:,} t and {cap:,} CCERs, exactly the {percent(rulebook.offset_cap_bps)} cap of its "
              f"verified {VERIFIED['A']:,} t (art. 31)", a.surrender(YEAR, [(cea(YEAR), rest), (offsets, cap)]))
    demo.say(f"A still holds {CCERS_FOR_A - cap:,} CCERs: what refuses the next one is the cap, not the balance")
    demo.step("emitter A offers one more CCER, one tonne over the cap: refused (art. 31)", a.surrender(YEAR, [(offsets, 1)]),
              refused=pb.CODE_OFFSET_CAP_EXCEEDED)
    demo.step("emitter B tries to surrender more than it holds: refused", b.surrender(YEAR, [(cea(YEAR), 10_000_000)]),
              refused=pb.CODE_INSUFFICIENT_BALANCE)
    demo.step(f"emitter B surrenders all it holds, {B_HOLDS:,} t: {B_SHORTFALL:,} t short of its verified {VERIFIED['B']:,} t",
              b.surrender(YEAR, [(cea(YEAR), B_HOLDS)]))


def estimate(demo: Demo, cast: Cast) -> None:
    """Art. 43: C's report came late and was never verified; the province's estimate is its obligation."""
    demo.step(f"Guangdong estimates C's {YEAR} emissions at {C_ESTIMATE:,} t, now C's obligation (art. 43)",
              cast.guangdong.tx("estimate_emissions", pb.EstimateEmissions(
                  emitter_id=cast.id("C"), year=YEAR, tonnes=C_ESTIMATE, basis="report after the deadline, unverified; fuel purchase records")))
    demo.step(f"emitter C surrenders {C_ESTIMATE:,} t toward its estimated obligation (art. 30)",
              cast.emitters["C"].surrender(YEAR, [(cea(YEAR), C_ESTIMATE)]))


def close(demo: Demo, cast: Cast) -> None:
    receipt = demo.step(f"Guangdong closes {YEAR} for A, B and C, the surrender deadline passed (arts. 30, 44)", cast.guangdong.tx(
        "close_compliance", pb.CloseCompliance(year=YEAR, emitter_ids=[cast.id(name) for name in "ABC"])))
    for event in receipt.events:
        if event.HasField("compliance_closed"):
            closed = event.compliance_closed
            demo.say(f"{cast.name_of(closed.emitter_id)}: status {status_text(closed.status)}" + (f", short {closed.shortfall_tonnes:,} t" if closed.shortfall_tonnes else ""))


def fine(demo: Demo, cast: Cast, rulebook: pb.Rulebook) -> None:
    """Each fine inside the rulebook's range (the middle of it, in whole yuan)."""
    for name, kind, low, high, why in (
        ("B", pb.FINE_KIND_NON_SURRENDER, rulebook.surrender_fine_min_fen, rulebook.surrender_fine_max_fen, "for its shortfall (art. 44)"),
        ("C", pb.FINE_KIND_REPORTING, rulebook.reporting_fine_min_fen, rulebook.reporting_fine_max_fen, "for its late report (art. 43)"),
    ):
        amount = (low + high) // 2 // 100 * 100
        demo.step(f"Guangdong fines {name} {amount // 100:,} CNY {why}, within {low // 100:,}-{high // 100:,} CNY",
                  cast.guangdong.tx("impose_fine", pb.ImposeFine(emitter_id=cast.id(name), year=YEAR, kind=kind, amount_fen=amount,
                                                                 decision_reference=f"Yue-{YEAR}-{name}-{cast.run}")))


def allocate_next_year(demo: Demo, cast: Cast) -> None:
    """Art. 44: the allocation itself withholds what B still owes from the next vintage."""
    ministry, supply = cast.ministry, demo.client.supply(NEXT_YEAR)
    demo.step(f"ministry sets the {NEXT_YEAR} cap", ministry.set_cap(NEXT_YEAR, supply.issued + NEXT_ISSUED))
    demo.step(f"ministry issues {NEXT_ISSUED:,} t of vintage {NEXT_YEAR}", ministry.issue(NEXT_YEAR, NEXT_ISSUED))
    demo.step(f"ministry distributes {NEXT_ISSUED:,} t to province {GUANGDONG}",
              ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id(GUANGDONG), cea(NEXT_YEAR), NEXT_ISSUED))
    receipt = demo.step(f"Guangdong allocates {NEXT_YEAR} to A, B and C, citing the method (arts. 7, 44)", cast.guangdong.allocate(
        [(cast.id(name), NEXT_YEAR, NEXT_ALLOCATED[name]) for name in "ABC"], method_version=cast.method_version))
    withheld = [event.allocation_withheld for event in receipt.events if event.HasField("allocation_withheld")]
    if [(each.emitter_id, each.withheld_tonnes) for each in withheld] != [(cast.id("B"), B_SHORTFALL)]:
        raise demo.failed(f"the {NEXT_YEAR} allocation", f"withheld {withheld}, want B's shortfall {B_SHORTFALL} only")
    demo.say(f"B's line withheld its {YEAR} shortfall: {B_SHORTFALL:,} t stay with the province, "
             f"{NEXT_ALLOCATED['B'] - B_SHORTFALL:,} t credited, {withheld[0].still_owed_tonnes:,} t still owed")


def settle(demo: Demo, cast: Cast, rulebook: pb.Rulebook) -> None:
    """After the deadlines passed: C's estimate, closing and fines."""
    estimate(demo, cast)
    close(demo, cast)
    fine(demo, cast, rulebook)
