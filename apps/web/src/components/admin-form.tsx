import { type FormEvent, type ReactNode } from 'react';
import { ProblemMessage } from './problem-message';

/** An administration form: its heading names it (and its button), the service's refusal shown below. */
export function AdminForm(props: {
  id: string;
  title: string;
  children: ReactNode;
  command: { error: Error | null; isPending: boolean };
  onSubmit(): Promise<unknown>;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onSubmit().catch(() => undefined);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
      <ProblemMessage error={props.command.error} />
      <button type="submit" disabled={props.command.isPending}>
        {props.title}
      </button>
    </form>
  );
}

/** A labelled input: text by default, or a password, a whole number (`min`, step 1), a day, a time. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'integer' | 'date' | 'time';
  required?: boolean;
  maxLength?: number;
  min?: number;
}) {
  const integer = props.type === 'integer';
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={integer ? 'number' : (props.type ?? 'text')}
        step={integer ? 1 : undefined}
        min={props.min}
        required={props.required}
        maxLength={props.maxLength ?? 255}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

/** A labelled checkbox. */
export function CheckField(props: { id: string; label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <div className="field inline">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={props.id}>{props.label}</label>
    </div>
  );
}
