"""The `cets` command line at the user's level: a real node process, real commands, exit codes.

`cets node run --dev` runs as a subprocess on a free loopback port; the demo, the online and
offline audits and every query command run as subprocesses against it, plain and --json. Every
wait is bounded, and a node process is always killed in the end.
"""

from __future__ import annotations

import base64
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest

from cets.v1 import messages as pb
from cets.ledger import crypto, identity
from cets.node import devnet
from tests.conftest import free_port

REPO = pathlib.Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 10.0
COMMAND_TIMEOUT_S = 60.0
DEMO_STEPS = 86  # the market (18), the compliance year 2025 (33: three of them rulebook versions), the 2026 allocation (5), a delegation (4),
# a measure (4), trading (22: two rulebook versions, 3 registrations, 4 of stock, 2 deposits, 9 orders and offers, the auction's close, a cancellation)
DEMO_REFUSALS = ("OUTSIDE_JURISDICTION", "OFFSET_CAP_EXCEEDED", "INSUFFICIENT_BALANCE", "OUTSIDE_DELEGATION", "PRODUCT_TRANSFERS_RESTRICTED",
                 "NOT_MEASURE_AUTHORITY")
VINTAGE = 2025
NEXT_VINTAGE = 2026
SURRENDERED_PER_RUN = 200_000 + 18_500 + 170_000 + 125_000  # A (twice), B, C: allowances of vintage 2025


def cli_env(data_dir: pathlib.Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("CETS_TARGET", "CETS_TLS_DIR", "CETS_TLS_AS"):
        env.pop(name, None)
    env["CETS_DATA"] = str(data_dir)  # the demo finds the node's dev keys here
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_cets(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cets.clients.cli", *args], cwd=cwd, env=cli_env(cwd / "none"),
                          capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)


@dataclass
class NodeProcess:
    process: subprocess.Popen
    data_dir: pathlib.Path
    target: str
    cwd: pathlib.Path
    log: pathlib.Path

    def cets(self, *args: str, timeout: float = COMMAND_TIMEOUT_S) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "cets.clients.cli", *args], cwd=self.cwd, env=cli_env(self.data_dir),
                              capture_output=True, text=True, timeout=timeout)

    def query(self, *args: str) -> subprocess.CompletedProcess:
        return self.cets(*args, "--target", self.target)

    def query_json(self, *args: str):
        completed = self.query(*args, "--json")
        assert completed.returncode == 0, (args, completed.stdout, completed.stderr)
        return json.loads(completed.stdout)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def terminate(self, timeout: float = STOP_TIMEOUT_S) -> int:
        """SIGTERM, then wait (bounded) for the exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)


def start_node_process(base: pathlib.Path, data_dir: pathlib.Path | None = None, target: str | None = None) -> NodeProcess:
    """`cets node run --dev` on a free loopback port; returns once it answers `cets head`."""
    data_dir = data_dir or base / "data"
    cwd = base / "cwd"  # not the repository: no stray .cets-dev of a developer is picked up
    cwd.mkdir(parents=True, exist_ok=True)
    log = base / "node.log"
    target = target or f"127.0.0.1:{free_port()}"
    with log.open("ab") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "cets.clients.cli", "node", "run", "--dev", "--data", str(data_dir), "--listen", target],
                                   cwd=cwd, env=cli_env(data_dir), stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    node = NodeProcess(process, data_dir, target, cwd, log)
    try:
        wait_serving(node)
    except BaseException:
        node.kill()
        raise
    return node


def wait_serving(node: NodeProcess) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    last = None
    while time.monotonic() < deadline:
        if node.process.poll() is not None:
            pytest.fail(f"node exited with {node.process.returncode} before serving:\n{node.log_text()}")
        last = node.query("head", "--json")
        if last.returncode == 0:
            return
        time.sleep(0.2)
    pytest.fail(f"node did not serve within {START_TIMEOUT_S}s; last head: {last and last.stderr}\n{node.log_text()}")


@pytest.fixture(scope="module")
def cli_node(tmp_path_factory):
    node = start_node_process(tmp_path_factory.mktemp("cli"))
    try:
        yield node
    finally:
        node.kill()


@pytest.fixture(scope="module")
def demo_document(cli_node):
    completed = cli_node.cets("demo", "--target", cli_node.target, "--json")
    assert completed.returncode == 0, (completed.stdout, completed.stderr)
    return json.loads(completed.stdout)


# -- demo ------------------------------------------------------------------------------------------
def assert_compliance_year(document: dict) -> None:
    """The year the demo walked (issue 8, item 10), from its JSON document: A compliant with CCERs
    exactly at the 5% cap (art. 31), B short by 15,000 t, fined (art. 44) and its 2026 allocation
    withholding the shortfall, C late and on the province's estimate (art. 43)."""
    emitters = document["emitters"]
    table = {row["name"]: row for row in document["compliance"]}
    assert sorted(table) == ["A", "B", "C"] and all(table[name]["emitter_id"] == emitters[name] for name in table)
    a, b, c = table["A"], table["B"], table["C"]
    assert (a["status"], a["basis"], a["obligation"], a["allowances"], a["ccers"], a["shortfall"]) == ("A", "VERIFIED", 230_000, 218_500, 11_500, 0)
    assert a["ccers"] * 20 == a["obligation"]  # exactly the 5% cap
    assert (b["status"], b["basis"], b["obligation"], b["allowances"], b["ccers"], b["shortfall"]) == ("B", "VERIFIED", 185_000, 170_000, 0, 15_000)
    assert (c["status"], c["basis"], c["obligation"], c["allowances"], c["shortfall"]) == ("A", "ESTIMATED", 125_000, 125_000, 0)
    assert all(row["closed"] and row["year"] == VINTAGE and row["province"] == "44" for row in table.values())
    assert (a["withheld_next_year"], b["withheld_next_year"], c["withheld_next_year"]) == (0, 15_000, 0)

    events = [(step["receipt"]["code"], event) for step in document["steps"] for event in step["receipt"]["events"]]
    withheld = [event["allocation_withheld"] for _, event in events if "allocation_withheld" in event]
    assert withheld == [{"emitter_id": emitters["B"], "vintage": NEXT_VINTAGE, "withheld_tonnes": 15_000, "still_owed_tonnes": 0}]
    assert document["holdings"][identity.holding_account_id(emitters["B"])] == {f"CEA-{NEXT_VINTAGE}": 135_000}
    late = {event["emission_report_submitted"]["emitter_id"]: event["emission_report_submitted"]["late"]
            for _, event in events if "emission_report_submitted" in event}
    assert late == {emitters["A"]: False, emitters["B"]: False, emitters["C"]: True}  # arts. 26, 43
    fines = [(event["fine_imposed"]["emitter_id"], event["fine_imposed"]["kind"], event["fine_imposed"]["amount_fen"])
             for _, event in events if "fine_imposed" in event]
    assert fines == [(emitters["B"], "FINE_KIND_NON_SURRENDER", 2_500_000), (emitters["C"], "FINE_KIND_REPORTING", 2_000_000)]
    refused = [step["receipt"]["code"] for step in document["steps"] if step["expected"] == "rejection"]
    assert sorted(refused) == sorted(DEMO_REFUSALS)


def test_demo_prints_each_step_and_final_holdings(cli_node):
    completed = cli_node.cets("demo", "--target", cli_node.target)
    assert completed.returncode == 0, (completed.stdout, completed.stderr)
    out = completed.stdout
    numbers = [int(m) for m in re.findall(r"^\s*(\d+)\. ", out, flags=re.MULTILINE)]
    assert numbers == list(range(1, DEMO_STEPS + 1))
    assert re.search(r"refused \(art\. 4\): OUTSIDE_JURISDICTION block \d+#0 tx [0-9a-f]{64}", out)
    assert re.search(r"one tonne over the cap: refused \(art\. 31\): OFFSET_CAP_EXCEEDED block \d+#0 tx [0-9a-f]{64}", out)
    assert re.search(r"refused: INSUFFICIENT_BALANCE block \d+#0 tx [0-9a-f]{64}", out)
    assert len(re.findall(r": OK block \d+#\d+ tx [0-9a-f]{64}", out)) == DEMO_STEPS - len(DEMO_REFUSALS)
    assert "judged under the version in force" in out  # the demo says why it schedules rulebook versions
    assert len(re.findall(r"ministry schedules a rulebook version: .*: OK block", out)) == 5  # three for the deadlines, two for trading
    assert re.search(r"computed here with ledger/draw\.py from the recorded inputs and block \d+'s hash [0-9a-f]{16}\.\.\.: "
                     r"(A -> V[12], B -> V[12]|B -> V[12], A -> V[12])$", out, flags=re.MULTILINE)
    assert "final holdings:" in out
    holdings = out.split("final holdings:")[1].split("compliance table")[0]
    for account in (identity.RESERVE_ACCOUNT, identity.province_account_id("44"), identity.province_account_id("42")):
        assert re.search(rf"^\s+{re.escape(account)}\s+CEA-{VINTAGE} [\d,]+", holdings, flags=re.MULTILINE), account
    assert re.search(r"^  A \d{8}\w{10}\.holding\s+CEA-2025 1,500, CEA-2026 200,000, CCER-2025/CCER-DEMO-[0-9a-f]{6} 500$", holdings, flags=re.MULTILINE)
    assert re.search(r"^  B \d{8}\w{10}\.holding\s+CEA-2026 135,000$", holdings, flags=re.MULTILINE)  # 150k less the 15k withheld
    assert re.search(r"\.trading\s+CEA-2025 15,000$", holdings, flags=re.MULTILINE)  # the fund: 20k - 5k
    for vintage in (VINTAGE, NEXT_VINTAGE):
        assert re.search(rf"vintage {vintage}: cap [\d,]+, issued [\d,]+, surrendered [\d,]+, cancelled [\d,]+", out)
    assert re.search(r"cancellation certificate CX-[0-9A-F]+; chain head at height \d+", out)
    table = out.split("compliance table")[1]
    assert re.search(r"^  A \w{18}\s+230,000 VERIFIED\s+218,500\s+11,500 A\s+0\s+0$", table, flags=re.MULTILINE)
    assert re.search(r"^  B \w{18}\s+185,000 VERIFIED\s+170,000\s+0 B\s+15,000\s+15,000$", table, flags=re.MULTILINE)
    assert re.search(r"^  C \w{18}\s+125,000 ESTIMATED\s+125,000\s+0 A\s+0\s+0$", table, flags=re.MULTILINE)


def test_demo_json_has_steps_holdings_supply_and_the_compliance_table(cli_node, demo_document):
    document = demo_document
    assert document["chain_id"] == devnet.DEV_CHAIN_ID
    steps = document["steps"]
    assert len(steps) == DEMO_STEPS
    for step in steps:
        receipt = step["receipt"]
        assert re.fullmatch(r"[0-9a-f]{64}", receipt["tx_id"])
        assert receipt["final"] is True
        if step["expected"] == "OK":
            assert receipt["status"] == "TX_STATUS_COMMITTED" and receipt["code"] == "OK", step
        else:
            assert step["expected"] == "rejection"
            assert receipt["status"] == "TX_STATUS_REJECTED" and receipt["code"] in DEMO_REFUSALS, step
    heights = [int(s["receipt"]["height"]) for s in steps]
    assert heights == sorted(heights) and len(set(heights)) == DEMO_STEPS
    assert document["head_height"] >= heights[-1]
    assert document["certificate_id"].startswith("CX-")
    assert_compliance_year(document)

    emitters = {name: identity.holding_account_id(emitter_id) for name, emitter_id in document["emitters"].items()}
    holdings = document["holdings"]
    assert len(holdings) == 9
    assert holdings[identity.ISSUANCE_ACCOUNT] == {}
    ccers = next(unit for unit in holdings[emitters["A"]] if unit.startswith("CCER-2025/CCER-DEMO-"))
    assert holdings[emitters["A"]] == {"CEA-2025": 1_500, "CEA-2026": 200_000, ccers: 500}  # 12k CCERs recorded, 11.5k surrendered
    assert holdings[emitters["C"]] == {"CEA-2025": 5_000, "CEA-2026": 100_000}
    assert holdings[emitters["D"]] == {"CEA-2025": 180_000}
    assert holdings[identity.province_account_id("44")]["CEA-2026"] >= 15_000  # B's withheld tonnes stay with the province

    supply = {figures["vintage"]: figures for figures in document["supply"]}
    runs = supply[VINTAGE]["issued"] // 1_000_000  # only demos write to this node: n runs so far
    assert runs >= 1
    assert {name: supply[VINTAGE][name] for name in ("cap", "issued", "surrendered", "cancelled")} == {
        "cap": runs * 1_000_000, "issued": runs * 1_000_000, "surrendered": runs * SURRENDERED_PER_RUN, "cancelled": runs * 5_000}
    assert {name: supply[NEXT_VINTAGE][name] for name in ("cap", "issued", "surrendered", "cancelled")} == {
        "cap": runs * 450_000, "issued": runs * 450_000, "surrendered": 0, "cancelled": 0}

    versions = document["rulebook_versions"]
    assert len(versions) == 3 and [v["effective_ms"] for v in versions] == sorted(v["effective_ms"] for v in versions)
    assert (versions[2]["report_due"][4:], versions[2]["surrender_due"][4:]) == ("-03-31", "-12-31")  # the draft's calendar again


def test_the_demo_trades_in_each_mode_and_settles_trade_by_trade(cli_node, demo_document):
    """Issue 10's done-when: orders in each mode, a match, a block trade, an auction, and a batch
    settled trade by trade; holdings and cash before and after; the day's bar and reconciliation."""
    trading = demo_document["trading"]
    price = trading["reference_price_fen"]
    before, after = trading["before"], trading["after"]
    assert (before["S"]["tonnes"], before["F"]["tonnes"], before["G"]["tonnes"]) == (300_000, 0, 0)
    # S sold 1,500 (listing) + 1,000 (open bidding) + 100,000 (block); the rest of its listing was cancelled
    assert (after["S"]["tonnes"], after["F"]["tonnes"], after["G"]["tonnes"]) == (197_500, 131_500, 21_000)
    assert after["S"]["balance_fen"] == 102_500 * price
    # the auction cleared at G's 47.50-style bid (price - 50): F won 30,000 t, G 20,000 t, at one uniform price
    assert after["F"]["balance_fen"] == before["F"]["balance_fen"] - 101_500 * price - 30_000 * (price - 50)
    assert after["G"]["balance_fen"] == before["G"]["balance_fen"] - 1_000 * price - 20_000 * (price - 50)
    assert all(figures["reserved_fen"] == 0 for figures in after.values())
    assert trading["reconciliation"]["balanced"] and trading["bar"]["close_fen"] == price
    assert len(trading["rulebook_versions"]) == 2
    bars = cli_node.query_json("bars", "--vintage", str(trading["vintage"]), "--from", str(trading["trade_date"]))
    assert bars[0]["close_fen"] == price and bars[0]["volume"] >= 152_500
    reconciled = cli_node.cets("reconcile", str(trading["trade_date"]), "--target", cli_node.target)
    assert reconciled.returncode == 0 and "balanced" in reconciled.stdout
    trades = cli_node.query_json("trades")
    ours = [trade for trade in trades if trade["buy_order_id"] in trading["orders"] or trade["sell_order_id"] in trading["orders"]]
    assert sorted(trade["mode"] for trade in ours) == ["AUCTION", "AUCTION", "BLOCK_AGREEMENT", "LISTING_AGREEMENT", "OPEN_BIDDING"]


def test_the_demos_tables_are_what_the_mrv_service_answers(cli_node, demo_document):
    """The compliance table and the draw the demo printed, read again with `cets mrv`."""
    ours = {row["emitter_id"]: row for row in demo_document["compliance"]}
    listed = [row for row in cli_node.query_json("mrv", "compliance", "--year", str(VINTAGE), "--province", "44") if row["emitter_id"] in ours]
    assert listed == [{k: v for k, v in ours[row["emitter_id"]].items() if k not in ("name", "withheld_next_year")} for row in listed]
    assert len(listed) == 3
    draw = demo_document["draw"]
    record = cli_node.query_json("mrv", "draw", draw["draw_id"])
    recorded = {demo_document["emitters"][name]: demo_document["bodies"][body] for name, body in draw["assignments"].items()}
    assert {a["emitter_id"]: a["body_id"] for a in record["assignments"]} == recorded
    assert int(record["seed_height"]) == draw["seed_height"]
    assert (base64.b64decode(record["seed"]).hex(), base64.b64decode(record["key"]).hex()) == (draw["seed"], draw["key"])


# -- audits ----------------------------------------------------------------------------------------
def test_online_audit(cli_node, demo_document):
    plain = cli_node.cets("audit", "verify", "--target", cli_node.target)
    assert plain.returncode == 0, (plain.stdout, plain.stderr)
    assert "OK: every state commitment reproduced" in plain.stdout
    assert re.search(r"^blocks\s+\d+ verified", plain.stdout, flags=re.MULTILINE)
    document = json.loads(cli_node.cets("audit", "verify", "--target", cli_node.target, "--json").stdout)
    assert document["ok"] is True
    assert document["bad_height"] is None and document["problem"] == ""
    assert document["counts"]["blocks"] > 0 and document["counts"]["transactions"] > 0
    assert document["counts"]["blocks"] >= demo_document["head_height"]
    assert document["counts"]["rejected"] >= 2
    assert document["genesis_hash"] == crypto.genesis_hash(devnet.dev_genesis().SerializeToString()).hex()
    expected = cli_node.cets("audit", "verify", "--target", cli_node.target, "--expect-genesis", document["genesis_hash"])
    assert expected.returncode == 0, expected.stderr
    wrong = cli_node.cets("audit", "verify", "--target", cli_node.target, "--expect-genesis", "00" * 32, "--json")
    assert wrong.returncode == 1
    assert json.loads(wrong.stdout)["bad_height"] == 0


def test_the_market_audit_passes_on_the_demos_chain(cli_node, demo_document):
    """Issue 10's done-when: every trade the exchange's node settled is what the rules produce."""
    audited = cli_node.cets("audit", "market", "--target", cli_node.target, "--json")
    assert audited.returncode == 0, (audited.stdout, audited.stderr)
    document = json.loads(audited.stdout)
    (day,) = [day for day in document["days"] if day["trade_date"] == demo_document["trading"]["trade_date"]]
    assert day["ok"] and day["trades_settled"] == day["trades_expected"] >= 5


# -- queries ---------------------------------------------------------------------------------------
def test_head(cli_node, demo_document):
    document = cli_node.query_json("head")
    assert document["chain_id"] == devnet.DEV_CHAIN_ID
    assert document["height"] >= demo_document["head_height"]
    assert re.fullmatch(r"[0-9a-f]{64}", document["hash"])
    script = pathlib.Path(sys.executable).with_name("cets")  # the installed entry point, when there is one
    if script.exists():
        via_script = subprocess.run([str(script), "head", "--target", cli_node.target, "--json"], cwd=cli_node.cwd,
                                    env=cli_env(cli_node.data_dir), capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
        assert via_script.returncode == 0, via_script.stderr
        assert json.loads(via_script.stdout)["chain_id"] == devnet.DEV_CHAIN_ID
    plain = cli_node.query("head")
    assert plain.returncode == 0, plain.stderr
    assert re.search(r"^height\s+\d+$", plain.stdout, flags=re.MULTILINE)
    assert re.search(r"^chain_id\s+cets-dev-1$", plain.stdout, flags=re.MULTILINE)


def test_block(cli_node, demo_document):
    genesis_hash = crypto.genesis_hash(devnet.dev_genesis().SerializeToString()).hex()
    document = cli_node.query_json("block", "1")
    assert int(document["height"]) == 1
    assert document["prev_hash"] == genesis_hash
    assert document["chain_id"] == devnet.DEV_CHAIN_ID
    assert document["proposer"] == identity.REGISTRY_ID
    assert document["tx_count"] == len(document["results"]) == len(document["tx_ids"]) >= 1
    assert cli_node.query_json("tx", document["tx_ids"][0])["height"] == 1  # a block's ids feed `cets tx`
    assert document["signatures"] == [devnet.dev_key(identity.REGISTRY_ID, pb.KEY_PURPOSE_NODE).key_id]
    for name in ("tx_root", "result_root", "state_root"):
        assert re.fullmatch(r"[0-9a-f]{64}", document[name])
    plain = cli_node.query("block", "1")
    assert plain.returncode == 0, plain.stderr
    assert re.search(rf"^prev_hash\s+{genesis_hash}$", plain.stdout, flags=re.MULTILINE)
    # block 2 links to block 1
    second = cli_node.query_json("block", "2")
    assert int(second["height"]) == 2 and second["prev_hash"] != genesis_hash


def test_tx(cli_node, demo_document):
    step = demo_document["steps"][0]["receipt"]
    document = cli_node.query_json("tx", step["tx_id"])
    assert document["tx_id"] == step["tx_id"]
    assert document["status"] == "TX_STATUS_COMMITTED"
    assert document["height"] == step["height"] and document["block_hash"] == step["block_hash"]
    rejected = next(s["receipt"] for s in demo_document["steps"] if s["expected"] == "rejection")
    assert cli_node.query_json("tx", rejected["tx_id"])["status"] == "TX_STATUS_REJECTED"
    plain = cli_node.query("tx", step["tx_id"])
    assert plain.returncode == 0, plain.stderr
    assert step["tx_id"] in plain.stdout and "TX_STATUS_COMMITTED" in plain.stdout
    unknown = cli_node.query("tx", "ab" * 32, "--json")
    assert unknown.returncode == 1 and json.loads(unknown.stdout)["status"] == "TX_STATUS_UNKNOWN"
    assert "unknown to this node" in unknown.stderr


def test_participant(cli_node):
    document = cli_node.query_json("participant", identity.MINISTRY_ID)
    assert document["participant_id"] == identity.MINISTRY_ID
    assert document["role"] == "ROLE_MINISTRY"
    public_keys = {k["public_key"] for k in document["keys"]}
    assert devnet.dev_key(identity.MINISTRY_ID).spec().public_key.hex() in public_keys
    assert all(k["participant_id"] == identity.MINISTRY_ID for k in document["keys"])
    plain = cli_node.query("participant", identity.MINISTRY_ID)
    assert plain.returncode == 0, plain.stderr
    assert re.search(r"^role\s+ROLE_MINISTRY$", plain.stdout, flags=re.MULTILINE)


def test_participants_by_role(cli_node):
    document = cli_node.query_json("participants", "--role", "province")
    assert isinstance(document, list)
    assert sorted(p["participant_id"] for p in document) == sorted(identity.province_id(c) for c in identity.PROVINCES)
    assert {p["role"] for p in document} == {"ROLE_PROVINCE"}
    guangdong = cli_node.query_json("participants", "--role", "province", "--province", "44")
    assert [p["participant_id"] for p in guangdong] == [identity.province_id("44")]
    plain = cli_node.query("participants", "--role", "province")
    assert plain.returncode == 0, plain.stderr
    assert len(re.findall(r"^participant_id\s+PROV-\d\d$", plain.stdout, flags=re.MULTILINE)) == len(identity.PROVINCES)


def test_account(cli_node, demo_document):
    document = cli_node.query_json("account", identity.RESERVE_ACCOUNT)
    assert document["account_id"] == identity.RESERVE_ACCOUNT
    assert document["kind"] == "ACCOUNT_KIND_RESERVE"
    assert document["holder"] == identity.MINISTRY_ID
    amount = document["holdings"][f"CEA-{VINTAGE}"]
    assert isinstance(amount, int) and amount > 0 and amount % 100_000 == 0
    plain = cli_node.query("account", identity.RESERVE_ACCOUNT)
    assert plain.returncode == 0, plain.stderr
    assert re.search(rf"^holdings:\n\s+CEA-{VINTAGE}\s+{amount}$", plain.stdout, flags=re.MULTILINE)


def test_supply(cli_node, demo_document):
    document = cli_node.query_json("supply", str(VINTAGE))
    figures = {k: int(v) for k, v in document.items()}
    assert figures["vintage"] == VINTAGE
    assert figures["issued"] >= 1_000_000 and figures["cap"] >= figures["issued"]
    runs = figures["issued"] // 1_000_000
    assert figures["surrendered"] == runs * SURRENDERED_PER_RUN and figures["cancelled"] * 200 == figures["issued"]
    plain = cli_node.query("supply", str(VINTAGE))
    assert plain.returncode == 0, plain.stderr
    assert re.search(rf"^issued\s+{figures['issued']}$", plain.stdout, flags=re.MULTILINE)


# -- errors ----------------------------------------------------------------------------------------
def test_unknown_account_is_a_json_error_with_exit_1(cli_node):
    completed = cli_node.query("account", "NOPE", "--json")
    assert completed.returncode == 1, (completed.stdout, completed.stderr)
    error = json.loads(completed.stdout)["error"]
    assert error["reason"] == "UNKNOWN_ACCOUNT"
    assert error["status"] == "NOT_FOUND"
    assert "NOPE" in error["message"]
    plain = cli_node.query("account", "NOPE")
    assert plain.returncode == 1
    assert "NOT_FOUND UNKNOWN_ACCOUNT" in plain.stderr and "Traceback" not in plain.stderr


def test_other_refusals_and_usage_errors(cli_node):
    missing = cli_node.query("block", "999999", "--json")
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["error"]["reason"] == "BLOCK_NOT_FOUND"
    unknown = cli_node.query("participant", "NOBODY", "--json")
    assert unknown.returncode == 1
    assert json.loads(unknown.stdout)["error"]["reason"] == "UNKNOWN_PARTICIPANT"
    usage = cli_node.query("block", "not-a-number")
    assert usage.returncode == 2
    assert "usage:" in usage.stderr


def test_unreachable_node_fails_without_traceback(tmp_path):
    completed = run_cets(tmp_path, "head", "--target", f"127.0.0.1:{free_port()}", "--json")
    assert completed.returncode == 1, (completed.stdout, completed.stderr)
    assert json.loads(completed.stdout)["error"]["status"] == "UNAVAILABLE"


MALFORMED = {
    "tx-not-hex": (("tx", "not-hex"), "not hex"),
    "unknown-role": (("participants", "--role", "bogus"), "invalid choice"),
    "unknown-province": (("participants", "--province", "abc"), "province code"),
    "height-beyond-int64": (("block", "9" * 23), "want 1.."),
    "missing-tls-dir": (("head", "--tls-dir", "/nonexistent"), "no such directory"),
    "unknown-institution": (("head", "--tls-as", "FOO"), "want one of MEE, REG, EXCH"),
    "port-out-of-range": (("head", "--target", "127.0.0.1:99999"), "port 1..65535"),
    "empty-target": (("head", "--target", ""), "HOST:PORT"),
    "genesis-not-hex": (("audit", "verify", "--data", "x", "--expect-genesis", "zz"), "not hex"),
    "missing-demo-keys": (("demo", "--keys", "/typo"), "no such directory"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_arguments_are_usage_errors_plain_and_json(tmp_path, case):
    args, says = MALFORMED[case]
    needs_target = args[0] in ("tx", "participants", "block") or (args[0] == "head" and "--target" not in args)
    target = ("--target", f"127.0.0.1:{free_port()}") if needs_target or args[0] == "demo" else ()
    plain = run_cets(tmp_path, *args, *target)
    assert plain.returncode == 2, (plain.returncode, plain.stdout, plain.stderr)
    assert "Traceback" not in plain.stderr and says in plain.stderr, plain.stderr
    as_json = run_cets(tmp_path, *args, *target, "--json")
    assert as_json.returncode == 2, (as_json.stdout, as_json.stderr)
    error = json.loads(as_json.stdout)["error"]
    assert error["reason"] == "USAGE" and says in error["message"]


# `str.isdigit` takes "²" and other scripts' digits; `int` refuses the first and reads the others,
# so "127.0.0.1:٧٥٤٥" would reach gRPC's resolver. Ports and numbers take ASCII digits only.
NON_ASCII_DIGITS = {
    "target-superscript-two": (("head", "--target", "127.0.0.1:²"), "HOST:PORT"),
    "target-arabic-indic": (("head", "--target", "127.0.0.1:٧٥٤٥"), "HOST:PORT"),
    "listen-fullwidth": (("node", "run", "--dev", "--listen", "127.0.0.1:７５４５"), "HOST:PORT"),
    "advertise-superscript": (("node", "run", "--dev", "--advertise", "node-reg:²"), "HOST:PORT"),
    "audit-target-devanagari": (("audit", "verify", "--target", "127.0.0.1:७५४५"), "HOST:PORT"),
    "height-arabic-indic": (("block", "١"), "not a whole number"),
}


@pytest.mark.parametrize("case", NON_ASCII_DIGITS, ids=list(NON_ASCII_DIGITS))
def test_ports_and_numbers_take_ascii_digits_only_plain_and_json(tmp_path, case):
    args, says = NON_ASCII_DIGITS[case]
    plain = run_cets(tmp_path, *args)
    assert plain.returncode == 2, (plain.returncode, plain.stdout, plain.stderr)
    assert "Traceback" not in plain.stderr and "usage:" in plain.stderr and says in plain.stderr, plain.stderr
    as_json = run_cets(tmp_path, *args, "--json")
    assert as_json.returncode == 2, (as_json.stdout, as_json.stderr)
    error = json.loads(as_json.stdout)["error"]
    assert error["reason"] == "USAGE" and says in error["message"] and error["usage"].startswith("usage: cets ")
    assert not (tmp_path / ".cets-dev").exists()  # refused before a node founds its data directory


def test_a_demo_step_that_fails_is_reported_as_json_with_the_steps_run(tmp_path):
    from cets.clients.builder import TxBuilder
    from cets.clients.sdk import Client
    from cets.ledger.crypto import Signer

    node = start_node_process(tmp_path)
    try:
        province = devnet.dev_key(identity.province_id("44"))
        with Client(node.target) as client:  # Guangdong rotates its key: the demo's dev key no longer signs
            successor = Signer.from_seed(bytes(range(32)))
            (receipt,) = client.submit_batch([TxBuilder(devnet.DEV_CHAIN_ID, province).rotate_key(province.participant_id, province.key_id, successor.public_key)])
            assert receipt.code == pb.CODE_OK
        failed = node.cets("demo", "--target", node.target, "--json")
        assert failed.returncode == 1, (failed.stdout, failed.stderr)
        document = json.loads(failed.stdout)
        assert document["error"]["reason"] == "DEMO_STEP_FAILED" and "KEY_REVOKED" in document["error"]["message"]
        assert len(document["steps"]) == 1 and document["steps"][0]["receipt"]["code"] == "KEY_REVOKED"
        plain = node.cets("demo", "--target", node.target)
        assert plain.returncode == 1 and "demo step failed" in plain.stderr and "Traceback" not in plain.stderr
    finally:
        node.kill()


# -- stop and offline audit ------------------------------------------------------------------------
def test_sigterm_stops_the_node_cleanly_and_the_data_audits_offline(tmp_path):
    node = start_node_process(tmp_path)
    try:
        demo = node.cets("demo", "--target", node.target, "--json")
        assert demo.returncode == 0, demo.stderr
        head = node.query_json("head")
        assert head["height"] >= DEMO_STEPS
        started = time.monotonic()
        assert node.terminate() == 0, node.log_text()
        assert time.monotonic() - started < STOP_TIMEOUT_S
        assert "node stopped" in node.log_text()

        plain = node.cets("audit", "verify", "--data", str(node.data_dir))
        assert plain.returncode == 0, (plain.stdout, plain.stderr)
        assert "OK: every state commitment reproduced" in plain.stdout
        assert re.search(r"^state\s+\d+ stored entries equal to the replay$", plain.stdout, flags=re.MULTILINE)
        document = json.loads(node.cets("audit", "verify", "--data", str(node.data_dir), "--json").stdout)
        assert document["ok"] is True
        assert (document["head_height"], document["head_hash"]) == (head["height"], head["hash"])
        assert document["counts"]["blocks"] == head["height"]
        assert document["counts"]["transactions"] >= DEMO_STEPS
        assert document["state_entries_compared"] > 0
    finally:
        node.kill()

    # the same data directory serves again, from the same head
    again = start_node_process(tmp_path, node.data_dir)
    try:
        assert again.query_json("head") == head
        assert again.terminate() == 0, again.log_text()
    finally:
        again.kill()



def test_a_code_this_client_does_not_know_renders_as_its_number():
    from cets.clients import render

    assert render.to_dict(pb.Receipt(code=9999))["code"] == 9999  # a newer node's code: no traceback
    assert render.code_name(9999) == "9999"
    assert render.to_dict(pb.Receipt(code=pb.CODE_OUTSIDE_JURISDICTION))["code"] == "OUTSIDE_JURISDICTION"
