"""Open311 GeoReport v2 bodies in its two formats: JSON (top-level arrays, or the discovery object) and XML
(a root element of items, lists as a wrapper of singular elements), and its error list.

Errors are the specification's list of `{code, description}`: a top-level array in JSON, `errors/error`
in XML, with the HTTP status as `code`. Every XML body starts with the declaration naming UTF-8.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal
from xml.etree import ElementTree as ET

from fastapi.responses import Response

Format = Literal["json", "xml"]
JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
SINGULAR = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "services": "service",
    "service_requests": "request",
    "errors": "error",
}


class Open311Error(Exception):
    """An Open311 error answered in the caller's format."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _fill(element: ET.Element, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        child = ET.SubElement(element, name)
        if isinstance(value, Mapping):
            _fill(child, value)
        elif isinstance(value, list | tuple):
            for item in value:
                grandchild = ET.SubElement(child, SINGULAR.get(name, "item"))
                if isinstance(item, Mapping):
                    _fill(grandchild, item)
                else:
                    grandchild.text = _text(item)
        elif value is not None:
            child.text = _text(value)


def xml_body(root: str, item: str | None, content: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> bytes:
    """`<root><item>…</item>…</root>` for a list, `<root>…</root>` for one object."""
    element = ET.Element(root)
    if isinstance(content, Mapping):
        _fill(element, content)
    else:
        assert item is not None
        for entry in content:
            _fill(ET.SubElement(element, item), entry)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element, encoding="unicode").encode()


def respond(
    fmt: Format,
    content: Sequence[Mapping[str, Any]] | Mapping[str, Any],
    root: str,
    item: str | None = None,
    status: int = 200,
) -> Response:
    if fmt == "xml":
        return Response(xml_body(root, item, content), status_code=status, media_type=XML_TYPE)
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_text).encode()
    return Response(body, status_code=status, media_type=JSON_TYPE)


def error_response(fmt: Format, status: int, description: str) -> Response:
    errors = [{"code": status, "description": description}]
    return respond(fmt, errors, "errors", "error", status=status)
