export interface Counts { passed: number; failed: number; skipped: number }
export interface ReportCounts extends Counts { failedTests: number; brokenFiles: string[]; files: number }
export function countReport(report: unknown): ReportCounts;
export function countLine(counts: Counts[]): string;
export function tierVerdict(t: { ran: boolean; exitCode?: number | null; counts?: Counts }): { ok: boolean; why: string };
