import { css } from 'lit';

export const apiKeyFormStyles = css`
  :host {
    display: block;
  }

  form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }

  .field {
    display: grid;
    gap: 0.25rem;
  }

  label {
    font-weight: 600;
  }

  input {
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }

  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .hint {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0;
  }

  .error {
    color: var(--_danger);
    font-size: 0.875em;
    margin: 0;
  }

  button {
    font: inherit;
    justify-self: start;
    padding: 0.5rem 1rem;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }

  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
`;
