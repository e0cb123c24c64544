"""Walking a compliance year in a minute, honestly: rulebook versions signed by the ministry.

The node stamps each block with its wall clock, and the ledger judges every transaction under the
rulebook version in force at its block's time (`State.rulebook_at`). On the draft's calendar the
demo's 2025 reports were due by 31 March 2026 and its surrenders are due by 31 December 2026: from
April to December 2026 one deadline has passed and the other has not, and neither moves within a
minute. Rather than forging block times, the ministry schedules rulebook versions that move the
deadlines, each in force from a couple of seconds after it is signed: one reopens reporting (A and
B report on time), one puts both deadlines behind (C is late and can be estimated, the province
can close the year), and the last restores the draft's calendar. The chain keeps every version
with its effective time, so an auditor replaying the blocks judges each transaction as the node did.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from cets.v1 import messages as pb
from cets.clients.builder import now_ms
from cets.clients.demo.figures import YEAR
from cets.clients.demo.session import Cast, Demo
from cets.ledger import calendar

LEAD_MS = 2_000  # a version takes effect this long after it is signed
WAIT_MARGIN_S = 10.0  # the wait for a version gives up this long after its effective time
POLL_S = 0.05
CHINA = datetime.timezone(datetime.timedelta(milliseconds=calendar.CHINA_OFFSET_MS))


def china_time(time_ms: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(time_ms / 1000, CHINA)


def clock_text(time_ms: int) -> str:
    return f"{china_time(time_ms):%H:%M:%S}.{time_ms % 1000:03d}"


def year_day(date: datetime.date) -> pb.YearDay:
    """`date` as a deadline of compliance year YEAR."""
    return pb.YearDay(year_offset=date.year - YEAR, month=date.month, day=date.day)


def due_text(due: pb.YearDay) -> str:
    return f"{YEAR + due.year_offset}-{due.month:02d}-{due.day:02d}"


def earlier(first: pb.YearDay, second: pb.YearDay) -> pb.YearDay:
    return min(first, second, key=lambda due: calendar.deadline_ms(YEAR, due))


def later(first: pb.YearDay, second: pb.YearDay) -> pb.YearDay:
    return max(first, second, key=lambda due: calendar.deadline_ms(YEAR, due))


@dataclass
class Deadlines:
    """The ministry's rulebook versions of this run; each copies `base` but for the two deadlines."""

    demo: Demo
    cast: Cast
    base: pb.Rulebook  # in force when the demo starts
    draft: pb.Rulebook  # the genesis rulebook: the draft's calendar
    scheduled: list[dict] = field(default_factory=list)

    @classmethod
    def read(cls, demo: Demo, cast: Cast) -> "Deadlines":
        versions = demo.client.rulebooks()  # the genesis rulebook first (effective 0), then by effective time
        now = now_ms()
        base = [version for version in versions if version.effective_ms <= now][-1].rulebook
        return cls(demo, cast, base, versions[0].rulebook)

    def explain(self) -> None:
        now = now_ms()
        report, surrender = self.draft.report_due, self.draft.surrender_due

        def when(due: pb.YearDay) -> str:
            return f"{due_text(due)} ({'passed' if now >= calendar.deadline_ms(YEAR, due) else 'still to come'})"

        self.demo.say(f"The node stamps blocks with its wall clock: today is {china_time(now).date()} in China. On the draft's calendar")
        self.demo.say(f"the {YEAR} reports are due by {when(report)} and the surrenders by {when(surrender)}.")
        self.demo.say("To walk the whole year now, the ministry signs rulebook versions that move those two deadlines,")
        self.demo.say(f"each in force {LEAD_MS // 1000} s after it is signed. Every transaction is judged under the version in force at its")
        self.demo.say("block's time, and an auditor replaying the chain judges it the same way.")

    def schedule(self, title: str, report_due: pb.YearDay, surrender_due: pb.YearDay, wait: bool = True) -> None:
        rulebook = pb.Rulebook()
        rulebook.CopyFrom(self.base)
        rulebook.report_due.CopyFrom(report_due)
        rulebook.surrender_due.CopyFrom(surrender_due)
        effective_ms = now_ms() + LEAD_MS
        note = f"demo {self.cast.run}: {YEAR} reports due by {due_text(report_due)}, surrenders by {due_text(surrender_due)}"
        receipt = self.demo.step(f"ministry schedules a rulebook version: {title}", self.cast.ministry.set_rulebook(rulebook, effective_ms, note=note))
        self.scheduled.append({"title": title, "effective_ms": effective_ms, "report_due": due_text(report_due),
                               "surrender_due": due_text(surrender_due), "tx_id": receipt.tx_id.hex()})
        if wait:
            self.wait_in_force(title, effective_ms)

    def wait_in_force(self, title: str, effective_ms: int) -> None:
        """A bounded poll until a block stamped now falls under the version: the node stamps blocks
        with the wall clock this client reads, so once it has passed the effective time, every next
        block is judged under the version (the steps after check what it changed)."""
        started = time.monotonic()
        give_up = started + max(0, effective_ms - now_ms()) / 1000 + WAIT_MARGIN_S
        while now_ms() <= effective_ms:
            if time.monotonic() > give_up:
                raise self.demo.failed(title, f"the clock did not pass {effective_ms} ms within {WAIT_MARGIN_S} s of it")
            time.sleep(POLL_S)
        self.demo.say(f"waited {time.monotonic() - started:.1f} s: blocks from now on are stamped after {clock_text(effective_ms)} "
                      "China time, under this version")

    def open_reporting(self) -> None:
        """Reports of YEAR due a week from today, surrenders not before the draft's date."""
        today = china_time(now_ms()).date()
        report_due = year_day(today + datetime.timedelta(days=7))
        self.explain()
        self.schedule(f"{YEAR} reports due by {due_text(report_due)}", report_due,
                      later(self.draft.surrender_due, year_day(today + datetime.timedelta(days=14))))

    def pass_deadlines(self) -> None:
        """Both deadlines behind: reports back to the draft's date (or yesterday, if that is still
        to come), surrenders due by yesterday."""
        yesterday = year_day(china_time(now_ms()).date() - datetime.timedelta(days=1))
        report_due = earlier(self.draft.report_due, yesterday)
        self.schedule(f"{YEAR} reports due by {due_text(report_due)}, surrenders by {due_text(yesterday)}: both passed",
                      report_due, yesterday)

    def restore(self) -> None:
        """The draft's calendar again, for whatever the node does next (nothing to wait for)."""
        self.schedule("the draft's calendar again", self.draft.report_due, self.draft.surrender_due, wait=False)
