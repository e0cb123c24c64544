"""`cets submit KIND` and the domain commands at the user's level: a real dev node process, the
CLI as a subprocess, key files on disk, exit codes and JSON.

Every kind is submittable from its declaration: generic flags per payload field, a JSON or YAML
file (one payload or a batch), domain commands with friendly flags, a local --dry-run, and usage
errors (exit 2, JSON under --json) that name the field for bad input.
"""

from __future__ import annotations

import base64
import json

import pytest

from cets.ledger import identity
from tests.test_cli import start_node_process

VINTAGE = 2025
PROVINCE = "11"
_BODY = "91110000MA01DBM1H"
EMITTER = _BODY + identity.uscc_check_char(_BODY)
_BODY2 = "91110000MA01DBM2J"
BUYER = _BODY2 + identity.uscc_check_char(_BODY2)


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    running = start_node_process(tmp_path_factory.mktemp("submit"))
    try:
        yield running
    finally:
        running.kill()


def cets_json(node, *args: str):
    completed = node.cets(*args, "--target", node.target, "--keys", str(node.data_dir / "keys"), "--json")
    return completed.returncode, json.loads(completed.stdout) if completed.stdout.strip() else None, completed.stderr


def ok(node, *args: str):
    code, document, stderr = cets_json(node, *args)
    assert code == 0, (args, document, stderr)
    return document


@pytest.fixture(scope="module")
def market(node, tmp_path_factory):
    """Cap and issuance by the ministry, a province's allocation account funded, an emitter registered
    (from a YAML file carrying its new key) and allocated: every step through the CLI."""
    ok(node, "set-cap", "--as", identity.MINISTRY_ID,
       "--vintage", str(VINTAGE), "--cap", "1000000")
    ok(node, "issue", "--as", identity.MINISTRY_ID, "--vintage", str(VINTAGE), "--amount", "10000")
    province_account = identity.province_account_id(PROVINCE)
    ok(node, "submit", "transfer", "--as", identity.MINISTRY_ID, "--from-account", identity.ISSUANCE_ACCOUNT,
       "--to-account", province_account, "--unit.product", "CEA", "--unit.vintage", str(VINTAGE), "--amount", "5000")
    work = tmp_path_factory.mktemp("files")
    registration = work / "register.yaml"
    entries = []
    for participant in (EMITTER, BUYER):
        key = node.cets("key", "new", "--participant", participant, "--dir", str(work), "--json")
        assert key.returncode == 0, key.stderr
        key_document = json.loads(key.stdout)
        entries.append(
            "- kind: register_participant\n  payload:\n    participant_id: " + participant + "\n    role: ROLE_KEY_EMITTER\n"
            "    name: Submit Test " + participant[-4:] + "\n    province: '" + PROVINCE + "'\n    sector: power\n    keys:\n"
            "      - public_key: " + base64.b64encode(bytes.fromhex(key_document["public_key"])).decode() + "\n"
            "        purpose: KEY_PURPOSE_TRANSACTIONS\n")
        if participant == EMITTER:
            emitter_key = key_document
    registration.write_text("".join(entries))
    province = identity.province_id(PROVINCE)
    receipts = ok(node, "submit", "register_participant", "--as", province, "--file", str(registration))
    assert [r["code"] for r in receipts] == ["OK", "OK"]  # a YAML list of two: one batch
    ok(node, "publish-method", "--as", identity.MINISTRY_ID, "--version", "2025-v1", "--document", "ab" * 32,
       "--title", "Submit test method", "--pre-allocation-bps", "7000")
    allocation = work / "allocate.json"
    allocation.write_text(json.dumps({"method_version": "2025-v1", "entries": [{"emitter_id": EMITTER, "vintage": VINTAGE, "amount": 1000}]}))
    ok(node, "submit", "allocate", "--as", province, "--file", str(allocation))
    return {"key_file": emitter_key["path"], "work": work, "province": province}


def test_a_domain_command_transfers_and_its_tx_id_feeds_cets_tx_with_a_proof(node, market):
    receipt = ok(node, "transfer", "--key", market["key_file"], "--from", identity.holding_account_id(EMITTER),
                 "--to", identity.holding_account_id(BUYER), "--vintage", str(VINTAGE), "--amount", "1")
    assert receipt["code"] == "OK" and receipt["height"] > 0
    assert node.query_json("account", identity.holding_account_id(BUYER))["holdings"] == {f"CEA-{VINTAGE}": 1}
    proof = node.query("tx", receipt["tx_id"], "--proof", "--json")
    assert proof.returncode == 0, proof.stderr
    assert json.loads(proof.stdout)["proof"]["verified"] is True


def test_cancel_prints_its_certificate_event(node, market):
    receipt = ok(node, "cancel", "--key", market["key_file"], "--account", identity.holding_account_id(EMITTER),
                 "--vintage", str(VINTAGE), "--amount", "5", "--beneficiary", "Submit Test Foundation", "--purpose", "art. 15 test")
    (event,) = receipt["events"]
    assert event["cancelled"]["amount"] == 5 and event["cancelled"]["unit"] == f"CEA-{VINTAGE}"
    assert event["cancelled"]["certificate_id"] == "CX-" + receipt["tx_id"][:20].upper()
    plain = node.cets("cancel", "--target", node.target, "--key", market["key_file"], "--account", identity.holding_account_id(EMITTER),
                      "--vintage", str(VINTAGE), "--amount", "1")
    assert plain.returncode == 0 and "OK block" in plain.stdout and "cancelled certificate_id=CX-" in plain.stdout


def test_a_file_of_several_payloads_is_one_batch_with_a_receipt_each(node, market):
    batch = market["work"] / "batch.json"
    holding = identity.holding_account_id(EMITTER)
    line = {"from_account": holding, "to_account": identity.holding_account_id(BUYER), "unit": {"product": "PRODUCT_CEA", "vintage": VINTAGE}}
    batch.write_text(json.dumps([{"kind": "transfer", "payload": line | {"amount": 1}, "client_id": "batch-a"},
                                 {"kind": "transfer", "payload": line | {"amount": 999999}, "client_id": "batch-b"}]))
    code, receipts, _ = cets_json(node, "submit", "transfer", "--key", market["key_file"], "--file", str(batch))
    assert code == 1  # one rejection makes the command fail; both receipts are printed
    assert [r["code"] for r in receipts] == ["OK", "INSUFFICIENT_BALANCE"]
    assert all(r["height"] > 0 for r in receipts)  # both judged in a block: the rejection is recorded too


def test_a_rejection_exits_1_with_the_ledgers_reason_and_changes_nothing(node, market):
    before = node.query_json("account", identity.holding_account_id(EMITTER))
    code, document, _ = cets_json(node, "transfer", "--key", market["key_file"], "--from", identity.holding_account_id(EMITTER),
                                  "--to", identity.holding_account_id(BUYER), "--vintage", str(VINTAGE), "--amount", "999999")
    assert code == 1 and document["error"]["reason"] == "INSUFFICIENT_BALANCE"
    assert node.query_json("account", identity.holding_account_id(EMITTER))["holdings"] == before["holdings"]


def test_dry_run_checks_locally_and_sends_nothing(node, market):
    head = node.query_json("head")
    code, document, _ = cets_json(node, "transfer", "--dry-run", "--chain-id", head["chain_id"], "--key", market["key_file"],
                                  "--from", "A", "--to", "B", "--vintage", str(VINTAGE), "--amount", "3")
    assert code == 0 and document["dry_run"] is True
    (tx,) = document["transactions"]
    assert tx["check"] == "OK"
    assert node.query("tx", tx["tx_id"]).returncode == 1  # never sent: unknown to the node
    code, document, _ = cets_json(node, "transfer", "--dry-run", "--chain-id", "another-chain", "--key", market["key_file"],
                                  "--from", "A", "--to", "B", "--vintage", str(VINTAGE), "--amount", "3")
    assert code == 0  # the chain id is the one given: a dry run signs for it
    assert node.query_json("head")["height"] == head["height"]


@pytest.mark.parametrize("args, names", [
    (["submit", "no_such_kind"], "no_such_kind"),
    (["transfer", "--from", "A", "--to", "B", "--vintage", "2025"], "--amount"),
    (["transfer", "--from", "A", "--to", "B", "--vintage", "x", "--amount", "1"], "unit.vintage"),
    (["transfer", "--from", "A", "--to", "B", "--vintage", "2025", "--amount", str(2**63)], "amount"),
    (["submit", "transfer", "--unit.product", "GOLD", "--amount", "1"], "unit.product"),
    (["submit", "transfer"], "transfer"),
], ids=["unknown kind", "missing flag", "not an integer", "past int64", "bad enum", "no fields"])
def test_bad_arguments_are_usage_errors_naming_the_field(node, market, args, names):
    code, document, _ = cets_json(node, *args, "--key", market["key_file"])
    assert code == 2, document
    assert document["error"]["reason"] == "USAGE" and names in document["error"]["message"]


def test_a_payload_file_that_does_not_match_the_kind_is_a_usage_error_naming_the_field(node, market):
    wrong = market["work"] / "wrong.json"
    wrong.write_text(json.dumps({"account_id": "X", "no_such_field": 1}))
    code, document, _ = cets_json(node, "submit", "cancel", "--key", market["key_file"], "--file", str(wrong))
    assert code == 2 and "no_such_field" in document["error"]["message"]
    mixed = market["work"] / "mixed.json"
    mixed.write_text(json.dumps([{"kind": "surrender", "payload": {}}]))
    code, document, _ = cets_json(node, "submit", "cancel", "--key", market["key_file"], "--file", str(mixed))
    assert code == 2 and "kind" in document["error"]["message"]
    broken = market["work"] / "broken.yaml"
    broken.write_text("a: [unclosed\n")
    code, document, _ = cets_json(node, "submit", "cancel", "--key", market["key_file"], "--file", str(broken))
    assert code == 2 and "not YAML" in document["error"]["message"]


def test_a_bad_key_file_is_a_usage_error(node, market):
    bad = market["work"] / "bad.key.json"
    bad.write_text("{}")
    code, document, _ = cets_json(node, "issue", "--key", str(bad), "--vintage", "2025", "--amount", "1")
    assert code == 2 and "key file" in document["error"]["message"]
    code, document, _ = cets_json(node, "issue", "--as", "NOBODY", "--vintage", "2025", "--amount", "1")
    assert code == 2 and "NOBODY" in document["error"]["message"]
    code, document, _ = cets_json(node, "issue", "--vintage", "2025", "--amount", "1")
    assert code == 2 and "--as" in document["error"]["message"]


def test_every_declared_kind_has_a_submit_command(node):
    from cets.ledger.txs import KINDS

    completed = node.cets("submit", "--help")
    assert completed.returncode == 0
    for name in KINDS:
        assert name in completed.stdout


def test_the_registry_recovers_a_participants_key_from_a_file_and_the_old_key_signs_no_more(node, market):
    """RecoverKey has a repeated field (the keys it revokes), so it is submitted from a file; the
    recovery is recorded on both key records, the old key is refused and the new one signs."""
    work = market["work"]
    body = "91110000MA01DBM3L"
    participant = body + identity.uscc_check_char(body)
    old, new, extra = (_new_key(node, participant, work, label) for label in ("lost", "recovered", "extra"))
    registration = work / "register-recoverable.json"
    registration.write_text(json.dumps({"participant_id": participant, "role": "ROLE_KEY_EMITTER", "name": "Recovery Test",
                                        "province": PROVINCE, "sector": "power", "keys": [_key_spec(old)]}))
    assert ok(node, "submit", "register_participant", "--as", market["province"], "--file", str(registration))["code"] == "OK"
    recovery = work / "recover.yaml"
    recovery.write_text(f"participant_id: {participant}\nnew_key:\n  public_key: {_key_spec(new)['public_key']}\n"
                        f"  purpose: KEY_PURPOSE_TRANSACTIONS\nrevoked_key_ids: [{old['key_id']}]\n"
                        "requested_by: legal representative\nreason: key file lost\nreference: CASE-7\n")
    receipt = ok(node, "submit", "recover_key", "--as", identity.REGISTRY_ID, "--file", str(recovery))
    assert receipt["code"] == "OK"
    keys = {k["key_id"]: k for k in node.query_json("participant", participant)["keys"]}
    assert keys[old["key_id"]]["revoked"] is True and keys[old["key_id"]]["revoked_by_recovery"]["reference"] == "CASE-7"
    assert keys[new["key_id"]].get("revoked", False) is False
    assert keys[new["key_id"]]["added_by_recovery"]["recovered_by"] == identity.REGISTRY_ID
    add_extra = ["submit", "add_key", "--participant-id", participant, "--key.public-key", extra["public_key"], "--key.purpose", "TRANSACTIONS"]
    code, document, _ = cets_json(node, *add_extra, "--key", old["path"])
    assert code == 1 and document["error"]["reason"] == "KEY_REVOKED"
    assert ok(node, *add_extra, "--key", new["path"])["code"] == "OK"


def test_recover_key_with_a_field_its_message_lacks_is_a_usage_error_naming_it(node, market):
    wrong = market["work"] / "recover-wrong.json"
    wrong.write_text(json.dumps({"participant_id": EMITTER, "revoked_keys": ["x"]}))
    code, document, _ = cets_json(node, "submit", "recover_key", "--as", identity.REGISTRY_ID, "--file", str(wrong))
    assert code == 2 and document["error"]["reason"] == "USAGE" and "revoked_keys" in document["error"]["message"]


def _new_key(node, participant: str, directory, label: str) -> dict:
    completed = node.cets("key", "new", "--participant", participant, "--dir", str(directory), "--label", label, "--json")
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def _key_spec(key: dict) -> dict:
    return {"public_key": base64.b64encode(bytes.fromhex(key["public_key"])).decode(), "purpose": "KEY_PURPOSE_TRANSACTIONS"}


def test_the_mrv_commands_declare_list_plan_and_report_with_friendly_flags(node, market, tmp_path):
    """Arts. 5, 24, 26: the emitter declares and reports, its province lists it and files its plan,
    each with its domain command; a report of several gases goes as a file."""
    from cets.ledger import calendar
    from cets.clients.builder import now_ms

    year, key = calendar.year_of(now_ms()) - 1, market["key_file"]
    declared = ok(node, "declare-emissions", "--key", key, "--year", str(year), "--total", "30000", "--direct", "28000", "--sector", "power")
    assert declared["events"][0]["emissions_declared"]["total_tonnes"] == 30000
    listed = ok(node, "list-emitter", "--as", market["province"], "--emitter", EMITTER, "--year", str(year), "--basis", "declared")
    assert listed["events"][0]["emitter_listed"]["basis"] == "LISTING_BASIS_DECLARED"
    ok(node, "submit-plan", "--key", key, "--document", "cd" * 32, "--method", "calculation", "--measures-fuel-ncv", "true")
    ok(node, "file-plan", "--as", market["province"], "--emitter", EMITTER, "--version", "1")
    first = ok(node, "report", "--key", key, "--year", str(year), "--gas", "co2", "--kilograms", "30000000", "--total", "30000",
               "--document", "ef" * 32)
    assert first["events"][0]["emission_report_submitted"]["version"] == 1
    amendment = tmp_path / "amendment.json"
    amendment.write_text(json.dumps({"year": year, "gases": [{"gas": "GAS_CO2", "kilograms": 30000000}, {"gas": "GAS_CH4", "kilograms": 18}],
                                     "total_tonnes": 30001, "document_sha256": base64.b64encode(bytes(32)).decode(), "amends_version": 1}))
    assert ok(node, "report", "--key", key, "--file", str(amendment))["events"][0]["emission_report_submitted"]["version"] == 2
    code, document, _ = cets_json(node, "report", "--key", key, "--year", str(year), "--gas", "co2", "--kilograms", "1", "--total", "0",
                                  "--document", "ef" * 32)
    assert code == 1 and document["error"]["reason"] == "REPORT_EXISTS"


def test_the_compliance_commands_close_a_year_and_fine_with_friendly_flags(node, market):
    """Arts. 30, 43-44: the province estimates an emitter's emissions, closes its year and fines it, each with
    its domain command; a fine outside the rulebook's range exits 1 with its reason."""
    from cets.ledger import calendar
    from cets.clients.builder import now_ms

    year = calendar.year_of(now_ms()) - 2  # its surrender deadline (31 December of the year after) has passed
    province = market["province"]
    ok(node, "list-emitter", "--as", province, "--emitter", BUYER, "--year", str(year), "--basis", "forced", "--estimated", "30000")
    estimated = ok(node, "estimate-emissions", "--as", province, "--emitter", BUYER, "--year", str(year), "--tonnes", "30000",
                   "--basis", "capacity times hours")
    assert estimated["events"][0]["emissions_estimated"]["tonnes"] == 30_000
    closed = ok(node, "close-compliance", "--as", province, "--year", str(year), "--emitter", BUYER)
    assert closed["events"][0]["compliance_closed"]["status"] == "COMPLIANCE_STATUS_B"  # nothing surrendered against the estimate
    fined = ok(node, "fine", "--as", province, "--emitter", BUYER, "--year", str(year), "--kind", "non-surrender", "--amount-fen", "2000000",
               "--reference", "BJ-PEN-2026-1")
    assert fined["events"][0]["fine_imposed"]["amount_fen"] == 2_000_000
    code, document, _ = cets_json(node, "fine", "--as", province, "--emitter", BUYER, "--year", str(year), "--kind", "reporting",
                                  "--amount-fen", "1", "--reference", "BJ-PEN-2026-2")
    assert code == 1 and document["error"]["reason"] == "FINE_OUT_OF_RANGE"
