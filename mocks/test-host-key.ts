/**
 * A real OpenSSH ed25519 HOST key pair, MADE FOR TESTS ONLY — never use it on any server. It was made
 * for the mock backend's `hostKeys` (contract v1.1) with
 *   ssh-keygen -t ed25519 -N '' -C 'TEST HOST KEY for mocks only - never use it'
 * It is published on purpose and identifies no real host. It is real so that the fingerprint can be
 * checked the way OpenSSH computes it, and the `known_hosts` file the element saves can be read by
 * `ssh-keygen -F`.
 *
 * `TEST_HOST_FINGERPRINT` is what `ssh-keygen -lf` prints for the public key: `SHA256:` and the
 * unpadded base64 of the SHA-256 of the raw key blob (the base64 field of the public key, decoded).
 * `test/unit/mock-backend.test.ts` and `scripts/check-files.mjs` recompute it from the public key.
 */
export const TEST_HOST_PRIVATE_KEY = `
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACAWszxl/nPZGFKewCeAprI0KQ1F1Z9VLBIHoevLJIuXzgAAALDQfezw0H3s
8AAAAAtzc2gtZWQyNTUxOQAAACAWszxl/nPZGFKewCeAprI0KQ1F1Z9VLBIHoevLJIuXzg
AAAEBWge1HYDLPf9JWsudJx+TGtzGIF9lJTdqxbDVMpV+SPhazPGX+c9kYUp7AJ4CmsjQp
DUXVn1UsEgeh68ski5fOAAAAK1RFU1QgSE9TVCBLRVkgZm9yIG1vY2tzIG9ubHkgLSBuZX
ZlciB1c2UgaXQBAg==
-----END OPENSSH PRIVATE KEY-----
`.trimStart();

/** The public half, as in the `.pub` file `ssh-keygen` wrote (type, base64 blob, comment). */
export const TEST_HOST_PUBLIC_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBazPGX+c9kYUp7AJ4CmsjQpDUXVn1UsEgeh68ski5fO TEST HOST KEY for mocks only - never use it';

export const TEST_HOST_KEY_TYPE = 'ssh-ed25519';

/** `ssh-keygen -lf` of the public key. */
export const TEST_HOST_FINGERPRINT = 'SHA256:F4Bc9fY+ioA5RmLe7zzh19dokRgWUviZ02QIpz3ZiCQ';
