import { css } from 'lit';

/** An integration's icon: its image, or its initial on its brand colour (`--_brand`, set per integration). */
export const integrationIconStyles = css`
  .icon {
    flex: none;
    width: 2.5rem;
    height: 2.5rem;
    border-radius: var(--_radius);
    display: grid;
    place-items: center;
    object-fit: contain;
    overflow: hidden;
  }

  .icon--letter {
    background: var(--_brand, var(--_accent));
    color: var(--_on-brand, #fff);
    font-weight: 700;
    font-size: 1.25rem;
  }
`;
