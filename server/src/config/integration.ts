/**
 * Reading an integration's install steps from its config: which account types it offers, what is
 * asked before connecting (per account type) and after, whatever its auth scheme. The REST
 * metadata, the install routes and the OAuth broker all ask these questions the same way.
 */
import type { AccountTypeConfig, InputConfig, IntegrationConfig } from './schema.js';

/** A basic-auth integration asks these unless its config says otherwise. */
export const BASIC_AUTH_INPUTS: InputConfig[] = [
  { id: 'username', type: 'TEXT_NO_VARS', title: 'Username' },
  { id: 'password', type: 'PASSWORD', title: 'Password' },
];

/** The account types to choose from; an integration without any has one, `default`. */
export function accountTypesOf(integration: IntegrationConfig): AccountTypeConfig[] {
  return integration.auth.accountTypes ?? [{ id: 'default', label: integration.name }];
}

/** The account type of that id, or `undefined`; no id means the only one, when there is only one. */
export function findAccountType(integration: IntegrationConfig, id: string | undefined): AccountTypeConfig | undefined {
  const types = accountTypesOf(integration);
  if (id === undefined) return types.length === 1 ? types[0] : undefined;
  return types.find((type) => type.id === id);
}

/** What the user types before connecting: the key or password, or (OAuth) values the sign-in URL needs. */
export function preInstallInputsOf(integration: IntegrationConfig, accountType?: AccountTypeConfig): InputConfig[] {
  const { auth } = integration;
  const own = auth.scheme === 'api_key' ? auth.inputs : auth.scheme === 'basic' ? (auth.inputs ?? BASIC_AUTH_INPUTS) : (auth.preInstallInputs ?? []);
  return [...own, ...(accountType?.preInstallInputs ?? [])];
}

/** What the user answers after connecting; until then the account is PENDING. */
export function postInstallInputsOf(integration: IntegrationConfig, accountType?: AccountTypeConfig): InputConfig[] {
  return accountType?.skipPostInstallInputs ? [] : (integration.auth.postInstallInputs ?? []);
}
