"""How the managers' records travel between the ticket aggregate and its document: the moderation audit
and the transfers, stored as plain sub-documents of the ticket (so they change with its version)."""

from __future__ import annotations

from typing import Any, cast

from .domain import Actor, ModerationRecord, TransferRecord


def actor_document(actor: Actor) -> dict[str, Any]:
    return {"user_id": actor.user_id, "role": actor.role, "municipality_id": actor.municipality_id}


def actor_from(stored: dict[str, Any]) -> Actor:
    return Actor(stored["user_id"], stored["role"], stored.get("municipality_id"))


def moderation_documents(records: list[ModerationRecord]) -> list[dict[str, Any]]:
    return [
        {
            "actor": actor_document(record.actor),
            "action": record.action,
            "before": record.before,
            "after": record.after,
            "reason": record.reason,
            "at": record.at,
        }
        for record in records
    ]


def moderation_records(stored: list[dict[str, Any]]) -> list[ModerationRecord]:
    return [
        ModerationRecord(
            actor_from(entry["actor"]),
            cast(Any, entry["action"]),
            entry["before"],
            entry["after"],
            entry.get("reason"),
            entry["at"],
        )
        for entry in stored
    ]


def transfer_documents(records: list[TransferRecord]) -> list[dict[str, Any]]:
    return [
        {
            "actor": actor_document(record.actor),
            "from_municipality_id": record.from_municipality_id,
            "to_municipality_id": record.to_municipality_id,
            "from_reference": record.from_reference,
            "to_reference": record.to_reference,
            "from_category_id": record.from_category_id,
            "to_category_id": record.to_category_id,
            "note": record.note,
            "at": record.at,
        }
        for record in records
    ]


def transfer_records(stored: list[dict[str, Any]]) -> list[TransferRecord]:
    return [
        TransferRecord(
            actor_from(entry["actor"]),
            entry["from_municipality_id"],
            entry["to_municipality_id"],
            entry["from_reference"],
            entry["to_reference"],
            entry["from_category_id"],
            entry["to_category_id"],
            entry["note"],
            entry["at"],
        )
        for entry in stored
    ]
