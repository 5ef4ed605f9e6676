// The fonts of the GB/T 9704-2012 layout: for each role, the face the standard asks for, the free face
// used instead and the Debian package that installs it. Data only (no font is read here), so the
// output context's API can name them without loading the font engine.
export type FontRole = 'fangsong' | 'kaiti' | 'heiti' | 'xiaobiaosong' | 'song' | 'fallback';

export interface FontSpec {
  role: FontRole;
  /** the face the standard asks for */
  standardFace: string;
  /** the face used */
  family: string;
  postscriptName: string;
  file: string;
  debianPackage: string;
}

export const FONT_SPECS: Record<FontRole, FontSpec> = {
  fangsong: {
    role: 'fangsong', standardFace: '仿宋（正文 3号、版记 4号）', family: 'AR PL SungtiL GB',
    postscriptName: 'BousungEG-Light-GB', file: 'arphic-gbsn00lp/gbsn00lp.ttf', debianPackage: 'fonts-arphic-gbsn00lp',
  },
  kaiti: {
    role: 'kaiti', standardFace: '楷体（第二层标题、签发人姓名）', family: 'AR PL UKai CN',
    postscriptName: 'UKaiCN', file: 'arphic/ukai.ttc', debianPackage: 'fonts-arphic-ukai',
  },
  heiti: {
    role: 'heiti', standardFace: '黑体（第一层标题、密级、紧急程度、附件标识）', family: 'WenQuanYi Zen Hei',
    postscriptName: 'WenQuanYiZenHei', file: 'wqy/wqy-zenhei.ttc', debianPackage: 'fonts-wqy-zenhei',
  },
  xiaobiaosong: {
    role: 'xiaobiaosong', standardFace: '小标宋（发文机关标志、标题）', family: 'Noto Serif CJK SC Bold',
    postscriptName: 'NotoSerifCJKsc-Bold', file: 'noto/NotoSerifCJK-Bold.ttc', debianPackage: 'fonts-noto-cjk',
  },
  song: {
    role: 'song', standardFace: '宋体（页码）', family: 'AR PL SungtiL GB',
    postscriptName: 'BousungEG-Light-GB', file: 'arphic-gbsn00lp/gbsn00lp.ttf', debianPackage: 'fonts-arphic-gbsn00lp',
  },
  fallback: {
    role: 'fallback', standardFace: '（上列字体缺少的字符）', family: 'Noto Serif CJK SC',
    postscriptName: 'NotoSerifCJKsc-Regular', file: 'noto/NotoSerifCJK-Regular.ttc', debianPackage: 'fonts-noto-cjk',
  },
};

export const DEBIAN_FONT_PACKAGES = [...new Set(Object.values(FONT_SPECS).map((s) => s.debianPackage))].sort();
