import { css } from 'lit';

/** Every row of the list is this tall (px): the element draws only the rows in view from it. */
export const ROW_HEIGHT = 36;
/** The list shows this many rows, then scrolls. */
export const VISIBLE_ROWS = 8;

export const selectFieldStyles = css`
  .combo {
    position: relative;
  }

  /* A chevron that says the field opens; clicks go through to the input. */
  .combo::after {
    content: '';
    position: absolute;
    right: 0.875rem;
    top: 50%;
    width: 0.4rem;
    height: 0.4rem;
    border: solid var(--_muted);
    border-width: 0 2px 2px 0;
    transform: translateY(-70%) rotate(45deg);
    pointer-events: none;
  }

  .combo input {
    padding-right: 2.25rem;
    text-overflow: ellipsis;
  }

  .combo.clearable input {
    padding-right: 4.25rem;
  }

  .clear {
    position: absolute;
    right: 2rem;
    top: 50%;
    transform: translateY(-50%);
    width: 1.75rem;
    height: 1.75rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--_muted);
    font-size: 1.25rem;
    line-height: 1;
  }

  .clear:hover {
    background: var(--_border);
  }

  .popup {
    position: absolute;
    z-index: 10;
    top: calc(100% + 4px);
    left: 0;
    right: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.15);
    overflow: hidden;
  }

  .popup[hidden],
  .listbox[hidden] {
    display: none;
  }

  .listbox {
    max-height: ${VISIBLE_ROWS * ROW_HEIGHT}px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  /* As tall as every loaded row; the rows in view sit at --_offset (both set through CSSOM). */
  .sizer {
    height: var(--_total, 0);
    padding-top: var(--_offset, 0);
  }

  .row {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    height: ${ROW_HEIGHT}px;
    line-height: ${ROW_HEIGHT}px;
    padding: 0 0.75rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }

  .header {
    font-size: 0.75em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_muted);
  }

  .option {
    cursor: pointer;
  }

  .option > span {
    overflow: hidden;
    text-overflow: ellipsis;
  }

  .option.active {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }

  .option.chosen {
    font-weight: 600;
  }

  .option.chosen::after {
    content: '✓' / '';
    margin-left: auto;
    color: var(--_accent);
  }

  .option__subtitle {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .status {
    margin: 0;
    padding: 0.5rem 0.75rem;
    color: var(--_muted);
  }

  .status:empty {
    display: none;
  }

  .actions {
    display: flex;
    justify-content: flex-end;
    padding: 0.25rem 0.5rem 0.5rem;
  }

  .actions:empty {
    display: none;
  }

  .actions button {
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_accent);
  }
`;
