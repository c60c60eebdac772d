import { css } from 'lit';
import { integrationIconStyles } from '../integration-icon/integration-icon.styles.js';
import { buttonStyles } from '../styles/button.styles.js';

export const integrationViewStyles = [
  integrationIconStyles,
  buttonStyles,
  css`
    :host {
      display: grid;
      gap: calc(var(--_space) * 1.25);
      min-width: 0;
    }

    header {
      display: flex;
      align-items: flex-start;
      gap: var(--_space);
      padding-inline-end: 2.5rem;
    }

    .title {
      min-width: 0;
    }

    h2 {
      margin: 0;
      font-size: 1.25rem;
      overflow-wrap: anywhere;
    }

    h3 {
      margin: 0;
      font-size: 1.05rem;
      overflow-wrap: anywhere;
    }

    h4 {
      margin: calc(var(--_space) / 2) 0 0;
      font-size: 0.95rem;
    }

    .description,
    .hint,
    .message {
      margin: 0.25rem 0 0;
      color: var(--_muted);
      overflow-wrap: anywhere;
      max-height: 12em;
      overflow: auto;
    }

    /*
     * The integration's description is cut at six lines, however long the metadata makes it: a
     * clamp rather than a scrolling box, which keyboard users could not reach.
     */
    .description {
      max-height: none;
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 6;
      -webkit-box-orient: vertical;
    }

    .hint--INVALID,
    .hint--PENDING,
    .error {
      color: var(--_danger);
    }

    .error {
      margin: 0;
    }

    .accounts,
    .account {
      display: grid;
      gap: calc(var(--_space) * 0.75);
      justify-items: stretch;
    }

    .connect {
      justify-self: start;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) / 2);
    }

    .confirm {
      display: grid;
      gap: calc(var(--_space) / 2);
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
    }

    .confirm p {
      margin: 0;
    }
  `,
];
