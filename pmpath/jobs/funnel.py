"""The job-search funnel, from stage histories. Plain data in, plain data out; no Django.

Definitions (the Jobs page shows them to the person too):

- The *path* is the stages a search moves forward through: the open stages in the person's
  order, then the won stages. Closed ("lost") stages are exits off the path.
- An application *reached* a stage on the path when it was ever in that stage or in any later
  one: skipping Screening straight to Interviewing still passed Screening. So the counts never
  grow along the path, and moving back later does not undo what was reached.
- *Conversion* of a path stage is the share of those that reached it which also reached the
  next stage on the path.
- *Days in stage* is, per application, the total time of its stays in a stage that have ended
  (it moved on); the median is over applications. Stays still going are not counted, so a
  stage nobody has left yet has no median.
- An application was *sent* when it reached the second stage of the path (Applied in the
  default pipeline) or has an applied date. A sent application *got a response* when it
  reached the stage after that (Screening) or later, or was moved to a rejection stage (the
  caller says which closed stages mean "the company said no"; Withdrawn is the candidate's own
  choice, not a response).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median

DAY = 86_400.0
NO_SOURCE = "(not recorded)"


@dataclass(frozen=True)
class StageInfo:
    id: int
    name: str
    outcome: str  # "open" | "won" | "lost"


@dataclass(slots=True)
class Move:
    stage_id: int
    at: float  # seconds since the epoch (a number, so 20,000 moves read fast)


@dataclass(slots=True)
class Journey:
    """One application: its moves in time order (the first one is where it started)."""

    application_id: int
    moves: Sequence[Move]
    current_stage_id: int
    source: str = ""
    applied: bool = False  # it has an applied date


@dataclass(frozen=True)
class StageRow:
    stage: StageInfo
    on_path: bool
    reached: int  # path stages: reached it or later; closed stages: ever moved into it
    now: int  # in this stage at the moment
    next_stage: StageInfo | None = None
    conversion: float | None = None  # to next_stage; None when nothing reached this stage
    median_days: float | None = None
    stays: int = 0  # applications whose stay(s) here have ended


@dataclass(frozen=True)
class SourceRow:
    source: str
    sent: int
    responded: int

    @property
    def rate(self) -> float | None:
        return self.responded / self.sent if self.sent else None


@dataclass
class Funnel:
    stages: list[StageRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    applications: int = 0
    sent: int = 0
    responded: int = 0
    applied_stage: StageInfo | None = None
    response_stage: StageInfo | None = None
    rejection_stages: list[StageInfo] = field(default_factory=list)

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.sent if self.sent else None


def compute(
    stages: Sequence[StageInfo],
    journeys: Iterable[Journey],
    *,
    rejection_stage_ids: Iterable[int] = (),
) -> Funnel:
    """The funnel over `stages` (in the person's order) for every journey. Moves into stages
    not in `stages` are ignored; a journey without moves counts as being in its current stage."""
    path = [s for s in stages if s.outcome == "open"] + [s for s in stages if s.outcome == "won"]
    where = {s.id: i for i, s in enumerate(path)}
    known = {s.id for s in stages}
    rejections = {i for i in rejection_stage_ids if i in known and i not in where}
    applied_at = 1 if len(path) > 1 else 0
    response_at = applied_at + 1

    furthest_count = [0] * (len(path) + 1)  # how many journeys got at most this far
    entered = dict.fromkeys(known, 0)  # closed stages: ever moved into
    now = dict.fromkeys(known, 0)
    days: dict[int, list[float]] = {s.id: [] for s in stages}  # per application, ended stays
    by_source: dict[str, list[int]] = {}  # key -> [sent, responded]
    names: dict[str, str] = {}
    total = sent_total = responded_total = 0

    source_keys: dict[str, str] = {}  # raw source -> grouping key, computed once each
    for journey in journeys:
        total += 1
        current = journey.current_stage_id
        if current in now:
            now[current] += 1
        moves = journey.moves
        if not moves:
            moves = (Move(current, 0.0),)
        furthest = -1
        rejected = False
        exits: set[int] = set()
        stays: dict[int, float] = {}
        previous: Move | None = None
        for move in moves:
            stage_id = move.stage_id
            if stage_id not in known:
                continue
            position = where.get(stage_id)
            if position is None:
                exits.add(stage_id)
            elif position > furthest:
                furthest = position
            if previous is not None:
                # Several stays in one stage add up to one figure for the application.
                ended = previous.stage_id
                stays[ended] = stays.get(ended, 0.0) + max(move.at - previous.at, 0.0)
            previous = move
        furthest_count[furthest + 1] += 1
        for stage_id, seconds in stays.items():
            days[stage_id].append(seconds / DAY)
        for stage_id in exits:
            entered[stage_id] += 1
            rejected = rejected or stage_id in rejections

        sent = furthest >= applied_at or journey.applied
        if not sent:
            continue
        responded = furthest >= response_at or rejected
        key = source_keys.get(journey.source)
        if key is None:
            shown = " ".join(journey.source.split())
            key = source_keys[journey.source] = shown.casefold()
            names.setdefault(key, shown or NO_SOURCE)
        counts = by_source.setdefault(key, [0, 0])
        counts[0] += 1
        counts[1] += int(responded)
        sent_total += 1
        responded_total += int(responded)

    # reached[i] = journeys whose furthest path position is i or more
    reached = [0] * len(path)
    running = 0
    for i in range(len(path) - 1, -1, -1):
        running += furthest_count[i + 1]
        reached[i] = running

    rows: list[StageRow] = []
    for stage in stages:
        times = days[stage.id]
        median_days = round(median(times), 1) if times and stage.outcome == "open" else None
        position = where.get(stage.id)
        if position is None:
            rows.append(StageRow(stage, False, entered[stage.id], now[stage.id], median_days=None))
            continue
        following = path[position + 1] if position + 1 < len(path) else None
        conversion = None
        if following is not None and reached[position]:
            conversion = reached[position + 1] / reached[position]
        rows.append(
            StageRow(
                stage,
                True,
                reached[position],
                now[stage.id],
                next_stage=following,
                conversion=conversion,
                median_days=median_days,
                stays=len(times) if stage.outcome == "open" else 0,
            )
        )
    sources = sorted(
        (SourceRow(names[key], sent, responded) for key, (sent, responded) in by_source.items()),
        key=lambda row: (-row.sent, row.source.casefold()),
    )
    return Funnel(
        stages=rows,
        sources=sources,
        applications=total,
        sent=sent_total,
        responded=responded_total,
        applied_stage=path[applied_at] if path else None,
        response_stage=path[response_at] if response_at < len(path) else None,
        rejection_stages=[s for s in stages if s.id in rejections],
    )
