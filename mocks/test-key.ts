/**
 * A real OpenSSH ed25519 private key, made for the mock backend and its tests ONLY with
 *   ssh-keygen -t ed25519 -N '' -C 'TEST KEY for mocks only - not a secret'
 * It is published on purpose, grants access to nothing, and is installed on no server. It is real
 * so that `ssh-keygen -y -f <downloaded .pem>` can check the file the element saves.
 *
 * Stored here with LF line endings and a final newline; the mock serves it with CRLF and without
 * the final newline (see `servedPrivateKey`) so the element's normalisation is exercised.
 */
export const TEST_PRIVATE_KEY = `
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACD/jVEmzCw4tF9w/PXtNhkMgC82cOKOPEbYf9xXf9lY8wAAALCz3F1hs9xd
YQAAAAtzc2gtZWQyNTUxOQAAACD/jVEmzCw4tF9w/PXtNhkMgC82cOKOPEbYf9xXf9lY8w
AAAEDJMiuIxtgzUCajuU3MPxLyeJYATPQB7XYtesg5aXg/I/+NUSbMLDi0X3D89e02GQyA
LzZw4o48Rth/3Fd/2VjzAAAAJlRFU1QgS0VZIGZvciBtb2NrcyBvbmx5IC0gbm90IGEgc2
VjcmV0AQIDBAUGBw==
-----END OPENSSH PRIVATE KEY-----
`.trimStart();

/** The matching public key, for reference. */
export const TEST_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP+NUSbMLDi0X3D89e02GQyALzZw4o48Rth/3Fd/2Vjz TEST KEY for mocks only - not a secret';

/** The key as the mock serves it: CRLF line endings and no final newline, as some servers send it. */
export const servedPrivateKey = (): string => TEST_PRIVATE_KEY.replace(/\n$/, '').replace(/\n/g, '\r\n');
