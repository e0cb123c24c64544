"""Funds and allowances are conserved through any sequence of deposits, withdrawals, orders,
cancellations and settlement batches (art. 21; DESIGN §2's conservation properties):

- the cash balances (the fiscal account's included) add up to what was deposited less what was
  withdrawn, and no account reserves more than it holds;
- each account's reserved fen are exactly what its open buy orders reserve (limit x remaining);
- each account's reserved units are exactly what its open sell orders have left, and its open
  buys what its open buy orders have left;
- the allowances of the unit, in holdings or reserved, add up to what was issued.

Whatever the ledger refuses (most random trades are refused, each for its own reason) changes
nothing, so the checks hold after every block.
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cets.v1 import messages as pb
from cets.clients.builder import signed_tx_id
from cets.ledger import tables as t
from cets.ledger.state import SUPPLY_ISSUED
from tests.market_world import UNIT, Market

BUY, SELL = pb.ORDER_SIDE_BUY, pb.ORDER_SIDE_SELL
MODES = (pb.TRADING_MODE_OPEN_BIDDING, pb.TRADING_MODE_LISTING_AGREEMENT)

deposit = st.tuples(st.just("deposit"), st.integers(0, 3), st.integers(1, 10**8))
withdraw = st.tuples(st.just("withdraw"), st.integers(0, 3), st.integers(1, 2 * 10**9))
order = st.tuples(st.just("order"), st.integers(0, 3), st.sampled_from((BUY, SELL)), st.sampled_from(MODES + (pb.TRADING_MODE_OPEN_BIDDING,)),
                  st.integers(4_320, 5_280), st.one_of(st.integers(1, 3_000), st.integers(1, 120_000)))
cancel = st.tuples(st.just("cancel"), st.integers(0, 3), st.integers(0, 40))
trade = st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(4_300, 5_300), st.integers(0, 130_000))
settle = st.tuples(st.just("settle"), st.lists(trade, max_size=6), st.lists(st.integers(0, 40), max_size=3))
match = st.tuples(st.just("match"), st.integers(1, 100))
steps = st.lists(st.one_of(order, order, order, order, order, match, match, deposit, withdraw, cancel, settle), min_size=15, max_size=40)


class Run:
    def __init__(self) -> None:
        self.market = Market(tonnes=150_000)
        m = self.market
        self.traders = [m.buyer, m.person, m.seller, m.second_seller]
        self.orders: list[bytes] = []
        self.net_fen = sum(m.cash(trader).balance_fen for trader in self.traders)
        self.batches = 0
        self.settled = 0

    def apply(self, step: tuple) -> None:
        m = self.market
        kind = step[0]
        if kind in ("deposit", "withdraw"):
            build = m.deposit if kind == "deposit" else m.withdraw
            result = m.ledger.run(build(self.traders[step[1]].participant_id, step[2]))[0]
            if result.code == pb.CODE_OK:
                self.net_fen += step[2] if kind == "deposit" else -step[2]
        elif kind == "order":
            _, who, side, mode, price, quantity = step
            if side == SELL and who < 2 and step[5] % 4:
                who += 2  # mostly the emitters sell: they hold allowances from the start
            tx = m.order(self.traders[who], side, price, quantity, mode)
            if m.ledger.run(tx)[0].code == pb.CODE_OK:
                self.orders.append(signed_tx_id(tx))
        elif kind == "cancel":
            if self.orders:
                m.ledger.run(m.cancel(self.traders[step[1]], self.orders[step[2] % len(self.orders)]))
        elif kind == "match":
            self._match(step[1])
        else:
            self._settle(step[1], step[2])

    def _match(self, percent: int) -> None:
        """Settle a trade the rules allow: the first crossing open-bidding bid and ask of two participants."""
        records = self.market.ledger.read(lambda state: [t.ORDERS.get(state, order_id) for order_id in self.orders])
        live = [r for r in records if r.status == pb.ORDER_STATUS_OPEN and r.mode == pb.TRADING_MODE_OPEN_BIDDING]
        for bid in (r for r in live if r.side == BUY):
            for ask in (r for r in live if r.side == SELL):
                if bid.price_fen >= ask.price_fen and bid.participant_id != ask.participant_id:
                    quantity = max(1, min(bid.remaining, ask.remaining) * percent // 100)
                    self._settle_trades([(bid.order_id, ask.order_id, ask.price_fen, quantity)], [])
                    return

    def _settle(self, trades: list[tuple], expiries: list[int]) -> None:
        if not self.orders:
            return
        pick = lambda index: self.orders[index % len(self.orders)]  # noqa: E731
        chosen = [(pick(b), pick(s), price, quantity) for b, s, price, quantity in trades]
        self._settle_trades(chosen, [pick(i) for i in expiries])

    def _settle_trades(self, trades: list[tuple], expired: list[bytes]) -> None:
        self.batches += 1
        (result,) = self.market.ledger.run(self.market.batch(trades, batch_id=f"B{self.batches}", expired=expired))
        if result.code == pb.CODE_OK:
            self.settled += result.events[0].batch_settled.settled_count

    def check(self) -> None:
        self.market.ledger.read(self._check)

    def _check(self, state) -> None:
        cash = {parts[0]: account for _, parts, account in state.scan_table(t.CASH_ACCOUNTS, limit=None)}
        assert sum(account.balance_fen for account in cash.values()) == self.net_fen
        reserved_fen, reserved_units, open_buys = defaultdict(int), defaultdict(int), defaultdict(int)
        for _, _, record in state.scan_table(t.ORDERS, limit=None):
            if record.status != pb.ORDER_STATUS_OPEN:
                assert record.reserved_fen == 0 or record.status == pb.ORDER_STATUS_FILLED and record.reserved_fen == 0
                continue
            if record.side == BUY:
                assert record.reserved_fen == record.price_fen * record.remaining
                reserved_fen[record.participant_id] += record.reserved_fen
                open_buys[record.account_id] += record.remaining
            else:
                reserved_units[record.account_id] += record.remaining
        for holder, account in cash.items():
            assert 0 <= account.reserved_fen <= account.balance_fen
            assert account.reserved_fen == reserved_fen[holder]
        assert {parts[0]: v for _, parts, v in state.scan_table(t.RESERVED_UNITS, limit=None)} == {k: v for k, v in reserved_units.items() if v}
        assert {parts[0]: v for _, parts, v in state.scan_table(t.OPEN_BUYS, limit=None)} == {k: v for k, v in open_buys.items() if v}
        held = sum(amount for _, parts, amount in state.scan_table(t.HOLDINGS, limit=None) if parts[1] == UNIT)
        assert held + sum(reserved_units.values()) == state.supply(SUPPLY_ISSUED, UNIT)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_art21_funds_and_allowances_are_conserved_through_orders_cancels_and_settlements(script):
    run = Run()
    for step in script:
        run.apply(step)
        run.check()
