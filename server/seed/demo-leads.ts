// Demo leads of the demo city.
import type { SeedRefs } from './refs.js';

export async function seedDemoLeads(_refs: SeedRefs): Promise<void> {
  // The leads module adds its demo records here.
}
