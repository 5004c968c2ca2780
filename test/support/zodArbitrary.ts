/**
 * fast-check arbitraries generated from a zod schema, for the kinds the task
 * contract uses (strings, RFC 3339 instants, enums, integers, arrays,
 * nullables, objects, unions). A kind it does not know throws, so a new kind
 * in the contract is added here on purpose rather than skipped.
 */
import fc from "fast-check";
import type { z } from "zod";

const MIN_INSTANT = new Date("1970-01-01T00:00:00.000Z");
const MAX_INSTANT = new Date("2999-12-31T23:59:59.999Z");

/**
 * `overrides` replace the arbitrary of a field by its dotted path where the
 * service keeps an invariant the schema does not state (ids it issues are
 * UUIDs, a stored rule is an RRULE it has read).
 */
export function arbitraryOf(schema: z.ZodType, overrides: Record<string, fc.Arbitrary<unknown>> = {}, path = ""): fc.Arbitrary<unknown> {
  const override = overrides[path];
  if (override) return override;
  const def = schema.def as { type: string };
  switch (def.type) {
    case "string": {
      const s = schema as z.ZodString;
      if (s.format === "datetime") return fc.date({ min: MIN_INSTANT, max: MAX_INSTANT, noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format !== null) throw new Error(`no arbitrary for string format ${s.format}`);
      return fc.string({ unit: "binary", minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
    }
    case "enum":
      return fc.constantFrom(...(schema as z.ZodEnum).options);
    case "number": {
      const n = schema as z.ZodNumber;
      if (!n.isInt) throw new Error("no arbitrary for non-integer numbers");
      return fc.integer({ min: Math.max(n.minValue ?? -(2 ** 31), -(2 ** 31)), max: Math.min(n.maxValue ?? 2 ** 31, 2 ** 31) });
    }
    case "array":
      return fc.array(arbitraryOf((schema as z.ZodArray<z.ZodType>).element, overrides, path), { maxLength: 4 });
    case "nullable":
      return fc.option(arbitraryOf((schema as z.ZodNullable<z.ZodType>).unwrap(), overrides, path), { nil: null });
    case "object": {
      const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, arbitraryOf(field, overrides, path ? `${path}.${key}` : key)])));
    }
    case "union":
      return fc.oneof(...(schema as z.ZodUnion<z.ZodType[]>).options.map((option) => arbitraryOf(option, overrides, path)));
    default:
      throw new Error(`no arbitrary for zod ${def.type}`);
  }
}
