"""The conversation around a ticket, through the tickets service's request/reply on a real nats-server:
comments and the ticket's history (one sequence, versioned), who reads what, following, support, marking
a duplicate (two aggregates in one unit of work), and the timeline in its three views."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import DomainError, Point, RpcContext, SystemActor, UserActor, envelope_for
from cityfix_contracts.commands.conversation import (
    AddComment,
    CommentView,
    FollowTicket,
    GetTimeline,
    ListComments,
    SupportTicket,
    TimelineEntry,
    UnfollowTicket,
)
from cityfix_contracts.commands.tickets import (
    AssignTicket,
    ChangeTicketStatus,
    CreateTicket,
    SubmitFeedback,
    TicketView,
)
from cityfix_contracts.events import (
    CategoryChanged,
    CommentAdded,
    MunicipalityCreated,
    UserRegistered,
)
from cityfix_contracts.rpc import ANONYMOUS, Request
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.tickets.conversation import again_if_overtaken
from services.tickets.documents import TicketDocument, TicketEventDocument
from services.tickets.history import keep_history
from services.tickets.service import spec
from services.tickets.subscribers import learn_staff, project_category, project_municipality

TOWN, OTHER_TOWN = "m-town", "m-other-town"
POINTS = {TOWN: Point(lat=52.05, lon=13.05), OTHER_TOWN: Point(lat=52.05, lon=14.05)}
CATEGORIES = {TOWN: "c-town-pothole", OTHER_TOWN: "c-other-pothole"}
SEED = SystemActor(system="test-seed")

PEOPLE: dict[str, tuple[str, str | None]] = {
    "reporter": ("citizen", None),
    "neighbour": ("citizen", None),
    "operator": ("operator", TOWN),
    "manager": ("manager", TOWN),
    "foreign_manager": ("manager", OTHER_TOWN),
    "admin": ("admin", None),
}
NAMES = {"operator": "A. Operator", "manager": "M. Anager", "foreign_manager": "F. Oreign"}


def square(west: float, south: float) -> dict[str, Any]:
    east, north = west + 0.1, south + 0.1
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def context(who: str) -> RpcContext:
    if who == "anonymous":
        return RpcContext(correlation_id=f"test-{who}", actor=ANONYMOUS)
    role, municipality = PEOPLE[who]
    return RpcContext(
        correlation_id=f"test-{who}",
        actor=UserActor(user_id=f"u-{who}", role=role),  # type: ignore[arg-type]
        municipality_id=municipality,
    )


@dataclass
class Town:
    runtime: ServiceRuntime
    rpc: RpcClient

    async def ask(self, who: str, request: Request) -> Any:
        return await self.rpc.call(request, context(who))

    async def refused(self, who: str, request: Request) -> tuple[str, str]:
        with pytest.raises(RpcFailure) as failure:
            await self.ask(who, request)
        return failure.value.error.kind, failure.value.error.code

    async def report(self, who: str = "reporter", where: str = TOWN) -> str:
        view: TicketView = await self.ask(
            who,
            CreateTicket(category_id=CATEGORIES[where], location=POINTS[where], description="Deep pothole"),
        )
        return view.id

    async def stored(self, ticket_id: str) -> TicketDocument:
        doc = await TicketDocument.get(ticket_id)
        assert doc is not None
        return doc

    async def history(self, ticket_id: str) -> list[tuple[int, str]]:
        found = await TicketEventDocument.find({"ticket_id": ticket_id}).sort("+sequence").to_list()
        return [(event.sequence, event.event_type) for event in found]

    async def comments(self, who: str, ticket_id: str, **paging: Any) -> tuple[str, list[CommentView]]:
        page = await self.ask(who, ListComments(ticket_id=ticket_id, **paging))
        return page.view, list(page.data)

    async def timeline(self, who: str, ticket_id: str) -> tuple[str, list[TimelineEntry]]:
        page = await self.ask(who, GetTimeline(ticket_id=ticket_id))
        return page.view, list(page.data)


@pytest.fixture
async def town(run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient) -> Town:
    """The tickets service alone, knowing two towns, a category in each and their staff from events."""
    runtime = await run_service(spec)
    seeds: list[tuple[Any, Any, str]] = []
    for town, west in ((TOWN, 13.0), (OTHER_TOWN, 14.0)):
        municipality = MunicipalityCreated(
            municipality_id=town,
            name=town,
            slug=town,
            reference_prefix=town[-4:].upper(),
            boundary=square(west, 52),
        )
        seeds.append((project_municipality, municipality, town))
        category = CategoryChanged(
            category_id=CATEGORIES[town],
            municipality_id=town,
            change="created",
            code="pothole",
            name="Pothole",
        )
        seeds.append((project_category, category, CATEGORIES[town]))
    for who, (role, municipality_id) in PEOPLE.items():
        registered = UserRegistered(
            user_id=f"u-{who}",
            role=role,
            municipality_id=municipality_id,
            display_name=NAMES.get(who),  # type: ignore[arg-type]
        )
        seeds.append((learn_staff, registered, f"u-{who}"))
    for handler, event, aggregate_id in seeds:
        envelope = envelope_for(
            event, aggregate_id=aggregate_id, sequence=1, actor=SEED, correlation_id="seed"
        )
        async with runtime.unit_of_work() as uow:
            await handler(envelope, uow, runtime.deps)
    return Town(runtime, RpcClient(nats_client))


# ---- comments -------------------------------------------------------------------------------------------


async def test_comments_are_the_tickets_next_events_and_each_view_reads_its_share(town: Town) -> None:
    ticket = await town.report()
    said = [
        ("neighbour", "It has grown since Monday.", "public"),
        ("operator", "Needs the big roller; booked for Tuesday.", "internal"),
        ("reporter", "A cyclist fell here today.", "public"),
        ("manager", "We are on it.", "public"),
    ]
    answers: list[CommentView] = []
    for who, body, visibility in said:
        answers.append(await town.ask(who, AddComment(ticket_id=ticket, body=body, visibility=visibility)))  # type: ignore[arg-type]

    assert [c.sequence for c in answers] == [2, 3, 4, 5]
    assert (await town.stored(ticket)).version == 5  # the ticket's own version moved with every comment
    assert await town.history(ticket) == [(1, "TicketCreated")] + [(n, "CommentAdded") for n in (2, 3, 4, 5)]
    neighbours, operators, reporters, managers = answers
    assert (neighbours.author_id, neighbours.author_name, neighbours.by_reporter) == (
        "u-neighbour",
        None,
        None,  # the author sees their id; whether they reported it is the reporter's and staff's to see
    )
    assert (operators.author_name, operators.visibility, operators.author_id) == (
        "A. Operator",
        "internal",
        "u-operator",
    )
    assert reporters.by_reporter is True and managers.author_name == "M. Anager"

    def shown(comments: list[CommentView]) -> list[tuple[str, str | None, bool | None]]:
        return [(c.body.split()[0], c.author_id, c.by_reporter) for c in comments]

    view, public = await town.comments("anonymous", ticket)
    assert view == "public"
    assert shown(public) == [("It", None, None), ("A", None, None), ("We", None, None)]
    assert [c.author_name for c in public] == [None, None, "M. Anager"]
    view, own = await town.comments("reporter", ticket)
    assert view == "reporter"
    assert shown(own) == [("It", None, False), ("A", "u-reporter", True), ("We", None, False)]
    view, neighbour = await town.comments("neighbour", ticket)
    assert view == "public"
    assert shown(neighbour) == [("It", "u-neighbour", None), ("A", None, None), ("We", None, None)]
    view, staff = await town.comments("operator", ticket)
    assert view == "staff"
    assert shown(staff) == [
        ("It", "u-neighbour", False),
        ("Needs", "u-operator", False),
        ("A", "u-reporter", True),
        ("We", "u-manager", False),
    ]
    view, foreign = await town.comments("foreign_manager", ticket)
    assert view == "public" and shown(foreign) == shown(public)


async def test_comment_pages_follow_each_other_without_gaps_or_repeats(town: Town) -> None:
    ticket = await town.report()
    for n in range(7):
        await town.ask("neighbour", AddComment(ticket_id=ticket, body=f"Update {n}"))
        if n % 3 == 0:
            await town.ask("operator", AddComment(ticket_id=ticket, body=f"Note {n}", visibility="internal"))
    bodies, cursor, pages = [], None, 0
    while True:
        page = await town.ask("anonymous", ListComments(ticket_id=ticket, limit=3, cursor=cursor))
        bodies += [c.body for c in page.data]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert bodies == [f"Update {n}" for n in range(7)] and pages == 3


async def test_refused_comments_leave_the_ticket_as_it_was(town: Town) -> None:
    ticket = await town.report()
    internal = AddComment(ticket_id=ticket, body="Psst", visibility="internal")
    assert await town.refused("reporter", internal) == ("forbidden", "internal_for_staff")
    public = AddComment(ticket_id=ticket, body="Hello")
    assert await town.refused("anonymous", public) == ("unauthenticated", "unauthenticated")
    assert await town.refused("foreign_manager", public) == ("forbidden", "other_municipality")
    assert await town.refused("admin", public) == ("forbidden", "admins_do_not_work_tickets")
    assert await town.refused("neighbour", AddComment(ticket_id=ticket, body="<script>x</script>")) == (
        "invalid",
        "comment_has_html",
    )
    missing = AddComment(ticket_id="no-such-ticket", body="Hello")
    assert await town.refused("neighbour", missing) == ("not_found", "ticket_not_found")
    assert (await town.stored(ticket)).version == 1
    assert await town.history(ticket) == [(1, "TicketCreated")]
    with pytest.raises(RpcFailure) as failure:
        await town.ask("anonymous", ListComments(ticket_id="no-such-ticket"))
    assert failure.value.error.code == "ticket_not_found"


# ---- following and support ------------------------------------------------------------------------------


async def test_following_is_idempotent_and_support_counts_once_per_person(town: Town) -> None:
    ticket = await town.report()
    for _ in range(2):
        following = await town.ask("neighbour", FollowTicket(ticket_id=ticket))
        assert (following.ticket_id, following.following) == (ticket, True)
    assert (await town.stored(ticket)).followers == ["u-neighbour"]
    for _ in range(2):
        assert (await town.ask("neighbour", UnfollowTicket(ticket_id=ticket))).following is False
    assert (await town.ask("manager", FollowTicket(ticket_id=ticket))).following is True
    assert await town.refused("foreign_manager", FollowTicket(ticket_id=ticket)) == (
        "forbidden",
        "other_municipality",
    )
    assert await town.refused("anonymous", FollowTicket(ticket_id=ticket)) == (
        "unauthenticated",
        "unauthenticated",
    )

    supported: TicketView = await town.ask("neighbour", SupportTicket(ticket_id=ticket))
    assert (supported.support_count, supported.view, supported.reporter_id) == (1, "public", None)
    assert await town.refused("neighbour", SupportTicket(ticket_id=ticket)) == (
        "conflict",
        "already_supported",
    )
    assert await town.refused("reporter", SupportTicket(ticket_id=ticket)) == (
        "conflict",
        "reporter_cannot_support",
    )
    assert (await town.ask("operator", SupportTicket(ticket_id=ticket))).support_count == 2
    # One event per change that happened, and only those, in the ticket's own sequence.
    assert await town.history(ticket) == [
        (1, "TicketCreated"),
        (2, "TicketFollowed"),
        (3, "TicketUnfollowed"),
        (4, "TicketFollowed"),
        (5, "SupportAdded"),
        (6, "SupportAdded"),
    ]
    assert (await town.stored(ticket)).version == 6


async def test_a_change_overtaken_by_a_concurrent_one_is_made_again() -> None:
    attempts: list[int] = []

    async def overtaken_twice() -> str:
        attempts.append(len(attempts) + 1)
        if len(attempts) < 3:
            raise DomainError("conflict", "ticket_changed", "Someone else changed this ticket.")
        return "stored"

    assert await again_if_overtaken(overtaken_twice) == "stored" and attempts == [1, 2, 3]

    async def always_overtaken() -> str:
        raise DomainError("conflict", "ticket_changed", "Someone else changed this ticket.")

    with pytest.raises(DomainError):
        await again_if_overtaken(always_overtaken)

    refusals: list[int] = []

    async def refused() -> str:
        refusals.append(1)
        raise DomainError("conflict", "already_supported", "Once is enough.")

    with pytest.raises(DomainError):
        await again_if_overtaken(refused)
    assert refusals == [1]  # only a lost race is tried again


async def test_two_changes_cannot_take_the_same_place_in_a_tickets_history(town: Town) -> None:
    ticket = await town.report()
    rival = CommentAdded(
        ticket_id=ticket, comment_id="cm-x", author_id="u-neighbour", author_role="citizen", body="Me first"
    )

    async def claim_sequence_one() -> None:
        async with town.runtime.unit_of_work() as uow:
            uow.emit(envelope_for(rival, aggregate_id=ticket, sequence=1, actor=SEED, correlation_id="race"))
            await keep_history(uow, ticket, after=0)

    with pytest.raises(DomainError) as refusal:
        await claim_sequence_one()
    assert refusal.value.reply.code == "ticket_changed"
    assert await town.history(ticket) == [(1, "TicketCreated")]


# ---- duplicates -----------------------------------------------------------------------------------------


async def test_marking_a_duplicate_makes_its_reporter_follow_the_original(town: Town) -> None:
    original = await town.report("neighbour")
    await town.ask("reporter", FollowTicket(ticket_id=original))
    await town.ask("reporter", UnfollowTicket(ticket_id=original))  # the original is at version 3
    duplicate = await town.report("reporter")
    mark = ChangeTicketStatus(
        ticket_id=duplicate, status="duplicate", duplicate_of=original, note="Same hole"
    )
    marked: TicketView = await town.ask("manager", mark)
    assert marked.status == "duplicate"

    held = await town.stored(original)
    assert held.followers == ["u-reporter"] and held.version == 4
    assert (await town.history(original))[-1] == (4, "TicketFollowed")
    assert await town.history(duplicate) == [(1, "TicketCreated"), (2, "StatusChanged")]
    assert (await town.stored(duplicate)).duplicate_of == original
    _, steps = await town.timeline("anonymous", duplicate)
    assert (steps[-1].to, steps[-1].duplicate_of, steps[-1].note) == ("duplicate", original, "Same hole")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("elsewhere", "original_in_other_municipality"),
        ("no-such-ticket", "original_not_found"),
        ("itself", "duplicate_of_itself"),
    ],
)
async def test_a_duplicate_needs_an_original_of_its_own_municipality(
    town: Town, name: str, code: str
) -> None:
    elsewhere = await town.report("neighbour", OTHER_TOWN)
    duplicate = await town.report("reporter")
    original = {"elsewhere": elsewhere, "itself": duplicate}.get(name, name)
    mark = ChangeTicketStatus(ticket_id=duplicate, status="duplicate", duplicate_of=original)
    assert await town.refused("manager", mark) == ("invalid", code)
    assert await town.refused("operator", mark) == ("forbidden", "not_allowed")
    for ticket in (elsewhere, duplicate):
        assert (await town.stored(ticket)).version == 1 and (await town.stored(ticket)).followers == []


async def test_an_original_that_is_itself_a_duplicate_is_refused_with_its_original(town: Town) -> None:
    first = await town.report("neighbour")
    second = await town.report("neighbour")
    await town.ask("manager", ChangeTicketStatus(ticket_id=second, status="duplicate", duplicate_of=first))
    third = await town.report("reporter")
    with pytest.raises(RpcFailure) as failure:
        await town.ask(
            "manager", ChangeTicketStatus(ticket_id=third, status="duplicate", duplicate_of=second)
        )
    assert failure.value.error.code == "original_is_duplicate"
    assert failure.value.error.details["original_of_original"] == first


# ---- the timeline ---------------------------------------------------------------------------------------


async def worked_ticket(town: Town) -> str:
    """Reported, assigned, worked, commented on (internally too), resolved, rated, reopened, supported."""
    ticket = await town.report()
    steps: list[tuple[str, Request]] = [
        ("manager", AssignTicket(ticket_id=ticket, operator_id="u-operator")),
        ("operator", ChangeTicketStatus(ticket_id=ticket, status="in_progress")),
        ("operator", AddComment(ticket_id=ticket, body="Crew on site.", visibility="internal")),
        ("reporter", AddComment(ticket_id=ticket, body="Thanks for the quick start!")),
        ("operator", ChangeTicketStatus(ticket_id=ticket, status="resolved", note="Filled and sealed.")),
        ("reporter", SubmitFeedback(ticket_id=ticket, rating=2, comment="Already cracking.")),
        ("reporter", ChangeTicketStatus(ticket_id=ticket, status="reopened", note="Still broken.")),
        ("neighbour", FollowTicket(ticket_id=ticket)),
        ("neighbour", SupportTicket(ticket_id=ticket)),
    ]
    for who, request in steps:
        await town.ask(who, request)
    return ticket


def story(entries: list[TimelineEntry]) -> list[tuple[Any, ...]]:
    return [(e.sequence, e.kind, e.actor_role, e.actor_name, e.actor_id, e.by_reporter) for e in entries]


async def test_the_timeline_tells_the_history_in_order_per_view(town: Town) -> None:
    ticket = await worked_ticket(town)

    view, public = await town.timeline("anonymous", ticket)
    assert view == "public"
    assert story(public) == [
        (1, "created", "citizen", None, None, None),
        (2, "assigned", "manager", "M. Anager", None, None),
        (3, "status_changed", "manager", "M. Anager", None, None),
        (4, "status_changed", "operator", "A. Operator", None, None),
        (6, "comment", "citizen", None, None, None),
        (7, "status_changed", "operator", "A. Operator", None, None),
        (8, "feedback", "citizen", None, None, None),
        (9, "reopened", "citizen", None, None, None),
        (10, "status_changed", "citizen", None, None, None),
        (12, "supported", "citizen", None, None, None),
    ]
    by_sequence = {e.sequence: e for e in public}
    assert (by_sequence[2].operator_name, by_sequence[2].operator_id) == ("A. Operator", None)
    assert (by_sequence[4].from_, by_sequence[4].to) == ("assigned", "in_progress")
    assert (by_sequence[7].to, by_sequence[7].note) == ("resolved", "Filled and sealed.")
    assert (by_sequence[6].body, by_sequence[6].visibility) == ("Thanks for the quick start!", "public")
    assert (by_sequence[8].rating, by_sequence[8].body) == (2, "Already cracking.")
    assert (by_sequence[9].note, by_sequence[10].to) == ("Still broken.", "reopened")
    assert by_sequence[12].support_count == 1
    assert all("u-reporter" not in e.model_dump_json() for e in public)

    view, reporters = await town.timeline("reporter", ticket)
    assert view == "reporter" and [e.sequence for e in reporters] == [e.sequence for e in public]
    mine = [(e.sequence, e.actor_id, e.by_reporter) for e in reporters if e.actor_role == "citizen"]
    assert mine == [
        (1, "u-reporter", True),
        (6, "u-reporter", True),
        (8, "u-reporter", True),
        (9, "u-reporter", True),
        (10, "u-reporter", True),
        (12, None, False),
    ]

    view, staff = await town.timeline("manager", ticket)
    assert view == "staff"
    assert [e.sequence for e in staff] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]  # 11 is a follow: no step
    internal = staff[4]
    assert (internal.kind, internal.visibility, internal.body, internal.actor_id) == (
        "comment",
        "internal",
        "Crew on site.",
        "u-operator",
    )
    assert staff[1].operator_id == "u-operator" and staff[-1].actor_id == "u-neighbour"
    view, foreign = await town.timeline("foreign_manager", ticket)
    assert view == "public" and story(foreign) == story(public)


async def test_steps_this_version_cannot_describe_are_for_staff_only(town: Town) -> None:
    ticket = await town.report()
    await TicketEventDocument(
        id="e-future",
        ticket_id=ticket,
        municipality_id=TOWN,
        sequence=2,
        event_type="TicketTeleported",
        occurred_at=(await town.stored(ticket)).created_at,
        actor={"system": "tickets"},
        data={"ticket_id": ticket},
    ).insert()
    _, staff = await town.timeline("operator", ticket)
    assert [(e.kind, e.event_type, e.actor_role) for e in staff][-1] == (
        "other",
        "TicketTeleported",
        "system",
    )
    _, public = await town.timeline("neighbour", ticket)
    assert [e.kind for e in public] == ["created"]
