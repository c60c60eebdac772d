import { css } from 'lit';
import { integrationIconStyles } from '../integration-icon/integration-icon.styles.js';

export const catalogViewStyles = [
  integrationIconStyles,
  css`
    :host {
      display: grid;
      gap: var(--_space);
    }

    input[type='search'] {
      font: inherit;
      width: 100%;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
    }

    .integration {
      font: inherit;
      color: inherit;
      width: 100%;
      display: flex;
      align-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      text-align: start;
      cursor: pointer;
    }

    .integration:hover {
      border-color: var(--_accent);
    }

    .integration__text {
      flex: 1;
      min-width: 0;
      display: grid;
    }

    .integration__name {
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    .integration__description {
      color: var(--_muted);
      font-size: 0.875em;
      /* A description with no spaces breaks anywhere, so that the clamp cuts it at two lines too. */
      overflow-wrap: anywhere;
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }

    .badge {
      flex: none;
      font-size: 0.8em;
      font-weight: 600;
      padding: 0.125rem 0.5rem;
      border-radius: 999px;
      color: var(--_success);
      border: 1px solid currentColor;
    }

    .empty {
      margin: 0;
      color: var(--_muted);
    }
  `,
];
