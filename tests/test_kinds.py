"""Every transaction kind declares itself once, and everything else is collected from those
declarations: the dispatch table, the signer roles, the CLI's domain commands and the docs'
article map. Adding a kind is: its proto message, its module (handler and declaration), its tests."""

from __future__ import annotations

import pathlib
import re

import pytest

from cets.v1 import messages as pb
from cets.ledger import machine, txs
from cets.ledger.txs.kind import DOMAIN_FIELD_RANGES

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAYLOAD_FIELDS = {field.name: field for field in pb.TxBody.DESCRIPTOR.oneofs_by_name["payload"].fields}


def test_every_payload_of_the_proto_has_a_declaration_and_every_declaration_a_payload():
    assert sorted(txs.KINDS) == sorted(PAYLOAD_FIELDS)


def test_the_dispatch_and_signer_tables_come_from_the_declarations():
    assert dict(txs.HANDLERS) == {name: kind.handler for name, kind in txs.KINDS.items()}
    assert dict(txs.SIGNER_ROLES) == {name: kind.signers for name, kind in txs.KINDS.items()}
    assert sorted(machine.PAYLOAD_KINDS) == sorted(txs.KINDS)


@pytest.mark.parametrize("name", sorted(PAYLOAD_FIELDS))
def test_each_kind_lives_in_its_domain_and_its_field_number_in_the_domain_range(name):
    kind = txs.KINDS[name]
    assert kind.handler.__module__.startswith(f"cets.ledger.txs.{kind.domain}."), kind.handler.__module__
    assert PAYLOAD_FIELDS[name].number in DOMAIN_FIELD_RANGES[kind.domain]


@pytest.mark.parametrize("name", sorted(PAYLOAD_FIELDS))
def test_each_declaration_is_complete(name):
    kind = txs.KINDS[name]
    assert kind.name == name and callable(kind.handler)
    assert (kind.signers or kind.anonymous_signer) and kind.signers <= set(pb.Role.values()) - {pb.ROLE_UNSPECIFIED}
    assert kind.summary and kind.summary.endswith((".", ")"))
    assert all(re.fullmatch(r"\d+(-\d+)?", article) for article in kind.articles), kind.articles
    field = PAYLOAD_FIELDS[name]
    assert field.message_type is not None and field.message_type.file.package == "cets.v1"


def _resolve(message_descriptor, path: str):
    """The field a CLI path ("unit.vintage", "items[].amount") names, or an AssertionError."""
    descriptor = message_descriptor
    field = None
    for step in path.split("."):
        repeated = step.endswith("[]")
        field = descriptor.fields_by_name.get(step.removesuffix("[]"))
        assert field is not None, f"{path}: no field {step!r} in {descriptor.full_name}"
        assert repeated == field.is_repeated, f"{path}: {step} is {'not ' if not repeated else ''}repeated"
        descriptor = field.message_type
    return field


@pytest.mark.parametrize("name", sorted(name for name, kind in txs.KINDS.items() if kind.cli))
def test_each_cli_surface_names_real_payload_fields(name):
    kind = txs.KINDS[name]
    payload = PAYLOAD_FIELDS[name].message_type
    for path in [*kind.cli.flags.values(), *kind.cli.fixed]:
        _resolve(payload, path)
    commands = [k.cli.command for k in txs.KINDS.values() if k.cli]
    assert len(commands) == len(set(commands))


def test_the_docs_kind_and_article_maps_are_the_ones_the_declarations_and_tests_generate():
    from cets.clients import docgen

    text = (ROOT / "docs" / "regulation.md").read_text()
    for begin, end, generate in ((docgen.ARTICLE_MAP_BEGIN, docgen.ARTICLE_MAP_END, docgen.kind_map),
                                 (docgen.ARTICLE_TESTS_BEGIN, docgen.ARTICLE_TESTS_END, docgen.article_map)):
        start, stop = text.index(begin), text.index(end)
        assert text[start + len(begin):stop].strip() == generate().strip(), \
            "docs/regulation.md is stale: run `python -m cets.clients.docgen --write`"


def test_every_article_of_the_mrv_issue_has_code_and_tests():
    """Issue 8: arts. 5, 7, 10, 24-31, 42-44 and 50 each have a kind that implements it (or the
    coverage table names where it lives) and tests named after it."""
    from cets.clients import docgen

    tests = docgen.article_tests()
    for article in (5, 7, 10, 24, 25, 26, 27, 28, 29, 30, 31, 42, 43, 44, 50):
        assert tests.get(article), f"art. {article}: no test is named after it (test_art{article}_...)"
