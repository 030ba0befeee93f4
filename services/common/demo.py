"""The demo data `cityfix dev --demo` seeds through the services' own commands.

Kept in the shared library because services report in their health whether the demo data has reached
them (the gateway's health is 200 only once it has).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from cityfix_contracts.commands.admin import NewCategory
from cityfix_contracts.events.municipalities import CategoryQuestion, QuestionValue

DATA_DIR = Path(__file__).parent / "data"
BOUNDARIES_FILE = DATA_DIR / "brandenburg-municipalities.geojson"

DEMO_MUNICIPALITY_NAME = "Potsdam"
DEMO_MUNICIPALITY_SLUG = "potsdam"
DEMO_REFERENCE_PREFIX = "POT"
DEMO_PASSWORD = "cityfix-demo"  # noqa: S105 - the documented demo password, development only


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Literal["citizen", "operator", "manager", "admin"]
    in_demo_municipality: bool


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin@example.org", "Ada Admin", "admin", in_demo_municipality=False),
    DemoAccount("manager@example.org", "Max Manager", "manager", in_demo_municipality=True),
    DemoAccount("operator@example.org", "Olga Operator", "operator", in_demo_municipality=True),
    DemoAccount("citizen@example.org", "Clara Citizen", "citizen", in_demo_municipality=False),
)


@cache
def brandenburg_municipalities() -> dict[str, dict[str, Any]]:
    """Name → GeoJSON geometry of the bundled Brandenburg municipalities."""
    collection = json.loads(BOUNDARIES_FILE.read_text())
    return {f["properties"]["name"]: f["geometry"] for f in collection["features"]}


def demo_boundary() -> dict[str, Any]:
    return brandenburg_municipalities()[DEMO_MUNICIPALITY_NAME]


DEMO_CATEGORIES: tuple[NewCategory, ...] = (
    NewCategory(
        code="pothole",
        name="Pothole",
        description="A hole or sunken patch in a road, cycle path or pavement.",
        sla_hours=72,
        questions=(
            CategoryQuestion(
                code="surface",
                datatype="singlevaluelist",
                required=True,
                order=1,
                description="Where is the pothole?",
                values=(
                    QuestionValue(key="road", name="Road"),
                    QuestionValue(key="cycle_path", name="Cycle path"),
                    QuestionValue(key="pavement", name="Pavement"),
                ),
            ),
        ),
    ),
    NewCategory(
        code="streetlight",
        name="Streetlight out",
        description="A street lamp that is dark, flickering or on during the day.",
        sla_hours=120,
        questions=(
            CategoryQuestion(
                code="lamp_number",
                datatype="string",
                required=False,
                order=1,
                description="The number on the lamp post, if you can see one.",
            ),
        ),
    ),
    NewCategory(
        code="graffiti", name="Graffiti", description="Unwanted paint on public property.", sla_hours=240
    ),
    NewCategory(
        code="illegal_dumping",
        name="Illegal dumping",
        description="Rubbish, bulky waste or building rubble left in a public place.",
        sla_hours=96,
    ),
    NewCategory(
        code="damaged_sign",
        name="Damaged sign",
        description="A traffic or street sign that is bent, missing or unreadable.",
        sla_hours=168,
    ),
    NewCategory(
        code="fallen_tree",
        name="Fallen tree",
        description="A tree or large branch down on a road, path or park.",
        sla_hours=24,
    ),
)
