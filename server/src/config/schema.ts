/**
 * The shape of `connect.config.json`, as TypeBox schemas: what `load.ts` validates at start, what
 * scripts/config-schema.ts publishes as JSON Schema for editors, and what scripts/config-reference.ts
 * writes as the reference of docs/self-hosting.md (from each field's `description` and `default`). Unions carry a
 * `discriminator` (the key that picks the variant: an input's `type`, an auth's `scheme`), so that
 * errors are reported for the variant the file chose, not for every variant it did not.
 */
import { Type, type Static, type TSchema } from 'typebox';

export const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });

/** An exact origin: scheme, host and optional port, nothing else. Wildcards are not origins. */
export const Origin = Type.String({ pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' });

/** An http(s) URL that may hold `{name}` placeholders, filled from the account's install values. */
export const UrlTemplate = Type.String({ pattern: '^https?://[^\\s"<>]+$', maxLength: 2048 });

/** An https link shown to users (documentation, instructions): never `javascript:` or `data:`. */
const Link = Type.String({ pattern: '^https://[^\\s"<>]+$', maxLength: 2048 });

/**
 * `schema` with the description (and default) the published JSON Schema and the generated
 * reference (docs/self-hosting.md, by scripts/config-reference.ts) show for this one use of it.
 * A default here is documentation: the code that reads the field applies it.
 */
function doc<T extends TSchema>(schema: T, description: string, defaultValue?: unknown): T {
  return { ...schema, description, ...(defaultValue === undefined ? {} : { default: defaultValue }) };
}

/** A union whose variant is chosen by the constant value of `key` (see the module comment). */
function Discriminated<T extends TSchema[]>(key: string, variants: [...T]) {
  return Type.Union(variants, { discriminator: key });
}

const EnumOption = Type.Object(
  { value: Type.String({ maxLength: 1000 }), label: Type.String({ maxLength: 1000 }), subtitle: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

/** Where half of a combo input (or a field mapper's objects and fields) takes its options: a list, or a data source. */
const ComboPart = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    values: Type.Optional(Type.Array(EnumOption, { maxItems: 10_000 })),
    sourceType: Type.Optional(Id),
  },
  { additionalProperties: false },
);

const ComboValue = Type.Object(
  { mainInput: Type.Optional(Type.String({ maxLength: 1000 })), dependentInput: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

const FieldMappingValue = Type.Object(
  {
    objectMapping: Type.Optional(Type.String({ maxLength: 1000 })),
    fieldMappings: Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

const FileValue = Type.Object(
  { name: Type.String({ maxLength: 255 }), mimeType: Type.String({ maxLength: 255 }), size: Type.Integer({ minimum: 0 }), content: Type.String() },
  { additionalProperties: false },
);

/** What every input has; `defaultValue` is typed per input type. */
function InputOf<T extends string, D extends TSchema, E extends Record<string, TSchema>>(types: T[], defaultValue: D, extra: E) {
  return Type.Object(
    {
      id: doc(Id, 'The key the value is stored under (`sharedSettings.<id>`, an install value).'),
      type: types.length === 1 ? Type.Literal(types[0]!) : Type.Union(types.map((type) => Type.Literal(type))),
      title: Type.String({ minLength: 1, maxLength: 200, description: 'The label shown to the user.' }),
      subtitle: Type.Optional(Type.String({ maxLength: 1000, description: 'Help shown under the label.' })),
      tooltip: Type.Optional(Type.String({ maxLength: 2000 })),
      placeholder: Type.Optional(Type.String({ maxLength: 200 })),
      required: Type.Optional(Type.Boolean({ description: 'When connecting, a value must be given unless this is false.', default: true })),
      defaultValue: Type.Optional(doc(defaultValue, "The value when none is given; checked against the input's own constraints at start.")),
      readOnly: Type.Optional(Type.Boolean({ description: 'Shown, never changed by the user (a save that sets it is refused).', default: false })),
      hidden: Type.Optional(Type.Boolean({ default: false })),
      documentationLink: Type.Optional(Link),
      documentationLinkLabel: Type.Optional(Type.String({ maxLength: 200 })),
      ...extra,
    },
    { additionalProperties: false },
  );
}

const Text = Type.String({ maxLength: 10_000 });

/** Every input type (`protocol/src/inputs.ts` names them with their value types). */
export const Input = Discriminated('type', [
  InputOf(['TEXT_NO_VARS', 'TEXTAREA_NO_VARS', 'EMAIL', 'URL', 'PASSWORD'], Text, {
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 10_000 })),
    pattern: Type.Optional(
      Type.String({ maxLength: 500, description: 'A regular expression the whole value must match (a subdomain, a shop name).' }),
    ),
  }),
  InputOf(['NUMBER'], Type.Number(), {
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    step: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'Values must be `min` (or 0) plus a multiple of it; 1 asks for whole numbers.' }),
    ),
  }),
  InputOf(['BOOLEAN_INPUT', 'SWITCH'], Type.Boolean(), {}),
  InputOf(['ENUM'], Text, { values: Type.Array(EnumOption, { minItems: 1, maxItems: 10_000 }) }),
  InputOf(['DYNAMIC_ENUM'], Text, { sourceType: doc(Id, "The data source (a key of the integration's `dataSources`) the options come from.") }),
  InputOf(['CUSTOM_DROPDOWN'], Text, { key: Id }),
  InputOf(['COMBO_INPUT', 'DYNAMIC_COMBO_INPUT'], ComboValue, { mainInput: ComboPart, dependentInput: ComboPart }),
  InputOf(['FIELD_MAPPER'], FieldMappingValue, {
    applicationFields: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 500 }),
    objectInput: Type.Optional(ComboPart),
    fieldInput: ComboPart,
  }),
  InputOf(['COPYABLE_BUTTON_INPUT'], Type.Never(), { copyText: Type.String({ minLength: 1, maxLength: 2048 }) }),
  InputOf(['PERMISSION'], Type.Array(Type.String({ maxLength: 200 })), {
    scopes: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          label: Type.Optional(Type.String({ maxLength: 200 })),
          description: Type.String({ maxLength: 1000 }),
          required: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  }),
  InputOf(['FILE'], FileValue, { accept: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })) }),
]);

const Inputs = Type.Array(Input, { maxItems: 200 });

/** A secret kept out of the config file: read from an environment variable, or from a file (relative to the config). */
export const SecretSource = Type.Union([
  Type.Object(
    { env: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'The environment variable holding it.' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { file: Type.String({ minLength: 1, description: 'The file holding it, relative to the config file; surrounding whitespace is dropped.' }) },
    { additionalProperties: false },
  ),
]);

/** A step shown before connecting (install a package, turn on API access), with its buttons. */
const Instructions = Type.Object(
  {
    content: Type.String({
      minLength: 1,
      maxLength: 10_000,
      description: 'Plain text; paragraphs separated by blank lines. Never rendered as HTML.',
    }),
    ctas: Type.Optional(
      Type.Array(
        Discriminated('type', [
          Type.Object(
            { type: Type.Literal('link'), label: Type.String({ minLength: 1, maxLength: 100 }), href: Link },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              type: Type.Literal('copyButton'),
              label: Type.String({ minLength: 1, maxLength: 100 }),
              copyText: Type.String({ minLength: 1, maxLength: 2048 }),
            },
            { additionalProperties: false },
          ),
        ]),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The parts of an OAuth 2.0 provider an account type may change (Salesforce's sandbox logs in elsewhere). */
const OAuthEndpoints = {
  authorizationUrl: doc(UrlTemplate, "The provider's authorization endpoint; `{id}` placeholders are filled from pre-install inputs."),
  tokenUrl: doc(UrlTemplate, "The provider's token endpoint (code exchange and refresh)."),
  scopes: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 100, description: 'The scopes asked for.' }),
  scopeSeparator: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 3,
      description: 'Between scopes in the `scope` parameter, when the provider wants other than a space.',
      default: ' ',
    }),
  ),
  authorizationParams: Type.Optional(
    Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.String({ maxLength: 1000 }), {
      description: 'Extra parameters of the authorization request (`access_type=offline`, `prompt=consent`...).',
    }),
  ),
  tokenParams: Type.Optional(
    Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.String({ maxLength: 1000 }), {
      description: "Extra parameters of every token request, code exchange and refresh (Shopify's `expiring=1`).",
    }),
  ),
};

/** How to learn which account was connected: its id (recorded as `providerId`) and a display name. */
const AccountInfo = Type.Object(
  {
    url: Type.Optional(doc(UrlTemplate, 'A URL to GET with the new access token; when absent, the token response itself is read.')),
    idPath: Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        "The account's id (kept as `providerId`): a dotted path into that JSON (`team.id`); with `id_token:` first, into the ID token's claims.",
    }),
    namePath: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The account's display name, a path as `idPath`." })),
    providerData: Type.Optional(
      Type.Record(Id, Type.String({ minLength: 1, maxLength: 200 }), {
        description: 'Values kept in the credential\'s `providerData` (`{ "instanceUrl": "instance_url" }`), shown to the host app.',
      }),
    ),
  },
  { additionalProperties: false },
);

const AccountType = Type.Object(
  {
    id: Id,
    label: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    authorizationUrl: Type.Optional(UrlTemplate),
    tokenUrl: Type.Optional(UrlTemplate),
    scopes: Type.Optional(OAuthEndpoints.scopes),
    authorizationParams: Type.Optional(OAuthEndpoints.authorizationParams),
    preInstallInputs: Type.Optional(doc(Inputs, 'Inputs asked of this account type only, before connecting.')),
    skipPostInstallInputs: Type.Optional(Type.Boolean({ description: 'Connect without asking the post-install inputs.', default: false })),
  },
  { additionalProperties: false },
);

const Common = {
  postInstallInputs: Type.Optional(doc(Inputs, 'Asked after connecting; until answered, the credential is PENDING.')),
  instructions: Type.Optional(doc(Instructions, 'A step shown before connecting, with its buttons.')),
  accountTypes: Type.Optional(
    Type.Array(AccountType, { minItems: 1, maxItems: 20, description: 'Kinds of account the user chooses between (production, sandbox).' }),
  ),
};

export const ApiKeyAuth = Type.Object(
  {
    scheme: Type.Literal('api_key'),
    inputs: Type.Array(Input, {
      minItems: 1,
      maxItems: 50,
      description: 'Asked before the credential exists: the API key itself, and anything else the key needs.',
    }),
    ...Common,
  },
  { additionalProperties: false },
);

export const BasicAuth = Type.Object(
  {
    scheme: Type.Literal('basic'),
    inputs: Type.Optional(
      Type.Array(Input, { minItems: 1, maxItems: 50, description: 'Default: a "Username" (`username`) and a "Password" (`password`) input.' }),
    ),
    accountInfo: Type.Optional(doc(AccountInfo, "GET with the user's credentials as HTTP Basic at install, to check them and learn the account.")),
    ...Common,
  },
  { additionalProperties: false },
);

export const OAuth2Auth = Type.Object(
  {
    scheme: Type.Literal('oauth2'),
    clientId: Type.Union([Type.String({ minLength: 1, maxLength: 500 }), SecretSource], {
      description: 'The OAuth client id: as it is, or read from the environment or a file.',
    }),
    clientSecret: doc(SecretSource, 'The OAuth client secret, never in the config file itself.'),
    ...OAuthEndpoints,
    tokenAuthMethod: Type.Optional(
      Type.Union([Type.Literal('client_secret_post'), Type.Literal('client_secret_basic')], {
        description: 'How the client authenticates at the token endpoint.',
        default: 'client_secret_post',
      }),
    ),
    pkce: Type.Optional(
      Type.Boolean({ description: 'PKCE (S256) on the authorization request; off only for providers that refuse it.', default: true }),
    ),
    accountInfo: Type.Optional(doc(AccountInfo, 'How to learn which account was connected.')),
    preInstallInputs: Type.Optional(
      doc(Inputs, "Asked before the provider's sign-in, and usable as `{id}` in its URLs (a Shopify shop, a Zendesk subdomain)."),
    ),
    ...Common,
  },
  { additionalProperties: false },
);

export const Auth = Discriminated('scheme', [ApiKeyAuth, BasicAuth, OAuth2Auth]);

/** An HTTP header name, as RFC 9110 allows them. */
const HeaderName = Type.String({ pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", maxLength: 100 });

/**
 * The integration's API, which `paragon.request`, workflows and data sources call through the
 * proxy. A base URL with `{placeholders}` is per account (a Shopify shop, a Salesforce instance):
 * the values come from the credential's `providerData`, and the host it lands on must match
 * `allowedHosts`.
 */
const Api = Type.Object(
  {
    baseUrl: Type.String({
      pattern: '^(https?://|\\{[A-Za-z0-9_]+\\})[^\\s"<>]*$',
      maxLength: 2048,
      description:
        '`https://api.example.com/v2`; `https://{shop}.myshopify.com/admin/api/2025-01`, a placeholder holding letters, digits and `.-_~`; or `{instanceUrl}/services/data/v61.0`, a placeholder first holding a whole `https://` origin.',
    }),
    allowedHosts: Type.Optional(
      Type.Array(Type.String({ pattern: '^(\\*\\.)?[a-z0-9-]+(\\.[a-z0-9-]+)*$', maxLength: 253 }), {
        minItems: 1,
        maxItems: 20,
        description: 'Hosts a per-account base URL may reach: `api.example.com`, or `*.my.salesforce.com` for any subdomain.',
      }),
    ),
    allowPrivateNetworks: Type.Optional(
      Type.Boolean({
        description: 'Let a per-account base URL reach private and loopback addresses (a server on your own network).',
        default: false,
      }),
    ),
    headers: Type.Optional(
      Type.Record(HeaderName, Type.String({ minLength: 1, maxLength: 2000 }), {
        description:
          "Headers that carry an API-key or basic account's values, `{INPUT_ID}` filled from them (default `Authorization: Bearer {<the first input>}` for API keys, HTTP Basic for basic). OAuth accounts always send `Authorization: Bearer <access token>`.",
      }),
    ),
    forwardHeaders: Type.Optional(
      Type.Array(HeaderName, {
        maxItems: 50,
        description: 'Request headers the host app may send through beside the standard ones (`Notion-Version`).',
      }),
    ),
    timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 300, description: 'Per attempt.', default: 30 })),
    retries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 5,
        description: 'Further attempts of a request that is safe to repeat, after a network error, a 5xx or a 429.',
        default: 2,
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * What starts a workflow's runs, for each account that turned it on: `paragon.workflow(id)`
 * (`request`, answered with what the run returns), `paragon.event(name)` (`event`), a cron
 * schedule (`schedule`: five fields, or six with seconds first; UTC), the workflow being turned on (`integrationEnabled`),
 * or a call to the account's own webhook URL (`webhook`).
 */
const Trigger = Discriminated('type', [
  Type.Object({ type: Type.Literal('request') }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('event'), event: Type.String({ minLength: 1, maxLength: 200, description: 'The name `paragon.event(name)` sends.' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('schedule'),
      cron: Type.String({ minLength: 9, maxLength: 100, description: 'Five fields (`*/15 * * * *`), or six with seconds first; UTC.' }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('integrationEnabled') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('webhook') }, { additionalProperties: false }),
]);

const Workflow = Type.Object(
  {
    id: Id,
    description: Type.String({ minLength: 1, maxLength: 200, description: "The workflow's title in the portal." }),
    infoText: Type.Optional(Type.String({ maxLength: 1000 })),
    defaultEnabled: Type.Optional(Type.Boolean({ description: 'On for a new account.', default: false })),
    hidden: Type.Optional(Type.Boolean({ description: 'Not shown in the portal (listed as `hiddenWorkflows`).', default: false })),
    inputs: Type.Optional(doc(Inputs, "The workflow's settings, shown when it is on.")),
    run: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'The code a run executes: a module (relative to the config file) whose default export is `async function run(ctx)`.',
      }),
    ),
    trigger: Type.Optional(doc(Trigger, "What starts the workflow's runs.")),
    timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 900, description: 'How long one run may take.', default: 30 })),
    retries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10,
        description: "Further attempts of a failed queued run (not of a request's, whose caller is waiting).",
        default: 2,
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * A dotted path into a JSON answer: `items`, `data.records`. A key that itself holds dots
 * (OData's `@odata.nextLink`) is read whole when the object has it.
 */
const JsonPath = Type.String({ pattern: '^[A-Za-z0-9_$@-]+(\\.[A-Za-z0-9_$@-]+)*$', maxLength: 200 });
/** A query parameter's name: `cursor`, `page[size]`, OData's `$top`. */
const QueryName = Type.String({ pattern: '^[A-Za-z0-9_.$\\[\\]-]+$', maxLength: 100 });

/**
 * Where a dynamic dropdown (`DYNAMIC_ENUM`, a combo part's `sourceType`) takes its options: a
 * list of the user's account's API, through the proxy. `path` is relative to `api.baseUrl` and
 * may hold `{parameter}`s, filled (URL-encoded) from the dropdowns it depends on.
 */
const DataSource = Type.Object(
  {
    path: Type.String({
      minLength: 1,
      maxLength: 1000,
      pattern: '^[^/\\s]',
      description: 'Relative to `api.baseUrl`; `{parameter}`s are filled (URL-encoded) from the dropdowns it depends on.',
    }),
    itemsPath: Type.Optional(doc(JsonPath, 'Where the list is in the answer; the answer itself when absent.')),
    labelField: doc(JsonPath, "An item's label."),
    valueField: doc(JsonPath, "An item's value."),
    searchParam: Type.Optional(
      doc(QueryName, 'The query parameter the search text goes in; without it the options are filtered here, page by page.'),
    ),
    cursorParam: Type.Optional(doc(QueryName, "The query parameter the next page's cursor goes in.")),
    nextCursorPath: Type.Optional(doc(JsonPath, "Where the answer gives the next page's cursor.")),
    limitParam: Type.Optional(doc(QueryName, 'The query parameter the page size goes in.')),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'The page size asked for.', default: 50 })),
  },
  { additionalProperties: false },
);

/**
 * One call of a file listing, relative to `api.baseUrl`: `path` may hold `{placeholders}` (filled
 * URL-encoded), and an API that takes JSON (Dropbox) gives `method: "POST"` and a `body` whose
 * string values may be `{placeholders}` (filled as they are, JSON-encoded). Besides each call's
 * own (`{folderId}`...), a placeholder may name a pre- or post-install input: the account's
 * answer (a SharePoint site picked after connecting).
 */
const FileCall = Type.Object(
  {
    method: Type.Optional(Type.Union([Type.Literal('GET'), Type.Literal('POST')], { default: 'GET' })),
    path: Type.String({
      minLength: 1,
      maxLength: 1000,
      pattern: '^[^/\\s]',
      description: 'Relative to `api.baseUrl`; `{placeholders}` are filled URL-encoded.',
    }),
    body: Type.Optional(
      Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
        maxProperties: 50,
        description: 'The JSON body of a POST; its string values may be `{placeholders}` (filled as they are, JSON-encoded).',
      }),
    ),
    itemsPath: Type.Optional(doc(JsonPath, 'Where the list is in the answer; the answer itself when absent.')),
    itemPath: Type.Optional(doc(JsonPath, "Where an item's own fields are inside each entry of the list (Dropbox's search: `metadata.metadata`).")),
    nextCursorPath: Type.Optional(doc(JsonPath, "Where the answer gives the next page's cursor.")),
    hasMorePath: Type.Optional(doc(JsonPath, 'For an API that always gives a cursor (Dropbox), where the answer says whether there is more.')),
    cursorParam: Type.Optional(
      doc(QueryName, 'The query parameter the cursor goes in; an API whose next page is another call names it in `next` instead.'),
    ),
    // The URL itself is never followed: it is not a path under the API, and could name any host.
    cursorFromUrl: Type.Optional(
      Type.Boolean({
        description:
          "The answer gives the next page as a whole URL (Microsoft Graph's `@odata.nextLink`): the cursor is that URL's `cursorParam` (`$skiptoken`), sent again with this same call.",
        default: false,
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * How the file picker (`paragon.ExternalFilePicker`) browses an account's storage, through the
 * proxy as that account: a folder's items, a search, the next page, and one file or folder by id
 * (how a selection is checked to be the account's own). Each item's fields are read at the paths
 * `fields` gives; `folder` says how a folder is told from a file.
 */
const Files = Type.Object(
  {
    rootFolderId: Type.String({ maxLength: 200, description: 'The root folder\'s id as the API names it (`root`, `0`; `""` for Dropbox).' }),
    list: doc(FileCall, "A folder's items: `{folderId}`."),
    search: Type.Optional(
      doc(FileCall, "A search: `{search}` (and `{folderId}`, the folder the user is in). Without it, the folder's pages are filtered here."),
    ),
    next: Type.Optional(doc(FileCall, 'The next page when it is its own call: `{cursor}`.')),
    searchNext: Type.Optional(
      doc(FileCall, "The next page of a search when that is another call than `next` (Dropbox's `search/continue_v2`): `{cursor}`."),
    ),
    getFile: doc(FileCall, 'One file: `{fileId}`; an id the account cannot read is refused.'),
    getFolder: Type.Optional(doc(FileCall, 'One folder: `{folderId}`; `getFile` when absent.')),
    limitParam: Type.Optional(doc(QueryName, 'The query parameter the page size goes in.')),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'The page size asked for.', default: 100 })),
    quoting: Type.Optional(
      Type.Union([Type.Literal('backslash'), Type.Literal('double')], {
        description:
          "How a value is escaped where a template quotes it (`'{folderId}' in parents`): `backslash` (Google Drive's query language) or `double` (OData, `''`). Either way `'` cannot end the quote.",
      }),
    ),
    fields: Type.Object(
      {
        id: JsonPath,
        name: JsonPath,
        mimeType: Type.Optional(JsonPath),
        size: Type.Optional(JsonPath),
        modifiedTime: Type.Optional(JsonPath),
      },
      { additionalProperties: false },
    ),
    folder: Type.Object(
      { path: JsonPath, equals: Type.Optional(Type.String({ maxLength: 200 })), present: Type.Optional(Type.Boolean({ default: true })) },
      {
        additionalProperties: false,
        description:
          'An item is a folder when the value at `path` equals `equals`, or (without `equals`) when it is present (`present: false`: absent).',
      },
    ),
    /**
     * Lets a host app use the vendor's own picker (`init({ vendor: true })`): the server then gets a
     * token of only these `scopes` from the provider's token endpoint by token exchange (RFC 8693,
     * Box's "downscoping") and hands it to the page. OAuth 2.0 integrations only; off when absent.
     */
    vendorPicker: Type.Optional(
      Type.Object(
        { scopes: Type.Array(Type.String({ minLength: 1, maxLength: 200, pattern: '^\\S+$' }), { minItems: 1, maxItems: 20 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const Integration = Type.Object(
  {
    id: doc(Id, "The integration's id in the SDK's answers."),
    type: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$',
      description: 'The name the host app uses (`paragon.connect("crm")`, `/proxy/crm/...`); unique in the project.',
    }),
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Shown to users.' }),
    // Never `//host/...` or `/\host/...`, which browsers read as another server.
    icon: Type.Optional(
      Type.String({
        pattern: '^(https://|/(?![/\\\\]))[^\\s"<>]*$',
        maxLength: 2048,
        description:
          "An https image URL, or a path on this server. The portal shows only icons this server serves (a path, or a URL of its origin); for any other, the integration's initial.",
      }),
    ),
    brandColor: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'A `#rrggbb` colour.' }),
    shortDescription: Type.String({ maxLength: 300 }),
    longDescription: Type.Optional(Type.String({ maxLength: 10_000 })),
    auth: doc(Auth, 'How a user connects an account: `api_key`, `basic` or `oauth2` (by `scheme`).'),
    userSettings: Type.Optional(doc(Inputs, "The account's settings, shown once connected (`sharedSettings`).")),
    api: Type.Optional(doc(Api, "The integration's API, which `paragon.request`, workflows and data sources call through the proxy.")),
    dataSources: Type.Optional(
      Type.Record(Id, DataSource, { description: "Dynamic dropdowns' options, by source key (what a `DYNAMIC_ENUM`'s `sourceType` names)." }),
    ),
    files: Type.Optional(doc(Files, "How the file picker browses the account's storage.")),
    workflows: Type.Optional(Type.Array(Workflow, { maxItems: 200 })),
  },
  { additionalProperties: false },
);

const SigningKey = Type.Object(
  {
    kid: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "The `kid` in the tokens' header that picks this key." })),
    publicKeyFile: Type.String({ minLength: 1, description: 'Path of a PEM public key, relative to the config file.' }),
  },
  { additionalProperties: false },
);

export const Project = Type.Object(
  {
    id: doc(Id, 'The project id the host app passes to `paragon.authenticate` (in every SDK URL).'),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    allowedOrigins: Type.Array(Origin, {
      minItems: 1,
      description: 'The exact origins of the host app: the only ones CORS answers and that may frame the portal.',
    }),
    signingKeys: Type.Array(SigningKey, { minItems: 1, description: 'The public keys user tokens are verified with; several during a rotation.' }),
    integrations: Type.Array(Integration),
  },
  { additionalProperties: false },
);

/** Server-wide limits; the environment can override them (see main.ts). */
export const Limits = Type.Object(
  {
    requestsPerUserPerMinute: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        description: 'Requests one user may make per minute, per instance, before getting 429s; `CONNECT_RATE_LIMIT_PER_MINUTE` overrides it.',
        default: 1200,
      }),
    ),
    failedSignInsPerAddressPerMinute: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        description: 'Failed sign-ins one client address (see `trustProxy`) may make per minute, per instance.',
        default: 120,
      }),
    ),
  },
  { additionalProperties: false },
);

export const ConfigFile = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'For editors: `./connect.config.schema.json`. Ignored by the server.' })),
    publicUrl: Type.Optional(
      doc(
        Origin,
        'The public origin of this Connect server, such as `https://connect.example.com`: OAuth redirects come back to it. Without it, the origin the request came to (behind a proxy, from `X-Forwarded-Proto` and `X-Forwarded-Host` only when `trustProxy` trusts it).',
      ),
    ),
    trustProxy: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        minItems: 1,
        maxItems: 100,
        description:
          'The reverse proxies trusted to name the client in `X-Forwarded-For` (and the scheme and host in `X-Forwarded-Proto`, `X-Forwarded-Host`): their addresses and CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`. None when absent; `CONNECT_TRUST_PROXY` overrides it.',
      }),
    ),
    limits: Type.Optional(doc(Limits, 'Server-wide limits.')),
    projects: Type.Array(Project, { minItems: 1, description: 'Each host app (or environment of one) served.' }),
  },
  { additionalProperties: false },
);

export type InputConfig = Static<typeof Input>;
export type AuthConfig = Static<typeof Auth>;
export type OAuth2AuthConfig = Static<typeof OAuth2Auth>;
export type AccountTypeConfig = Static<typeof AccountType>;
export type ApiConfig = Static<typeof Api>;
export type WorkflowConfig = Static<typeof Workflow>;
export type DataSourceConfig = Static<typeof DataSource>;
export type FilesConfig = Static<typeof Files>;
export type FileCallConfig = Static<typeof FileCall>;
export type TriggerConfig = Static<typeof Trigger>;
export type InstructionsConfig = Static<typeof Instructions>;
export type IntegrationConfig = Static<typeof Integration>;
export type ProjectFile = Static<typeof Project>;
export type LimitsConfig = Static<typeof Limits>;
export type ConfigFileContent = Static<typeof ConfigFile>;
export type SecretSourceConfig = Static<typeof SecretSource>;
