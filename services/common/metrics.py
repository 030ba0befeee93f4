"""Prometheus metrics shared by every process (names fixed by issue 2)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "cityfix_http_requests_total", "HTTP requests handled by the gateway", ["method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "cityfix_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
HANDLER_DURATION = Histogram(
    "cityfix_handler_duration_seconds",
    "Time a service spends handling one request or event",
    ["service", "handler", "outcome"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
OUTBOX_PENDING = Gauge(
    "cityfix_outbox_pending", "Events stored but not yet acknowledged by JetStream", ["service"]
)
CONSUMER_PENDING = Gauge(
    "cityfix_consumer_pending", "Messages waiting for a durable consumer", ["service", "consumer"]
)
DEAD_LETTERS = Counter(
    "cityfix_dead_letters_total", "Messages moved to CITYFIX_DLQ after max_deliver", ["service", "consumer"]
)
