// Generated from gateway/openapi.json by `make api-client` (npm run api:generate). Do not edit.

export interface paths {
    "/api/v1/admin/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Dead Letters
         * @description Events no consumer could handle, oldest first, without their bodies (platform admins).
         */
        get: operations["admin-list_dead_letters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/dead-letters/{dead_letter_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay Dead Letter
         * @description Publish a dead letter again on its original subject and remove it (platform admins). Consumers
         *     that already handled it skip it; the one that failed gets it again.
         */
        post: operations["admin-replay_dead_letter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications/failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Failed Deliveries
         * @description Emails given up for good (refused by the mail server, or not handed over after every retry),
         *     newest first (platform admins).
         */
        get: operations["admin-list_failed_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change Password
         * @description Change your password (the current one is required).
         */
        post: operations["auth-change-password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Jwks
         * @description The public keys access tokens are signed with (EdDSA).
         */
        get: operations["auth-jwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Login
         * @description Sign in: a short-lived access token and a rotating refresh token.
         */
        post: operations["auth-login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout
         * @description End the session this refresh token belongs to.
         */
        post: operations["auth-logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Me
         * @description The signed-in user.
         */
        get: operations["auth-me"];
        put?: never;
        post?: never;
        /**
         * Delete Me
         * @description Delete your account. Your reports stay, without anything that identifies you.
         */
        delete: operations["auth-delete-me"];
        options?: never;
        head?: never;
        /**
         * Update Me
         * @description Change your name, language or phone number.
         */
        patch: operations["auth-update-me"];
        trace?: never;
    };
    "/api/v1/auth/me/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Alerts
         * @description Your area alerts, oldest first.
         */
        get: operations["auth-list-alerts"];
        put?: never;
        /**
         * Create Alert
         * @description Be told about new reports in a circle around a point or in a whole municipality, optionally only
         *     of some categories.
         */
        post: operations["auth-create-alert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/alerts/{alert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete Alert
         * @description Delete one of your area alerts.
         */
        delete: operations["auth-delete-alert"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export My Data
         * @description Everything CityFix holds about you, as JSON.
         */
        get: operations["auth-export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Preferences
         * @description What you want by email (your in-app inbox always gets everything addressed to you).
         */
        get: operations["auth-get-notification-preferences"];
        /**
         * Set Preferences
         * @description Replace your preferences; a field you leave out takes its default.
         */
        put: operations["auth-set-notification-preferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Password Reset
         * @description Ask for a password reset link. The answer is the same whether or not the account exists.
         */
        post: operations["auth-password-reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm Password Reset
         * @description Set a new password with the token from the reset email (single use, expiring).
         */
        post: operations["auth-password-reset-confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh
         * @description Exchange a refresh token for a new pair. A refresh token works once; reusing one ends the session.
         */
        post: operations["auth-refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register
         * @description Create a citizen account; a verification email follows. Unverified citizens may already report.
         */
        post: operations["auth-register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify Email
         * @description Confirm an email address with the token from the verification email.
         */
        post: operations["auth-verify-email"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Event Stream
         * @description Your notifications as they are stored, and the public updates of a municipality's tickets (`event:`
         *     the event type, `id:` the position to resume from with Last-Event-ID, `data:` the event's envelope).
         */
        get: operations["live-stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/stream-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stream Token
         * @description A short-lived token that opens your live stream: pass it as `?token=` to `GET /events/stream`, or
         *     let the browser send the cookie this sets (HttpOnly, only for the stream's path).
         */
        post: operations["live-stream_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/geocode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Geocode
         * @description Places matching an address (public).
         */
        get: operations["geo-geocode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/locate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Locate
         * @description The municipality responsible for a point (public).
         */
        get: operations["geo-locate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geo/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reverse
         * @description The address at a point (public).
         */
        get: operations["geo-reverse"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health
         * @description Every service's status. 503 names what is missing (a service down, or a readiness check failing).
         */
        get: operations["health-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Api Keys
         * @description API keys newest first, with their last use and never a secret: your municipality's (managers), any
         *     or one municipality's (admins).
         */
        get: operations["integrations-list-api-keys"];
        put?: never;
        /**
         * Create Api Key
         * @description A new key for your municipality (managers) or the one named (admins). Keep `secret`: it is shown
         *     this once and stored only as a hash.
         */
        post: operations["integrations-create-api-key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/api-keys/{api_key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke Api Key
         * @description Revoke a key for good: Open311 clients using it are refused at once.
         */
        delete: operations["integrations-revoke-api-key"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/live/municipalities/{municipality_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live Municipality
         * @description Stream the public ticket events of a municipality (`event:` is the event type, `id:` its event_id).
         */
        get: operations["live-municipality"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload Photo
         * @description Upload one photo for a report (multipart, field `file`). It is checked, turned upright and
         *     re-encoded without any metadata; `suggested_location` is the camera's GPS position, given to the
         *     uploader only. The photo stays private to the uploader until a ticket references it in `photo_ids`.
         */
        post: operations["media-upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Photo
         * @description The photo (JPEG, longest side ≤ 2048 px): public once attached to a ticket, before that only
         *     to its uploader.
         */
        get: operations["media-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{media_id}/moderation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Moderate Photo
         * @description Hide a photo of a ticket from the public (`hidden`: true; PhotoHidden) or show it again. A hidden
         *     photo is 404 to everyone but the municipality's staff and its uploader.
         */
        patch: operations["media-moderate"];
        trace?: never;
    };
    "/api/v1/media/{media_id}/original": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Original
         * @description The photo without its redaction, for staff of its ticket's municipality only (404 to others).
         */
        get: operations["media-original"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{media_id}/redaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Redact Photo
         * @description Blur or black out rectangles (faces, number plates), given in the photo's pixel coordinates and
         *     inside it, on the original (a new redaction replaces the last). The public then gets the redacted
         *     photo and thumbnail; the original stays, for the municipality's staff (PhotoRedacted).
         */
        put: operations["media-redact"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{media_id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Thumbnail
         * @description The photo's thumbnail (JPEG, longest side ≈ 400 px), visible to the same people as the photo.
         */
        get: operations["media-thumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/municipalities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Municipalities
         * @description Every municipality CityFix serves (public), without boundaries (each has its bounding box).
         */
        get: operations["municipalities-list"];
        put?: never;
        /**
         * Create Municipality
         * @description Create a municipality (platform admins). Its boundary is checked: closed rings, no self-crossing,
         *     [longitude, latitude] order, size caps (422), and no real overlap with another municipality (409).
         */
        post: operations["municipalities-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/municipalities/{municipality_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Municipality
         * @description One municipality with its boundary (public). `contact_email` is filled in only for admins and
         *     that municipality's staff.
         */
        get: operations["municipalities-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update Municipality
         * @description Change a municipality (platform admins): fields left out stay; `boundary: null` removes it.
         */
        patch: operations["municipalities-update"];
        trace?: never;
    };
    "/api/v1/municipalities/{municipality_id}/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Categories
         * @description The categories a citizen can report in this municipality (public). Its managers and admins may
         *     add `include_inactive=true` to see deactivated ones too.
         */
        get: operations["categories-list"];
        put?: never;
        /**
         * Create Category
         * @description Create a category (that municipality's managers, and admins).
         */
        post: operations["categories-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/municipalities/{municipality_id}/categories/{category_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update Category
         * @description Change a category (that municipality's managers, and admins); `active: false` deactivates it and
         *     keeps its history. Fields left out stay; null clears `sla_hours` and `default_operator_id`.
         */
        patch: operations["categories-update"];
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Notifications
         * @description Your notifications, newest first, with how many are unread (on every page).
         */
        get: operations["notifications-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark All Read
         * @description Mark all your notifications read.
         */
        post: operations["notifications-read_all"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{notification_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark Read
         * @description Mark one of your notifications read; marking it again changes nothing.
         */
        post: operations["notifications-read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ticket Stats
         * @description Tickets created in a period (the last 30 days by default): counts by status and category, over
         *     time in day, week or month buckets; the median time to first resolution; SLA compliance. Managers
         *     get their own municipality; admins name one.
         */
        get: operations["stats-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Tickets
         * @description Tickets by filters, newest first unless `sort`/`order` say otherwise, a page at a time (public).
         *
         *     Anonymous visitors and citizens get public views of every municipality's tickets (a citizen's own in
         *     the reporter view); managers and operators staff views of their own municipality's tickets only;
         *     admins staff views of all. `sort=due_at` lists tickets without a due time last.
         */
        get: operations["tickets-list"];
        put?: never;
        /**
         * Create Ticket
         * @description Report a problem at a point: a signed-in citizen, or a manager or operator of the municipality on
         *     behalf of someone who phoned. The point decides the municipality; the category must be one of its
         *     active categories; answers are checked against the category's questions.
         */
        post: operations["tickets-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/assigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Assigned Tickets
         * @description An operator's queue: the open tickets assigned to them, soonest due first (no due time last),
         *     then the most urgent. Operators get their own; managers name an operator of their municipality.
         */
        get: operations["tickets-list-assigned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Tickets
         * @description A municipality's tickets as a CSV file, by the filters of `GET /tickets` (managers: their own
         *     municipality; admins name one with `municipality_id`). Starting it is recorded (ExportPerformed: who,
         *     the filters, the number of tickets). Cells that a spreadsheet would run as formulas start with `'`;
         *     the file never names a reporter.
         */
        get: operations["tickets-export-csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List My Tickets
         * @description Your own reports in the reporter view, newest first.
         */
        get: operations["tickets-list-mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/nearby": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find Nearby Tickets
         * @description Is it one of these? Open tickets of the category within its duplicate radius of the point,
         *     reported in the last 30 days, nearest first with their distance, in public views (public).
         */
        get: operations["tickets-nearby"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Ticket
         * @description One ticket (public). `view` says what the asker sees: `public` (no reporter identity),
         *     `reporter` (their own ticket) or `staff` (that municipality's managers and operators).
         */
        get: operations["tickets-get"];
        /**
         * Update Ticket
         * @description Change a ticket's `assigned_operator_id`, `priority` and `category_id` (its managers); fields left out
         *     stay. Assigning is exactly POST …/assignment (TicketAssigned, then StatusChanged → assigned), null
         *     takes the operator off an assigned ticket (…/assignment DELETE). Another category (an active one of the
         *     same municipality) recomputes `due_at` from its SLA, counted from the report, and keeps the answers.
         */
        put: operations["tickets-update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign Ticket
         * @description Give the ticket to an operator of its municipality (its managers): TicketAssigned, then
         *     StatusChanged → assigned when the status changes.
         */
        post: operations["tickets-assign"];
        /**
         * Unassign Ticket
         * @description Take the operator off an assigned ticket (its managers): back to triaged.
         */
        delete: operations["tickets-unassign"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Comments
         * @description A ticket's comments, oldest first (public). The `view` says what the asker sees: internal comments
         *     only in the `staff` view, a citizen author's id only to staff and to the author.
         */
        get: operations["tickets-list-comments"];
        put?: never;
        /**
         * Add Comment
         * @description Comment on a ticket: any signed-in citizen publicly (while it is open or resolved), staff of its
         *     municipality publicly or `internal` (staff only), in any state. Plain text up to 2000 characters.
         *     CommentAdded names a staff author by display name, a citizen by id only.
         */
        post: operations["tickets-comment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit Feedback
         * @description The reporter rates the resolution, 1 to 5, once per resolution; the status does not change.
         */
        post: operations["tickets-feedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Follow Ticket
         * @description Get updates about a ticket (TicketFollowed); following again changes nothing.
         */
        post: operations["tickets-follow"];
        /**
         * Unfollow Ticket
         * @description Stop updates about a ticket (TicketUnfollowed); unfollowing one not followed changes nothing.
         */
        delete: operations["tickets-unfollow"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/moderation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Moderation
         * @description The ticket's moderation record for its staff: the text as reported, and every edit and hiding with
         *     who, when, before, after and why.
         */
        get: operations["tickets-moderation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Moderate Ticket
         * @description Edit the report's public `description` and/or set `hidden` (its managers), with an optional `reason`
         *     for the audit. A hidden ticket is 404 to the public; its reporter and staff still see it. Events
         *     TicketEdited, TicketHidden, TicketUnhidden carry neither the replaced text nor the reason.
         */
        patch: operations["tickets-moderate"];
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change Status
         * @description Move the ticket by the status table: the assigned operator or a manager works it; the reporter
         *     may reopen it ("still broken") within 30 days of the resolution.
         */
        post: operations["tickets-change-status"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/support": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Support Ticket
         * @description "Me too": this problem affects the asker too (SupportAdded; `support_count` on the ticket). Once per
         *     person and only on open tickets; the reporter's own report already counts.
         */
        post: operations["tickets-support"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Timeline
         * @description A ticket's history in order (public): reported, assignments by operator name, status changes with
         *     their notes, reopenings, comments, feedback and support. `view` says what the asker sees: `public`
         *     (no reporter identity, no internal comments), `reporter`, or `staff` (everything).
         */
        get: operations["tickets-timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tickets/{ticket_id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transfer Ticket
         * @description Move a misrouted ticket to another municipality and one of its categories (the managers of its
         *     municipality, or an admin): a new reference there (the old one stays in `former_references`), no
         *     operator, back to `received`, a new due date. Answers the ticket as the caller now sees it: for the
         *     managers it left, the public view.
         */
        post: operations["tickets-transfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Users
         * @description Users in your scope: a manager sees their municipality's, an admin everyone's.
         */
        get: operations["users-list"];
        put?: never;
        /**
         * Create User
         * @description Create a staff account: admins create managers, managers create operators of their municipality.
         */
        post: operations["users-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get User
         * @description One user, if in your scope.
         */
        get: operations["users-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update User
         * @description Rename, change the role of, deactivate or reactivate a user in your scope.
         */
        patch: operations["users-update"];
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Endpoints
         * @description Endpoints newest first, never with a secret: your municipality's (managers), any or one
         *     municipality's (admins).
         */
        get: operations["webhooks-list-endpoints"];
        put?: never;
        /**
         * Create Endpoint
         * @description Register an endpoint for your municipality (managers) or the one named (admins). Keep `secret`:
         *     it signs every delivery and is shown this once.
         */
        post: operations["webhooks-create-endpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Endpoint */
        get: operations["webhooks-get-endpoint"];
        put?: never;
        post?: never;
        /**
         * Delete Endpoint
         * @description Remove the endpoint and its delivery records.
         */
        delete: operations["webhooks-delete-endpoint"];
        options?: never;
        head?: never;
        /**
         * Update Endpoint
         * @description Change the URL, description or filters; `enabled: true` turns a disabled endpoint back on.
         */
        patch: operations["webhooks-update-endpoint"];
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_endpoint_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Deliveries
         * @description The endpoint's deliveries newest first, each with every attempt (time, status or error,
         *     duration, the first kilobyte of the answer).
         */
        get: operations["webhooks-list-deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_endpoint_id}/deliveries/{delivery_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay Delivery
         * @description Send a delivery again now, with the same `webhook-id` and a fresh round of retries.
         */
        post: operations["webhooks-replay-delivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_endpoint_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate Secret
         * @description A new signing secret, shown this once; the old one stops signing at once.
         */
        post: operations["webhooks-rotate-secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_endpoint_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send Test
         * @description Queue a signed ping (`{"type": "webhook.test", …}`) to check a receiver; see its outcome in the
         *     deliveries.
         */
        post: operations["webhooks-send-test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/discovery.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Discovery
         * @description Service discovery: where this GeoReport v2 endpoint is and which formats it speaks.
         */
        get: operations["open311-discovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Requests
         * @description Service requests: `service_request_id` (comma-separated) overrides the rest; otherwise
         *     `service_code` (comma-separated), `status` (open, closed), `start_date`/`end_date` (ISO 8601 with a
         *     timezone, at most 90 days apart; the last 90 days by default), newest first, `page_size` (at most
         *     1000, the default) per `page`.
         */
        get: operations["open311-requests"];
        put?: never;
        /**
         * Create Request
         * @description Report a problem with an API key (form-encoded): `api_key`, `service_code`, `lat`/`long` or
         *     `address_string`, `attribute[code]` answers, `description`; answered with the new service request's
         *     id and its token. Contact fields are accepted and not stored.
         */
        post: operations["open311-create_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests/{service_request_id}.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Request
         * @description One service request by its id (the ticket's reference), as a list of one.
         */
        get: operations["open311-request"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/servicerequestupdates.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Request Updates
         * @description FixMyStreet's extension: status changes of the jurisdiction's service requests, oldest first, with
         *     `start_date`/`end_date` as for requests (at most 90 days apart; the last 90 days by default).
         */
        get: operations["open311-request_updates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Services
         * @description The jurisdiction's services (its active categories).
         */
        get: operations["open311-services"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services/{service_code}.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service Definition
         * @description A service's definition: the category's questions as attributes.
         */
        get: operations["open311-service_definition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/tokens/{token}.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Token
         * @description The service request id a token (from POST requests) became.
         */
        get: operations["open311-token"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ApiKeyBody
         * @description A new API key: a manager's is for their municipality (leave `municipality_id` out); an admin names
         *     the municipality.
         */
        ApiKeyBody: {
            /** Municipality Id */
            municipality_id?: string | null;
            /** Name */
            name: string;
        };
        /** ApiKeyCreated */
        ApiKeyCreated: {
            api_key: components["schemas"]["ApiKeyView"];
            /**
             * Secret
             * @description The key itself: shown this once, stored only as a hash
             */
            secret: string;
        };
        /** ApiKeyList */
        ApiKeyList: {
            /** Data */
            data: components["schemas"]["ApiKeyView"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
        };
        /**
         * ApiKeyView
         * @description An API key without its secret.
         */
        ApiKeyView: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Created By
             * @description User id of the manager or admin who created it
             */
            created_by: string;
            /** Id */
            id: string;
            /**
             * Last Used At
             * @description Last accepted use; null: never
             */
            last_used_at?: string | null;
            /**
             * Municipality Id
             * @description The only municipality the key acts for
             */
            municipality_id: string;
            /**
             * Name
             * @description What the key is for, e.g. the city's work-order system
             */
            name: string;
            /**
             * Prefix
             * @description The secret's first characters, to recognise a key; never the secret
             */
            prefix: string;
            /** Revoked At */
            revoked_at?: string | null;
        };
        /**
         * AreaAlert
         * @description New reports inside an area: a circle around a point, or a whole municipality; optionally only some
         *     categories (none listed: every category).
         */
        AreaAlert: {
            /** Alert Id */
            alert_id: string;
            /**
             * Category Ids
             * @description Only these categories; empty: all
             * @default []
             */
            category_ids: string[];
            /** @description kind radius: the circle's centre */
            center?: components["schemas"]["Point"] | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "radius" | "municipality";
            /**
             * Municipality Id
             * @description kind municipality: which one
             */
            municipality_id?: string | null;
            /** Name */
            name: string;
            /**
             * Radius M
             * @description kind radius: the circle's radius in metres
             */
            radius_m?: number | null;
        };
        /**
         * AreaAlertBody
         * @description A new area alert. `kind` radius needs `center` and `radius_m`; `kind` municipality needs
         *     `municipality_id`. `category_ids` limits it to those categories (each must exist; for a municipality
         *     alert, in that municipality).
         */
        AreaAlertBody: {
            /**
             * Category Ids
             * @default []
             */
            category_ids: string[];
            center?: components["schemas"]["Point"] | null;
            /**
             * Kind
             * @enum {string}
             */
            kind: "radius" | "municipality";
            /** Municipality Id */
            municipality_id?: string | null;
            /**
             * Name
             * @description Your name for it, e.g. 'Around the school'
             */
            name: string;
            /** Radius M */
            radius_m?: number | null;
        };
        /** AreaAlertList */
        AreaAlertList: {
            /** Data */
            data: components["schemas"]["AreaAlert"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * AssignmentBody
         * @description Whom to give the ticket to: an active operator of the ticket's municipality.
         */
        AssignmentBody: {
            /** Operator Id */
            operator_id: string;
        };
        /** CategoryCount */
        CategoryCount: {
            /** Category Id */
            category_id: string;
            /** Count */
            count: number;
            /** Name */
            name: string;
        };
        /** CategoryList */
        CategoryList: {
            /** Data */
            data: components["schemas"]["CategoryView"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * CategoryPatch
         * @description What may change of a category; its code is fixed (outside systems file reports under it).
         *
         *     `active: false` deactivates it: it stays, with its history, but takes no new reports.
         */
        CategoryPatch: {
            /** Active */
            active?: boolean | null;
            /**
             * Default Operator Id
             * @description null: new reports start unassigned
             */
            default_operator_id?: string | null;
            /** Default Priority */
            default_priority?: ("low" | "normal" | "high" | "urgent") | null;
            /** Description */
            description?: string | null;
            /** Duplicate Radius M */
            duplicate_radius_m?: number | null;
            /** Group */
            group?: string | null;
            /** Keywords */
            keywords?: string[] | null;
            /** Name */
            name?: string | null;
            /** Questions */
            questions?: components["schemas"]["CategoryQuestion"][] | null;
            /**
             * Sla Hours
             * @description null: no SLA
             */
            sla_hours?: number | null;
        };
        /**
         * CategoryQuestion
         * @description A question a reporter answers for this category: Open311's attribute model.
         */
        CategoryQuestion: {
            /** Code */
            code: string;
            /**
             * Datatype
             * @default string
             * @enum {string}
             */
            datatype: "string" | "number" | "datetime" | "text" | "singlevaluelist" | "multivaluelist";
            /** Description */
            description: string;
            /**
             * Order
             * @default 0
             */
            order: number;
            /**
             * Required
             * @default false
             */
            required: boolean;
            /**
             * Values
             * @default []
             */
            values: components["schemas"]["QuestionValue"][];
        };
        /** CategoryView */
        CategoryView: {
            /** Active */
            active: boolean;
            /**
             * Code
             * @description Unique within the municipality; the Open311 service_code
             */
            code: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Default Operator Id */
            default_operator_id?: string | null;
            /**
             * Default Priority
             * @default normal
             * @enum {string}
             */
            default_priority: "low" | "normal" | "high" | "urgent";
            /** Description */
            description: string;
            /**
             * Duplicate Radius M
             * @default 50
             */
            duplicate_radius_m: number;
            /**
             * Group
             * @default
             */
            group: string;
            /** Id */
            id: string;
            /**
             * Keywords
             * @default []
             */
            keywords: string[];
            /** Municipality Id */
            municipality_id: string;
            /** Name */
            name: string;
            /** Questions */
            questions: components["schemas"]["CategoryQuestion"][];
            /** Sla Hours */
            sla_hours: number | null;
            /** Updated At */
            updated_at?: string | null;
        };
        /** ChangePassword */
        ChangePassword: {
            /** Current Password */
            current_password: string;
            /**
             * New Password
             * @description 8 to 128 characters
             */
            new_password: string;
        };
        /**
         * CommentBody
         * @description A comment on a ticket: plain text; `internal` notes are for the municipality's staff only.
         */
        CommentBody: {
            /**
             * Body
             * @description Plain text, no HTML
             */
            body: string;
            /**
             * Visibility
             * @default public
             * @enum {string}
             */
            visibility: "public" | "internal";
        };
        /** CommentPage */
        CommentPage: {
            /** Data */
            data: components["schemas"]["CommentView"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
            /**
             * View
             * @description Which view of the ticket the comments are shown in
             * @enum {string}
             */
            view: "public" | "reporter" | "staff";
        };
        /**
         * CommentView
         * @description One comment as the asker may see it.
         */
        CommentView: {
            /**
             * Author Id
             * @description For the ticket's staff, and for the author themselves; null otherwise
             */
            author_id?: string | null;
            /**
             * Author Name
             * @description Staff display name; null for citizens
             */
            author_name?: string | null;
            /**
             * Author Role
             * @enum {string}
             */
            author_role: "citizen" | "operator" | "manager" | "admin";
            /** Body */
            body: string;
            /**
             * By Reporter
             * @description Whether the reporter wrote it: in the reporter's and the staff view only
             */
            by_reporter?: boolean | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /**
             * Sequence
             * @description The comment's place in the ticket's history (its event's sequence)
             */
            sequence: number;
            /** Ticket Id */
            ticket_id: string;
            /**
             * Visibility
             * @enum {string}
             */
            visibility: "public" | "internal";
        };
        /** ConfirmPasswordReset */
        ConfirmPasswordReset: {
            /**
             * Password
             * @description 8 to 128 characters
             */
            password: string;
            /** Token */
            token: string;
        };
        /** CreateMunicipality */
        CreateMunicipality: {
            /**
             * Active
             * @default true
             */
            active: boolean;
            /**
             * Boundary
             * @description GeoJSON Polygon or MultiPolygon
             */
            boundary?: {
                [key: string]: unknown;
            } | null;
            /** Contact Email */
            contact_email?: string | null;
            /**
             * Default Locale
             * @default de
             */
            default_locale: string;
            /** Name */
            name: string;
            /**
             * Reference Prefix
             * @description Prefix of ticket references; fixed
             */
            reference_prefix: string;
            /** Slug */
            slug: string;
            /**
             * Timezone
             * @default Europe/Berlin
             */
            timezone: string;
            /** @description Local working time per weekday (in `timezone`) that due dates count */
            working_hours?: components["schemas"]["WorkingWeek"] | null;
        };
        /**
         * CreateStaffUser
         * @description Admins create managers (and operators); managers create operators of their own municipality.
         */
        CreateStaffUser: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Full Name */
            full_name: string;
            /** Municipality Id */
            municipality_id: string;
            /**
             * Password
             * @description Omit to send a set-password link
             */
            password?: string | null;
            /**
             * Role
             * @enum {string}
             */
            role: "operator" | "manager";
        };
        /**
         * CreateTicket
         * @description Report a problem at a point (a citizen, or staff of that municipality for someone who phoned).
         */
        CreateTicket: {
            /** Address */
            address?: string | null;
            /**
             * Answers
             * @description Answers to the category's questions, by code
             */
            answers?: {
                [key: string]: string | number | boolean;
            };
            /** Category Id */
            category_id: string;
            /**
             * Description
             * @description Plain text, no HTML
             */
            description: string;
            location: components["schemas"]["Point"];
            /**
             * Photo Ids
             * @description Up to 5 of the reporter's own photos not yet on a report (POST /media)
             * @default []
             */
            photo_ids: string[];
        };
        /** DeadLetterList */
        DeadLetterList: {
            /** Data */
            data: components["schemas"]["DeadLetterView"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
        };
        /** DeadLetterReplayed */
        DeadLetterReplayed: {
            /**
             * Duplicate
             * @description True when this replay had already been published before
             */
            duplicate: boolean;
            /** Id */
            id: number;
            /** Stream */
            stream: string;
            /** Stream Sequence */
            stream_sequence: number;
            /** Subject */
            subject: string;
        };
        /**
         * DeadLetterView
         * @description A message in CITYFIX_DLQ, without its body (which may hold personal data).
         */
        DeadLetterView: {
            /** Consumer */
            consumer?: string | null;
            /** Dead Lettered At */
            dead_lettered_at?: string | null;
            /** Delivery Count */
            delivery_count?: number | null;
            /** Error */
            error: string;
            /** Event Id */
            event_id?: string | null;
            /** Event Type */
            event_type?: string | null;
            /**
             * Id
             * @description Its sequence in CITYFIX_DLQ: what replay takes
             */
            id: number;
            /** Original Subject */
            original_subject: string;
        };
        /** ErrorBody */
        ErrorBody: {
            /**
             * Code
             * @description Machine-readable reason, snake_case
             * @example not_covered
             */
            code: string;
            /** Details */
            details?: {
                [key: string]: unknown;
            };
            /**
             * Message
             * @description A sentence a person can act on
             */
            message: string;
        };
        /**
         * ErrorResponse
         * @description The HTTP error shape: `{"error": {"code", "message", "details"}}`.
         */
        ErrorResponse: {
            error: components["schemas"]["ErrorBody"];
        };
        /**
         * FailedDelivery
         * @description An email given up for good: the server refused it, or it could not be handed over in time.
         */
        FailedDelivery: {
            /** Attempts */
            attempts: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Event Id
             * @description The event it was sent for
             */
            event_id: string;
            /** Id */
            id: string;
            /**
             * Kind
             * @description email_verification, password_reset or the notification's kind
             */
            kind: string;
            /** Last Error */
            last_error?: string | null;
            /** Recipient Id */
            recipient_id: string;
        };
        /** FailedDeliveryList */
        FailedDeliveryList: {
            /** Data */
            data: components["schemas"]["FailedDelivery"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
        };
        /**
         * FeedbackBody
         * @description The reporter's rating of the resolution; the status does not change.
         */
        FeedbackBody: {
            /**
             * Comment
             * @description Plain text, no HTML
             */
            comment?: string | null;
            /**
             * Rating
             * @description 1 (poor) to 5 (very good)
             */
            rating: number;
        };
        /** FollowView */
        FollowView: {
            /**
             * Following
             * @description Whether the asker now follows the ticket
             */
            following: boolean;
            /** Ticket Id */
            ticket_id: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** HealthReport */
        HealthReport: {
            /** Missing */
            missing: string[];
            /** Services */
            services: {
                [key: string]: components["schemas"]["ServiceStatus"];
            };
            /**
             * Status
             * @enum {string}
             */
            status: "ok" | "degraded";
        };
        /**
         * Jwks
         * @description A JSON Web Key Set: the public keys access tokens are verified with.
         */
        Jwks: {
            /** Keys */
            keys: {
                [key: string]: unknown;
            }[];
        };
        /**
         * LocationView
         * @description The municipality a point belongs to.
         */
        LocationView: {
            /** Municipality Id */
            municipality_id: string;
            /** Name */
            name: string;
            /** Slug */
            slug: string;
        };
        /** Login */
        Login: {
            /** Email */
            email: string;
            /** Password */
            password: string;
        };
        /**
         * Logout
         * @description Revoke the refresh token's whole family.
         */
        Logout: {
            /** Refresh Token */
            refresh_token: string;
        };
        /**
         * ModerationEntry
         * @description One moderation change, as the audit keeps it.
         */
        ModerationEntry: {
            /**
             * Action
             * @enum {string}
             */
            action: "edited" | "hidden" | "unhidden";
            /**
             * After
             * @description The description after an edit; the hidden flag after
             */
            after: string | boolean;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /**
             * Before
             * @description The description before an edit; the hidden flag before
             */
            before: string | boolean;
            by: components["schemas"]["UserActor"];
            /** Reason */
            reason?: string | null;
        };
        /**
         * ModerationPatch
         * @description What a manager changes of a report's public face: its description, whether the public sees it.
         */
        ModerationPatch: {
            /**
             * Description
             * @description The new public text; plain, no HTML
             */
            description?: string | null;
            /**
             * Hidden
             * @description true hides the ticket from the public
             */
            hidden?: boolean | null;
            /**
             * Reason
             * @description Why; kept in the audit for staff, never published
             */
            reason?: string | null;
        };
        /**
         * ModerationView
         * @description A ticket's moderation: its current public face, the text as reported, and every change.
         */
        ModerationView: {
            /**
             * Description
             * @description The public description now
             */
            description: string;
            /**
             * Entries
             * @description Oldest first
             * @default []
             */
            entries: components["schemas"]["ModerationEntry"][];
            /** Hidden */
            hidden: boolean;
            /**
             * Original Description
             * @description The description as it was reported
             */
            original_description: string;
            /** Reference */
            reference: string;
            /** Ticket Id */
            ticket_id: string;
        };
        /** MunicipalityList */
        MunicipalityList: {
            /** Data */
            data: components["schemas"]["MunicipalitySummary"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * MunicipalityPatch
         * @description What an admin may change of a municipality (the reference prefix is fixed: tickets carry it).
         */
        MunicipalityPatch: {
            /** Active */
            active?: boolean | null;
            /**
             * Boundary
             * @description GeoJSON Polygon or MultiPolygon; null removes the boundary
             */
            boundary?: {
                [key: string]: unknown;
            } | null;
            /** Contact Email */
            contact_email?: string | null;
            /** Default Locale */
            default_locale?: string | null;
            /** Name */
            name?: string | null;
            /** Slug */
            slug?: string | null;
            /** Timezone */
            timezone?: string | null;
            /** @description Local working time per weekday; null removes it (every hour counts) */
            working_hours?: components["schemas"]["WorkingWeek"] | null;
        };
        /**
         * MunicipalitySummary
         * @description A municipality in a list: no boundary (fetch one municipality for it), but its bounding box.
         */
        MunicipalitySummary: {
            /** Active */
            active: boolean;
            /**
             * Bbox
             * @description [min_lon, min_lat, max_lon, max_lat] of the boundary; null: none
             */
            bbox?: [
                number,
                number,
                number,
                number
            ] | null;
            /** Default Locale */
            default_locale: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Reference Prefix */
            reference_prefix: string;
            /** Slug */
            slug: string;
            /** Timezone */
            timezone: string;
        };
        /**
         * MunicipalityView
         * @description One municipality with its boundary.
         *
         *     `contact_email` is for staff: it is filled in only for admins and that municipality's own staff, and
         *     null for everyone else (the public view carries no private field).
         */
        MunicipalityView: {
            /**
             * Active
             * @default true
             */
            active: boolean;
            /** Boundary */
            boundary?: {
                [key: string]: unknown;
            } | null;
            /**
             * Contact Email
             * @description Only for admins and this municipality's staff; null otherwise
             */
            contact_email?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Default Locale
             * @default de
             */
            default_locale: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Reference Prefix */
            reference_prefix: string;
            /** Slug */
            slug: string;
            /**
             * Timezone
             * @default Europe/Berlin
             */
            timezone: string;
            /** Updated At */
            updated_at?: string | null;
            /** @description Local working time per weekday; null: due dates count every hour */
            working_hours?: components["schemas"]["WorkingWeek"] | null;
        };
        /** NearbyTicket */
        NearbyTicket: {
            /** Address */
            address?: string | null;
            /**
             * After Photo Ids
             * @description Photos taken when it was resolved
             * @default []
             */
            after_photo_ids: string[];
            /** Answers */
            answers?: {
                [key: string]: string | number | boolean;
            };
            /**
             * Assigned Operator Id
             * @description Staff view only
             */
            assigned_operator_id?: string | null;
            /**
             * Assigned Operator Name
             * @description Staff display name
             */
            assigned_operator_name?: string | null;
            /** Category Id */
            category_id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /**
             * Distance M
             * @description Metres from the asked point
             */
            distance_m: number;
            /** Due At */
            due_at?: string | null;
            /**
             * Former References
             * @description References the ticket had before it was transferred, oldest first
             * @default []
             */
            former_references: string[];
            /**
             * Hidden
             * @description Hidden from the public by moderation; only its reporter and staff see it
             * @default false
             */
            hidden: boolean;
            /**
             * Hidden Photo Ids
             * @description Staff only: which of the photos moderation hid (the public sees none of them)
             * @default []
             */
            hidden_photo_ids: string[];
            /** Id */
            id: string;
            location: components["schemas"]["Point"];
            /** Municipality Id */
            municipality_id: string;
            /**
             * Photo Ids
             * @default []
             */
            photo_ids: string[];
            /**
             * Priority
             * @enum {string}
             */
            priority: "low" | "normal" | "high" | "urgent";
            /**
             * Reference
             * @description Human reference per municipality, e.g. POT-17
             */
            reference: string;
            /**
             * Reporter Id
             * @description The reporter's user id: in the reporter's own view and for staff only
             */
            reporter_id?: string | null;
            /**
             * Sla Breached At
             * @description When the ticket was found open past due_at (SlaBreached); null: never
             */
            sla_breached_at?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "received" | "triaged" | "assigned" | "in_progress" | "action_scheduled" | "resolved" | "closed" | "reopened" | "duplicate" | "not_responsible" | "unable_to_fix";
            /**
             * Support Count
             * @default 0
             */
            support_count: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * View
             * @enum {string}
             */
            view: "public" | "reporter" | "staff";
        };
        /** NearbyTickets */
        NearbyTickets: {
            /** Data */
            data: components["schemas"]["NearbyTicket"][];
            /**
             * Next Cursor
             * @description Always null: one page of the nearest
             */
            next_cursor?: string | null;
        };
        /**
         * NewCategory
         * @description A category as its creator describes it (the HTTP body; the municipality comes from the path).
         */
        NewCategory: {
            /**
             * Code
             * @description Open311 service_code
             */
            code: string;
            /**
             * Default Operator Id
             * @description An active operator of this municipality; new reports go to them
             */
            default_operator_id?: string | null;
            /**
             * Default Priority
             * @default normal
             * @enum {string}
             */
            default_priority: "low" | "normal" | "high" | "urgent";
            /**
             * Description
             * @default
             */
            description: string;
            /**
             * Duplicate Radius M
             * @description Reports this close in the same category may be duplicates
             * @default 50
             */
            duplicate_radius_m: number;
            /**
             * Group
             * @description Open311 group, e.g. 'Streets'
             * @default
             */
            group: string;
            /**
             * Keywords
             * @default []
             */
            keywords: string[];
            /** Name */
            name: string;
            /**
             * Questions
             * @default []
             */
            questions: components["schemas"]["CategoryQuestion"][];
            /** Sla Hours */
            sla_hours?: number | null;
        };
        /** NotificationList */
        NotificationList: {
            /** Data */
            data: components["schemas"]["NotificationView"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
            /**
             * Unread Count
             * @description The asker's unread notifications, on every page
             */
            unread_count: number;
        };
        /**
         * NotificationPreferences
         * @description What a person wants by email. The in-app inbox always gets everything addressed to them, and
         *     account emails (verification, password reset) are sent whatever these say.
         */
        NotificationPreferences: {
            /**
             * Email Area Alerts
             * @description New reports inside your area alerts
             * @default true
             */
            email_area_alerts: boolean;
            /**
             * Email Assignments
             * @description Operators: tickets assigned to you; reporters: your report was assigned
             * @default true
             */
            email_assignments: boolean;
            /**
             * Email Comments
             * @description Public comments on your reports and followed tickets; staff: comments on their tickets
             * @default true
             */
            email_comments: boolean;
            /**
             * Email Feedback
             * @description Staff: ratings and 'still broken' on the tickets they handle
             * @default true
             */
            email_feedback: boolean;
            /**
             * Email New Tickets
             * @description Managers: one email per new report, one daily digest, or none
             * @default each
             * @enum {string}
             */
            email_new_tickets: "each" | "daily_digest" | "off";
            /**
             * Email Sla Breaches
             * @description Managers: a ticket passed its due time
             * @default true
             */
            email_sla_breaches: boolean;
            /**
             * Email Status Changes
             * @description Status changes of your reports and of the tickets you follow
             * @default true
             */
            email_status_changes: boolean;
        };
        /**
         * NotificationView
         * @description A notification in its recipient's inbox.
         */
        NotificationView: {
            /**
             * Created At
             * Format: date-time
             * @description When it happened (the event's occurred_at)
             */
            created_at: string;
            /**
             * Excerpt
             * @description The beginning of the comment, note or feedback, up to 200 characters
             */
            excerpt?: string | null;
            /** Id */
            id: string;
            /**
             * Kind
             * @description What happened, after the event's name
             * @enum {string}
             */
            kind: "ticket_created" | "ticket_assigned" | "status_changed" | "comment_added" | "feedback_submitted" | "ticket_reopened" | "sla_breached";
            /** Municipality Id */
            municipality_id: string;
            /**
             * Operator Name
             * @description ticket_assigned: the operator's display name
             */
            operator_name?: string | null;
            /**
             * Previous Status
             * @description status_changed: where it came from
             */
            previous_status?: ("received" | "triaged" | "assigned" | "in_progress" | "action_scheduled" | "resolved" | "closed" | "reopened" | "duplicate" | "not_responsible" | "unable_to_fix") | null;
            /**
             * Rating
             * @description feedback_submitted: 1 to 5
             */
            rating?: number | null;
            /**
             * Read At
             * @description When its recipient marked it read
             */
            read_at?: string | null;
            /**
             * Reason
             * @description Why this person hears of it: they manage the municipality, work the ticket (assignee), reported it, follow it, or it is a new report inside one of their area alerts (area_alert)
             * @enum {string}
             */
            reason: "manager" | "assignee" | "reporter" | "follower" | "area_alert";
            /**
             * Reference
             * @description The ticket's human reference, e.g. POT-17
             */
            reference: string;
            /**
             * Status
             * @description The ticket's status once this happened
             * @enum {string}
             */
            status: "received" | "triaged" | "assigned" | "in_progress" | "action_scheduled" | "resolved" | "closed" | "reopened" | "duplicate" | "not_responsible" | "unable_to_fix";
            /** Ticket Id */
            ticket_id: string;
            /**
             * Visibility
             * @description comment_added
             */
            visibility?: ("public" | "internal") | null;
        };
        /** NotificationsMarked */
        NotificationsMarked: {
            /**
             * Marked
             * @description How many were unread until now
             */
            marked: number;
            /** Unread Count */
            unread_count: number;
        };
        /**
         * PeriodCounts
         * @description Tickets created in one bucket, by their current status and by category; and resolutions in it.
         */
        PeriodCounts: {
            /** By Category */
            by_category: {
                [key: string]: number;
            };
            /** By Status */
            by_status: {
                [key: string]: number;
            };
            /** Created */
            created: number;
            /**
             * Period Start
             * Format: date
             */
            period_start: string;
            /**
             * Resolved
             * @description Tickets first resolved in this bucket (of those in the period)
             */
            resolved: number;
        };
        /**
         * PersonalData
         * @description Everything the auth service holds about a person (other services add theirs).
         */
        PersonalData: {
            /** Exported At */
            exported_at: string;
            /** Profile */
            profile: {
                [key: string]: unknown;
            };
            /** Sessions */
            sessions: {
                [key: string]: unknown;
            }[];
            user: components["schemas"]["UserView"];
        };
        /**
         * PhotoModeration
         * @description A photo's moderation state, as staff see it.
         */
        PhotoModeration: {
            /** Height */
            height: number;
            /** Hidden */
            hidden: boolean;
            /** Id */
            id: string;
            /**
             * Redacted
             * @description The public sees a rendition with `regions` obscured
             */
            redacted: boolean;
            /**
             * Regions
             * @default []
             */
            regions: components["schemas"]["RedactionRegion"][];
            /** Ticket Id */
            ticket_id: string;
            /**
             * Width
             * @description Width of the photo in pixels (the frame of the regions)
             */
            width: number;
        };
        /**
         * PhotoModerationChange
         * @description HTTP body of `PATCH /media/{id}`: hide the photo from the public, or show it again.
         */
        PhotoModerationChange: {
            /** Hidden */
            hidden: boolean;
        };
        /**
         * PhotoUpload
         * @description The answer to an upload (HTTP 201).
         */
        PhotoUpload: {
            /** Height */
            height: number;
            /** Id */
            id: string;
            /** @description From the photo's EXIF GPS, for the uploader only, to suggest the location */
            suggested_location?: components["schemas"]["Point"] | null;
            /**
             * Thumbnail Url
             * @description Where the ~400 px thumbnail is served
             */
            thumbnail_url: string;
            /** Width */
            width: number;
        };
        /**
         * Place
         * @description A place the geocoder knows: its address and its point.
         */
        Place: {
            /**
             * Address
             * @description Postal address, most specific part first
             */
            address: string;
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
        };
        /** PlaceList */
        PlaceList: {
            /** Data */
            data: components["schemas"]["Place"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * Point
         * @description A WGS84 point as it appears in HTTP and in events.
         */
        Point: {
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
        };
        /** QuestionValue */
        QuestionValue: {
            /** Key */
            key: string;
            /** Name */
            name: string;
        };
        /**
         * Redaction
         * @description HTTP body of `PUT /media/{id}/redaction`: the rectangles to obscure, applied to the original
         *     (a new redaction replaces the previous one).
         */
        Redaction: {
            /** Regions */
            regions: components["schemas"]["RedactionRegion"][];
        };
        /**
         * RedactionRegion
         * @description A rectangle of the photo to obscure, in the served photo's pixel coordinates (origin top left).
         */
        RedactionRegion: {
            /**
             * Height
             * @description Height, px
             */
            height: number;
            /**
             * Style
             * @description `blur` (strongly) or `black` (filled)
             * @default blur
             * @enum {string}
             */
            style: "blur" | "black";
            /**
             * Width
             * @description Width, px
             */
            width: number;
            /**
             * X
             * @description Left edge, px
             */
            x: number;
            /**
             * Y
             * @description Top edge, px
             */
            y: number;
        };
        /** RefreshTokens */
        RefreshTokens: {
            /** Refresh Token */
            refresh_token: string;
        };
        /** RegisterCitizen */
        RegisterCitizen: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Full Name */
            full_name: string;
            /**
             * Locale
             * @default en
             */
            locale: string;
            /**
             * Password
             * @description 8 to 128 characters
             */
            password: string;
        };
        /**
         * RequestPasswordReset
         * @description Always answers the same, whether or not the account exists.
         */
        RequestPasswordReset: {
            /** Email */
            email: string;
        };
        /** ServiceStatus */
        ServiceStatus: {
            /**
             * Checks
             * @default {}
             */
            checks: {
                [key: string]: boolean;
            };
            /**
             * Status
             * @enum {string}
             */
            status: "up" | "degraded" | "down";
        };
        /** SlaCompliance */
        SlaCompliance: {
            /** Breached */
            breached: number;
            /**
             * Compliance
             * @description met / (met + breached); null when nothing is decided yet
             */
            compliance: number | null;
            /** Met */
            met: number;
            /**
             * Pending
             * @description Still open and not yet due
             */
            pending: number;
            /** With Due Date */
            with_due_date: number;
        };
        /**
         * StatusBody
         * @description A move of the status table; `note` is required for resolved, not_responsible and unable_to_fix,
         *     `duplicate_of` (the original's id) for duplicate.
         */
        StatusBody: {
            /** Duplicate Of */
            duplicate_of?: string | null;
            /**
             * Note
             * @description Plain text, no HTML
             */
            note?: string | null;
            /**
             * Photo Ids
             * @description 'After' photos when resolving: the resolver's own uploads, not attached elsewhere
             * @default []
             */
            photo_ids: string[];
            /**
             * Status
             * @enum {string}
             */
            status: "received" | "triaged" | "assigned" | "in_progress" | "action_scheduled" | "resolved" | "closed" | "reopened" | "duplicate" | "not_responsible" | "unable_to_fix";
        };
        /**
         * StreamToken
         * @description A short-lived token that opens the signed-in person's live stream (and nothing else): a browser's
         *     EventSource cannot send an Authorization header, so it goes in the query string or a cookie.
         */
        StreamToken: {
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Token */
            token: string;
        };
        /** TicketPage */
        TicketPage: {
            /** Data */
            data: components["schemas"]["TicketView"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
        };
        /**
         * TicketPatch
         * @description A partial update of a ticket by a manager of its municipality: at least one field.
         */
        TicketPatch: {
            /**
             * Assigned Operator Id
             * @description An active operator of the ticket's municipality; null takes the operator off
             */
            assigned_operator_id?: string | null;
            /**
             * Category Id
             * @description An active category of the same municipality
             */
            category_id?: string | null;
            /** Priority */
            priority?: ("low" | "normal" | "high" | "urgent") | null;
        };
        /** TicketStats */
        TicketStats: {
            /**
             * Bucket
             * @enum {string}
             */
            bucket: "day" | "week" | "month";
            /** By Category */
            by_category: components["schemas"]["CategoryCount"][];
            /** By Status */
            by_status: {
                [key: string]: number;
            };
            /**
             * Created From
             * Format: date
             */
            created_from: string;
            /**
             * Created To
             * Format: date
             */
            created_to: string;
            /**
             * Generated At
             * Format: date-time
             */
            generated_at: string;
            /**
             * Median Hours To Resolve
             * @description Report to first resolution, in hours
             */
            median_hours_to_resolve: number | null;
            /** Municipality Id */
            municipality_id: string;
            /** Over Time */
            over_time: components["schemas"]["PeriodCounts"][];
            /**
             * Resolved
             * @description Tickets of the period resolved at least once
             */
            resolved: number;
            sla: components["schemas"]["SlaCompliance"];
            /** Total */
            total: number;
        };
        /**
         * TicketView
         * @description A ticket as the asker may see it; `view` says which of the three views this is.
         */
        TicketView: {
            /** Address */
            address?: string | null;
            /**
             * After Photo Ids
             * @description Photos taken when it was resolved
             * @default []
             */
            after_photo_ids: string[];
            /** Answers */
            answers?: {
                [key: string]: string | number | boolean;
            };
            /**
             * Assigned Operator Id
             * @description Staff view only
             */
            assigned_operator_id?: string | null;
            /**
             * Assigned Operator Name
             * @description Staff display name
             */
            assigned_operator_name?: string | null;
            /** Category Id */
            category_id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** Due At */
            due_at?: string | null;
            /**
             * Former References
             * @description References the ticket had before it was transferred, oldest first
             * @default []
             */
            former_references: string[];
            /**
             * Hidden
             * @description Hidden from the public by moderation; only its reporter and staff see it
             * @default false
             */
            hidden: boolean;
            /**
             * Hidden Photo Ids
             * @description Staff only: which of the photos moderation hid (the public sees none of them)
             * @default []
             */
            hidden_photo_ids: string[];
            /** Id */
            id: string;
            location: components["schemas"]["Point"];
            /** Municipality Id */
            municipality_id: string;
            /**
             * Photo Ids
             * @default []
             */
            photo_ids: string[];
            /**
             * Priority
             * @enum {string}
             */
            priority: "low" | "normal" | "high" | "urgent";
            /**
             * Reference
             * @description Human reference per municipality, e.g. POT-17
             */
            reference: string;
            /**
             * Reporter Id
             * @description The reporter's user id: in the reporter's own view and for staff only
             */
            reporter_id?: string | null;
            /**
             * Sla Breached At
             * @description When the ticket was found open past due_at (SlaBreached); null: never
             */
            sla_breached_at?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "received" | "triaged" | "assigned" | "in_progress" | "action_scheduled" | "resolved" | "closed" | "reopened" | "duplicate" | "not_responsible" | "unable_to_fix";
            /**
             * Support Count
             * @default 0
             */
            support_count: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * View
             * @enum {string}
             */
            view: "public" | "reporter" | "staff";
        };
        /**
         * TimelineEntry
         * @description One step of a ticket's history. Which fields are set depends on `kind`:
         *
         *     `created`; `assigned` (`operator_name`); `unassigned` (`operator_name` of the previous operator);
         *     `status_changed` (`from`, `to`, `note`, and `duplicate_of` when it became a duplicate); `reopened`
         *     (`note`, `by_reporter`); `comment` (`comment_id`, `body`, `visibility`); `feedback` (`rating`, `body`);
         *     `supported` (`support_count`); `other` (staff view only: an event this version does not describe;
         *     `event_type` names it).
         */
        TimelineEntry: {
            /**
             * Actor Id
             * @description For the ticket's staff, and for the asker's own steps; null otherwise
             */
            actor_id?: string | null;
            /**
             * Actor Name
             * @description Staff display name; null for citizens
             */
            actor_name?: string | null;
            /**
             * Actor Role
             * @enum {string}
             */
            actor_role: "citizen" | "operator" | "manager" | "admin" | "system";
            /**
             * At
             * Format: date-time
             */
            at: string;
            /**
             * Body
             * @description A comment's text, or the feedback's comment
             */
            body?: string | null;
            /**
             * By Reporter
             * @description Whether the reporter took this step: reporter's and staff view only
             */
            by_reporter?: boolean | null;
            /** Comment Id */
            comment_id?: string | null;
            /** Duplicate Of */
            duplicate_of?: string | null;
            /** Event Type */
            event_type: string;
            /** From */
            from?: ("received" | "triaged" | "assigned" | "in_progress" | "action_scheduled" | "resolved" | "closed" | "reopened" | "duplicate" | "not_responsible" | "unable_to_fix") | null;
            /**
             * Kind
             * @enum {string}
             */
            kind: "created" | "assigned" | "unassigned" | "status_changed" | "reopened" | "comment" | "feedback" | "supported" | "other";
            /** Note */
            note?: string | null;
            /**
             * Operator Id
             * @description Staff view only
             */
            operator_id?: string | null;
            /** Operator Name */
            operator_name?: string | null;
            /** Rating */
            rating?: number | null;
            /**
             * Sequence
             * @description The event's sequence in the ticket's history; entries come in order
             */
            sequence: number;
            /** Support Count */
            support_count?: number | null;
            /** To */
            to?: ("received" | "triaged" | "assigned" | "in_progress" | "action_scheduled" | "resolved" | "closed" | "reopened" | "duplicate" | "not_responsible" | "unable_to_fix") | null;
            /** Visibility */
            visibility?: ("public" | "internal") | null;
        };
        /** TimelinePage */
        TimelinePage: {
            /** Data */
            data: components["schemas"]["TimelineEntry"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
            /**
             * View
             * @description Which view of the ticket the history is shown in
             * @enum {string}
             */
            view: "public" | "reporter" | "staff";
        };
        /** TokenPair */
        TokenPair: {
            /** Access Token */
            access_token: string;
            /**
             * Expires In
             * @description Seconds until the access token expires
             */
            expires_in: number;
            /** Refresh Token */
            refresh_token: string;
            /**
             * Token Type
             * @default bearer
             * @constant
             */
            token_type: "bearer";
            user: components["schemas"]["UserView"];
        };
        /**
         * TransferBody
         * @description Where a misrouted ticket belongs: the receiving municipality and one of its active categories.
         */
        TransferBody: {
            /** Category Id */
            category_id: string;
            /** Municipality Id */
            municipality_id: string;
            /**
             * Note
             * @description Why it moves; plain text, no HTML
             */
            note: string;
        };
        /** UpdateMe */
        UpdateMe: {
            /** Full Name */
            full_name?: string | null;
            /** Locale */
            locale?: string | null;
            /** Phone */
            phone?: string | null;
        };
        /** UserActor */
        UserActor: {
            /**
             * Role
             * @enum {string}
             */
            role: "citizen" | "operator" | "manager" | "admin";
            /** User Id */
            user_id: string;
        };
        /**
         * UserChanges
         * @description What may change on an account: the body of PATCH /users/{id}.
         */
        UserChanges: {
            /** Active */
            active?: boolean | null;
            /** Full Name */
            full_name?: string | null;
            /** Role */
            role?: ("operator" | "manager") | null;
        };
        /** UserList */
        UserList: {
            /** Data */
            data: components["schemas"]["UserView"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * UserView
         * @description The user object wherever it appears (DESIGN §4); `id` is the token's `sub`.
         */
        UserView: {
            /** Active */
            active: boolean;
            /** Email */
            email: string;
            /** Email Verified */
            email_verified: boolean;
            /** Full Name */
            full_name: string;
            /** Id */
            id: string;
            /** Municipality Id */
            municipality_id: string | null;
            /**
             * Role
             * @enum {string}
             */
            role: "citizen" | "operator" | "manager" | "admin";
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /** VerifyEmail */
        VerifyEmail: {
            /** Token */
            token: string;
        };
        /**
         * WebhookAttempt
         * @description One try to deliver: what the receiver answered, or why nothing was sent.
         */
        WebhookAttempt: {
            /**
             * Attempted At
             * Format: date-time
             */
            attempted_at: string;
            /** Duration Ms */
            duration_ms: number;
            /** Error */
            error?: string | null;
            /**
             * Outcome
             * @description delivered (2xx), failed (another status, a timeout, no connection) or refused (the destination resolved to an address CityFix does not send to)
             * @enum {string}
             */
            outcome: "delivered" | "failed" | "refused";
            /**
             * Response Excerpt
             * @description The first kilobyte of the receiver's answer
             * @default
             */
            response_excerpt: string;
            /**
             * Status Code
             * @description The receiver's HTTP status, if it answered
             */
            status_code?: number | null;
        };
        /** WebhookDeliveryList */
        WebhookDeliveryList: {
            /** Data */
            data: components["schemas"]["WebhookDeliveryView"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
        };
        /**
         * WebhookDeliveryView
         * @description One event (or test ping) for one endpoint, with every attempt to deliver it.
         */
        WebhookDeliveryView: {
            /**
             * Attempts
             * @description Oldest first (the last 50)
             */
            attempts: components["schemas"]["WebhookAttempt"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Delivered At */
            delivered_at?: string | null;
            /**
             * Event Id
             * @description The event delivered; null for a test ping
             */
            event_id?: string | null;
            /** Event Type */
            event_type: string;
            /** Id */
            id: string;
            /**
             * Next Attempt At
             * @description While pending
             */
            next_attempt_at?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed";
            /** Webhook Endpoint Id */
            webhook_endpoint_id: string;
            /**
             * Webhook Id
             * @description The `webhook-id` header: the same on every retry and replay
             */
            webhook_id: string;
        };
        /**
         * WebhookEndpointBody
         * @description A new endpoint: a manager's is for their municipality (leave `municipality_id` out); an admin
         *     names the municipality.
         */
        WebhookEndpointBody: {
            /**
             * Category Ids
             * @description Only events of tickets in these categories; empty: any
             * @default []
             */
            category_ids: string[];
            /**
             * Description
             * @default
             */
            description: string;
            /**
             * Event Types
             * @description Event types to receive, e.g. TicketCreated; empty: all
             * @default []
             */
            event_types: string[];
            /** Municipality Id */
            municipality_id?: string | null;
            /**
             * Url
             * @example https://works.example.org/cityfix
             */
            url: string;
        };
        /** WebhookEndpointCreated */
        WebhookEndpointCreated: {
            endpoint: components["schemas"]["WebhookEndpointView"];
            /**
             * Secret
             * @description The signing secret (`whsec_…`), shown on creation and rotation only; verify `webhook-signature` with it
             */
            secret: string;
        };
        /** WebhookEndpointList */
        WebhookEndpointList: {
            /** Data */
            data: components["schemas"]["WebhookEndpointView"][];
            /**
             * Next Cursor
             * @description Pass as `cursor` for the next page
             */
            next_cursor?: string | null;
        };
        /**
         * WebhookEndpointPatch
         * @description Change an endpoint: only the fields given change. `enabled: true` turns a disabled one back on.
         */
        WebhookEndpointPatch: {
            /** Category Ids */
            category_ids?: string[] | null;
            /** Description */
            description?: string | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Event Types */
            event_types?: string[] | null;
            /** Url */
            url?: string | null;
        };
        /**
         * WebhookEndpointView
         * @description A webhook endpoint, without its secret.
         */
        WebhookEndpointView: {
            /**
             * Category Ids
             * @description Only events of tickets (or categories) in these categories; empty: any
             */
            category_ids: string[];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Created By
             * @description User id of the manager or admin who registered it (its owner)
             */
            created_by: string;
            /**
             * Description
             * @description What the endpoint is for, e.g. the city's work-order system
             */
            description: string;
            /** Disabled At */
            disabled_at?: string | null;
            /**
             * Disabled Reason
             * @description Why CityFix stopped delivering to it (after sustained failure)
             */
            disabled_reason?: string | null;
            /** Enabled */
            enabled: boolean;
            /**
             * Event Types
             * @description Event types it receives; empty: every event
             */
            event_types: string[];
            /** Id */
            id: string;
            /**
             * Municipality Id
             * @description The only municipality whose events it receives
             */
            municipality_id: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Url */
            url: string;
        };
        /**
         * WorkingSpan
         * @description One stretch of a working day, in the municipality's local time (its `timezone`).
         */
        WorkingSpan: {
            /**
             * Closes
             * Format: time
             * @description Local time it ends, after `opens`; 00:00 means midnight at the day's end
             */
            closes: string;
            /**
             * Opens
             * Format: time
             * @description Local time the stretch begins, e.g. 08:00
             */
            opens: string;
        };
        /**
         * WorkingWeek
         * @description When a municipality's staff work: the spans of each weekday, in its local time (`timezone`).
         *
         *     Due dates are counted in this time only. A day without spans is a day off. Public holidays are not
         *     part of it (yet).
         */
        WorkingWeek: {
            /**
             * Friday
             * @default []
             */
            friday: components["schemas"]["WorkingSpan"][];
            /**
             * Monday
             * @default []
             */
            monday: components["schemas"]["WorkingSpan"][];
            /**
             * Saturday
             * @default []
             */
            saturday: components["schemas"]["WorkingSpan"][];
            /**
             * Sunday
             * @default []
             */
            sunday: components["schemas"]["WorkingSpan"][];
            /**
             * Thursday
             * @default []
             */
            thursday: components["schemas"]["WorkingSpan"][];
            /**
             * Tuesday
             * @default []
             */
            tuesday: components["schemas"]["WorkingSpan"][];
            /**
             * Wednesday
             * @default []
             */
            wednesday: components["schemas"]["WorkingSpan"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "admin-list_dead_letters": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin-replay_dead_letter": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dead_letter_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterReplayed"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "admin-list_failed_deliveries": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FailedDeliveryList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePassword"];
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Jwks"];
                };
            };
        };
    };
    "auth-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Login"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Logout"];
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
        };
    };
    "auth-delete-me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    "auth-update-me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMe"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-list-alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AreaAlertList"];
                };
            };
        };
    };
    "auth-create-alert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AreaAlertBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AreaAlert"];
                };
            };
            /** @description `too_many_alerts` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `alert_area_incomplete`, `alert_area_ambiguous`, `municipality_not_found`, `category_not_found`, `category_of_other_municipality`, or malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "auth-delete-alert": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `alert_not_found` (also someone else's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonalData"];
                };
            };
        };
    };
    "auth-get-notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
        };
    };
    "auth-set-notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationPreferences"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestPasswordReset"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-password-reset-confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmPasswordReset"];
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshTokens"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterCitizen"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "auth-verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyEmail"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "live-stream": {
        parameters: {
            query?: {
                /** @description A stream token from POST /events/stream-token */
                token?: string | null;
                /** @description Follow this municipality's public ticket updates */
                municipality_id?: string | null;
                /** @description Resume after this event id (for a new EventSource) */
                last_event_id?: string | null;
            };
            header?: {
                "Last-Event-ID"?: string | null;
            };
            path?: never;
            cookie?: {
                cityfix_stream?: string | null;
            };
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events until you disconnect */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description No valid stream token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "live-stream_token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamToken"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "geo-geocode": {
        parameters: {
            query: {
                /** @description An address or place name */
                q: string;
                /** @description Keep to this municipality's area */
                municipality_id?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlaceList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many lookups; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The geo service or the geocoder is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "geo-locate": {
        parameters: {
            query: {
                /** @description WGS84 latitude */
                lat: number;
                /** @description WGS84 longitude */
                lon: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LocationView"];
                };
            };
            /** @description `not_covered`: details name the nearest municipality */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many lookups; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The geo service or the geocoder is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "geo-reverse": {
        parameters: {
            query: {
                /** @description WGS84 latitude */
                lat: number;
                /** @description WGS84 longitude */
                lon: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Place"];
                };
            };
            /** @description `address_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many lookups; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The geo service or the geocoder is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "health-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthReport"];
                };
            };
            /** @description Something is down or not ready */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthReport"];
                };
            };
        };
    };
    "integrations-list-api-keys": {
        parameters: {
            query?: {
                municipality_id?: string | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin, or another municipality's keys */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "integrations-create-api-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin, or another municipality's keys */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `municipality_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `municipality_required` (admins), malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "integrations-revoke-api-key": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                api_key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyView"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin, or another municipality's keys */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `api_key_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "live-municipality": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                municipality_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "media-upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description One JPEG, PNG, WebP or HEIC photo
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhotoUpload"];
                };
            };
            /** @description `malformed_upload`: not one file in the field `file` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Admins (who report nothing) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `photo_too_large`: over the size cap (a setting, 10 MB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `unsupported_image_type` (not JPEG, PNG, WebP or HEIC by its bytes), `multipart_required` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `too_many_pixels` (over the pixel cap, refused before decoding), `unreadable_image` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `too_many_uploads` (per account and hour); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The media service or its store is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "media-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                };
            };
            /** @description Not modified (If-None-Match matched the ETag) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `photo_not_found`: no such photo, or not yours to see (not attached yet, hidden) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "media-moderate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PhotoModerationChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhotoModeration"];
                };
            };
            /** @description Anyone but a manager of the photo's municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `photo_not_found`: no such photo you can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `photo_not_attached` (no ticket holds it yet), `photo_changed` (a concurrent moderation won) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown fields or a missing `hidden` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The media service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "media-original": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                };
            };
            /** @description Not modified (If-None-Match matched the ETag) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `photo_not_found`: no such photo, or not yours to see (not attached yet, hidden) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "media-redact": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Redaction"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhotoModeration"];
                };
            };
            /** @description Anyone but a manager of the photo's municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `photo_not_found`: no such photo you can see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `photo_not_attached` (no ticket holds it yet), `photo_changed` (a concurrent moderation won) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `region_outside_photo` (a rectangle leaves the photo), an empty or invalid region */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The media service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "media-thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                };
            };
            /** @description Not modified (If-None-Match matched the ETag) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `photo_not_found`: no such photo, or not yours to see (not attached yet, hidden) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "municipalities-list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MunicipalityList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "municipalities-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMunicipality"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MunicipalityView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "municipalities-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                municipality_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MunicipalityView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "municipalities-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                municipality_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MunicipalityPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MunicipalityView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "categories-list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                include_inactive?: boolean;
            };
            header?: never;
            path: {
                municipality_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "categories-create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                municipality_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCategory"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "categories-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                municipality_id: string;
                category_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CategoryPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "notifications-list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                unread_only?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The notifications service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "notifications-read_all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationsMarked"];
                };
            };
            /** @description The notifications service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "notifications-read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                notification_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationView"];
                };
            };
            /** @description `notification_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The notifications service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "stats-get": {
        parameters: {
            query?: {
                /** @description Required for admins; managers get their own municipality (another one is refused) */
                municipality_id?: string | null;
                /** @description First day; 29 days before the last */
                created_from?: string | null;
                /** @description Last day (inclusive); today by default */
                created_to?: string | null;
                bucket?: "day" | "week" | "month";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketStats"];
                };
            };
            /** @description Not a manager, or another municipality's statistics */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `municipality_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `municipality_required` (admins), `invalid_period`, `period_too_long` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-list": {
        parameters: {
            query?: {
                sort?: "created_at" | "due_at" | "priority" | "updated_at";
                order?: "asc" | "desc";
                /** @description `next_cursor` of the previous page */
                cursor?: string | null;
                /** @description At most 100 */
                limit?: number;
                /** @description Repeated or comma-separated (`status=received,triaged`). Statuses, or the groups `open` (received, triaged, assigned, in_progress, action_scheduled, reopened) and `closed` (every other status, as Open311 counts them). `closed` always means the group: it includes the status closed along with resolved, duplicate, not_responsible and unable_to_fix */
                status?: string[] | null;
                category_id?: string | null;
                /** @description Staff only */
                assigned_operator_id?: string | null;
                /** @description low, normal, high, urgent; repeated or comma-separated */
                priority?: string[] | null;
                /** @description Open and past their due time (staff only) */
                overdue?: boolean;
                /** @description Reported at or after (ISO 8601 with time zone) */
                created_from?: string | null;
                /** @description Reported before */
                created_to?: string | null;
                /** @description Text in the description or the reference */
                q?: string | null;
                /** @description Map viewport `west,south,east,north` in degrees */
                bbox?: string | null;
                /** @description `lat,lon`: only tickets within `radius` of it */
                near?: string | null;
                /** @description Metres around `near` (default 500) */
                radius?: number | null;
                municipality_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description Staff filters (`assigned_operator_id`, `overdue`) without signing in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `staff_only_filter` for citizens; `other_municipality` when staff name another municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Malformed filters, or `invalid_cursor` (the cursor belongs to another query) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTicket"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description Admins, or staff reporting outside their municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `not_covered`, `category_not_found`, `category_inactive`, `answer_*` (details name the question), `description_has_html`, `too_many_photos`, `duplicate_photo`, `photo_not_available`, `photo_already_attached` (details name the photo), or malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `too_many_reports` (per account) or `too_many_reports_from_address`; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-list-assigned": {
        parameters: {
            query?: {
                /** @description Managers: whose queue (default: every operator's) */
                operator_id?: string | null;
                /** @description `next_cursor` of the previous page */
                cursor?: string | null;
                /** @description At most 100 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Anyone but operators and managers; `own_queue_only` when an operator names another */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `not_an_operator` (not an operator of your municipality), or `invalid_cursor` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-export-csv": {
        parameters: {
            query?: {
                /** @description Repeated or comma-separated (`status=received,triaged`). Statuses, or the groups `open` (received, triaged, assigned, in_progress, action_scheduled, reopened) and `closed` (every other status, as Open311 counts them). `closed` always means the group: it includes the status closed along with resolved, duplicate, not_responsible and unable_to_fix */
                status?: string[] | null;
                category_id?: string | null;
                /** @description Staff only */
                assigned_operator_id?: string | null;
                /** @description low, normal, high, urgent; repeated or comma-separated */
                priority?: string[] | null;
                /** @description Open and past their due time (staff only) */
                overdue?: boolean;
                /** @description Reported at or after (ISO 8601 with time zone) */
                created_from?: string | null;
                /** @description Reported before */
                created_to?: string | null;
                /** @description Text in the description or the reference */
                q?: string | null;
                /** @description Map viewport `west,south,east,north` in degrees */
                bbox?: string | null;
                /** @description `lat,lon`: only tickets within `radius` of it */
                near?: string | null;
                /** @description Metres around `near` (default 500) */
                radius?: number | null;
                municipality_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tickets as CSV (UTF-8 with a byte-order mark, a header row, oldest report first), as an attachment named after the municipality and the date. Columns: reference, id, status, priority, category_id, category_name, municipality_id, municipality_name, description, address, lat, lon, created_at, updated_at, due_at, resolved_at, sla_breached_at, assigned_operator_id, assigned_operator_name, support_count, hidden, duplicate_of, former_references, answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin; `other_municipality` when a manager names another one */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `municipality_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Malformed filters; `municipality_required` when an admin names no municipality */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-list-mine": {
        parameters: {
            query?: {
                /** @description Repeated or comma-separated (`status=received,triaged`). Statuses, or the groups `open` (received, triaged, assigned, in_progress, action_scheduled, reopened) and `closed` (every other status, as Open311 counts them). `closed` always means the group: it includes the status closed along with resolved, duplicate, not_responsible and unable_to_fix */
                status?: string[] | null;
                /** @description `next_cursor` of the previous page */
                cursor?: string | null;
                /** @description At most 100 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Malformed filters, or `invalid_cursor` (the cursor belongs to another query) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-nearby": {
        parameters: {
            query: {
                lat: number;
                lon: number;
                category_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NearbyTickets"];
                };
            };
            /** @description `category_not_found`, or a point off the map */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "tickets-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description Anyone but a manager of the ticket's municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_open`, `not_assigned` (null for a ticket already being worked), or `ticket_changed` when a concurrent change won */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An empty body, unknown fields, `not_an_operator`, `category_not_found`, `category_inactive` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-assign": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignmentBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description Anyone but a manager of the ticket's municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_open`, or `ticket_changed` when a concurrent change won */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `not_an_operator` (not an active operator of the ticket's municipality) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-unassign": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description Anyone but a manager of the ticket's municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `not_assigned`, or `ticket_changed` when a concurrent change won */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-list-comments": {
        parameters: {
            query?: {
                /** @description Entries per page */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentPage"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-comment": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentView"];
                };
            };
            /** @description `internal_for_staff` (internal notes are for the ticket's staff), `other_municipality`, admins */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `comments_closed` (a citizen on a closed, duplicate, not_responsible or unable_to_fix ticket), or `ticket_changed` when concurrent changes kept winning */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `comment_required`, `comment_too_long`, `comment_has_html`, or malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-feedback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeedbackBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description `reporter_only` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `not_resolved`, `feedback_already_given`, or `ticket_changed` when a concurrent change won */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `invalid_rating`, `comment_has_html`, or malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-follow": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowView"];
                };
            };
            /** @description `other_municipality`, admins */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_changed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-unfollow": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowView"];
                };
            };
            /** @description `other_municipality`, admins */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_changed` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-moderation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModerationView"];
                };
            };
            /** @description `staff_only`: staff of another municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "tickets-moderate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModerationPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModerationView"];
                };
            };
            /** @description Anyone but a manager of the ticket's municipality */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_changed` when a concurrent change won */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An empty body, unknown fields, `description_has_html`, `reason_too_long` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-change-status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description `not_allowed` (the status table names someone else), `other_municipality` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `transition_not_allowed`, `use_assignment`, `use_unassignment`, `reopen_window_passed`, or `ticket_changed` when a concurrent change won */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `note_required`, `original_required`, `note_has_html`, or malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-support": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description `other_municipality`, admins */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `already_supported` (one per person), `reporter_cannot_support`, `ticket_not_open` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-timeline": {
        parameters: {
            query?: {
                /** @description Entries per page */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string | null;
            };
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelinePage"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "tickets-transfer": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description Anyone but a manager of the ticket's municipality or an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `ticket_not_transferable` (resolved, closed, duplicate, unable_to_fix), or `ticket_changed` when a concurrent change won */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `same_municipality`, `municipality_not_found`, `municipality_inactive`, `category_not_found`, `category_inactive`, `note_has_html`, or malformed fields */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tickets service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "users-list": {
        parameters: {
            query?: {
                role?: ("citizen" | "operator" | "manager" | "admin") | null;
                municipality_id?: string | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "users-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateStaffUser"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "users-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "users-update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserChanges"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "webhooks-list-endpoints": {
        parameters: {
            query?: {
                municipality_id?: string | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-create-endpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `municipality_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `destination_refused` (not https, or a non-public address outside development mode), `unknown_event_type`, `unknown_category`, `municipality_required` (admins) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-get-endpoint": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointView"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_not_found` (also another municipality's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-delete-endpoint": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_not_found` (also another municipality's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-update-endpoint": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointView"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_not_found` (also another municipality's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `destination_refused`, unknown filters */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-list-deliveries": {
        parameters: {
            query?: {
                status?: ("pending" | "delivered" | "failed") | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path: {
                webhook_endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_not_found` (also another municipality's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-replay-delivery": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: string;
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryView"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_not_found`, `webhook_delivery_not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_disabled`: enable it first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_not_found` (also another municipality's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "webhooks-send-test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryView"];
                };
            };
            /** @description Not signed in */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not a manager or admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_not_found` (also another municipality's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description `webhook_endpoint_disabled`: enable it first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description The integrations service is not answering */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "open311-discovery": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The specification's body in the format the path names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "open311-requests": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The specification's body in the format the path names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "open311-create_request": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description Accepted, not stored */
                    account_id?: string;
                    address_string?: string;
                    /** @description Issued by the municipality (required) */
                    api_key: string;
                    /** @description The answer to the service's attribute `code` */
                    "attribute[code]"?: string;
                    description?: string;
                    /** @description Accepted, not stored */
                    device_id?: string;
                    /** @description Accepted, not stored */
                    email?: string;
                    /** @description Accepted, not stored */
                    first_name?: string;
                    /** @description The municipality's slug */
                    jurisdiction_id?: string;
                    /** @description Accepted, not stored */
                    last_name?: string;
                    /** @description WGS84; with long, or give address_string */
                    lat?: number;
                    long?: number;
                    /** @description Accepted, not taken over yet */
                    media_url?: string;
                    /** @description Accepted, not stored */
                    phone?: string;
                    service_code: string;
                };
            };
        };
        responses: {
            /** @description The specification's body in the format the path names */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid api_key for this report */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "open311-request": {
        parameters: {
            query?: {
                jurisdiction_id?: string | null;
            };
            header?: never;
            path: {
                service_request_id: string;
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The specification's body in the format the path names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "open311-request_updates": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The specification's body in the format the path names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "open311-services": {
        parameters: {
            query?: {
                jurisdiction_id?: string | null;
            };
            header?: never;
            path: {
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The specification's body in the format the path names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "open311-service_definition": {
        parameters: {
            query?: {
                jurisdiction_id?: string | null;
            };
            header?: never;
            path: {
                service_code: string;
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The specification's body in the format the path names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    "open311-token": {
        parameters: {
            query?: {
                jurisdiction_id?: string | null;
            };
            header?: never;
            path: {
                token: string;
                format: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The specification's body in the format the path names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "text/xml": unknown;
                };
            };
            /** @description Errors: a list of {code, description} (`errors/error` in XML) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such jurisdiction, service, service request or token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
}
