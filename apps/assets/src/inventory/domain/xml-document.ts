import { SaxesParser } from 'saxes';
import { DomainError } from '@itsm/domain';

/** An element as data: its text, or its children by lower-case tag (a repeated tag becomes a list). */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [tag: string]: XmlValue;
}

const refused = (message: string) =>
  new DomainError('invalid', `the XML body is refused: ${message}`, { errors: [{ field: 'body', message }] });

/**
 * Parses an agent's XML strictly (well-formed, UTF-8) into plain data, the root's tag beside it.
 * A DOCTYPE is refused outright: no entity is ever declared, so none is expanded (no billion
 * laughs) and nothing outside the body is ever read (no XXE); only XML's five predefined entities
 * and character references are decoded.
 */
export function parseXml(text: string): { root: string; element: XmlElement } {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Array<{ tag: string; children: XmlElement; text: string; hasChildren: boolean }> = [];
  let root: { tag: string; element: XmlElement } | undefined;
  let failure: Error | undefined;
  parser.on('doctype', () => {
    throw refused('a DOCTYPE (and so entity declarations) is not accepted');
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (node) => {
    const parent = stack.at(-1);
    if (parent) parent.hasChildren = true;
    stack.push({ tag: node.name.toLowerCase(), children: {}, text: '', hasChildren: false });
  });
  parser.on('text', (chunk) => {
    const current = stack.at(-1);
    if (current) current.text += chunk;
  });
  parser.on('closetag', () => {
    const closed = stack.pop();
    if (!closed) return;
    const value: XmlValue = closed.hasChildren ? closed.children : closed.text.trim();
    const parent = stack.at(-1);
    if (!parent) {
      root = { tag: closed.tag, element: closed.hasChildren ? closed.children : {} };
      return;
    }
    const known = parent.children[closed.tag];
    if (known === undefined) parent.children[closed.tag] = value;
    else if (Array.isArray(known)) known.push(value);
    else parent.children[closed.tag] = [known, value];
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    failure ??= error as Error;
  }
  if (failure) throw refused(failure.message);
  if (!root) throw refused('no root element');
  return { root: root.tag, element: root.element };
}
