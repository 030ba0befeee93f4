import { useId, type TextareaHTMLAttributes } from 'react';

type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: string;
  problem?: string | undefined;
};

/** A labelled multi-line field, with a hint and a problem announced with it. */
export function TextArea({ label, hint, problem, className = '', ...props }: Props) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ');
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700 aria-invalid:border-red-700"
        {...props}
      />
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
    </div>
  );
}

export function SelectField({
  label,
  value,
  onChange,
  children,
  disabled,
  className = '',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: React.ReactNode;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700"
      >
        {children}
      </select>
    </div>
  );
}
