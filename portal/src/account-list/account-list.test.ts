import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import type { AccountList } from './account-list.js';
import { FakeConnectServer } from '../test/fake-connect-server.js';

function twoAccounts() {
  const server = new FakeConnectServer();
  server.addCredential();
  const second = server.addCredential();
  second.externalId = 'Sales workspace';
  second.status = 'INVALID';
  return server.credentials;
}

describe('<paragon-account-list>', () => {
  it('is accessible', async () => {
    const el = await fixture<AccountList>(html`<paragon-account-list .credentials=${twoAccounts()} selected-id="cred-1"></paragon-account-list>`);
    await expect(el).to.be.accessible();
  });

  it('says so when no account is connected', async () => {
    const el = await fixture<AccountList>(html`<paragon-account-list></paragon-account-list>`);
    expect(el.shadowRoot!.textContent).to.contain('No account is connected yet.');
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
  });

  it('shows each account by externalId or position, with its status, and checks the selected one', async () => {
    const el = await fixture<AccountList>(html`<paragon-account-list .credentials=${twoAccounts()} selected-id="cred-2"></paragon-account-list>`);
    const rows = [...el.shadowRoot!.querySelectorAll('.account')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal(['Account 1 Connected', 'Sales workspace Needs reconnecting']);
    const radios = [...el.shadowRoot!.querySelectorAll('input')];
    expect(radios.map((radio) => radio.checked)).to.deep.equal([false, true]);
  });

  it('fires paragon-account-select when the user picks an account', async () => {
    const el = await fixture<AccountList>(html`<paragon-account-list .credentials=${twoAccounts()} selected-id="cred-2"></paragon-account-list>`);
    const first = el.shadowRoot!.querySelector<HTMLInputElement>('input')!;
    setTimeout(() => first.click());
    const event = await oneEvent(el, 'paragon-account-select');
    expect(event.detail).to.deep.equal({ credentialId: 'cred-1' });
  });
});
