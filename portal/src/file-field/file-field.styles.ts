import { css } from 'lit';

export const fileFieldStyles = css`
  .file {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .file__name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .file__size {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .file button {
    margin-left: auto;
    padding: 0.125rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_danger);
  }

  input[type='file'] {
    padding: 0.375rem;
  }
`;
