import { css } from 'lit';

export const textFieldStyles = css`
  .password {
    display: flex;
    gap: 0.5rem;
  }

  .password input {
    flex: 1;
  }

  .password button {
    flex: none;
    padding: 0 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_accent);
  }
`;
