import { useState, type ReactNode } from 'react';

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';

type Props = {
  /** The button that opens the confirmation. */
  trigger: ReactNode;
  /** Accessible name of the trigger when its text alone is ambiguous (e.g. "Deactivate" in a table). */
  triggerLabel?: string;
  title: string;
  description: ReactNode;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  disabled?: boolean;
  destructive?: boolean;
};

/** A button that asks before it acts, in an alert dialog (Escape or Cancel leaves things as they are). */
export function ConfirmAction({
  trigger,
  triggerLabel,
  title,
  description,
  confirm,
  cancel,
  onConfirm,
  disabled = false,
  destructive = false,
}: Props) {
  const [open, setOpen] = useState(false);
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="secondary" disabled={disabled} aria-label={triggerLabel}>
          {trigger}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription>{description}</AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel>{cancel}</AlertDialogCancel>
          <AlertDialogAction
            className={destructive ? 'bg-red-700 hover:bg-red-800' : undefined}
            onClick={() => onConfirm()}
          >
            {confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
