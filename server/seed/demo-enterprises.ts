// Demo enterprises of the demo city.
import type { SeedRefs } from './refs.js';

export async function seedDemoEnterprises(_refs: SeedRefs): Promise<void> {
  // The enterprises module adds its demo records here.
}
