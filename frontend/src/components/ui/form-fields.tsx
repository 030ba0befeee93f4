import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

export const inputClass =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700 aria-invalid:border-red-700 disabled:bg-slate-100 disabled:text-slate-600';

type Described = { label: string; hint?: string | undefined; problem?: string | undefined; className?: string };

function useDescription(hint?: string, problem?: string) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ');
  const notes = (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="text-sm text-red-800">
          {problem}
        </p>
      )}
    </>
  );
  return { id, describedBy: describedBy || undefined, notes };
}

/** A labelled native select (keyboard and screen readers know it), with hint and the server's problem. */
export function SelectField({
  label,
  hint,
  problem,
  className = '',
  children,
  ...props
}: Described & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const { id, describedBy, notes } = useDescription(hint, problem);
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <select id={id} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} className={inputClass} {...props}>
        {children}
      </select>
      {notes}
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  problem,
  className = '',
  ...props
}: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, describedBy, notes } = useDescription(hint, problem);
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <textarea id={id} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} className={inputClass} {...props} />
      {notes}
    </div>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  problem,
  className = '',
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  problem?: string | undefined;
  className?: string;
}) {
  const { id, describedBy, notes } = useDescription(undefined, problem);
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="flex items-center gap-2 font-medium text-slate-800">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          className="size-4 accent-emerald-700"
        />
        {label}
      </label>
      {notes}
    </div>
  );
}
