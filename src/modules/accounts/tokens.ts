import crypto from 'node:crypto';

/** SHA-256 of a secret: what the database keeps for session ids and API tokens. */
export function sha256(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export const API_TOKEN_PREFIX = 'qh_';

export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${crypto.randomBytes(24).toString('base64url')}`;
}

export function newSessionSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
