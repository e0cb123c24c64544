"""What the market covers (art. 35 (1)-(2)): the greenhouse gases and their potentials, the sectors,
and the key-emitter list of each year, national or of one province.

Public: gas names and potentials (the rulebook), sector codes and counts, and of each listed
emitter its id (a unified social credit code, itself public), name, province, sector, the years
of its listing, why it was listed or delisted, and the listing's transaction id. Not shown: the
tonnes that qualified it (a declaration to its province or the province's estimate).
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import identity, mrv_queries, public_queries
from cets.node.portal.table import Column, Filters, PublicTable, Row, Rows, Snapshot, enum_label, hex_id, listed, token_checked

GAS_NAMES = {pb.GAS_CO2: "CO2 二氧化碳", pb.GAS_CH4: "CH4 甲烷", pb.GAS_N2O: "N2O 氧化亚氮", pb.GAS_HFCS: "HFCs 氢氟碳化物",
             pb.GAS_PFCS: "PFCs 全氟化碳", pb.GAS_SF6: "SF6 六氟化硫", pb.GAS_NF3: "NF3 三氟化氮"}


def read_gases(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    rulebook = snapshot.state.rulebook_at(snapshot.time_ms)
    rows: list[Row] = [{"gas": enum_label(pb.Gas, potential.gas, "GAS_").upper(), "name": GAS_NAMES.get(potential.gas, ""),
                        "gwp": potential.gwp} for potential in rulebook.global_warming_potentials]
    return listed(rows, token, size)


def read_sectors(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    found = public_queries.sectors(snapshot.reader, filters.year, province=filters.province)
    rows: list[Row] = [{"sector": count.sector, "emitters": count.emitters} for count in found.counts]
    page = listed(rows, token, size)
    if not found.complete:
        page.note = "Counted over the first listings only: the list is longer than one bounded read. 仅统计了名单的前一部分。"
    return page


def listing_row(snapshot: Snapshot, listing: pb.EmitterListing) -> Row:
    emitter = snapshot.state.participant(listing.emitter_id)
    return {
        "emitter_id": listing.emitter_id, "name": emitter.name if emitter else "", "province": listing.province,
        "province_name": identity.PROVINCES.get(listing.province, ""), "sector": listing.sector, "from_year": listing.from_year,
        "until_year": listing.until_year or "", "basis": enum_label(pb.ListingBasis, listing.basis, "LISTING_BASIS_"),
        "delisting_reason": enum_label(pb.DelistingReason, listing.delisting_reason, "DELISTING_REASON_") if listing.delisting_reason else "",
        "listed_tx": hex_id(listing.listed_tx_id),
    }


def read_key_emitters(snapshot: Snapshot, filters: Filters, token: str, size: int) -> Rows:
    page = token_checked(lambda: mrv_queries.key_emitters(snapshot.reader, filters.year, province=filters.province, token=token, size=size))
    return Rows([listing_row(snapshot, listing) for listing in page.items], page.next_token)


GASES = PublicTable(
    name="gases", title="Covered gases 温室气体种类", articles="35 (1), 50", group="coverage",
    intro="The greenhouse gases the market covers and their global-warming potentials (tCO2e per tonne) in the rulebook in force.",
    columns=(Column("gas", "Gas 气体"), Column("name", "Name 名称"), Column("gwp", "GWP (tCO2e/t) 全球增温潜势", numeric=True)),
    read=read_gases,
)
SECTORS = PublicTable(
    name="sectors", title="Covered sectors 纳入行业", articles="35 (1)", group="coverage", filters=("year", "province"),
    intro="The sectors of the emitters on a year's key-emitter list, with how many are listed.",
    columns=(Column("sector", "Sector 行业"), Column("emitters", "Listed emitters 重点排放单位数", numeric=True)),
    read=read_sectors,
)
KEY_EMITTERS = PublicTable(
    name="key-emitters", title="Key-emitter list 重点排放单位名单", articles="5, 35 (2), 42", group="coverage",
    filters=("year", "province"),
    intro="The emitters with a compliance obligation for the year, national or of one province.",
    columns=(Column("emitter_id", "Emitter id 统一社会信用代码"), Column("name", "Name 名称"), Column("province", "Province 省份"),
             Column("province_name", "Province name 省份名称"), Column("sector", "Sector 行业"),
             Column("from_year", "Listed from 纳入年度", numeric=True), Column("until_year", "Listed until 移出年度", numeric=True),
             Column("basis", "Basis 纳入依据"), Column("delisting_reason", "Delisted because 移出原因"),
             Column("listed_tx", "Listing transaction 纳入交易")),
    read=read_key_emitters,
)

TABLES = (GASES, SECTORS, KEY_EMITTERS)
