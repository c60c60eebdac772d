import type { css as litCss } from 'lit';

/** The picker's own styles, made with the portal's `css` (see `Lit` in file-picker.ts). */
export const filePickerStyles = (css: typeof litCss) => css`
  :host {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    min-width: 0;
  }

  h2 {
    margin: 0;
    padding-inline-end: 2.5rem;
    font-size: 1.25rem;
  }

  .account,
  .details,
  .empty {
    margin: 0;
    color: var(--_muted);
  }

  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
  }

  input[type='search'],
  select {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  input[type='search'] {
    flex: 1 1 12rem;
  }

  nav ol {
    display: flex;
    flex-wrap: wrap;
    list-style: none;
    margin: 0;
    padding: 0;
  }

  nav button {
    white-space: nowrap;
  }

  nav li + li::before {
    content: '/';
    margin: 0 0.4rem;
    color: var(--_muted);
  }

  nav button:disabled,
  nav [aria-current] {
    color: var(--_text);
    text-decoration: none;
    opacity: 1;
    cursor: default;
  }

  .list {
    max-height: min(50vh, 24rem);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2);
  }

  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  ul > li {
    display: grid;
    grid-template-columns: 1.5rem minmax(0, 1fr);
    gap: 0 0.5rem;
    align-items: center;
    padding: 0.4rem 0;
    border-bottom: 1px solid var(--_border);
  }

  ul > li:last-child {
    border-bottom: 0;
  }

  .name {
    justify-self: start;
    text-align: start;
    overflow-wrap: anywhere;
  }

  .details {
    grid-column: 2;
    font-size: 0.875em;
  }

  .error {
    color: var(--_danger);
  }

  .more {
    margin-top: calc(var(--_space) / 2);
  }

  footer {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
    justify-content: flex-end;
  }

  footer [role='status'] {
    margin-inline-end: auto;
    color: var(--_muted);
  }
`;
