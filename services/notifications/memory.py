"""The notifications service's in-memory repository adapter: dict-backed collections in place of MongoDB's.

The handlers speak to their documents' collections directly (`Document.get_pymongo_collection()`,
`Document.get`), so the adapter is a collection: the few operations and query operators they use
(equality, `$in`, `$ne`, `$or`, `$exists`, comparisons; updates with `$set`, `$setOnInsert`, `$unset`; upserts),
with hash indexes on `_id` and on the documents' unique keys, and the unique keys enforced. It serves unit
tests and the event-pipeline benchmark (DESIGN §9: the in-process Mongo engine scans every document per
unique index, so it cannot carry the budgets). Used with a `MemoryUnitOfWork`: writes apply at once, not
on commit, and there are no sessions.
"""

from __future__ import annotations

import operator
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import beanie
from pymongo.errors import DuplicateKeyError

Key = tuple[str, ...]
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "$gt": operator.gt,
    "$gte": operator.ge,
    "$lt": operator.lt,
    "$lte": operator.le,
}


@dataclass(frozen=True)
class UpdateOutcome:
    matched_count: int
    modified_count: int
    upserted_id: Any = None


@dataclass(frozen=True)
class InsertOutcome:
    inserted_id: Any


@dataclass(frozen=True)
class DeleteOutcome:
    deleted_count: int


def _matches_value(value: Any, condition: Any) -> bool:
    if isinstance(condition, dict) and condition and all(k.startswith("$") for k in condition):
        for name, operand in condition.items():
            if name == "$in":
                if value not in operand:
                    return False
            elif name == "$ne":
                if value == operand:
                    return False
            elif name in COMPARISONS:
                if value is None or not COMPARISONS[name](value, operand):
                    return False
            elif name == "$exists":
                if (value is not None) != bool(operand):
                    return False
            else:
                raise NotImplementedError(f"query operator {name} in the in-memory adapter")
        return True
    if isinstance(value, list) and not isinstance(condition, list):
        return condition in value
    return bool(value == condition)


def matches(document: dict[str, Any], query: dict[str, Any]) -> bool:
    for field, condition in query.items():
        if field == "$or":
            if not any(matches(document, branch) for branch in condition):
                return False
        elif not _matches_value(document.get(field), condition):
            return False
    return True


def _plain(value: Any) -> bool:
    return not isinstance(value, dict | list)


class MemoryCursor:
    def __init__(self, documents: Iterable[dict[str, Any]]) -> None:
        self._documents = iter(list(documents))

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self

    async def __anext__(self) -> dict[str, Any]:
        try:
            return next(self._documents)
        except StopIteration:
            raise StopAsyncIteration from None

    async def to_list(self, length: int | None = None) -> list[dict[str, Any]]:
        return list(self._documents)


class MemoryCollection:
    """A collection held in a dict by `_id`, with a hash index per unique key (enforced)."""

    def __init__(self, unique: Sequence[Key] = ()) -> None:
        self.documents: dict[Any, dict[str, Any]] = {}
        self.unique: dict[Key, dict[tuple[Any, ...], Any]] = {key: {} for key in unique}

    def _candidates(self, query: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """The documents the query may match: by `_id` or a unique key when it names them, else all."""
        wanted = query.get("_id")
        if wanted is not None and _plain(wanted):
            found = self.documents.get(wanted)
            yield from () if found is None else (found,)
            return
        if isinstance(wanted, dict) and set(wanted) == {"$in"}:
            yield from (self.documents[i] for i in dict.fromkeys(wanted["$in"]) if i in self.documents)
            return
        for key, index in self.unique.items():
            if all(field in query and _plain(query[field]) for field in key):
                identity = index.get(tuple(query[field] for field in key))
                yield from () if identity is None else (self.documents[identity],)
                return
        yield from list(self.documents.values())

    def _select(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        return [d for d in self._candidates(query) if matches(d, query)]

    def _store(self, document: dict[str, Any], replacing: dict[str, Any] | None = None) -> None:
        for key, index in self.unique.items():
            values = tuple(document.get(field) for field in key)
            holder = index.get(values)
            if holder is not None and holder != document["_id"]:
                raise DuplicateKeyError(f"E11000 duplicate key on {key}: {values}")
        if replacing is not None:
            for key, index in self.unique.items():
                index.pop(tuple(replacing.get(field) for field in key), None)
        for key, index in self.unique.items():
            index[tuple(document.get(field) for field in key)] = document["_id"]
        self.documents[document["_id"]] = document

    @staticmethod
    def _project(document: dict[str, Any], projection: dict[str, Any] | None) -> dict[str, Any]:
        if not projection:
            return dict(document)
        return {f: v for f, v in document.items() if f == "_id" or projection.get(f)}

    def find(
        self, filter: dict[str, Any] | None = None, projection: dict[str, Any] | None = None, **_: Any
    ) -> MemoryCursor:
        return MemoryCursor(self._project(d, projection) for d in self._select(filter or {}))

    async def find_one(
        self, filter: dict[str, Any] | None = None, projection: dict[str, Any] | None = None, **_: Any
    ) -> dict[str, Any] | None:
        found = self._select(filter or {})
        return self._project(found[0], projection) if found else None

    async def count_documents(self, filter: dict[str, Any], **_: Any) -> int:
        return len(self._select(filter))

    async def insert_one(self, document: dict[str, Any], **_: Any) -> InsertOutcome:
        if document.get("_id") in self.documents:
            raise DuplicateKeyError(f"E11000 duplicate key on _id: {document['_id']}")
        self._store(dict(document))
        return InsertOutcome(document["_id"])

    async def update_one(
        self, filter: dict[str, Any], update: dict[str, Any], upsert: bool = False, **_: Any
    ) -> UpdateOutcome:
        found = self._select(filter)
        if found:
            self._store(self._updated(found[0], update, inserting=False), replacing=found[0])
            return UpdateOutcome(1, 1)
        if not upsert:
            return UpdateOutcome(0, 0)
        seed = {f: v for f, v in filter.items() if not f.startswith("$") and _plain(v)}
        document = self._updated(seed, update, inserting=True)
        if "_id" not in document:
            raise NotImplementedError("an upsert in the in-memory adapter names its _id")
        self._store(document)
        return UpdateOutcome(0, 0, document["_id"])

    async def update_many(self, filter: dict[str, Any], update: dict[str, Any], **_: Any) -> UpdateOutcome:
        found = self._select(filter)
        for document in found:
            self._store(self._updated(document, update, inserting=False), replacing=document)
        return UpdateOutcome(len(found), len(found))

    async def delete_many(self, filter: dict[str, Any], **_: Any) -> DeleteOutcome:
        found = self._select(filter)
        for document in found:
            for key, index in self.unique.items():
                index.pop(tuple(document.get(field) for field in key), None)
            del self.documents[document["_id"]]
        return DeleteOutcome(len(found))

    @staticmethod
    def _updated(document: dict[str, Any], update: dict[str, Any], *, inserting: bool) -> dict[str, Any]:
        changed = dict(document)
        for name, values in update.items():
            if name == "$set" or (name == "$setOnInsert" and inserting):
                changed.update(values)
            elif name == "$unset":
                for field in values:
                    changed.pop(field, None)
            elif name != "$setOnInsert":
                raise NotImplementedError(f"update operator {name} in the in-memory adapter")
        return changed


def unique_keys(document: type[beanie.Document]) -> list[Key]:
    indexes = getattr(document.Settings, "indexes", [])
    return [
        tuple(field for field, _ in index.document["key"].items())
        for index in indexes
        if getattr(index, "document", {}).get("unique")
    ]


def use_memory_collections(documents: Sequence[type[beanie.Document]]) -> dict[str, MemoryCollection]:
    """Put a fresh dict-backed collection behind each (already initialised) Beanie document; returns
    them by collection name, as a database would name them."""
    collections: dict[str, MemoryCollection] = {}
    for document in documents:
        settings = document.get_settings()
        collection = MemoryCollection(unique_keys(document))
        settings.pymongo_collection = collection  # type: ignore[assignment]
        collections[document.get_collection_name()] = collection
    return collections
