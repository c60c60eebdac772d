import { css } from 'lit';

/** The dark theme's values, for `theme="dark"` and for `theme="auto"` on a dark system. */
const darkTheme = css`
  color-scheme: dark;
  --paragon-color-accent: #91a7ff;
  --paragon-color-on-accent: #10121a;
  --paragon-color-surface: #1a1b1e;
  --paragon-color-text: #e9ecef;
  --paragon-color-muted: #adb5bd;
  --paragon-color-border: #495057;
  --paragon-color-danger: #ff8787;
  --paragon-color-success: #8ce99a;
`;

/**
 * The portal's frame, and its themes: `theme="dark"`, or `theme="auto"` following the system,
 * set the `--paragon-*` defaults every element inside inherits. A host's own `--paragon-*` values
 * on the element still win (outer styles beat `:host` rules).
 */
export const connectPortalStyles = css`
  :host {
    display: block;
    color-scheme: light;
  }

  :host([display='modal']) {
    display: contents;
  }

  :host([theme='dark']) {
    ${darkTheme}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTheme}
    }
  }

  dialog {
    width: min(40rem, calc(100vw - 1rem));
    max-width: calc(100vw - 1rem);
    max-height: calc(100dvh - 1rem);
    padding: 0;
    border: 0;
    border-radius: calc(var(--_radius) * 1.5);
    background: var(--_surface);
    color: inherit;
    box-shadow: 0 1rem 3rem rgb(0 0 0 / 25%);
  }

  dialog::backdrop {
    background: var(--paragon-backdrop, rgb(15 17 20 / 55%));
  }

  .panel {
    position: relative;
    display: grid;
    gap: calc(var(--_space) * 1.25);
    padding: calc(var(--_space) * 1.5);
    background: var(--_surface);
    min-width: 0;
  }

  :host([display='inline']) .panel {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
  }

  @media (max-width: 30rem) {
    .panel {
      padding: var(--_space);
    }
  }

  .catalog-title {
    margin: 0;
    font-size: 1.25rem;
    padding-inline-end: 2.5rem;
  }

  .back {
    justify-self: start;
  }

  .close {
    position: absolute;
    top: calc(var(--_space) * 0.75);
    inset-inline-end: calc(var(--_space) * 0.75);
    font-size: 1.5rem;
    font-weight: 400;
    line-height: 1;
    width: 2.25rem;
    height: 2.25rem;
    min-height: 0;
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--_muted);
  }

  .close:hover {
    background: color-mix(in srgb, var(--_border) 40%, transparent);
  }

  paragon-catalog-view:focus,
  paragon-integration-view:focus {
    outline: none;
  }

  .message {
    margin: 0;
    color: var(--_muted);
  }

  .message--error {
    color: var(--_danger);
  }
`;
