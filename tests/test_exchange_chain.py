"""exchange/chain.py: the ledger's order flow as engine events, the rulebook as parameters, and
daily bars from day summaries with the engine's close rule."""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.clients.builder import cea
from cets.exchange import chain
from cets.exchange.engine import AuctionOffer, Cancel, Mode, Order, Side, Trade
from cets.ledger.genesis import default_rulebook

UNIT, OTHER = cea(2025), cea(2024)


def entry(sequence: int, order_id: int, side: int, price: int, quantity: int, unit: pb.Unit = UNIT,
          action: int = pb.ORDER_FLOW_ACTION_PLACE, mode: int = pb.TRADING_MODE_OPEN_BIDDING, **fields) -> pb.OrderFlowEntry:
    record = pb.Order(order_id=bytes([order_id]) * 32, participant_id=f"P{order_id}", account_id=f"P{order_id}.trading", side=side,
                      mode=mode, unit=unit, price_fen=price, quantity=quantity, **fields)
    return pb.OrderFlowEntry(sequence=sequence, action=action, order=record, height=10 + sequence)


def test_the_rulebook_becomes_the_engines_parameters():
    params = chain.parameters_of(default_rulebook())
    assert (params.tick_fen, params.listing_quantity_below, params.listing_band_bp, params.best_levels) == (1, 100_000, 1_000, 5)
    assert params.enabled_modes == frozenset(Mode)


def test_flow_entries_map_to_events_of_their_unit_only_in_ledger_sequence():
    entries = [entry(1, 1, pb.ORDER_SIDE_SELL, 4_800, 10), entry(2, 2, pb.ORDER_SIDE_BUY, 4_800, 5, unit=OTHER),
               entry(3, 3, pb.ORDER_SIDE_SELL, 4_700, 50, action=pb.ORDER_FLOW_ACTION_AUCTION_OFFER, mode=pb.TRADING_MODE_AUCTION),
               entry(4, 1, pb.ORDER_SIDE_SELL, 0, 0, action=pb.ORDER_FLOW_ACTION_CANCEL),
               entry(5, 4, pb.ORDER_SIDE_BUY, 4_800, 3, mode=pb.TRADING_MODE_LISTING_AGREEMENT, maker_order_id=b"\x01" * 32)]
    events = list(chain.events_of(entries, UNIT))
    assert [type(event) for event in events] == [Order, AuctionOffer, Cancel, Order]
    assert (events[0].height, events[0].index, events[0].side, events[0].order_id) == (11, 1, Side.SELL, "01" * 32)
    assert events[1].reserve_price_fen == 4_700 and events[1].quantity == 50
    assert events[3].taker and events[3].mode is Mode.LISTING


def test_a_replay_matches_and_released_orders_leave_the_book():
    entries = [entry(1, 1, pb.ORDER_SIDE_SELL, 4_800, 10), entry(2, 2, pb.ORDER_SIDE_SELL, 4_900, 10),
               entry(3, 3, pb.ORDER_SIDE_BUY, 4_850, 4)]
    engine, outcomes = chain.replayed(entries, UNIT, default_rulebook(), None, released=lambda order_id: order_id == "02" * 32)
    assert [o for o in outcomes if type(o) is Trade] == [Trade("03" * 32, "01" * 32, 4_800, 4, Mode.OPEN_BIDDING)]
    assert engine.depth(Mode.OPEN_BIDDING, Side.SELL) == [(4_800, 6)]


def test_bars_carry_the_close_forward_and_start_from_the_reference():
    summaries = [pb.DaySummary(trade_date=20260105, open_fen=4_800, high_fen=4_900, low_fen=4_800, listed_quantity=300,
                               listed_amount_fen=4_800 * 100 + 4_900 * 200, quantity=1_300, amount_fen=4_800 * 100 + 4_900 * 200 + 5_000 * 1_000),
                 pb.DaySummary(trade_date=20260107, quantity=100_000, amount_fen=4_700 * 100_000)]  # block trades only
    bars = chain.daily_bars(summaries, [20260102, 20260105, 20260106, 20260107], tick_fen=1, reference_fen=4_800)
    assert [bar.close_fen for bar in bars] == [4_800, 4_867, 4_867, 4_867]  # VWAP 4,866.67 half up; then carried
    assert (bars[1].open_fen, bars[1].high_fen, bars[1].volume) == (4_800, 4_900, 1_300)
    assert (bars[3].open_fen, bars[3].volume, bars[3].listed_volume) == (0, 100_000, 0)
    later = chain.daily_bars(summaries, [20260107], tick_fen=1, reference_fen=4_800)
    assert later[0].close_fen == 4_867  # a range after the traded day still starts from its close
