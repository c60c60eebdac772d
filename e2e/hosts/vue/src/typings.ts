/**
 * What the Vue typing (`@connect-portal/client/vue`) lets a template bind on
 * `<paragon-connect-portal>` beyond Vue's own props, checked by `tsc` in the build: exactly the
 * element's properties, and no `on…` handler, since the element dispatches no DOM event of its own.
 */
import type { AllowedComponentProps, ComponentCustomProps, GlobalComponents, VNodeProps } from 'vue';
import type {} from '@connect-portal/client/vue';

type Props = InstanceType<GlobalComponents['paragon-connect-portal']>['$props'];
type Own = Exclude<Extract<keyof Props, string>, keyof (VNodeProps & AllowedComponentProps & ComponentCustomProps)>;
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const typingsAreTheElements: Same<Own, 'display' | 'integration' | 'selectedCredentialId' | 'theme' | 'lang'> = true;
