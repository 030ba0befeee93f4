"""Subscriber users of nats-server for outside systems (`cityfix integrations nats-user`).

The platform's own tools issue them: this service resolves the municipality (id or slug) from its
projection, makes a random password, keeps only its SHA-256 (like an API key's secret) and answers the
password once; the CLI writes it into the nats-server users include (services.common.nats_auth).
"""

from __future__ import annotations

import secrets

from cityfix_contracts import DomainError, RpcContext, SystemActor
from cityfix_contracts.commands.integrations import OPEN311_ACTOR_PREFIX, IssueNatsUser, NatsUserIssued
from cityfix_contracts.errors import not_found
from cityfix_contracts.subjects import EVENTS_PREFIX
from services.common.access import is_system

from .documents import MunicipalityDocument, NatsUserDocument
from .domain import secret_hash
from .handlers import IntegrationsDeps, rpc


async def municipality_named(id_or_slug: str) -> MunicipalityDocument:
    found = await MunicipalityDocument.get(id_or_slug)
    if found is None or found.sequence == 0:
        found = await MunicipalityDocument.find_one({"slug": id_or_slug, "sequence": {"$gt": 0}})
    if found is None or found.sequence == 0:
        raise not_found("municipality", id_or_slug)
    return found


@rpc.handles(IssueNatsUser)
async def issue_nats_user(cmd: IssueNatsUser, ctx: RpcContext, deps: IntegrationsDeps) -> NatsUserIssued:
    """A new (or renewed) subscriber user; the platform's own tools only, never a request over HTTP."""
    actor = ctx.actor
    if not is_system(ctx) or (
        isinstance(actor, SystemActor) and actor.system.startswith(OPEN311_ACTOR_PREFIX)
    ):
        raise DomainError("forbidden", "system_only", "Only the platform's own tools issue NATS users.")
    municipality = await municipality_named(cmd.municipality)
    existing = await NatsUserDocument.get(cmd.name)
    if existing is not None and existing.municipality_id != municipality.id:
        raise DomainError(
            "conflict",
            "nats_user_exists",
            f"The NATS user “{cmd.name}” belongs to another municipality; choose another name.",
            {"name": cmd.name},
        )
    password = secrets.token_urlsafe(32)
    doc = NatsUserDocument(
        id=cmd.name,
        municipality_id=municipality.id,
        password_hash=secret_hash(password),
        issued_at=deps.clock(),
        issued_by=actor.system if isinstance(actor, SystemActor) else actor.user_id,
    )
    await doc.save()  # a renewal replaces the old password's hash
    return NatsUserIssued(
        user=doc.id,
        password=password,
        municipality_id=municipality.id,
        filter_subject=f"{EVENTS_PREFIX}.{municipality.id}.>",
        inbox_prefix=f"_INBOX_{doc.id}",
        issued_at=doc.issued_at,
    )
