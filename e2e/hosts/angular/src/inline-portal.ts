/**
 * `<paragon-connect-portal>` in an Angular template: `CUSTOM_ELEMENTS_SCHEMA` lets the compiler
 * accept the tag, and `[display]`, `[integration]`, `[theme]` are property bindings, which Angular
 * always sets as properties (a plain `integration="crm"` would be an attribute). Paired with its
 * own `paragon` instance once the element is rendered, destroyed with the component; its
 * `subscribe` tells the app what the user did (the element dispatches no DOM event to bind).
 */
import { afterNextRender, Component, CUSTOM_ELEMENTS_SCHEMA, DestroyRef, ElementRef, inject, input, viewChild } from '@angular/core';
import { createParagon, SDK_EVENTS, type SdkEventName } from '@connect-portal/client';
import { elementEmbedding } from '@connect-portal/client/element';
import '@connect-portal/client/portal';
import { describe, type Session } from '../../shared/describe';

@Component({
  selector: 'inline-portal',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<paragon-connect-portal #portal [display]="'inline'" [integration]="'crm'" [theme]="'light'"></paragon-connect-portal>`,
})
export class InlinePortal {
  readonly session = input.required<Session>();
  readonly log = input.required<(line: string) => void>();
  private readonly portal = viewChild.required<ElementRef<HTMLElementTagNameMap['paragon-connect-portal']>>('portal');

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const session = this.session();
      const log = this.log();
      const inline = createParagon({ connectUrl: session.connectUrl, embedding: elementEmbedding(this.portal().nativeElement) });
      for (const name of SDK_EVENTS) inline.subscribe(name as SdkEventName, (payload) => log(describe(name, payload as never)));
      inline.authenticate(session.projectId, session.token).catch((error: Error) => log(`error ${error.message}`));
      destroyRef.onDestroy(() => void inline.destroy());
    });
  }
}
