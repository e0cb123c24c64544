"""`cets tip ...` (art. 40) and `cets pki issue` from the command line, against a `cets node run --dev` process."""

from __future__ import annotations

import json

import pytest

from cets.ledger import identity
from tests.test_cli import run_cets, start_node_process

pytestmark = pytest.mark.timeout(180)

GUANGDONG = identity.province_id("44")


@pytest.fixture(scope="module")
def cli_node(tmp_path_factory):
    node = start_node_process(tmp_path_factory.mktemp("tips"))
    try:
        yield node
    finally:
        node.kill()


def test_art40_report_through_the_cli_keygen_intake_file_handle_answer_show_open(cli_node, tmp_path):
    intake = tmp_path / "guangdong.intake"
    made = cli_node.cets("tip", "keygen", "--out", str(intake), "--json")
    assert made.returncode == 0, made.stderr
    assert len(json.loads(made.stdout)["public_key"]) == 64
    assert cli_node.cets("tip", "keygen", "--out", str(intake)).returncode == 2  # never overwritten

    assert cli_node.query("tip", "intake", "--as", GUANGDONG, "--intake", str(intake)).returncode == 0
    filed = cli_node.query_json("tip", "file", "--authority", GUANGDONG, "--subject", "a cement plant in Foshan",
                                "--category", "data_fraud", "--identity", "李娜 Li Na", "--contact", "+86 138 0000 0000",
                                "--details", "Kiln fuel records rewritten.")
    tip_id = filed["tip_id"]
    assert cli_node.query("tip", "handle", tip_id, "--as", GUANGDONG, "--note", "Records requested.").returncode == 0
    assert cli_node.query("tip", "answer", tip_id, "--as", GUANGDONG, "--answer", "Confirmed and fined.").returncode == 0

    shown = cli_node.query_json("tip", "show", tip_id)
    assert shown["status"] == "TIP_STATUS_ANSWERED" and shown["answer"] == "Confirmed and fined."
    listed = cli_node.query("tip", "list", "--authority", GUANGDONG)
    assert tip_id in listed.stdout and "Li Na" not in listed.stdout and "answered" in listed.stdout

    opened = cli_node.query_json("tip", "open", tip_id, "--as", GUANGDONG, "--intake", str(intake))
    assert (opened["identity"], opened["contact"]) == ("李娜 Li Na", "+86 138 0000 0000")
    refused = cli_node.query("tip", "open", tip_id, "--as", identity.province_id("42"), "--intake", str(intake), "--json")
    assert refused.returncode == 1 and json.loads(refused.stdout)["error"]["reason"] == "TIP_NOT_HANDLER"


def test_pki_issue_writes_a_participant_certificate_and_refuses_an_unknown_role(tmp_path):
    assert run_cets(tmp_path, "pki", "dev", "--out", str(tmp_path / "pki")).returncode == 0
    issued = run_cets(tmp_path, "pki", "issue", "--pki", str(tmp_path / "pki"), "--participant", GUANGDONG, "--role", "province",
                      "--out", str(tmp_path / "certs"), "--json")
    assert issued.returncode == 0, issued.stderr
    document = json.loads(issued.stdout)
    assert document["issuer"] == identity.MINISTRY_ID and (tmp_path / "certs" / f"{GUANGDONG}.pem").is_file()
    wrong = run_cets(tmp_path, "pki", "issue", "--pki", str(tmp_path / "pki"), "--participant", GUANGDONG, "--role", "ministry",
                     "--out", str(tmp_path / "certs"))
    assert wrong.returncode == 2 and "unknown participant role" in wrong.stderr
