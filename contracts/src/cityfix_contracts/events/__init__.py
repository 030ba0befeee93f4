"""Every domain event, and the registry that maps an `event_type` to its data model."""

from __future__ import annotations

from .identity import UserRegistered
from .municipalities import CategoryChanged, MunicipalityCreated
from .tickets import CommentAdded, FeedbackSubmitted, StatusChanged, TicketAssigned, TicketCreated

__all__ = [
    "CategoryChanged",
    "CommentAdded",
    "FeedbackSubmitted",
    "MunicipalityCreated",
    "StatusChanged",
    "TicketAssigned",
    "TicketCreated",
    "UserRegistered",
]
