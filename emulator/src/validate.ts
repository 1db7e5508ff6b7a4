import { ApiError } from "./codes";

// Body field readers. Each generation reports problems with its own codes: `missing` for an absent
// required field, `type` for a value of the wrong JSON type, `invalid` for a value out of range.

export type FieldCodes = { missing: number; type: number; invalid: number };
export type Body = Record<string, unknown>;

export class Fields {
  constructor(
    private readonly body: Body,
    private readonly codes: FieldCodes,
  ) {}

  private has(name: string): boolean {
    return this.body[name] !== undefined && this.body[name] !== null;
  }

  string(name: string, opts: { required: true; nonEmpty?: boolean; maxBytes?: number }): string;
  string(
    name: string,
    opts?: { required?: false; nonEmpty?: boolean; maxBytes?: number },
  ): string | undefined;
  string(
    name: string,
    opts: { required?: boolean; nonEmpty?: boolean; maxBytes?: number } = {},
  ): string | undefined {
    if (!this.has(name)) {
      if (opts.required) throw new ApiError(this.codes.missing, `${name} is required`);
      return undefined;
    }
    const v = this.body[name];
    if (typeof v !== "string") throw new ApiError(this.codes.type, `${name} must be a string`);
    if (opts.nonEmpty && v.length === 0)
      throw new ApiError(this.codes.invalid, `${name} must not be empty`);
    if (opts.maxBytes !== undefined && Buffer.byteLength(v) > opts.maxBytes) {
      throw new ApiError(this.codes.invalid, `${name} must be at most ${opts.maxBytes} bytes`);
    }
    return v;
  }

  int(name: string, opts: { required: true; min?: number; max?: number }): number;
  int(name: string, opts?: { required?: false; min?: number; max?: number }): number | undefined;
  int(
    name: string,
    opts: { required?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    if (!this.has(name)) {
      if (opts.required) throw new ApiError(this.codes.missing, `${name} is required`);
      return undefined;
    }
    const v = this.body[name];
    if (typeof v !== "number") throw new ApiError(this.codes.type, `${name} must be an integer`);
    if (!Number.isSafeInteger(v))
      throw new ApiError(this.codes.invalid, `${name} must be an integer`);
    if (opts.min !== undefined && v < opts.min)
      throw new ApiError(this.codes.invalid, `${name} must be ≥ ${opts.min}`);
    if (opts.max !== undefined && v > opts.max)
      throw new ApiError(this.codes.invalid, `${name} must be ≤ ${opts.max}`);
    return v;
  }

  stringArray(
    name: string,
    opts: { required: true; nonEmpty?: boolean; maxItems?: number },
  ): string[];
  stringArray(
    name: string,
    opts?: { required?: false; nonEmpty?: boolean; maxItems?: number },
  ): string[] | undefined;
  stringArray(
    name: string,
    opts: { required?: boolean; nonEmpty?: boolean; maxItems?: number } = {},
  ): string[] | undefined {
    if (!this.has(name)) {
      if (opts.required) throw new ApiError(this.codes.missing, `${name} is required`);
      return undefined;
    }
    const v = this.body[name];
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
      throw new ApiError(this.codes.type, `${name} must be an array of strings`);
    }
    if (opts.nonEmpty && v.length === 0)
      throw new ApiError(this.codes.invalid, `${name} must not be empty`);
    if (opts.maxItems !== undefined && v.length > opts.maxItems) {
      throw new ApiError(this.codes.invalid, `${name} has more than ${opts.maxItems} items`);
    }
    return v;
  }

  object(name: string, opts: { required: true }): Body;
  object(name: string, opts?: { required?: false }): Body | undefined;
  object(name: string, opts: { required?: boolean } = {}): Body | undefined {
    if (!this.has(name)) {
      if (opts.required) throw new ApiError(this.codes.missing, `${name} is required`);
      return undefined;
    }
    const v = this.body[name];
    if (typeof v !== "object" || Array.isArray(v))
      throw new ApiError(this.codes.type, `${name} must be an object`);
    return v as Body;
  }
}
