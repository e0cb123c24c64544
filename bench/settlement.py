"""Time to settle 10,000 trades (issue 10's target: at most 0.5 s), in process; prints what it measured.

The ledger path of settlement: 100 sell orders of 100 t (10 key emitters) and 100 buy orders of
100 t (10 institutions) are placed in open bidding; the exchange's 10,000 trades (every buy with
every sell, 1 t each, so every order fills in 100 fills) go in settlement batches of at most
`--per-batch` trades (a batch is one signed transaction of at most 16 KiB: about 190 trades), all
in one block. Timed: building that block (decode, Ed25519 verification of each batch, settling
each trade by itself, delivery versus payment) over an in-memory store; not timed: placing the
orders, signing, committing.

Usage: python bench/settlement.py [--trades-per-batch N] [--runs R]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from cets.v1 import messages as pb  # noqa: E402
from cets.clients.builder import TxBuilder, cea, signed_tx_id  # noqa: E402
from cets.ledger import calendar, crypto, identity, limits  # noqa: E402
from cets.ledger.chain import Tip, build_block  # noqa: E402
from cets.ledger.genesis import genesis_writes  # noqa: E402
from cets.ledger.memstore import MemoryStore  # noqa: E402
from cets.ledger.txs.market import sessions  # noqa: E402
from cets.node import devnet  # noqa: E402
from tests.conftest import new_key, new_uscc, publish_method_tx  # noqa: E402

VINTAGE = 2025
UNIT = cea(VINTAGE)
SIDE_ORDERS, ORDER_TONNES, PRICE = 100, 100, 4_800
TARGET_S = 0.5
NOW = calendar.start_of_day_ms(2026, 1, 5) + 10 * 3_600_000  # a Monday, 10:00 China time


class Chain:
    def __init__(self) -> None:
        genesis = devnet.dev_genesis()
        raw = genesis.SerializeToString()
        writes = genesis_writes(genesis)
        self.store = MemoryStore()
        self.store.init_genesis(raw, crypto.genesis_hash(raw), writes)
        self.tip = Tip.of_genesis(genesis, raw, writes)
        self.time_ms = NOW

    def build(self, txs: list[pb.SignedTx]):
        self.time_ms += 1_000
        with self.store.reader() as reader:
            return build_block(reader, self.tip, self.time_ms, "REG", [tx.SerializeToString() for tx in txs])

    def commit(self, txs: list[pb.SignedTx]) -> None:
        built = self.build(txs)
        refused = [r for r in built.results if r.code != pb.CODE_OK]
        assert not refused, refused[0]
        self.store.commit_block(built.tip.height, built.hash, built.block.SerializeToString(), [r.tx_id for r in built.results], built.writes)
        self.tip = built.tip


def builder(participant_id: str, chain: Chain, key=None) -> TxBuilder:
    return TxBuilder(devnet.DEV_CHAIN_ID, key or devnet.dev_key(participant_id), clock=lambda: chain.time_ms)


def place_orders(chain: Chain) -> tuple[list[bytes], list[bytes]]:
    ministry, province, registry = (builder(pid, chain) for pid in ("MEE", "PROV-44", "REG"))
    emitters = [new_key(new_uscc("44")) for _ in range(10)]
    institutions = [new_key(new_uscc("11")) for _ in range(10)]
    chain.commit([province.register_participant(k.participant_id, pb.ROLE_KEY_EMITTER, "bench", [k.spec()], province="44", sector="power")
                  for k in emitters]
                 + [registry.register_participant(k.participant_id, pb.ROLE_INSTITUTION, "bench", [k.spec()]) for k in institutions])
    tonnes = SIDE_ORDERS * ORDER_TONNES
    chain.commit([ministry.set_cap(VINTAGE, tonnes), ministry.issue(VINTAGE, tonnes), publish_method_tx(ministry),
                  ministry.transfer(identity.ISSUANCE_ACCOUNT, identity.province_account_id("44"), UNIT, tonnes)])
    chain.commit([province.allocate([(k.participant_id, VINTAGE, tonnes // 10) for k in emitters])]
                 + [registry.tx("deposit_funds", pb.DepositFunds(participant_id=k.participant_id, amount_fen=10**9, bank_reference=f"B{i}"))
                    for i, k in enumerate(institutions)])
    sells, buys = [], []
    for index in range(SIDE_ORDERS):
        for keys, side, account_of, out in ((emitters, pb.ORDER_SIDE_SELL, identity.holding_account_id, sells),
                                            (institutions, pb.ORDER_SIDE_BUY, identity.trading_account_id, buys)):
            key = keys[index % 10]
            payload = pb.PlaceOrder(account_id=account_of(key.participant_id), side=side, mode=pb.TRADING_MODE_OPEN_BIDDING, unit=UNIT,
                                    price_fen=PRICE, quantity=ORDER_TONNES)
            tx = builder(key.participant_id, chain, key).tx("place_order", payload)
            out.append(tx)
    chain.commit(sells + buys)
    return [signed_tx_id(tx) for tx in buys], [signed_tx_id(tx) for tx in sells]


def batches(chain: Chain, buys: list[bytes], sells: list[bytes], per_batch: int) -> list[pb.SignedTx]:
    exchange = builder("EXCH", chain)
    trades = [pb.Trade(buy_order_id=buy, sell_order_id=sell, price_fen=PRICE, quantity=1) for buy in buys for sell in sells]
    trade_date = sessions.trade_date_of(chain.time_ms)
    out = []
    for first in range(0, len(trades), per_batch):
        chunk = trades[first:first + per_batch]
        payload = pb.SettleBatch(batch_id=f"bench-{first // per_batch}", trade_date=trade_date, trade_count=len(chunk),
                                 total_quantity=len(chunk), total_amount_fen=PRICE * len(chunk), trades=chunk)
        tx = exchange.tx("settle_batch", payload)
        assert len(tx.SerializeToString()) <= limits.signed_tx_bytes_max, "a batch must fit one transaction: lower --trades-per-batch"
        out.append(tx)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trades-per-batch", type=int, default=180)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    chain = Chain()
    buys, sells = place_orders(chain)
    txs = batches(chain, buys, sells, args.trades_per_batch)
    timings = []
    for _ in range(args.runs):  # each run builds the same block on the same state: nothing is committed
        started = time.perf_counter()
        built = chain.build(txs)
        timings.append(time.perf_counter() - started)
        settled = sum(r.events[0].batch_settled.settled_count for r in built.results if r.code == pb.CODE_OK)
        assert settled == len(buys) * len(sells), f"{settled} settled"
    best = min(timings)
    trades = len(buys) * len(sells)
    print(f"settlement, in process: {trades:,} trades in {len(txs)} batches of <= {args.trades_per_batch} in one block: "
          f"best {best:.3f} s of {args.runs} ({', '.join(f'{t:.3f}' for t in timings)}) = {trades / best:,.0f} trades/s, "
          f"{best / trades * 1e6:.0f} us/trade; target <= {TARGET_S} s: {'met' if best <= TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
