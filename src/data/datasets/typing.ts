/**
 * Column type inference for imported CSVs, and the parsing rules that go with it.
 * A blank or whitespace-only field is missing (NULL): this is how IBM's Telco file marks the
 * 11 unknown TotalCharges, and how most exports mark NA.
 */
export type ColumnType = 'INTEGER' | 'REAL' | 'TEXT';

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** Fields that were blank or whitespace-only, stored as NULL. */
  missing: number;
}

const integerPattern = /^[+-]?\d+$/;
const realPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function isMissing(field: string): boolean {
  return field.trim() === '';
}

export class TypeInferrer {
  private readonly isInteger: boolean[];
  private readonly isReal: boolean[];
  private readonly missing: number[];
  private readonly seen: number[];

  constructor(private readonly names: string[]) {
    this.isInteger = names.map(() => true);
    this.isReal = names.map(() => true);
    this.missing = names.map(() => 0);
    this.seen = names.map(() => 0);
  }

  observe(fields: string[]): void {
    for (let i = 0; i < this.names.length; i++) {
      const raw = fields[i]!;
      if (isMissing(raw)) {
        this.missing[i]!++;
        continue;
      }
      this.seen[i]!++;
      const value = raw.trim();
      if (integerPattern.test(value)) {
        // an integer beyond 2^53 (a long id) has no exact double: as REAL, 9007199254740993 would be
        // stored as 9007199254740992; only TEXT keeps every digit
        if (!Number.isSafeInteger(Number(value))) this.isInteger[i] = this.isReal[i] = false;
      } else {
        this.isInteger[i] = false;
        if (this.isReal[i] && !realPattern.test(value)) this.isReal[i] = false;
      }
    }
  }

  result(): ColumnProfile[] {
    return this.names.map((name, i) => ({
      name,
      // A column with no values at all stays TEXT: there is nothing to say it is a number.
      type: this.seen[i] === 0 ? 'TEXT' : this.isInteger[i] ? 'INTEGER' : this.isReal[i] ? 'REAL' : 'TEXT',
      missing: this.missing[i]!,
    }));
  }
}

export function convertField(raw: string, type: ColumnType): string | number | null {
  if (isMissing(raw)) return null;
  if (type === 'TEXT') return raw;
  return Number(raw.trim());
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const slashDate = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses a date or date-time into 'YYYY-MM-DD HH:MM:SS' (the form SQLite's date functions read).
 * Accepts ISO 8601 (a time zone suffix is dropped: transactions are read in local shop time) and
 * month/day/year as spreadsheets export it (the UCI original uses 12/1/2010 8:26), or day/month/year
 * with dayFirst (a British export: 01/12/2010 08:26). Returns undefined when the text is not a real
 * calendar date.
 */
/** For a slash date ("13/12/2009"): whether its first and second numbers could each be a month. Undefined for other forms. */
export function slashDateParts(raw: string): { firstIsMonth: boolean; secondIsMonth: boolean } | undefined {
  const m = slashDate.exec(raw.trim());
  return m ? { firstIsMonth: Number(m[1]) <= 12, secondIsMonth: Number(m[2]) <= 12 } : undefined;
}

export function normaliseDateTime(raw: string, options: { dayFirst?: boolean } = {}): string | undefined {
  const text = raw.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, s = 0;
  let m = isoDate.exec(text);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else if ((m = slashDate.exec(text))) {
    [mo, d, y] = options.dayFirst ? [Number(m[2]), Number(m[1]), Number(m[3])] : [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else {
    return undefined;
  }
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}
