"""The public portal (arts. 15, 35, 37-39) of a real node, read as the public reads it.

One dev node serves gRPC and, with `public`, the portal on a free loopback port. Real transactions
make a compliance year: four Guangdong emitters listed, two drawn and verified by their bodies,
allowances allocated and surrendered, the deadline passed and the year closed (A, B with its
shortfall, C, and one still pending), a fine, two cancellations (one by an individual, whose
identity number must never show), a rulebook version scheduled, and enforcement (arts. 38, 45-49:
a measure in force, one lifted, public criticism of the individual, a credit record, a joint
punishment notice, the blacklist). Then:

- headless Chromium (Debian's `chromium`, installed by `make setup`) loads the compliance page,
  and the table it rendered is what the ledger holds; it also takes a screenshot; it loads the
  measures page, and the measures it rendered are those in force on the ledger;
- every table's CSV holds exactly the rows and columns of its JSON, and its HTML table too;
- paging through a table page by page gives the whole table;
- no page holds key material (of the dev keys or the test's keys) or an individual's id number.

Block times are the node's clock, moved past the surrender deadline before closing, as the
verification tests move it (tests/test_mrv_verification_rpc.py).
"""

from __future__ import annotations

import asyncio
import base64
import csv
import html.parser
import io
import json
import shutil
import urllib.parse
from dataclasses import dataclass

import pytest
import pytest_asyncio

from cets.v1 import messages as pb
from cets.clients.builder import TxBuilder, cea, now_ms, signed_tx_id
from cets.clients.sdk import AsyncClient
from cets.ledger import calendar, enforcement_queries, identity, keyfile, public_queries
from cets.ledger.crypto import Signer
from cets.ledger.genesis import default_rulebook
from cets.node import devnet
from cets.node.portal import site
from cets.node.server import Node, NodeConfig, prepare_dev
from tests.conftest import RunningNode, fund_province
from tests.test_mrv_verification_rpc import YEAR, World, record_tx, reproduce, verification_tx

pytestmark = pytest.mark.asyncio(loop_scope="module")

RESIDENT_ID = "11010519491231002X"  # GB 11643-1999's own example: an individual's identity number
HOSTILE_BENEFICIARY = '<script>alert("x")</script> Beijing Marathon 北京马拉松 & friends'
HOSTILE_PURPOSE = "carbon-neutral event'; DROP TABLE cancellations; --"
CHROMIUM_TIMEOUT_S = 90
STATUS_NAMES = {pb.COMPLIANCE_STATUS_PENDING: "pending", pb.COMPLIANCE_STATUS_A: "A", pb.COMPLIANCE_STATUS_B: "B", pb.COMPLIANCE_STATUS_C: "C"}


# -- HTTP, as sent -----------------------------------------------------------------------------------
@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lowercase names
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


async def fetch(port: int, target: str | bytes, method: str = "GET", extra: bytes = b"") -> Response:
    """One HTTP/1.1 request with `target` exactly as given (no client normalizes or encodes it)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    raw_target = target if isinstance(target, bytes) else target.encode()
    writer.write(method.encode() + b" " + raw_target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + b"\r\n")
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 30)
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return Response(int(lines[0].split()[1]), headers, body)


async def fetch_ok(port: int, target: str) -> Response:
    response = await fetch(port, target)
    assert response.status == 200, (target, response.status, response.text[:500])
    return response


def with_query(path: str, parameters: dict[str, str]) -> str:
    return path + ("?" + urllib.parse.urlencode(parameters) if parameters else "")


# -- the rendered tables ---------------------------------------------------------------------------
class TableRows(html.parser.HTMLParser):
    """The rows of <table id=NAME> as dicts column -> text, read from `data-column` cells."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside, self.rows, self.column = table_id, False, [], None
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "table":
            self.inside = attributes.get("id") == self.table_id
        elif self.inside and tag == "tr" and self.rows is not None:
            self.rows.append({})
        elif self.inside and tag == "td":
            self.column = attributes["data-column"]
            self.rows[-1][self.column] = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif tag == "td":
            self.column = None

    def handle_data(self, data):
        if self.inside and self.column is not None:
            self.rows[-1][self.column] += data


def rendered(page: str, table_id: str) -> tuple[list[dict[str, str]], int]:
    """(rows of the table, script elements on the page)."""
    parser = TableRows(table_id)
    parser.feed(page)
    return [row for row in parser.rows if row], parser.scripts


# -- a compliance year on a real node --------------------------------------------------------------
@dataclass
class Published:
    running: RunningNode
    port: int  # the portal's
    emitters: dict[str, TxBuilder]  # by the status each ends the year with: A, B, C, pending
    keys: list[keyfile.KeyFile]  # every key the test made
    certificates: list[pb.Cancelled]  # as the cancellations' receipts gave them, in order


async def start_public_node(data_dir) -> RunningNode:
    node = Node(NodeConfig(data_dir=data_dir, listen="127.0.0.1:0", genesis=prepare_dev(data_dir), public="127.0.0.1:0"))
    await node.start()
    target = f"127.0.0.1:{node.port}"
    return RunningNode(node=node, data_dir=data_dir, target=target, client=AsyncClient(target, deadline_s=20.0))


async def drawn_and_verified(world: World, emitters: list[TxBuilder]) -> list[TxBuilder]:
    """A draw over `emitters`, recorded, and each verified by the body it drew: the bodies."""
    bodies = [await world.verifier() for _ in emitters]
    request = await world.requested(emitters, bodies, select_count=len(emitters), capacity=1)
    expected = await reproduce(world.client, request.tx_id)
    await world.applied(record_tx(world.province(), request.tx_id, expected.assignments))
    by_id = {body.participant_id: body for body in bodies}
    drawn = {assignment.emitter: by_id[assignment.body] for assignment in expected.assignments}
    await world.applied(*[verification_tx(drawn[emitter.participant_id], emitter) for emitter in emitters])
    return bodies


async def cancellations(world: World, emitter: TxBuilder) -> tuple[TxBuilder, list[pb.Cancelled]]:
    """The emitter cancels with a hostile beneficiary and purpose; an individual, given some of its
    allowances, cancels without naming a beneficiary (the certificate then names the holder)."""
    registry = world.founder(identity.REGISTRY_ID)
    person = keyfile.KeyFile(RESIDENT_ID, pb.KEY_PURPOSE_TRANSACTIONS, Signer.from_seed(bytes(range(32))))
    await world.applied(registry.register_participant(RESIDENT_ID, pb.ROLE_INDIVIDUAL, "Person", [person.spec()]))
    individual = TxBuilder(devnet.DEV_CHAIN_ID, person, clock=world.clock)
    holding = identity.holding_account_id(emitter.participant_id)
    receipts = await world.applied(
        emitter.cancel(holding, cea(YEAR), 40, beneficiary=HOSTILE_BENEFICIARY, purpose=HOSTILE_PURPOSE),
        emitter.transfer(holding, identity.trading_account_id(RESIDENT_ID), cea(YEAR), 60),
        individual.cancel(identity.trading_account_id(RESIDENT_ID), cea(YEAR), 60, purpose="my flights"))
    return individual, [receipts[0].events[0].cancelled, receipts[2].events[0].cancelled]


async def compliance_year(world: World) -> tuple[dict[str, TxBuilder], list[TxBuilder], list[pb.Cancelled]]:
    """A, B (20,000 t short), C (nothing verified at closing) and pending, with a fine and cancellations."""
    ministry, guangdong = world.founder(identity.MINISTRY_ID), world.province("44")
    emitters = {status: await world.listed_emitter() for status in ("A", "B", "C", "pending")}
    bodies = await drawn_and_verified(world, [emitters["A"], emitters["B"]])
    await fund_province(world.client, ministry, "44", YEAR, 40_100)
    a, b = emitters["A"], emitters["B"]
    await world.applied(guangdong.allocate([(a.participant_id, YEAR, 30_100), (b.participant_id, YEAR, 10_000)]),
                        a.surrender(YEAR, [(cea(YEAR), 30_000)]), b.surrender(YEAR, [(cea(YEAR), 10_000)]))
    individual, certificates = await cancellations(world, a)
    fine = pb.ImposeFine(emitter_id=b.participant_id, year=YEAR, kind=pb.FINE_KIND_NON_SURRENDER, amount_fen=2_500_000,
                         decision_reference="粤环罚〔2027〕1号")
    later = default_rulebook()
    later.offset_cap_bps = 1_000
    fine_tx = guangdong.tx("impose_fine", fine)
    await world.applied(fine_tx,
                        ministry.set_rulebook(later, world.clock() + 300 * calendar.DAY_MS, note="scheduled: a wider offset cap"))
    world.clock.offset_ms = calendar.deadline_ms(YEAR, default_rulebook().surrender_due) + 1_000 - now_ms()  # the deadline has passed
    closing = pb.CloseCompliance(year=YEAR, emitter_ids=[b.participant_id, emitters["C"].participant_id])
    await world.applied(guangdong.tx("close_compliance", closing))
    await enforcement_records(world, emitters, fine_id=signed_tx_id(fine_tx))
    return emitters, bodies + [individual], certificates


async def enforcement_records(world: World, emitters: dict[str, TxBuilder], fine_id: bytes) -> None:
    """Arts. 38, 45-49: a measure in force, one lifted, public criticism of the individual, a credit
    record, a joint punishment notice citing B's fine, and the blacklist (the individual, and a
    company never registered, listed then removed)."""
    registry, exchange = world.founder(identity.REGISTRY_ID), world.founder(identity.EXCHANGE_ID)
    ministry, guangdong = world.founder(identity.MINISTRY_ID), world.province("44")

    def measure(authority: TxBuilder, participant_id: str, kind: int, operations=()) -> pb.SignedTx:
        return authority.tx("impose_measure", pb.ImposeMeasure(
            participant_id=participant_id, type=kind, operations=list(operations), reason=HOSTILE_PURPOSE,
            legal_basis="《全国碳排放权交易管理办法（试行）》第四十五条", case_reference="登记〔2027〕5号"))

    restrict = measure(registry, emitters["pending"].participant_id, pb.MEASURE_TYPE_RESTRICT_TRANSFERS, [pb.RESTRICTED_OPERATION_TRANSFER_OUT])
    suspend = measure(registry, emitters["A"].participant_id, pb.MEASURE_TYPE_SUSPEND_ACCOUNT)
    criticise = measure(exchange, RESIDENT_ID, pb.MEASURE_TYPE_PUBLIC_CRITICISM)
    shell = "91440000MA5FAKE01"
    shell = shell[:17] + identity.uscc_check_char(shell[:17])
    b = emitters["B"].participant_id
    await world.applied(
        restrict, suspend, criticise,
        registry.tx("lift_measure", pb.LiftMeasure(measure_id=signed_tx_id(suspend), reason="review annulled it", case_reference="复议〔2027〕1号")),
        guangdong.tx("record_credit", pb.RecordCredit(participant_id=b, kind=pb.CREDIT_RECORD_KIND_SUPERVISION_RESULT,
                                                      summary="inspection: records incomplete", decision_reference="粤环查〔2027〕4号")),
        guangdong.tx("issue_joint_punishment_notice", pb.IssueJointPunishmentNotice(
            emitter_id=b, recipients=[pb.NOTICE_RECIPIENT_TAXATION, pb.NOTICE_RECIPIENT_FINANCIAL_REGULATION], fine_ids=[fine_id],
            summary="did not surrender in full", reference="粤环通〔2027〕2号")),
        ministry.tx("add_to_blacklist", pb.AddToBlacklist(participant_id=RESIDENT_ID, reason="forged documents", decision_reference="环信〔2027〕1号")),
        ministry.tx("add_to_blacklist", pb.AddToBlacklist(participant_id=shell, name="Shell Carbon Co.", reason="fraud",
                                                          decision_reference="环信〔2027〕2号")),
        ministry.tx("remove_from_blacklist", pb.RemoveFromBlacklist(participant_id=shell, reason="court overturned", decision_reference="环信〔2027〕3号")))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def published(tmp_path_factory):
    running = await start_public_node(tmp_path_factory.mktemp("portal") / "node")
    try:
        emitters, others, certificates = await compliance_year(World(running))
        keys = [builder.key for builder in [*emitters.values(), *others]]
        yield Published(running, running.node.portal.port, emitters, keys, certificates)
    finally:
        await running.stop()


def ledger_compliance(published: Published) -> list[dict[str, str]]:
    """The compliance of YEAR's listed emitters, read from the node's own store."""
    with published.running.node.store.reader() as reader:
        page = public_queries.compliance_of_listed(reader, YEAR, size=100)
    return [{"emitter_id": entry.emitter.participant_id, "status": STATUS_NAMES[entry.record.status],
             "shortfall_tonnes": str(entry.record.shortfall_tonnes), "obligation_tonnes": str(entry.record.obligation_tonnes),
             "surrendered_allowances": str(entry.record.surrendered_allowances)} for entry in page.items]


# -- a real browser --------------------------------------------------------------------------------
def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium not found: `make setup` installs Debian's chromium package for the portal's browser tests")
    return found


async def chromium(tmp_path, *arguments: str) -> str:
    """Run headless Chromium (as a subprocess, so the node keeps serving in this loop): its stdout."""
    process = await asyncio.create_subprocess_exec(
        chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}", *arguments,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(), CHROMIUM_TIMEOUT_S)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError(f"chromium did not finish within {CHROMIUM_TIMEOUT_S} s") from None
    assert process.returncode == 0, err.decode(errors="replace")[-2_000:]
    return out.decode()


async def test_art35_the_compliance_table_a_browser_renders_is_what_the_ledger_holds(published, tmp_path):
    url = f"http://127.0.0.1:{published.port}/compliance?year={YEAR}"
    dom = await chromium(tmp_path, "--dump-dom", url)
    rows, scripts = rendered(dom, "compliance")
    columns = ("emitter_id", "status", "shortfall_tonnes", "obligation_tonnes", "surrendered_allowances")
    assert [{name: row[name] for name in columns} for row in rows] == ledger_compliance(published)
    by_emitter = {row["emitter_id"]: row for row in rows}
    statuses = {status: by_emitter[emitter.participant_id]["status"] for status, emitter in published.emitters.items()}
    assert statuses == {"A": "A", "B": "B", "C": "C", "pending": "pending"}
    assert by_emitter[published.emitters["B"].participant_id]["shortfall_tonnes"] == "20000"  # 30,000 verified, 10,000 surrendered
    assert scripts == 0
    with published.running.node.store.reader() as reader:
        assert f'<strong id="height">{reader.height}</strong>' in dom


async def test_art15_a_browser_shows_a_hostile_beneficiary_as_text_and_runs_nothing(published, tmp_path):
    dom = await chromium(tmp_path, "--dump-dom", f"http://127.0.0.1:{published.port}/cancellations")
    rows, scripts = rendered(dom, "cancellations")
    assert scripts == 0  # the beneficiary's <script> stayed text
    assert [(row["beneficiary"], row["purpose"]) for row in rows][0] == (HOSTILE_BENEFICIARY, HOSTILE_PURPOSE)


async def test_a_browser_screenshot_of_the_compliance_page_is_a_png(published, tmp_path):
    shot = tmp_path / "compliance.png"
    await chromium(tmp_path, "--hide-scrollbars", "--window-size=1280,900", f"--screenshot={shot}",
                   f"http://127.0.0.1:{published.port}/compliance?year={YEAR}")
    image = shot.read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 10_000


async def test_art45_art47_the_measures_a_browser_renders_are_those_in_force_on_the_ledger(published, tmp_path):
    dom = await chromium(tmp_path, "--dump-dom", f"http://127.0.0.1:{published.port}/measures")
    rows, scripts = rendered(dom, "measures")
    with published.running.node.store.reader() as reader:
        time_ms = published.running.node.portal._time_at(reader.height)
        in_force = enforcement_queries.measures(reader, in_force_only=True, time_ms=time_ms, size=100).items
        everything = enforcement_queries.measures(reader, size=100).items
    shown = lambda participant_id: "individual 个人" if participant_id == RESIDENT_ID else participant_id
    assert [(row["measure_id"], row["participant_id"], row["article"], row["restricts"]) for row in rows] == [
        (m.measure_id.hex(), shown(m.participant_id), m.article, ", ".join(pb.RestrictedOperation.Name(o).removeprefix("RESTRICTED_OPERATION_").lower()
                                                                          for o in m.operations)) for m in in_force]
    assert [row["article"] for row in rows] == ["45 (2)", "47 (1)"] and scripts == 0
    assert rows[0]["reason"] == HOSTILE_PURPOSE
    history = json.loads((await fetch_ok(published.port, "/measure-history.json")).text)["rows"]
    assert [(row["measure_id"], row["standing"]) for row in history] == [
        (m.measure_id.hex(), "lifted 已解除" if m.HasField("lift") else "in force 生效") for m in everything]
    assert [row["lifted_by"] for row in history] == ["", "REG", ""]
    (criticism,) = json.loads((await fetch_ok(published.port, "/criticism.json")).text)["rows"]
    assert (criticism["participant_id"], criticism["name"], criticism["authority"]) == ("individual 个人", "", "EXCH")


async def test_art38_art46_art49_penalties_notices_and_the_blacklist_are_published(published):
    credit = json.loads((await fetch_ok(published.port, "/credit-records.json")).text)["rows"]
    assert [(row["entry"], row["participant_id"]) for row in credit] == [("fine 罚款", published.emitters["B"].participant_id),
                                                                          ("record 记录", published.emitters["B"].participant_id)]
    (notice,) = json.loads((await fetch_ok(published.port, "/joint-punishment.json")).text)["rows"]
    assert (notice["fines"], notice["recipients"]) == (credit[0]["id"], "taxation, financial_regulation")
    blacklist = json.loads((await fetch_ok(published.port, "/blacklist.json")).text)["rows"]
    assert sorted((row["name"], row["standing"]) for row in blacklist) == [("", "listed 在列"), ("Shell Carbon Co.", "removed 已移出")]


# -- CSV, JSON and HTML hold the same rows ---------------------------------------------------------
def filters_of(name: str) -> dict[str, str]:
    return {"year": str(YEAR)} if "year" in site.TABLES[name].filters else {}


@pytest.mark.parametrize("name", list(site.TABLES))
async def test_every_tables_csv_holds_exactly_the_rows_and_columns_of_its_json_and_its_html(published, name):
    parameters = filters_of(name)
    as_json = await fetch_ok(published.port, with_query(f"/{name}.json", parameters))
    as_csv = await fetch_ok(published.port, with_query(f"/{name}", {**parameters, "format": "csv"}))
    as_html = await fetch_ok(published.port, with_query(f"/{name}", parameters))
    document = json.loads(as_json.text)
    table = list(csv.reader(io.StringIO(as_csv.text, newline="")))
    assert document["rows"], f"{name}: the test's chain should give every table rows"
    assert table[0] == document["columns"] == [column.name for column in site.TABLES[name].columns]
    assert table[1:] == [[str(row[column]) for column in document["columns"]] for row in document["rows"]]
    html_rows, _ = rendered(as_html.text, name)
    assert html_rows == [{column: str(row[column]) for column in document["columns"]} for row in document["rows"]]
    assert as_csv.headers["content-type"].startswith("text/csv") and "attachment" in as_csv.headers["content-disposition"]
    assert as_json.headers["x-cets-height"] == as_csv.headers["x-cets-height"] == str(document["height"])


async def test_paging_through_a_table_gives_the_whole_table_each_page_bounded(published):
    whole = json.loads((await fetch_ok(published.port, f"/compliance.json?year={YEAR}")).text)["rows"]
    pages, token = [], ""
    for _ in range(len(whole) + 1):
        parameters = {"year": str(YEAR), "size": "1", **({"page": token} if token else {})}
        document = json.loads((await fetch_ok(published.port, with_query("/compliance.json", parameters))).text)
        assert len(document["rows"]) <= 1
        pages += document["rows"]
        token = document["next_page"]
        if not token:
            break
    assert pages == whole and len(whole) == 4


async def test_art35_filters_give_one_status_and_one_province(published):
    only_b = json.loads((await fetch_ok(published.port, f"/compliance.json?year={YEAR}&status=B&province=44")).text)["rows"]
    assert [row["emitter_id"] for row in only_b] == [published.emitters["B"].participant_id]
    assert json.loads((await fetch_ok(published.port, f"/compliance.json?year={YEAR}&province=42")).text)["rows"] == []
    blank = await fetch_ok(published.port, f"/compliance?year={YEAR}&province=&status=")  # what the form sends for "All"
    assert len(rendered(blank.text, "compliance")[0]) == 4


async def test_art15_the_cancellations_table_lists_each_certificate_in_chain_order_an_individual_unnamed(published):
    rows = json.loads((await fetch_ok(published.port, "/cancellations.json")).text)["rows"]
    assert [(row["certificate_id"], row["height"], row["amount_tonnes"]) for row in rows] == [
        (certificate.certificate_id, certificate.height, certificate.amount) for certificate in published.certificates]
    emitter = published.emitters["A"].participant_id
    assert (rows[0]["holder"], rows[0]["beneficiary"]) == (emitter, HOSTILE_BENEFICIARY)
    assert (rows[1]["holder"], rows[1]["holder_name"], rows[1]["beneficiary"]) == ("individual 个人", "", "the holder 持有人本人")
    assert published.certificates[1].beneficiary == RESIDENT_ID  # what the ledger's certificate says, and the portal does not


async def test_art38_43_44_the_fines_table_shows_the_fine_in_yuan(published):
    (row,) = json.loads((await fetch_ok(published.port, f"/fines.json?year={YEAR}")).text)["rows"]
    assert (row["emitter_id"], row["kind"], row["amount_yuan"]) == (published.emitters["B"].participant_id, "non_surrender", "25000.00")


async def test_art35_the_rulebook_table_shows_the_version_in_force_and_the_one_scheduled(published):
    rows = json.loads((await fetch_ok(published.port, "/rulebook.json")).text)["rows"]
    assert [(row["standing"], row["offset_cap_bps"]) for row in rows] == [("in force", 500), ("scheduled", 1_000)]


# -- nothing confidential --------------------------------------------------------------------------
def secrets_of(keys: list[keyfile.KeyFile]) -> dict[str, str]:
    """What must never appear, by what it is: each key's seed, public key and key id, in hex and base64."""
    found = {}
    for key in keys:
        for what, raw in (("seed", key.signer.seed()), ("public key", key.signer.public_key)):
            found[raw.hex()] = f"{key.participant_id} {what} (hex)"
            found[base64.b64encode(raw).decode()] = f"{key.participant_id} {what} (base64)"
        found[key.key_id] = f"{key.participant_id} key id"
    found[RESIDENT_ID] = "an individual's identity number"
    return found


async def every_page(port: int) -> dict[str, str]:
    pages = {"/": (await fetch_ok(port, "/")).text, "/market": (await fetch_ok(port, "/market")).text}
    for name in site.TABLES:
        for suffix in ("", ".csv", ".json"):
            target = with_query(f"/{name}{suffix}", filters_of(name))
            pages[target] = (await fetch_ok(port, target)).text
    return pages


async def test_no_page_holds_key_material_or_an_individuals_identity_number(published):
    forbidden = secrets_of(devnet.dev_keys() + published.keys)
    for target, text in (await every_page(published.port)).items():
        for secret, what in forbidden.items():
            assert secret not in text, f"{target} shows {what}"


async def test_every_answer_carries_the_security_headers_and_a_cache_policy(published):
    for target in ("/", f"/compliance?year={YEAR}", "/gases.csv", "/fines.json", "/style.css", "/nothing", "/compliance?year=x"):
        response = await fetch(published.port, target)
        assert "default-src 'none'" in response.headers["content-security-policy"], target
        assert "script-src" not in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff", target
        assert response.headers["cache-control"] in ("public, max-age=5", "public, max-age=3600", "no-store"), target
        assert response.headers["server"] == "cets"
    assert (await fetch(published.port, "/compliance?year=x")).headers["cache-control"] == "no-store"
