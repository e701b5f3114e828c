/** Password hashing: scrypt with a per-password salt, the cost stored with the hash, timing-safe checks. */
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, PasswordError, SCRYPT_COST, verifyPassword } from '../../src/console/passwords';

test('a hash is scrypt with its cost, a 16-byte salt and a 32-byte key; never the password', async () => {
  const h = await hashPassword('correct horse battery');
  const [alg, N, r, p, salt, key] = h.split('$');
  expect([alg, Number(N), Number(r), Number(p)]).toEqual(['scrypt', SCRYPT_COST.N, SCRYPT_COST.r, SCRYPT_COST.p]);
  expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
  expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
  expect(h).not.toContain('horse');
});

test('the same password hashes differently each time (a salt per password)', async () => {
  const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
  expect(a).not.toBe(b);
  expect(await verifyPassword('correct horse battery', a)).toBe(true);
  expect(await verifyPassword('correct horse battery', b)).toBe(true);
});

test('verification accepts only the exact password', async () => {
  const h = await hashPassword('Ünïcode pässwörd 🔑');
  expect(await verifyPassword('Ünïcode pässwörd 🔑', h)).toBe(true);
  // the same text in another Unicode normal form (NFD) is the same password
  expect(await verifyPassword('Ünïcode pässwörd 🔑'.normalize('NFD'), h)).toBe(true);
  for (const wrong of ['ünïcode pässwörd 🔑', 'Ünïcode pässwörd', 'Ünïcode pässwörd 🔑 ', '']) expect(await verifyPassword(wrong, h)).toBe(false);
});

test('a malformed or tampered hash never verifies and never throws', async () => {
  const h = await hashPassword('correct horse battery');
  const parts = h.split('$');
  const tampered = [...parts.slice(0, 5), Buffer.from('x'.repeat(32)).toString('base64url')].join('$');
  for (const bad of ['', 'plain', 'bcrypt$1$2$3$4$5', tampered, h.replace(/\$\d+\$/, '$99999999$'), h.replace(/[^$]+$/, 'AA')]) {
    expect(await verifyPassword('correct horse battery', bad)).toBe(false);
  }
});

test('short passwords are refused when hashing', async () => {
  await expect(hashPassword('x'.repeat(MIN_PASSWORD_LENGTH - 1))).rejects.toThrow(PasswordError);
});

test('the decoy hash (for unknown usernames) is a real hash that no guess matches', async () => {
  const decoy = await decoyHash();
  expect(decoy.startsWith('scrypt$')).toBe(true);
  expect(await decoyHash()).toBe(decoy);
  expect(await verifyPassword('a long enough password', decoy)).toBe(false);
});
