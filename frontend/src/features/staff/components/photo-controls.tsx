import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { useSetPhotoHidden } from '@/features/staff/api/photos';
import { RedactionDialog } from '@/features/staff/components/redaction-editor';
import { useI18n } from '@/lib/i18n';

/** A manager's controls under a photo: hide it from the public (or show it again), redact parts. */
export function PhotoControls({
  ticketId,
  mediaId,
  number,
  hidden,
}: {
  ticketId: string;
  mediaId: string;
  number: number;
  hidden: boolean;
}) {
  const { t } = useI18n();
  const setHidden = useSetPhotoHidden(ticketId);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        <Button
          variant="link"
          disabled={setHidden.isPending}
          onClick={() => setHidden.mutate({ mediaId, hidden: !hidden })}
        >
          {hidden ? t('staff.photo.unhide', { number }) : t('staff.photo.hide', { number })}
        </Button>
        <RedactionDialog ticketId={ticketId} mediaId={mediaId} number={number} />
      </div>
      {setHidden.isError && <ErrorMessage error={setHidden.error} />}
    </div>
  );
}
