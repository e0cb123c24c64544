"""The core's disclosure queries (ledger/public_queries.py) on the in-process chain: the
cancellations index (art. 15) in chain order, the compliance of every listed emitter with the
pending ones (art. 35 (8)), a year's sectors (art. 35 (1)), fines of a year (arts. 38, 43-44), and
the supply per vintage (art. 37). Every listing is a bounded page whose tokens resume it."""

from __future__ import annotations

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import cea
from cets.ledger import identity, public_queries
from cets.ledger import tables as t
from cets.ledger.queries import PageTokenInvalid
from tests.test_state_machine import MEE, Ledger, holding, make_key, uscc

YEAR = 2025


def read(ledger: Ledger, function):
    with ledger.store.reader() as reader:
        return function(reader)


def all_pages(ledger: Ledger, query, size: int) -> list:
    items, token = [], ""
    for _ in range(100):
        page = read(ledger, lambda reader: query(reader, token=token, size=size))
        assert len(page.items) <= size
        items += page.items
        token = page.next_token
        if not token:
            return items
    raise AssertionError("no last page")


def test_art15_each_certificate_is_indexed_and_pages_in_the_order_of_the_chain():
    ledger = Ledger()
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", YEAR, 100)
    account = holding(emitter.participant_id)
    results = ledger.run(emitter.cancel(account, cea(YEAR), 10, beneficiary="B1", purpose="P1"),
                         emitter.cancel(account, cea(YEAR), 20, beneficiary="B2", purpose="P2"))
    results += ledger.run(emitter.cancel(account, cea(YEAR), 30, purpose="P3"))
    issued = [result.events[0].cancelled for result in results]
    in_block_order = sorted(issued[:2], key=lambda c: c.certificate_id) + issued[2:]  # one block pages by certificate id
    assert all_pages(ledger, public_queries.cancellations, size=1) == in_block_order
    assert issued[2].beneficiary == emitter.participant_id  # none given: the holder


def test_art15_a_refused_cancellation_writes_no_certificate():
    ledger = Ledger()
    emitter = ledger.register_emitter("44")
    ledger.fund_emitter(emitter, "44", YEAR, 10)
    ledger.expect(emitter.cancel(holding(emitter.participant_id), cea(YEAR), 11), pb.CODE_INSUFFICIENT_BALANCE)
    assert read(ledger, lambda reader: list(t.CANCELLATIONS.scan(reader, limit=10))) == []


def test_art35_every_listed_emitter_has_a_compliance_row_the_ones_with_nothing_recorded_pending():
    ledger = Ledger()
    active, idle, hubei = ledger.register_emitter("44"), ledger.register_emitter("44"), ledger.register_emitter("42")
    for emitter in (active, idle, hubei):
        ledger.list_emitter(emitter, YEAR)
    ledger.fund_emitter(active, "44", YEAR, 10)
    ledger.expect(active.surrender(YEAR, [(cea(YEAR), 10)]), pb.CODE_OK)

    def listed(**filters):
        return {entry.emitter.participant_id: entry.record for entry in
                all_pages(ledger, lambda reader, **page: public_queries.compliance_of_listed(reader, YEAR, **filters, **page), size=1)}

    everyone = listed()
    assert set(everyone) == {active.participant_id, idle.participant_id, hubei.participant_id}
    assert everyone[idle.participant_id] == pb.ComplianceRecord(emitter_id=idle.participant_id, year=YEAR, province="44")
    assert everyone[active.participant_id].surrendered_allowances == 10
    assert set(listed(province="44")) == {active.participant_id, idle.participant_id}
    assert set(listed(province="42", status=pb.COMPLIANCE_STATUS_PENDING)) == {hubei.participant_id}
    assert listed(status=pb.COMPLIANCE_STATUS_A) == {}
    assert read(ledger, lambda reader: public_queries.compliance_of_listed(reader, YEAR + 5, size=10).items) != []  # listings stay open
    assert read(ledger, lambda reader: public_queries.compliance_of_listed(reader, YEAR - 1, size=10).items) == []


def test_art35_a_token_of_another_listing_is_refused():
    ledger = Ledger()
    for _ in range(2):
        ledger.list_emitter(ledger.register_emitter("44"), YEAR)
    national = read(ledger, lambda reader: public_queries.compliance_of_listed(reader, YEAR, size=1))
    assert national.next_token
    with pytest.raises(PageTokenInvalid):
        read(ledger, lambda reader: public_queries.compliance_of_listed(reader, YEAR, province="44", token=national.next_token, size=1))
    with pytest.raises(PageTokenInvalid):
        read(ledger, lambda reader: public_queries.cancellations(reader, token=national.next_token, size=1))


def test_art35_the_sectors_of_a_year_are_those_of_its_listed_emitters():
    ledger = Ledger()
    steel_id = uscc("44", 900)
    ledger.expect(ledger.builder(identity.province_id("44")).register_participant(
        steel_id, pb.ROLE_KEY_EMITTER, "Steel", [make_key(steel_id).spec()], province="44", sector="steel"), pb.CODE_OK)
    power = [ledger.register_emitter("44") for _ in range(2)]
    for emitter in power:
        ledger.list_emitter(emitter, YEAR)
    ledger.list_emitter(ledger.builder(steel_id), YEAR + 1)  # not on the list of YEAR
    found = read(ledger, lambda reader: public_queries.sectors(reader, YEAR))
    assert (found.counts, found.complete) == ([public_queries.SectorCount("power", 2)], True)
    assert read(ledger, lambda reader: public_queries.sectors(reader, YEAR + 1, province="44")).counts == [
        public_queries.SectorCount("power", 2), public_queries.SectorCount("steel", 1)]
    assert read(ledger, lambda reader: public_queries.sectors(reader, YEAR, province="42")).counts == []


def test_art38_43_44_fines_are_listed_by_year_and_province():
    ledger = Ledger()
    guangdong_emitter, hubei_emitter = ledger.register_emitter("44"), ledger.register_emitter("42")

    def fine(emitter, province: str, year: int) -> pb.SignedTx:
        payload = pb.ImposeFine(emitter_id=emitter.participant_id, year=year, kind=pb.FINE_KIND_REPORTING, amount_fen=1_000_000,
                                decision_reference=f"{province}-{year}")
        return ledger.builder(identity.province_id(province)).tx("impose_fine", payload)

    ledger.run(fine(guangdong_emitter, "44", YEAR), fine(guangdong_emitter, "44", YEAR - 1), fine(hubei_emitter, "42", YEAR))

    def references(**filters) -> list[str]:
        fines = all_pages(ledger, lambda reader, **page: public_queries.fines(reader, YEAR, **filters, **page), size=1)
        return sorted(found.fine.decision_reference for found in fines)

    assert references() == [f"42-{YEAR}", f"44-{YEAR}"]
    assert references(province="44") == [f"44-{YEAR}"]


def test_art37_the_supply_of_each_vintage_with_a_cap():
    ledger = Ledger()
    ledger.issue(YEAR, 100, cap=1_000)
    ledger.issue(YEAR + 1, 50)
    emitter = ledger.register_emitter("44")
    ledger.expect(ledger.builder(MEE).transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id("44"), cea(YEAR), 10), pb.CODE_OK)
    ledger.publish_method()
    ledger.expect(ledger.builder(identity.province_id("44")).allocate([(emitter.participant_id, YEAR, 10)]), pb.CODE_OK)
    ledger.expect(emitter.cancel(holding(emitter.participant_id), cea(YEAR), 4), pb.CODE_OK)
    figures = all_pages(ledger, public_queries.supply_by_vintage, size=1)
    assert [(f.vintage, f.cap, f.issued, f.cancelled) for f in figures] == [(YEAR, 1_000, 100, 4), (YEAR + 1, 50, 50, 0)]
