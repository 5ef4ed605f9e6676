import type { OutputDocument, OutputMinutes } from './model.ts';
export async function layoutToDocx(_d: OutputDocument): Promise<Buffer> { throw new Error('not yet'); }
export async function minutesToDocx(_m: OutputMinutes): Promise<Buffer> { throw new Error('not yet'); }
