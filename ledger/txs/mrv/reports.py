"""Annual emission reports (arts. 26, 50): signed by the emitter for a year that has ended, with
the quantity of each greenhouse gas and the total in whole tCO2e; amendments are new versions.

The total is the rulebook's arithmetic, in integers only: tCO2e = Σ kilograms × GWP / 1000,
rounded half up to whole tonnes (`tonnes_co2e`); the emitter states it and the ledger refuses a
report whose total differs (`TOTAL_MISMATCH`), so the figure the verifier checks is the one every
replica computes. A first report amends nothing (`amends_version` 0); an amendment names the
latest version and supersedes it. A report at or after the rulebook's deadline
(`report_due`, the draft: 31 March of the next year) is accepted and marked late.
"""

from __future__ import annotations

from cets.v1 import messages as pb
from cets.ledger import calendar, versions
from cets.ledger import tables as t
from cets.ledger.errors import Rejection
from cets.ledger.txs.common import TxContext, require_enum, require_vintage
from cets.ledger.txs.kind import Cli, TxKind
from cets.ledger.txs.mrv.fields import require_not_negative_at_most, require_sha256, require_year_ended
from cets.ledger.txs.mrv.listing import is_listed

_GAS_COUNT = len(pb.Gas.values()) - 1  # the seven gases of art. 50, each at most once


def tonnes_co2e(gases, rulebook: pb.Rulebook) -> int:
    """Art. 50: Σ kilograms × GWP (kg CO2e per kg) / 1000, rounded half up to whole tonnes.

    Every quantity is a non-negative integer, so half up is `(kilograms CO2e + 500) // 1000`."""
    potentials = {potential.gas: potential.gwp for potential in rulebook.global_warming_potentials}
    kilograms_co2e = sum(line.kilograms * potentials[line.gas] for line in gases)
    return (kilograms_co2e + 500) // 1000


def _check_gases(ctx: TxContext, gases) -> None:
    if not gases:
        raise Rejection(pb.CODE_MISSING_FIELD, "gases: missing")
    if len(gases) > _GAS_COUNT:
        raise Rejection(pb.CODE_TOO_LARGE, f"gases: got {len(gases)}, want at most {_GAS_COUNT}, each gas once")
    kilograms_max = ctx.rulebook.amount_max * 1000  # the largest line the rulebook admits, in kilograms
    seen: set[int] = set()
    for index, line in enumerate(gases):
        require_enum(f"gases[{index}].gas", line.gas, pb.Gas)
        if line.gas in seen:
            raise Rejection(pb.CODE_INVALID_FIELD, f"gases[{index}].gas: {pb.Gas.Name(line.gas)} is listed twice, want each gas at most once")
        seen.add(line.gas)
        require_not_negative_at_most(f"gases[{index}].kilograms", line.kilograms, kilograms_max)


def _require_next_version(payload: pb.SubmitEmissionReport, latest: pb.EmissionReport | None) -> None:
    if payload.amends_version == 0:
        if latest is not None:
            raise Rejection(pb.CODE_REPORT_EXISTS, f"amends_version: got 0, but version {latest.version} of {payload.year} exists; "
                                                   "an amendment names the version it amends")
    elif latest is None or payload.amends_version != latest.version:
        want = f"the latest, {latest.version}" if latest is not None else "0 (no report of the year yet)"
        raise Rejection(pb.CODE_NOT_LATEST_VERSION, f"amends_version: got {payload.amends_version}, want {want}")


def submit_emission_report(ctx: TxContext, payload: pb.SubmitEmissionReport) -> None:
    """Arts. 26, 50: a listed emitter reports a year that has ended; late after the deadline."""
    emitter_id = ctx.signer.participant_id
    require_vintage("year", payload.year, ctx.rulebook)
    require_year_ended(ctx, "year", payload.year)
    if is_listed(ctx.state, emitter_id, payload.year) is None:
        raise Rejection(pb.CODE_NOT_LISTED, f"year: {emitter_id!r} is not on the key-emitter list for {payload.year} (art. 5)")
    _check_gases(ctx, payload.gases)
    require_sha256("document_sha256", payload.document_sha256)
    computed = tonnes_co2e(payload.gases, ctx.rulebook)
    if payload.total_tonnes != computed:
        raise Rejection(pb.CODE_TOTAL_MISMATCH, f"total_tonnes: got {payload.total_tonnes}, want {computed} "
                                                "(Σ kilograms × the rulebook's potentials / 1000, rounded half up, art. 50)")
    latest = versions.latest(t.REPORTS, ctx.state, emitter_id, payload.year)
    _require_next_version(payload, latest)

    if latest is not None:
        latest.superseded = True
        t.REPORTS.put(ctx.state, latest, emitter_id, payload.year, latest.version)
    version = latest.version + 1 if latest is not None else 1
    late = ctx.time_ms >= calendar.deadline_ms(payload.year, ctx.rulebook.report_due)  # art. 26
    report = pb.EmissionReport(emitter_id=emitter_id, year=payload.year, version=version, report=payload, late=late, tx_id=ctx.tx_id,
                               submitted_ms=ctx.time_ms)
    t.REPORTS.put(ctx.state, report, emitter_id, payload.year, version)
    ctx.emit(emission_report_submitted=pb.EmissionReportSubmitted(emitter_id=emitter_id, year=payload.year, version=version,
                                                                  total_tonnes=payload.total_tonnes, late=late))


KINDS = (
    TxKind(name="submit_emission_report", domain="mrv", handler=submit_emission_report, signers=frozenset({pb.ROLE_KEY_EMITTER}),
           articles=("26", "50"),
           summary="A listed emitter reports a year's emissions per gas and their total in tCO2e; an amendment is a new version (late ones marked).",
           cli=Cli(command="report", help="report a year's emissions, one gas by flags (several gases: --file)",
                   flags={"year": "year", "gas": "gases[].gas", "kilograms": "gases[].kilograms", "total": "total_tonnes",
                          "document": "document_sha256", "amends": "amends_version"},
                   optional=frozenset({"amends"}))),
)
