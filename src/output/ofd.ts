import type { Layout } from './layout.ts';
import type { Outputtable } from './integrity.ts';
export async function layoutToOfd(_l: Layout, _d: Outputtable): Promise<Buffer> { throw new Error('not yet'); }
