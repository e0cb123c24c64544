"""A funded in-process market for the market tests: two key emitters holding allowances, an
institution and an individual with cash, block times on trading days of the 2026 calendar."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, signed_tx_id
from cets.ledger import calendar, identity
from cets.ledger import tables as t
from cets.ledger.genesis import default_rulebook
from cets.ledger.txs.market import book
from tests.test_state_machine import EXCH, MEE, REG, RESIDENT_ID, Ledger, code_name

VINTAGE = 2025
UNIT = cea(VINTAGE)
HOUR_MS = 3_600_000
MONDAY = (2026, 1, 5)  # a trading day (the first after the New Year holiday)
TUESDAY = (2026, 1, 6)
FEN = 1_000_000_000  # each trader's deposit: 10 million CNY
REFERENCE = 4_800  # the rulebook's initial reference price before any close


def at(day: tuple[int, int, int], hour: float) -> int:
    """Block time at `hour` (China time) of `day`."""
    return calendar.start_of_day_ms(*day) + int(hour * HOUR_MS)


def date_of(day: tuple[int, int, int]) -> int:
    return day[0] * 10_000 + day[1] * 100 + day[2]


class Market:
    def __init__(self, tonnes: int = 300_000) -> None:
        self.ledger = Ledger()
        self.seller = self.ledger.register_emitter("44")
        self.second_seller = self.ledger.register_emitter("44")
        self.ledger.fund_emitter(self.seller, "44", VINTAGE, tonnes)
        self.ledger.fund_emitter(self.second_seller, "44", VINTAGE, tonnes)
        self.buyer = self.ledger.register_trader(pb.ROLE_INSTITUTION)
        self.person = self.ledger.register_trader(pb.ROLE_INDIVIDUAL, RESIDENT_ID)
        self.registry, self.exchange, self.ministry = self.ledger.builder(REG), self.ledger.builder(EXCH), self.ledger.builder(MEE)
        self._references = 0
        for trader in (self.buyer, self.person, self.seller, self.second_seller):
            self.expect(self.deposit(trader.participant_id, FEN), pb.CODE_OK)
        self.move_to(MONDAY, 10)

    # -- time ---------------------------------------------------------------------------------
    @property
    def now(self) -> int:
        return self.ledger.next_time_ms

    def move_to(self, day: tuple[int, int, int], hour: float) -> None:
        """An empty block at that time: the next blocks follow it a second apart."""
        self.ledger.commit([], time_ms=at(day, hour))

    # -- transactions -------------------------------------------------------------------------
    def expect(self, tx: pb.SignedTx, code: int) -> pb.TxResult:
        (result,) = self.ledger.commit([tx.SerializeToString()]).results
        assert code_name(result) == pb.Code.Name(code), result.detail
        return result

    def refused(self, tx: pb.SignedTx, code: int) -> pb.TxResult:
        """Refused with `code`, and its block writes nothing but that it judged the transaction (and
        what every block writes: the previous header's hash, the history tree)."""
        execution = self.ledger.dry_run(tx)
        (result,) = execution.results
        assert code_name(result) == pb.Code.Name(code), result.detail
        assert {t.table_of(key) for key in execution.writes} <= {t.JUDGED, t.HEADER_HASHES, t.HISTORY_NODES}  # what every block writes
        return result

    def deposit(self, participant_id: str, amount_fen: int, reference: str | None = None) -> pb.SignedTx:
        self._references += 1
        payload = pb.DepositFunds(participant_id=participant_id, amount_fen=amount_fen, bank_reference=reference or f"BANK-{self._references}")
        return self.registry.tx("deposit_funds", payload)

    def withdraw(self, participant_id: str, amount_fen: int, reference: str | None = None) -> pb.SignedTx:
        self._references += 1
        payload = pb.WithdrawFunds(participant_id=participant_id, amount_fen=amount_fen, bank_reference=reference or f"BANK-{self._references}")
        return self.registry.tx("withdraw_funds", payload)

    def order(self, trader: TxBuilder, side: int, price_fen: int, quantity: int, mode: int = pb.TRADING_MODE_LISTING_AGREEMENT,
              account: str | None = None, **references) -> pb.SignedTx:
        payload = pb.PlaceOrder(account_id=account or self.account(trader), side=side, mode=mode, unit=UNIT, price_fen=price_fen,
                                quantity=quantity, **references)
        return trader.tx("place_order", payload)

    def placed(self, trader: TxBuilder, side: int, price_fen: int, quantity: int, mode: int = pb.TRADING_MODE_LISTING_AGREEMENT,
               **references) -> bytes:
        """Place an order that must be accepted; returns its id."""
        tx = self.order(trader, side, price_fen, quantity, mode, **references)
        self.expect(tx, pb.CODE_OK)
        return signed_tx_id(tx)

    def cancel(self, trader: TxBuilder, order_id: bytes) -> pb.SignedTx:
        return trader.tx("cancel_order", pb.CancelOrder(order_id=order_id))

    def offer(self, quantity: int, reserve_price_fen: int) -> pb.SignedTx:
        return self.ministry.tx("auction_offer", pb.AuctionOffer(unit=UNIT, quantity=quantity, reserve_price_fen=reserve_price_fen))

    def batch(self, trades: list[tuple[bytes, bytes, int, int]], batch_id: str = "B1", trade_date: int | None = None,
              cancelled: list[bytes] = (), expired: list[bytes] = (), **overrides) -> pb.SignedTx:
        records = [pb.Trade(buy_order_id=b, sell_order_id=s, price_fen=p, quantity=q) for b, s, p, q in trades]
        fields = dict(batch_id=batch_id, trade_date=trade_date or date_of(MONDAY), trade_count=len(records),
                      total_quantity=sum(r.quantity for r in records), total_amount_fen=sum(r.price_fen * r.quantity for r in records),
                      trades=records, cancelled_order_ids=cancelled, expired_order_ids=expired)
        fields.update(overrides)
        return self.exchange.tx("settle_batch", pb.SettleBatch(**fields))

    def settle(self, trades, **options) -> pb.BatchSettled:
        result = self.expect(self.batch(trades, **options), pb.CODE_OK)
        return result.events[0].batch_settled

    def set_rules(self, **fields) -> None:
        """A rulebook version with `fields` changed, in force from the next block."""
        rules = default_rulebook()
        for name, value in fields.items():
            if isinstance(value, list):
                del getattr(rules, name)[:]
                getattr(rules, name).extend(value)
            else:
                setattr(rules, name, value)
        self.expect(self.ministry.set_rulebook(rules, self.now + 1), pb.CODE_OK)

    # -- reads --------------------------------------------------------------------------------
    def account(self, trader: TxBuilder) -> str:
        """The account the registry opened for the trader (the ministry's auction account for the ministry)."""
        if trader.participant_id == MEE:
            return identity.AUCTION_ACCOUNT
        return self.ledger.read(lambda state: state.participant(trader.participant_id)).account_id

    def holdings(self, trader_or_account) -> int:
        account = trader_or_account if isinstance(trader_or_account, str) else self.account(trader_or_account)
        return self.ledger.balance(account, UNIT)

    def reserved_units(self, trader: TxBuilder) -> int:
        return self.ledger.read(lambda state: t.RESERVED_UNITS.get(state, self.account(trader), UNIT, default=0))

    def cash(self, holder) -> pb.CashAccount:
        holder = holder if isinstance(holder, str) else holder.participant_id
        return self.ledger.read(lambda state: book.cash(state, holder))

    def order_record(self, order_id: bytes) -> pb.Order:
        return self.ledger.read(lambda state: book.order(state, order_id))
