import { css } from 'lit';
import { buttonStyles } from '../styles/button.styles.js';

export const inputsFormStyles = [
  buttonStyles,
  css`
    :host {
      display: block;
    }

    form {
      display: grid;
      gap: var(--_space);
    }

    .error {
      margin: 0;
      color: var(--_danger);
      overflow-wrap: anywhere;
    }

    button[type='submit'] {
      justify-self: start;
    }
  `,
];
