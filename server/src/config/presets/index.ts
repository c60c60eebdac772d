/**
 * Provider presets: ready-made integration configs for real providers. A config file names one
 * (`"preset": "slack"`) and adds only what is its own: the integration `id`, and for OAuth its
 * `auth.clientId` and `auth.clientSecret`. Anything else it writes overrides the preset: top-level
 * keys replace the preset's, and keys of `auth` replace the preset's `auth` keys (lists are
 * replaced whole, never merged item by item). Each preset lives in its own file here, named
 * after it; docs/providers.md documents each one and what it was checked against.
 */
import type { AuthConfig, IntegrationConfig } from '../schema.js';
import { box } from './box.js';
import { dropbox } from './dropbox.js';
import { github } from './github.js';
import { google } from './google.js';
import { googledrive } from './googledrive.js';
import { hubspot } from './hubspot.js';
import { jira } from './jira.js';
import { microsoft } from './microsoft.js';
import { notion } from './notion.js';
import { onedrive } from './onedrive.js';
import { salesforce } from './salesforce.js';
import { sharepoint } from './sharepoint.js';
import { shopify } from './shopify.js';
import { slack } from './slack.js';
import { zendesk } from './zendesk.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An integration minus what the host app supplies itself. */
export type Preset = Omit<IntegrationConfig, 'id' | 'auth'> & { auth: DistributiveOmit<AuthConfig, 'clientId' | 'clientSecret'> };

/** Every preset, by the name a config file uses. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  box,
  dropbox,
  github,
  google,
  googledrive,
  hubspot,
  jira,
  microsoft,
  notion,
  onedrive,
  salesforce,
  sharepoint,
  shopify,
  slack,
  zendesk,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The config with every `preset` expanded, or the problems of the entries that name an unknown one. */
export function expandPresets(raw: unknown): { value: unknown; problems: string[] } {
  if (!isRecord(raw) || !Array.isArray(raw.projects)) return { value: raw, problems: [] };
  const problems: string[] = [];
  const projects = raw.projects.map((project: unknown, p) => {
    if (!isRecord(project) || !Array.isArray(project.integrations)) return project;
    const integrations = project.integrations.map((entry: unknown, i) => {
      if (!isRecord(entry) || entry.preset === undefined) return entry;
      const { preset: name, ...own } = entry;
      const preset = typeof name === 'string' && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
      if (!preset) {
        problems.push(`/projects/${p}/integrations/${i}/preset: unknown preset ${JSON.stringify(name)}; known: ${Object.keys(PRESETS).join(', ')}`);
        return entry;
      }
      return { ...preset, ...own, auth: { ...preset.auth, ...(isRecord(own.auth) ? own.auth : {}) } };
    });
    return { ...project, integrations };
  });
  return { value: { ...raw, projects }, problems };
}
