"""One valid instance of every event in contracts, for round-trip and schema tests.

A new event must get a sample here: test_every_event_has_a_sample fails until it does.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from cityfix_contracts import DomainEvent, Point
from cityfix_contracts.commands.ticket_queries import Circle, TicketFilters
from cityfix_contracts.events import (
    AccountDeleted,
    AddressResolved,
    AreaAlert,
    AreaAlertChanged,
    BoundaryChanged,
    CategoryChanged,
    CommentAdded,
    ContactDetailsChanged,
    EmailVerificationRequested,
    ExportPerformed,
    FeedbackSubmitted,
    MunicipalityCreated,
    MunicipalityUpdated,
    NotificationCreated,
    NotificationPreferences,
    NotificationPreferencesChanged,
    PasswordResetRequested,
    PhotoAttached,
    PhotoHidden,
    PhotoRedacted,
    PhotoUnhidden,
    PhotoUploaded,
    SlaBreached,
    StaffProfileChanged,
    StatusChanged,
    SupportAdded,
    TicketAssigned,
    TicketCreated,
    TicketFollowed,
    TicketReopened,
    TicketUnassigned,
    TicketUnfollowed,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
    WebhookEndpointDisabled,
)
from cityfix_contracts.events.media import RedactionRegion
from cityfix_contracts.events.municipalities import (
    CategoryQuestion,
    QuestionValue,
    WorkingSpan,
    WorkingWeek,
)
from cityfix_contracts.events.notifications import Notification
from cityfix_contracts.events.ticket_management import (
    TicketEdited,
    TicketHidden,
    TicketPrioritized,
    TicketRecategorized,
    TicketTransferred,
    TicketUnhidden,
)

MUNICIPALITY = "0b6c1c1e-5d0f-4c55-9a57-2f1f5b0a7a11"
TICKET = "5f8e2b1a-7c1d-4f2e-8a3b-9d0c1e2f3a4b"
CATEGORY = "c7a1e2b3-4d5f-4a6b-8c9d-0e1f2a3b4c5d"
USER = "u-3f2e1d0c"
BOUNDARY = {
    "type": "MultiPolygon",
    "coordinates": [[[[13.0, 52.0], [13.1, 52.0], [13.1, 52.1], [13.0, 52.1], [13.0, 52.0]]]],
}


def sample_events() -> dict[str, DomainEvent]:
    created = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
    samples: list[DomainEvent] = [
        TicketCreated(
            ticket_id=TICKET,
            reference="SPR-1042",
            municipality_id=MUNICIPALITY,
            category_id=CATEGORY,
            description="Pothole in front of number 12",
            location=Point(lat=52.05, lon=13.05),
            address="Hauptstraße 12",
            due_at=datetime(2025, 3, 17, 9, 0, tzinfo=UTC),
            photo_ids=("p-1", "p-2"),
            answers={"depth_cm": 12, "blocking": True, "note": "deep"},
            reporter_id=USER,
            created_at=created,
        ),
        StatusChanged(ticket_id=TICKET, **{"from": "received"}, to="triaged", note="Checked on site"),
        TicketAssigned(
            ticket_id=TICKET, operator_id="op-1", operator_name="A. Operator", previous_operator_id=None
        ),
        CommentAdded(
            ticket_id=TICKET,
            comment_id="cm-1",
            author_id="op-1",
            author_role="operator",
            author_name="A. Operator",
            body="We will fix it next week.",
            visibility="internal",
        ),
        FeedbackSubmitted(ticket_id=TICKET, rating=4, comment="Quick, thank you"),
        TicketUnassigned(ticket_id=TICKET, previous_operator_id="op-1"),
        TicketReopened(ticket_id=TICKET, by_reporter=True, note="Still broken: the hole is back"),
        TicketFollowed(ticket_id=TICKET, follower_id=USER),
        TicketUnfollowed(ticket_id=TICKET, follower_id=USER),
        SupportAdded(ticket_id=TICKET, supporter_id=USER, support_count=3),
        TicketPrioritized(ticket_id=TICKET, **{"from": "normal"}, to="urgent"),
        TicketRecategorized(
            ticket_id=TICKET,
            **{"from": CATEGORY},
            to="c-streetlight",
            due_at=datetime(2025, 3, 15, tzinfo=UTC),
        ),
        TicketEdited(ticket_id=TICKET, description="Pothole in front of a house"),
        TicketHidden(ticket_id=TICKET),
        TicketUnhidden(ticket_id=TICKET),
        TicketTransferred(
            ticket_id=TICKET,
            from_municipality_id=MUNICIPALITY,
            municipality_id="m-havelland",
            from_reference="SPR-1042",
            reference="HVL-7",
            former_references=("SPR-1042",),
            from_category_id=CATEGORY,
            category_id="c-havelland-roads",
            from_status="assigned",
            previous_operator_id="op-1",
            note="The road is the district's, not the town's",
            description="Pothole in front of number 12",
            location=Point(lat=52.05, lon=13.05),
            address="Hauptstraße 12",
            priority="high",
            due_at=datetime(2025, 3, 20, 9, 0, tzinfo=UTC),
            answers={"depth_cm": 12},
            reporter_id=USER,
            created_at=created,
        ),
        SlaBreached(
            ticket_id=TICKET,
            due_at=datetime(2025, 3, 17, 9, 0, tzinfo=UTC),
            status="assigned",
            priority="high",
            assigned_operator_id="op-1",
            breached_at=datetime(2025, 3, 17, 9, 0, 12, tzinfo=UTC),
        ),
        MunicipalityCreated(
            municipality_id=MUNICIPALITY,
            name="Spreewald",
            slug="spreewald",
            reference_prefix="SPR",
            boundary=BOUNDARY,
            timezone="Europe/Berlin",
            default_locale="de",
        ),
        MunicipalityUpdated(
            municipality_id=MUNICIPALITY,
            name="Spreewald",
            slug="spreewald",
            reference_prefix="SPR",
            working_hours=WorkingWeek(
                monday=(
                    WorkingSpan(opens=time(8), closes=time(12)),
                    WorkingSpan(opens=time(13), closes=time(16)),
                ),
                friday=(WorkingSpan(opens=time(8), closes=time(13)),),
            ),
        ),
        BoundaryChanged(municipality_id=MUNICIPALITY, boundary=BOUNDARY),
        AddressResolved(
            address_id="a-7d1e2f3a",
            ticket_id=TICKET,
            address="Hauptstraße 12, 14467 Potsdam, Deutschland",
            location=Point(lat=52.05, lon=13.05),
        ),
        PhotoUploaded(media_id="9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", owner_id=USER),
        PhotoAttached(media_id="9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", ticket_id=TICKET),
        PhotoHidden(media_id="9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", ticket_id=TICKET),
        PhotoUnhidden(media_id="9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", ticket_id=TICKET),
        PhotoRedacted(
            media_id="9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
            ticket_id=TICKET,
            regions=(RedactionRegion(x=10, y=20, width=120, height=40, style="black"),),
        ),
        CategoryChanged(
            category_id=CATEGORY,
            municipality_id=MUNICIPALITY,
            change="created",
            code="pothole",
            name="Pothole",
            group="Roads",
            description="Holes in the road surface",
            keywords=("Schlagloch", "hole"),
            sla_hours=72,
            default_priority="high",
            duplicate_radius_m=50,
            default_operator_id="op-1",
            questions=(
                CategoryQuestion(
                    code="size",
                    datatype="singlevaluelist",
                    required=True,
                    description="How big is it?",
                    values=(QuestionValue(key="s", name="Small"), QuestionValue(key="l", name="Large")),
                ),
            ),
        ),
        UserRegistered(user_id=USER, role="manager", municipality_id=MUNICIPALITY, display_name="M. Anager"),
        UserRoleChanged(user_id=USER, **{"from": "operator"}, to="manager", municipality_id=MUNICIPALITY),
        StaffProfileChanged(user_id=USER, municipality_id=MUNICIPALITY, display_name="M. Anager-Smith"),
        UserDeactivated(user_id=USER, municipality_id=MUNICIPALITY),
        UserReactivated(user_id=USER, municipality_id=MUNICIPALITY),
        AccountDeleted(user_id=USER),
        EmailVerificationRequested(
            user_id=USER,
            email="citizen@example.org",
            full_name="Cit Izen",
            token="verify-token-123",
            verify_url="http://127.0.0.1:8000/verify-email?token=verify-token-123",
            expires_at=created,
        ),
        PasswordResetRequested(
            user_id=USER,
            email="citizen@example.org",
            full_name="Cit Izen",
            token="reset-token-123",
            reset_url="http://127.0.0.1:8000/reset-password?token=reset-token-123",
            expires_at=created,
        ),
        ContactDetailsChanged(
            user_id=USER,
            email="citizen@example.org",
            full_name="Cit Izen",
            phone="+49 331 1234",
            email_verified=True,
        ),
        NotificationPreferencesChanged(
            user_id=USER,
            preferences=NotificationPreferences(email_comments=False, email_new_tickets="daily_digest"),
        ),
        AreaAlertChanged(
            user_id=USER,
            alert_id="a-1",
            change="created",
            alert=AreaAlert(
                alert_id="a-1",
                name="Around the school",
                kind="radius",
                center=Point(lat=52.4, lon=13.06),
                radius_m=500,
                category_ids=("c-pothole",),
                created_at=created,
            ),
        ),
        NotificationCreated(
            user_id=USER,
            notification=Notification(
                id="n-8c1d2e3f",
                kind="status_changed",
                reason="reporter",
                ticket_id=TICKET,
                reference="SPR-1042",
                municipality_id=MUNICIPALITY,
                status="in_progress",
                previous_status="assigned",
                excerpt="We are on our way",
                created_at=created,
            ),
        ),
        ExportPerformed(
            export_id="e-4a5b6c7d",
            municipality_id=MUNICIPALITY,
            filters=TicketFilters(
                status=("open",),
                category_id=CATEGORY,
                overdue=True,
                near=Circle(center=Point(lat=52.05, lon=13.05), radius_m=800),
            ),
            row_count=42,
            as_of=created,
        ),
        WebhookEndpointDisabled(
            webhook_endpoint_id="01795826152058657208-ac5b4cb5",
            municipality_id=MUNICIPALITY,
            owner_id=USER,
            description="Work orders",
            failed_deliveries=3,
            reason="HTTP 503",
        ),
    ]
    return {type(event).event_type(): event for event in samples}
