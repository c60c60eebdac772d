import { css } from 'lit';

/**
 * `.switch`: an on/off switch drawn on a native checkbox with `role="switch"`, so keyboard, form
 * and assistive technology behaviour stay native (https://www.w3.org/WAI/ARIA/apg/patterns/switch/).
 */
export const switchStyles = css`
  .switch {
    appearance: none;
    flex: none;
    width: 2.5rem;
    height: 1.5rem;
    margin: 0;
    border-radius: 999px;
    background: var(--_border);
    position: relative;
    cursor: pointer;
    transition: background-color 120ms;
  }

  .switch::before {
    content: '';
    position: absolute;
    top: 0.1875rem;
    left: 0.1875rem;
    width: 1.125rem;
    height: 1.125rem;
    border-radius: 50%;
    background: #fff;
    transition: transform 120ms;
  }

  .switch:checked {
    background: var(--_accent);
  }

  .switch:checked::before {
    transform: translateX(1rem);
  }

  .switch:disabled {
    opacity: 0.5;
    cursor: progress;
  }

  @media (prefers-reduced-motion: reduce) {
    .switch,
    .switch::before {
      transition: none;
    }
  }
`;
