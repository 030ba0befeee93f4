"""Receive CityFix webhooks: verify the Standard Webhooks signature, then handle each event once.

Run it with the endpoint's secret (shown when the endpoint was created or its secret rotated):

    CITYFIX_WEBHOOK_SECRET=whsec_... python webhook_receiver.py 8080

CityFix retries a delivery until it gets a 2xx answer, and a manager may replay one, always with the
same `webhook-id`: remember the ids you handled (here in memory; use your database) and answer 2xx to a
repeat without handling it again. Answer quickly; do slow work after answering.
"""

from __future__ import annotations

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError


def receive(
    webhook: Webhook, body: bytes, headers: dict[str, str], handled: set[str]
) -> tuple[int, dict[str, Any] | None]:
    """The HTTP status to answer, and the event to handle (None: nothing new to handle)."""
    try:
        # Checks the HMAC-SHA256 signature and that `webhook-timestamp` is within five minutes.
        event: dict[str, Any] = webhook.verify(body, headers)
    except WebhookVerificationError:
        return 401, None
    webhook_id = {name.lower(): value for name, value in headers.items()}["webhook-id"]
    if webhook_id in handled:
        return 200, None  # a retry or replay of what was handled already
    handled.add(webhook_id)
    return 200, event


def serve(secret: str, port: int) -> None:
    webhook = Webhook(secret)
    handled: set[str] = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            status, event = receive(webhook, body, dict(self.headers.items()), handled)
            self.send_response(status)
            self.end_headers()
            if event is not None:
                # An event envelope: event_type, municipality_id, aggregate_id, sequence, data, …
                # (a test ping from POST /api/v1/webhooks/{id}/test is {"type": "webhook.test", …}).
                print(json.dumps(event), flush=True)

    HTTPServer(("", port), Handler).serve_forever()


if __name__ == "__main__":
    serve(os.environ["CITYFIX_WEBHOOK_SECRET"], int(sys.argv[1]) if len(sys.argv) > 1 else 8080)
