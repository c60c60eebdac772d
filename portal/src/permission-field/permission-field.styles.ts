import { css } from 'lit';

export const permissionFieldStyles = css`
  .scopes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }

  .scope {
    display: grid;
    /* minmax(0, …): a scope's long name or description wraps rather than widening the portal. */
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: 0.5rem;
    align-items: baseline;
    overflow-wrap: anywhere;
  }

  .scope input {
    width: 1rem;
    height: 1rem;
    margin: 0;
    accent-color: var(--_accent);
  }

  .scope label {
    cursor: pointer;
  }

  .description {
    grid-column: 2;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
