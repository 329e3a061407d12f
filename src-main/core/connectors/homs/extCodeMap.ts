// The `code ↔ ext_code` map: HOMS names an order by its server-made `code` (ORD-n); we name it by
// our own reference, sent as `ext_code`. The map is fed by every order the client sees, and lets
// a lost-reply reconciliation try the known code first instead of paging through every order.
// It is a cache, never proof: the client re-reads the order before trusting an entry.
export interface ExtCoded {
  code: string;
  ext_code: string | null;
}

export class ExtCodeMap {
  private readonly byExt = new Map<string, string>();
  private readonly byCode = new Map<string, string>();

  constructor(entries: Iterable<readonly [code: string, extCode: string]> = []) {
    for (const [code, ext] of entries) this.note({ code, ext_code: ext });
  }

  /** Record what the remote says now; an order whose ext_code changed or was cleared drops the old pair. */
  note(o: ExtCoded): void {
    const old = this.byCode.get(o.code);
    if (old !== undefined && old !== o.ext_code) {
      this.byCode.delete(o.code);
      if (this.byExt.get(old) === o.code) this.byExt.delete(old);
    }
    if (o.ext_code === null) return;
    this.byCode.set(o.code, o.ext_code);
    // ext_code is not unique in HOMS: the first order seen keeps the pair (lists are newest first,
    // so that is the newest), until it is forgotten or re-coded.
    if (!this.byExt.has(o.ext_code)) this.byExt.set(o.ext_code, o.code);
  }

  forget(code: string): void {
    const ext = this.byCode.get(code);
    this.byCode.delete(code);
    if (ext !== undefined && this.byExt.get(ext) === code) this.byExt.delete(ext);
  }

  codeOf(extCode: string): string | undefined {
    return this.byExt.get(extCode);
  }

  extCodeOf(code: string): string | undefined {
    return this.byCode.get(code);
  }

  /** [code, ext_code] pairs, for the sync engine to persist. */
  entries(): [code: string, extCode: string][] {
    return [...this.byCode.entries()];
  }

  get size(): number {
    return this.byCode.size;
  }
}
