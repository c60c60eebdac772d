import { css } from 'lit';

/** Buttons: the primary look by default, `.secondary` and `.danger` variants, `.link` for text buttons. */
export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    min-height: 2.25rem;
  }

  button.secondary {
    background: transparent;
    color: var(--_text);
    border-color: var(--_border);
  }

  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }

  button.link {
    background: none;
    border: 0;
    padding: 0;
    min-height: 0;
    color: var(--_accent);
    font-weight: 600;
    text-decoration: underline;
  }

  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
`;
