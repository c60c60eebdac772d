import { css } from 'lit';

export const connectPortalStyles = css`
  :host {
    display: block;
  }

  :host([display='modal']) {
    display: contents;
  }

  dialog {
    width: min(36rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
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
    display: grid;
    gap: calc(var(--_space) * 1.25);
    padding: calc(var(--_space) * 1.5);
    background: var(--_surface);
  }

  :host([display='inline']) .panel {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
  }

  header {
    display: flex;
    align-items: flex-start;
    gap: var(--_space);
  }

  .icon {
    flex: none;
    width: 2.5rem;
    height: 2.5rem;
    border-radius: var(--_radius);
    display: grid;
    place-items: center;
    font-weight: 700;
    font-size: 1.25rem;
    object-fit: contain;
  }

  .icon--letter {
    color: #fff;
    background: var(--_brand, var(--_accent));
  }

  .title {
    flex: 1;
    min-width: 0;
  }

  h2 {
    margin: 0;
    font-size: 1.25rem;
  }

  h3 {
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1rem;
  }

  .description {
    margin: 0.25rem 0 0;
    color: var(--_muted);
  }

  .close {
    font: inherit;
    font-size: 1.5rem;
    line-height: 1;
    width: 2.25rem;
    height: 2.25rem;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_muted);
    cursor: pointer;
  }

  .close:hover {
    background: color-mix(in srgb, var(--_border) 40%, transparent);
  }

  .message {
    margin: 0;
    color: var(--_muted);
  }

  .message--error {
    color: var(--_danger);
  }
`;
