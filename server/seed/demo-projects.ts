// Demo projects of the demo city.
import type { SeedRefs } from './refs.js';

export async function seedDemoProjects(_refs: SeedRefs): Promise<void> {
  // The projects module adds its demo records here.
}
