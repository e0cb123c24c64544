"""The measures of arts. 45 and 47 and the blacklist of art. 49 at the market's doors, through a
real node: order entry (`orders.require_may_trade`) refuses a suspended seller, a buyer whose
eligibility is revoked and a blacklisted trader, each with the measure's own code and nothing
changed; the exchange's lift opens the door again; a withdrawal is refused while transfers of
funds are restricted. The node's clock is moved to a trading morning (see test_market_grpc.py)."""

from __future__ import annotations

import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, now_ms, signed_tx_id
from cets.clients.sdk import CetsError
from cets.ledger import identity, market_queries
from cets.node import devnet
from tests.conftest import new_key, new_uscc, read_state, submit_ok
from tests.test_bad_input import funded_emitter
from tests.test_enforcement_grpc import blacklist_add, impose, imposed, lift
from tests.test_market_grpc import UNIT, ShiftedClock, _account, next_trading_morning

M, O = pb.MeasureType, pb.RestrictedOperation


class Traders:
    """A Guangdong emitter holding allowances and a funded Beijing institution, signing at a trading morning."""

    def __init__(self, node, seller: TxBuilder, buyer_key) -> None:
        self.clock = ShiftedClock(next_trading_morning(now_ms()))
        node.node.sequencer.clock = self.clock
        self.builder = lambda key: TxBuilder(devnet.DEV_CHAIN_ID, key, clock=self.clock)  # noqa: E731
        self.seller, self.buyer = self.builder(seller.key), self.builder(buyer_key)
        self.registry, self.exchange = self.builder(devnet.dev_key(identity.REGISTRY_ID)), self.builder(devnet.dev_key(identity.EXCHANGE_ID))
        self.ministry = self.builder(devnet.dev_key(identity.MINISTRY_ID))

    def order(self, trader: TxBuilder, side: int, quantity: int = 100) -> pb.SignedTx:
        return trader.tx("place_order", pb.PlaceOrder(account_id=_account(trader), side=side, mode=pb.TRADING_MODE_LISTING_AGREEMENT,
                                                      unit=UNIT, price_fen=4_900, quantity=quantity))


def market_of(node, traders: Traders) -> tuple:
    """What a refusal must leave as it was: both traders' cash and their orders."""
    def read(state):
        views = [market_queries.cash(state, trader.participant_id) for trader in (traders.seller, traders.buyer)]
        orders = [market_queries.orders_of_account(state, _account(trader), size=100).items for trader in (traders.seller, traders.buyer)]
        return repr(views), [[o.SerializeToString(deterministic=True) for o in page] for page in orders]
    return read_state(node, read)


async def assert_refused(node, traders: Traders, tx: pb.SignedTx, code: int) -> None:
    """Refused with the measure's own reason, judged in a block, and the market unchanged."""
    before = market_of(node, traders)
    with pytest.raises(CetsError) as info:
        await node.client.submit(tx)
    assert info.value.reason == pb.Code.Name(code).removeprefix("CODE_"), info.value
    view = await node.client.transaction(signed_tx_id(tx))
    assert (view.receipt.status, view.receipt.code) == (pb.TX_STATUS_REJECTED, code)
    assert market_of(node, traders) == before


@pytest.fixture
async def traders(node, ministry, registry, guangdong) -> Traders:
    seller = await funded_emitter(node.client, ministry, guangdong, amount=5_000)
    buyer_key = new_key(new_uscc("11"))
    await submit_ok(node.client, registry.register_participant(buyer_key.participant_id, pb.ROLE_INSTITUTION, "Buyer", [buyer_key.spec()]))
    world = Traders(node, seller, buyer_key)
    await submit_ok(node.client, world.registry.tx("deposit_funds", pb.DepositFunds(
        participant_id=buyer_key.participant_id, amount_fen=10_000_000, bank_reference=f"ICBC-{buyer_key.participant_id}")))
    return world


@pytest.mark.asyncio
async def test_art47_suspended_selling_refuses_a_sell_order_until_the_exchange_lifts_it(node, traders):
    measure = await imposed(node.client, impose(traders.exchange, traders.seller, M.MEASURE_TYPE_SUSPEND_BUYING_SELLING,
                                                [O.RESTRICTED_OPERATION_SELL]))
    await assert_refused(node, traders, traders.order(traders.seller, pb.ORDER_SIDE_SELL), pb.CODE_BUYING_SELLING_SUSPENDED)
    await submit_ok(node.client, traders.order(traders.buyer, pb.ORDER_SIDE_BUY))  # the buyer is not touched by it
    await submit_ok(node.client, lift(traders.exchange, measure))
    placed = await submit_ok(node.client, traders.order(traders.seller, pb.ORDER_SIDE_SELL))
    assert placed.events[0].order_placed.reserved_quantity == 100


@pytest.mark.asyncio
async def test_art45_revoked_trading_eligibility_refuses_a_buy_order(node, traders):
    measure = await imposed(node.client, impose(traders.registry, traders.buyer, M.MEASURE_TYPE_REVOKE_TRADING_ELIGIBILITY))
    await assert_refused(node, traders, traders.order(traders.buyer, pb.ORDER_SIDE_BUY), pb.CODE_TRADING_ELIGIBILITY_REVOKED)
    await submit_ok(node.client, lift(traders.registry, measure))
    await submit_ok(node.client, traders.order(traders.buyer, pb.ORDER_SIDE_BUY))


@pytest.mark.asyncio
async def test_art49_a_blacklisted_trader_places_no_order_and_withdraws_no_funds(node, traders):
    await submit_ok(node.client, blacklist_add(traders.ministry, traders.buyer.participant_id))
    await assert_refused(node, traders, traders.order(traders.buyer, pb.ORDER_SIDE_BUY), pb.CODE_BLACKLISTED)
    withdraw = traders.registry.tx("withdraw_funds", pb.WithdrawFunds(participant_id=traders.buyer.participant_id, amount_fen=1_000,
                                                                       bank_reference="ICBC-OUT-1"))
    await assert_refused(node, traders, withdraw, pb.CODE_BLACKLISTED)


@pytest.mark.asyncio
async def test_art45_restricted_transfers_of_funds_refuse_a_withdrawal_until_lifted(node, traders):
    measure = await imposed(node.client, impose(traders.registry, traders.buyer, M.MEASURE_TYPE_RESTRICT_TRANSFERS,
                                                [O.RESTRICTED_OPERATION_FUNDS_OUT]))
    withdraw = lambda reference: traders.registry.tx("withdraw_funds", pb.WithdrawFunds(  # noqa: E731
        participant_id=traders.buyer.participant_id, amount_fen=1_000, bank_reference=reference))
    await assert_refused(node, traders, withdraw("ICBC-OUT-2"), pb.CODE_FUNDS_TRANSFERS_RESTRICTED)
    await submit_ok(node.client, lift(traders.registry, measure))
    receipt = await submit_ok(node.client, withdraw("ICBC-OUT-3"))
    assert receipt.events[0].funds_withdrawn.balance_fen == 10_000_000 - 1_000
