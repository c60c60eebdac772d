/**
 * An Angular host: the ready-made `paragon` in frame mode, signed in once, and the inline element
 * (InlinePortal) that the "Close portal" button removes and adds again.
 */
import { Component, signal, type OnInit } from '@angular/core';
import { paragon } from '@connect-portal/client';
import { InlinePortal } from './inline-portal';
import type { Session } from '../../shared/describe';

@Component({
  selector: 'host-app',
  imports: [InlinePortal],
  template: `
    @if (session(); as session) {
      <main>
        <h1>Angular host</h1>
        <p id="status">Connected to the Connect server.</p>
        <button type="button" (click)="shown.set(!shown())">{{ shown() ? 'Close portal' : 'Open portal' }}</button>
        @if (shown()) {
          <inline-portal [session]="session" [log]="log" />
        }
        <ol id="log">
          @for (line of lines(); track $index) {
            <li>{{ line }}</li>
          }
        </ol>
      </main>
    } @else {
      <p>Starting…</p>
    }
  `,
})
export class App implements OnInit {
  protected readonly session = signal<Session | undefined>(undefined);
  protected readonly shown = signal(true);
  protected readonly lines = signal<string[]>([]);
  protected readonly log = (line: string) => this.lines.update((all) => [...all, line]);

  async ngOnInit(): Promise<void> {
    const user = new URLSearchParams(location.search).get('user') ?? 'angular-user';
    const next = (await (await fetch(`/api/session?user=${encodeURIComponent(user)}`)).json()) as Session;
    paragon.configureGlobal({ host: next.connectUrl });
    await paragon.authenticate(next.projectId, next.token);
    this.session.set(next);
  }
}
