// The 纪要 as a Word document. Layout follows the usual 会议纪要 format: red title block, 出席/请假/列席 at the
// end; fonts 方正小标宋 for the title and 仿宋 for the body, as GB/T 9704 uses them.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { MinutesModel } from '../../domain/meetings/index.ts';

const body = (text: string, opts: { bold?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: '仿宋_GB2312', size: 32, bold: opts.bold })],
  });

export async function minutesDocx(m: MinutesModel, text: string, signed: { by: string | null; at: string | null }): Promise<Buffer> {
  const paras = text.split('\n').filter((l) => l.trim());
  const doc = new Document({
    creator: '政通',
    title: `${m.title}纪要`,
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: `${m.title}纪要`, font: '方正小标宋简体', size: 44, color: 'C00000' })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: `武威市人民政府办公室　　${m.dateText}`, font: '仿宋_GB2312', size: 32 })] }),
        ...paras.map((l) => body(l, { bold: /^[一二三四五六七八九十]+、/.test(l), indent: !/^(出席|请假|列席|缺席)：/.test(l) })),
        ...(signed.by ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [new TextRun({ text: `签发：${signed.by}　${signed.at?.slice(0, 10) ?? ''}`, font: '仿宋_GB2312', size: 32 })] })] : []),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
