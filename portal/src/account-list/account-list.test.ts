import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import type { ConnectCredential } from '../../../protocol/src/rest.js';
import type { AccountList } from './account-list.js';

const account = (id: string, changes: Partial<ConnectCredential> = {}): ConnectCredential => ({
  id,
  projectId: 'p1',
  integrationId: 'int-crm',
  personaId: 'alice',
  status: 'VALID',
  isPreviewCredential: false,
  providerId: null,
  providerData: {},
  configurations: [],
  dateCreated: '2026-03-04T10:00:00.000Z',
  dateUpdated: '2026-03-04T10:00:00.000Z',
  dateDeleted: null,
  ...changes,
});

const accounts = [
  account('cred-1'),
  account('cred-2', { externalId: 'Sales workspace', status: 'INVALID' }),
  account('cred-3', { providerData: { name: 'Alice Anders' }, status: 'PENDING' }),
];

const render = (selected = 'cred-1') =>
  fixture<AccountList>(html`<paragon-account-list .credentials=${accounts} selected-id=${selected}></paragon-account-list>`);

describe('<paragon-account-list>', () => {
  it('is accessible', async () => {
    await expect(await render()).to.be.accessible();
  });

  it('says so when no account is connected', async () => {
    const el = await fixture<AccountList>(html`<paragon-account-list></paragon-account-list>`);
    expect(el.shadowRoot!.textContent).to.contain('No account is connected yet.');
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
  });

  it('names each account by externalId, provider name or position, with its status and date, and checks the selected one', async () => {
    const el = await render('cred-2');
    const rows = [...el.shadowRoot!.querySelectorAll('.account')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal([
      'Account 1 Connected Mar 4, 2026 Connected',
      'Sales workspace Connected Mar 4, 2026 Needs reconnecting',
      'Alice Anders Connected Mar 4, 2026 Setup not finished',
    ]);
    expect([...el.shadowRoot!.querySelectorAll('input')].map((radio) => radio.checked)).to.deep.equal([false, true, false]);
  });

  it('fires paragon-account-select when the user picks an account', async () => {
    const el = await render('cred-2');
    const first = el.shadowRoot!.querySelector<HTMLInputElement>('input')!;
    setTimeout(() => first.click());
    const event = await oneEvent(el, 'paragon-account-select');
    expect(event.detail).to.deep.equal({ credentialId: 'cred-1' });
  });
});
