/**
 * What clients experienced: failed, misdirected and slow (failed over) requests, and each
 * client outage (from its first failed request to its first successful one). An outage
 * still open when the run ends is closed at the end and marked censored.
 */
export class OutcomeLog {
  failedRequests = 0;
  misdirectedRequests = 0;
  /** Requests served only after a connect timeout and a try of the next A record. */
  slowRequests = 0;
  readonly outageClient: number[] = [];
  readonly outageStartMs: number[] = [];
  readonly outageMs: number[] = [];
  readonly outageCensored: boolean[] = [];

  /** Records one client's outage. */
  outage(client: number, startMs: number, durationMs: number, censored: boolean): void {
    this.outageClient.push(client);
    this.outageStartMs.push(startMs);
    this.outageMs.push(durationMs);
    this.outageCensored.push(censored);
  }

  /** Total failed client-time, ms. */
  get failedClientMs(): number {
    let s = 0;
    for (const d of this.outageMs) s += d;
    return s;
  }
}
