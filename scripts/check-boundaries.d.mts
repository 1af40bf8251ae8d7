export type ImportGraph = Map<string, string[]>;
export function sourceFiles(): string[];
export function importGraph(files?: string[]): ImportGraph;
export function cycles(graph: ImportGraph): string[][];
export function violations(graph: ImportGraph): string[];
