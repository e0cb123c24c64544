"""cets: the permissioned ledger of China's national carbon emissions trading market.

The one import package of the distribution. Its parts live in the repository's top-level folders
and install under this name (pyproject.toml maps them):

- `cets.v1`: the wire contract's generated messages (proto/cets/v1/*.proto);
- `cets.ledger`: the deterministic state machine, chain, proofs and storage (ledger/);
- `cets.exchange`: order books, matching and settlement batches (exchange/);
- `cets.node`: the node process (node/);
- `cets.clients`: the SDK, the `cets` CLI and the auditor (clients/).
"""
