"""Whistle-blowing (art. 40): a report is filed, handled and answered, and the reporter stays
known to the handling authority alone.

The chain is read by every node and every auditor, so the reporter may appear nowhere on it in
clear. Three things see to that:
- the authority (the ministry or a province) first sets an X25519 **intake key** (`set_tip_intake`);
- the reporter's client seals its identity, contact and account of the facts to that key
  (X25519 + HKDF-SHA256 + ChaCha20-Poly1305, cets.clients.sealing): the ledger stores the sealed
  bytes and never opens them, and never draws the randomness sealing needs;
- the report is signed by a fresh **one-time Ed25519 key** carried in the report itself
  (`reporter_key`), under the signer name "tip-" + its key id: a self-certifying signer that is
  no participant, accepted for this kind only (`anonymous_signer`, called by ledger/machine.py at
  admission, in blocks and in the auditor's replay). The key id is the report's id, so one key
  files one report and nothing links two reports of one reporter.

The authority records handling steps and answers, publicly; the public record (`Tip`) holds the
id, authority, subject, category, status, steps and answer, never the sealed envelope, which is
kept apart (`SEALED_TIPS`) and served to the handling authority only.

Bounds: the sealed envelope at most `SEALED_BYTES_MAX`, at most `limits`-style counts of reports
per block (`BLOCK_TIPS_MAX`, refused beyond with TIP_RATE_EXCEEDED) and of steps per report.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import crypto, limits
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_enum
from cets.ledger.txs.kind import TxKind

SIGNER_PREFIX = "tip-"
INTAKE_KEY_BYTES = 32  # X25519
SEAL_OVERHEAD_BYTES = 32 + 16  # the ephemeral X25519 public key, and the AEAD tag
SEALED_BYTES_MAX = 4096
SUBJECT_CHARS_MAX = limits.name_chars_max
NOTE_CHARS_MAX = limits.text_chars_max
ANSWER_CHARS_MAX = 2000
BLOCK_TIPS_MAX = 16  # reports one block takes: an anonymous signer costs nothing to make
TIP_STEPS_MAX = 32
AUTHORITY_ROLES = frozenset({pb.ROLE_MINISTRY, pb.ROLE_PROVINCE})


def reporter_signer_name(reporter_key: bytes) -> str:
    return SIGNER_PREFIX + crypto.key_id(reporter_key)


def reporter_signer(state, tx) -> pb.Participant:
    """The self-certifying signer of a report: one signature, by the key the report carries, under
    the name that key gives; a key nobody registered. A participant without a role."""
    payload = tx.body.file_tip
    if len(payload.reporter_key) != crypto.PUBLIC_KEY_BYTES:
        raise Rejection(pb.CODE_TIP_REPORTER_KEY_INVALID, f"file_tip.reporter_key: got {len(payload.reporter_key)} bytes, want {crypto.PUBLIC_KEY_BYTES}")
    key_id = crypto.key_id(payload.reporter_key)
    if tx.body.signer != SIGNER_PREFIX + key_id:
        raise Rejection(pb.CODE_TIP_REPORTER_KEY_INVALID, f"signer: got {tx.body.signer!r}, want {SIGNER_PREFIX + key_id!r} (the reporter key's)")
    if len(tx.envelope.signatures) != 1 or tx.envelope.signatures[0].key_id != key_id:
        raise Rejection(pb.CODE_TIP_REPORTER_KEY_INVALID, f"signatures: want exactly one, by the reporter key {key_id}")
    if state.key(key_id) is not None:
        raise Rejection(pb.CODE_TIP_REPORTER_KEY_INVALID, "file_tip.reporter_key: a registered key; a report is signed by a fresh one-time key")
    if not tx.signatures_verified and not crypto.verify(payload.reporter_key, tx.envelope.signatures[0].signature, crypto.TX_DOMAIN + tx.envelope.body):
        raise Rejection(pb.CODE_SIGNATURE_INVALID, f"signatures[0]: does not verify with the reporter key {key_id}")
    return pb.Participant(participant_id=tx.body.signer, role=pb.ROLE_UNSPECIFIED)


def _require_size(name: str, size: int, size_max: int, unit: str = "characters") -> None:
    if size > size_max:
        raise Rejection(pb.CODE_TIP_TOO_LARGE, f"{name}: got {size} {unit}, want at most {size_max}")


def _require_present(name: str, value) -> None:
    if not value:
        raise Rejection(pb.CODE_MISSING_FIELD, f"{name}: missing")


# -- set_tip_intake ------------------------------------------------------------------------------
def set_tip_intake(ctx: TxContext, payload: pb.SetTipIntake) -> None:
    key = payload.public_key
    if len(key) != INTAKE_KEY_BYTES or key == bytes(INTAKE_KEY_BYTES):
        raise Rejection(pb.CODE_TIP_INTAKE_KEY_INVALID, f"public_key: got {len(key)} bytes, want a {INTAKE_KEY_BYTES}-byte X25519 public key")
    authority = ctx.signer.participant_id
    previous = t.TIP_INTAKES.get(ctx.state, authority)
    version = (previous.version if previous is not None else 0) + 1
    t.TIP_INTAKES.put(ctx.state, pb.TipIntake(authority=authority, public_key=key, height=ctx.height, version=version), authority)
    ctx.emit(tip_intake_set=pb.TipIntakeSet(authority=authority, version=version))


# -- file_tip ------------------------------------------------------------------------------------
def _require_authority(ctx: TxContext, authority_id: str) -> pb.TipIntake:
    _require_present("authority", authority_id)
    authority = ctx.state.participant(authority_id) if len(authority_id) <= limits.id_chars_max else None
    if authority is None or authority.role not in AUTHORITY_ROLES:
        raise Rejection(pb.CODE_TIP_AUTHORITY_UNKNOWN, f"authority: {authority_id[:limits.id_chars_max]!r} is neither the ministry nor a province")
    intake = t.TIP_INTAKES.get(ctx.state, authority_id)
    if intake is None:
        raise Rejection(pb.CODE_TIP_INTAKE_KEY_MISSING, f"authority: {authority_id!r} has set no intake key")
    return intake


def _check_report(payload: pb.FileTip, intake: pb.TipIntake) -> None:
    _require_present("subject", payload.subject)
    _require_size("subject", len(payload.subject), SUBJECT_CHARS_MAX)
    require_enum("category", payload.category, pb.TipCategory)
    _require_size("sealed", len(payload.sealed), SEALED_BYTES_MAX, "bytes")
    if len(payload.sealed) <= SEAL_OVERHEAD_BYTES:
        raise Rejection(pb.CODE_INVALID_FIELD, f"sealed: got {len(payload.sealed)} bytes, want more than {SEAL_OVERHEAD_BYTES} (key and tag)")
    if payload.intake_key != intake.public_key:
        raise Rejection(pb.CODE_TIP_INTAKE_KEY_STALE, f"intake_key: not {intake.authority!r}'s key in force (version {intake.version}): seal again")


def file_tip(ctx: TxContext, payload: pb.FileTip) -> None:
    """Art. 40: anyone reports; the report is public but for who filed it."""
    intake = _require_authority(ctx, payload.authority)
    _check_report(payload, intake)
    tip_id = crypto.key_id(payload.reporter_key)  # reporter_signer checked the key
    if t.TIPS.get(ctx.state, tip_id) is not None:
        raise Rejection(pb.CODE_TIP_EXISTS, f"reporter_key: filed report {tip_id} already; a key files one report")
    filed_here = t.TIP_BLOCK_COUNTS.get(ctx.state, ctx.height, default=0)
    if filed_here >= BLOCK_TIPS_MAX:
        raise Rejection(pb.CODE_TIP_RATE_EXCEEDED, f"block: holds {filed_here} reports already, at most {BLOCK_TIPS_MAX}")

    t.TIPS.put(ctx.state, pb.Tip(tip_id=tip_id, authority=payload.authority, subject=payload.subject, category=payload.category,
                                 status=pb.TIP_STATUS_FILED, filed_height=ctx.height, filed_ms=ctx.time_ms), tip_id)
    t.SEALED_TIPS.put(ctx.state, pb.SealedTip(tip_id=tip_id, authority=payload.authority, intake_key=payload.intake_key,
                                              reporter_key=payload.reporter_key, sealed=payload.sealed), tip_id)
    t.TIPS_BY_AUTHORITY.put(ctx.state, b"", payload.authority, tip_id)
    t.TIP_BLOCK_COUNTS.put(ctx.state, filed_here + 1, ctx.height)
    ctx.emit(tip_filed=pb.TipFiled(tip_id=tip_id, authority=payload.authority))


# -- handle_tip, answer_tip ----------------------------------------------------------------------
def _handled_tip(ctx: TxContext, tip_id: str) -> pb.Tip:
    """The report, open, and the signer its handling authority."""
    _require_present("tip_id", tip_id)
    tip = t.TIPS.get(ctx.state, tip_id) if len(tip_id) == crypto.KEY_ID_HEX_CHARS else None
    if tip is None:
        raise Rejection(pb.CODE_TIP_UNKNOWN, f"tip_id: no report {tip_id[:crypto.KEY_ID_HEX_CHARS + 8]!r}")
    if tip.authority != ctx.signer.participant_id:
        raise Rejection(pb.CODE_TIP_NOT_HANDLER, f"tip_id: filed to {tip.authority!r}, not the signer")
    if tip.status == pb.TIP_STATUS_ANSWERED:
        raise Rejection(pb.CODE_TIP_ANSWERED, f"tip_id: answered at height {tip.answered_height}")
    return tip


def handle_tip(ctx: TxContext, payload: pb.HandleTip) -> None:
    tip = _handled_tip(ctx, payload.tip_id)
    _require_present("note", payload.note)
    _require_size("note", len(payload.note), NOTE_CHARS_MAX)
    if len(tip.steps) >= TIP_STEPS_MAX:
        raise Rejection(pb.CODE_TIP_STEPS_FULL, f"tip_id: {len(tip.steps)} steps recorded, at most {TIP_STEPS_MAX}: answer it")
    tip.steps.append(pb.TipStep(height=ctx.height, time_ms=ctx.time_ms, note=payload.note))
    tip.status = pb.TIP_STATUS_IN_HANDLING
    t.TIPS.put(ctx.state, tip, tip.tip_id)
    ctx.emit(tip_handled=pb.TipHandled(tip_id=tip.tip_id, step_count=len(tip.steps)))


def answer_tip(ctx: TxContext, payload: pb.AnswerTip) -> None:
    tip = _handled_tip(ctx, payload.tip_id)
    _require_present("answer", payload.answer)
    _require_size("answer", len(payload.answer), ANSWER_CHARS_MAX)
    tip.status = pb.TIP_STATUS_ANSWERED
    tip.answer = payload.answer
    tip.answered_height = ctx.height
    tip.answered_ms = ctx.time_ms
    t.TIPS.put(ctx.state, tip, tip.tip_id)
    ctx.emit(tip_answered=pb.TipAnswered(tip_id=tip.tip_id))


KINDS = (
    TxKind(name="set_tip_intake", domain="supervision", handler=set_tip_intake, signers=AUTHORITY_ROLES, articles=("40",),
           summary="The ministry or a province sets the X25519 key that reports to it are sealed to (a new key for new reports)."),
    TxKind(name="file_tip", domain="supervision", handler=file_tip, signers=frozenset(), articles=("40",),
           summary="Anyone reports wrongdoing to the ministry or a province, signed by a one-time key, the reporter sealed to the authority.",
           anonymous_signer=reporter_signer),
    TxKind(name="handle_tip", domain="supervision", handler=handle_tip, signers=AUTHORITY_ROLES, articles=("40",),
           summary="The handling authority records a step of its handling of a report."),
    TxKind(name="answer_tip", domain="supervision", handler=answer_tip, signers=AUTHORITY_ROLES, articles=("40",),
           summary="The handling authority answers a report, publicly and for good."),
)
