/**
 * What the JSX typing (`@connect-portal/client/jsx`) lets an app bind on `<paragon-connect-portal>`
 * beyond React's own attributes, checked by `tsc` in the build: exactly the element's properties,
 * and no `on…` handler, since the element dispatches no DOM event of its own.
 */
import type { DetailedHTMLProps, HTMLAttributes, JSX } from 'react';
import type {} from '@connect-portal/client/jsx';

type Own = Exclude<keyof JSX.IntrinsicElements['paragon-connect-portal'], keyof DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>>;
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// `lang` is one of React's own attributes, so it is not listed here.
export const typingsAreTheElements: Same<Own, 'display' | 'integration' | 'selectedCredentialId' | 'theme'> = true;
