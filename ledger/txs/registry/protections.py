"""Account protections, from the EU Union Registry (added after the 2010-11 phishing thefts; DESIGN §8).

An account's holder may keep a **trusted list** of destination accounts and set a **policy**:
- `hold_untrusted`: a transfer to an account outside the trusted list is held for the rulebook's
  `untrusted_transfer_delay_ms` (EU: 26 hours) before anyone may release it, the holder may cancel
  it meanwhile (`held.py`), and it may not exceed `untrusted_transfer_tonnes_max` (0: no cap);
- `four_eyes`: transfers out, trusted-list changes, policy changes and the holder's own key
  changes need two of the holder's transactions keys to sign (the EU's two representatives).

Protections are opt-in per account: an account whose holder never set any (`Account.protected`
false, no record) is unprotected and its transfers take the bare path, reading nothing more. Delays run on block time, never a clock:
- an addition to the trusted list counts from the rulebook's `trusted_account_delay_ms` after its
  block (EU: four working days; here 4 x 24 h by default), a removal at once;
- a policy change that turns a protection off waits the same delay (turning it off is as good as
  trusting everyone), one that turns a protection on takes effect at once. Each is stored as the
  policy in force plus a scheduled one, and `policy_at` reads which applies at a block's time, so
  no block has to sweep anything.

Turning four eyes on is itself signed by two keys (the two representatives it will need from then
on; one key alone could otherwise lock its holder out); while it is on, every policy change is.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import authz, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_account, require_enum, require_holder, require_operation
from cets.ledger.txs.kind import Cli, TxKind


def protection_of(ctx: TxContext, account: pb.Account) -> pb.AccountProtection | None:
    """The account's protection record; None for an unprotected account (the bare path: no read)."""
    return t.PROTECTIONS.get(ctx.state, account.account_id) if account.protected else None


def _save(ctx: TxContext, account: pb.Account, protection: pb.AccountProtection) -> None:
    t.PROTECTIONS.put(ctx.state, protection, account.account_id)
    if not account.protected:
        account.protected = True  # from now on its transfers read the record
        ctx.state.put_account(account)


def policy_at(protection: pb.AccountProtection, time_ms: int) -> pb.ProtectionPolicy:
    """The policy in force at a block's time: a scheduled loosening once its time has come."""
    if protection.scheduled_ms and time_ms >= protection.scheduled_ms:
        return protection.scheduled_policy
    return protection.policy


def require_two_signatures(ctx: TxContext, name: str, why: str) -> None:
    if ctx.signature_count < 2:
        raise Rejection(pb.CODE_FOUR_EYES_REQUIRED, f"{name}: {why}: want two of the holder's transactions keys to sign, "
                                                    f"got {ctx.signature_count}")


def require_four_eyes(ctx: TxContext, name: str, protection: pb.AccountProtection | None) -> None:
    """EU Union Registry: an act on a four-eyes account is approved by a second representative."""
    if protection is not None and policy_at(protection, ctx.time_ms).four_eyes:
        require_two_signatures(ctx, name, f"{protection.account_id!r} has a four-eyes policy")


def four_eyes_in_force(ctx: TxContext, account_id: str) -> bool:
    account = ctx.state.account(account_id) if account_id else None
    protection = protection_of(ctx, account) if account is not None else None
    return protection is not None and policy_at(protection, ctx.time_ms).four_eyes


def is_trusted(ctx: TxContext, account_id: str, destination_id: str) -> bool:
    entry = t.TRUSTED_ACCOUNTS.get(ctx.state, account_id, destination_id)
    return entry is not None and entry.effective_ms <= ctx.time_ms


def must_hold(ctx: TxContext, name: str, protection: pb.AccountProtection, destination_id: str, amount: int) -> bool:
    """Whether a transfer of `amount` to `destination_id` is held; refuses one above the cap for
    untrusted destinations, or one more than an account may have held."""
    if not policy_at(protection, ctx.time_ms).hold_untrusted or is_trusted(ctx, protection.account_id, destination_id):
        return False
    cap = ctx.rulebook.untrusted_transfer_tonnes_max
    if cap and amount > cap:
        raise Rejection(pb.CODE_UNTRUSTED_TRANSFER_CAP_EXCEEDED,
                        f"{name}: got {amount}, want at most {cap} to {destination_id!r}, outside the trusted list of {protection.account_id!r}")
    if not ctx.rulebook.untrusted_transfer_delay_ms:
        return False  # the rulebook holds nothing: capped, then executed at once
    if protection.held_count >= limits.held_transfer_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"from_account: {protection.held_count} transfers held already, at most {limits.held_transfer_count_max}")
    return True


def _holders_account(ctx: TxContext, account_id: str) -> tuple[pb.Account, pb.AccountProtection]:
    """The signer's own account that units may leave, with its protection record (a new one if none),
    after the four-eyes check of the policy in force."""
    account = require_account(ctx, "account_id", account_id)
    require_holder(ctx, "account_id", account)
    require_operation("account_id", account, authz.Operation.TRANSFER_OUT)
    protection = protection_of(ctx, account)
    require_four_eyes(ctx, "account_id", protection)
    return account, protection or pb.AccountProtection(account_id=account.account_id)


def set_trusted_account(ctx: TxContext, payload: pb.SetTrustedAccount) -> None:
    """An addition counts after the rulebook's delay (EU: four working days), a removal at once."""
    account, protection = _holders_account(ctx, payload.account_id)
    require_enum("change", payload.change, pb.TrustedListChange)
    trusted = require_account(ctx, "trusted_account_id", payload.trusted_account_id)
    if trusted.account_id == account.account_id:
        raise Rejection(pb.CODE_INVALID_FIELD, "trusted_account_id: equals account_id")
    entry = t.TRUSTED_ACCOUNTS.get(ctx.state, account.account_id, trusted.account_id)
    effective_ms = 0
    if payload.change == pb.TRUSTED_LIST_CHANGE_ADD:
        if entry is not None:
            raise Rejection(pb.CODE_TRUSTED_ACCOUNT_EXISTS, f"trusted_account_id: {trusted.account_id!r} is listed, effective at {entry.effective_ms}")
        if protection.trusted_count >= limits.trusted_account_count_max:
            raise Rejection(pb.CODE_TOO_LARGE, f"account_id: {protection.trusted_count} trusted accounts already, at most {limits.trusted_account_count_max}")
        effective_ms = ctx.time_ms + ctx.rulebook.trusted_account_delay_ms
        t.TRUSTED_ACCOUNTS.put(ctx.state, pb.TrustedAccount(account_id=account.account_id, trusted_account_id=trusted.account_id,
                                                            effective_ms=effective_ms, added_height=ctx.height),
                               account.account_id, trusted.account_id)
        protection.trusted_count += 1
    else:
        if entry is None:
            raise Rejection(pb.CODE_TRUSTED_ACCOUNT_UNKNOWN, f"trusted_account_id: {trusted.account_id!r} is not on the list of {account.account_id!r}")
        t.TRUSTED_ACCOUNTS.delete(ctx.state, account.account_id, trusted.account_id)
        protection.trusted_count -= 1
    _save(ctx, account, protection)
    ctx.emit(trusted_account_set=pb.TrustedAccountSet(account_id=account.account_id, trusted_account_id=trusted.account_id,
                                                      change=payload.change, effective_ms=effective_ms))


def set_account_policy(ctx: TxContext, payload: pb.SetAccountPolicy) -> None:
    """Every protection either the policy in force or the new one has applies at once; what was
    asked for applies alone after the rulebook's delay when it turns a protection off."""
    account, protection = _holders_account(ctx, payload.account_id)
    current = policy_at(protection, ctx.time_ms)
    wanted = pb.ProtectionPolicy(hold_untrusted=payload.hold_untrusted, four_eyes=payload.four_eyes)
    if wanted.four_eyes and not current.four_eyes:
        require_two_signatures(ctx, "four_eyes", "turning four eyes on")  # the two representatives it will need
    now = pb.ProtectionPolicy(hold_untrusted=current.hold_untrusted or wanted.hold_untrusted, four_eyes=current.four_eyes or wanted.four_eyes)
    delay = ctx.rulebook.trusted_account_delay_ms
    protection.ClearField("scheduled_policy")
    protection.scheduled_ms = 0
    effective_ms = ctx.time_ms
    if now != wanted and delay:
        protection.scheduled_policy.CopyFrom(wanted)
        protection.scheduled_ms = effective_ms = ctx.time_ms + delay
    else:
        now = wanted
    protection.policy.CopyFrom(now)
    protection.set_height = ctx.height
    _save(ctx, account, protection)
    ctx.emit(account_policy_set=pb.AccountPolicySet(account_id=account.account_id, policy=wanted, effective_ms=effective_ms))


_EU = "EU Union Registry; DESIGN §8"

KINDS = (
    TxKind(name="set_trusted_account", domain="registry", handler=set_trusted_account, signers=authz.HOLDERS, articles=(),
           summary=f"Add an account to the holder's trusted list (in force after the rulebook's delay) or remove one at once ({_EU}).",
           cli=Cli(command="trust", help="add an account to a trusted list, or remove one (--change remove)",
                   flags={"account": "account_id", "trusted": "trusted_account_id", "change": "change"},
                   fixed={"change": "TRUSTED_LIST_CHANGE_ADD"}, optional=frozenset({"change"}))),
    TxKind(name="set_account_policy", domain="registry", handler=set_account_policy, signers=authz.HOLDERS, articles=(),
           summary=f"Set an account's protections: hold transfers outside its trusted list, four eyes; turning one off waits the delay ({_EU}).",
           cli=Cli(command="protect", help="set an account's protection policy",
                   flags={"account": "account_id", "hold-untrusted": "hold_untrusted", "four-eyes": "four_eyes"},
                   optional=frozenset({"hold-untrusted", "four-eyes"}))),
)
