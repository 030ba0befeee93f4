"""The admin service's picture of staff, learnt from auth's events: the same whatever the order."""

from __future__ import annotations

import itertools
from typing import Any

from cityfix_contracts.events import (
    AccountDeleted,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from services.admin.domain import StaffRecord

USER, TOWN, OTHER = "u-1", "town-a", "town-b"


def replay(events: list[tuple[int, Any]]) -> tuple[object, ...]:
    staff = StaffRecord()
    for sequence, data in events:
        staff.apply(data, sequence)
    return (staff.role, staff.municipality_id, staff.active, staff.deleted)


HISTORY: list[tuple[int, Any]] = [
    (1, UserRegistered(user_id=USER, role="operator", municipality_id=TOWN)),
    (2, UserDeactivated(user_id=USER, municipality_id=TOWN)),
    (3, UserRoleChanged(user_id=USER, **{"from": "operator"}, to="manager", municipality_id=OTHER)),
    (4, UserReactivated(user_id=USER, municipality_id=OTHER)),
    (5, UserRoleChanged(user_id=USER, **{"from": "manager"}, to="operator", municipality_id=TOWN)),
    (6, UserDeactivated(user_id=USER, municipality_id=TOWN)),
]


def test_every_order_and_every_duplicate_gives_the_same_staff_record() -> None:
    expected = replay(HISTORY)
    assert expected == ("operator", TOWN, False, False)
    for order in itertools.permutations(HISTORY):
        assert replay(list(order)) == expected
        assert replay([*order, *order[:3]]) == expected


def test_a_deleted_account_stays_deleted_whatever_arrives_later() -> None:
    deleted = (7, AccountDeleted(user_id=USER))
    for order in itertools.permutations([*HISTORY[:3], deleted]):
        assert replay(list(order)) == (None, None, False, True)
