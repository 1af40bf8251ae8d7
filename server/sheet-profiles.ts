// Wires each domain module's spreadsheet profile into the engine (server/modules/spreadsheets/profiles.ts). Called once
// at start by the app (and by whatever drives the engine without the app, e.g. the import benchmark): the engine
// never imports the modules, so a new register is one line here and a profile in its own module.
import { registerSheetProfile } from './modules/spreadsheets/profiles.js';
import { enterpriseSheets } from './modules/enterprises/sheet-profile.js';
import { leadSheets } from './modules/leads/sheet-profile.js';
import { projectSheets } from './modules/projects/sheet-profile.js';

export function registerSheetProfiles(): void {
  for (const p of [enterpriseSheets, leadSheets, projectSheets]) registerSheetProfile(p);
}
