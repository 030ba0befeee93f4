"""The admin service's own settings (environment, prefix CITYFIX_): the limits boundaries must keep."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import Settings

from .domain import GERMANY, BoundaryLimits


class AdminSettings(Settings):
    boundary_max_vertices: int = Field(default=5000, ge=4, description="Vertices a boundary may have")
    boundary_max_area_km2: float = Field(default=5000.0, gt=0, description="Largest area of a municipality")
    boundary_overlap_tolerance: float = Field(
        default=0.05,
        ge=0,
        lt=1,
        description="Share of the smaller area two neighbours may overlap (simplified shared borders)",
    )
    boundary_home_region: tuple[float, float, float, float] | None = Field(
        default=GERMANY,
        description="[min_lon, min_lat, max_lon, max_lat] where boundaries are expected; only used to "
        "recognise swapped coordinates, never to refuse a boundary elsewhere",
    )

    def boundary_limits(self) -> BoundaryLimits:
        return BoundaryLimits(
            max_vertices=self.boundary_max_vertices,
            max_area_km2=self.boundary_max_area_km2,
            overlap_tolerance=self.boundary_overlap_tolerance,
            home_region=self.boundary_home_region,
        )


def admin_settings(settings: Settings) -> AdminSettings:
    """The runtime's settings as AdminSettings (a test's overrides for admin fields win)."""
    if isinstance(settings, AdminSettings):
        return settings
    given = {name: value for name, value in vars(settings).items() if name in AdminSettings.model_fields}
    return AdminSettings(**given)
