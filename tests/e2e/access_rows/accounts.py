"""Access rows: accounts, sessions and staff."""

from __future__ import annotations

from tests.support.access import (
    ACTORS,
    Case,
    a_people,
    b_people,
    each,
    fresh_email,
    municipality,
    other_person,
    request,
    row,
)
from tests.support.stack import PASSWORD

# ----- accounts ------------------------------------------------------------------------------------------
row(
    "POST",
    "/api/v1/auth/register",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/register",
        lambda w, t: {"email": fresh_email(), "password": PASSWORD, "full_name": "New Citizen"},
    ),
    [Case("anonymous", "-", 201, hides=lambda w: [PASSWORD, "$argon2"])],
)
row(
    "POST",
    "/api/v1/auth/verify-email",
    request("POST", lambda w, t: "/api/v1/auth/verify-email", lambda w, t: {"token": "not-a-real-token-123"}),
    each(ACTORS, "-", 422),
)
row(
    "POST",
    "/api/v1/auth/login",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/login",
        lambda w, t: {"email": w.person("citizen").email, "password": PASSWORD},
    ),
    [
        Case(
            "anonymous",
            "-",
            200,
            shows=lambda w: [w.person("citizen").id],
            hides=lambda w: [PASSWORD, "$argon2"],
        )
    ],
)
row(
    "POST",
    "/api/v1/auth/refresh",
    request(
        "POST", lambda w, t: "/api/v1/auth/refresh", lambda w, t: {"refresh_token": "not-a-refresh-token"}
    ),
    each(ACTORS, "-", 401),
)
row(
    "POST",
    "/api/v1/auth/logout",
    request(
        "POST", lambda w, t: "/api/v1/auth/logout", lambda w, t: {"refresh_token": "not-a-refresh-token"}
    ),
    each(ACTORS, "-", 204),
)
row(
    "GET",
    "/api/v1/auth/me",
    request("GET", lambda w, t: "/api/v1/auth/me"),
    [
        Case("anonymous", "-", 401),
        *[
            Case(
                a,
                "-",
                200,
                shows=lambda w, a=a: [w.person(a).id, w.person(a).email],
                hides=lambda w: b_people(w),
            )
            for a in ACTORS[1:]
        ],
    ],
)
row(
    "PATCH",
    "/api/v1/auth/me",
    request("PATCH", lambda w, t: "/api/v1/auth/me", lambda w, t: {"locale": "de"}),
    [
        Case("anonymous", "-", 401),
        *[Case(a, "-", 200, shows=lambda w, a=a: [w.person(a).id]) for a in ACTORS[1:]],
    ],
)
row(
    "GET",
    "/api/v1/auth/me/export",
    request("GET", lambda w, t: "/api/v1/auth/me/export"),
    [
        Case("anonymous", "-", 401),
        *[
            Case(
                a,
                "-",
                200,
                shows=lambda w, a=a: [w.person(a).email],
                hides=lambda w: [w.person("citizen_2").email, *b_people(w), "$argon2"],
            )
            for a in ACTORS[1:]
        ],
    ],
)
row(
    "DELETE",
    "/api/v1/auth/me",
    request("DELETE", lambda w, t: "/api/v1/auth/me"),
    [Case("anonymous", "-", 401)],  # a signed-in deletion is tests/e2e/test_personal_data.py
)
row(
    "POST",
    "/api/v1/auth/password-reset",
    request(
        "POST", lambda w, t: "/api/v1/auth/password-reset", lambda w, t: {"email": w.person("citizen").email}
    ),
    each(ACTORS, "-", 202, hides=lambda w: [w.person("citizen").id]),
)
row(
    "POST",
    "/api/v1/auth/password-reset/confirm",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/password-reset/confirm",
        lambda w, t: {"token": "not-a-real-token-123", "password": "another good password 7"},
    ),
    each(ACTORS, "-", 422),
)
row(
    "POST",
    "/api/v1/auth/change-password",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/change-password",
        lambda w, t: {"current_password": "wrong password here", "new_password": "another good password 7"},
    ),
    [Case("anonymous", "-", 401), *each(ACTORS[1:], "-", 422)],
)
row(
    "GET",
    "/api/v1/auth/jwks.json",
    request("GET", lambda w, t: "/api/v1/auth/jwks.json"),
    each(ACTORS, "-", 200),
)

# ----- staff accounts ------------------------------------------------------------------------------------
row(
    "GET",
    "/api/v1/users",
    request(
        "GET", lambda w, t: "/api/v1/users" + ("" if t == "-" else f"?municipality_id={municipality(w, t)}")
    ),
    [
        Case("anonymous", "-", 401),
        *each(("citizen", "operator_a"), "-", 403),
        Case("manager_a", "-", 200, shows=a_people, hides=b_people),
        Case("manager_a", "A", 200, shows=a_people, hides=b_people),
        Case("manager_a", "B", 403, hides=b_people),
        Case("admin", "-", 200, shows=lambda w: a_people(w) + b_people(w)),
        Case("admin", "B", 200, shows=b_people, hides=a_people),
    ],
)
row(
    "POST",
    "/api/v1/users",
    request(
        "POST",
        lambda w, t: "/api/v1/users",
        lambda w, t: {
            "email": fresh_email(),
            "full_name": "New Operator",
            "role": "operator",
            "municipality_id": municipality(w, t),
            "password": PASSWORD,
        },
    ),
    [
        Case("anonymous", "A", 401),
        *each(("citizen", "operator_a"), "A", 403),
        Case("manager_a", "A", 201),
        Case("manager_a", "B", 403),
        Case("admin", "A", 201),
        Case("admin", "B", 201),
    ],
)
row(
    "GET",
    "/api/v1/users/{user_id}",
    request("GET", lambda w, t: f"/api/v1/users/{other_person(w, t)}"),
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 404, hides=a_people),
        Case("operator_a", "B", 404, hides=b_people),
        Case("manager_a", "A", 200, shows=a_people),
        Case("manager_a", "B", 404, hides=b_people),
        Case("admin", "B", 200, shows=lambda w: [w.person("operator_b").email]),
    ],
)
row(
    "PATCH",
    "/api/v1/users/{user_id}",
    request(
        "PATCH",
        lambda w, t: f"/api/v1/users/{other_person(w, t)}",
        lambda w, t: {"full_name": "Renamed Operator"},
    ),
    [
        Case("anonymous", "A", 401),
        *each(("citizen", "operator_a"), "A", 403),
        Case("manager_a", "A", 200, shows=lambda w: ["Renamed Operator"]),
        Case("manager_a", "B", 404, hides=b_people),
        Case("admin", "B", 200, shows=lambda w: ["Renamed Operator"]),
    ],
)
