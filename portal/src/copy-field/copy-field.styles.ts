import { css } from 'lit';

export const copyFieldStyles = css`
  .row {
    display: flex;
    gap: 0.5rem;
  }

  .row input[readonly] {
    flex: 1;
    opacity: 1;
    cursor: text;
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.875em;
    background: color-mix(in srgb, var(--_border) 25%, var(--_surface));
  }

  button {
    flex: none;
    padding: 0 1rem;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }

  .outcome {
    margin: 0;
    font-size: 0.875em;
  }

  .outcome:empty {
    display: none;
  }

  .copied {
    color: var(--_success);
  }

  .failed {
    color: var(--_danger);
  }
`;
