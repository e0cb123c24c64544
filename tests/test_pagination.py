"""Every list is paginated, and a page token is exactly what the node wrote.

ListKeys and ListRulebooks page like the other lists: read one item a page, they give what the
SDK reads in one go, each item once. A token differing from the node's in any byte (padding, the
other base64 alphabet, whitespace, a non-ASCII character, a leading zero) is PAGE_TOKEN_INVALID.
"""

from __future__ import annotations

import base64
import time

import grpc
import pytest

from cets.v1 import messages as pb
from cets.v1 import services_pb2 as api
from cets.clients.sdk import CetsError
from cets.ledger import identity
from cets.ledger.crypto import Signer
from cets.ledger.queries import PageTokenInvalid, decode_token, encode_token
from cets.node.errors import ApiError
from cets.node.services.common import decode_offset_token, encode_offset_token

S = grpc.StatusCode
YEAR_MS = 365 * 86_400_000


async def pages(call, request) -> list:
    """Each page of a list, following the node's tokens."""
    found = []
    while True:
        page = await call(request, timeout=10)
        found.append(page)
        assert page.next_page_token.isascii()
        if not page.next_page_token:
            return found
        request.page_token = page.next_page_token


async def test_list_keys_page_by_page_gives_every_key_once(node, ministry):
    for seed in range(3):
        receipt = await node.client.submit(ministry.add_key(identity.MINISTRY_ID, Signer.from_seed(bytes([seed + 1]) * 32).public_key))
        assert receipt.code == pb.CODE_OK
    everything = await node.client.keys(identity.MINISTRY_ID)
    assert len(everything) >= 4
    found = await pages(node.client.registry.ListKeys, api.ListKeysRequest(participant_id=identity.MINISTRY_ID, page_size=1))
    assert [len(page.keys) for page in found] == [1] * len(everything)
    assert [key for page in found for key in page.keys] == everything
    assert [key.key_id for key in everything] == sorted(key.key_id for key in everything)


async def test_list_rulebooks_page_by_page_gives_every_version_once(node, ministry):
    effective = int(time.time() * 1000) + YEAR_MS
    for offset_ms, note in ((0, "first"), (86_400_000, "second")):
        genesis_rulebook = (await node.client.rulebooks())[0].rulebook
        receipt = await node.client.submit(ministry.set_rulebook(genesis_rulebook, effective + offset_ms, note=note))
        assert receipt.code == pb.CODE_OK
    everything = await node.client.rulebooks()
    assert [version.note for version in everything] == ["genesis", "first", "second"]
    for size in (1, 2):
        found = await pages(node.client.registry.ListRulebooks, api.ListRulebooksRequest(page_size=size))
        assert [version for page in found for version in page.versions] == everything
    assert await node.client.rulebooks(page_size=1) == everything


async def test_a_page_token_of_another_listing_is_refused(node):
    keys_page = await node.client.registry.ListKeys(api.ListKeysRequest(participant_id=identity.REGISTRY_ID, page_size=1), timeout=10)
    assert keys_page.next_page_token
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await node.client.registry.ListRulebooks(api.ListRulebooksRequest(page_token=keys_page.next_page_token), timeout=10)
    refused = CetsError.from_rpc_error(info.value)
    assert (refused.status, refused.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID")


def refused(decode, token) -> bool:
    try:
        decode(token)
    except PageTokenInvalid:
        return True
    except ApiError as error:
        assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID")
        return True
    return False


@pytest.mark.parametrize("key", [b"Pa", b"P\xfb\xff", b"P" + bytes(range(40))], ids=["padded", "other-alphabet", "long"])
def test_a_key_token_is_accepted_only_as_the_node_writes_it(key):
    token = encode_token(key)
    decode = lambda t: decode_token(t, b"P")  # noqa: E731
    assert decode(token) == key
    assert key != b"Pa" or token.endswith("="), token
    variants = {token.rstrip("="), token + "=", token.replace("-", "+").replace("_", "/"), " " + token, token + "\n",
                token[:-1] + "²", token.encode().hex()} - {token}
    assert variants and all(refused(decode, variant) for variant in variants), [v for v in variants if not refused(decode, v)]


def test_an_offset_token_is_accepted_only_as_the_node_writes_it():
    assert [decode_offset_token(encode_offset_token(n)) for n in (0, 1, 10, 999_999_999)] == [0, 1, 10, 999_999_999]
    for token in ("0", "01", "+1", "-1", " 1", "1 ", "1\n", "1_0", "²", "١", "１", "1²", "1000000000"):
        assert refused(decode_offset_token, token), token


async def test_list_evidence_refuses_what_it_never_writes(node):
    for token in ("²", "01", "1\n", "١"):
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await node.client.chain.ListEvidence(api.ListEvidenceRequest(page_token=token), timeout=10)
        error = CetsError.from_rpc_error(info.value)
        assert (error.status, error.reason) == (S.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"), token


def test_base64_of_the_url_safe_alphabet_is_what_the_node_writes():
    assert encode_token(b"P\xfb\xff") == base64.urlsafe_b64encode(b"P\xfb\xff").decode() == "UPv_"
