"""Commands and queries the integrations service answers: plain functions of (request, context, deps).

The registry, the dependencies and the API keys live here; the Open311 queries are in open311.py and
register on the same `rpc`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from beanie import Document

from cityfix_contracts import DomainError, RpcContext, UserActor, utc_now
from cityfix_contracts.commands.integrations import (
    ApiKeyCreated,
    ApiKeyList,
    ApiKeyView,
    AuthorizeOpen311Report,
    CreateApiKey,
    ListApiKeys,
    Open311Grant,
    RevokeApiKey,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.events.municipalities import CategoryQuestion
from services.common.access import manages, require_role, role_of
from services.common.rpc import RpcRegistry
from services.common.uow import UnitOfWork

from .documents import ApiKeyDocument, CategoryDocument, MunicipalityDocument
from .domain import SHOWN_PREFIX, new_api_key_id, new_secret, secret_hash
from .settings import IntegrationsSettings
from .webhook_sender import Resolver, WebhookSender, resolve_host

rpc = RpcRegistry("integrations")


@dataclass
class IntegrationsDeps:
    settings: IntegrationsSettings
    unit_of_work: Callable[[], UnitOfWork]
    clock: Callable[[], datetime] = utc_now
    webhooks: WebhookSender | None = None  # the delivery loop, woken when deliveries are queued
    resolve: Resolver = resolve_host  # host → addresses, to refuse private destinations (a test seam)

    def wake_webhooks(self) -> None:
        if self.webhooks is not None:
            self.webhooks.wake()


# ----- jurisdictions ------------------------------------------------------------------------------------


async def jurisdiction(jurisdiction_id: str | None) -> MunicipalityDocument:
    """The municipality an Open311 call is about: named by its slug, which may be left out only while
    CityFix serves a single municipality."""
    if jurisdiction_id is None:
        served = await MunicipalityDocument.find({"active": True, "sequence": {"$gt": 0}}).to_list(2)
        if len(served) == 1:
            return served[0]
        raise DomainError(
            "malformed",
            "jurisdiction_required",
            "jurisdiction_id is required: name the municipality by its slug (see services.json).",
        )
    found = await MunicipalityDocument.find_one({"slug": jurisdiction_id, "sequence": {"$gt": 0}})
    if found is None or not found.active:
        raise DomainError(
            "not_found",
            "jurisdiction_not_found",
            f"No municipality served here has the jurisdiction_id “{jurisdiction_id}”.",
            {"jurisdiction_id": jurisdiction_id},
        )
    return found


async def active_category(municipality_id: str, service_code: str) -> CategoryDocument:
    found = await CategoryDocument.find_one(
        {"municipality_id": municipality_id, "code": service_code, "active": True, "sequence": {"$gt": 0}}
    )
    if found is None:
        raise DomainError(
            "not_found",
            "service_not_found",
            f"This jurisdiction offers no service “{service_code}”; see services.json for its services.",
            {"service_code": service_code},
        )
    return found


# ----- API keys -----------------------------------------------------------------------------------------


def api_key_view(doc: ApiKeyDocument) -> ApiKeyView:
    return ApiKeyView(
        id=doc.id,
        name=doc.name,
        municipality_id=doc.municipality_id,
        prefix=doc.prefix,
        created_at=doc.created_at,
        created_by=doc.created_by,
        last_used_at=doc.last_used_at,
        revoked_at=doc.revoked_at,
    )


def asked_by(ctx: RpcContext) -> str:
    return ctx.actor.user_id if isinstance(ctx.actor, UserActor) else ctx.actor.system


D = TypeVar("D", bound=Document)


def managed_scope(ctx: RpcContext, municipality_id: str | None, what: str) -> str | None:
    """The municipality a manager's request is about (always their own); an admin's as given."""
    if role_of(ctx) == "manager":
        if municipality_id not in (None, ctx.municipality_id):
            raise DomainError(
                "forbidden", "forbidden", f"You may only manage the {what} of your own municipality."
            )
        return ctx.municipality_id
    return municipality_id


async def newest_first(
    document: type[D], municipality_id: str | None, cursor: str | None, limit: int
) -> tuple[list[D], str | None]:
    """One page of `document`s (ids that sort by creation), newest first, of one municipality or (None)
    all, after `cursor`; and the cursor of the next page."""
    filters: dict[str, Any] = {}
    if municipality_id is not None:
        filters["municipality_id"] = municipality_id
    if cursor is not None:
        filters["_id"] = {"$lt": cursor}
    docs = await document.find(filters).sort("-_id").limit(limit + 1).to_list()
    page = docs[:limit]
    return page, (str(page[-1].id) if len(docs) > limit else None)


@rpc.handles(CreateApiKey)
async def create_api_key(cmd: CreateApiKey, ctx: RpcContext, deps: IntegrationsDeps) -> ApiKeyCreated:
    """A new key for one municipality (its managers, admins); the secret is answered this once."""
    require_role(ctx, "manager", "admin")
    municipality_id = managed_scope(ctx, cmd.municipality_id, "API keys")
    if municipality_id is None:
        raise DomainError(
            "invalid",
            "municipality_required",
            "Name the municipality the key is for (municipality_id).",
            {"fields": [{"field": "municipality_id", "problem": "required for admins"}]},
        )
    municipality = await MunicipalityDocument.get(municipality_id)
    if municipality is None or municipality.sequence == 0:
        raise not_found("municipality", municipality_id)
    secret = new_secret()
    doc = ApiKeyDocument(
        id=new_api_key_id(),
        name=cmd.name.strip() or cmd.name,
        municipality_id=municipality_id,
        prefix=secret[:SHOWN_PREFIX],
        secret_hash=secret_hash(secret),
        created_at=deps.clock(),
        created_by=asked_by(ctx),
    )
    await doc.insert()
    return ApiKeyCreated(api_key=api_key_view(doc), secret=secret)


@rpc.handles(ListApiKeys)
async def list_api_keys(query: ListApiKeys, ctx: RpcContext, deps: IntegrationsDeps) -> ApiKeyList:
    """Keys newest first, never with a secret: a manager's municipality's, or (admins) any."""
    require_role(ctx, "manager", "admin")
    municipality_id = managed_scope(ctx, query.municipality_id, "API keys")
    page, next_cursor = await newest_first(ApiKeyDocument, municipality_id, query.cursor, query.limit)
    return ApiKeyList(data=tuple(api_key_view(doc) for doc in page), next_cursor=next_cursor)


@rpc.handles(RevokeApiKey)
async def revoke_api_key(cmd: RevokeApiKey, ctx: RpcContext, deps: IntegrationsDeps) -> ApiKeyView:
    """Revoke a key of one's municipality for good; another municipality's key is answered as missing."""
    require_role(ctx, "manager", "admin")
    doc = await ApiKeyDocument.get(cmd.api_key_id)
    if doc is None or not manages(ctx, doc.municipality_id):
        raise not_found("api_key", cmd.api_key_id)
    if doc.revoked_at is None:
        doc.revoked_at = deps.clock()
        await ApiKeyDocument.get_pymongo_collection().update_one(
            {"_id": doc.id, "revoked_at": None}, {"$set": {"revoked_at": doc.revoked_at}}
        )
        doc = await ApiKeyDocument.get(cmd.api_key_id) or doc
    return api_key_view(doc)


def invalid_api_key() -> DomainError:
    return DomainError(
        "forbidden",
        "invalid_api_key",
        "This api_key is not valid (unknown or revoked); ask the municipality for a key.",
    )


@rpc.handles(AuthorizeOpen311Report)
async def authorize_open311_report(
    query: AuthorizeOpen311Report, ctx: RpcContext, deps: IntegrationsDeps
) -> Open311Grant:
    """Accept a key for a report of `service_code` in the key's municipality, and note its use."""
    key = await ApiKeyDocument.find_one({"secret_hash": secret_hash(query.api_key)})
    if key is None or key.revoked_at is not None:
        raise invalid_api_key()
    if query.jurisdiction_id is not None:
        municipality = await jurisdiction(query.jurisdiction_id)
        if municipality.id != key.municipality_id:
            raise DomainError(
                "forbidden",
                "wrong_jurisdiction",
                "This api_key is for another jurisdiction; use the key of the municipality you report to.",
                {"jurisdiction_id": query.jurisdiction_id},
            )
    category = await active_category(key.municipality_id, query.service_code)
    now = deps.clock()
    recorded = key.last_used_at
    if recorded is None or now - recorded >= timedelta(seconds=deps.settings.api_key_use_record_seconds):
        await ApiKeyDocument.get_pymongo_collection().update_one(
            {"_id": key.id}, {"$set": {"last_used_at": now}}
        )
    return Open311Grant(
        api_key_id=key.id,
        municipality_id=key.municipality_id,
        category_id=category.id,
        service_name=category.name,
        questions=tuple(CategoryQuestion.model_validate(q) for q in category.questions),
    )
