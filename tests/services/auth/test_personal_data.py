"""Personal data: the export holds everything kept about a person; deletion leaves no trace of them in the
auth database or in CITYFIX_PRIVATE, and public events never held a citizen's email or name."""

from __future__ import annotations

import json
from typing import Any

from cityfix_contracts.commands.auth import (
    DeleteMyAccount,
    ExportMyData,
    GetMe,
    Login,
    PersonalData,
    RequestPasswordReset,
    UpdateMe,
    UserView,
    VerifyEmail,
)
from cityfix_contracts.subjects import EVENTS_STREAM, PRIVATE_STREAM
from services.common.testing import eventually
from tests.services.auth.conftest import DEADLINE, PASSWORD, AuthHarness
from tests.services.auth.test_sessions import verification_token

EMAIL = "clara.citizen@example.org"
NAME = "Clara Citizen"
PHONE = "+49 331 987654"


async def a_full_life(auth: AuthHarness) -> UserView:
    """A citizen who did everything that leaves data behind."""
    user = await auth.register(EMAIL, full_name=NAME)
    await auth.call(VerifyEmail(token=await verification_token(auth, user.id)))
    await auth.call(UpdateMe(phone=PHONE, locale="de"), auth.as_user(user))
    await auth.login(EMAIL, address="198.51.100.7")
    await auth.login(EMAIL, address="198.51.100.8")
    await auth.fail(Login(email=EMAIL, password="Not-The-Password-9"), auth.anonymous("198.51.100.9"))
    await auth.call(RequestPasswordReset(email=EMAIL))
    await auth.private_event("PasswordResetRequested", user.id)
    return user


async def test_the_export_holds_profile_sessions_and_links_but_no_secrets(auth: AuthHarness) -> None:
    user = await a_full_life(auth)
    export: PersonalData = await auth.call(ExportMyData(), auth.as_user(user))

    assert export.user.id == user.id and export.user.email == EMAIL and export.user.email_verified
    profile = export.profile
    assert (profile["email"], profile["full_name"], profile["phone"], profile["locale"]) == (
        EMAIL,
        NAME,
        PHONE,
        "de",
    )
    assert profile["role"] == "citizen" and profile["password_set"] is True
    assert {link["purpose"] for link in profile["email_links"]} == {"verify_email", "password_reset"}
    assert len(profile["recent_failed_sign_ins"]) == 1
    assert sorted(s["client_address"] for s in export.sessions) == ["198.51.100.7", "198.51.100.8"]
    assert all(s["started_at"] and s["expires_at"] and s["ended_at"] is None for s in export.sessions)

    dumped = export.model_dump_json()
    assert "$argon2" not in dumped and PASSWORD not in dumped
    stored_hashes = [d["_id"] for d in await auth.runtime.database["refresh_tokens"].find({}).to_list(None)]
    stored_hashes += [d["_id"] for d in await auth.runtime.database["link_tokens"].find({}).to_list(None)]
    assert stored_hashes and all(h not in dumped for h in stored_hashes)
    assert "token" not in json.loads(dumped)["profile"]["email_links"][0]


async def test_export_needs_a_signed_in_user(auth: AuthHarness) -> None:
    assert (await auth.fail(ExportMyData(), auth.anonymous())).kind == "unauthenticated"


async def auth_database_text(auth: AuthHarness) -> str:
    """Every document of every collection of the auth database, as text."""
    database = auth.runtime.database
    parts: list[str] = []
    for name in await database.list_collection_names():
        parts.extend(repr(doc) for doc in await database[name].find({}).to_list(None))
    return "\n".join(parts)


async def publish_private(auth: AuthHarness, user_id: str, text: str) -> None:
    """A private message another service published about this person (notifications do)."""
    await auth.js.publish(
        f"cityfix.private.{user_id}.notification.created", json.dumps({"text": text}).encode()
    )


async def test_deleting_an_account_leaves_no_trace(auth: AuthHarness) -> None:
    user = await a_full_life(auth)
    bystander = await auth.register("bystander@example.org", full_name="Bert Bystander")
    await publish_private(auth, user.id, f"Hello {NAME}")
    await auth.outbox_drained()
    assert [
        m for m in await auth.messages(PRIVATE_STREAM) if m.subject.startswith(f"cityfix.private.{user.id}.")
    ]
    assert EMAIL in await auth_database_text(auth)

    ctx = auth.as_user(user)
    await auth.call(DeleteMyAccount(), ctx)

    [deleted] = await auth.wait_event("AccountDeleted", user_id=user.id)
    assert deleted.subject == "cityfix.events.platform.user.account_deleted"
    assert deleted.body["data"] == {"user_id": user.id}
    assert deleted.body["correlation_id"] == ctx.correlation_id
    assert deleted.body["actor"] == {"user_id": user.id, "role": "citizen"}
    await auth.outbox_drained()

    stored = await auth_database_text(auth)
    for trace in (EMAIL, NAME, PHONE, "Clara", "198.51.100.7", user.id):
        assert trace not in stored.replace(f"'user_id': '{user.id}'", ""), trace  # ids only in event records

    private = await auth.messages(PRIVATE_STREAM)
    assert not [m for m in private if m.subject.startswith(f"cityfix.private.{user.id}.")]
    assert all(EMAIL not in m.raw.decode() and NAME not in m.raw.decode() for m in private)
    assert [
        m for m in private if m.subject.startswith(f"cityfix.private.{bystander.id}.")
    ]  # others keep theirs

    public = "\n".join(m.raw.decode() for m in await auth.messages(EVENTS_STREAM))
    assert EMAIL not in public and NAME not in public and PHONE not in public and "Clara" not in public

    assert (await auth.fail(Login(email=EMAIL, password=PASSWORD))).code == "invalid_credentials"
    assert (await auth.fail(GetMe(), ctx)).kind == "unauthenticated"
    assert (await auth.register(EMAIL, full_name=NAME)).id != user.id  # the address is free again


async def test_private_messages_are_purged_even_when_the_first_purge_fails(auth: AuthHarness) -> None:
    """A crash (or NATS away) between the commit and the purge: the AccountDeleted consumer purges."""
    user = await auth.register(EMAIL, full_name=NAME)
    await publish_private(auth, user.id, f"Hello {NAME}")
    await auth.outbox_drained()
    real_jetstream, attempts = auth.deps.jetstream, []

    def away_at_first() -> Any:
        attempts.append(1)
        return None if len(attempts) == 1 else real_jetstream()

    auth.deps.jetstream = away_at_first  # the purge right after the commit cannot reach NATS

    await auth.call(DeleteMyAccount(), auth.as_user(user))

    async def purged() -> bool:
        return not [
            m
            for m in await auth.messages(PRIVATE_STREAM)
            if m.subject.startswith(f"cityfix.private.{user.id}.")
        ]

    await eventually(purged, timeout=DEADLINE, what="the AccountDeleted consumer purged the private messages")
    assert len(attempts) >= 2  # the first purge failed; the consumer's made it good


async def test_a_staff_members_deletion_is_announced_in_their_municipality(auth: AuthHarness) -> None:
    operator = await auth.provision("op@example.org", "operator", "m-a", full_name="Olga Operator")
    await auth.call(DeleteMyAccount(), auth.as_user(operator))
    [deleted] = await auth.wait_event("AccountDeleted", user_id=operator.id)
    assert deleted.subject == "cityfix.events.m-a.user.account_deleted"
    assert deleted.body["sequence"] == 2  # after UserRegistered


async def test_sequences_count_up_per_account_and_stream(auth: AuthHarness) -> None:
    user = await a_full_life(auth)
    await auth.call(DeleteMyAccount(), auth.as_user(user))
    await auth.wait_event("AccountDeleted", user_id=user.id)
    public = [m.body for m in await auth.messages(EVENTS_STREAM) if m.body["aggregate_id"] == user.id]
    assert [(e["event_type"], e["sequence"]) for e in public] == [
        ("UserRegistered", 1),
        ("AccountDeleted", 2),
    ]
