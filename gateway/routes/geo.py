"""Locating points and addresses (geo service): public, no sign-in."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/geo", tags=["geo"])
