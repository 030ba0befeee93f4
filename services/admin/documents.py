"""How the admin service stores municipalities and categories (Beanie documents)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import utc_now


class MunicipalityDocument(Document):
    id: str  # type: ignore[assignment]  # our own immutable id, used in subjects
    name: str
    slug: str
    reference_prefix: str
    boundary: dict[str, Any] | None = None
    created_at: datetime = Field(default_factory=utc_now)
    version: int = 1

    class Settings:
        name = "municipalities"
        indexes = [IndexModel("slug", unique=True), IndexModel("reference_prefix", unique=True)]


class CategoryDocument(Document):
    id: str  # type: ignore[assignment]
    municipality_id: str
    code: str
    name: str
    name_key: str  # case-folded name: unique per municipality
    description: str = ""
    active: bool = True
    sla_hours: int | None = None
    questions: list[dict[str, Any]] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
    version: int = 1

    class Settings:
        name = "categories"
        indexes = [
            IndexModel([("municipality_id", 1), ("name_key", 1)], unique=True),
            IndexModel([("municipality_id", 1), ("code", 1)], unique=True),
            IndexModel([("municipality_id", 1), ("created_at", 1)]),
        ]


DOCUMENTS: list[type[Document]] = [MunicipalityDocument, CategoryDocument]
