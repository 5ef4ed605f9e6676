// OFD writer (GB/T 33190-2016): the same Layout as the PDF, as an OFD package — OFD.xml with DocInfo
// (identity, SM3 digest and the GB/T 33480 elements of an official document as CustomData),
// Doc_0/Document.xml, PublicRes.xml with embedded font subsets, and one Content.xml per page whose
// TextObjects position every glyph (X/Y of the first, DeltaX to the next).
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { loadFont, type FontRole } from './fonts.ts';
import { FIELD, identityOf, isMinutes, type Outputtable } from './integrity.ts';
import { GB9704, type Layout } from './layout.ts';
import { chineseDate } from './model.ts';
import { subsetFont } from './sfnt.ts';
import { ofdSealLayer, sealGlyphRole } from './seal-image.ts';
import { SIGNATURES_PATH, signatureFiles, type OfdSigner } from './ofd-sign.ts';

const NS = 'http://www.ofdspec.org/2016';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 1000) / 1000);
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** GB/T 33480 elements of the document, recorded as OFD CustomData. */
function metadata(doc: Outputtable): Array<[string, string]> {
  const out: Array<[string, string | undefined]> = isMinutes(doc)
    ? [
        ['文种', '纪要'], ['纪要标志', doc.mark], ['期号', doc.issue], ['编印单位', doc.issuer],
        ['成文日期', chineseDate(doc.date) ?? doc.date], ['密级', doc.classification], ['紧急程度', doc.urgency],
        ['抄送机关', doc.imprint?.cc?.join('，')], ['印发机关', doc.imprint?.printer],
        ['印发日期', doc.imprint ? chineseDate(doc.imprint.printDate) ?? undefined : undefined],
      ]
    : [
        ['发文机关标志', doc.issuerMark], ['发文字号', doc.documentNumber], ['签发人', doc.signers?.join('、')],
        ['标题', [doc.title].flat().join('')], ['主送机关', doc.recipients], ['发文机关署名', doc.signature],
        ['成文日期', chineseDate(doc.date) ?? doc.date], ['附注', doc.note], ['份号', doc.copyNumber?.toString()],
        ['密级', doc.classification], ['紧急程度', doc.urgency],
        ['附件说明', doc.attachmentsLabelled === false ? undefined : doc.attachments?.map((a) => a.title).join('；')],
        ['抄送机关', doc.imprint?.cc?.join('，')], ['印发机关', doc.imprint?.printer],
        ['印发日期', doc.imprint ? chineseDate(doc.imprint.printDate) ?? undefined : undefined],
      ];
  return out.filter((e): e is [string, string] => Boolean(e[1]));
}

/**
 * The OFD package of a layout. A document with a seal gets the seal image over its 成文日期 as a
 * foreground layer of that page and, with a signer, the signature structure of ofd-sign.ts.
 */
export async function layoutToOfd(layout: Layout, doc: Outputtable, signer?: OfdSigner): Promise<Buffer> {
  const id = identityOf(doc);
  const zip = new JSZip();
  const date = new Date(`${doc.date}T00:00:00Z`);
  // every file as written, for the signature's SM3 references
  const entries = new Map<string, Buffer>();
  const put = (path: string, data: string | Buffer) => {
    entries.set(path, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    zip.file(path, data, { date });
  };
  const seal = !isMinutes(doc) ? doc.seal : undefined;

  // fonts: one subset per role used, with the characters drawn in it
  const used = new Map<FontRole, Set<string>>();
  for (const p of layout.pages) for (const r of p.runs) {
    const set = used.get(r.role) ?? new Set<string>();
    r.chars.forEach((c) => set.add(c));
    used.set(r.role, set);
  }
  if (seal) for (const ch of seal.name) {
    const role = sealGlyphRole(ch);
    used.set(role, (used.get(role) ?? new Set<string>()).add(ch));
  }
  let nextId = 1;
  const fontIds = new Map<FontRole, number>();
  const fontXml: string[] = [];
  for (const [role, chars] of used) {
    const f = loadFont(role);
    const sub = subsetFont(f, chars);
    const fid = nextId++;
    const file = `font_${fid}.${sub.extension}`;
    put(`Doc_0/Res/${file}`, Buffer.from(sub.data));
    fontIds.set(role, fid);
    fontXml.push(`<ofd:Font ID="${fid}" FontName="${esc(f.spec.family)}" FamilyName="${esc(f.spec.family)}"><ofd:FontFile>${file}</ofd:FontFile></ofd:Font>`);
  }

  const pageEntries: string[] = [];
  let stamp: { pageId: number; boundary: [number, number, number, number] } | null = null;
  layout.pages.forEach((page, i) => {
    const pageId = nextId++;
    const layerId = nextId++;
    const objs: string[] = [];
    for (const r of page.rules) {
      const oid = nextId++;
      const [x, y, w, h] = [r.x, r.y - r.thickness / 2, r.width, r.thickness];
      objs.push(
        `<ofd:PathObject ID="${oid}" Boundary="${n(x)} ${n(y)} ${n(w)} ${n(h)}" Fill="true" Stroke="false">` +
        `<ofd:FillColor Value="${r.color.join(' ')}"/>` +
        `<ofd:AbbreviatedData>M 0 0 L ${n(w)} 0 L ${n(w)} ${n(h)} L 0 ${n(h)} C</ofd:AbbreviatedData></ofd:PathObject>`,
      );
    }
    for (const r of page.runs) {
      if (!r.chars.length) continue;
      const oid = nextId++;
      const x0 = r.xs[0]!;
      const x1 = r.xs[r.xs.length - 1]! + r.size;
      const top = r.baseline - r.size;
      const deltas = r.xs.slice(1).map((x, k) => n(x - r.xs[k]!));
      objs.push(
        `<ofd:TextObject ID="${oid}" Boundary="${n(x0)} ${n(top)} ${n(x1 - x0)} ${n(r.size * 1.5)}" Font="${fontIds.get(r.role)}" Size="${n(r.size)}">` +
        `<ofd:FillColor Value="${r.color.join(' ')}"/>` +
        `<ofd:TextCode X="0" Y="${n(r.size)}"${deltas.length ? ` DeltaX="${deltas.join(' ')}"` : ''}>${esc(r.chars.join(''))}</ofd:TextCode></ofd:TextObject>`,
      );
    }
    let sealLayer = '';
    if (seal && page.sealAt) {
      const l = ofdSealLayer(seal.name, page.sealAt.x, page.sealAt.y, (role) => fontIds.get(role)!, nextId);
      nextId = l.nextId;
      sealLayer = l.xml;
      stamp = { pageId, boundary: l.boundary };
    }
    put(
      `Doc_0/Pages/Page_${i}/Content.xml`,
      `${XML}<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${layerId}">${objs.join('')}</ofd:Layer>${sealLayer}</ofd:Content></ofd:Page>`,
    );
    pageEntries.push(`<ofd:Page ID="${pageId}" BaseLoc="Pages/Page_${i}/Content.xml"/>`);
  });

  put(
    'Doc_0/PublicRes.xml',
    `${XML}<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts>${fontXml.join('')}</ofd:Fonts></ofd:Res>`,
  );
  put(
    'Doc_0/Document.xml',
    `${XML}<ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${nextId - 1}</ofd:MaxUnitID>` +
    `<ofd:PageArea><ofd:PhysicalBox>0 0 ${GB9704.pageWidth} ${GB9704.pageHeight}</ofd:PhysicalBox></ofd:PageArea>` +
    `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>${pageEntries.join('')}</ofd:Pages></ofd:Document>`,
  );

  const title = isMinutes(doc) ? doc.mark : [doc.title].flat().join('');
  const author = isMinutes(doc) ? doc.issuer : doc.signature;
  const docId = createHash('sm3').update(id.documentId).digest('hex').slice(0, 32);
  const custom = [
    [FIELD.id, id.documentId], [FIELD.number, id.documentNumber], [FIELD.sm3, id.sm3], ...metadata(doc),
  ].map(([k, v]) => `<ofd:CustomData Name="${esc(k!)}">${esc(v!)}</ofd:CustomData>`).join('');
  const signing = signer && stamp;
  put(
    'OFD.xml',
    `${XML}<ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>` +
    `<ofd:DocID>${docId}</ofd:DocID><ofd:Title>${esc(title)}</ofd:Title><ofd:Author>${esc(author)}</ofd:Author>` +
    `<ofd:Subject>${esc(id.documentNumber)}</ofd:Subject><ofd:CreationDate>${doc.date}</ofd:CreationDate>` +
    `<ofd:DocUsage>Normal</ofd:DocUsage><ofd:Creator>政通</ofd:Creator><ofd:CreatorVersion>GB/T 9704-2012</ofd:CreatorVersion>` +
    `<ofd:CustomDatas>${custom}</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>` +
    `${signing ? `<ofd:Signatures>${SIGNATURES_PATH}</ofd:Signatures>` : ''}</ofd:DocBody></ofd:OFD>`,
  );
  if (signer && !stamp) throw new Error('签章失败：版式中没有成文日期的用印位置');
  if (signer && stamp) for (const [path, data] of signatureFiles(entries, signer, stamp)) zip.file(path, data, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
