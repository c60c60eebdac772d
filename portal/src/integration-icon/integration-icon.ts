import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { IntegrationInfo } from '../../../protocol/src/rest.js';
import { safeHref } from '../field-base/field-base.js';

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * Sets an element's brand colour (`--_brand`) and the text colour readable on it (`--_on-brand`,
 * black or white, whichever contrasts more). Through the CSSOM, as a directive: a `style`
 * attribute would need `'unsafe-inline'` under the portal's strict CSP.
 */
export const brandStyle = (color: string) =>
  ref((element) => {
    if (!(element instanceof HTMLElement) || !/^#[0-9a-f]{6}$/i.test(color)) return;
    element.style.setProperty('--_brand', color);
    element.style.setProperty('--_on-brand', luminance(color) > 0.179 ? '#000' : '#fff');
  });

/** The integration's icon: an https image, else its initial on its brand colour. */
export function renderIcon(integration: IntegrationInfo) {
  const src = integration.icon?.startsWith('/') ? integration.icon : safeHref(integration.icon);
  return src
    ? html`<img class="icon" src=${src} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span class="icon icon--letter" aria-hidden="true">${integration.name.charAt(0).toUpperCase()}</span>`;
}
