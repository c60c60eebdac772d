import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import { ConnectPortal } from '../connect-portal/connect-portal.js';
import { api, sessionFor } from '../test/connect-server.js';
import { control, fill, find, recordingHost, renderPortal, settle, until } from '../test/portal-fixture.js';
import { de } from './de.js';
import { en, type Translation } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { createI18n, loadTranslation, LOCALES, resolveLocale } from './i18n.js';
import { ja } from './ja.js';

type FunctionKey = { [K in keyof Translation]: Translation[K] extends (...args: never[]) => string ? K : never }[keyof Translation];

/** Arguments each function entry is called with, as the portal would; tsc makes sure every one is here. */
const SAMPLES: { [K in FunctionKey]: (Translation[K] extends (...args: infer A) => string ? A : never)[] } = {
  integrationNotFound: [['hubspot']],
  runsFailed: [['Injected fault: 500.']],
  runAttempts: [[2], [3]],
  runDuration: [['1,204']],
  accountLabel: [[2]],
  required: [['API key']],
  workflowsFor: [['Account 2']],
  saveFailed: [['Injected fault: 500.']],
  noIntegrationsMatch: [['zzz']],
  accountsConnected: [[1], [2], [5]],
  accountConnectedOn: [['4 Mar 2026']],
  disconnectConfirm: [['Account 1']],
  workflowSettings: [['Sync new contacts']],
  workflowNeedsSettings: [['Notify on won deals', 'Threshold']],
  signInWith: [['Acme CRM']],
  signInWaiting: [['Acme CRM']],
  connectedTitle: [['Acme CRM']],
  stepOf: [[2, 3]],
  noHostOptions: [['Team']],
  accountOptionsUnavailable: [['Owner']],
  moreAbout: [['Limit']],
  tooLong: [['Notes', '500']],
  notAnEmail: [['Notify']],
  notAUrl: [['Site']],
  notInFormat: [['Code']],
  notANumber: [['Limit']],
  tooSmall: [['Limit', '1']],
  tooLarge: [['Limit', '1,000']],
  notWhole: [['Limit']],
  notAStep: [['Limit', '0.25']],
  optionsFailed: [['Injected fault: 500.']],
  clearChoice: [['Region']],
  fileTooLarge: [['Import template', '1,024']],
  fileTypeRefused: [['Import template', '.csv, text/csv']],
  fileUnreadable: [['Import template']],
  fileSize: [['1,234']],
};

/** Every text a table can show, by a label such as `accountsConnected(2)` or `credentialStatus.VALID`. */
function outputs(table: Translation): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [key, entry] of Object.entries(table) as [keyof Translation, unknown][]) {
    if (typeof entry === 'string') shown.set(key, entry);
    else if (typeof entry === 'function') {
      for (const args of SAMPLES[key as FunctionKey]) shown.set(`${key}(${args.join(', ')})`, (entry as (...values: unknown[]) => string)(...args));
    } else for (const [status, text] of Object.entries(entry as Record<string, string>)) shown.set(`${key}.${status}`, text);
  }
  return shown;
}

/**
 * Texts a table may show exactly as English does: a word both languages use as it is. Anything
 * else identical to English is an English sentence left untranslated.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  de: ['workflows', 'runDuration(1,204)'], // "Workflows", "1,204 ms"
  fr: ['workflows', 'documentation', 'runDuration(1,204)'], // "Workflows", "Documentation", "1,204 ms"
  es: ['fileSize(1,234)', 'runDuration(1,204)'], // "1,234 bytes", "1,204 ms"
};

const others = Object.entries({ de, fr, es, ja });

describe('loading a language', () => {
  it('shows English until the table of the language asked for is loaded, then that language', async () => {
    expect(createI18n('fr-CA').locale, 'French is not loaded before a portal asks for it').to.equal('en');
    expect(createI18n('fr-CA').t).to.equal(en);
    const [first, second] = await Promise.all([loadTranslation('fr'), loadTranslation('fr')]);
    expect(first, 'loaded once, whoever asks').to.equal(second);
    expect(outputs(first)).to.deep.equal(outputs(fr));
    expect(createI18n('fr-CA').locale).to.equal('fr');
    expect(createI18n('fr-CA').t).to.equal(first);
  });

  it('a portal asked for a language not loaded yet loads it, and its updateComplete waits until it shows it', async () => {
    expect(createI18n('ja').locale, 'Japanese is not loaded yet').to.equal('en');
    const { el } = await renderPortal({ integration: '' });
    el.lang = 'ja';
    await el.updateComplete;
    expect([find(el, 'h2')!.textContent, find(el, '.panel')!.lang]).to.deep.equal(['連携サービス', 'ja']);
  });
});

describe('translation tables', () => {
  before(() => Promise.all(LOCALES.map(loadTranslation)));

  it('ship German, French, Spanish and Japanese beside English', () => {
    expect(LOCALES).to.have.members(['en', 'de', 'fr', 'es', 'ja']);
  });

  for (const [locale, table] of others) {
    describe(locale, () => {
      it('has every key of the English table, and no other', () => {
        expect(Object.keys(table)).to.have.members(Object.keys(en));
        expect(Object.keys(table.credentialStatus)).to.have.members(Object.keys(en.credentialStatus));
        expect([...outputs(table).keys()]).to.have.members([...outputs(en).keys()]);
      });

      it('shows no empty text', () => {
        for (const [label, text] of outputs(table)) expect(text.trim(), label).not.to.equal('');
      });

      it('copies no English text, except the words it lists', () => {
        const english = outputs(en);
        const allowed = SAME_AS_ENGLISH[locale] ?? [];
        for (const [label, text] of outputs(table)) {
          if (allowed.includes(label)) continue;
          expect(text, `${locale} ${label} is the English text`).not.to.equal(english.get(label));
        }
        for (const label of allowed) {
          expect(outputs(table).get(label), `${label} is listed as shared with English`).to.equal(english.get(label));
          expect(english.get(label)!.split(' ').length, `${label} is a short word`).to.be.at.most(2);
        }
      });

      it('keeps the interpolated values', () => {
        for (const [key, samples] of Object.entries(SAMPLES) as [FunctionKey, unknown[][]][]) {
          for (const args of samples) {
            const text = (table[key] as (...values: unknown[]) => string)(...args);
            for (const value of args) expect(text, `${locale} ${key}`).to.contain(String(value));
          }
        }
      });

      it('uses its own quotation marks, never straight ones', () => {
        for (const [label, text] of outputs(table)) expect(text, label).not.to.match(/["”]/);
        const quoted = { de: '„hubspot“', fr: '«\u202Fhubspot\u202F»', es: '«hubspot»', ja: '「hubspot」' }[locale];
        expect(table.integrationNotFound('hubspot')).to.contain(quoted);
      });
    });
  }

  it('puts counts in each language’s plural, and none in Japanese', () => {
    const counted = (count: number) => Object.fromEntries(others.map(([locale, table]) => [locale, table.accountsConnected(count)]));
    expect(counted(1)).to.deep.equal({ de: '1 Konto verbunden', fr: '1 compte connecté', es: '1 cuenta conectada', ja: '1件のアカウントを接続済み' });
    expect(counted(2)).to.deep.equal({
      de: '2 Konten verbunden',
      fr: '2 comptes connectés',
      es: '2 cuentas conectadas',
      ja: '2件のアカウントを接続済み',
    });
  });

  it('uses French typography: narrow no-break spaces inside « » and before ?', () => {
    expect(fr.noIntegrationsMatch('zzz')).to.equal('Aucune intégration ne correspond à «\u202Fzzz\u202F».');
    expect(fr.disconnectConfirm('Compte 1')).to.match(/Compte 1\u202F\?/);
    for (const [label, text] of outputs(fr)) expect(text, label).not.to.match(/ [?!;:»]|« /);
  });
});

describe('resolveLocale', () => {
  it('finds the table of a language from a tag with a region', () => {
    expect(resolveLocale('de-AT')).to.equal('de');
    expect(resolveLocale('ja-JP')).to.equal('ja');
    expect(resolveLocale('fr-CA')).to.equal('fr');
    expect(resolveLocale('es-419')).to.equal('es');
    expect(resolveLocale(' DE ')).to.equal('de');
    expect(resolveLocale('ja_JP')).to.equal('ja');
    expect(resolveLocale('de')).to.equal('de');
  });

  it('falls back to English for an unknown, empty or strange tag', () => {
    for (const tag of ['pt-BR', 'xx', '', undefined, null, 'constructor', 'toString-x', '__proto__'])
      expect(resolveLocale(tag), String(tag)).to.equal('en');
    expect(resolveLocale('en-GB')).to.equal('en');
  });
});

describe('createI18n', () => {
  const iso = '2026-03-04T10:00:00Z';
  before(() => Promise.all(LOCALES.map(loadTranslation)));

  it('formats dates, numbers and lists the German way', () => {
    const i18n = createI18n('de');
    expect(i18n.locale).to.equal('de');
    expect(outputs(i18n.t)).to.deep.equal(outputs(de));
    expect(i18n.date(iso)).to.equal('04.03.2026');
    expect(i18n.number(1234.5)).to.equal('1.234,5');
    expect(i18n.list(['a', 'b'])).to.equal('a und b');
  });

  it('formats dates, numbers and lists the Japanese way', () => {
    const i18n = createI18n('ja-JP');
    expect(i18n.locale).to.equal('ja');
    expect(outputs(i18n.t)).to.deep.equal(outputs(ja));
    expect(i18n.date(iso)).to.equal('2026/03/04');
    expect(i18n.number(1234.5)).to.equal('1,234.5');
    expect(i18n.list(['a', 'b'])).to.equal('a、b');
  });

  it('joins lists with the French and Spanish conjunctions', () => {
    expect(createI18n('fr').list(['a', 'b'])).to.equal('a et b');
    expect(createI18n('es').list(['a', 'b', 'c'])).to.equal('a, b y c');
  });

  it('formats in the region asked for, in the table’s language; English for anything else', () => {
    expect(createI18n('en-GB').date(iso)).to.equal('4 Mar 2026');
    // Swiss German groups thousands with an apostrophe (which one depends on the ICU version).
    const swiss = createI18n('de-CH').number(1234.5);
    expect(swiss).to.equal(new Intl.NumberFormat('de-CH').format(1234.5));
    expect(swiss).to.match(/^1.234\.5$/);
    expect(createI18n('de-CH').locale).to.equal('de');
    const unknown = createI18n('pt-BR');
    expect([unknown.locale, unknown.date(iso), unknown.number(1234.5)]).to.deep.equal(['en', 'Mar 4, 2026', '1,234.5']);
    expect(createI18n('not a tag!').date(iso)).to.equal('Mar 4, 2026');
  });
});

describe('<paragon-connect-portal> in another language', () => {
  const shown = (el: ConnectPortal) => ({
    heading: find(el, 'h2')!.textContent,
    placeholder: find<HTMLInputElement>(el, 'input[type="search"]')!.placeholder,
    badge: find(el, '.badge')!.textContent,
    lang: find(el, '.panel')!.lang,
  });

  it('switches the catalog from English to German to Japanese when lang changes, accessible in each', async () => {
    const { el, session } = await renderPortal({ integration: '' });
    await api(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'k' } });
    await el.runtime.reload();
    await settle(el);
    expect(shown(el)).to.deep.equal({ heading: 'Integrations', placeholder: 'Search integrations', badge: '1 account connected', lang: 'en' });

    el.lang = 'de';
    await settle(el);
    expect(el.getAttribute('lang'), 'the property is reflected, as a native lang is').to.equal('de');
    expect(shown(el)).to.deep.equal({ heading: 'Integrationen', placeholder: 'Integrationen durchsuchen', badge: '1 Konto verbunden', lang: 'de' });
    await expect(el).to.be.accessible();

    el.setAttribute('lang', 'ja-JP');
    await settle(el);
    expect(shown(el)).to.deep.equal({ heading: '連携サービス', placeholder: '連携サービスを検索', badge: '1件のアカウントを接続済み', lang: 'ja' });
    await expect(el).to.be.accessible();
  });

  it('says everything already on screen again in the new language: statuses, refusals, workflow and dropdown messages', async () => {
    const { el, session } = await renderPortal({ integration: '' });
    await api(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'k' } });
    await el.runtime.reload();
    el.integration = 'crm';
    await settle(el);
    await fill(el, 'Limit', '5000');
    control(el, 'Notify on won deals')!.click();
    await settle(el);
    const texts = () => ({
      status: find(el, '.account__status')!.textContent,
      connect: find(el, 'button.connect')!.textContent,
      refusal: find(el, 'paragon-text-field .error', 'Limit')?.textContent,
      workflow: find(el, '.message[role="alert"]')!.textContent,
    });
    expect(texts()).to.deep.equal({
      status: 'Connected',
      connect: 'Connect another account',
      refusal: 'Limit must be at most 1,000.',
      workflow: 'Set Threshold before turning on Notify on won deals.',
    });

    el.lang = 'de';
    await settle(el);
    expect(texts()).to.deep.equal({
      status: 'Verbunden',
      connect: 'Weiteres Konto verbinden',
      refusal: 'Limit darf höchstens 1.000 sein.',
      workflow: 'Legen Sie Threshold fest, bevor Sie Notify on won deals aktivieren.',
    });
    expect(find(el, '.account__date')!.textContent).to.match(/^Verbunden am \d\d\.\d\d\.\d{4}$/);

    // The Team dropdown's source was made while the portal was English; it answers in German.
    control(el, 'Team')!.click();
    const teamStatus = () => find(el, 'paragon-select-field .status', 'Team')?.textContent;
    await until(el, teamStatus);
    expect(teamStatus()).to.equal('Die Optionen konnten nicht geladen werden: Die App hat keine Optionen für „Team“ bereitgestellt.');
    el.lang = 'fr';
    await until(el, () => teamStatus()?.startsWith('Impossible'));
    expect(teamStatus()).to.equal('Impossible de charger les options\u00A0: L’application n’a fourni aucune option pour «\u202FTeam\u202F».');
    await expect(el).to.be.accessible();
  });

  it('takes the language of the closest [lang] around it when it has none, and shows a language without a table in English', async () => {
    const el = new ConnectPortal();
    el.display = 'inline';
    el.attachHost(recordingHost([]));
    const wrapper = await fixture<HTMLElement>(html`<section lang="es-419"><div>${el}</div></section>`);
    await el.authenticate(await sessionFor());
    await settle(el);
    expect(el.hasAttribute('lang')).to.equal(false);
    expect([find(el, 'h2')!.textContent, find(el, '.panel')!.lang]).to.deep.equal(['Integraciones', 'es']);

    el.lang = 'pt-BR';
    await settle(el);
    expect([find(el, 'h2')!.textContent, find(el, '.panel')!.lang]).to.deep.equal(['Integrations', 'en']);
    await expect(el).to.be.accessible();

    el.lang = '';
    await settle(el);
    expect(el.hasAttribute('lang')).to.equal(false);
    expect(find(el, 'h2')!.textContent).to.equal('Integraciones');

    // Moved under another language, it speaks that one.
    const japanese = document.createElement('div');
    japanese.lang = 'ja';
    wrapper.append(japanese);
    japanese.append(el);
    await settle(el);
    expect(find(el, 'h2')!.textContent).to.equal('連携サービス');
  });
});
