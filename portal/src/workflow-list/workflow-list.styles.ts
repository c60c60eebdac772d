import { css } from 'lit';

export const workflowListStyles = css`
  :host {
    display: block;
  }

  .workflow {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2) 0;
    border-bottom: 1px solid var(--_border);
    /* Rows out of view are not laid out or painted until scrolled near (they stay in the
       accessibility tree and find-in-page): most of a 50-workflow list's first render. */
    content-visibility: auto;
    contain-intrinsic-size: auto 3.5rem;
  }

  .workflow__row {
    display: flex;
    align-items: center;
    gap: var(--_space);
    cursor: pointer;
  }

  .message {
    margin: 0;
    color: var(--_danger);
    font-size: 0.875em;
  }

  details summary {
    cursor: pointer;
    color: var(--_accent);
    font-size: 0.875em;
    font-weight: 600;
    width: fit-content;
  }

  details[open] summary {
    margin-bottom: calc(var(--_space) / 2);
  }

  .workflow__text {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 0.125rem;
    overflow-wrap: anywhere;
  }

  .workflow__info {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .empty {
    color: var(--_muted);
    margin: 0;
  }
`;
