/**
 * The Paragon-compatible SDK API under `/projects/:projectId/sdk/`. Every route first verifies
 * the user token against the project's keys and counts the request against the user's rate
 * limit; every query is scoped by the `(projectId, userId)` that the token proves.
 */
import type { FastifyInstance } from 'fastify';
import { oauthApiRoutes } from '../oauth/routes.js';
import { dataSourceRoutes } from '../data-sources/routes.js';
import { filePickerRoutes } from '../file-picker/routes.js';
import { proxyRoutes } from '../proxy/routes.js';
import { workflowRunRoutes } from '../workflows/routes.js';
import { authenticateRequests, type Services } from './context.js';
import { credentialRoutes } from './credentials.js';
import { integrationRoutes } from './integrations.js';
import { userRoutes } from './user.js';
import { workflowRoutes } from './workflows.js';

export async function sdkRoutes(app: FastifyInstance, services: Services): Promise<void> {
  authenticateRequests(app, services);
  for (const routes of [userRoutes, integrationRoutes, credentialRoutes, workflowRoutes]) await routes(app, services);
  oauthApiRoutes(app, services);
  workflowRunRoutes(app, services);
  dataSourceRoutes(app, services);
  filePickerRoutes(app, services);
  // Its own scope: the proxy reads bodies as bytes, not JSON.
  await app.register(async (scope) => proxyRoutes(scope, services));
}
