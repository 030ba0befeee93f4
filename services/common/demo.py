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


# Demo categories name no default operator: a demo report starts unassigned, for a manager to triage.
DEMO_CATEGORIES: tuple[NewCategory, ...] = (
    NewCategory(
        code="pothole",
        name="Pothole",
        group="Roads and paths",
        description="A hole or sunken patch in a road, cycle path or pavement.",
        keywords=("Schlagloch", "road damage", "hole"),
        sla_hours=72,
        default_priority="high",
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
        group="Lighting",
        description="A street lamp that is dark, flickering or on during the day.",
        keywords=("Straßenlaterne", "lamp", "light"),
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
        code="graffiti",
        name="Graffiti",
        group="Cleanliness",
        description="Unwanted paint on public property.",
        keywords=("Schmiererei", "tag", "paint"),
        sla_hours=240,
        default_priority="low",
        duplicate_radius_m=25,
    ),
    NewCategory(
        code="illegal_dumping",
        name="Illegal dumping",
        group="Cleanliness",
        description="Rubbish, bulky waste or building rubble left in a public place.",
        keywords=("Sperrmüll", "Müll", "rubbish", "fly-tipping"),
        sla_hours=96,
        questions=(
            CategoryQuestion(
                code="hazardous",
                datatype="singlevaluelist",
                required=False,
                order=1,
                description="Could it be dangerous (chemicals, asbestos, tyres)?",
                values=(
                    QuestionValue(key="yes", name="Yes"),
                    QuestionValue(key="no", name="No"),
                    QuestionValue(key="unsure", name="Not sure"),
                ),
            ),
        ),
    ),
    NewCategory(
        code="damaged_sign",
        name="Damaged sign",
        group="Roads and paths",
        description="A traffic or street sign that is bent, missing or unreadable.",
        keywords=("Verkehrszeichen", "Schild", "traffic sign"),
        sla_hours=168,
    ),
    NewCategory(
        code="fallen_tree",
        name="Fallen tree",
        group="Trees and green spaces",
        description="A tree or large branch down on a road, path or park.",
        keywords=("Baum", "Ast", "branch", "storm damage"),
        sla_hours=24,
        default_priority="urgent",
        duplicate_radius_m=100,
    ),
)
