"""Every domain event, and the registry that maps an `event_type` to its data model."""

from __future__ import annotations

from .exports import ExportPerformed
from .geo import AddressResolved
from .identity import (
    AccountDeleted,
    AreaAlert,
    AreaAlertChanged,
    ContactDetailsChanged,
    EmailVerificationRequested,
    NotificationPreferences,
    NotificationPreferencesChanged,
    PasswordResetRequested,
    StaffProfileChanged,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from .media import PhotoAttached, PhotoHidden, PhotoRedacted, PhotoUnhidden, PhotoUploaded
from .municipalities import BoundaryChanged, CategoryChanged, MunicipalityCreated, MunicipalityUpdated
from .notifications import NotificationCreated
from .ticket_management import (
    TicketEdited,
    TicketHidden,
    TicketPrioritized,
    TicketRecategorized,
    TicketTransferred,
    TicketUnhidden,
)
from .tickets import (
    CommentAdded,
    FeedbackSubmitted,
    SlaBreached,
    StatusChanged,
    SupportAdded,
    TicketAssigned,
    TicketCreated,
    TicketFollowed,
    TicketReopened,
    TicketUnassigned,
    TicketUnfollowed,
)
from .webhooks import WebhookEndpointDisabled

__all__ = [
    "AccountDeleted",
    "AddressResolved",
    "AreaAlert",
    "AreaAlertChanged",
    "BoundaryChanged",
    "CategoryChanged",
    "CommentAdded",
    "ContactDetailsChanged",
    "EmailVerificationRequested",
    "ExportPerformed",
    "FeedbackSubmitted",
    "MunicipalityCreated",
    "MunicipalityUpdated",
    "NotificationCreated",
    "NotificationPreferences",
    "NotificationPreferencesChanged",
    "PasswordResetRequested",
    "PhotoAttached",
    "PhotoHidden",
    "PhotoRedacted",
    "PhotoUnhidden",
    "PhotoUploaded",
    "SlaBreached",
    "StaffProfileChanged",
    "StatusChanged",
    "SupportAdded",
    "TicketAssigned",
    "TicketCreated",
    "TicketEdited",
    "TicketFollowed",
    "TicketHidden",
    "TicketPrioritized",
    "TicketRecategorized",
    "TicketReopened",
    "TicketTransferred",
    "TicketUnassigned",
    "TicketUnfollowed",
    "TicketUnhidden",
    "UserDeactivated",
    "UserReactivated",
    "UserRegistered",
    "UserRoleChanged",
    "WebhookEndpointDisabled",
]
