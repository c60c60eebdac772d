import { css } from 'lit';

/** One row per application field: its label on the left, the integration's field on the right. */
export const fieldMapperStyles = css`
  .rows {
    display: grid;
    gap: 0.5rem;
  }

  .row::part(field) {
    grid-template-columns: minmax(8rem, 1fr) 2fr;
    align-items: center;
    column-gap: var(--_space);
  }
`;
