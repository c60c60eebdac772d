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
    width: fit-content;
  }

  .toolbar {
    display: flex;
    justify-content: flex-end;
    margin: calc(var(--_space) / 2) 0;
  }

  .runs {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .run {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: calc(var(--_space) / 4) var(--_space);
    padding: calc(var(--_space) / 2) 0;
    border-bottom: 1px solid var(--_border);
  }

  .run__workflow {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .run__meta {
    grid-column: 1 / -1;
    color: var(--_muted);
    font-size: 0.875em;
  }

  .status {
    font-size: 0.875em;
    font-weight: 600;
  }

  .status--succeeded {
    color: var(--_success);
  }

  .status--failed,
  .status--dead,
  .run__error,
  .error {
    color: var(--_danger);
  }

  .run__error {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }

  .empty,
  .busy {
    color: var(--_muted);
  }
`;
