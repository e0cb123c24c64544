"""The ministry schedules new versions of the market's rulebook (DESIGN §2: parameters are data
with an effective date, set by a signed transaction of the authority that owns them).

A version takes effect at a block time: every block at or after `effective_ms` is judged under it
(`ledger.machine.execute_block` reads `State.rulebook_at(block time)`), so replicas and auditors
agree on which rules judged each transaction. Versions are never edited: a new one must take
effect after this block and after every version scheduled so far.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import calendar, limits
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_text
from cets.ledger.txs.kind import TxKind
from cets.ledger.txs.market.sessions import trading_rules_problem


VINTAGE_LIMIT = limits.vintage_year_max
BASIS_POINTS = 10_000

def rulebook_problem(rulebook: pb.Rulebook) -> str:
    """What makes `rulebook` unusable (field: problem), or "" if nothing does."""
    if not 0 < rulebook.amount_max <= limits.unit_supply_max:
        return f"amount_max: got {rulebook.amount_max}, want 1..{limits.unit_supply_max}"
    if not 0 < rulebook.vintage_min <= rulebook.vintage_max <= VINTAGE_LIMIT:
        return f"vintage_min..vintage_max: got {rulebook.vintage_min}..{rulebook.vintage_max}, want 1 <= min <= max <= {VINTAGE_LIMIT}"
    if rulebook.offset_cap_bps > BASIS_POINTS:
        return f"offset_cap_bps: got {rulebook.offset_cap_bps}, want at most {BASIS_POINTS}"
    if rulebook.emitter_threshold_tonnes <= 0:
        return f"emitter_threshold_tonnes: got {rulebook.emitter_threshold_tonnes}, want more than 0"
    for name in ("reporting", "surrender"):
        low, high = getattr(rulebook, f"{name}_fine_min_fen"), getattr(rulebook, f"{name}_fine_max_fen")
        if not 0 <= low <= high:
            return f"{name}_fine_min_fen..{name}_fine_max_fen: got {low}..{high}, want 0 <= min <= max"
    if rulebook.created_window_ms < 0:
        return f"created_window_ms: got {rulebook.created_window_ms}, want 0 (unchecked) or more"
    return _mrv_problem(rulebook)


def _mrv_problem(rulebook: pb.Rulebook) -> str:
    """The MRV parameters: deadlines, appeal windows, the gases' potentials, the vintage rules."""
    for name in ("report_due", "surrender_due"):
        problem = calendar.year_day_problem(getattr(rulebook, name))
        if problem:
            return f"{name}.{problem}"
    for name in ("appeal_window_days", "appeal_decision_days"):
        if not 0 < getattr(rulebook, name) <= 366:
            return f"{name}: got {getattr(rulebook, name)}, want 1..366"
    gases = [potential.gas for potential in rulebook.global_warming_potentials]
    if sorted(gases) != sorted(value for value in pb.Gas.values() if value != pb.GAS_UNSPECIFIED):
        return "global_warming_potentials: want each gas of art. 50 exactly once"
    for index, potential in enumerate(rulebook.global_warming_potentials):
        if not 0 < potential.gwp <= 100_000:
            return f"global_warming_potentials[{index}].gwp: got {potential.gwp}, want 1..100000"
    for index, rule in enumerate(rulebook.surrender_vintages):
        if not (rule.compliance_year_min <= rule.compliance_year_max and rule.vintage_min <= rule.vintage_max <= rule.compliance_year_max):
            return f"surrender_vintages[{index}]: want compliance_year_min <= max and vintage_min <= vintage_max <= the years covered"
    if rulebook.offset_cap_basis not in pb.OffsetCapBasis.values() or rulebook.threshold_basis not in pb.ThresholdBasis.values():
        return "offset_cap_basis, threshold_basis: not known values"
    return _protection_problem(rulebook)


def _protection_problem(rulebook: pb.Rulebook) -> str:
    """The account protections' delays and cap (EU Union Registry; DESIGN §8)."""
    for name in ("trusted_account_delay_ms", "untrusted_transfer_delay_ms"):
        if not 0 <= getattr(rulebook, name) <= limits.protection_delay_ms_max:
            return f"{name}: got {getattr(rulebook, name)}, want 0..{limits.protection_delay_ms_max}"
    if not 0 <= rulebook.untrusted_transfer_tonnes_max <= limits.unit_supply_max:
        return f"untrusted_transfer_tonnes_max: got {rulebook.untrusted_transfer_tonnes_max}, want 0 (no cap)..{limits.unit_supply_max}"
    if rulebook.query_auth_window_blocks > limits.query_auth_window_blocks_max:  # supervision queries (arts. 32-34)
        return f"query_auth_window_blocks: got {rulebook.query_auth_window_blocks}, want 0 (default)..{limits.query_auth_window_blocks_max}"
    return trading_rules_problem(rulebook)


def set_rulebook(ctx: TxContext, payload: pb.SetRulebook) -> None:
    if not payload.HasField("rulebook"):
        raise Rejection(pb.CODE_MISSING_FIELD, "rulebook: missing")
    problem = rulebook_problem(payload.rulebook)
    if problem:
        raise Rejection(pb.CODE_INVALID_FIELD, f"rulebook.{problem}")
    if not ctx.time_ms < payload.effective_ms <= ctx.time_ms + limits.rulebook_lead_ms_max:
        raise Rejection(pb.CODE_INVALID_FIELD, f"effective_ms: got {payload.effective_ms}, want after this block's time {ctx.time_ms} "
                                               f"and at most {limits.rulebook_lead_ms_max} ms after it")
    scheduled = ctx.state.rulebook_versions()
    if len(scheduled) >= limits.rulebook_version_count_max:
        raise Rejection(pb.CODE_TOO_LARGE, f"rulebook: {len(scheduled)} versions scheduled already, at most {limits.rulebook_version_count_max}")
    if scheduled and payload.effective_ms <= scheduled[-1].effective_ms:
        raise Rejection(pb.CODE_INVALID_FIELD,
                        f"effective_ms: got {payload.effective_ms}, want after the last version scheduled ({scheduled[-1].effective_ms})")
    require_text("note", payload.note, limits.text_chars_max, required=False)
    used = ctx.state.vintages_in_use()
    if used and not payload.rulebook.vintage_min <= min(used) <= max(used) <= payload.rulebook.vintage_max:
        # Narrowing the range past a vintage with a cap or units would freeze those units.
        raise Rejection(pb.CODE_INVALID_FIELD, f"rulebook.vintage_min..vintage_max: got {payload.rulebook.vintage_min}.."
                                               f"{payload.rulebook.vintage_max}, vintages {min(used)}..{max(used)} have caps or units")
    ctx.state.put_rulebook_version(pb.RulebookVersion(effective_ms=payload.effective_ms, rulebook=payload.rulebook,
                                                      set_height=ctx.height, note=payload.note))
    ctx.emit(rulebook_set=pb.RulebookSet(effective_ms=payload.effective_ms))


KINDS = (
    TxKind(name="set_rulebook", domain="registry", handler=set_rulebook, signers=frozenset({pb.ROLE_MINISTRY}),
           articles=("5", "31", "43", "44"),
           summary="Schedule a new version of the market's rulebook, effective from a later block time (the ministry)."),
)
