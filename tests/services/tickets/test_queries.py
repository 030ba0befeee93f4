"""Lists of tickets, asked of the tickets service over request/reply (a real nats-server): every filter,
every sort, keyset pages that neither repeat nor skip while new reports arrive, who sees which tickets in
which view, one's own reports, an operator's queue, and the possible duplicates near a point.

Tickets are stored directly as the service stores them (built by the domain, then set to the state a test
needs), so each test controls times, statuses and places exactly; the service's clock is fixed at NOW.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import Point, RpcContext, UserActor
from cityfix_contracts.commands.ticket_queries import (
    FindNearbyTickets,
    ListAssignedTickets,
    ListMyTickets,
    ListTickets,
    TicketPage,
)
from cityfix_contracts.commands.tickets import TicketView
from cityfix_contracts.rpc import Request
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.tickets.documents import CategoryDocument, StaffDocument, TicketDocument
from services.tickets.domain import Actor, CategoryTerms, Ticket
from services.tickets.handlers import ticket_document
from services.tickets.service import spec

A, B = "m-potsdam", "m-cottbus"
POTHOLE, LIGHT = "c-pothole", "c-streetlight"
NOW = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
CENTRE_A = (52.400, 13.060)
CENTRE_B = (51.760, 14.330)

CITIZEN, NEIGHBOUR = "u-citizen", "u-neighbour"
OPERATOR_A, OTHER_OPERATOR_A, OPERATOR_B = "u-op-a", "u-op-a2", "u-op-b"
MANAGER_A = "u-mgr-a"


def ctx(user_id: str | None = None, role: str = "citizen", municipality_id: str | None = None) -> RpcContext:
    if user_id is None:
        return RpcContext(correlation_id="test-queries")
    return RpcContext(
        correlation_id="test-queries",
        actor=UserActor(user_id=user_id, role=role),  # type: ignore[arg-type]
        municipality_id=municipality_id,
    )


ANONYMOUS = ctx()
CITIZEN_CTX = ctx(CITIZEN)
MANAGER_A_CTX = ctx(MANAGER_A, "manager", A)
OPERATOR_A_CTX = ctx(OPERATOR_A, "operator", A)
ADMIN_CTX = ctx("u-admin", "admin")

_numbers = itertools.count(1)


def metres_north(lat: float, lon: float, metres: float) -> tuple[float, float]:
    return lat + metres / 111_195, lon


def metres_east(lat: float, lon: float, metres: float) -> tuple[float, float]:
    return lat, lon + metres / (111_195 * math.cos(math.radians(lat)))


async def store(
    *,
    municipality: str = A,
    category: str = POTHOLE,
    reporter: str = CITIZEN,
    description: str = "Pothole in the road",
    at: tuple[float, float] | None = None,
    created_at: datetime = NOW - timedelta(days=1),
    **state: Any,
) -> TicketDocument:
    """A ticket as the service stores it, reported by `reporter`, then brought to `state` (status,
    priority, due_at, assigned_operator_id, updated_at, …)."""
    number = next(_numbers)
    lat, lon = at or (CENTRE_A if municipality == A else CENTRE_B)
    ticket = Ticket.report(
        ticket_id=f"t-{number:04d}",
        reference=f"{'POT' if municipality == A else 'COT'}-{number}",
        municipality_id=municipality,
        category=CategoryTerms(id=category),
        actor=Actor.citizen(reporter),
        description=description,
        location=Point(lat=lat, lon=lon),
        now=created_at,
    )
    fields = ticket_document(ticket, reported_by=reporter).model_dump()
    doc = TicketDocument.model_validate({**fields, "updated_at": created_at, **state})
    await doc.insert()
    return doc


@pytest.fixture
async def tickets(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient
) -> RpcClient:
    runtime = await run_service(spec)
    runtime.deps.clock = lambda: NOW
    return RpcClient(nats_client)


async def ask(rpc: RpcClient, query: Request, asker: RpcContext = ANONYMOUS) -> Any:
    return await rpc.call(query, asker)


async def refused(rpc: RpcClient, query: Request, asker: RpcContext = ANONYMOUS) -> tuple[str, str]:
    with pytest.raises(RpcFailure) as failure:
        await rpc.call(query, asker)
    return failure.value.error.kind, failure.value.error.code


MAX_PAGES = 60  # far more than any list here needs: a cursor that never ends fails the test


async def every_page(
    rpc: RpcClient,
    query: Callable[[str | None], Request],
    asker: RpcContext = ANONYMOUS,
    between: Callable[[], Awaitable[None]] | None = None,
) -> list[TicketView]:
    """The views of every page, following the cursors (`between` runs after each page but the last)."""
    views: list[TicketView] = []
    cursor = None
    for _ in range(MAX_PAGES):
        page: TicketPage = await ask(rpc, query(cursor), asker)
        views += page.data
        if page.next_cursor is None:
            return views
        cursor = page.next_cursor
        if between is not None:
            await between()
    raise AssertionError(f"the list did not end within {MAX_PAGES} pages")


async def ids(rpc: RpcClient, asker: RpcContext = ANONYMOUS, **query: Any) -> list[str]:
    """Every ticket of the list, in pages of 3 (to cross page borders)."""
    views = await every_page(rpc, lambda cursor: ListTickets(limit=3, cursor=cursor, **query), asker)
    return [view.id for view in views]


# ----- filters ---------------------------------------------------------------------------------------------


async def test_every_filter_narrows_the_list(tickets: RpcClient) -> None:
    day = timedelta(days=1)
    received = await store(created_at=NOW - 5 * day, description="Straße aufgerissen vor Nummer 3")
    triaged = await store(status="triaged", priority="high", category=LIGHT, created_at=NOW - 4 * day)
    assigned_late = await store(
        status="assigned", assigned_operator_id=OPERATOR_A, due_at=NOW - day, created_at=NOW - 3 * day
    )
    assigned_on_time = await store(
        status="in_progress", assigned_operator_id=OTHER_OPERATOR_A, due_at=NOW + day, priority="urgent"
    )
    resolved_late = await store(status="resolved", due_at=NOW - 2 * day, assigned_operator_id=OPERATOR_A)
    closed = await store(status="closed", priority="low", created_at=NOW - 10 * day)
    far_a = await store(at=metres_north(*CENTRE_A, 5_000), description="Laterne flackert")
    in_b = await store(municipality=B, description="STRASSENSCHADEN am Markt")

    everything = {d.id for d in (received, triaged, assigned_late, assigned_on_time, resolved_late, closed)}
    everything |= {far_a.id, in_b.id}
    assert set(await ids(tickets)) == everything

    async def found(**query: Any) -> set[str]:
        return set(await ids(tickets, ADMIN_CTX, **query))

    assert await found(status=("triaged",)) == {triaged.id}
    received_ones = {received.id, far_a.id, in_b.id}
    assert await found(status=("received",)) == received_ones
    # `closed` is the group of every status that is not open (the status closed among them).
    finished = {resolved_late.id, closed.id}
    assert await found(status=("closed",)) == finished
    assert await found(status=("received", "closed")) == received_ones | finished
    assert await found(status=("resolved",)) == {resolved_late.id}
    assert await found(status=("open",)) == everything - finished
    assert await found(status=("open", "closed")) == everything
    assert await found(category_id=LIGHT) == {triaged.id}
    assert await found(assigned_operator_id=OPERATOR_A) == {assigned_late.id, resolved_late.id}
    assert await found(priority=("urgent", "high")) == {assigned_on_time.id, triaged.id}
    assert await found(overdue=True) == {assigned_late.id}  # resolved_late is past due but not open
    assert await found(overdue=True, status=("closed",)) == set()
    assert await found(created_from=NOW - 4 * day, created_to=NOW - 2 * day) == {triaged.id, assigned_late.id}
    assert await found(created_to=NOW - 5 * day) == {closed.id}
    assert await found(municipality_id=B) == {in_b.id}
    assert await found(status=("open",), municipality_id=A, priority=("normal",)) == {
        received.id,
        assigned_late.id,
        far_a.id,
    }


async def test_text_search_ignores_case_and_accents_and_finds_references(tickets: RpcClient) -> None:
    street = await store(description="Straße aufgerissen vor Nummer 3")
    shouting = await store(municipality=B, description="STRASSENSCHADEN am Markt")
    cafe = await store(description="Müll vor dem Café (Ecke Bäckerei)")
    other = await store(description="Laterne flackert")

    async def search(text: str) -> set[str]:
        return set(await ids(tickets, q=text))

    assert await search("strasse") == {street.id, shouting.id}
    assert await search("STRAßE") == {street.id, shouting.id}
    assert await search("cafe (ecke") == {cafe.id}  # regex characters are plain text
    assert await search("muell") == set()  # folding is not transliteration
    assert await search("müll") == await search("mull") == {cafe.id}
    assert await search(other.reference.lower()) == {other.id}
    assert await search("  laterne   FLACKERT ") == {other.id}
    assert await search(".*") == set()


async def test_viewport_and_circle(tickets: RpcClient) -> None:
    centre = await store()
    north_300 = await store(at=metres_north(*CENTRE_A, 300))
    east_900 = await store(at=metres_east(*CENTRE_A, 900))
    in_b = await store(municipality=B)

    lat, lon = CENTRE_A
    assert set(await ids(tickets, near={"center": {"lat": lat, "lon": lon}, "radius_m": 500})) == {
        centre.id,
        north_300.id,
    }
    assert set(await ids(tickets, near={"center": {"lat": lat, "lon": lon}, "radius_m": 1000})) == {
        centre.id,
        north_300.id,
        east_900.id,
    }
    north_only = {"west": lon - 0.001, "south": lat + 0.001, "east": lon + 0.001, "north": lat + 0.01}
    assert set(await ids(tickets, bbox=north_only)) == {north_300.id}
    around_a = {"west": lon - 0.1, "south": lat - 0.1, "east": lon + 0.1, "north": lat + 0.1}
    assert set(await ids(tickets, bbox=around_a)) == {centre.id, north_300.id, east_900.id}
    # A viewport wider than 90° is asked in slices; the whole world holds every ticket.
    world = {"west": -180, "south": -90, "east": 180, "north": 90}
    assert set(await ids(tickets, bbox=world)) == {centre.id, north_300.id, east_900.id, in_b.id}
    assert await ids(tickets, bbox={"west": 0, "south": 89.95, "east": 10, "north": 90}) == []
    both = await ids(tickets, bbox=around_a, near={"center": {"lat": lat, "lon": lon}, "radius_m": 500})
    assert set(both) == {centre.id, north_300.id}


# ----- sorting and pages -----------------------------------------------------------------------------------

PRIORITIES = ("low", "normal", "high", "urgent")


async def store_varied(count: int, rng: random.Random) -> list[TicketDocument]:
    """Tickets with shuffled creation and change times, due times (some none) and priorities, with ties."""
    docs = []
    for _ in range(count):
        created = NOW - timedelta(hours=rng.randrange(1, 40))
        due = None if rng.random() < 0.3 else NOW + timedelta(hours=rng.randrange(-10, 10))
        docs.append(
            await store(
                created_at=created,
                updated_at=created + timedelta(minutes=rng.randrange(0, 90)),
                due_at=due,
                priority=rng.choice(PRIORITIES),
            )
        )
    return docs


def expected_order(docs: list[TicketDocument], sort: str, order: str) -> list[str]:
    key: Callable[[TicketDocument], Any] = {
        "created_at": lambda d: d.created_at,
        "updated_at": lambda d: d.updated_at,
        "priority": lambda d: PRIORITIES.index(d.priority),
        "due_at": lambda d: d.due_at,
    }[sort]
    dated = [d for d in docs if key(d) is not None]
    undated = [d for d in docs if key(d) is None]
    reverse = order == "desc"
    ordered = sorted(dated, key=lambda d: (key(d), d.id), reverse=reverse)
    return [d.id for d in ordered] + [d.id for d in sorted(undated, key=lambda d: d.id, reverse=reverse)]


@pytest.mark.parametrize("sort", ["created_at", "updated_at", "priority", "due_at"])
async def test_each_sort_in_both_orders(tickets: RpcClient, sort: str) -> None:
    docs = await store_varied(14, random.Random(sort))
    for order in ("asc", "desc"):
        listed = await ids(tickets, sort=sort, order=order)
        assert listed == expected_order(docs, sort, order), order


async def test_default_order_is_newest_first(tickets: RpcClient) -> None:
    docs = await store_varied(7, random.Random(3))
    assert await ids(tickets) == expected_order(docs, "created_at", "desc")


@pytest.mark.parametrize(("sort", "order"), [("created_at", "desc"), ("due_at", "asc"), ("priority", "desc")])
async def test_pages_neither_repeat_nor_skip_while_reports_arrive(
    tickets: RpcClient, sort: str, order: str
) -> None:
    rng = random.Random(f"{sort}-{order}")
    before = await store_varied(20, rng)
    arrived: list[TicketDocument] = []

    async def new_reports() -> None:
        """Reported between two pages: one now (the newest), others with random times and priorities."""
        arrived.extend(await store_varied(2, rng))
        arrived.append(await store(created_at=NOW, due_at=NOW + timedelta(hours=rng.randrange(-10, 10))))

    views = await every_page(
        tickets,
        lambda cursor: ListTickets(sort=sort, order=order, limit=4, cursor=cursor),
        between=new_reports,
    )
    seen = [view.id for view in views]
    assert arrived, "no report arrived between pages"
    assert len(seen) == len(set(seen)), "a ticket was listed twice"
    assert {d.id for d in before} <= set(seen), "a ticket present from the start was skipped"
    everyone = before + arrived
    listed_docs = [next(d for d in everyone if d.id == ticket_id) for ticket_id in seen]
    assert seen == expected_order(listed_docs, sort, order), "the pages together are not in order"


async def test_a_cursor_belongs_to_its_query(tickets: RpcClient) -> None:
    for _ in range(3):
        await store()
    first: TicketPage = await ask(tickets, ListTickets(limit=2, status=("received",)))
    assert first.next_cursor is not None
    for other in (
        ListTickets(limit=2, cursor=first.next_cursor),  # the filter changed
        ListTickets(limit=2, status=("received",), sort="due_at", cursor=first.next_cursor),
        ListTickets(limit=2, status=("received",), cursor=first.next_cursor[:-3]),
        ListTickets(limit=2, status=("received",), cursor="not-a-cursor"),
        ListMyTickets(cursor=first.next_cursor),
    ):
        assert await refused(tickets, other, CITIZEN_CTX) == ("invalid", "invalid_cursor")
    same: TicketPage = await ask(
        tickets, ListTickets(limit=5, status=("received",), cursor=first.next_cursor)
    )
    assert len(same.data) == 1  # another page size is still the same query


# ----- who sees what ---------------------------------------------------------------------------------------


async def test_staff_list_their_own_municipality_only_and_others_get_public_views(
    tickets: RpcClient,
) -> None:
    mine_in_a = await store(reporter=CITIZEN)
    theirs_in_a = await store(reporter=NEIGHBOUR)
    mine_in_b = await store(municipality=B, reporter=CITIZEN)

    async def views(asker: RpcContext, **query: Any) -> dict[str, tuple[str, str | None]]:
        page: TicketPage = await ask(tickets, ListTickets(**query), asker)
        return {v.id: (v.view, v.reporter_id) for v in page.data}

    for staff in (MANAGER_A_CTX, OPERATOR_A_CTX):
        assert await views(staff) == {
            mine_in_a.id: ("staff", CITIZEN),
            theirs_in_a.id: ("staff", NEIGHBOUR),
        }
        assert await views(staff, municipality_id=A) == await views(staff)
        assert await refused(tickets, ListTickets(municipality_id=B), staff) == (
            "forbidden",
            "other_municipality",
        )
    assert await views(ctx("u-mgr-b", "manager", B)) == {mine_in_b.id: ("staff", CITIZEN)}
    assert await views(CITIZEN_CTX) == {
        mine_in_a.id: ("reporter", CITIZEN),
        theirs_in_a.id: ("public", None),
        mine_in_b.id: ("reporter", CITIZEN),
    }
    assert await views(ANONYMOUS) == {
        mine_in_a.id: ("public", None),
        theirs_in_a.id: ("public", None),
        mine_in_b.id: ("public", None),
    }
    assert await views(ANONYMOUS, municipality_id=B) == {mine_in_b.id: ("public", None)}
    assert await views(ADMIN_CTX) == {
        mine_in_a.id: ("staff", CITIZEN),
        theirs_in_a.id: ("staff", NEIGHBOUR),
        mine_in_b.id: ("staff", CITIZEN),
    }


async def test_staff_filters_are_refused_to_everyone_else(tickets: RpcClient) -> None:
    await store(status="assigned", assigned_operator_id=OPERATOR_A, due_at=NOW - timedelta(hours=1))
    for query in (ListTickets(assigned_operator_id=OPERATOR_A), ListTickets(overdue=True)):
        assert await refused(tickets, query, CITIZEN_CTX) == ("forbidden", "staff_only_filter")
        assert await refused(tickets, query, ANONYMOUS) == ("unauthenticated", "unauthenticated")
        page: TicketPage = await ask(tickets, query, OPERATOR_A_CTX)
        assert len(page.data) == 1
    # B's staff filtering by A's operator find nothing of A's.
    page = await ask(tickets, ListTickets(assigned_operator_id=OPERATOR_A), ctx("u-mgr-b", "manager", B))
    assert page.data == ()


# ----- one's own reports -----------------------------------------------------------------------------------


async def test_my_reports_newest_first_in_the_reporter_view(tickets: RpcClient) -> None:
    mine = [
        await store(reporter=CITIZEN, municipality=side, created_at=NOW - timedelta(hours=hours), **state)
        for side, hours, state in [
            (A, 5, {}),
            (B, 4, {}),
            (A, 3, {"status": "closed"}),
            (A, 2, {}),
            (B, 1, {"status": "resolved"}),
        ]
    ]
    await store(reporter=NEIGHBOUR)
    views = await every_page(tickets, lambda cursor: ListMyTickets(limit=2, cursor=cursor), CITIZEN_CTX)
    assert {view.view for view in views} == {"reporter"}
    seen = [view.id for view in views]
    assert seen == [doc.id for doc in reversed(mine)]
    open_only: TicketPage = await ask(tickets, ListMyTickets(status=("open",)), CITIZEN_CTX)
    assert [v.id for v in open_only.data] == [mine[3].id, mine[1].id, mine[0].id]
    assert (await ask(tickets, ListMyTickets(), ctx(NEIGHBOUR))).data[0].reporter_id == NEIGHBOUR
    assert (await ask(tickets, ListMyTickets(), MANAGER_A_CTX)).data == ()
    assert await refused(tickets, ListMyTickets()) == ("unauthenticated", "unauthenticated")


# ----- an operator's queue ---------------------------------------------------------------------------------


async def know_staff(user_id: str, role: str, municipality_id: str) -> None:
    await StaffDocument(id=user_id, role=role, municipality_id=municipality_id, role_sequence=1).insert()


async def test_an_operators_queue_is_soonest_due_then_most_urgent(tickets: RpcClient) -> None:
    for user_id, municipality in ((OPERATOR_A, A), (OTHER_OPERATOR_A, A), (OPERATOR_B, B)):
        await know_staff(user_id, "operator", municipality)
    hour = timedelta(hours=1)

    async def work(**state: Any) -> TicketDocument:
        return await store(**{"status": "assigned", "assigned_operator_id": OPERATOR_A, **state})

    no_due_urgent = await work(priority="urgent")
    no_due_low = await work(priority="low")
    later = await work(due_at=NOW + 5 * hour, priority="urgent")
    soon_normal = await work(due_at=NOW + hour, status="in_progress")
    soon_high = await work(due_at=NOW + hour, priority="high", status="action_scheduled")
    overdue = await work(due_at=NOW - hour, priority="low")
    await work(due_at=NOW - 2 * hour, status="resolved")  # no longer open
    await store(status="assigned", assigned_operator_id=OTHER_OPERATOR_A, due_at=NOW - 3 * hour)
    in_b = await store(municipality=B, status="assigned", assigned_operator_id=OPERATOR_B)
    queue = [overdue, soon_high, soon_normal, later, no_due_urgent, no_due_low]

    async def listed(asker: RpcContext, operator_id: str | None = None) -> list[str]:
        views = await every_page(
            tickets,
            lambda cursor: ListAssignedTickets(operator_id=operator_id, limit=4, cursor=cursor),
            asker,
        )
        assert {view.view for view in views} <= {"staff"}
        return [view.id for view in views]

    assert await listed(OPERATOR_A_CTX) == [doc.id for doc in queue]
    assert await listed(OPERATOR_A_CTX, OPERATOR_A) == [doc.id for doc in queue]
    assert await listed(MANAGER_A_CTX, OPERATOR_A) == [doc.id for doc in queue]
    assert len(await listed(MANAGER_A_CTX)) == len(queue) + 1  # every operator of A's, none of B's
    assert await listed(ctx(OPERATOR_B, "operator", B)) == [in_b.id]

    refusals = [
        (ListAssignedTickets(operator_id=OTHER_OPERATOR_A), OPERATOR_A_CTX, ("forbidden", "own_queue_only")),
        (ListAssignedTickets(operator_id=OPERATOR_B), MANAGER_A_CTX, ("invalid", "not_an_operator")),
        (ListAssignedTickets(operator_id=MANAGER_A), MANAGER_A_CTX, ("invalid", "not_an_operator")),
        (ListAssignedTickets(), CITIZEN_CTX, ("forbidden", "staff_only")),
        (ListAssignedTickets(), ADMIN_CTX, ("forbidden", "staff_only")),
        (ListAssignedTickets(), ANONYMOUS, ("unauthenticated", "unauthenticated")),
    ]
    for query, asker, answer in refusals:
        assert await refused(tickets, query, asker) == answer, query


# ----- possible duplicates ---------------------------------------------------------------------------------


async def test_nearby_open_tickets_of_the_category_within_its_radius(tickets: RpcClient) -> None:
    await CategoryDocument(id=POTHOLE, municipality_id=A, duplicate_radius_m=80, sequence=3).insert()
    await CategoryDocument(id=LIGHT, municipality_id=A, duplicate_radius_m=500, sequence=1).insert()
    here = CENTRE_A
    at_30 = await store(at=metres_east(*here, 30), reporter=CITIZEN)
    at_10 = await store(at=metres_north(*here, 10), reporter=NEIGHBOUR, status="in_progress")
    at_70 = await store(at=metres_north(*here, -70), created_at=NOW - timedelta(days=29))
    await store(at=metres_north(*here, 120))  # beyond the category's radius
    await store(at=metres_east(*here, 20), category=LIGHT)  # another category
    await store(at=metres_east(*here, 5), status="resolved")  # not open
    await store(at=metres_east(*here, 5), created_at=NOW - timedelta(days=31))  # too old

    query = FindNearbyTickets(location=Point(lat=here[0], lon=here[1]), category_id=POTHOLE)
    for asker in (ANONYMOUS, CITIZEN_CTX, MANAGER_A_CTX):
        nearby = await ask(tickets, query, asker)
        assert [(t.id, t.distance_m) for t in nearby.data] == [(at_10.id, 10), (at_30.id, 30), (at_70.id, 70)]
        assert {(t.view, t.reporter_id) for t in nearby.data} == {("public", None)}
        assert nearby.next_cursor is None
    lights = await ask(tickets, FindNearbyTickets(location=query.location, category_id=LIGHT))
    assert len(lights.data) == 1
    unknown = FindNearbyTickets(location=query.location, category_id="c-none")
    assert await refused(tickets, unknown) == ("invalid", "category_not_found")
