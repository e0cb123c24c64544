"""The node-key changes a light client follows from the genesis (`Chain.ListNodeKeyChanges`).

Which blocks hold a change is read off the key records themselves: every node key of an
institution records the height that added it and, once revoked, the height that revoked it. So
no index is kept, and the scan is small (3 institutions, at most 16 keys each). Each such block is
read, and its transactions that change a node key (`lightclient.is_node_key_change`) with an OK
result are served with their inclusion proofs, in chain order. A node that omitted one would make
a client refuse, not accept (docs/architecture.md, "Light client").
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator

from cets.v1 import messages as pb
from cets.v1 import proofs_pb2
from cets.v1 import services_pb2 as api
from cets.ledger.lightclient import LightClientError, is_node_key_change, tx_body
from cets.ledger.proofs import proven_tx
from cets.ledger.state import State
from cets.ledger.store import Store
from cets.ledger.verify import NODE_ROLES
from cets.node.errors import invalid

PAGE_SIZE_MAX = 100  # each change carries a header, signatures and two audit paths
PAGE_SIZE_DEFAULT = 20
_TOKEN = re.compile(r"([0-9]{1,20})\.([0-9]{1,10})")  # height.index of the last change sent: ASCII digits only

Position = tuple[int, int]


def list_node_key_changes(store: Store, request: api.ListNodeKeyChangesRequest) -> api.ListNodeKeyChangesResponse:
    """One page of the proven node-key changes between the request's heights."""
    size = _page_size(request.page_size)
    after = _decode_token(request.page_token)
    if request.to_height and request.to_height < request.from_height:
        raise invalid("INVALID_FIELD", f"to_height: got {request.to_height}, below from_height {request.from_height}")
    institutions = _institutions(store)
    with store.reader() as reader:
        state = State(reader)
        node_key_ids = _node_key_ids(state, institutions)
        last = min(request.to_height or reader.height, reader.height)
        heights = [height for height in _change_heights(state, node_key_ids) if max(request.from_height, 1) <= height <= last]
    found = itertools.islice(_changes(store, heights, node_key_ids, after), size + 1)
    page = list(found)
    following = page[size - 1][0] if len(page) > size else None
    return api.ListNodeKeyChangesResponse(changes=[change for _, change in page[:size]],
                                          next_page_token=_encode_token(following) if following else "")


def _institutions(store: Store) -> set[str]:
    genesis = pb.Genesis.FromString(store.genesis())
    return {entry.participant.participant_id for entry in genesis.participants if entry.participant.role in NODE_ROLES}


def _node_key_ids(state: State, institutions: set[str]) -> set[str]:
    return {key_id for participant_id in institutions for key_id in state.participant_key_ids(participant_id)
            if state.key(key_id).purpose == pb.KEY_PURPOSE_NODE}


def _change_heights(state: State, node_key_ids: set[str]) -> list[int]:
    heights: set[int] = set()
    for key_id in node_key_ids:
        record = state.key(key_id)
        if record.added_height:  # 0: from the genesis
            heights.add(record.added_height)
        if record.revoked:
            heights.add(record.revoked_height)
    return sorted(heights)


def _changes(store: Store, heights: list[int], node_key_ids: set[str], after: Position | None) -> Iterator[tuple[Position, proofs_pb2.ProvenTx]]:
    for height in heights:
        if after is not None and height < after[0]:
            continue
        block = pb.Block.FromString(store.block(height))
        for index, (raw, result) in enumerate(zip(block.txs, block.results)):
            if (after is not None and (height, index) <= after) or result.code != pb.CODE_OK:
                continue
            try:
                body = tx_body(raw, "block")
            except LightClientError:
                continue  # an applied transaction always reads; this one changed nothing
            if is_node_key_change(body, node_key_ids.__contains__):
                yield (height, index), proven_tx(block, index)


def _page_size(requested: int) -> int:
    if requested > PAGE_SIZE_MAX:
        raise invalid("PAGE_SIZE_TOO_LARGE", f"page_size: got {requested}, want at most {PAGE_SIZE_MAX}")
    return requested or PAGE_SIZE_DEFAULT


def _decode_token(token: str) -> Position | None:
    if not token:
        return None
    match = _TOKEN.fullmatch(token)
    if match is None or _encode_token((int(match.group(1)), int(match.group(2)))) != token:  # no leading zeros either
        raise invalid("PAGE_TOKEN_INVALID", "page_token: not a token this node issued for this listing")
    return int(match.group(1)), int(match.group(2))


def _encode_token(position: Position) -> str:
    return f"{position[0]}.{position[1]}"
