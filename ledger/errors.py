"""Typed errors of the ledger.

A `Rejection` is a business verdict with a stable code: it is recorded as a transaction's result,
identically on every replica. A `ChainError` is a verification failure of a block or chain: the
node halts on it and the auditor reports it with the height. Programmer errors are assertions.
"""

from __future__ import annotations

from cets.v1 import messages as pb


class Rejection(Exception):
    """A transaction breaks a rule; `code` is a `cets.v1.Code` value."""

    def __init__(self, code: int, detail: str = "") -> None:
        super().__init__(f"{pb.Code.Name(code)}: {detail}" if detail else pb.Code.Name(code))
        self.code = code
        self.detail = detail

    @property
    def reason(self) -> str:
        return pb.Code.Name(self.code)


class ChainError(Exception):
    """A block does not verify; `height` names the first bad block."""

    def __init__(self, height: int, what: str) -> None:
        super().__init__(f"block {height}: {what}")
        self.height = height
        self.what = what
