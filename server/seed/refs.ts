// Ids of the demo city's units, clusters, teams and users by their seed codes, handed to each module's demo data.
import type { Tx } from '../db/client.js';

export interface SeedRefs {
  tx: Tx;
  unitIds: Map<string, number>; // by unit code (LC-DCF …)
  clusterIds: Map<string, number>; // by cluster code (NM …)
  teamIds: Map<string, number>; // by cluster code
  userIds: Map<string, number>; // by username
  enterpriseIds: Map<string, number>; // by enterprise name, filled by the enterprise demo data
  projectIds: Map<string, number>; // by project name, filled by the project demo data
}
