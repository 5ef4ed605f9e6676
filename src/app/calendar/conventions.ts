// The counting conventions of the rule pack in force for the work in progress (pack.yaml `conventions`).
import { countingConventions, type CountingConventions } from '../../domain/calendar/deadline.ts';
import { tenantPack } from '../tenancy/registry.ts';

/** The counting conventions of the current government's pack. */
export function packConventions(): CountingConventions {
  return countingConventions(tenantPack().conventions);
}
