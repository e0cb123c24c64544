"""The market through the Trading service (arts. 17-23): `cets orders`, `cets book`, `cets trades
[--follow]`, `cets cash`, `cets bars`, `cets reconcile DAY`, `cets large-holders`, `cets batch ID`.
Orders are placed and cancelled with `cets order place|cancel` (clients/cli/submit.py: the kinds'
own declarations), which submit through the Trading service's PlaceOrder and CancelOrder."""

from __future__ import annotations

import argparse
import json
import sys

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients import render
from cets.clients.cli.common import Common, client, hex32, non_negative_int, output, vintage

STATUSES = [name.removeprefix("ORDER_STATUS_").lower() for name in pb.OrderStatus.keys() if name != "ORDER_STATUS_UNSPECIFIED"]
BOOK_MODES = {"listing": pb.TRADING_MODE_LISTING_AGREEMENT, "open": pb.TRADING_MODE_OPEN_BIDDING}
ORDER_HEX_FIELDS = ("order_id", "maker_order_id", "quote_order_id", "auction_id")


def trade_date(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) == 8):
        raise argparse.ArgumentTypeError(f"got {value!r}, want a date YYYYMMDD")
    return int(value)


def cursor(value: str) -> api.TradeCursor:
    height, _, index = value.partition(":")
    try:
        return api.TradeCursor(height=non_negative_int(height), index=non_negative_int(index))
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"got {value!r}, want HEIGHT:INDEX (a cursor cets trades printed)") from None


def _unit_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--vintage", type=vintage, required=True)
    sub.add_argument("--project", default="", help="a CCER project id (default: allowances, CEA)")


def _unit(args) -> pb.Unit:
    product = pb.PRODUCT_CCER if args.project else pb.PRODUCT_CEA
    return pb.Unit(product=product, vintage=args.vintage, project_id=args.project)


def register(commands, common: Common) -> None:
    orders = common.command(commands, "orders", "an account's orders (or one order by --id), through the Trading service")
    orders.add_argument("account_id", nargs="?")
    orders.add_argument("--status", choices=STATUSES)
    orders.add_argument("--id", type=lambda value: hex32(value, "order id"), help="one order by its id (hex)")
    orders.set_defaults(handler=_orders)
    book = common.command(commands, "book", "the best levels of a unit's book, replayed from the day's order flow")
    _unit_options(book)
    book.add_argument("--mode", choices=sorted(BOOK_MODES), default="listing")
    book.set_defaults(handler=_book)
    trades = common.command(commands, "trades", "settled trades in ledger order; --follow keeps reading")
    trades.add_argument("--after", type=cursor, help="resume after this cursor HEIGHT:INDEX")
    trades.add_argument("--follow", action="store_true", help="keep the stream open for trades as they settle")
    trades.set_defaults(handler=_trades)
    cash = common.command(commands, "cash", "a participant's cash account: balance, reserved, available (fen)")
    cash.add_argument("holder")
    cash.set_defaults(handler=_cash)
    bars = common.command(commands, "bars", "daily open, high, low, close (VWAP of listed trades), volume, turnover")
    _unit_options(bars)
    bars.add_argument("--from", dest="from_date", type=trade_date, required=True, help="first day YYYYMMDD")
    bars.add_argument("--to", dest="to_date", type=trade_date, default=0, help="last day YYYYMMDD (default: --from)")
    bars.set_defaults(handler=_bars)
    reconcile = common.command(commands, "reconcile", "a trading day: the exchange's batch totals against the registry's settled totals")
    reconcile.add_argument("day", type=trade_date)
    reconcile.set_defaults(handler=_reconcile)
    holders = common.command(commands, "large-holders", "accounts above the rulebook's large-holder threshold for a unit")
    _unit_options(holders)
    holders.set_defaults(handler=_large_holders)
    batch = common.command(commands, "batch", "a settlement batch as recorded, with its result per trade")
    batch.add_argument("batch_id")
    batch.set_defaults(handler=_batch)


def _order_dict(order: pb.Order) -> dict:
    return render.hex_fields(render.to_dict(order), *ORDER_HEX_FIELDS) | {"unit": render.unit_text(order.unit)}


def _orders(args) -> int:
    if (args.account_id is None) == (args.id is None):
        args.parser.error("cets orders: give an ACCOUNT or --id ORDER_ID")
    with client(args) as node:
        if args.id is not None:
            output(args, _order_dict(node.order(args.id)))
            return 0
        status = pb.OrderStatus.Value("ORDER_STATUS_" + args.status.upper()) if args.status else 0
        document = [_order_dict(order) for order in node.orders(args.account_id, status=status)]
    output(args, document)
    return 0


def _book(args) -> int:
    with client(args) as node:
        view = node.book(_unit(args), BOOK_MODES[args.mode])
    document = {"trade_date": view.trade_date, "height": view.height,
                "bids": [render.to_dict(level) for level in view.bids], "asks": [render.to_dict(level) for level in view.asks]}
    if args.json:
        render.emit_json(document)
        return 0
    print(f"{args.mode} book of {render.unit_text(_unit(args))}, trading day {view.trade_date}, height {view.height}")
    print(f"  {'bid tonnes':>12} {'bid':>10} | {'ask':<10} {'ask tonnes':<12}")
    for row in range(max(len(view.bids), len(view.asks))):
        bid = view.bids[row] if row < len(view.bids) else None
        ask = view.asks[row] if row < len(view.asks) else None
        left = f"{bid.quantity:>12,} {bid.price_fen / 100:>10.2f}" if bid else " " * 23
        right = f"{ask.price_fen / 100:<10.2f} {ask.quantity:<12,}" if ask else ""
        print(f"  {left} | {right}".rstrip())
    return 0


def _trade_dict(event: api.TradeEvent) -> dict:
    settled = event.trade
    return {"cursor": f"{event.cursor.height}:{event.cursor.index}", "batch_id": settled.batch_id,
            "mode": pb.TradingMode.Name(settled.mode).removeprefix("TRADING_MODE_"), "unit": render.unit_text(settled.unit),
            "price_fen": settled.trade.price_fen, "quantity": settled.trade.quantity, "buy_account": settled.buy_account,
            "sell_account": settled.sell_account, "buy_order_id": settled.trade.buy_order_id.hex(),
            "sell_order_id": settled.trade.sell_order_id.hex(), "height": settled.height}


def _trades(args) -> int:
    """One line per trade as it comes (JSON lines under --json with --follow, a list without)."""
    with client(args) as node:
        events = node.trades(after=args.after, follow=args.follow)
        if args.json and not args.follow:
            render.emit_json([_trade_dict(event) for event in events])
            return 0
        for event in events:
            document = _trade_dict(event)
            if args.json:
                print(json.dumps(document), flush=True)
            else:
                print(f"{document['cursor']:>10} {document['mode']:17} {document['unit']:10} {document['quantity']:>9,} t at "
                      f"{document['price_fen'] / 100:.2f}  {document['sell_account']} -> {document['buy_account']}  batch {document['batch_id']}",
                      flush=True)
    sys.stdout.flush()
    return 0


def _cash(args) -> int:
    with client(args) as node:
        output(args, render.to_dict(node.cash_account(args.holder)))
    return 0


def _bars(args) -> int:
    with client(args) as node:
        bars = node.daily_bars(_unit(args), args.from_date, args.to_date)
    document = [render.to_dict(bar) for bar in bars]
    if args.json:
        render.emit_json(document)
        return 0
    print(f"  {'day':8} {'open':>8} {'high':>8} {'low':>8} {'close':>8} {'volume t':>12} {'turnover CNY':>16}")
    for bar in bars:
        prices = " ".join(f"{price / 100:>8.2f}" if price else f"{'-':>8}" for price in (bar.open_fen, bar.high_fen, bar.low_fen))
        print(f"  {bar.trade_date:8} {prices} {bar.close_fen / 100:>8.2f} {bar.volume:>12,} {bar.turnover_fen / 100:>16,.2f}")
    return 0


def _reconcile(args) -> int:
    with client(args) as node:
        view = node.reconciliation(args.day)
    output(args, render.to_dict(view.reconciliation) | {"balanced": view.balanced})
    return 0 if view.balanced else 1


def _large_holders(args) -> int:
    with client(args) as node:
        document = [{"account_id": h.account_id, "unit": render.unit_text(h.unit), "tonnes": h.tonnes}
                    for h in node.large_holders(_unit(args))]
    output(args, document)
    return 0


def _batch(args) -> int:
    with client(args) as node:
        record = node.batch(args.batch_id)
    document = render.hex_fields(render.to_dict(record), "tx_id")
    document["trades"] = [{"buy_order_id": t.buy_order_id.hex(), "sell_order_id": t.sell_order_id.hex(), "price_fen": t.price_fen,
                           "quantity": t.quantity} for t in record.trades]
    output(args, document)
    return 0
