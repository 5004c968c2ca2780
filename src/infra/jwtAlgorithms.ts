/**
 * Signature algorithms a JWKS may be used with (config.ts validates the
 * setting, api/auth.ts pins them): asymmetric only. `none` signs nothing, and
 * an HS* "key" taken from a JWKS would be the public key everyone can read.
 */
export const JWKS_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"] as const;
export const DEFAULT_JWKS_ALGORITHMS = ["RS256", "ES256"];
