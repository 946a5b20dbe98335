import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { CIPHER_PAGE_SIZE } from './cipher-diagnosis';

/**
 * Checks the pages of an encrypted replica file against their SQLCipher 4 HMACs, without SQLite:
 * the library (SQLite3MultipleCiphers) has no `cipher_integrity_check`, and SQLite itself reads a
 * page only when a query needs it, so a damaged page or a file cut short would otherwise open fine.
 */
const HMAC_BYTES = 64;
const SALT_BYTES = 16;

export type PageProblem =
  /** The file ends inside a page. */
  | { kind: 'cut-short'; size: number; page: number }
  /** The file holds fewer pages than the database says it has (and no WAL holds the rest). */
  | { kind: 'missing-pages'; filePages: number; dbPages: number; page: number }
  | { kind: 'damaged-page'; page: number };

export function describePageProblem(problem: PageProblem): string {
  switch (problem.kind) {
    case 'cut-short':
      return `file cut short: its size (${problem.size} bytes) ends ${problem.size % CIPHER_PAGE_SIZE} bytes into page ${problem.page} (not a whole number of ${CIPHER_PAGE_SIZE}-byte pages)`;
    case 'missing-pages':
      return `file cut short: it holds ${problem.filePages} pages, the database has ${problem.dbPages}; page ${problem.page} onwards is missing`;
    case 'damaged-page':
      return `page ${problem.page} is damaged (its HMAC does not match: changed on disk)`;
  }
}

/** Reads pages of one replica file and checks their HMACs with the replica's raw key. */
export class PageChecker {
  private readonly hmacKey: Buffer;
  readonly pages: number;
  private readonly size: number;

  constructor(
    readonly file: string,
    key: Buffer,
  ) {
    this.size = statSync(file).size;
    this.pages = Math.floor(this.size / CIPHER_PAGE_SIZE);
    const salt = Buffer.alloc(SALT_BYTES);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, salt, 0, SALT_BYTES, 0);
    } finally {
      closeSync(fd);
    }
    this.hmacKey = pbkdf2Sync(key, salt.map((b) => b ^ 0x3a), 2, 32, 'sha512');
  }

  /** A file whose size is not a whole number of pages was cut short (or grown) inside its last page. */
  shapeProblem(): PageProblem | null {
    if (this.size % CIPHER_PAGE_SIZE === 0) return null;
    return { kind: 'cut-short', size: this.size, page: this.pages + 1 };
  }

  /**
   * The first page among `pageNos` (1-based, ascending) whose HMAC fails, or null. A failing page
   * is read once more a moment later: another process's checkpoint may have been writing it.
   */
  firstDamaged(pageNos: Iterable<number>): number | null {
    const bad = this.scan(pageNos);
    if (bad === null) return null;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    return this.scan([bad]) === null ? this.firstDamagedAfter(bad, pageNos) : bad;
  }

  private firstDamagedAfter(page: number, pageNos: Iterable<number>): number | null {
    return this.firstDamaged([...pageNos].filter((n) => n > page));
  }

  private scan(pageNos: Iterable<number>): number | null {
    const fd = openSync(this.file, 'r');
    const page = Buffer.alloc(CIPHER_PAGE_SIZE);
    const pgno = Buffer.alloc(4);
    try {
      for (const n of pageNos) {
        if (n < 1 || n > this.pages) continue;
        if (readSync(fd, page, 0, CIPHER_PAGE_SIZE, (n - 1) * CIPHER_PAGE_SIZE) !== CIPHER_PAGE_SIZE) return n;
        const macAt = CIPHER_PAGE_SIZE - HMAC_BYTES;
        pgno.writeUInt32LE(n);
        const mac = createHmac('sha512', this.hmacKey)
          .update(page.subarray(n === 1 ? SALT_BYTES : 0, macAt))
          .update(pgno)
          .digest();
        if (!mac.equals(page.subarray(macAt))) return n;
      }
      return null;
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * The database's own page count, from the "in-header database size" of page 1 (decrypted with
 * the raw key: AES-256-CBC, the IV in the page's reserved bytes); null when page 1 is unreadable.
 */
export function headerPageCount(file: string, key: Buffer): number | null {
  const page = Buffer.alloc(CIPHER_PAGE_SIZE);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, page, 0, CIPHER_PAGE_SIZE, 0) !== CIPHER_PAGE_SIZE) return null;
  } finally {
    closeSync(fd);
  }
  const ivAt = CIPHER_PAGE_SIZE - 80;
  const decipher = createDecipheriv('aes-256-cbc', key, page.subarray(ivAt, ivAt + 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(page.subarray(SALT_BYTES, ivAt)), decipher.final()]);
  // Header offsets 28 (database size in pages) and 92/24 (valid-for and change counter), less the 16 salt bytes.
  const valid = plain.readUInt32BE(92 - SALT_BYTES) === plain.readUInt32BE(24 - SALT_BYTES);
  return valid ? plain.readUInt32BE(28 - SALT_BYTES) : null;
}

/** The pages a quick check reads: the first and last few and an even spread between, at most `budget`. */
export function samplePages(total: number, budget = 256): number[] {
  if (total <= budget) return Array.from({ length: total }, (_, i) => i + 1);
  const ends = 16;
  const picked = new Set<number>();
  for (let i = 1; i <= ends; i++) {
    picked.add(i);
    picked.add(total - ends + i);
  }
  const spread = budget - 2 * ends;
  for (let i = 0; i < spread; i++) picked.add(1 + ends + Math.floor(((total - 2 * ends) * i) / spread));
  return [...picked].sort((a, b) => a - b);
}

/** True when a WAL beside the file may hold pages the main file does not have yet. */
export function walHoldsPages(file: string): boolean {
  const wal = `${file}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}

/**
 * The cheap check on open: the file's shape, its page count against the database's, and a
 * sample of page HMACs (`full` reads every page: the CLI's `replica stats` and `audit verify`).
 */
export function checkPagesOnOpen(file: string, key: Buffer, full: boolean): PageProblem | null {
  const checker = new PageChecker(file, key);
  const shape = checker.shapeProblem();
  if (shape) return shape;
  const dbPages = checker.firstDamaged([1]) === null ? headerPageCount(file, key) : null;
  if (dbPages !== null && checker.pages < dbPages && !walHoldsPages(file)) return { kind: 'missing-pages', filePages: checker.pages, dbPages, page: checker.pages + 1 };
  const pages = full ? Array.from({ length: checker.pages }, (_, i) => i + 1) : samplePages(checker.pages);
  const bad = checker.firstDamaged(pages);
  return bad === null ? null : { kind: 'damaged-page', page: bad };
}

/** Walks every page in steps of `budget`, for the check that runs in the background after open. */
export function createPageWalk(file: string, key: Buffer): (budget: number) => { complete: boolean; checked: number; total: number; problem: PageProblem | null } {
  let next = 1;
  let checker: PageChecker | null = null;
  return (budget) => {
    checker ??= new PageChecker(file, key);
    const shape = checker.shapeProblem();
    if (shape) return { complete: true, checked: 0, total: checker.pages, problem: shape };
    const end = Math.min(checker.pages, next + budget - 1);
    const range = Array.from({ length: Math.max(0, end - next + 1) }, (_, i) => next + i);
    const bad = checker.firstDamaged(range);
    next = end + 1;
    const problem: PageProblem | null = bad === null ? null : { kind: 'damaged-page', page: bad };
    return { complete: problem !== null || next > checker.pages, checked: end, total: checker.pages, problem };
  };
}
