import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { IntegrationInfo } from '../../../protocol/src/rest.js';

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

/**
 * Where an icon may load from: the Connect server (a path on it, or a URL of its origin), else
 * nowhere. Integration metadata could name any server, which would then learn who opened the
 * portal and when, and could serve anything; the initial shows instead.
 */
export function iconSource(icon: string | undefined, connectOrigin: string | undefined): string | undefined {
  if (!icon || !connectOrigin) return undefined;
  try {
    // A path resolves against the Connect server, not the host page: in element mode they differ.
    const url = new URL(icon, connectOrigin);
    return url.origin === connectOrigin ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The integration's icon, if the Connect server (at `connectOrigin`) serves it; else its initial on its brand colour. */
export function renderIcon(integration: IntegrationInfo, connectOrigin: string | undefined) {
  const src = iconSource(integration.icon, connectOrigin);
  return src
    ? html`<img class="icon" src=${src} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span class="icon icon--letter" aria-hidden="true">${integration.name.charAt(0).toUpperCase()}</span>`;
}
