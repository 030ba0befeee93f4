"""The MongoDB layer on whichever backend tests/support/mongo.py picked (in-process when none).

Everything here must pass on a real MongoDB and on the in-process engine alike; the Beanie
documents below are just small fixtures for exercising the operations our services rely on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Literal

import mongomock_ng.collection
import mongomock_ng.filtering
import pymongo
import pytest
from beanie import Document, Indexed
from pydantic import BaseModel, Field
from pymongo import GEOSPHERE, IndexModel

from services.common import mongo as mongo_module
from services.common.mongo import (
    Client,
    connect,
    init_documents,
    is_in_process,
    reset_in_process_engine,
    transaction,
)
from tests.support.mongo import (  # noqa: F401  (fixtures, until tests/conftest.py imports them)
    docker_daemon_answers,
    mongo_client,
    mongo_container,
    mongo_url,
    supports_transactions,
)

DB = "cityfix_test_backend"


class Report(Document):
    code: Annotated[str, Indexed(unique=True)]
    score: int = 0
    tags: list[str] = Field(default_factory=list)
    created_at: datetime | None = None

    class Settings:
        name = "reports"


class GeoPoint(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: list[float]  # [longitude, latitude]


class Place(Document):
    name: str
    location: GeoPoint

    class Settings:
        name = "places"
        indexes = [IndexModel([("location", GEOSPHERE)])]


@pytest.fixture
async def client(mongo_client: Client) -> Client:  # noqa: F811
    await init_documents(mongo_client, DB, [Report, Place])
    return mongo_client


async def _codes() -> list[str]:
    return sorted(r.code for r in await Report.find_all().to_list())


async def test_insert_find_and_update_operators(client: Client) -> None:
    report = await Report(code="r1", score=1).insert()

    found = await Report.get(report.id)
    assert found is not None
    assert found.code == "r1"

    await Report.find_one(Report.code == "r1").update(
        {"$set": {"code": "r1b"}, "$push": {"tags": "pothole"}, "$inc": {"score": 2}}
    )
    updated = await Report.find_one(Report.code == "r1b")
    assert updated is not None
    assert (updated.score, updated.tags) == (3, ["pothole"])

    updated.tags.append("lamp")
    await updated.save()
    assert (await Report.get(report.id)).tags == ["pothole", "lamp"]  # type: ignore[union-attr]

    await updated.delete()
    assert await Report.get(report.id) is None


async def test_sort_skip_limit(client: Client) -> None:
    await Report.insert_many([Report(code=f"r{i}", score=i) for i in range(6)])
    page = await Report.find(Report.score >= 1).sort("-score").skip(1).limit(3).to_list()
    assert [r.score for r in page] == [4, 3, 2]


async def test_count_documents(client: Client) -> None:
    await Report.insert_many([Report(code=f"r{i}", score=i % 2) for i in range(5)])
    assert await Report.find(Report.score == 1).count() == 2
    assert await Report.count() == 5
    # Straight through the driver API too, with the session= Beanie always passes.
    assert await Report.get_pymongo_collection().count_documents({"score": 0}, session=None) == 3


async def test_aggregation(client: Client) -> None:
    await Report.insert_many(
        [
            Report(code="a", score=1, tags=["x"]),
            Report(code="b", score=2, tags=["x"]),
            Report(code="c", score=5, tags=["y"]),
        ]
    )
    rows = await Report.aggregate(
        [
            {"$unwind": "$tags"},
            {"$group": {"_id": "$tags", "total": {"$sum": "$score"}}},
            {"$sort": {"_id": 1}},
        ]
    ).to_list()
    assert rows == [{"_id": "x", "total": 3}, {"_id": "y", "total": 5}]
    assert await Report.find(Report.score > 1).sum(Report.score) == 7


async def test_unique_index_raises_duplicate_key_error(client: Client) -> None:
    await Report(code="same").insert()
    with pytest.raises(pymongo.errors.DuplicateKeyError):
        await Report(code="same").insert()
    assert await Report.count() == 1


async def test_geo_near_and_within(client: Client) -> None:
    # Amsterdam Centraal, Dam square (~1 km away), Utrecht (~35 km away).
    await Place.insert_many(
        [
            Place(name="centraal", location=GeoPoint(coordinates=[4.9003, 52.3789])),
            Place(name="dam", location=GeoPoint(coordinates=[4.8924, 52.3731])),
            Place(name="utrecht", location=GeoPoint(coordinates=[5.1214, 52.0907])),
        ]
    )
    here = {"type": "Point", "coordinates": [4.8930, 52.3735]}

    near = await Place.find({"location": {"$near": {"$geometry": here, "$maxDistance": 2_000}}}).to_list()
    assert [p.name for p in near] == ["dam", "centraal"]  # nearest first, Utrecht out of range

    amsterdam = {
        "type": "Polygon",
        "coordinates": [[[4.7, 52.3], [5.1, 52.3], [5.1, 52.45], [4.7, 52.45], [4.7, 52.3]]],
    }
    within = await Place.find({"location": {"$geoWithin": {"$geometry": amsterdam}}}).to_list()
    assert sorted(p.name for p in within) == ["centraal", "dam"]


async def test_timezone_aware_datetimes_round_trip(client: Client) -> None:
    # Millisecond precision: BSON dates carry no more.
    moment = datetime(2024, 5, 6, 7, 8, 9, 123_000, tzinfo=timezone(timedelta(hours=2)))
    report = await Report(code="tz", created_at=moment).insert()

    loaded = await Report.get(report.id)
    assert loaded is not None
    assert loaded.created_at == moment
    assert loaded.created_at.utcoffset() == timedelta(0)  # handed back as UTC

    raw = await Report.get_pymongo_collection().find_one({"code": "tz"})
    assert raw is not None
    assert raw["created_at"].tzinfo is not None
    assert await Report.find({"created_at": {"$gt": moment - timedelta(seconds=1)}}).count() == 1


async def _require_transactions(client: Client) -> None:
    if not await supports_transactions(client):
        pytest.skip("this MongoDB is standalone: transactions need a replica set")


async def test_transaction_commits(client: Client) -> None:
    await _require_transactions(client)
    await Report(code="before", score=1).insert()

    async with transaction(client) as session:
        assert session.in_transaction
        await Report(code="inside").insert(session=session)
        await Report.find_one(Report.code == "before", session=session).update(
            {"$inc": {"score": 1}}, session=session
        )
        assert await Report.find(session=session).count() == 2

    assert await _codes() == ["before", "inside"]
    assert (await Report.find_one(Report.code == "before")).score == 2  # type: ignore[union-attr]


async def test_transaction_aborts_on_error(client: Client) -> None:
    await _require_transactions(client)
    await Report(code="before", score=1).insert()

    async def work_that_fails() -> None:
        async with transaction(client) as session:
            await Report(code="inside").insert(session=session)
            await Report.find_one(Report.code == "before", session=session).update(
                {"$set": {"score": 99}}, session=session
            )
            await Place(name="p", location=GeoPoint(coordinates=[4.9, 52.37])).insert(session=session)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await work_that_fails()

    assert await _codes() == ["before"]
    assert (await Report.find_one(Report.code == "before")).score == 1  # type: ignore[union-attr]
    assert await Place.count() == 0


async def test_an_abort_undoes_every_kind_of_update_and_keeps_what_was_not_touched(client: Client) -> None:
    await _require_transactions(client)
    reports = Report.get_pymongo_collection()
    for code, score in [("kept", 1), ("set", 2), ("many-a", 3), ("many-b", 4), ("swapped", 5), ("gone", 6)]:
        await Report(code=code, score=score, tags=["x"]).insert()
    before = {r.code: (r.score, r.tags) for r in await Report.find_all().to_list()}

    async def work_that_fails() -> None:
        async with transaction(client) as session:
            await reports.update_one(
                {"code": "set"}, {"$set": {"score": 20}, "$push": {"tags": "y"}}, session=session
            )
            await reports.update_many(
                {"code": {"$regex": "^many-"}}, {"$inc": {"score": 100}}, session=session
            )
            await reports.find_one_and_update({"code": "swapped"}, {"$set": {"score": 50}}, session=session)
            await reports.update_one({"code": "set"}, {"$set": {"score": 21}}, session=session)  # twice
            await reports.replace_one({"code": "many-a"}, {"code": "many-a", "score": 0}, session=session)
            await reports.delete_one({"code": "gone"}, session=session)
            await reports.insert_one({"code": "new", "score": 7}, session=session)
            await reports.update_one({"code": "new"}, {"$set": {"score": 8}}, session=session)
            assert (await reports.find_one({"code": "set"}))["score"] == 21  # type: ignore[index]
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await work_that_fails()

    after = {r.code: (r.score, r.tags) for r in await Report.find_all().to_list()}
    assert after == before
    # The restored collection is live again: it takes writes, and the unique index still holds.
    await reports.update_one({"code": "kept"}, {"$set": {"score": 10}})
    assert (await Report.find_one(Report.code == "kept")).score == 10  # type: ignore[union-attr]
    with pytest.raises(pymongo.errors.DuplicateKeyError):
        await Report(code="set").insert()


async def test_a_commit_keeps_updates_and_a_later_abort_undoes_only_its_own(client: Client) -> None:
    await _require_transactions(client)
    reports = Report.get_pymongo_collection()
    await Report(code="r", score=1).insert()
    async with transaction(client) as session:
        await reports.update_one({"code": "r"}, {"$inc": {"score": 1}}, session=session)

    async def work_that_fails() -> None:
        async with transaction(client) as session:
            await reports.update_one({"code": "r"}, {"$inc": {"score": 40}}, session=session)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await work_that_fails()
    assert (await Report.find_one(Report.code == "r")).score == 2  # type: ignore[union-attr]


async def test_connect_none_is_one_shared_engine() -> None:
    reset_in_process_engine()
    try:
        first, second = connect(None), connect(None)
        assert first is second
        assert is_in_process(first)

        # A "service" writes, then "restarts" (reconnects and re-inits Beanie): its data is still there.
        await init_documents(first, "cityfix_test_shared", [Report])
        await Report(code="kept").insert()
        await init_documents(connect(None), "cityfix_test_shared", [Report])
        assert await _codes() == ["kept"]
        raw = await second["cityfix_test_shared"]["reports"].find_one({"code": "kept"})
        assert raw is not None

        reset_in_process_engine()
        fresh = connect(None)
        assert fresh is not first
        assert await fresh["cityfix_test_shared"]["reports"].count_documents({}) == 0
    finally:
        reset_in_process_engine()


async def test_the_in_process_engine_sweeps_ttl_expired_documents_at_intervals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Expired documents still go (as a real MongoDB's TTL monitor removes them), but the engine no
    longer scans the collection for them on every read and write."""
    reset_in_process_engine()
    try:
        engine = connect(None)
        collection = engine["cityfix_test_ttl"]["tokens"]
        await collection.create_index("expires_at", expireAfterSeconds=0)
        store = collection._sync._store
        scans = 0
        sweep = type(store)._expire_documents

        def counted(self: object, index: object) -> None:
            nonlocal scans
            scans += 1
            sweep(self, index)

        monkeypatch.setattr(type(store), "_expire_documents", counted)
        clock = [1000.0]
        monkeypatch.setattr(mongo_module.time, "monotonic", lambda: clock[0])
        past = datetime.now(UTC) - timedelta(minutes=1)
        for n in range(20):
            await collection.insert_one({"_id": f"t{n}", "expires_at": past + timedelta(hours=n)})
        assert scans <= 1  # twenty inserts, at most one sweep
        clock[0] += mongo_module.TTL_SWEEP_SECONDS
        remaining = await collection.count_documents({})
        assert remaining == 19  # the one already expired is gone at the next sweep
        assert scans <= 2
    finally:
        reset_in_process_engine()


async def test_connect_url_gives_a_real_client() -> None:
    real = connect("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100")  # never contacted
    try:
        assert not is_in_process(real)
        assert isinstance(real, pymongo.AsyncMongoClient)
    finally:
        await real.close()


@pytest.mark.docker
async def test_testcontainers_backend() -> None:
    if not docker_daemon_answers():
        pytest.skip("no Docker daemon answers (docker.from_env().ping() failed); testcontainers path not run")
    with mongo_container() as url:
        real = connect(url)
        try:
            assert not is_in_process(real)
            await init_documents(real, "cityfix_test_docker", [Report])
            await Report(code="c1", created_at=datetime(2024, 1, 1, tzinfo=UTC)).insert()
            with pytest.raises(pymongo.errors.DuplicateKeyError):
                await Report(code="c1").insert()
            loaded = await Report.find_one(Report.code == "c1")
            assert loaded is not None
            assert loaded.created_at == datetime(2024, 1, 1, tzinfo=UTC)
        finally:
            await real.drop_database("cityfix_test_docker")
            await real.close()


async def test_the_in_process_engine_finds_by_id_without_testing_every_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A filter naming a string `_id` is answered from that one document, with the rest of the filter
    still applied; other filters test every document, as before."""
    reset_in_process_engine()
    try:
        reports = connect(None)["cityfix_test_by_id"]["reports"]
        await reports.insert_many([{"_id": f"r{i}", "code": f"c{i}", "score": i} for i in range(300)])
        tested: list[object] = []
        applies = mongomock_ng.filtering.filter_applies

        def counting(filter: object, document: object) -> bool:
            tested.append(document)
            return bool(applies(filter, document))

        monkeypatch.setattr(mongomock_ng.filtering, "filter_applies", counting)
        monkeypatch.setattr(mongomock_ng.collection, "filter_applies", counting)  # the library's scan
        assert (await reports.find_one({"_id": "r7"}) or {}).get("code") == "c7"
        assert await reports.find_one({"_id": "r7", "score": 8}) is None  # the rest of the filter holds
        assert await reports.find_one({"_id": "missing"}) is None
        updated = await reports.update_one({"_id": "r9"}, {"$set": {"score": -1}})
        assert updated.modified_count == 1
        upserted = await reports.update_one({"_id": "new"}, {"$set": {"score": 5}}, upsert=True)
        assert upserted.upserted_id == "new"
        assert (await reports.find_one({"_id": "r9"}) or {}).get("score") == -1
        assert await reports.count_documents({"_id": "new", "score": 5}) == 1
        assert len(tested) <= 10  # at most the named document, once per call
        tested.clear()
        assert [d["_id"] for d in await reports.find({"score": {"$gte": 298}}).to_list()] == ["r298", "r299"]
        assert len(tested) >= 300  # any other filter: every document, as the library does
    finally:
        reset_in_process_engine()
