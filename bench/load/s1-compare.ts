/**
 * Section 1: the unit every other target is expressed in. One bcrypt comparison at the production
 * cost, timed in this process with the checkout's own bcryptjs, and the cores this machine offers:
 * targets as ratios of these hold on a slow or a noisy machine alike.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { median } from './http';

type Bcrypt = { hash(text: string, cost: number): Promise<string>; compare(text: string, hash: string): Promise<boolean> };

const RUNS = 7;

export async function measureCompare(dir: string, cost: number): Promise<{ tCompareMs: number; cores: number; samples: number[] }> {
  // The checkout's copy, not the bench's: the figure must be the one its server will see.
  const bcrypt = createRequire(path.join(dir, 'package.json'))('bcryptjs') as Bcrypt;
  // What the application compares: a SHA-256 in base64 (44 characters) of the password.
  const secret = 'q4bR9m6uQ0t3yqkX1cF7cS0m6lVb2nE8rT5wH3jZ0pA=';
  const hash = await bcrypt.hash(secret, cost);
  await bcrypt.compare(secret, hash);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const began = performance.now();
    if (!(await bcrypt.compare(secret, hash))) throw new Error('bcryptjs compare returned false');
    samples.push(performance.now() - began);
  }
  return { tCompareMs: median(samples), cores: os.availableParallelism(), samples };
}
