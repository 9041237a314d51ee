// The OpenID Connect client: discovery (cached), the authorization URL with
// PKCE (S256), state and nonce, and the code exchange that checks all three.
import * as client from 'openid-client';
import type { Config } from '../../kernel/config/index.ts';

type OidcConfig = NonNullable<Config['oidc']>;

const cache = new Map<string, Promise<client.Configuration>>();

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The provider's metadata, discovered once per issuer (plain http only for a provider on this machine). */
export function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}|${oidc.clientId}`;
  let found = cache.get(key);
  if (!found) {
    const issuer = new URL(oidc.issuer);
    found = client.discovery(
      issuer,
      oidc.clientId,
      oidc.clientSecret,
      oidc.clientSecret ? undefined : client.None(),
      issuer.protocol === 'http:' && isLoopback(issuer)
        ? { execute: [client.allowInsecureRequests] }
        : undefined,
    );
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

export type AuthStart = { url: URL; state: string; nonce: string; codeVerifier: string };

export async function startAuthorization(oidc: OidcConfig, redirectUri: string): Promise<AuthStart> {
  const config = await providerConfiguration(oidc);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/** Exchanges the code; returns the ID token's claims merged with the userinfo answer. */
export async function finishAuthorization(
  oidc: OidcConfig,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<{ issuer: string; claims: Record<string, unknown>; idToken: string | undefined }> {
  const config = await providerConfiguration(oidc);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('no ID token');
  let info: Record<string, unknown> = {};
  if (config.serverMetadata().userinfo_endpoint)
    info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return {
    issuer: config.serverMetadata().issuer,
    claims: { ...info, ...idClaims },
    idToken: tokens.id_token,
  };
}

/** Where the provider signs the person out (RP-initiated logout), or null when it offers no end-session endpoint. */
export async function endSessionUrl(
  oidc: OidcConfig,
  idToken: string | undefined,
  postLogoutRedirectUri: string,
): Promise<string | null> {
  const config = await providerConfiguration(oidc);
  if (!config.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(config, {
    post_logout_redirect_uri: postLogoutRedirectUri,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).href;
}
