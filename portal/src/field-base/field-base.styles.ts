import { css } from 'lit';

/** The chrome every setting field shares, and the look of native text controls in them. */
export const fieldBaseStyles = css`
  :host {
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  .field {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  .label {
    font-weight: 600;
    padding: 0;
    overflow-wrap: anywhere;
  }

  .required {
    color: var(--_danger);
  }

  .hint,
  .tooltip,
  .docs {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }

  .tooltip summary {
    cursor: pointer;
    width: fit-content;
  }

  .tooltip p {
    margin: 0.25rem 0 0;
  }

  .docs {
    color: var(--_accent);
    width: fit-content;
  }

  .error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }

  input:not([type='checkbox']):not([type='radio']),
  textarea,
  select,
  .control {
    font: inherit;
    color: inherit;
    width: 100%;
    min-width: 0;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  textarea {
    resize: vertical;
    min-height: 5rem;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  :disabled,
  [readonly] {
    opacity: 0.7;
    cursor: not-allowed;
  }

  button {
    font: inherit;
    cursor: pointer;
  }
`;
