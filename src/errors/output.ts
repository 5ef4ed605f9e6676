import { defineErrors } from './types.ts';

// Errors of the output context: rendering official documents and minutes as PDF, Word and OFD
// (GB/T 9704-2012 layout), and checking an output file against its SM3 digest.
// Retired codes are never reused.
export const outputErrors = defineErrors({
  'OUTPUT.FONT_MISSING': {
    status: 500,
    message: '排版所需的字体未安装',
    fix: '运行 npm install 安装错误详情中列出的 npm 字体包（npmPackages），或安装其中的 Debian 字体包（如 apt-get install -y fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-ukai fonts-wqy-zenhei），或用 ZHENGTONG_FONT_DIR 指定字体目录',
  },
  'OUTPUT.GLYPH_MISSING': {
    status: 422,
    message: '公文中有字体无法显示的字符',
    fix: '错误详情列出了这些字符；改用规范汉字，或安装包含这些字符的字体（fonts-noto-cjk），或放入 ZHENGTONG_FONT_DIR',
  },
  'OUTPUT.INVALID_DOCUMENT': {
    status: 400,
    message: '公文要素不完整或不符合格式要求',
    fix: '按 violations 中列出的要素逐项补正（如发文机关标志、标题、成文日期）',
  },
  'OUTPUT.INVALID_DATE': {
    status: 400,
    message: '日期无效',
    fix: '使用真实存在的日期，格式 YYYY-MM-DD（如 2023-03-01）',
  },
  'OUTPUT.UNKNOWN_FORMAT': {
    status: 422,
    message: '无法识别的文件格式',
    fix: '只能校验本系统输出的 PDF、Word（.docx）和 OFD 文件',
  },
  'OUTPUT.NO_EMBEDDED_DIGEST': {
    status: 422,
    message: '文件中没有嵌入公文标识和 SM3 摘要',
    fix: '该文件不是本系统输出的版本，或已被其他软件重新保存；请从系统重新导出',
  },
  'OUTPUT.RENDER_FAILED': {
    status: 500,
    message: '公文排版输出失败',
    fix: '查看服务器日志；读取或光栅化 PDF 的测试与基准测试依赖 npm 开发依赖 pdfjs-dist 与 @napi-rs/canvas，请先执行 npm ci',
  },
});
