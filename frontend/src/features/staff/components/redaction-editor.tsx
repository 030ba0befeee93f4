import * as Dialog from '@radix-ui/react-dialog';
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { usePhotoUrl, useRedactPhoto } from '@/features/staff/api/photos';
import type { RedactionRegion } from '@/features/staff/api/types';
import { useI18n } from '@/lib/i18n';

type Size = { width: number; height: number };
type Region = Required<RedactionRegion> & { key: number };
type Point = { x: number; y: number };

/** The rectangle between two corners, whole pixels, inside the photo. */
export function rectangleBetween(a: Point, b: Point, size: Size): Omit<RedactionRegion, 'style'> {
  const clampX = (v: number) => Math.max(0, Math.min(size.width, Math.round(v)));
  const clampY = (v: number) => Math.max(0, Math.min(size.height, Math.round(v)));
  const left = clampX(Math.min(a.x, b.x));
  const top = clampY(Math.min(a.y, b.y));
  return { x: left, y: top, width: clampX(Math.max(a.x, b.x)) - left, height: clampY(Math.max(a.y, b.y)) - top };
}

/** Which rectangles leave the photo or have no area (numbered from 1), as the API would refuse them. */
export function badRegions(regions: readonly Omit<RedactionRegion, 'style'>[], size: Size | null): number[] {
  return regions.flatMap((region, index) =>
    region.width < 1 ||
    region.height < 1 ||
    region.x < 0 ||
    region.y < 0 ||
    (size !== null && (region.x + region.width > size.width || region.y + region.height > size.height))
      ? [index + 1]
      : [],
  );
}

const input =
  'block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900 focus-visible:outline-2 focus-visible:outline-emerald-700';

function RegionFields({
  region,
  number,
  size,
  onChange,
  onRemove,
}: {
  region: Region;
  number: number;
  size: Size | null;
  onChange: (region: Region) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const fields = [
    ['x', t('staff.redact.x'), size?.width],
    ['y', t('staff.redact.y'), size?.height],
    ['width', t('staff.redact.width'), size?.width],
    ['height', t('staff.redact.height'), size?.height],
  ] as const;
  return (
    <fieldset className="space-y-2 rounded-lg border border-slate-200 p-2">
      <legend className="px-1 font-medium text-slate-800">{t('staff.redact.region', { number })}</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {fields.map(([key, label, max]) => (
          <label key={key} className="text-sm text-slate-700">
            {label}
            <input
              type="number"
              inputMode="numeric"
              min={key === 'width' || key === 'height' ? 1 : 0}
              {...(max !== undefined ? { max } : {})}
              value={region[key]}
              onChange={(event) => onChange({ ...region, [key]: Math.round(Number(event.target.value) || 0) })}
              className={input}
            />
          </label>
        ))}
        <label className="text-sm text-slate-700">
          {t('staff.redact.style')}
          <select
            value={region.style}
            onChange={(event) => onChange({ ...region, style: event.target.value as Region['style'] })}
            className={input}
          >
            <option value="blur">{t('staff.redact.blur')}</option>
            <option value="black">{t('staff.redact.black')}</option>
          </select>
        </label>
      </div>
      <Button variant="link" onClick={onRemove}>
        {t('staff.redact.remove', { number })}
      </Button>
    </fieldset>
  );
}

/**
 * Draw rectangles over the original photo (mouse, pen or touch) or type them in pixels; the public then
 * sees the photo with those parts blurred or blacked out.
 */
export function RedactionEditor({
  ticketId,
  mediaId,
  onDone,
}: {
  ticketId: string;
  mediaId: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const photo = usePhotoUrl(mediaId, true);
  const redact = useRedactPhoto(ticketId);
  const [size, setSize] = useState<Size | null>(null);
  const [regions, setRegions] = useState<Region[]>([]);
  const [draft, setDraft] = useState<Omit<RedactionRegion, 'style'> | null>(null);
  const start = useRef<Point | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const nextKey = useRef(1);

  function pointOf(event: ReactPointerEvent): Point | null {
    const box = frame.current?.getBoundingClientRect();
    if (!box || !size || box.width === 0 || box.height === 0) return null;
    return {
      x: ((event.clientX - box.left) / box.width) * size.width,
      y: ((event.clientY - box.top) / box.height) * size.height,
    };
  }

  function add(region: Omit<RedactionRegion, 'style'>) {
    setRegions((list) => [...list, { ...region, style: 'blur', key: nextKey.current++ }]);
  }

  const problems = badRegions(regions, size);
  const overlay = (region: Omit<RedactionRegion, 'style'>, key: string | number, label?: string) =>
    size && (
      <div
        key={key}
        aria-hidden="true"
        className="pointer-events-none absolute border-2 border-red-600 bg-red-600/30"
        style={{
          left: `${(region.x / size.width) * 100}%`,
          top: `${(region.y / size.height) * 100}%`,
          width: `${(region.width / size.width) * 100}%`,
          height: `${(region.height / size.height) * 100}%`,
        }}
      >
        {label && <span className="bg-red-600 px-1 text-xs font-bold text-white">{label}</span>}
      </div>
    );

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{t('staff.redact.help')}</p>
      {photo.isError && <ErrorMessage error={photo.error} />}
      {!photo.url && !photo.isError && <Loading />}
      {photo.url && (
        <div
          ref={frame}
          role="img"
          aria-label={t('staff.redact.canvas')}
          className="relative w-full touch-none select-none overflow-hidden rounded-lg bg-slate-200"
          onPointerDown={(event) => {
            const point = pointOf(event);
            if (!point) return;
            event.currentTarget.setPointerCapture?.(event.pointerId);
            start.current = point;
            setDraft({ x: Math.round(point.x), y: Math.round(point.y), width: 0, height: 0 });
          }}
          onPointerMove={(event) => {
            const point = pointOf(event);
            if (start.current && point && size) setDraft(rectangleBetween(start.current, point, size));
          }}
          onPointerUp={(event) => {
            const point = pointOf(event);
            if (start.current && point && size) {
              const region = rectangleBetween(start.current, point, size);
              if (region.width >= 4 && region.height >= 4) add(region);
            }
            start.current = null;
            setDraft(null);
          }}
          onPointerCancel={() => {
            start.current = null;
            setDraft(null);
          }}
        >
          <img
            src={photo.url}
            alt=""
            draggable={false}
            onLoad={(event) =>
              setSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
            }
            className="block w-full"
          />
          {regions.map((region, index) => overlay(region, region.key, String(index + 1)))}
          {draft && overlay(draft, 'draft')}
        </div>
      )}
      {size && size.width > 0 && <p className="text-sm text-slate-600">{t('staff.redact.size', size)}</p>}
      {regions.length === 0 && <p className="text-sm text-slate-700">{t('staff.redact.none')}</p>}
      {regions.map((region, index) => (
        <RegionFields
          key={region.key}
          region={region}
          number={index + 1}
          size={size && size.width > 0 ? size : null}
          onChange={(changed) => setRegions((list) => list.map((r) => (r.key === changed.key ? changed : r)))}
          onRemove={() => setRegions((list) => list.filter((r) => r.key !== region.key))}
        />
      ))}
      <Button
        variant="secondary"
        onClick={() =>
          add(
            size && size.width > 0
              ? {
                  x: Math.round(size.width / 4),
                  y: Math.round(size.height / 4),
                  width: Math.round(size.width / 2),
                  height: Math.round(size.height / 2),
                }
              : { x: 0, y: 0, width: 100, height: 100 },
          )
        }
      >
        {t('staff.redact.add')}
      </Button>
      {problems.length > 0 && (
        <p role="alert" className="text-sm text-red-800">
          {t('staff.redact.outside', { numbers: problems.join(', ') })}
        </p>
      )}
      {redact.isError && <ErrorMessage error={redact.error} />}
      {redact.isSuccess && (
        <p role="status" className="text-sm text-emerald-800">
          {t('staff.redact.saved')}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={regions.length === 0 || problems.length > 0 || redact.isPending}
          onClick={() =>
            redact.mutate({
              mediaId,
              regions: regions.map(({ x, y, width, height, style }) => ({ x, y, width, height, style })),
            })
          }
        >
          {t('staff.redact.save')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('staff.redact.close')}
        </Button>
      </div>
    </div>
  );
}

/** The redaction editor in a dialog, opened from a photo's controls. */
export function RedactionDialog({ ticketId, mediaId, number }: { ticketId: string; mediaId: string; number: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="link">{t('staff.photo.redact', { number })}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-[1100] bg-slate-900/50" />
        <Dialog.Content className="fixed inset-x-2 top-4 bottom-4 z-[1101] overflow-y-auto rounded-xl bg-white p-4 shadow-xl sm:inset-x-auto sm:left-1/2 sm:w-[40rem] sm:-translate-x-1/2">
          <Dialog.Title className="mb-2 text-xl font-semibold text-slate-900">
            {t('staff.redact.title', { number })}
          </Dialog.Title>
          <Dialog.Description className="sr-only">{t('staff.redact.help')}</Dialog.Description>
          <RedactionEditor ticketId={ticketId} mediaId={mediaId} onDone={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
