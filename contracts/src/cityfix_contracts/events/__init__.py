"""Every domain event, and the registry that maps an `event_type` to its data model."""

from __future__ import annotations

from .geo import AddressResolved
from .identity import (
    AccountDeleted,
    ContactDetailsChanged,
    EmailVerificationRequested,
    PasswordResetRequested,
    StaffProfileChanged,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from .municipalities import BoundaryChanged, CategoryChanged, MunicipalityCreated, MunicipalityUpdated
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

__all__ = [
    "AccountDeleted",
    "AddressResolved",
    "BoundaryChanged",
    "CategoryChanged",
    "CommentAdded",
    "ContactDetailsChanged",
    "EmailVerificationRequested",
    "FeedbackSubmitted",
    "MunicipalityCreated",
    "MunicipalityUpdated",
    "PasswordResetRequested",
    "SlaBreached",
    "StaffProfileChanged",
    "StatusChanged",
    "SupportAdded",
    "TicketAssigned",
    "TicketCreated",
    "TicketFollowed",
    "TicketReopened",
    "TicketUnassigned",
    "TicketUnfollowed",
    "UserDeactivated",
    "UserReactivated",
    "UserRegistered",
    "UserRoleChanged",
]
