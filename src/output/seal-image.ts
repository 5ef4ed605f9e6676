// The seal image (docs/seals.md), drawn as vectors in both formats from the same SealDrawing: the red ring,
// the five-pointed star and the name along the top arc in 宋体 (国发〔1999〕25号 第三条: 印文使用宋体).
// No raster and no canvas: the OFD gets PathObjects and TextObjects, the PDF the same paths and glyphs.
import { sealDrawing, type SealDrawing } from '../domain/seals/index.ts';
import { loadFont, type FontRole } from './fonts.ts';
import { PT } from './layout.ts';

/** The font role of each character of the seal's name (宋体, or the fallback face for a rare character). */
export function sealGlyphRole(ch: string): FontRole {
  return loadFont('song').font.hasGlyphForCodePoint(ch.codePointAt(0)!) ? 'song' : 'fallback';
}

const n = (v: number) => String(Math.round(v * 1000) / 1000);
const K = 0.5522847498;

/** A circle of radius r around (cx, cy) as four cubic Béziers in OFD abbreviated path data. */
function circlePath(cx: number, cy: number, r: number): string {
  const k = r * K;
  return [
    `M ${n(cx)} ${n(cy - r)}`,
    `B ${n(cx + k)} ${n(cy - r)} ${n(cx + r)} ${n(cy - k)} ${n(cx + r)} ${n(cy)}`,
    `B ${n(cx + r)} ${n(cy + k)} ${n(cx + k)} ${n(cy + r)} ${n(cx)} ${n(cy + r)}`,
    `B ${n(cx - k)} ${n(cy + r)} ${n(cx - r)} ${n(cy + k)} ${n(cx - r)} ${n(cy)}`,
    `B ${n(cx - r)} ${n(cy - k)} ${n(cx - k)} ${n(cy - r)} ${n(cx)} ${n(cy - r)} C`,
  ].join(' ');
}

export interface OfdSealLayer {
  /** the Layer element for the page's Content.xml */
  xml: string;
  /** the seal's boundary on the page (mm): x y w h, as the StampAnnot records it */
  boundary: [number, number, number, number];
  nextId: number;
}

/**
 * The seal as a foreground layer of the page (GB/T 33190 §7.7 Layer Type="Foreground"), centred on
 * (cx, cy). Each glyph is a TextObject turned by its CTM about its own centre.
 */
export function ofdSealLayer(name: string, cx: number, cy: number, fontIdOf: (role: FontRole) => number, firstId: number): OfdSealLayer {
  const d = sealDrawing(name);
  const R = d.radius;
  const box = `${n(cx - R)} ${n(cy - R)} ${n(2 * R)} ${n(2 * R)}`;
  const color = d.color.join(' ');
  let id = firstId;
  const layerId = id++;
  const objs: string[] = [];
  objs.push(`<ofd:PathObject ID="${id++}" Boundary="${box}" LineWidth="${n(d.ring.width)}" Fill="false" Stroke="true">` +
    `<ofd:StrokeColor Value="${color}"/><ofd:AbbreviatedData>${circlePath(R, R, d.ring.radius)}</ofd:AbbreviatedData></ofd:PathObject>`);
  const star = d.star.map(([x, y], i) => `${i ? 'L' : 'M'} ${n(R + x)} ${n(R + y)}`).join(' ') + ' C';
  objs.push(`<ofd:PathObject ID="${id++}" Boundary="${box}" Fill="true" Stroke="false">` +
    `<ofd:FillColor Value="${color}"/><ofd:AbbreviatedData>${star}</ofd:AbbreviatedData></ofd:PathObject>`);
  for (const g of d.glyphs) {
    const role = sealGlyphRole(g.ch);
    const rad = (g.rotate * Math.PI) / 180;
    const [c, s] = [Math.cos(rad), Math.sin(rad)];
    const baseline = loadFont(role).centreToBaseline * g.size;
    objs.push(`<ofd:TextObject ID="${id++}" Boundary="${box}" Font="${fontIdOf(role)}" Size="${n(g.size)}" ` +
      `CTM="${n(c)} ${n(s)} ${n(-s)} ${n(c)} ${n(R + g.x)} ${n(R + g.y)}"><ofd:FillColor Value="${color}"/>` +
      `<ofd:TextCode X="${n(-g.size / 2)}" Y="${n(baseline)}">${g.ch.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</ofd:TextCode></ofd:TextObject>`);
  }
  return { xml: `<ofd:Layer ID="${layerId}" Type="Foreground">${objs.join('')}</ofd:Layer>`, boundary: [cx - R, cy - R, 2 * R, 2 * R], nextId: id };
}

/** Draws the seal on the current pdfkit page, centred on (cx, cy) in millimetres. */
export function pdfSeal(pdf: PDFKit.PDFDocument, name: string, cx: number, cy: number, useFont: (role: FontRole) => void): SealDrawing {
  const pt = (mm: number) => mm / PT;
  const d = sealDrawing(name);
  const color = [...d.color] as [number, number, number];
  pdf.save();
  pdf.lineWidth(pt(d.ring.width)).circle(pt(cx), pt(cy), pt(d.ring.radius)).stroke(color);
  pdf.polygon(...d.star.map(([x, y]) => [pt(cx + x), pt(cy + y)] as [number, number])).fill(color);
  for (const g of d.glyphs) {
    const role = sealGlyphRole(g.ch);
    pdf.save();
    pdf.translate(pt(cx + g.x), pt(cy + g.y)).rotate(g.rotate, { origin: [0, 0] });
    useFont(role);
    pdf.fontSize(pt(g.size)).fillColor(color);
    pdf.text(g.ch, pt(-g.size / 2), pt(loadFont(role).centreToBaseline * g.size), { lineBreak: false, baseline: 'alphabetic' });
    pdf.restore();
  }
  pdf.restore();
  return d;
}
