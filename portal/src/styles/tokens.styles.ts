import { css } from 'lit';

/**
 * The theme: every element reads these private `--_*` values, which default from the public
 * `--paragon-*` custom properties a host may set on `<paragon-connect-portal>` (they inherit
 * through shadow roots).
 */
export const tokens = css`
  :host {
    --_accent: var(--paragon-color-accent, #3b5bdb);
    --_on-accent: var(--paragon-color-on-accent, #fff);
    --_surface: var(--paragon-color-surface, #fff);
    --_text: var(--paragon-color-text, #1a1b1e);
    --_muted: var(--paragon-color-muted, #495057);
    --_border: var(--paragon-color-border, #ced4da);
    --_danger: var(--paragon-color-danger, #c92a2a);
    --_success: var(--paragon-color-success, #237032);
    --_radius: var(--paragon-radius, 8px);
    --_space: var(--paragon-space, 1rem);
    font-family: var(--paragon-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--_text);
    line-height: 1.4;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
