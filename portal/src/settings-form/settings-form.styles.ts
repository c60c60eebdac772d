import { css } from 'lit';

export const settingsFormStyles = css`
  :host {
    display: block;
  }

  .fields {
    display: grid;
    gap: var(--_space);
  }

  .status {
    margin: calc(var(--_space) / 2) 0 0;
    min-height: 1.4em;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .empty {
    margin: 0;
    color: var(--_muted);
  }
`;
