import { css } from 'lit';

export const comboFieldStyles = css`
  .parts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.75rem;
  }
`;
