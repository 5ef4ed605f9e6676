// The counting conventions of the default rule pack (pack.yaml `conventions`), as the calendar uses them.
import { loadDefaultPack, type Pack } from '../../rules/index.ts';
import { countingConventions, type CountingConventions } from '../../domain/calendar/deadline.ts';

let pack: Pack | undefined;

/** The default pack, loaded once per process. A pack that fails to load is an error, never a silent default. */
export function defaultPack(): Pack {
  pack ??= loadDefaultPack();
  return pack;
}

export function defaultConventions(): CountingConventions {
  return countingConventions(defaultPack().conventions);
}
