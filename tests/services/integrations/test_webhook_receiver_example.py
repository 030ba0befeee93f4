"""docs/examples/webhook_receiver.py, the receiver docs/webhooks.md shows, against deliveries signed by
the integrations service's own signing code: it accepts them, handles a retry once, and refuses a
tampered body, a wrong secret and a stale timestamp."""

from __future__ import annotations

import importlib.util
import json
from datetime import timedelta
from pathlib import Path
from types import ModuleType

from standardwebhooks import Webhook

from cityfix_contracts import utc_now
from services.integrations.webhook_domain import new_signing_secret
from services.integrations.webhook_sender import signed_headers

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "webhook_receiver.py"


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cityfix_example_webhook_receiver", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_receiver_verifies_and_handles_each_webhook_id_once() -> None:
    receiver = example()
    secret = new_signing_secret()
    webhook = Webhook(secret)
    payload = json.dumps({"event_id": "e-1", "event_type": "TicketCreated", "data": {"ticket_id": "t-1"}})
    handled: set[str] = set()

    headers = signed_headers(secret, "e-1", payload, utc_now())
    status, event = receiver.receive(webhook, payload.encode(), headers, handled)
    assert status == 200 and event == json.loads(payload)

    retried = signed_headers(secret, "e-1", payload, utc_now())  # a retry: same id, fresh signature
    assert receiver.receive(webhook, payload.encode(), retried, handled) == (200, None)

    tampered = payload.replace("t-1", "t-2").encode()
    other = signed_headers(secret, "e-2", payload, utc_now())
    assert receiver.receive(webhook, tampered, other, handled) == (401, None)
    wrong_secret = signed_headers(new_signing_secret(), "e-2", payload, utc_now())
    assert receiver.receive(webhook, payload.encode(), wrong_secret, handled) == (401, None)
    stale = signed_headers(secret, "e-2", payload, utc_now() - timedelta(minutes=10))
    assert receiver.receive(webhook, payload.encode(), stale, handled) == (401, None)
    assert handled == {"e-1"}
