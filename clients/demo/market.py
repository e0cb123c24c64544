"""The market before the compliance year: registrations, cap, issuance, allocation citing a
published method, transfers and a voluntary cancellation (arts. 4, 7, 9-11, 15)."""

from __future__ import annotations

import hashlib

from cets.v1 import messages as pb
from cets.clients.builder import cea
from cets.clients.demo.figures import (
    A_TO_B, ALLOCATED, CANCELLED_BY_FUND, CLAWED_BACK_FROM_B, D_TO_FUND, DISTRIBUTED, ISSUED, SET_ASIDE, YEAR,
)
from cets.clients.demo.session import GUANGDONG, HUBEI, Cast, Demo
from cets.ledger import identity

SECTORS = {"A": "power", "B": "cement", "C": "steel", "D": "chemicals"}


def register(demo: Demo, cast: Cast) -> None:
    for name, sector in SECTORS.items():
        province, code = (cast.hubei, HUBEI) if name == "D" else (cast.guangdong, GUANGDONG)
        emitter = cast.emitters[name]
        demo.step(f"{province.participant_id} registers key emitter {name} {emitter.participant_id} ({sector})",
                  province.register_participant(emitter.participant_id, pb.ROLE_KEY_EMITTER, f"Demo {sector} company", [emitter.key.spec()],
                                                province=code, sector=sector))
    demo.step(f"registry registers institution {cast.fund.participant_id}",
              cast.registry.register_participant(cast.fund.participant_id, pb.ROLE_INSTITUTION, "Demo carbon fund", [cast.fund.key.spec()]))


def issue(demo: Demo, cast: Cast) -> None:
    ministry = cast.ministry
    supply = demo.client.supply(YEAR)
    demo.step(f"ministry sets the {YEAR} cap", ministry.set_cap(YEAR, supply.issued + ISSUED))
    demo.step(f"ministry issues {ISSUED:,} t of vintage {YEAR}", ministry.issue(YEAR, ISSUED))
    demo.step(f"ministry sets {SET_ASIDE:,} t aside into the reserve (art. 9)", ministry.reserve_move(
        pb.RESERVE_DIRECTION_INTO_RESERVE, identity.ISSUANCE_ACCOUNT, YEAR, SET_ASIDE, pb.RESERVE_PURPOSE_SET_ASIDE, "annual set-aside"))
    for code, amount in DISTRIBUTED.items():
        demo.step(f"ministry distributes {amount:,} t to province {code}",
                  ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id(code), cea(YEAR), amount))
    method = cast.method_version
    demo.step(f"ministry publishes allocation method {method} (art. 7)", ministry.tx("publish_allocation_method", pb.PublishAllocationMethod(
        version=method, document_sha256=hashlib.sha256(method.encode()).digest(), title="Demo benchmark method", pre_allocation_share_bps=7_000)))


def allocate(demo: Demo, cast: Cast) -> None:
    method = cast.method_version
    demo.step("Guangdong allocates to its three emitters, citing the method (arts. 7, 10)",
              cast.guangdong.allocate([(cast.id(name), YEAR, ALLOCATED[name]) for name in "ABC"], method_version=method))
    demo.step("Hubei allocates to its emitter D", cast.hubei.allocate([(cast.id("D"), YEAR, ALLOCATED["D"])], method_version=method))
    demo.step("Guangdong tries to allocate to a Hubei emitter: refused (art. 4)",
              cast.guangdong.allocate([(cast.id("D"), YEAR, 1)], method_version=method), refused=pb.CODE_OUTSIDE_JURISDICTION)
    demo.step(f"Guangdong claws back {CLAWED_BACK_FROM_B:,} t from B after a capacity change (art. 11)",
              cast.guangdong.adjust_allocation(cast.id("B"), YEAR, -CLAWED_BACK_FROM_B, pb.ADJUSTMENT_REASON_CAPACITY_CHANGE, "kiln 3 closed"))


def trade(demo: Demo, cast: Cast) -> str:
    """Transfers and the fund's cancellation; returns the cancellation certificate's id."""
    a, d = cast.emitters["A"], cast.emitters["D"]
    demo.step(f"emitter A transfers {A_TO_B:,} t to emitter B", a.transfer(cast.account("A"), cast.account("B"), cea(YEAR), A_TO_B))
    demo.step(f"emitter D transfers {D_TO_FUND:,} t to the fund", d.transfer(cast.account("D"), cast.fund_account(), cea(YEAR), D_TO_FUND))
    receipt = demo.step(f"the fund cancels {CANCELLED_BY_FUND:,} t for ever (art. 15)", cast.fund.cancel(
        cast.fund_account(), cea(YEAR), CANCELLED_BY_FUND, beneficiary="Demo marathon 2025", purpose="event neutrality"))
    return next(event.cancelled.certificate_id for event in receipt.events if event.HasField("cancelled"))


def open_market(demo: Demo, cast: Cast) -> str:
    demo.phase(f"the market: registrations, the {YEAR} cap, issuance, allocation, transfers")
    register(demo, cast)
    issue(demo, cast)
    allocate(demo, cast)
    return trade(demo, cast)
