"""The genesis: founding institutions and their keys, the default rulebook, and the first state.

Building a genesis from given keys is pure; generating keys (randomness) is the caller's job
(`node/devnet.py` for the dev genesis).
"""

from __future__ import annotations

from typing import Mapping, Sequence

from cets.v1 import messages as pb
from cets.ledger import crypto, identity
from cets.ledger.errors import ChainError
from cets.ledger.state import State, encode_int
from cets.ledger.txs.registry.rulebook import rulebook_problem

DAY_MS = 86_400_000
HOUR_MS = 3_600_000


def default_rulebook() -> pb.Rulebook:
    """The draft measures' values (see ARTICLES.md); later rules arrive as rulebook versions."""
    return pb.Rulebook(
        amount_max=10_000_000_000,  # 10 Gt per line, above the national cap of a year
        vintage_min=2019,  # the national market's first vintages are 2019-2020
        vintage_max=2100,
        offset_cap_bps=500,  # art. 31: CCERs cover at most 5% of verified emissions
        emitter_threshold_tonnes=26_000,  # art. 5
        reporting_fine_min_fen=1_000_000,  # art. 43: 10,000 CNY
        reporting_fine_max_fen=3_000_000,  # art. 43: 30,000 CNY
        surrender_fine_min_fen=2_000_000,  # art. 44: 20,000 CNY
        surrender_fine_max_fen=3_000_000,  # art. 44: 30,000 CNY
        created_window_ms=DAY_MS,
        report_due=pb.YearDay(year_offset=1, month=3, day=31),  # art. 26: before 31 March of the next year
        surrender_due=pb.YearDay(year_offset=1, month=12, day=31),  # practice since 2023: 31 December of the next year
        appeal_window_days=10,  # "promptly" in the draft; adopted: 7 working days (Order 19, arts. 16, 27)
        appeal_decision_days=14,  # adopted: decided within 10 working days
        offset_cap_basis=pb.OFFSET_CAP_BASIS_VERIFIED_EMISSIONS,  # art. 31
        global_warming_potentials=default_global_warming_potentials(),
        threshold_basis=pb.THRESHOLD_BASIS_TOTAL,  # art. 5
        deduct_shortfall=True,  # art. 44
        # EU Union Registry's account protections (DESIGN §8): a trusted-list addition waits four
        # working days there, counted here as 4 x 24 h of block time; a transfer outside the list
        # is held 26 hours; no per-transfer cap until the ministry sets one.
        trusted_account_delay_ms=4 * DAY_MS,
        untrusted_transfer_delay_ms=26 * HOUR_MS,
        untrusted_transfer_tonnes_max=0,
        **default_trading_rules(),
    )


# The 2026 public holidays (State Council General Office, announced Nov 2025) that fall on weekdays:
# the exchange is closed then. The calendar is data: a rulebook version adds the next year's list.
NON_TRADING_DATES_2026 = (
    20260101, 20260102,  # New Year
    20260216, 20260217, 20260218, 20260219, 20260220, 20260223,  # Spring Festival
    20260406,  # Qingming
    20260501, 20260504, 20260505,  # Labour Day
    20260619,  # Dragon Boat
    20260925,  # Mid-Autumn
    20261001, 20261002, 20261005, 20261006, 20261007,  # National Day
)


def default_trading_rules() -> dict:
    """The exchange's parameters from the 2021 trading rules and practice (ARTICLES.md, "Figures from
    the exchange's practice"); arts. 19-20 leave them to the rules."""
    return dict(
        tick_fen=1,  # 0.01 CNY
        lot_tonnes=1,
        trading_sessions=[pb.TradingSession(start_minute=9 * 60 + 30, end_minute=11 * 60 + 30),
                          pb.TradingSession(start_minute=13 * 60, end_minute=15 * 60, block_agreements=True)],
        trading_weekdays=0b0011111,  # Monday to Friday
        non_trading_dates=NON_TRADING_DATES_2026,
        listing_band_bps=1_000,  # listing agreement: +-10% of the previous close
        block_band_bps=3_000,  # block agreement: +-30%
        block_threshold_tonnes=100_000,  # listing below 100,000 t, block from it
        best_levels=5,  # a listing taker chooses among the best 5 levels
        # 2021 trading rules ch. 4 set position limits and large-holder reporting but no national
        # figures; a pilot's: an emitter's annual allocation + 1 Mt, disclosure above 0.5 Mt.
        position_limits=[pb.PositionLimit(role=pb.ROLE_KEY_EMITTER, tonnes_max=1_000_000, plus_allocation=True),
                         pb.PositionLimit(role=pb.ROLE_INSTITUTION, tonnes_max=1_000_000),
                         pb.PositionLimit(role=pb.ROLE_INDIVIDUAL, tonnes_max=100_000)],
        large_holder_tonnes=500_000,
        enabled_modes=[pb.TRADING_MODE_OPEN_BIDDING, pb.TRADING_MODE_LISTING_AGREEMENT, pb.TRADING_MODE_BLOCK_AGREEMENT,
                       pb.TRADING_MODE_AUCTION],
        open_bidding_band_bps=1_000,  # as the listing agreement's
        initial_reference_price_fen=4_800,  # the national market opened at 48 CNY/t on 16 Jul 2021
        price_fen_max=10_000_000,  # 100,000 CNY/t: far above any price seen, keeps price x quantity inside int64
        open_bidding_quantity_max=1_000_000,  # as the exchange's engine's default (exchange/engine/types.py)
    )


def default_global_warming_potentials() -> list[pb.GasPotential]:
    """IPCC AR5 100-year potentials; the HFC and PFC families by their commonest species in China's
    covered sectors (HFC-23, CF4). A rulebook version can replace the table."""
    table = {pb.GAS_CO2: 1, pb.GAS_CH4: 28, pb.GAS_N2O: 265, pb.GAS_HFCS: 12_400, pb.GAS_PFCS: 6_630, pb.GAS_SF6: 23_500,
             pb.GAS_NF3: 16_100}
    return [pb.GasPotential(gas=gas, gwp=gwp) for gas, gwp in table.items()]


def build_genesis(
    chain_id: str,
    time_ms: int,
    keys: Mapping[str, Sequence[pb.KeySpec]],
    provinces: Sequence[str] = tuple(identity.PROVINCES),
    quorum: int = 1,
) -> pb.Genesis:
    """A genesis with the ministry, registry, exchange and the given provinces.

    `keys` maps each founding participant id (MEE, REG, EXCH, PROV-xx) to its keys.
    """
    founders = [
        pb.Participant(participant_id=identity.MINISTRY_ID, role=pb.ROLE_MINISTRY, name="Ministry of Ecology and Environment"),
        pb.Participant(participant_id=identity.REGISTRY_ID, role=pb.ROLE_REGISTRY, name="National Carbon Emission Registry"),
        pb.Participant(participant_id=identity.EXCHANGE_ID, role=pb.ROLE_EXCHANGE, name="National Carbon Emission Exchange"),
    ]
    for code in provinces:
        founders.append(
            pb.Participant(participant_id=identity.province_id(code), role=pb.ROLE_PROVINCE,
                           name=f"{identity.PROVINCES[code]} Department of Ecology and Environment", province=code)
        )
    return pb.Genesis(
        chain_id=chain_id, time_ms=time_ms, rulebook=default_rulebook(), quorum=quorum,
        participants=[pb.GenesisParticipant(participant=p, keys=keys.get(p.participant_id, ())) for p in founders],
    )


def _founding_accounts(participant: pb.Participant) -> list[pb.Account]:
    if participant.role == pb.ROLE_MINISTRY:
        return [
            pb.Account(account_id=identity.ISSUANCE_ACCOUNT, kind=pb.ACCOUNT_KIND_ISSUANCE, holder=participant.participant_id),
            pb.Account(account_id=identity.RESERVE_ACCOUNT, kind=pb.ACCOUNT_KIND_RESERVE, holder=participant.participant_id),
            pb.Account(account_id=identity.AUCTION_ACCOUNT, kind=pb.ACCOUNT_KIND_AUCTION, holder=participant.participant_id),
        ]
    if participant.role == pb.ROLE_PROVINCE:
        return [pb.Account(account_id=identity.province_account_id(participant.province), kind=pb.ACCOUNT_KIND_PROVINCE_ALLOCATION,
                           holder=participant.participant_id, province=participant.province)]
    return []


def check_genesis(genesis: pb.Genesis) -> None:
    """Raise ChainError(0, ...) unless the genesis can found a chain."""
    if not genesis.chain_id:
        raise ChainError(0, "genesis: chain_id missing")
    roles = {entry.participant.role for entry in genesis.participants}
    for role in (pb.ROLE_MINISTRY, pb.ROLE_REGISTRY, pb.ROLE_EXCHANGE):
        if role not in roles:
            raise ChainError(0, f"genesis: no {pb.Role.Name(role)}")
    seen: set[bytes] = set()
    for entry in genesis.participants:
        if not entry.keys:
            raise ChainError(0, f"genesis: {entry.participant.participant_id} has no key")
        for spec in entry.keys:
            if len(spec.public_key) != crypto.PUBLIC_KEY_BYTES or spec.public_key in seen:
                raise ChainError(0, f"genesis: bad or repeated key of {entry.participant.participant_id}")
            seen.add(spec.public_key)
    if genesis.quorum < 1:
        raise ChainError(0, "genesis: quorum must be at least 1")
    problem = rulebook_problem(genesis.rulebook)
    if problem:
        raise ChainError(0, f"genesis: rulebook.{problem}")


class _Empty:
    def get(self, key: bytes) -> None:
        return None

    def scan(self, prefix, start_after=None, limit=None):
        return iter(())


def genesis_writes(genesis: pb.Genesis) -> dict[bytes, bytes | None]:
    """The state at height 0."""
    check_genesis(genesis)
    state = State(_Empty())
    state.set_chain_id(genesis.chain_id)
    state.set_quorum(genesis.quorum)
    state.put_rulebook(genesis.rulebook)
    for entry in genesis.participants:
        participant = pb.Participant()
        participant.CopyFrom(entry.participant)
        accounts = _founding_accounts(participant)
        if accounts:
            participant.account_id = accounts[0].account_id
        state.put_participant(participant)
        for account in accounts:
            state.put_account(account)
        key_ids = []
        for spec in entry.keys:
            record = pb.KeyRecord(key_id=crypto.key_id(spec.public_key), participant_id=participant.participant_id,
                                  public_key=spec.public_key, purpose=spec.purpose)
            state.put_key(record)
            key_ids.append(record.key_id)
        state.set_participant_key_ids(participant.participant_id, key_ids)
    return state.writes
