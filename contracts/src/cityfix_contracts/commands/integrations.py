"""Commands and queries answered by the integrations service: API keys for outside systems, and the
Open311 GeoReport v2 read side, answered from the service's own projections of municipalities, categories
and tickets.

API keys: CreateApiKey (a manager for their own municipality, an admin for any) answers the secret once;
only its hash is stored. ListApiKeys never shows a secret. RevokeApiKey is final. AuthorizeOpen311Report
checks a key for a report into one category (`service_code`) of the key's municipality and records its use;
an unknown or revoked key is `invalid_api_key` (403), a key of another municipality than the
`jurisdiction_id` is `wrong_jurisdiction` (403).

Open311 queries take `jurisdiction_id` (a municipality's slug): required (`jurisdiction_required`, 400)
when more than one municipality is served, `jurisdiction_not_found` (404) when no municipality has that
slug. The models' field names are the GeoReport v2 specification's; ListOpen311RequestUpdates answers
FixMyStreet's `servicerequestupdates` extension, so its clients can pull status changes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import Contract
from ..events.municipalities import CategoryQuestion
from ..rpc import Request

OPEN311_ACTOR_PREFIX = "open311:"
"""A report sent with an API key acts as the system `open311:<api key id>` for the key's municipality."""
API_KEY_CURSOR_PATTERN = r"^[0-9A-Za-z-]{1,64}$"
MAX_REQUESTS_PAGE = 1000
MAX_WINDOW_DAYS = 90

# ----- API keys --------------------------------------------------------------------------------------------


class ApiKeyView(Contract):
    """An API key without its secret."""

    id: str
    name: str = Field(description="What the key is for, e.g. the city's work-order system")
    municipality_id: str = Field(description="The only municipality the key acts for")
    prefix: str = Field(description="The secret's first characters, to recognise a key; never the secret")
    created_at: AwareDatetime
    created_by: str = Field(description="User id of the manager or admin who created it")
    last_used_at: AwareDatetime | None = Field(default=None, description="Last accepted use; null: never")
    revoked_at: AwareDatetime | None = None


class ApiKeyCreated(Contract):
    api_key: ApiKeyView
    secret: str = Field(description="The key itself: shown this once, stored only as a hash")


class ApiKeyList(Contract):
    data: tuple[ApiKeyView, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class ApiKeyBody(Contract):
    """A new API key: a manager's is for their municipality (leave `municipality_id` out); an admin names
    the municipality."""

    name: str = Field(min_length=1, max_length=100)
    municipality_id: str | None = Field(default=None, max_length=100)


class CreateApiKey(ApiKeyBody, Request):
    service = "integrations"
    reply_model = ApiKeyCreated


class ListApiKeys(Request):
    """A municipality's API keys (a manager: their own; an admin: any, or all without `municipality_id`),
    newest first."""

    service = "integrations"
    reply_model = ApiKeyList

    municipality_id: str | None = Field(default=None, max_length=100)
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, pattern=API_KEY_CURSOR_PATTERN)


class RevokeApiKey(Request):
    """Revoke a key for good (its municipality's managers, admins); revoking it again changes nothing."""

    service = "integrations"
    reply_model = ApiKeyView

    api_key_id: str = Field(min_length=1, max_length=100)


class Open311Grant(Contract):
    """What an accepted key may report: into this category of this municipality."""

    api_key_id: str
    municipality_id: str
    category_id: str
    service_name: str = Field(description="The category's name")
    questions: tuple[CategoryQuestion, ...] = ()


class AuthorizeOpen311Report(Request):
    """Check an Open311 client's key for a report of `service_code`, and record its use."""

    service = "integrations"
    reply_model = Open311Grant

    api_key: str = Field(min_length=1, max_length=200)
    jurisdiction_id: str | None = Field(default=None, max_length=100)
    service_code: str = Field(min_length=1, max_length=60)


# ----- Open311 GeoReport v2 ----------------------------------------------------------------------------


class Open311Service(Contract):
    service_code: str
    service_name: str
    description: str
    metadata: bool = Field(description="True when the service has attributes (a service definition)")
    type: Literal["realtime", "batch", "blackbox"] = "realtime"
    keywords: str = Field(description="Comma-separated")
    group: str


class Open311ServiceList(Contract):
    services: tuple[Open311Service, ...]


class ListOpen311Services(Request):
    """The active categories of the jurisdiction as Open311 services."""

    service = "integrations"
    reply_model = Open311ServiceList

    jurisdiction_id: str | None = Field(default=None, max_length=100)


class Open311AttributeValue(Contract):
    key: str
    name: str


class Open311Attribute(Contract):
    variable: bool = True
    code: str
    datatype: Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
    required: bool
    datatype_description: str = ""
    order: int
    description: str
    values: tuple[Open311AttributeValue, ...] = ()


class Open311ServiceDefinition(Contract):
    service_code: str
    attributes: tuple[Open311Attribute, ...]


class GetOpen311ServiceDefinition(Request):
    """A category's questions as the Open311 service definition."""

    service = "integrations"
    reply_model = Open311ServiceDefinition

    jurisdiction_id: str | None = Field(default=None, max_length=100)
    service_code: str = Field(min_length=1, max_length=60)


class Open311ServiceRequest(Contract):
    """A ticket as an Open311 service request (public: no reporter, no internal notes)."""

    service_request_id: str = Field(description="The ticket's public reference")
    status: Literal["open", "closed"]
    status_notes: str | None = None
    service_name: str | None = None
    service_code: str | None = None
    description: str
    agency_responsible: str | None = None
    service_notice: str | None = None
    requested_datetime: AwareDatetime
    updated_datetime: AwareDatetime
    expected_datetime: AwareDatetime | None = None
    address: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    lat: float
    long: float
    media_url: str | None = None


class Open311RequestList(Contract):
    requests: tuple[Open311ServiceRequest, ...]


class ListOpen311Requests(Request):
    """Service requests of the jurisdiction, newest first. `service_request_ids` overrides every other
    filter; otherwise `start_date`/`end_date` (at most 90 days apart) bound `requested_datetime`."""

    service = "integrations"
    reply_model = Open311RequestList

    jurisdiction_id: str | None = Field(default=None, max_length=100)
    service_request_ids: tuple[str, ...] = Field(default=(), max_length=MAX_REQUESTS_PAGE)
    service_codes: tuple[str, ...] = Field(default=(), max_length=100)
    start_date: AwareDatetime | None = None
    end_date: AwareDatetime | None = None
    status: tuple[Literal["open", "closed"], ...] = ()
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=MAX_REQUESTS_PAGE, ge=1, le=MAX_REQUESTS_PAGE)


class GetOpen311Request(Request):
    """One service request by its id (the ticket's reference)."""

    service = "integrations"
    reply_model = Open311RequestList

    jurisdiction_id: str | None = Field(default=None, max_length=100)
    service_request_id: str = Field(min_length=1, max_length=100)


class Open311Token(Contract):
    token: str
    service_request_id: str | None = None


class Open311TokenList(Contract):
    tokens: tuple[Open311Token, ...]


class GetOpen311Token(Request):
    """The service request a token (answered by POST requests) became."""

    service = "integrations"
    reply_model = Open311TokenList

    jurisdiction_id: str | None = Field(default=None, max_length=100)
    token: str = Field(min_length=1, max_length=100)


# ----- FixMyStreet's extension: service request updates --------------------------------------------------

Open311UpdateStatus = Literal[
    "OPEN",
    "IN_PROGRESS",
    "ACTION_SCHEDULED",
    "FIXED",
    "CLOSED",
    "DUPLICATE",
    "NOT_COUNCILS_RESPONSIBILITY",
    "NO_FURTHER_ACTION",
]


class Open311RequestUpdate(Contract):
    """A status change of a ticket as FixMyStreet's `request_update` (with its additional states)."""

    update_id: str = Field(description="The StatusChanged event's id")
    service_request_id: str = Field(description="The ticket's public reference")
    status: Open311UpdateStatus
    updated_datetime: AwareDatetime
    description: str = Field(description="The public note of the change; empty without one")
    media_url: str = ""


class Open311RequestUpdateList(Contract):
    updates: tuple[Open311RequestUpdate, ...]


class ListOpen311RequestUpdates(Request):
    """Status changes of the jurisdiction's public tickets, oldest first, in a window of `updated_datetime`
    of at most 90 days (the last 90 days by default)."""

    service = "integrations"
    reply_model = Open311RequestUpdateList

    jurisdiction_id: str | None = Field(default=None, max_length=100)
    start_date: AwareDatetime | None = None
    end_date: AwareDatetime | None = None
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=MAX_REQUESTS_PAGE, ge=1, le=MAX_REQUESTS_PAGE)


# ----- NATS subscriber users -------------------------------------------------------------------------------

NATS_USER_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"


class NatsUserIssued(Contract):
    """A read-only NATS user for an outside system: its password is shown this once."""

    user: str = Field(description="The NATS user name, also the name of its only durable consumer")
    password: str = Field(description="Shown this once; the integrations service keeps only a hash")
    municipality_id: str = Field(description="The only municipality whose events the user may read")
    filter_subject: str = Field(description="cityfix.events.<municipality_id>.>")
    inbox_prefix: str = Field(description="Connect with this inbox prefix: replies come only there")
    issued_at: AwareDatetime


class IssueNatsUser(Request):
    """Issue (or, for an existing name of the same municipality, renew) a subscriber user for one
    municipality's events on CITYFIX_EVENTS. The platform's own tools only (`cityfix integrations
    nats-user`), which then write the nats-server configuration; a name taken by another municipality is
    `nats_user_exists` (409)."""

    service = "integrations"
    reply_model = NatsUserIssued

    municipality: str = Field(min_length=1, max_length=100, description="The municipality's id or slug")
    name: str = Field(
        pattern=NATS_USER_NAME_PATTERN,
        description="1 to 63 lower-case letters, digits, '-' or '_' (a subject token), e.g. potsdam-gis",
    )
