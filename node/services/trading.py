"""The Trading service (arts. 17-23): order entry as a convenience over submission, and the
market's queries, answered from the chain by every node (the exchange's engine runs in the
exchange's node; every node can replay the chain's order flow through the pure engine).

Thin: check the request, read (`ledger/market_queries.py`, `exchange/chain.py`), convert. The
book is the engine's, replayed from the open trading day's order flow; the daily bars are the
ledger's day summaries with the engine's close rule; trades stream from the blocks' settlement
results in ledger order, so a cursor (height, position in the block) resumes on any node holding
the same chain, also after a restart.
"""

from __future__ import annotations

from google.protobuf.message import DecodeError

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.v1 import services_pb2_grpc as api_grpc
from cets.exchange import chain as exchange_chain
from cets.exchange.engine import Mode, Side
from cets.ledger import calendar, limits, market_queries
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.ledger.txs.market import book, sessions
from cets.node.errors import ApiError, NodeUnavailable, ReadOnlyNode, invalid, not_found, stopping, unavailable
from cets.node.sequencer import Sequencer
from cets.node.services.common import Service, page_size, page_token_checked, require_id

BOOK_MODES = (pb.TRADING_MODE_OPEN_BIDDING, pb.TRADING_MODE_LISTING_AGREEMENT)
BAR_DAYS_MAX = 366  # one request's range of days
SUMMARIES_MAX = 100_000  # day summaries a bar request reads: centuries of trading days
STREAM_WAIT_S = 1.0  # how long a following stream waits for a block before it looks at the node again


def require_unit(unit: pb.Unit) -> None:
    if unit.product not in (pb.PRODUCT_CEA, pb.PRODUCT_CCER):
        raise invalid("INVALID_FIELD", f"unit.product: got {unit.product}, want PRODUCT_CEA or PRODUCT_CCER")
    if not 0 < unit.vintage <= limits.vintage_year_max:
        raise invalid("INVALID_FIELD", f"unit.vintage: got {unit.vintage}, want 1..{limits.vintage_year_max}")
    if unit.product == pb.PRODUCT_CEA and unit.project_id:
        raise invalid("INVALID_FIELD", f"unit.project_id: got {unit.project_id!r}, want empty for CEA")
    if unit.product == pb.PRODUCT_CCER and not unit.project_id:
        raise invalid("MISSING_FIELD", "unit.project_id: missing (a CCER unit names its project)")


def require_known_unit(state: State, unit: pb.Unit) -> None:
    require_unit(unit)
    if unit.product == pb.PRODUCT_CCER and state.project(unit.project_id) is None:
        raise not_found("UNKNOWN_PROJECT", f"unit.project_id: no CCER project {unit.project_id!r}")


def require_date(name: str, trade_date: int) -> None:
    if sessions.date_parts(trade_date) is None:
        raise invalid("INVALID_FIELD", f"{name}: got {trade_date}, want a date YYYYMMDD")


def date_after(trade_date: int, days: int) -> int:
    year, month, day = calendar.civil_from_days(calendar.days_from_civil(*sessions.date_parts(trade_date)) + days)
    return year * 10_000 + month * 100 + day


def day_count(first: int, last: int) -> int:
    return calendar.days_from_civil(*sessions.date_parts(last)) - calendar.days_from_civil(*sessions.date_parts(first))


class TradingService(api_grpc.TradingServicer):
    def __init__(self, store: Store, sequencer: Sequencer) -> None:
        self.store = store
        self.sequencer = sequencer

    # -- order entry ------------------------------------------------------------------------------
    async def PlaceOrder(self, request: api.SubmitRequest, context) -> pb.Receipt:
        return await self._submit_kind(request, "place_order")

    async def CancelOrder(self, request: api.SubmitRequest, context) -> pb.Receipt:
        return await self._submit_kind(request, "cancel_order")

    async def _submit_kind(self, request: api.SubmitRequest, kind: str) -> pb.Receipt:
        """Registry.Submit for one kind: the transaction's bytes go to the sequencer untouched."""
        if not request.tx:
            raise invalid("MISSING_FIELD", "tx: missing")
        try:
            found = pb.TxBody.FromString(pb.SignedTx.FromString(request.tx).body).WhichOneof("payload")
        except DecodeError:
            raise invalid("MALFORMED", "tx: not a SignedTx whose body is a TxBody") from None
        if found != kind:
            raise invalid("WRONG_KIND", f"tx: got a {found or 'transaction without payload'}, want {kind}")
        try:
            (receipt,) = await self.sequencer.submit([request.tx])
        except (NodeUnavailable, ReadOnlyNode) as error:
            raise unavailable(error) from None
        if receipt.code != pb.CODE_OK:
            raise ApiError.from_receipt(receipt)
        return receipt

    # -- orders and cash ----------------------------------------------------------------------------
    async def GetOrder(self, request: api.GetOrderRequest, context) -> pb.Order:
        if len(request.order_id) != 32:
            raise invalid("INVALID_FIELD", f"order_id: got {len(request.order_id)} bytes, want 32")
        with self.store.reader() as reader:
            record = market_queries.order(reader, request.order_id)
        if record is None:
            raise not_found("UNKNOWN_ORDER", f"order_id: no order {request.order_id.hex()}")
        return record

    async def ListOrders(self, request: api.ListOrdersRequest, context) -> api.ListOrdersResponse:
        require_id("account_id", request.account_id, limits.id_chars_max)
        size = page_size(request.page_size)
        if request.status and request.status not in pb.OrderStatus.values():
            raise invalid("INVALID_FIELD", f"status: got {request.status}, not an OrderStatus")
        with self.store.reader() as reader, page_token_checked():
            if State(reader).account(request.account_id) is None:
                raise not_found("UNKNOWN_ACCOUNT", f"account_id: no account {request.account_id!r}")
            page = market_queries.orders_of_account(reader, request.account_id, status=request.status, token=request.page_token, size=size)
        return api.ListOrdersResponse(orders=page.items, next_page_token=page.next_token)

    async def GetCashAccount(self, request: api.GetCashAccountRequest, context) -> api.CashAccountView:
        require_id("holder", request.holder, limits.id_chars_max)
        with self.store.reader() as reader:
            if request.holder != book.FISCAL_ACCOUNT and State(reader).participant(request.holder) is None:
                raise not_found("UNKNOWN_PARTICIPANT", f"holder: no participant {request.holder!r}")
            view = market_queries.cash(reader, request.holder)
            height = reader.height
        return api.CashAccountView(holder=view.holder, balance_fen=view.balance_fen, reserved_fen=view.reserved_fen,
                                   available_fen=view.available_fen, height=height)

    # -- market data --------------------------------------------------------------------------------
    async def GetBook(self, request: api.GetBookRequest, context) -> api.BookView:
        require_unit(request.unit)
        if request.mode not in BOOK_MODES:
            raise invalid("INVALID_FIELD", f"mode: got {request.mode}, want a mode with a public book (open bidding, listing agreement)")
        with self.store.reader() as reader:
            state = State(reader)
            require_known_unit(state, request.unit)
            time_ms = self._time_at(reader.height)
            rulebook = state.rulebook_at(time_ms)
            trade_date = sessions.trade_date_of(time_ms)
            previous = market_queries.previous_close(reader, request.unit, trade_date, rulebook)
            engine, _ = exchange_chain.replayed(_whole_flow(reader, trade_date), request.unit, rulebook, previous,
                                                released=lambda order_id: _released(reader, order_id))
            height = reader.height
        levels = rulebook.best_levels
        bids, asks = (engine.depth(Mode(request.mode), side, levels) for side in (Side.BUY, Side.SELL))
        return api.BookView(trade_date=trade_date, height=height, bids=[api.BookLevel(price_fen=p, quantity=q) for p, q in bids],
                            asks=[api.BookLevel(price_fen=p, quantity=q) for p, q in asks])

    async def GetDailyBars(self, request: api.GetDailyBarsRequest, context) -> api.GetDailyBarsResponse:
        require_unit(request.unit)
        require_date("from_date", request.from_date)
        last = request.to_date or request.from_date
        require_date("to_date", last)
        if not 0 <= day_count(request.from_date, last) <= BAR_DAYS_MAX:
            raise invalid("INVALID_FIELD", f"to_date: got {last}, want from_date {request.from_date} to {BAR_DAYS_MAX} days after it")
        with self.store.reader() as reader:
            state = State(reader)
            require_known_unit(state, request.unit)
            rulebook = state.rulebook_at(self._time_at(reader.height))
            summaries = market_queries.day_summaries(reader, request.unit, limit=SUMMARIES_MAX)
        traded = {summary.trade_date for summary in summaries}
        days = [day for day in (date_after(request.from_date, n) for n in range(day_count(request.from_date, last) + 1))
                if day in traded or sessions.is_trading_day(day, rulebook)]
        if not days and request.from_date == last:
            raise invalid("NOT_TRADING_DAY", f"from_date: {request.from_date} is not a trading day of the calendar")
        bars = exchange_chain.daily_bars(summaries, days, rulebook.tick_fen, rulebook.initial_reference_price_fen)
        return api.GetDailyBarsResponse(bars=[
            api.DailyBar(trade_date=bar.trading_day, open_fen=bar.open_fen, high_fen=bar.high_fen, low_fen=bar.low_fen,
                         close_fen=bar.close_fen, volume=bar.volume, turnover_fen=bar.turnover_fen, listed_volume=bar.listed_volume)
            for bar in bars])

    async def StreamTrades(self, request: api.StreamTradesRequest, context):
        after = (request.after.height, request.after.index) if request.HasField("after") else (0, -1)
        height, sequencer = max(after[0], 1), self.sequencer
        while True:
            if height > sequencer.tip.height:
                if not request.follow:
                    return
                await sequencer.wait_for_height(height, timeout_s=STREAM_WAIT_S)
                if context.cancelled():
                    return
                if sequencer.stopping:
                    raise stopping(f"the node is stopping; resume after height {after[0]} index {after[1]}")
                continue
            for index, trade in enumerate(self._trades_at(height)):
                if (height, index) > after:
                    after = (height, index)
                    yield api.TradeEvent(cursor=api.TradeCursor(height=height, index=index), trade=trade)
            height += 1

    def _trades_at(self, height: int) -> list[pb.SettledTrade]:
        """The trades settled in block `height`, in ledger order (transaction, then batch position)."""
        block = pb.Block.FromString(self.store.block(height))
        batch_ids = [event.batch_settled.batch_id for result in block.results if result.code == pb.CODE_OK
                     for event in result.events if event.HasField("batch_settled")]
        if not batch_ids:
            return []
        with self.store.reader() as reader:
            return [trade for batch_id in batch_ids for trade in market_queries.settled_trades_of(reader, batch_id)]

    # -- settlement and supervision ---------------------------------------------------------------
    async def GetReconciliation(self, request: api.GetReconciliationRequest, context) -> api.ReconciliationView:
        require_date("trade_date", request.trade_date)
        with self.store.reader() as reader:
            rulebook = State(reader).rulebook_at(self._time_at(reader.height))
            found = market_queries.reconciliation(reader, request.trade_date)
        if not found.record.batch_count and not sessions.is_trading_day(request.trade_date, rulebook):
            raise invalid("NOT_TRADING_DAY", f"trade_date: {request.trade_date} is not a trading day of the calendar")
        return api.ReconciliationView(reconciliation=found.record, balanced=found.balanced)

    async def ListLargeHolders(self, request: api.ListLargeHoldersRequest, context) -> api.ListLargeHoldersResponse:
        require_unit(request.unit)
        size = page_size(request.page_size)
        with self.store.reader() as reader, page_token_checked():
            state = State(reader)
            require_known_unit(state, request.unit)
            threshold = state.rulebook_at(self._time_at(reader.height)).large_holder_tonnes
            page = market_queries.large_holders(reader, request.unit, threshold, token=request.page_token, size=size)
        return api.ListLargeHoldersResponse(
            holders=[api.LargeHolder(account_id=h.account_id, unit=h.unit, tonnes=h.tonnes) for h in page.items],
            next_page_token=page.next_token, threshold_tonnes=threshold)

    async def GetBatch(self, request: api.GetBatchRequest, context) -> pb.BatchRecord:
        require_id("batch_id", request.batch_id, limits.id_chars_max)
        with self.store.reader() as reader:
            record = market_queries.batch(reader, request.batch_id)
        if record is None:
            raise not_found("BATCH_NOT_FOUND", f"batch_id: no batch {request.batch_id!r}")
        return record

    def _time_at(self, height: int) -> int:
        """The time of block `height` (the genesis time at 0): the head of a snapshot's clock."""
        if height == 0:
            return pb.Genesis.FromString(self.store.genesis()).time_ms
        return pb.BlockHeader.FromString(pb.Block.FromString(self.store.block(height)).header).time_ms


def _released(reader, order_id: str) -> bool:
    """Whether the ledger has released an order the engine holds open (a batch's book outcome)."""
    record = market_queries.order(reader, bytes.fromhex(order_id))
    return record is not None and record.status in (pb.ORDER_STATUS_CANCELLED, pb.ORDER_STATUS_EXPIRED)


def _whole_flow(reader, trade_date: int):
    """A trading day's whole order flow, page by page (a day's flow is what the engine replays)."""
    token = ""
    while True:
        page = market_queries.order_flow(reader, trade_date, token=token, size=limits.page_size_max)
        yield from page.items
        if not page.next_token:
            return
        token = page.next_token


SERVICE = Service(api.DESCRIPTOR.services_by_name["Trading"], TradingService, api_grpc.add_TradingServicer_to_server)
