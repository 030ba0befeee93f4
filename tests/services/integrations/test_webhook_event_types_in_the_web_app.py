"""The web app's webhook form offers exactly the public event types the integrations service accepts.

The API has no list of them (docs/events.md describes them), so the form keeps its own copy in
frontend/src/features/integrations/event-types.ts: this test fails when a public event is added or
removed without the form following.
"""

from __future__ import annotations

import re
from pathlib import Path

from services.integrations.webhook_domain import PUBLIC_EVENT_TYPES

FORM_TYPES = (
    Path(__file__).resolve().parents[3] / "frontend" / "src" / "features" / "integrations" / "event-types.ts"
)


def test_the_form_lists_every_public_event_type_once() -> None:
    source = FORM_TYPES.read_text()
    arrays = re.findall(r"types: \[([^\]]*)\]", source)
    listed = [name for array in arrays for name in re.findall(r"'([A-Za-z]+)'", array)]
    assert listed, f"no event types found in {FORM_TYPES}"
    assert len(listed) == len(set(listed)), "an event type is listed twice"
    assert set(listed) == set(PUBLIC_EVENT_TYPES), (
        f"missing from the form: {sorted(set(PUBLIC_EVENT_TYPES) - set(listed))}; "
        f"not public events: {sorted(set(listed) - set(PUBLIC_EVENT_TYPES))}"
    )
