import type { Services } from '../context.ts';

// Filled in once the scenario generator lands (shared/scenario.ts).
export async function seedDemoIfEmpty(_s: Services): Promise<string | null> {
  return null;
}
