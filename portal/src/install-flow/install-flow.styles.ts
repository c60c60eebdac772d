import { css } from 'lit';
import { buttonStyles } from '../styles/button.styles.js';

export const installFlowStyles = [
  buttonStyles,
  css`
    :host {
      display: block;
    }

    .step {
      display: grid;
      gap: var(--_space);
      justify-items: start;
    }

    .step > * {
      max-width: 100%;
    }

    h3 {
      margin: 0;
      font-size: 1.05rem;
    }

    h3:focus {
      outline: none;
    }

    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      display: grid;
      gap: calc(var(--_space) / 2);
      width: 100%;
    }

    .choice {
      display: flex;
      gap: calc(var(--_space) / 2);
      align-items: flex-start;
      padding: calc(var(--_space) / 2) calc(var(--_space) * 0.75);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      cursor: pointer;
    }

    .choice:has(input:checked) {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
    }

    .choice__text {
      display: grid;
      min-width: 0;
      overflow-wrap: anywhere;
    }

    .choice__label {
      font-weight: 600;
    }

    .choice__description,
    .status,
    .notice {
      color: var(--_muted);
      font-size: 0.875em;
    }

    .instructions,
    .status,
    .notice,
    .error {
      margin: 0;
      overflow-wrap: anywhere;
      white-space: pre-line;
    }

    .error {
      color: var(--_danger);
    }

    /* Links and buttons labelled by the integration's metadata: a long label wraps inside the step. */
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) / 2);
      overflow-wrap: anywhere;
    }

    .cta {
      color: var(--_accent);
      font-weight: 600;
    }

    paragon-inputs-form {
      width: 100%;
    }

    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
