"""docker-compose.yml against the code it runs: no Docker engine here, so the file is checked
for what can drift without one. Every `cets` command in it must parse with the CLI as it is today,
and the topology must be the one the README describes (three etcd members, three institutional
nodes each naming its own member first and the other two nodes as peers, an auditor's observer
without etcd access), with the etcd limits the nodes rely on."""

from __future__ import annotations

import pathlib

import pytest
import yaml

from cets.clients import cli

COMPOSE = pathlib.Path(__file__).resolve().parents[1] / "docker-compose.yml"
INSTITUTIONS = {"node-mee": "MEE", "node-reg": "REG", "node-exch": "EXCH"}


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def cets_args(service: dict):
    return cli.parser().parse_args(service["command"])


def test_every_cets_command_in_the_file_parses_with_the_cli(services):
    commands = {name: s for name, s in services.items() if s.get("build", {}).get("dockerfile_inline") and "command" in s}
    assert set(commands) >= {"pki", *INSTITUTIONS, "observer"}
    for name, service in commands.items():
        args = cets_args(service)  # argparse exits on an unknown flag or a bad value
        assert args.handler is not None, name


def test_three_nodes_each_with_its_own_etcd_member_first_and_the_others_as_peers(services):
    members = {name for name in services if name.startswith("etcd-")}
    assert members == {"etcd-mee", "etcd-reg", "etcd-exch"}
    for name, institution in INSTITUTIONS.items():
        args = cets_args(services[name])
        assert (args.cluster, args.observer, args.institution) == (True, False, institution)
        etcd = args.etcd.split(",")
        assert etcd[0] == f"etcd-{institution.lower()}:2379" and {e.split(":")[0] for e in etcd} == members
        assert set(args.peers.split(",")) == {f"{other}:7545" for other in INSTITUTIONS if other != name}
        assert args.advertise == f"{name}:7545"


def test_the_observer_follows_the_nodes_over_grpc_without_etcd(services):
    args = cets_args(services["observer"])
    assert args.observer and args.etcd is None
    assert set(args.peers.split(",")) == {f"{name}:7545" for name in INSTITUTIONS}


def test_certificates_name_every_host_the_services_reach_each_other_by(services):
    args = cets_args(services["pki"])
    assert set(args.host) >= {*INSTITUTIONS, "observer", "etcd-mee", "etcd-reg", "etcd-exch"}


def test_etcd_members_keep_the_limits_the_nodes_rely_on():
    flags = yaml.safe_load(COMPOSE.read_text())["x-etcd-flags"]
    assert "--max-request-bytes 1572864" in flags  # node/ordering.py keeps each block under 1.5 MiB
    assert "--snapshot-count 2000" in flags and "--client-cert-auth" in flags and "--peer-client-cert-auth" in flags
