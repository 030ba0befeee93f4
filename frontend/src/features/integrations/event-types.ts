import type { MessageKey } from '@/lib/i18n';

/**
 * The public events a webhook can ask for (those on CITYFIX_EVENTS, docs/events.md), grouped for the
 * form. The API has no list of them; it refuses an unknown name with `unknown_event_type`, naming the
 * known ones, and that message is shown beside the checkboxes. A Python test
 * (tests/services/integrations/test_webhook_event_types_in_the_web_app.py) fails when this list and the
 * integrations service's public event types differ.
 */
export const EVENT_TYPE_GROUPS: readonly { label: MessageKey; types: readonly string[] }[] = [
  {
    label: 'integrations.hooks.group.tickets',
    types: [
      'TicketCreated',
      'StatusChanged',
      'TicketAssigned',
      'TicketUnassigned',
      'CommentAdded',
      'TicketPrioritized',
      'TicketRecategorized',
      'TicketReopened',
      'TicketTransferred',
      'TicketEdited',
      'TicketHidden',
      'TicketUnhidden',
      'SlaBreached',
      'FeedbackSubmitted',
      'SupportAdded',
      'TicketFollowed',
      'TicketUnfollowed',
      'AddressResolved',
    ],
  },
  {
    label: 'integrations.hooks.group.photos',
    types: ['PhotoUploaded', 'PhotoAttached', 'PhotoHidden', 'PhotoUnhidden', 'PhotoRedacted'],
  },
  {
    label: 'integrations.hooks.group.municipality',
    types: ['MunicipalityCreated', 'MunicipalityUpdated', 'BoundaryChanged', 'CategoryChanged', 'ExportPerformed', 'WebhookEndpointDisabled'],
  },
  {
    label: 'integrations.hooks.group.accounts',
    types: ['UserRegistered', 'UserRoleChanged', 'UserDeactivated', 'UserReactivated', 'StaffProfileChanged', 'AccountDeleted'],
  },
];
