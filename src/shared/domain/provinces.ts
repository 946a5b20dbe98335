/** The 31 provincial-level divisions of the mainland, GB/T 2260 codes. */
export interface Province {
  adcode: string;
  nameZh: string;
  nameEn: string;
}

export const PROVINCES: readonly Province[] = [
  { adcode: '110000', nameZh: '北京市', nameEn: 'Beijing' },
  { adcode: '120000', nameZh: '天津市', nameEn: 'Tianjin' },
  { adcode: '130000', nameZh: '河北省', nameEn: 'Hebei' },
  { adcode: '140000', nameZh: '山西省', nameEn: 'Shanxi' },
  { adcode: '150000', nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia' },
  { adcode: '210000', nameZh: '辽宁省', nameEn: 'Liaoning' },
  { adcode: '220000', nameZh: '吉林省', nameEn: 'Jilin' },
  { adcode: '230000', nameZh: '黑龙江省', nameEn: 'Heilongjiang' },
  { adcode: '310000', nameZh: '上海市', nameEn: 'Shanghai' },
  { adcode: '320000', nameZh: '江苏省', nameEn: 'Jiangsu' },
  { adcode: '330000', nameZh: '浙江省', nameEn: 'Zhejiang' },
  { adcode: '340000', nameZh: '安徽省', nameEn: 'Anhui' },
  { adcode: '350000', nameZh: '福建省', nameEn: 'Fujian' },
  { adcode: '360000', nameZh: '江西省', nameEn: 'Jiangxi' },
  { adcode: '370000', nameZh: '山东省', nameEn: 'Shandong' },
  { adcode: '410000', nameZh: '河南省', nameEn: 'Henan' },
  { adcode: '420000', nameZh: '湖北省', nameEn: 'Hubei' },
  { adcode: '430000', nameZh: '湖南省', nameEn: 'Hunan' },
  { adcode: '440000', nameZh: '广东省', nameEn: 'Guangdong' },
  { adcode: '450000', nameZh: '广西壮族自治区', nameEn: 'Guangxi' },
  { adcode: '460000', nameZh: '海南省', nameEn: 'Hainan' },
  { adcode: '500000', nameZh: '重庆市', nameEn: 'Chongqing' },
  { adcode: '510000', nameZh: '四川省', nameEn: 'Sichuan' },
  { adcode: '520000', nameZh: '贵州省', nameEn: 'Guizhou' },
  { adcode: '530000', nameZh: '云南省', nameEn: 'Yunnan' },
  { adcode: '540000', nameZh: '西藏自治区', nameEn: 'Tibet' },
  { adcode: '610000', nameZh: '陕西省', nameEn: 'Shaanxi' },
  { adcode: '620000', nameZh: '甘肃省', nameEn: 'Gansu' },
  { adcode: '630000', nameZh: '青海省', nameEn: 'Qinghai' },
  { adcode: '640000', nameZh: '宁夏回族自治区', nameEn: 'Ningxia' },
  { adcode: '650000', nameZh: '新疆维吾尔自治区', nameEn: 'Xinjiang' },
];

/** The national hub's own log carries reference data (categories) shared by all regions. */
export const NATIONAL_REGION: Province = { adcode: '000000', nameZh: '全国', nameEn: 'National' };

/** Province adcode of any GB/T 2260 code (first two digits + 0000). */
export function provinceOf(adcode: string): string {
  return `${adcode.slice(0, 2)}0000`;
}

const AUTONOMOUS_SHORT: Readonly<Record<string, string>> = {
  内蒙古自治区: '内蒙古',
  广西壮族自治区: '广西',
  西藏自治区: '西藏',
  宁夏回族自治区: '宁夏',
  新疆维吾尔自治区: '新疆',
};

/** The name a map or a narrow table uses (湖南, 广西): the full name stays for headings and tooltips. */
export function shortProvinceName(nameZh: string): string {
  return AUTONOMOUS_SHORT[nameZh] ?? nameZh.replace(/(省|市|特别行政区)$/, '');
}
