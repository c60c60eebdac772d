/**
 * `<paragon-connect-portal>` in React 19 JSX: `import type {} from '@connect-portal/client/jsx'`
 * once in the app. React 19 sets these as properties on the element, and an `on<event-name>`
 * prop listens for the DOM event of that exact name (the element's events bubble and are composed).
 */
/** The element's properties, as `custom-elements.json` lists them (no dependency on Lit's types). */
interface ConnectPortalProperties {
  display: 'modal' | 'inline';
  integration: string;
  selectedCredentialId: string;
  theme: 'light' | 'dark' | 'auto';
  lang: string;
}
import type { WorkflowToggleEvent, AccountSelectEvent, FieldChangeEvent } from './types/portal/src/events/events.js';

type PortalProps = Partial<ConnectPortalProperties> & {
  'onparagon-workflow-toggle'?: (event: WorkflowToggleEvent) => void;
  'onparagon-account-select'?: (event: AccountSelectEvent) => void;
  'onparagon-field-change'?: (event: FieldChangeEvent) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'paragon-connect-portal': import('react').DetailedHTMLProps<import('react').HTMLAttributes<HTMLElement>, HTMLElement> & PortalProps;
    }
  }
}
