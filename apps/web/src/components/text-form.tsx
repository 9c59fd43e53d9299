import { useState, type FormEvent, type ReactNode } from 'react';
import { ProblemMessage } from './problem-message';

/**
 * A small form around one text (a follow-up, a solution, a refusal's reason, a comment): the
 * label, the text area, what else the caller adds, and the submit button; emptied once sent.
 */
export function TextForm(props: {
  id: string;
  legend: string;
  label: string;
  submit: string;
  required?: boolean;
  children?: ReactNode;
  error: Error | null;
  pending: boolean;
  onSubmit(text: string): Promise<unknown>;
}) {
  const [text, setText] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    await props.onSubmit(text);
    setText('');
  };
  return (
    <form
      className="card"
      onSubmit={(event) => void send(event).catch(() => undefined)}
      aria-labelledby={`${props.id}-legend`}
    >
      <h3 id={`${props.id}-legend`}>{props.legend}</h3>
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        <textarea
          id={props.id}
          rows={3}
          required={props.required ?? true}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {props.children}
      <ProblemMessage error={props.error} />
      <button type="submit" disabled={props.pending}>
        {props.submit}
      </button>
    </form>
  );
}
