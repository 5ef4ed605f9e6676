// The fonts of the GB/T 9704-2012 layout: for each role, the face the standard asks for and the free
// faces used instead, best first. Data only (no font is read here), so the output context's API can name
// them without loading the font engine.
//
// Where a face is looked for, in this order (fonts.ts):
//   1. the folder ZHENGTONG_FONT_DIR names, if set: any face of the role, found by its file name;
//   2. the system's fonts (/usr/share/fonts): the Debian packages below, the best-looking choice;
//   3. font files shipped by the project's npm dependencies (installed by `npm install`), so a machine
//      with no system fonts still renders every document.
export type FontRole = 'fangsong' | 'kaiti' | 'heiti' | 'xiaobiaosong' | 'song' | 'fallback';

/** One face that can stand for a role. */
export interface FontFace {
  family: string;
  postscriptName: string;
  /** system faces: the path under /usr/share/fonts/{truetype,opentype}; npm faces: the path in the package */
  file: string;
  source: 'system' | 'npm';
  /** the Debian package (system) or npm package (npm) that installs the file */
  package: string;
  /** how the face looks in this role, when it is not the face the standard asks for */
  note: string;
}

export interface FontRoleSpec {
  role: FontRole;
  /** the face the standard asks for */
  standardFace: string;
  /** the faces that can stand for it, best first */
  faces: FontFace[];
}

/** A role with the face found for it. */
export interface FontSpec extends FontFace {
  role: FontRole;
  standardFace: string;
}

const SUNGTI: FontFace = {
  family: 'AR PL SungtiL GB', postscriptName: 'BousungEG-Light-GB', file: 'truetype/arphic-gbsn00lp/gbsn00lp.ttf',
  source: 'system', package: 'fonts-arphic-gbsn00lp', note: '细宋体，笔画细、字面略小，最接近仿宋的灰度',
};
const NOTO_CJK_SERIF: FontFace = {
  family: 'Noto Serif CJK SC', postscriptName: 'NotoSerifCJKsc-Regular', file: 'opentype/noto/NotoSerifCJK-Regular.ttc',
  source: 'system', package: 'fonts-noto-cjk', note: '思源宋体常规，比仿宋笔画粗、字面大',
};
const NOTO_CJK_SERIF_BOLD: FontFace = {
  family: 'Noto Serif CJK SC Bold', postscriptName: 'NotoSerifCJKsc-Bold', file: 'opentype/noto/NotoSerifCJK-Bold.ttc',
  source: 'system', package: 'fonts-noto-cjk', note: '思源宋体粗体，与小标宋同为粗宋',
};
const NOTO_CJK_SANS: FontFace = {
  family: 'Noto Sans CJK SC', postscriptName: 'NotoSansCJKsc-Regular', file: 'opentype/noto/NotoSansCJK-Regular.ttc',
  source: 'system', package: 'fonts-noto-cjk', note: '思源黑体常规，比黑体略细',
};
const UKAI: FontFace = {
  family: 'AR PL UKai CN', postscriptName: 'UKaiCN', file: 'truetype/arphic/ukai.ttc',
  source: 'system', package: 'fonts-arphic-ukai', note: '文鼎楷体，楷书',
};
const LXGW_WENKAI: FontFace = {
  family: 'LXGW WenKai', postscriptName: 'LXGWWenKai-Regular', file: 'truetype/lxgw/LXGWWenKai-Regular.ttf',
  source: 'system', package: 'fonts-lxgw-wenkai', note: '霞鹜文楷，楷书',
};
const WQY_ZENHEI: FontFace = {
  family: 'WenQuanYi Zen Hei', postscriptName: 'WenQuanYiZenHei', file: 'truetype/wqy/wqy-zenhei.ttc',
  source: 'system', package: 'fonts-wqy-zenhei', note: '文泉驿正黑，黑体',
};
const NPM_SERIF = '@expo-google-fonts/noto-serif-sc';
const NPM_SANS = '@expo-google-fonts/noto-sans-sc';
const NOTO_SERIF_SC: FontFace = {
  family: 'Noto Serif SC', postscriptName: 'NotoSerifSC-Regular', file: '400Regular/NotoSerifSC_400Regular.ttf',
  source: 'npm', package: NPM_SERIF, note: '思源宋体常规（随 npm 安装），比仿宋笔画粗、字面大',
};
const NOTO_SERIF_SC_BOLD: FontFace = {
  family: 'Noto Serif SC Bold', postscriptName: 'NotoSerifSC-Bold', file: '700Bold/NotoSerifSC_700Bold.ttf',
  source: 'npm', package: NPM_SERIF, note: '思源宋体粗体（随 npm 安装），与小标宋同为粗宋',
};
const NOTO_SANS_SC: FontFace = {
  family: 'Noto Sans SC', postscriptName: 'NotoSansSC-Regular', file: '400Regular/NotoSansSC_400Regular.ttf',
  source: 'npm', package: NPM_SANS, note: '思源黑体常规（随 npm 安装），比黑体略细',
};

export const FONT_ROLES: Record<FontRole, FontRoleSpec> = {
  fangsong: { role: 'fangsong', standardFace: '仿宋（正文 3号、版记 4号）', faces: [SUNGTI, NOTO_CJK_SERIF, NOTO_SERIF_SC] },
  kaiti: {
    role: 'kaiti', standardFace: '楷体（第二层标题、签发人姓名）',
    faces: [UKAI, LXGW_WENKAI, { ...NOTO_SERIF_SC, note: '思源宋体常规（随 npm 安装）：npm 上没有整套字库的开源楷体，此时楷体处与正文同为宋体，不再以字体区分' }],
  },
  heiti: { role: 'heiti', standardFace: '黑体（第一层标题、密级、紧急程度、附件标识）', faces: [WQY_ZENHEI, NOTO_CJK_SANS, NOTO_SANS_SC] },
  xiaobiaosong: { role: 'xiaobiaosong', standardFace: '小标宋（发文机关标志、标题）', faces: [NOTO_CJK_SERIF_BOLD, NOTO_SERIF_SC_BOLD] },
  song: { role: 'song', standardFace: '宋体（页码）', faces: [SUNGTI, NOTO_CJK_SERIF, NOTO_SERIF_SC] },
  fallback: { role: 'fallback', standardFace: '（上列字体缺少的字符）', faces: [NOTO_CJK_SERIF, NOTO_SERIF_SC] },
};

/** The Debian packages of the preferred faces (the first of each role), as CI installs them. */
export const DEBIAN_FONT_PACKAGES = [...new Set(Object.values(FONT_ROLES).map((r) => r.faces[0]!.package))].sort();
/** The npm packages that make every role render on a machine without system fonts. */
export const NPM_FONT_PACKAGES = [...new Set(Object.values(FONT_ROLES).flatMap((r) => r.faces.filter((f) => f.source === 'npm').map((f) => f.package)))].sort();
