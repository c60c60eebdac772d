import { css } from 'lit';

export const accountListStyles = css`
  :host {
    display: block;
  }

  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }

  legend {
    font-weight: 600;
    margin-bottom: calc(var(--_space) / 2);
    padding: 0;
  }

  .account {
    align-items: center;
  }

  .account__text {
    flex: 1;
    min-width: 0;
    display: grid;
  }

  .account__name {
    overflow-wrap: anywhere;
  }

  .account__date {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .account__status {
    font-size: 0.875em;
    color: var(--_success);
  }

  .account__status--INVALID,
  .account__status--PENDING {
    color: var(--_danger);
  }

  .empty {
    color: var(--_muted);
    margin: 0;
  }
`;
