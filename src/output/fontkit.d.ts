// The part of fontkit (a dependency of pdfkit) used by the output context; fontkit ships no types.
declare module 'fontkit' {
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): unknown;
  export function openSync(path: string, postscriptName?: string): unknown;
}
