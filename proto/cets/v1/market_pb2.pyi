from cets.v1 import types_pb2 as _types_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OrderSide(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_SIDE_UNSPECIFIED: _ClassVar[OrderSide]
    ORDER_SIDE_BUY: _ClassVar[OrderSide]
    ORDER_SIDE_SELL: _ClassVar[OrderSide]

class OrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_STATUS_UNSPECIFIED: _ClassVar[OrderStatus]
    ORDER_STATUS_OPEN: _ClassVar[OrderStatus]
    ORDER_STATUS_FILLED: _ClassVar[OrderStatus]
    ORDER_STATUS_CANCELLED: _ClassVar[OrderStatus]
    ORDER_STATUS_EXPIRED: _ClassVar[OrderStatus]

class OrderFlowAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_FLOW_ACTION_UNSPECIFIED: _ClassVar[OrderFlowAction]
    ORDER_FLOW_ACTION_PLACE: _ClassVar[OrderFlowAction]
    ORDER_FLOW_ACTION_AUCTION_OFFER: _ClassVar[OrderFlowAction]
    ORDER_FLOW_ACTION_CANCEL: _ClassVar[OrderFlowAction]
    ORDER_FLOW_ACTION_DAY_END: _ClassVar[OrderFlowAction]
    ORDER_FLOW_ACTION_AUCTION_CLOSE: _ClassVar[OrderFlowAction]
ORDER_SIDE_UNSPECIFIED: OrderSide
ORDER_SIDE_BUY: OrderSide
ORDER_SIDE_SELL: OrderSide
ORDER_STATUS_UNSPECIFIED: OrderStatus
ORDER_STATUS_OPEN: OrderStatus
ORDER_STATUS_FILLED: OrderStatus
ORDER_STATUS_CANCELLED: OrderStatus
ORDER_STATUS_EXPIRED: OrderStatus
ORDER_FLOW_ACTION_UNSPECIFIED: OrderFlowAction
ORDER_FLOW_ACTION_PLACE: OrderFlowAction
ORDER_FLOW_ACTION_AUCTION_OFFER: OrderFlowAction
ORDER_FLOW_ACTION_CANCEL: OrderFlowAction
ORDER_FLOW_ACTION_DAY_END: OrderFlowAction
ORDER_FLOW_ACTION_AUCTION_CLOSE: OrderFlowAction

class DepositFunds(_message.Message):
    __slots__ = ("participant_id", "amount_fen", "bank_reference")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    BANK_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    amount_fen: int
    bank_reference: str
    def __init__(self, participant_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., bank_reference: _Optional[str] = ...) -> None: ...

class WithdrawFunds(_message.Message):
    __slots__ = ("participant_id", "amount_fen", "bank_reference")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    BANK_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    amount_fen: int
    bank_reference: str
    def __init__(self, participant_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., bank_reference: _Optional[str] = ...) -> None: ...

class PlaceOrder(_message.Message):
    __slots__ = ("account_id", "side", "mode", "unit", "price_fen", "quantity", "maker_order_id", "counterparty", "quote_order_id", "auction_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    MAKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    COUNTERPARTY_FIELD_NUMBER: _ClassVar[int]
    QUOTE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    AUCTION_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    side: OrderSide
    mode: _types_pb2.TradingMode
    unit: _types_pb2.Unit
    price_fen: int
    quantity: int
    maker_order_id: bytes
    counterparty: str
    quote_order_id: bytes
    auction_id: bytes
    def __init__(self, account_id: _Optional[str] = ..., side: _Optional[_Union[OrderSide, str]] = ..., mode: _Optional[_Union[_types_pb2.TradingMode, str]] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., price_fen: _Optional[int] = ..., quantity: _Optional[int] = ..., maker_order_id: _Optional[bytes] = ..., counterparty: _Optional[str] = ..., quote_order_id: _Optional[bytes] = ..., auction_id: _Optional[bytes] = ...) -> None: ...

class CancelOrder(_message.Message):
    __slots__ = ("order_id",)
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: bytes
    def __init__(self, order_id: _Optional[bytes] = ...) -> None: ...

class AuctionOffer(_message.Message):
    __slots__ = ("unit", "quantity", "reserve_price_fen")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    RESERVE_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    unit: _types_pb2.Unit
    quantity: int
    reserve_price_fen: int
    def __init__(self, unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., quantity: _Optional[int] = ..., reserve_price_fen: _Optional[int] = ...) -> None: ...

class Trade(_message.Message):
    __slots__ = ("buy_order_id", "sell_order_id", "price_fen", "quantity")
    BUY_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    SELL_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    buy_order_id: bytes
    sell_order_id: bytes
    price_fen: int
    quantity: int
    def __init__(self, buy_order_id: _Optional[bytes] = ..., sell_order_id: _Optional[bytes] = ..., price_fen: _Optional[int] = ..., quantity: _Optional[int] = ...) -> None: ...

class SettleBatch(_message.Message):
    __slots__ = ("batch_id", "trade_date", "trade_count", "total_quantity", "total_amount_fen", "trades", "cancelled_order_ids", "expired_order_ids")
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    TRADE_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    trade_date: int
    trade_count: int
    total_quantity: int
    total_amount_fen: int
    trades: _containers.RepeatedCompositeFieldContainer[Trade]
    cancelled_order_ids: _containers.RepeatedScalarFieldContainer[bytes]
    expired_order_ids: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, batch_id: _Optional[str] = ..., trade_date: _Optional[int] = ..., trade_count: _Optional[int] = ..., total_quantity: _Optional[int] = ..., total_amount_fen: _Optional[int] = ..., trades: _Optional[_Iterable[_Union[Trade, _Mapping]]] = ..., cancelled_order_ids: _Optional[_Iterable[bytes]] = ..., expired_order_ids: _Optional[_Iterable[bytes]] = ...) -> None: ...

class EndTradingDay(_message.Message):
    __slots__ = ("trade_date",)
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    def __init__(self, trade_date: _Optional[int] = ...) -> None: ...

class CloseAuction(_message.Message):
    __slots__ = ("auction_id",)
    AUCTION_ID_FIELD_NUMBER: _ClassVar[int]
    auction_id: bytes
    def __init__(self, auction_id: _Optional[bytes] = ...) -> None: ...

class FundsDeposited(_message.Message):
    __slots__ = ("participant_id", "amount_fen", "bank_reference", "balance_fen")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    BANK_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    amount_fen: int
    bank_reference: str
    balance_fen: int
    def __init__(self, participant_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., bank_reference: _Optional[str] = ..., balance_fen: _Optional[int] = ...) -> None: ...

class FundsWithdrawn(_message.Message):
    __slots__ = ("participant_id", "amount_fen", "bank_reference", "balance_fen")
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    BANK_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    participant_id: str
    amount_fen: int
    bank_reference: str
    balance_fen: int
    def __init__(self, participant_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., bank_reference: _Optional[str] = ..., balance_fen: _Optional[int] = ...) -> None: ...

class OrderPlaced(_message.Message):
    __slots__ = ("order_id", "trade_date", "sequence", "reserved_fen", "reserved_quantity")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FEN_FIELD_NUMBER: _ClassVar[int]
    RESERVED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    order_id: bytes
    trade_date: int
    sequence: int
    reserved_fen: int
    reserved_quantity: int
    def __init__(self, order_id: _Optional[bytes] = ..., trade_date: _Optional[int] = ..., sequence: _Optional[int] = ..., reserved_fen: _Optional[int] = ..., reserved_quantity: _Optional[int] = ...) -> None: ...

class OrderReleased(_message.Message):
    __slots__ = ("order_id", "status", "released_quantity", "released_fen")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RELEASED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    RELEASED_FEN_FIELD_NUMBER: _ClassVar[int]
    order_id: bytes
    status: OrderStatus
    released_quantity: int
    released_fen: int
    def __init__(self, order_id: _Optional[bytes] = ..., status: _Optional[_Union[OrderStatus, str]] = ..., released_quantity: _Optional[int] = ..., released_fen: _Optional[int] = ...) -> None: ...

class TradeResult(_message.Message):
    __slots__ = ("index", "code", "detail")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    index: int
    code: _types_pb2.Code
    detail: str
    def __init__(self, index: _Optional[int] = ..., code: _Optional[_Union[_types_pb2.Code, str]] = ..., detail: _Optional[str] = ...) -> None: ...

class OutcomeResult(_message.Message):
    __slots__ = ("order_id", "status", "code", "detail")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    order_id: bytes
    status: OrderStatus
    code: _types_pb2.Code
    detail: str
    def __init__(self, order_id: _Optional[bytes] = ..., status: _Optional[_Union[OrderStatus, str]] = ..., code: _Optional[_Union[_types_pb2.Code, str]] = ..., detail: _Optional[str] = ...) -> None: ...

class BatchSettled(_message.Message):
    __slots__ = ("batch_id", "trade_date", "trades", "outcomes", "settled_count", "settled_quantity", "settled_amount_fen")
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    SETTLED_COUNT_FIELD_NUMBER: _ClassVar[int]
    SETTLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SETTLED_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    trade_date: int
    trades: _containers.RepeatedCompositeFieldContainer[TradeResult]
    outcomes: _containers.RepeatedCompositeFieldContainer[OutcomeResult]
    settled_count: int
    settled_quantity: int
    settled_amount_fen: int
    def __init__(self, batch_id: _Optional[str] = ..., trade_date: _Optional[int] = ..., trades: _Optional[_Iterable[_Union[TradeResult, _Mapping]]] = ..., outcomes: _Optional[_Iterable[_Union[OutcomeResult, _Mapping]]] = ..., settled_count: _Optional[int] = ..., settled_quantity: _Optional[int] = ..., settled_amount_fen: _Optional[int] = ...) -> None: ...

class TradingDayEnded(_message.Message):
    __slots__ = ("trade_date", "sequence")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    sequence: int
    def __init__(self, trade_date: _Optional[int] = ..., sequence: _Optional[int] = ...) -> None: ...

class AuctionClosed(_message.Message):
    __slots__ = ("auction_id", "trade_date", "sequence")
    AUCTION_ID_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    auction_id: bytes
    trade_date: int
    sequence: int
    def __init__(self, auction_id: _Optional[bytes] = ..., trade_date: _Optional[int] = ..., sequence: _Optional[int] = ...) -> None: ...

class CashAccount(_message.Message):
    __slots__ = ("holder", "balance_fen", "reserved_fen")
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FEN_FIELD_NUMBER: _ClassVar[int]
    holder: str
    balance_fen: int
    reserved_fen: int
    def __init__(self, holder: _Optional[str] = ..., balance_fen: _Optional[int] = ..., reserved_fen: _Optional[int] = ...) -> None: ...

class Order(_message.Message):
    __slots__ = ("order_id", "participant_id", "account_id", "side", "mode", "unit", "price_fen", "quantity", "remaining", "reserved_fen", "status", "trade_date", "height", "sequence", "maker_order_id", "counterparty", "quote_order_id", "auction_id", "time_ms", "clearing_price_fen")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    MAKER_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    COUNTERPARTY_FIELD_NUMBER: _ClassVar[int]
    QUOTE_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    AUCTION_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_MS_FIELD_NUMBER: _ClassVar[int]
    CLEARING_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    order_id: bytes
    participant_id: str
    account_id: str
    side: OrderSide
    mode: _types_pb2.TradingMode
    unit: _types_pb2.Unit
    price_fen: int
    quantity: int
    remaining: int
    reserved_fen: int
    status: OrderStatus
    trade_date: int
    height: int
    sequence: int
    maker_order_id: bytes
    counterparty: str
    quote_order_id: bytes
    auction_id: bytes
    time_ms: int
    clearing_price_fen: int
    def __init__(self, order_id: _Optional[bytes] = ..., participant_id: _Optional[str] = ..., account_id: _Optional[str] = ..., side: _Optional[_Union[OrderSide, str]] = ..., mode: _Optional[_Union[_types_pb2.TradingMode, str]] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., price_fen: _Optional[int] = ..., quantity: _Optional[int] = ..., remaining: _Optional[int] = ..., reserved_fen: _Optional[int] = ..., status: _Optional[_Union[OrderStatus, str]] = ..., trade_date: _Optional[int] = ..., height: _Optional[int] = ..., sequence: _Optional[int] = ..., maker_order_id: _Optional[bytes] = ..., counterparty: _Optional[str] = ..., quote_order_id: _Optional[bytes] = ..., auction_id: _Optional[bytes] = ..., time_ms: _Optional[int] = ..., clearing_price_fen: _Optional[int] = ...) -> None: ...

class OrderFlowEntry(_message.Message):
    __slots__ = ("sequence", "action", "order", "height")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    action: OrderFlowAction
    order: Order
    height: int
    def __init__(self, sequence: _Optional[int] = ..., action: _Optional[_Union[OrderFlowAction, str]] = ..., order: _Optional[_Union[Order, _Mapping]] = ..., height: _Optional[int] = ...) -> None: ...

class BoughtToday(_message.Message):
    __slots__ = ("trade_date", "quantity")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    quantity: int
    def __init__(self, trade_date: _Optional[int] = ..., quantity: _Optional[int] = ...) -> None: ...

class CloseRecord(_message.Message):
    __slots__ = ("trade_date", "close_fen", "previous_trade_date", "previous_close_fen")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    CLOSE_FEN_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_CLOSE_FEN_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    close_fen: int
    previous_trade_date: int
    previous_close_fen: int
    def __init__(self, trade_date: _Optional[int] = ..., close_fen: _Optional[int] = ..., previous_trade_date: _Optional[int] = ..., previous_close_fen: _Optional[int] = ...) -> None: ...

class DaySummary(_message.Message):
    __slots__ = ("trade_date", "open_fen", "high_fen", "low_fen", "close_fen", "listed_quantity", "listed_amount_fen", "quantity", "amount_fen", "trade_count")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    OPEN_FEN_FIELD_NUMBER: _ClassVar[int]
    HIGH_FEN_FIELD_NUMBER: _ClassVar[int]
    LOW_FEN_FIELD_NUMBER: _ClassVar[int]
    CLOSE_FEN_FIELD_NUMBER: _ClassVar[int]
    LISTED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    LISTED_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    TRADE_COUNT_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    open_fen: int
    high_fen: int
    low_fen: int
    close_fen: int
    listed_quantity: int
    listed_amount_fen: int
    quantity: int
    amount_fen: int
    trade_count: int
    def __init__(self, trade_date: _Optional[int] = ..., open_fen: _Optional[int] = ..., high_fen: _Optional[int] = ..., low_fen: _Optional[int] = ..., close_fen: _Optional[int] = ..., listed_quantity: _Optional[int] = ..., listed_amount_fen: _Optional[int] = ..., quantity: _Optional[int] = ..., amount_fen: _Optional[int] = ..., trade_count: _Optional[int] = ...) -> None: ...

class SettledTrade(_message.Message):
    __slots__ = ("batch_id", "index", "trade", "mode", "unit", "buy_account", "sell_account", "height")
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    TRADE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    BUY_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    SELL_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    index: int
    trade: Trade
    mode: _types_pb2.TradingMode
    unit: _types_pb2.Unit
    buy_account: str
    sell_account: str
    height: int
    def __init__(self, batch_id: _Optional[str] = ..., index: _Optional[int] = ..., trade: _Optional[_Union[Trade, _Mapping]] = ..., mode: _Optional[_Union[_types_pb2.TradingMode, str]] = ..., unit: _Optional[_Union[_types_pb2.Unit, _Mapping]] = ..., buy_account: _Optional[str] = ..., sell_account: _Optional[str] = ..., height: _Optional[int] = ...) -> None: ...

class BatchRecord(_message.Message):
    __slots__ = ("batch_id", "tx_id", "height", "trade_date", "trade_count", "total_quantity", "total_amount_fen", "result", "trades", "day_sequence")
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    TX_ID_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    TRADE_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    TRADES_FIELD_NUMBER: _ClassVar[int]
    DAY_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    tx_id: bytes
    height: int
    trade_date: int
    trade_count: int
    total_quantity: int
    total_amount_fen: int
    result: BatchSettled
    trades: _containers.RepeatedCompositeFieldContainer[Trade]
    day_sequence: int
    def __init__(self, batch_id: _Optional[str] = ..., tx_id: _Optional[bytes] = ..., height: _Optional[int] = ..., trade_date: _Optional[int] = ..., trade_count: _Optional[int] = ..., total_quantity: _Optional[int] = ..., total_amount_fen: _Optional[int] = ..., result: _Optional[_Union[BatchSettled, _Mapping]] = ..., trades: _Optional[_Iterable[_Union[Trade, _Mapping]]] = ..., day_sequence: _Optional[int] = ...) -> None: ...

class DayReconciliation(_message.Message):
    __slots__ = ("trade_date", "batch_count", "declared_trade_count", "declared_quantity", "declared_amount_fen", "settled_trade_count", "settled_quantity", "settled_amount_fen", "failed_trade_count")
    TRADE_DATE_FIELD_NUMBER: _ClassVar[int]
    BATCH_COUNT_FIELD_NUMBER: _ClassVar[int]
    DECLARED_TRADE_COUNT_FIELD_NUMBER: _ClassVar[int]
    DECLARED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    DECLARED_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    SETTLED_TRADE_COUNT_FIELD_NUMBER: _ClassVar[int]
    SETTLED_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SETTLED_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    FAILED_TRADE_COUNT_FIELD_NUMBER: _ClassVar[int]
    trade_date: int
    batch_count: int
    declared_trade_count: int
    declared_quantity: int
    declared_amount_fen: int
    settled_trade_count: int
    settled_quantity: int
    settled_amount_fen: int
    failed_trade_count: int
    def __init__(self, trade_date: _Optional[int] = ..., batch_count: _Optional[int] = ..., declared_trade_count: _Optional[int] = ..., declared_quantity: _Optional[int] = ..., declared_amount_fen: _Optional[int] = ..., settled_trade_count: _Optional[int] = ..., settled_quantity: _Optional[int] = ..., settled_amount_fen: _Optional[int] = ..., failed_trade_count: _Optional[int] = ...) -> None: ...
