/**
 * Gives an element the portal's runtime (from `runtimeContext`) and re-renders it whenever the
 * runtime's state changes: the runtime object stays the same while the user's accounts and
 * settings in it change, so a context subscription alone would not notice.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PortalRuntime } from '../runtime/portal-runtime.js';
import { runtimeContext } from './portal-context.js';

export class RuntimeController implements ReactiveController {
  /** The runtime of the portal this element is in; `undefined` outside one. */
  runtime: PortalRuntime | undefined;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    new ContextConsumer(host, {
      context: runtimeContext,
      subscribe: true,
      callback: (runtime) => {
        this.runtime?.removeEventListener('change', this.onChange);
        this.runtime = runtime;
        if (host.isConnected) runtime?.addEventListener('change', this.onChange);
        host.requestUpdate();
      },
    });
  }

  hostConnected(): void {
    this.runtime?.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.runtime?.removeEventListener('change', this.onChange);
  }
}
