/**
 * What an app binds on `<paragon-connect-portal>`, shared by the JSX (`jsx.d.ts`) and Vue
 * (`vue.d.ts`) typings: the element's public properties, as `custom-elements.json` lists them
 * (written out, so that neither typing depends on Lit's types).
 *
 * No event handler is declared, because the element dispatches no DOM event of its own (its
 * manifest entry lists none). A host hears what the user did (an account connected, a workflow
 * turned on, a setting changed) through `subscribe` on the `paragon` instance paired with the
 * element, as in frame mode.
 */
export interface ConnectPortalProperties {
  /** `modal` (the default): hidden until opened, then shown in a native `<dialog>`. `inline`: rendered in place. */
  display?: 'modal' | 'inline';
  /** The integration type shown, such as `crm`; empty for the catalog of every integration. */
  integration?: string;
  /** The account shown first (its id or `externalId`); the first valid account when empty. */
  selectedCredentialId?: string;
  /** `light` (the default), `dark`, or `auto` (the user's system setting). */
  theme?: 'light' | 'dark' | 'auto';
  /** The language of the portal, such as `de` or `ja`; when empty, the closest `[lang]` around the element, else the page's. */
  lang?: string;
}
