"""The ticket aggregate: every command checks the whole request first, then changes the ticket and records
its events. A refused command raises `DomainError` and leaves the ticket exactly as it was.

Error kinds, in the order they are checked: `forbidden` when the actor may not touch this ticket at all
(an admin, staff of another municipality) or is not among those the table names; `conflict` when the
ticket's state does not allow the change (not in the table, wrong command, a window not open); `invalid`
when the request lacks what the change needs (a note, the original's id, a rating from 1 to 5).
The transition is checked before the actor, so "what is possible from here" is answered first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NoReturn

from cityfix_contracts import DomainError, DomainEvent, Point
from cityfix_contracts.events.tickets import (
    OPEN_STATUSES,
    FeedbackSubmitted,
    Priority,
    SlaBreached,
    StatusChanged,
    SupportAdded,
    TicketAssigned,
    TicketCreated,
    TicketFollowed,
    TicketReopened,
    TicketStatus,
    TicketUnassigned,
    TicketUnfollowed,
)

from .actors import Actor
from .lifecycle import DEFAULT_POLICY, TRANSITIONS, LifecyclePolicy, Transition, Via, Who, next_statuses
from .sla import CALENDAR_HOURS, WorkingTime, sla_due_at

MAX_DESCRIPTION = 4000
MAX_NOTE = 4000
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
# The system actor that assigns a category's default operator when a ticket is reported.
DEFAULT_OPERATOR_JOB = "category_default_operator"

Answers = dict[str, str | int | float | bool]


def _forbidden(code: str, message: str, **details: Any) -> NoReturn:
    raise DomainError("forbidden", code, message, details)


def _conflict(code: str, message: str, **details: Any) -> NoReturn:
    raise DomainError("conflict", code, message, details)


def _invalid(code: str, message: str, **details: Any) -> NoReturn:
    raise DomainError("invalid", code, message, details)


def _clean(text: str | None) -> str | None:
    """Blank text counts as none: a note of spaces is no note."""
    if text is None or not text.strip():
        return None
    return text.strip()


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the domain needs timezone-aware times; pass the injected clock's UTC now")
    return now


def _checked_text(text: str | None, what: str, limit: int) -> str | None:
    text = _clean(text)
    if text is not None and len(text) > limit:
        _invalid(f"{what}_too_long", f"The {what} has {len(text)} characters; shorten it to at most {limit}.")
    if text is not None and _HTML_TAG.search(text):
        _invalid(f"{what}_has_html", f"The {what} contains HTML tags; send plain text only.")
    return text


@dataclass(frozen=True)
class CategoryTerms:
    """What a report takes from its category (kept locally from CategoryChanged)."""

    id: str
    sla_hours: float | None = None
    default_priority: Priority = "normal"


@dataclass(frozen=True)
class AssignedOperator:
    """An operator of the ticket's municipality, as the service knows them from staff events.

    The handler resolves it and refuses unknown operators or operators of another municipality.
    """

    id: str
    name: str


@dataclass(frozen=True)
class HistoryEntry:
    """One change of status: who made it, from what to what, why, and when."""

    actor: Actor
    from_: TicketStatus
    to: TicketStatus
    note: str | None
    at: datetime


@dataclass(frozen=True)
class Feedback:
    """The reporter's rating of one resolution (the ticket's `resolution`-th, counting from 1)."""

    resolution: int
    rating: int
    comment: str | None
    at: datetime


@dataclass(eq=False)
class Ticket:
    id: str
    reference: str
    municipality_id: str
    category_id: str
    reporter_id: str | None
    description: str
    location: Point
    created_at: datetime
    status: TicketStatus = "received"
    priority: Priority = "normal"
    assigned_operator_id: str | None = None
    assigned_operator_name: str | None = None
    address: str | None = None
    answers: Answers = field(default_factory=dict)
    photo_ids: tuple[str, ...] = ()
    due_at: datetime | None = None
    resolved_at: datetime | None = None
    duplicate_of: str | None = None
    sla_breached_at: datetime | None = None
    """When the ticket was recorded as having passed its `due_at` while open (once per ticket)."""
    followers: set[str] = field(default_factory=set)
    supporters: set[str] = field(default_factory=set)
    feedback: list[Feedback] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    version: int = 0
    """The sequence of the last event this ticket recorded (0 before its first)."""
    events: list[DomainEvent] = field(default_factory=list, repr=False)
    """Events recorded since the ticket was loaded, not yet handed to the outbox."""

    # ---- creation ---------------------------------------------------------------------------------

    @classmethod
    def report(
        cls,
        *,
        ticket_id: str,
        reference: str,
        municipality_id: str,
        category: CategoryTerms,
        actor: Actor,
        description: str,
        location: Point,
        now: datetime,
        reporter_id: str | None = None,
        address: str | None = None,
        answers: Answers | None = None,
        photo_ids: tuple[str, ...] = (),
        default_operator: AssignedOperator | None = None,
        working_time: WorkingTime = CALENDAR_HOURS,
    ) -> Ticket:
        """A citizen reports for themselves; staff of the municipality may report for someone who phoned
        (`reporter_id` their account, or None). Where the category has a default operator, the ticket is
        assigned to them at once (TicketAssigned, then StatusChanged → assigned, by the system).
        """
        now = _aware(now)
        if actor.role == "citizen":
            if reporter_id not in (None, actor.user_id):
                _forbidden("report_for_someone_else", "A citizen can only report in their own name.")
            reporter_id = actor.user_id
        elif not (actor.is_staff and actor.municipality_id == municipality_id):
            _forbidden(
                "may_not_report",
                "Only citizens, or staff of this municipality on a caller's behalf, can report a problem.",
            )
        text = _checked_text(description, "description", MAX_DESCRIPTION)
        if text is None:
            _invalid("description_required", "Describe the problem in a few words.")
        ticket = cls(
            id=ticket_id,
            reference=reference,
            municipality_id=municipality_id,
            category_id=category.id,
            reporter_id=reporter_id,
            description=text,
            location=location,
            created_at=now,
            priority=category.default_priority,
            address=address,
            answers=dict(answers or {}),
            photo_ids=tuple(photo_ids),
            due_at=sla_due_at(now, category.sla_hours, working_time),
        )
        ticket._record(
            TicketCreated(
                ticket_id=ticket.id,
                reference=reference,
                municipality_id=municipality_id,
                category_id=category.id,
                description=text,
                location=location,
                address=address,
                status="received",
                priority=ticket.priority,
                due_at=ticket.due_at,
                photo_ids=ticket.photo_ids,
                answers=ticket.answers,
                reporter_id=reporter_id,
                created_at=now,
            )
        )
        if default_operator is not None:
            ticket._assign(Actor.system(DEFAULT_OPERATOR_JOB), default_operator, None, now)
        return ticket

    # ---- status -----------------------------------------------------------------------------------

    def change_status(
        self,
        actor: Actor,
        to: TicketStatus,
        note: str | None,
        now: datetime,
        duplicate_of: str | None = None,
        *,
        policy: LifecyclePolicy = DEFAULT_POLICY,
    ) -> None:
        """Any move of the table made by a status change (not assignment). Moves to `reopened` also
        record TicketReopened, whichever command asked for them."""
        now = _aware(now)
        rule = self._check(actor, to, "status", now, policy)
        note = _checked_text(note, "note", MAX_NOTE)
        if rule.needs_note and note is None:
            _invalid(
                "note_required",
                f"Say why in a note: a ticket becomes {to} only with a note the reporter can read.",
                to=to,
            )
        if rule.needs_original:
            original = _clean(duplicate_of)
            if original is None:
                _invalid("original_required", "Name the ticket this one duplicates (its id).")
            if original == self.id:
                _invalid("duplicate_of_itself", "A ticket cannot duplicate itself; name the original.")
            self.duplicate_of = original
        if to == "reopened":
            self._record(
                TicketReopened(ticket_id=self.id, by_reporter=actor.user_id == self.reporter_id, note=note)
            )
        self._move(actor, to, note, now)

    def reopen(
        self, actor: Actor, note: str | None, now: datetime, *, policy: LifecyclePolicy = DEFAULT_POLICY
    ) -> None:
        """ "Still broken": the reporter within the reopen window, or a manager."""
        self.change_status(actor, "reopened", note, now, policy=policy)

    def close(
        self,
        actor: Actor,
        now: datetime,
        note: str | None = None,
        *,
        policy: LifecyclePolicy = DEFAULT_POLICY,
    ) -> None:
        """Close a resolved ticket: the system once the confirmation window has passed, or a manager."""
        self.change_status(actor, "closed", note, now, policy=policy)

    # ---- assignment -------------------------------------------------------------------------------

    def assign(self, actor: Actor, operator_id: str, operator_name: str, now: datetime) -> None:
        """A manager gives the ticket to an operator: TicketAssigned, then StatusChanged → assigned when
        the status changes. Reassigning a ticket being worked keeps its status; assigning the operator
        it already has, where the status would not change, changes nothing and records nothing."""
        now = _aware(now)
        self._guard_tenant(actor)
        if self.status not in OPEN_STATUSES:
            _conflict(
                "ticket_not_open",
                f"The ticket is {self.status}; only open tickets can be assigned. Reopen it first.",
                status=self.status,
            )
        if "manager" not in self._roles(actor):
            _forbidden("managers_assign", "Only a manager of this municipality can assign tickets.")
        operator_id, operator_name = operator_id.strip(), operator_name.strip()
        if not operator_id or not operator_name:
            _invalid("operator_required", "Name the operator (id and display name) to assign.")
        if operator_id == self.assigned_operator_id and not self._assignment_moves_status():
            return
        self._assign(actor, AssignedOperator(operator_id, operator_name), None, now)

    def unassign(self, actor: Actor, now: datetime, note: str | None = None) -> None:
        """Take the operator off an assigned ticket: TicketUnassigned, then StatusChanged → triaged."""
        now = _aware(now)
        self._guard_tenant(actor)
        rule = TRANSITIONS.get((self.status, "triaged"))
        if rule is None or rule.via != "unassignment" or self.assigned_operator_id is None:
            _conflict(
                "not_assigned",
                f"The ticket is {self.status}; only an assigned ticket that no one has started can be "
                "unassigned. Assign it to another operator instead.",
                status=self.status,
            )
        if not self._roles(actor) & rule.who:
            _forbidden("managers_unassign", "Only a manager of this municipality can unassign tickets.")
        note = _checked_text(note, "note", MAX_NOTE)
        previous = self.assigned_operator_id
        self.assigned_operator_id = self.assigned_operator_name = None
        self._record(TicketUnassigned(ticket_id=self.id, previous_operator_id=previous))
        self._move(actor, "triaged", note, now)

    # ---- confirmation and conversation ------------------------------------------------------------

    def submit_feedback(self, actor: Actor, rating: int, comment: str | None, now: datetime) -> None:
        """The reporter rates the resolution (once per resolution); the status does not change."""
        now = _aware(now)
        self._guard_tenant(actor)
        if self.reporter_id is None or actor.user_id != self.reporter_id or actor.role == "system":
            _forbidden(
                "reporter_only", "Only the person who reported this problem can rate how it was fixed."
            )
        if self.status not in ("resolved", "closed"):
            _conflict(
                "not_resolved",
                f"The ticket is {self.status}; you can rate it once it has been resolved.",
                status=self.status,
            )
        # Counted, not compared by time: a reopen and a new resolution may share a timestamp.
        if any(given.resolution == self.resolutions for given in self.feedback):
            _conflict("feedback_already_given", "You have already rated this resolution.")
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            _invalid("invalid_rating", "Rate from 1 (poor) to 5 (very good).", rating=rating)
        comment = _checked_text(comment, "comment", MAX_NOTE)
        self.feedback.append(Feedback(self.resolutions, rating, comment, now))
        self._record(FeedbackSubmitted(ticket_id=self.id, rating=rating, comment=comment))

    def follow(self, actor: Actor) -> None:
        """Get updates about the ticket; following twice changes nothing."""
        self._guard_person(actor)
        if actor.user_id in self.followers:
            return
        self.followers.add(actor.user_id)
        self._record(TicketFollowed(ticket_id=self.id, follower_id=actor.user_id))

    def unfollow(self, actor: Actor) -> None:
        """Stop updates; unfollowing a ticket one does not follow changes nothing."""
        self._guard_person(actor)
        if actor.user_id not in self.followers:
            return
        self.followers.discard(actor.user_id)
        self._record(TicketUnfollowed(ticket_id=self.id, follower_id=actor.user_id))

    def support(self, actor: Actor) -> None:
        """ "Me too": one per person, on open tickets, by anyone but the reporter (whose report counts)."""
        self._guard_person(actor)
        if self.status not in OPEN_STATUSES:
            _conflict(
                "ticket_not_open",
                f"The ticket is {self.status}; only open problems can be supported. "
                "If it is still broken, report it again.",
                status=self.status,
            )
        if actor.user_id == self.reporter_id:
            _conflict("reporter_cannot_support", "You reported this problem; your report already counts.")
        if actor.user_id in self.supporters:
            _conflict("already_supported", "You have already said this affects you too.")
        self.supporters.add(actor.user_id)
        self._record(
            SupportAdded(ticket_id=self.id, supporter_id=actor.user_id, support_count=len(self.supporters))
        )

    # ---- time ---------------------------------------------------------------------------------------

    def is_overdue(self, now: datetime) -> bool:
        """Open and past its due time."""
        return self.due_at is not None and self.status in OPEN_STATUSES and now >= self.due_at

    def breach_sla(self, now: datetime) -> None:
        """Record that the ticket passed its due time while open (SlaBreached), once in its life.

        A ticket that is not overdue, or has breached already, changes nothing and records nothing: the
        due date is the promise made at the report, and reopening does not renew it.
        """
        now = _aware(now)
        if self.sla_breached_at is not None or not self.is_overdue(now):
            return
        assert self.due_at is not None  # overdue
        self.sla_breached_at = now
        self._record(
            SlaBreached(
                ticket_id=self.id,
                due_at=self.due_at,
                status=self.status,
                priority=self.priority,
                assigned_operator_id=self.assigned_operator_id,
                breached_at=now,
            )
        )

    @property
    def resolutions(self) -> int:
        """How often the ticket has been resolved (a reopened ticket can be resolved again)."""
        return sum(1 for entry in self.history if entry.to == "resolved")

    @property
    def support_count(self) -> int:
        return len(self.supporters)

    # ---- events -----------------------------------------------------------------------------------

    def collect_events(self) -> list[tuple[int, DomainEvent]]:
        """Hand the recorded events to the unit of work, each with its `sequence`, and forget them."""
        first = self.version - len(self.events) + 1
        numbered = list(enumerate(self.events, start=first))
        self.events = []
        return numbered

    # ---- rules ------------------------------------------------------------------------------------

    def _guard_tenant(self, actor: Actor) -> None:
        if actor.role == "admin":
            _forbidden(
                "admins_do_not_work_tickets",
                "Administrators run the platform, not tickets; ask a manager of this municipality.",
            )
        if actor.is_staff and actor.municipality_id != self.municipality_id:
            _forbidden("other_municipality", "This ticket belongs to another municipality.")

    def _guard_person(self, actor: Actor) -> None:
        self._guard_tenant(actor)
        if actor.role == "system":
            _forbidden("people_only", "Only a person can follow or support a ticket.")

    def _roles(self, actor: Actor) -> set[Who]:
        """What the table calls this actor on this ticket (assumes the tenant guard passed)."""
        roles: set[Who] = set()
        if actor.role == "system":
            return {"system"}
        if actor.role == "manager":
            roles.add("manager")
        if actor.role == "operator" and actor.user_id == self.assigned_operator_id:
            roles.add("assigned_operator")
        if self.reporter_id is not None and actor.user_id == self.reporter_id:
            roles.add("reporter")
        return roles

    def _check(
        self, actor: Actor, to: TicketStatus, via: Via, now: datetime, policy: LifecyclePolicy
    ) -> Transition:
        self._guard_tenant(actor)
        rule = TRANSITIONS.get((self.status, to))
        if rule is None:
            possible = ", ".join(next_statuses(self.status)) or "nothing else"
            _conflict(
                "transition_not_allowed",
                f"A ticket that is {self.status} cannot become {to}; from {self.status} it can become: "
                f"{possible}.",
                status=self.status,
                to=to,
            )
        if rule.via != via:
            hint = "assign it to an operator" if rule.via == "assignment" else "unassign its operator"
            _conflict(
                f"use_{rule.via}",
                f"A ticket becomes {to} only through {rule.via}: {hint} instead.",
                status=self.status,
                to=to,
            )
        who = self._roles(actor) & rule.who
        if not who:
            _forbidden(
                "not_allowed",
                f"You cannot move this ticket from {self.status} to {to}; "
                f"that is for: {', '.join(sorted(rule.who)).replace('_', ' ')}.",
                status=self.status,
                to=to,
            )
        if "manager" in who or "assigned_operator" in who:
            return rule
        resolved_at = self.resolved_at or self.created_at
        if "system" in who and now - resolved_at < policy.confirmation_window:
            _conflict(
                "confirmation_window_open",
                f"The reporter has until {resolved_at + policy.confirmation_window:%Y-%m-%d %H:%M %Z} "
                "to confirm the fix; close it after that.",
            )
        if "reporter" in who and now - resolved_at > policy.reopen_window:
            _conflict(
                "reopen_window_passed",
                f"It is more than {policy.reopen_window.days} days since this was resolved; "
                "please report the problem again as a new ticket.",
            )
        return rule

    def _assignment_moves_status(self) -> bool:
        rule = TRANSITIONS.get((self.status, "assigned"))
        return rule is not None and rule.via == "assignment"

    def _assign(self, actor: Actor, operator: AssignedOperator, note: str | None, now: datetime) -> None:
        previous = self.assigned_operator_id
        self.assigned_operator_id, self.assigned_operator_name = operator.id, operator.name
        self._record(
            TicketAssigned(
                ticket_id=self.id,
                operator_id=operator.id,
                operator_name=operator.name,
                previous_operator_id=previous,
            )
        )
        if self._assignment_moves_status():
            self._move(actor, "assigned", note, now)

    def _move(self, actor: Actor, to: TicketStatus, note: str | None, now: datetime) -> None:
        """The one place a status changes: one history entry and exactly one StatusChanged."""
        source = self.status
        self.status = to
        if to == "resolved":
            self.resolved_at = now
        self.history.append(HistoryEntry(actor, source, to, note, now))
        self._record(StatusChanged(ticket_id=self.id, **{"from": source}, to=to, note=note))

    def _record(self, event: DomainEvent) -> None:
        self.version += 1
        self.events.append(event)
