// Attachments: size and type limits of the pack (第七十五条 electronic transmission) and safe names.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';
import type { DocumentParams } from './params.ts';

/** A file name safe to store and offer for download: no path, no control or reserved characters. */
export function safeFileName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let s = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  if (s.length > 120) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = s.slice(0, 120 - ext.length) + ext;
  }
  return s || '附件';
}

export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export function attachmentViolations(name: string, size: number, existing: number, p: DocumentParams): Violation[] {
  const v: Violation[] = [];
  const ext = extensionOf(safeFileName(name));
  if (!p.attachmentTypes.value.includes(ext)) {
    v.push({ code: 'DOC.ATTACHMENT_TYPE', article: p.attachmentTypes.article,
      message: `${basedOn(p.attachmentTypes.article)}，附件类型“${ext || '无扩展名'}”不允许；允许的类型：${p.attachmentTypes.value.join('、')}`, details: { ext } });
  }
  if (size > p.attachmentMaxBytes.value) {
    v.push({ code: 'DOC.ATTACHMENT_TOO_LARGE', article: p.attachmentMaxBytes.article,
      message: `${basedOn(p.attachmentMaxBytes.article)}，单个附件不超过${Math.round(p.attachmentMaxBytes.value / 1048576)}MB，本附件${(size / 1048576).toFixed(1)}MB`, details: { size, max: p.attachmentMaxBytes.value } });
  }
  if (size === 0) v.push({ code: 'DOC.ATTACHMENT_EMPTY', message: '附件为空文件' });
  if (existing >= p.attachmentMaxPerDocument.value) {
    v.push({ code: 'DOC.ATTACHMENT_TOO_MANY', article: p.attachmentMaxPerDocument.article,
      message: `每件公文附件不超过${p.attachmentMaxPerDocument.value}个`, details: { max: p.attachmentMaxPerDocument.value } });
  }
  return v;
}
