import { css } from 'lit';

export const taskHistoryStyles = css`
  :host {
    display: block;
    margin-top: var(--_space);
  }

  summary {
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
  }

  ol {
    list-style: none;
    padding: 0;
  }

  li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_space);
    padding: calc(var(--_space) / 2) 0;
    border-bottom: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }

  li > :nth-child(n + 3) {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }

  .succeeded {
    color: var(--_success);
  }

  .failed,
  .dead,
  li > p,
  [role='alert'] {
    color: var(--_danger);
  }
`;
