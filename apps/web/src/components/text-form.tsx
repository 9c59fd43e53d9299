import { useState, type FormEvent, type ReactNode } from 'react';
import { ProblemMessage } from './problem-message';

/**
 * A small form around one text (a follow-up, a solution, a refusal's reason, a comment): the
 * label, the text area, what else the caller adds, and the submit button; emptied once sent.
 */
export function TextForm(props: {
  id: string;
  /** the form's heading and its button */
  title: string;
  label: string;
  required?: boolean;
  children?: ReactNode;
  /** the mutation that sends the text */
  command: { error: Error | null; isPending: boolean; mutateAsync(text: string): Promise<unknown> };
}) {
  const [text, setText] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    await props.command.mutateAsync(text);
    setText('');
  };
  return (
    <form
      className="card"
      onSubmit={(event) => void send(event).catch(() => undefined)}
      aria-labelledby={`${props.id}-legend`}
    >
      <h3 id={`${props.id}-legend`}>{props.title}</h3>
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
      <ProblemMessage error={props.command.error} />
      <button type="submit" disabled={props.command.isPending}>
        {props.title}
      </button>
    </form>
  );
}
