import { css } from 'lit';

/**
 * Layout pieces several elements draw alike, written once:
 * - `.sr-only`: text for assistive technology only (visually hidden, still read);
 * - `.stack`: a list without bullets, its items spaced on a grid;
 * - `.choice`: a bordered card around a radio button and its text, outlined in the accent colour
 *   while its radio is checked (an account, an account type).
 */
export const layoutStyles = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .stack {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }

  .choice {
    display: flex;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2) calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  .choice:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
`;
