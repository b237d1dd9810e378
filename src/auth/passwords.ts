import argon2 from 'argon2';

// argon2id with the library's defaults (64 MiB, 3 passes): slow enough to make guessing
// expensive, fast enough for a login.
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A hash to verify against when the user does not exist, so both cases take as long.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('decoy password that matches nothing'));
}
