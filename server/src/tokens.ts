/**
 * User-token verification. The host app signs a JWT (RS256) for its user; the Connect server
 * holds the project's public keys (several at once, chosen by `kid`, so keys can rotate).
 * The algorithm is pinned, `sub`/`iat`/`exp` are required, and old or future-dated tokens fail.
 */
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ErrorCode } from '../../protocol/src/errors.js';
import type { ProjectConfig } from './config/load.js';
import { HttpError } from './http-error.js';

export interface VerifiedUser {
  projectId: string;
  userId: string;
}

const CLOCK_TOLERANCE_SECONDS = 60;
const MAX_TOKEN_AGE_SECONDS = 24 * 3600;
const MAX_TOKEN_AGE = `${MAX_TOKEN_AGE_SECONDS}s`;

function keyResolver(project: ProjectConfig): JWTVerifyGetKey {
  return (header) => {
    const candidates = header.kid ? project.verificationKeys.filter((key) => key.kid === header.kid) : project.verificationKeys;
    if (candidates.length === 0) {
      throw new HttpError(401, ErrorCode.tokenInvalid, `The user token names key "${header.kid}", which this project does not have.`);
    }
    if (candidates.length > 1) {
      throw new HttpError(401, ErrorCode.tokenInvalid, 'The user token has no "kid" header, and this project has several keys: set "kid".');
    }
    return candidates[0]!.key;
  };
}

function describe(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof errors.JWTExpired) {
    const why = error.claim === 'iat' ? 'was issued more than 24 hours ago ("iat")' : 'has expired ("exp")';
    return new HttpError(401, ErrorCode.tokenExpired, `The user token ${why}; sign a new one.`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new HttpError(401, ErrorCode.tokenInvalid, `The user token's "${error.claim}" claim is invalid: ${error.reason}.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new HttpError(401, ErrorCode.tokenInvalid, 'The user token must be signed with RS256.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new HttpError(401, ErrorCode.tokenInvalid, "The user token's signature does not match this project's keys.");
  }
  return new HttpError(401, ErrorCode.tokenMalformed, 'The user token is not a well-formed signed JWT.');
}

/**
 * Tokens already verified, so that a session's every request does not pay for an RSA signature
 * check. The key is the whole token, signature included; an entry lives no longer than the
 * token itself (exp + tolerance, iat + maximum age), and the oldest entries go first when full.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { user: VerifiedUser; until: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(projectId: string, token: string): VerifiedUser | undefined {
    const key = `${projectId} ${token}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.clock()) return entry.user;
    this.entries.delete(key);
    return undefined;
  }

  set(projectId: string, token: string, user: VerifiedUser, until: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${projectId} ${token}`, { user, until });
  }
}

/** Verifies `Authorization: Bearer <token>` for a project, or throws a 401 `HttpError` naming why. */
export async function verifyUserToken(project: ProjectConfig, authorization: string | undefined, cache?: VerifiedTokenCache): Promise<VerifiedUser> {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token) {
    throw new HttpError(401, ErrorCode.tokenMissing, 'Send the user token as "Authorization: Bearer <token>".');
  }
  const cached = cache?.get(project.id, token);
  if (cached) return cached;
  try {
    const { payload } = await jwtVerify(token, keyResolver(project), {
      algorithms: ['RS256'],
      requiredClaims: ['sub', 'iat', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE,
    });
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) {
      throw new HttpError(401, ErrorCode.tokenInvalid, 'The user token\'s "sub" must be a non-empty string of at most 255 characters.');
    }
    const user = { projectId: project.id, userId: sub };
    const until = Math.min(payload.exp! + CLOCK_TOLERANCE_SECONDS, payload.iat! + MAX_TOKEN_AGE_SECONDS) * 1000;
    cache?.set(project.id, token, user, until);
    return user;
  } catch (error) {
    throw describe(error);
  }
}
