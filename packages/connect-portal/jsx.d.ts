/**
 * `<paragon-connect-portal>` in React 19 JSX: `import type {} from '@connect-portal/client/jsx'`
 * once in the app. React 19 sets these as properties on the element. There is no `on…` prop: the
 * element dispatches no DOM event of its own (see `properties.d.ts`).
 */
import type { ConnectPortalProperties } from './properties.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'paragon-connect-portal': import('react').DetailedHTMLProps<import('react').HTMLAttributes<HTMLElement>, HTMLElement> & ConnectPortalProperties;
    }
  }
}
