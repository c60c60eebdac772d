import { css } from 'lit';

export const workflowListStyles = css`
  :host {
    display: block;
  }

  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }

  .workflow {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) / 2) 0;
    border-bottom: 1px solid var(--_border);
    cursor: pointer;
  }

  .workflow__text {
    flex: 1;
    display: grid;
    gap: 0.125rem;
  }

  .workflow__info {
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* A switch drawn on a native checkbox, so keyboard, form and AT behaviour stay native. */
  .switch {
    appearance: none;
    flex: none;
    width: 2.5rem;
    height: 1.5rem;
    margin: 0;
    border-radius: 999px;
    background: var(--_border);
    position: relative;
    cursor: pointer;
    transition: background-color 120ms;
  }

  .switch::before {
    content: '';
    position: absolute;
    top: 0.1875rem;
    left: 0.1875rem;
    width: 1.125rem;
    height: 1.125rem;
    border-radius: 50%;
    background: #fff;
    transition: transform 120ms;
  }

  .switch:checked {
    background: var(--_accent);
  }

  .switch:checked::before {
    transform: translateX(1rem);
  }

  .switch:disabled {
    opacity: 0.5;
    cursor: progress;
  }

  .empty {
    color: var(--_muted);
    margin: 0;
  }

  @media (prefers-reduced-motion: reduce) {
    .switch,
    .switch::before {
      transition: none;
    }
  }
`;
