"""The market trades (arts. 8, 17-23): funds, orders in each mode, settlement trade by trade.

Three institutions of this run trade allowances of vintage TRADING_VINTAGE, a vintage of their own
so that the compliance year's figures stay as they are: the ministry issues them into its auction
account and sells S its stock there; the registry enters the settlement bank's deposits of F and G.
Then a listing agreement (S lists, F takes), an open-bidding match (S sells, G bids higher), a block
agreement (S quotes F, F accepts) and a one-way auction (the ministry offers, F and G bid). The
exchange's engine matches them from the order flow on the chain, the exchange signs a settlement
batch and the registry settles it trade by trade; the demo prints holdings and cash before and
after, the day's bar and the reconciliation, all read through the Trading service.

Sessions, honestly: the rulebook trades 9:30-11:30 and 13:00-15:00 China time on weekdays outside
the holidays, and the node stamps blocks with its wall clock, so a demo run at another hour could
place no order. The ministry schedules a rulebook version that opens every day round the clock
(block agreements too), in force a couple of seconds after it is signed, and at the end schedules
the version before it again. The chain keeps both with their effective times: an auditor replaying
the blocks judges every order under the version in force at its block's time, as the node did.
"""

from __future__ import annotations

import datetime
import time

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.clients.demo.deadlines import LEAD_MS, WAIT_MARGIN_S, china_time, clock_text
from cets.clients.demo.session import Cast, Demo, new_key, new_uscc
from cets.exchange import chain as exchange_chain
from cets.exchange.engine import Trade
from cets.ledger import identity

TRADING_VINTAGE = 2024
UNIT = cea(TRADING_VINTAGE)
ISSUED = 400_000  # into the auction account: S's stock and the auction's
SELLER_STOCK = 300_000
FUNDS_FEN = {"F": 1_000_000_000, "G": 500_000_000}  # 10 and 5 million CNY
LISTED, TAKEN = 2_000, 1_500
OPEN_QUANTITY = 1_000
BLOCK_QUANTITY = 100_000  # the rulebook's block threshold: a block agreement starts there
AUCTION_OFFERED, F_BID, G_BID = 50_000, 30_000, 30_000
SETTLEMENT_WAIT_S = 20.0  # how long the demo waits for the exchange's node to settle the day's trades
POLL_S = 0.1
ROUND_THE_CLOCK = pb.TradingSession(start_minute=0, end_minute=24 * 60, block_agreements=True)
ALL_WEEKDAYS = 0b1111111
CURSOR_INDEX_MAX = 2**32 - 1  # a cursor past every trade of its block


def china_date(time_ms: int, days: int = 0) -> int:
    day = china_time(time_ms).date() + datetime.timedelta(days=days)
    return day.year * 10_000 + day.month * 100 + day.day


class Trading:
    """The trading phase's actors and what it placed."""

    def __init__(self, demo: Demo, cast: Cast) -> None:
        self.demo, self.cast = demo, cast
        self.traders = {name: demo.signer(new_key(new_uscc("11"))) for name in "SFG"}
        self.exchange = demo.founder(identity.EXCHANGE_ID)
        self.orders: list[bytes] = []  # every order and offer this phase placed, in order
        self.before_rules: pb.Rulebook | None = None
        self.versions: list[dict] = []

    def id(self, name: str) -> str:
        return self.traders[name].participant_id

    def account(self, name: str) -> str:
        return identity.trading_account_id(self.id(name))

    # -- the rulebook version ---------------------------------------------------------------------
    def open_round_the_clock(self) -> None:
        latest = self.demo.client.rulebooks()[-1]  # the last scheduled (the deadlines' restoring one)
        self.before_rules = latest.rulebook
        rules = pb.Rulebook()
        rules.CopyFrom(latest.rulebook)
        del rules.trading_sessions[:]
        rules.trading_sessions.append(ROUND_THE_CLOCK)
        rules.trading_weekdays = ALL_WEEKDAYS
        del rules.non_trading_dates[:]
        self.demo.say("The rulebook trades 9:30-11:30 and 13:00-15:00 China time on weekdays outside the holidays, and the node")
        self.demo.say("stamps blocks with its wall clock. To trade now, the ministry schedules a version that opens every day round")
        self.demo.say("the clock, and the version before it again at the end; every order is judged under the version in force at")
        self.demo.say("its block's time, and an auditor replaying the chain judges it the same way.")
        effective_ms = max(now_ms(), latest.effective_ms) + LEAD_MS
        self.schedule("trading round the clock for the demo", rules, effective_ms)
        self.wait_until(effective_ms)

    def schedule(self, title: str, rules: pb.Rulebook, effective_ms: int) -> None:
        note = f"demo {self.cast.run}: {title}"
        receipt = self.demo.step(f"ministry schedules a rulebook version: {title}", self.cast.ministry.set_rulebook(rules, effective_ms, note=note))
        self.versions.append({"title": title, "effective_ms": effective_ms, "tx_id": receipt.tx_id.hex()})

    def wait_until(self, effective_ms: int) -> None:
        """A bounded poll until the wall clock (the node's blocks' clock) passes the effective time."""
        started = time.monotonic()
        give_up = started + max(0, effective_ms - now_ms()) / 1000 + WAIT_MARGIN_S
        while now_ms() <= effective_ms:
            if time.monotonic() > give_up:
                raise self.demo.failed("trading version", f"the clock did not pass {effective_ms} ms within {WAIT_MARGIN_S} s of it")
            time.sleep(POLL_S)
        self.demo.say(f"blocks from now on are stamped after {clock_text(effective_ms)} China time, under this version")

    def restore(self) -> None:
        self.schedule("the trading sessions again", self.before_rules, now_ms() + LEAD_MS)

    # -- funds and stock ----------------------------------------------------------------------------
    def register_and_fund(self) -> None:
        registry, ministry = self.cast.registry, self.cast.ministry
        for name, title in (("S", "seller"), ("F", "buyer"), ("G", "second buyer")):
            trader = self.traders[name]
            self.demo.step(f"registry registers institution {name} {trader.participant_id} ({title})",
                           registry.register_participant(trader.participant_id, pb.ROLE_INSTITUTION, f"Demo {title}", [trader.key.spec()]))
        supply = self.demo.client.supply(TRADING_VINTAGE)
        self.demo.step(f"ministry sets the {TRADING_VINTAGE} cap", ministry.set_cap(TRADING_VINTAGE, supply.issued + ISSUED))
        self.demo.step(f"ministry issues {ISSUED:,} t of vintage {TRADING_VINTAGE}", ministry.issue(TRADING_VINTAGE, ISSUED))
        self.demo.step("ministry moves them to its auction account (art. 8)",
                       ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.AUCTION_ACCOUNT, UNIT, ISSUED))
        self.demo.step(f"ministry sells S {SELLER_STOCK:,} t from the auction account",
                       ministry.transfer(identity.AUCTION_ACCOUNT, self.account("S"), UNIT, SELLER_STOCK))
        for name, fen in FUNDS_FEN.items():
            deposit = pb.DepositFunds(participant_id=self.id(name), amount_fen=fen, bank_reference=f"DEMO-{self.cast.run}-{name}")
            self.demo.step(f"registry enters the settlement bank's deposit of {fen / 100:,.0f} CNY for {name} (art. 21)",
                           registry.tx("deposit_funds", deposit))

    # -- orders -----------------------------------------------------------------------------------
    def place(self, title: str, builder: TxBuilder, kind: str, payload) -> bytes:
        tx = builder.tx(kind, payload)
        self.demo.step(title, tx)
        self.orders.append(signed_tx_id(tx))
        return signed_tx_id(tx)

    def order(self, name: str, side: int, mode: int, price_fen: int, quantity: int, **references) -> pb.PlaceOrder:
        return pb.PlaceOrder(account_id=self.account(name), side=side, mode=mode, unit=UNIT, price_fen=price_fen, quantity=quantity,
                             **references)

    def trade_each_mode(self, price: int) -> bytes:
        """Orders in each mode around `price` (the band's reference); returns S's listing order."""
        buy, sell = pb.ORDER_SIDE_BUY, pb.ORDER_SIDE_SELL
        listing, open_bidding = pb.TRADING_MODE_LISTING_AGREEMENT, pb.TRADING_MODE_OPEN_BIDDING
        block, auction = pb.TRADING_MODE_BLOCK_AGREEMENT, pb.TRADING_MODE_AUCTION
        s, f, g = (self.traders[name] for name in "SFG")
        maker = self.place(f"S lists {LISTED:,} t at {price / 100:.2f} CNY (listing agreement, maker)", s, "place_order",
                           self.order("S", sell, listing, price, LISTED))
        self.place(f"F takes {TAKEN:,} t of S's listing at its price (taker)", f, "place_order",
                   self.order("F", buy, listing, price, TAKEN, maker_order_id=maker))
        self.place(f"S offers {OPEN_QUANTITY:,} t at {price / 100:.2f} CNY (open bidding)", s, "place_order",
                   self.order("S", sell, open_bidding, price, OPEN_QUANTITY))
        self.place(f"G bids {OPEN_QUANTITY:,} t at {(price + 10) / 100:.2f} CNY (open bidding: crosses, trades at the resting price)", g,
                   "place_order", self.order("G", buy, open_bidding, price + 10, OPEN_QUANTITY))
        quote = self.place(f"S quotes F {BLOCK_QUANTITY:,} t at {price / 100:.2f} CNY (block agreement)", s, "place_order",
                           self.order("S", sell, block, price, BLOCK_QUANTITY, counterparty=self.id("F")))
        self.place("F accepts the quote", f, "place_order", self.order("F", buy, block, price, BLOCK_QUANTITY, quote_order_id=quote))
        offer = self.place(f"ministry offers {AUCTION_OFFERED:,} t at one-way auction, reserve {(price - 100) / 100:.2f} CNY (art. 8)",
                           self.cast.ministry, "auction_offer",
                           pb.AuctionOffer(unit=UNIT, quantity=AUCTION_OFFERED, reserve_price_fen=price - 100))
        self.place(f"F bids {F_BID:,} t at {price / 100:.2f} CNY", f, "place_order", self.order("F", buy, auction, price, F_BID, auction_id=offer))
        self.place(f"G bids {G_BID:,} t at {(price - 50) / 100:.2f} CNY", g, "place_order",
                   self.order("G", buy, auction, price - 50, G_BID, auction_id=offer))
        self.demo.step("ministry closes the auction: the exchange's engine clears it there, at one uniform price",
                       self.cast.ministry.tx("close_auction", pb.CloseAuction(auction_id=offer)))
        return maker

    # -- reads --------------------------------------------------------------------------------------
    def positions(self) -> dict[str, dict]:
        client, positions = self.demo.client, {}
        for name in "SFG":
            cash = client.cash_account(self.id(name))
            tonnes = sum(h.amount for h in client.holdings(self.account(name)) if h.unit == UNIT)
            positions[name] = {"tonnes": tonnes, "balance_fen": cash.balance_fen, "reserved_fen": cash.reserved_fen,
                               "available_fen": cash.available_fen}
        return positions

    def show_positions(self, title: str, positions: dict[str, dict]) -> None:
        self.demo.say(f"{title}:")
        for name, figures in positions.items():
            self.demo.say(f"  {name} {self.account(name):32} CEA-{TRADING_VINTAGE} {figures['tonnes']:>9,} t   cash "
                          f"{figures['balance_fen'] / 100:>15,.2f} CNY, reserved {figures['reserved_fen'] / 100:,.2f}")

    def reference_price(self) -> int:
        """The band's reference: yesterday's close as the Trading service reports it (the previous close)."""
        (bar,) = self.demo.client.daily_bars(UNIT, china_date(now_ms(), -1))
        return bar.close_fen

    # -- settlement -----------------------------------------------------------------------------------
    def expected_outcomes(self) -> list:
        """What the exchange's engine makes of this phase's orders: replayed from their records on the
        chain (their ledger sequence), the auction cleared at its close."""
        records = [self.demo.client.order(order_id) for order_id in self.orders]
        entries = [pb.OrderFlowEntry(sequence=r.sequence, height=r.height, order=r, action=pb.ORDER_FLOW_ACTION_AUCTION_OFFER
                                     if r.mode == pb.TRADING_MODE_AUCTION and r.side == pb.ORDER_SIDE_SELL else pb.ORDER_FLOW_ACTION_PLACE)
                   for r in records]
        entries.sort(key=lambda entry: (entry.height, entry.sequence))
        _, outcomes = exchange_chain.replayed(entries, UNIT, self.before_rules, None, close_auctions=True)
        return outcomes

    def settled_since(self, cursor: api.TradeCursor | None) -> set[tuple]:
        return {identity_of(event.trade.trade) for event in self.demo.client.trades(after=cursor)}

    def wait_for_settlement(self, cursor: api.TradeCursor | None, trade_date: int) -> None:
        """The exchange's node settles the day's trades by itself (node/exchange_runner.py): wait
        for it, bounded."""
        outcomes = self.expected_outcomes()
        wanted = {(bytes.fromhex(t.buy_order_id), bytes.fromhex(t.sell_order_id), t.price_fen, t.quantity)
                  for t in outcomes if type(t) is Trade}
        give_up = time.monotonic() + SETTLEMENT_WAIT_S
        while not wanted <= self.settled_since(cursor):
            if time.monotonic() > give_up:
                missing = len(wanted - self.settled_since(cursor))
                raise self.demo.failed("settlement", f"the exchange's node settled {len(wanted) - missing} of the engine's "
                                                     f"{len(wanted)} trades within {SETTLEMENT_WAIT_S:.0f} s (trade date {trade_date})")
            time.sleep(POLL_S)
        self.demo.say(f"the exchange's node settled the engine's {len(wanted)} trades of this run, each by itself "
                      "(delivery versus payment)")


def identity_of(trade: pb.Trade) -> tuple:
    return (trade.buy_order_id, trade.sell_order_id, trade.price_fen, trade.quantity)


def trade(demo: Demo, cast: Cast) -> dict:
    """The trading phase; returns what it did for the demo's JSON document."""
    trading = Trading(demo, cast)
    demo.phase("the market trades: funds, orders in each mode, settlement trade by trade (arts. 8, 17-23)")
    trading.open_round_the_clock()
    trading.register_and_fund()
    before = trading.positions()
    trading.show_positions("before trading", before)
    price = trading.reference_price()
    cursor = api.TradeCursor(height=demo.client.head().height, index=CURSOR_INDEX_MAX)  # the phase's trades come after the head
    maker = trading.trade_each_mode(price)
    trade_date = demo.client.order(maker).trade_date
    trading.wait_for_settlement(cursor, trade_date)
    demo.step("S cancels the rest of its listing", trading.traders["S"].tx("cancel_order", pb.CancelOrder(order_id=maker)))
    after = trading.positions()
    trading.show_positions("after settlement", after)
    (bar,) = demo.client.daily_bars(UNIT, trade_date)
    reconciliation = demo.client.reconciliation(trade_date)
    record = reconciliation.reconciliation
    demo.say(f"the day's bar {trade_date}: open {bar.open_fen / 100:.2f}, high {bar.high_fen / 100:.2f}, low {bar.low_fen / 100:.2f}, "
             f"close {bar.close_fen / 100:.2f} CNY (VWAP of the listed trades), volume {bar.volume:,} t, turnover {bar.turnover_fen / 100:,.2f} CNY")
    demo.say(f"reconciliation {trade_date}: the exchange declared {record.declared_trade_count} trades, {record.declared_quantity:,} t, "
             f"{record.declared_amount_fen / 100:,.2f} CNY; the registry settled {record.settled_trade_count}, {record.settled_quantity:,} t, "
             f"{record.settled_amount_fen / 100:,.2f} CNY: {'balanced' if reconciliation.balanced else 'NOT balanced'}")
    trading.restore()
    return {"traders": {name: trading.id(name) for name in "SFG"}, "vintage": TRADING_VINTAGE, "trade_date": trade_date,
            "reference_price_fen": price, "before": before, "after": after, "orders": [order_id.hex() for order_id in trading.orders],
            "bar": {"open_fen": bar.open_fen, "high_fen": bar.high_fen, "low_fen": bar.low_fen, "close_fen": bar.close_fen,
                    "volume": bar.volume, "turnover_fen": bar.turnover_fen},
            "reconciliation": {"balanced": reconciliation.balanced, "declared_trade_count": record.declared_trade_count,
                               "settled_trade_count": record.settled_trade_count},
            "rulebook_versions": trading.versions}

