"""What the demo leaves behind, read back from the node: the holdings, each vintage's supply
(conservation), and the compliance table through the Mrv service."""

from __future__ import annotations

import urllib.error
import urllib.request

from cets.clients.demo.figures import NEXT_YEAR, YEAR
from cets.clients.demo.session import GUANGDONG, HUBEI, Cast, Demo
from cets.clients.render import compliance_row, to_dict, unit_text
from cets.ledger import identity


def holdings(demo: Demo, cast: Cast) -> dict[str, dict[str, int]]:
    accounts = [identity.ISSUANCE_ACCOUNT, identity.RESERVE_ACCOUNT, identity.province_account_id(GUANGDONG),
                identity.province_account_id(HUBEI), *(cast.account(name) for name in "ABCD"), cast.fund_account()]
    return {account: {unit_text(h.unit): h.amount for h in demo.client.holdings(account)} for account in accounts}


def compliance_table(demo: Demo, cast: Cast) -> list[dict]:
    """The year's compliance table of Guangdong (ListCompliance), this run's emitters, with what
    each one's next allocation withheld (GetEmitterYear's deduction)."""
    names = {cast.id(name): name for name in "ABC"}
    rows = []
    for record in demo.client.compliance(YEAR, province=GUANGDONG):
        if record.emitter_id in names:
            deduction = demo.client.emitter_year(record.emitter_id, YEAR).deduction
            rows.append({"name": names[record.emitter_id], **compliance_row(record), "withheld_next_year": deduction.withheld_tonnes})
    return sorted(rows, key=lambda row: row["name"])


def collect(demo: Demo, cast: Cast) -> dict:
    return {
        "holdings": holdings(demo, cast),
        "supply": [to_dict(demo.client.supply(vintage)) for vintage in (YEAR, NEXT_YEAR)],
        "compliance": compliance_table(demo, cast),
        "head_height": demo.client.head().height,
    }


DEV_PORTAL_PORT = 7546  # `make run` serves the public portal there (--public 127.0.0.1:7546)


def default_portal(target: str) -> str:
    """Where the dev node's public portal is, beside its gRPC target: the same host, port 7546."""
    host = target.rsplit(":", 1)[0] if ":" in target else target
    return f"http://{host}:{DEV_PORTAL_PORT}/"


def portal(url: str) -> dict:
    """Whether the public portal answers at `url` (one GET, a short timeout): the demo says where
    to look only if something is there."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return {"url": url, "reachable": response.status == 200}
    except (urllib.error.URLError, OSError, ValueError):
        return {"url": url, "reachable": False}


def show(document: dict) -> None:
    print("\nfinal holdings:")
    names = {identity.holding_account_id(emitter_id): name for name, emitter_id in document["emitters"].items()}
    for account_id, units in document["holdings"].items():
        print(f"  {names.get(account_id, ' ')} {account_id:32} {', '.join(f'{u} {n:,}' for u, n in units.items()) or '-'}")
    print()
    for supply in document["supply"]:
        print(f"vintage {supply['vintage']}: cap {supply['cap']:,}, issued {supply['issued']:,}, surrendered {supply['surrendered']:,}, "
              f"cancelled {supply['cancelled']:,}")
    print(f"cancellation certificate {document['certificate_id']}; chain head at height {document['head_height']}")
    print(f"\ncompliance table {YEAR}, Guangdong (read through the Mrv service):")
    print(f"  {'emitter':23} {'obligation':>10} {'basis':9} {'allowances':>10} {'CCERs':>7} {'status':6} {'shortfall':>9} "
          f"{f'withheld {NEXT_YEAR}':>13}")
    for row in document["compliance"]:
        print(f"  {row['name']} {row['emitter_id']:21} {row['obligation']:>10,} {row['basis']:9} {row['allowances']:>10,} {row['ccers']:>7,} "
              f"{row['status']:6} {row['shortfall']:>9,} {row['withheld_next_year']:>13,}")
    portal_view = document["portal"]
    if portal_view["reachable"]:
        print(f"\npublic portal (no credentials): {portal_view['url']} - the compliance table, measures, the blacklist, "
              f"cancellations; each table as CSV and JSON")
    else:
        print(f"\nno public portal answers at {portal_view['url']}: start the node with --public HOST:PORT "
              f"(make run does) or give cets demo --portal URL")
