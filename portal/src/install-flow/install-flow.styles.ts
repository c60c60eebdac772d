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
      align-items: flex-start;
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
  `,
];
