"""Development pages served beside the API (mounted only by `cityfix dev`)."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ..deps import State

router = APIRouter(tags=["development"], include_in_schema=False)


@router.get("/dev/mail", response_class=HTMLResponse)
async def dev_mail(state: State) -> HTMLResponse:
    """Every message the development SMTP server received, newest first."""
    mailbox = state.mailbox
    messages = list(reversed(mailbox.messages)) if mailbox else []
    rows = "\n".join(
        f"<article><h2>{escape(m.subject) or '(no subject)'}</h2>"
        f"<p><b>To:</b> {escape(', '.join(m.recipients))} · <b>From:</b> {escape(m.sender)} · "
        f"<time>{m.received_at:%Y-%m-%d %H:%M:%S} UTC</time></p><pre>{escape(m.body)}</pre></article>"
        for m in messages
    )
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>CityFix · development mail</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
article{{border:1px solid #ccc;border-radius:.5rem;padding:0 1rem;margin:1rem 0}}
pre{{white-space:pre-wrap}}</style></head><body>
<h1>Development mail</h1><p>{len(messages)} message(s) caught by the local SMTP server. Nothing here was sent.</p>
{rows or "<p>No mail yet.</p>"}</body></html>"""
    return HTMLResponse(page)
