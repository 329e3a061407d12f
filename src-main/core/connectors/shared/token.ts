// A bearer token shared by every call of one connector: fetched on first use, renewed shortly
// before it expires, and refreshed ONCE for a burst of 401s (single flight), so twenty parallel
// pushes that all meet an expired token cause one token request, not twenty.
export interface IssuedToken {
  token: string;
  /** Epoch ms; undefined when the remote does not say. */
  expiresAt?: number;
}

export class TokenSource {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;

  constructor(
    private readonly issue: (previous: IssuedToken | undefined) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
    /** Renew this long before `expiresAt`, so a call never leaves with a token about to lapse. */
    private readonly marginMs = 60_000,
  ) {}

  async get(): Promise<string> {
    const t = this.current;
    if (t && (t.expiresAt === undefined || t.expiresAt - this.marginMs > this.now())) return t.token;
    return (await this.refresh(t?.token)).token;
  }

  /**
   * The remote refused `rejected`: get a new token, unless another call already did (then use
   * theirs). Concurrent callers share one request.
   */
  async refresh(rejected?: string): Promise<IssuedToken> {
    if (this.current && rejected !== undefined && this.current.token !== rejected) return this.current;
    this.pending ??= this.issue(this.current).then(
      (t) => {
        this.current = t;
        this.pending = undefined;
        return t;
      },
      (err: unknown) => {
        this.pending = undefined;
        throw err;
      },
    );
    return this.pending;
  }
}
