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
from typing import Any, Literal, NoReturn

from cityfix_contracts import DomainError, DomainEvent, Point
from cityfix_contracts.events.ticket_management import (
    TicketEdited,
    TicketHidden,
    TicketPrioritized,
    TicketRecategorized,
    TicketTransferred,
    TicketUnhidden,
)
from cityfix_contracts.events.tickets import (
    OPEN_STATUSES,
    CommentAdded,
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
from .management import MAX_REASON, TRANSFERABLE, ModerationAction, ModerationRecord, TransferRecord
from .sla import CALENDAR_HOURS, WorkingTime, sla_due_at

MAX_DESCRIPTION = 4000
MAX_NOTE = 4000
MAX_COMMENT = 2000
MAX_AFTER_PHOTOS = 5
# Where a ticket has reached its end, citizens' comments would go unread: they report again or reopen.
COMMENTS_CLOSED: frozenset[str] = frozenset({"closed", "duplicate", "not_responsible", "unable_to_fix"})
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
    after_photo_ids: tuple[str, ...] = ()  # taken when resolving, by whoever resolved it
    due_at: datetime | None = None
    resolved_at: datetime | None = None
    duplicate_of: str | None = None
    sla_breached_at: datetime | None = None
    """When the ticket was recorded as having passed its `due_at` while open (once per ticket)."""
    followers: set[str] = field(default_factory=set)
    supporters: set[str] = field(default_factory=set)
    feedback: list[Feedback] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    hidden: bool = False
    moderation: list[ModerationRecord] = field(default_factory=list)
    transfers: list[TransferRecord] = field(default_factory=list)
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
        (`reporter_id` their account, or None), and so may an outside system acting for the municipality
        (a system actor with its `municipality_id`, e.g. an Open311 client). Where the category has a
        default operator, the ticket is assigned to them at once (TicketAssigned, then StatusChanged →
        assigned, by the system).
        """
        now = _aware(now)
        if actor.role == "citizen":
            if reporter_id not in (None, actor.user_id):
                _forbidden("report_for_someone_else", "A citizen can only report in their own name.")
            reporter_id = actor.user_id
        elif not ((actor.is_staff or actor.role == "system") and actor.municipality_id == municipality_id):
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
        photo_ids: tuple[str, ...] = (),
        policy: LifecyclePolicy = DEFAULT_POLICY,
    ) -> None:
        """Any move of the table made by a status change (not assignment). Moves to `reopened` also
        record TicketReopened, whichever command asked for them. `photo_ids` are "after" photos, taken
        only when resolving (at most MAX_AFTER_PHOTOS per resolution)."""
        now = _aware(now)
        rule = self._check(actor, to, "status", now, policy)
        if photo_ids and to != "resolved":
            _invalid(
                "after_photos_only_when_resolving",
                "Photos go with a status change only when resolving; send this change without photo_ids.",
                to=to,
            )
        if len(photo_ids) > MAX_AFTER_PHOTOS:
            _invalid(
                "too_many_photos",
                f"A resolution can show at most {MAX_AFTER_PHOTOS} photos; leave "
                f"{len(photo_ids) - MAX_AFTER_PHOTOS} out.",
                max_photos=MAX_AFTER_PHOTOS,
            )
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
        self._move(actor, to, note, now, photo_ids)
        self.after_photo_ids = (*self.after_photo_ids, *photo_ids)

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
        self._add_follower(actor.user_id)

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

    def add_comment(
        self,
        actor: Actor,
        comment_id: str,
        body: str,
        visibility: Literal["public", "internal"] = "public",
        author_name: str | None = None,
    ) -> None:
        """A comment on the ticket (CommentAdded). Any citizen comments publicly while the ticket is open or
        resolved; the ticket's staff publicly or internally, in any state. `author_name` is the staff
        author's display name; a citizen's comment carries none (their name never leaves auth)."""
        self._guard_tenant(actor)
        if actor.role == "system":
            _forbidden("people_only", "Only a person can comment on a ticket.")
        if visibility == "internal" and not actor.is_staff:
            _forbidden(
                "internal_for_staff",
                "Internal notes are for the municipality's staff; post your comment as public instead.",
            )
        if not actor.is_staff and self.status in COMMENTS_CLOSED:
            hint = "if the problem is still there, report it again"
            if self.status == "duplicate" and self.duplicate_of:
                hint = f"comment on the original ticket {self.duplicate_of} instead"
            elif self.status == "closed":
                hint = "if the problem is back, its reporter can reopen it, or anyone can report it again"
            _conflict(
                "comments_closed",
                f"The ticket is {self.status.replace('_', ' ')} and takes no more comments; {hint}.",
                status=self.status,
            )
        text = _checked_text(body, "comment", MAX_COMMENT)
        if text is None:
            _invalid("comment_required", "Write a few words: the comment is empty.")
        name = _clean(author_name) if actor.is_staff else None
        self._record(
            CommentAdded(
                ticket_id=self.id,
                comment_id=comment_id,
                author_id=actor.user_id,
                author_role=actor.role,
                author_name=name or (actor.role.title() if actor.is_staff else None),
                body=text,
                visibility=visibility,
            )
        )

    def mark_duplicate(
        self,
        actor: Actor,
        duplicate_of: str | None,
        original: Ticket | None,
        note: str | None,
        now: datetime,
        *,
        policy: LifecyclePolicy = DEFAULT_POLICY,
    ) -> None:
        """This ticket reports the same problem as `original` (the ticket `duplicate_of` names, as loaded;
        None when there is none): it becomes a duplicate, and its reporter follows the original
        (TicketFollowed on the original) so they still hear how their problem ends. The original must
        exist, be of the same municipality, not be this ticket and not be a duplicate itself."""
        now = _aware(now)
        self._check(actor, "duplicate", "status", now, policy)
        original_id = _clean(duplicate_of)
        if original_id is None:
            _invalid("original_required", "Name the ticket this one duplicates (its id).")
        if original_id == self.id:
            _invalid("duplicate_of_itself", "A ticket cannot duplicate itself; name the original.")
        if original is None or original.id != original_id:
            _invalid(
                "original_not_found",
                f"There is no ticket {original_id}; name the original by its id.",
                duplicate_of=original_id,
            )
        if original.municipality_id != self.municipality_id:
            _invalid(
                "original_in_other_municipality",
                "The original belongs to another municipality; transfer one of the tickets first.",
                duplicate_of=original_id,
            )
        if original.status == "duplicate":
            _invalid(
                "original_is_duplicate",
                f"That ticket is itself a duplicate of {original.duplicate_of}; name that one instead.",
                duplicate_of=original_id,
                original_of_original=original.duplicate_of,
            )
        self.change_status(actor, "duplicate", note, now, duplicate_of=original_id, policy=policy)
        if self.reporter_id is not None and self.reporter_id != original.reporter_id:
            original._add_follower(self.reporter_id)

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

    # ---- managers' tools --------------------------------------------------------------------------

    def check_manager(self, actor: Actor, code: str, message: str) -> None:
        """Refuse anyone but a manager of this ticket's municipality (before a handler looks anything up)."""
        self._guard_tenant(actor)
        if actor.role != "manager":
            _forbidden(code, message)

    def prioritize(self, actor: Actor, priority: Priority, now: datetime) -> None:
        """A manager sets the priority of an open ticket: TicketPrioritized; the same priority records nothing."""
        now = _aware(now)
        self.check_manager(
            actor, "managers_prioritize", "Only a manager of this municipality can set priorities."
        )
        self._require_open("have its priority changed")
        if priority == self.priority:
            return
        previous, self.priority = self.priority, priority
        self._record(TicketPrioritized(ticket_id=self.id, **{"from": previous}, to=priority))

    def recategorize(
        self, actor: Actor, category: CategoryTerms, now: datetime, working_time: WorkingTime = CALENDAR_HOURS
    ) -> None:
        """A manager files an open ticket under another category of its municipality (the handler checks
        that it is an active one): TicketRecategorized. `due_at` follows the new category's `sla_hours`,
        counted from the report; the priority and the reporter's answers stay as they are."""
        now = _aware(now)
        self.check_manager(
            actor, "managers_recategorize", "Only a manager of this municipality can change the category."
        )
        self._require_open("change its category")
        if category.id == self.category_id:
            return
        previous, self.category_id = self.category_id, category.id
        self.due_at = sla_due_at(self.created_at, category.sla_hours, working_time)
        self._record(
            TicketRecategorized(ticket_id=self.id, **{"from": previous}, to=category.id, due_at=self.due_at)
        )

    def edit_description(self, actor: Actor, description: str, reason: str | None, now: datetime) -> None:
        """A manager rewrites the report's public text (moderation): the original stays in the audit,
        TicketEdited carries the new text only. The same text again records nothing."""
        now = _aware(now)
        self.check_manager(actor, "managers_moderate", "Only a manager of this municipality can moderate.")
        text = _checked_text(description, "description", MAX_DESCRIPTION)
        if text is None:
            _invalid("description_required", "Give the new public description; it cannot be empty.")
        reason = _checked_text(reason, "reason", MAX_REASON)
        if text == self.description:
            return
        self.moderation.append(ModerationRecord(actor, "edited", self.description, text, reason, now))
        self.description = text
        self._record(TicketEdited(ticket_id=self.id, description=text))

    def set_hidden(self, actor: Actor, hidden: bool, reason: str | None, now: datetime) -> None:
        """A manager hides the ticket from the public (TicketHidden) or shows it again (TicketUnhidden);
        its reporter and staff always see it."""
        now = _aware(now)
        self.check_manager(actor, "managers_moderate", "Only a manager of this municipality can moderate.")
        reason = _checked_text(reason, "reason", MAX_REASON)
        if hidden == self.hidden:
            return
        action: ModerationAction = "hidden" if hidden else "unhidden"
        self.moderation.append(ModerationRecord(actor, action, self.hidden, hidden, reason, now))
        self.hidden = hidden
        self._record(TicketHidden(ticket_id=self.id) if hidden else TicketUnhidden(ticket_id=self.id))

    def check_transfer(self, actor: Actor, municipality_id: str) -> None:
        """May `actor` move this ticket to `municipality_id`? Checked before a new reference is drawn."""
        if actor.role != "admin":
            self.check_manager(
                actor,
                "managers_transfer",
                "Only a manager of this municipality, or an administrator, can transfer a ticket.",
            )
        if self.status not in TRANSFERABLE:
            _conflict(
                "ticket_not_transferable",
                f"The ticket is {self.status}; only open tickets, or those marked not_responsible, can be "
                "transferred. Report the problem again in the right municipality instead.",
                status=self.status,
            )
        if municipality_id == self.municipality_id:
            _invalid(
                "same_municipality",
                "The ticket already belongs to this municipality; change its category instead.",
                municipality_id=municipality_id,
            )

    def transfer(
        self,
        actor: Actor,
        *,
        municipality_id: str,
        category: CategoryTerms,
        reference: str,
        note: str,
        now: datetime,
        working_time: WorkingTime = CALENDAR_HOURS,
    ) -> None:
        """Move a misrouted ticket to another municipality (the handler checks that the municipality and
        its category are active): a new reference there (the old one is kept), that municipality's
        category and its default priority, no operator, back to `received`, `due_at` counted from now.

        Records TicketTransferred with the whole ticket, then StatusChanged → received when the status
        moves. Everything else (followers, supporters, feedback, moderation, history) stays with the ticket.
        """
        now = _aware(now)
        self.check_transfer(actor, municipality_id)
        note_text = _checked_text(note, "note", MAX_NOTE)
        if note_text is None:
            _invalid("note_required", "Say in a note why the ticket belongs to the other municipality.")
        source = self.status
        previous_operator = self.assigned_operator_id
        record = TransferRecord(
            actor,
            self.municipality_id,
            municipality_id,
            self.reference,
            reference,
            self.category_id,
            category.id,
            note_text,
            now,
        )
        self.transfers.append(record)
        self.municipality_id, self.reference, self.category_id = municipality_id, reference, category.id
        self.priority = category.default_priority
        self.assigned_operator_id = self.assigned_operator_name = None
        self.duplicate_of = None
        self.due_at = sla_due_at(now, category.sla_hours, working_time)
        self.sla_breached_at = None  # the receiving municipality's promise is a new one
        self._record(
            TicketTransferred(
                ticket_id=self.id,
                from_municipality_id=record.from_municipality_id,
                municipality_id=municipality_id,
                from_reference=record.from_reference,
                reference=reference,
                former_references=self.former_references,
                from_category_id=record.from_category_id,
                category_id=category.id,
                from_status=source,
                status="received",
                previous_operator_id=previous_operator,
                note=note_text,
                description=self.description,
                location=self.location,
                address=self.address,
                priority=self.priority,
                due_at=self.due_at,
                photo_ids=self.photo_ids,
                answers=self.answers,
                hidden=self.hidden,
                reporter_id=self.reporter_id,
                created_at=self.created_at,
            )
        )
        if source != "received":
            self._move(actor, "received", note_text, now)

    @property
    def former_references(self) -> tuple[str, ...]:
        """The references the ticket had in the municipalities it left, oldest first."""
        return tuple(record.from_reference for record in self.transfers)

    def _require_open(self, what: str) -> None:
        if self.status not in OPEN_STATUSES:
            _conflict(
                "ticket_not_open",
                f"The ticket is {self.status}; only an open ticket can {what}. Reopen it first.",
                status=self.status,
            )

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

    def _add_follower(self, user_id: str) -> None:
        if user_id in self.followers:
            return
        self.followers.add(user_id)
        self._record(TicketFollowed(ticket_id=self.id, follower_id=user_id))

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

    def _move(
        self, actor: Actor, to: TicketStatus, note: str | None, now: datetime, photo_ids: tuple[str, ...] = ()
    ) -> None:
        """The one place a status changes: one history entry and exactly one StatusChanged."""
        source = self.status
        self.status = to
        if to == "resolved":
            self.resolved_at = now
        self.history.append(HistoryEntry(actor, source, to, note, now))
        self._record(
            StatusChanged(ticket_id=self.id, **{"from": source}, to=to, note=note, photo_ids=photo_ids)
        )

    def _record(self, event: DomainEvent) -> None:
        self.version += 1
        self.events.append(event)
