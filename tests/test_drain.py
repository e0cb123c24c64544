"""A node that stops under load gives every call a reason, and the SDK's retries carry
submissions across a restart.

Many clients submit without pause while the node is stopped (in process, and as a subprocess by
SIGTERM). No call may end CANCELLED; a call in flight gets its receipt or UNAVAILABLE with reason
NODE_STOPPING; a call begun while the node drains gets UNAVAILABLE NODE_STOPPING; only a call
made once the server has stopped accepting may fail without a reason (nothing listens). Then
the SDK's own retries, against a node stopped and restarted on the same data directory and
port, bring every submission its receipt, each transaction applied once. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import collections
import signal
import time
from dataclasses import dataclass

import grpc
import pytest

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder
from cets.clients.sdk import NO_RETRY, RETRY, AsyncClient, CetsError, RetryPolicy
from cets.ledger import identity
from tests.conftest import founder, free_port, start_node
from tests.test_cli import NodeProcess, start_node_process

S = grpc.StatusCode
VINTAGE = 2025
CLIENTS = 32
LOAD_S = 0.5  # submissions flow this long before the stop
AFTER_STOP_S = 0.5  # and go on this long after it returned
STOP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Outcome:
    began: float
    ended: float
    began_phase: str  # the node's phase when the call began: serving, draining, closed
    ended_phase: str
    status: str  # "OK" or the status name
    reason: str


def phase_of(node) -> str:
    if not node.edge.draining:
        return "serving"
    return "draining" if node.accepting else "closed"


async def submit_until(client: AsyncClient, ministry: TxBuilder, done: asyncio.Event, phase, outcomes: list[Outcome]) -> None:
    """Submit one transaction after another; after a refusal, back off as the SDK would."""
    refusals = 0
    while not done.is_set():
        began, began_phase = time.monotonic(), phase()
        try:
            await client.submit(ministry.issue(VINTAGE, 1))
            status, reason = "OK", ""
        except CetsError as error:
            status, reason = error.status.name, error.reason
        outcomes.append(Outcome(began, time.monotonic(), began_phase, phase(), status, reason))
        refusals = 0 if status == "OK" else refusals + 1
        if refusals:
            await asyncio.sleep(RETRY.backoff_s(refusals))


async def test_a_node_stopped_under_load_refuses_with_node_stopping_and_cancels_nothing(tmp_path, report):
    running = await start_node(tmp_path / "node")
    node, ministry = running.node, founder(identity.MINISTRY_ID)
    clients = [AsyncClient(running.target, deadline_s=20.0, retry=NO_RETRY) for _ in range(4)]
    try:
        await clients[0].submit(ministry.set_cap(VINTAGE, 10**9))
        done, outcomes = asyncio.Event(), []
        workers = [asyncio.create_task(submit_until(clients[i % 4], ministry, done, lambda: phase_of(node), outcomes)) for i in range(CLIENTS)]
        await asyncio.sleep(LOAD_S)
        await asyncio.wait_for(node.stop(), STOP_TIMEOUT_S)
        await asyncio.sleep(AFTER_STOP_S)
        done.set()
        await asyncio.wait_for(asyncio.gather(*workers), STOP_TIMEOUT_S)
    finally:
        for client in clients:
            await client.close()
    counts = collections.Counter((o.began_phase, o.status, o.reason) for o in outcomes)
    report(f"stop under load: {dict(counts)}")
    in_flight = [o for o in outcomes if o.began_phase == "serving"]
    assert all(o.status == "OK" or (o.status, o.reason) == ("UNAVAILABLE", "NODE_STOPPING") for o in in_flight), counts
    answered_while_draining = [o for o in outcomes if o.began_phase == "draining" and o.ended_phase == "draining"]
    assert answered_while_draining and all((o.status, o.reason) == ("UNAVAILABLE", "NODE_STOPPING") for o in answered_while_draining), counts
    assert counts[("serving", "OK", "")] > 0
    # Without a reason only once the server stopped accepting: a call racing the close (the SDK retries those).
    unexplained = [o for o in outcomes if o.status != "OK" and o.reason != "NODE_STOPPING"]
    assert all(o.ended_phase == "closed" and o.status in ("UNAVAILABLE", "CANCELLED") for o in unexplained), counts


# -- a node process --------------------------------------------------------------------------------
def start_process(base, data_dir, target: str) -> NodeProcess:
    """`cets node run --dev` on `target` over `data_dir` (founded on first start, reopened after)."""
    return start_node_process(base, data_dir, target)


async def test_sigterm_under_load_answers_calls_in_flight_with_a_receipt_or_node_stopping(tmp_path, report):
    node = await asyncio.to_thread(start_process, tmp_path, tmp_path / "data", f"127.0.0.1:{free_port()}")
    ministry = founder(identity.MINISTRY_ID)
    client = AsyncClient(node.target, deadline_s=20.0, retry=NO_RETRY)
    signalled: list[float] = []
    try:
        await client.submit(ministry.set_cap(VINTAGE, 10**9))
        done, outcomes = asyncio.Event(), []
        phase = lambda: "serving" if not signalled else "signalled"  # noqa: E731
        workers = [asyncio.create_task(submit_until(client, ministry, done, phase, outcomes)) for _ in range(CLIENTS)]
        await asyncio.sleep(LOAD_S)
        signalled.append(time.monotonic())
        node.process.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(node.process.wait, STOP_TIMEOUT_S) == 0, node.log_text()
        done.set()
        await asyncio.wait_for(asyncio.gather(*workers), STOP_TIMEOUT_S)
    finally:
        await client.close()
        node.kill()
    counts = collections.Counter((o.began_phase, o.status, o.reason) for o in outcomes)
    report(f"SIGTERM under load: {dict(counts)}")
    in_flight = [o for o in outcomes if o.began_phase == "serving"]
    assert all(o.status == "OK" or (o.status, o.reason) == ("UNAVAILABLE", "NODE_STOPPING") for o in in_flight), counts
    assert counts[("signalled", "UNAVAILABLE", "NODE_STOPPING")] > 0, counts  # calls begun after the signal were refused so
    assert counts[("serving", "OK", "")] > 0


async def test_the_sdk_retries_submissions_across_a_restart_on_the_same_data_and_port(tmp_path, report):
    """Submissions keep flowing while the node is stopped by SIGTERM and started again; with
    retries each gets its receipt, and each transaction is applied exactly once."""
    target = f"127.0.0.1:{free_port()}"
    node = await asyncio.to_thread(start_process, tmp_path / "first", tmp_path / "data", target)
    ministry = founder(identity.MINISTRY_ID)
    patient = RetryPolicy(attempts=60, first_backoff_s=0.05, max_backoff_s=0.5)  # about 25 s of waiting at most
    client = AsyncClient(target, deadline_s=10.0, retry=patient)
    receipts: dict[bytes, pb.Receipt] = {}

    async def submitter(count: int) -> None:
        for _ in range(count):
            tx = ministry.issue(VINTAGE, 1)
            receipt = await client.submit(tx)
            assert receipt.code == pb.CODE_OK
            receipts[receipt.tx_id] = receipt

    try:
        await client.submit(ministry.set_cap(VINTAGE, 10**9))
        supply_before = (await client.supply(VINTAGE)).issued
        submitters = [asyncio.create_task(submitter(40)) for _ in range(8)]
        await asyncio.sleep(0.3)
        node.process.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(node.process.wait, STOP_TIMEOUT_S) == 0, node.log_text()
        stopped_with = len(receipts)
        node = await asyncio.to_thread(start_process, tmp_path / "second", tmp_path / "data", target)
        await asyncio.wait_for(asyncio.gather(*submitters), 60.0)
        assert len(receipts) == 8 * 40 and stopped_with < len(receipts)  # some went through the restart
        supply = await client.supply(VINTAGE)
        assert supply.issued - supply_before == len(receipts)  # each applied once
        for tx_id, receipt in list(receipts.items())[:: 16]:
            view = await client.transaction(tx_id)
            assert (view.receipt.status, view.receipt.height) == (pb.TX_STATUS_COMMITTED, receipt.height)
        report(f"restart: {stopped_with} receipts before the stop, {len(receipts)} in all, each applied once")
    finally:
        await client.close()
        node.terminate()


async def test_the_sdk_never_retries_a_refusal(node):
    client = AsyncClient(node.target, deadline_s=10.0, retry=RetryPolicy(attempts=5, first_backoff_s=5.0, max_backoff_s=5.0))
    try:
        started = time.monotonic()
        with pytest.raises(CetsError) as info:
            await client.submit(pb.SignedTx())
        assert info.value.status == S.INVALID_ARGUMENT
        assert time.monotonic() - started < 5.0 / 2  # no backoff was waited (the shortest is half a step)
    finally:
        await client.close()


@pytest.mark.parametrize("status, retried", [
    (S.UNAVAILABLE, True), (S.RESOURCE_EXHAUSTED, True), (S.DEADLINE_EXCEEDED, True),
    (S.CANCELLED, True), (S.INVALID_ARGUMENT, False), (S.PERMISSION_DENIED, False), (S.NOT_FOUND, False),
    (S.ALREADY_EXISTS, False), (S.FAILED_PRECONDITION, False), (S.INTERNAL, False), (S.UNKNOWN, False),
])
def test_the_retry_table(status, retried):
    policy = RetryPolicy(attempts=3)
    error = CetsError(status, "NODE_STOPPING" if status == S.UNAVAILABLE else "", "", {})
    assert policy.retries(error, 1) is retried
    assert policy.retries(error, 3) is False  # the bound


def test_backoff_doubles_within_its_cap():
    policy = RetryPolicy(attempts=10, first_backoff_s=0.1, max_backoff_s=1.0)
    for attempt, step in ((1, 0.1), (2, 0.2), (3, 0.4), (4, 0.8), (5, 1.0), (9, 1.0)):
        assert all(step / 2 <= policy.backoff_s(attempt) <= step for _ in range(50))
