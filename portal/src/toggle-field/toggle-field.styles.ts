import { css } from 'lit';

/** The title on the left, the switch or checkbox on the right, the help below both. */
export const toggleFieldStyles = css`
  .field {
    grid-template-columns: 1fr auto;
    align-items: center;
    column-gap: var(--_space);
  }

  .field > :not(.label, #control) {
    grid-column: 1 / -1;
  }

  .label {
    cursor: pointer;
  }

  .checkbox {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: var(--_accent);
  }
`;
