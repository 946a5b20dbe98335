import type { CategoryClass } from '../../shared/domain/events';
import type { Rng } from './prng';

/** Province names without 省/市/自治区 suffixes, as used in depot names. */
export function provinceShortName(nameZh: string): string {
  const special: Record<string, string> = {
    内蒙古自治区: '内蒙古',
    广西壮族自治区: '广西',
    西藏自治区: '西藏',
    宁夏回族自治区: '宁夏',
    新疆维吾尔自治区: '新疆',
  };
  return special[nameZh] ?? nameZh.replace(/[省市]$/, '');
}

/** English names of the cities that have a well-known one; others fall back to codes. */
const CITY_EN: Readonly<Record<string, string>> = {
  '110000': 'Beijing', '120000': 'Tianjin', '310000': 'Shanghai', '500000': 'Chongqing',
  '130100': 'Shijiazhuang', '130200': 'Tangshan', '130600': 'Baoding', '140100': 'Taiyuan',
  '140200': 'Datong', '150100': 'Hohhot', '150200': 'Baotou', '210100': 'Shenyang',
  '210200': 'Dalian', '220100': 'Changchun', '220200': 'Jilin', '230100': 'Harbin',
  '230600': 'Daqing', '320100': 'Nanjing', '320200': 'Wuxi', '320500': 'Suzhou',
  '320300': 'Xuzhou', '330100': 'Hangzhou', '330200': 'Ningbo', '330300': 'Wenzhou',
  '340100': 'Hefei', '340200': 'Wuhu', '350100': 'Fuzhou', '350200': 'Xiamen',
  '350500': 'Quanzhou', '360100': 'Nanchang', '360700': 'Ganzhou', '370100': 'Jinan',
  '370200': 'Qingdao', '370600': 'Yantai', '370700': 'Weifang', '410100': 'Zhengzhou',
  '410300': 'Luoyang', '420100': 'Wuhan', '420500': 'Yichang', '420600': 'Xiangyang',
  '430100': 'Changsha', '430600': 'Yueyang', '440100': 'Guangzhou', '440300': 'Shenzhen',
  '440600': 'Foshan', '441900': 'Dongguan', '440800': 'Zhanjiang', '450100': 'Nanning',
  '450300': 'Guilin', '460100': 'Haikou', '460200': 'Sanya', '510100': 'Chengdu',
  '510700': 'Mianyang', '520100': 'Guiyang', '520300': 'Zunyi', '530100': 'Kunming',
  '532900': 'Dali', '540100': 'Lhasa', '540200': 'Shigatse', '610100': "Xi'an",
  '610800': 'Yulin', '620100': 'Lanzhou', '630100': 'Xining', '640100': 'Yinchuan',
  '650100': 'Urumqi', '653100': 'Kashgar', '654000': 'Ili',
};

export function depotNames(
  code: string,
  number: number,
  city: { adcode: string; nameZh: string },
  province: { nameZh: string; nameEn: string },
): { nameZh: string; nameEn: string } {
  const short = provinceShortName(province.nameZh);
  const place = short === city.nameZh ? short : `${short}${city.nameZh}`;
  const cityEn = CITY_EN[city.adcode];
  return {
    nameZh: `${place}第${number}储备库`,
    nameEn: cityEn ? `${cityEn} Reserve Depot ${number}` : `${province.nameEn} Reserve Depot ${code}`,
  };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏玉兰志红斌海波宁凯林峰东晨雪琳婷飞鑫宇浩然子涵博睿思源'];

/** A plausible Chinese personal name for certificate subjects. */
export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

const GRAIN_REGIONS = ['黑龙江', '吉林', '内蒙古', '河南', '山东', '河北', '江苏', '安徽', '湖南', '湖北', '江西', '四川'];

/** Origin text of a lot: producing area or supplier, and year. */
export function lotOrigin(rng: Rng, cls: CategoryClass, provinceShort: string, productionYear: number): string {
  switch (cls) {
    case 'grain':
      return `${rng.chance(0.5) ? provinceShort : rng.pick(GRAIN_REGIONS)}产区 ${productionYear}年产`;
    case 'oil':
      return rng.chance(0.3) ? `进口原料 ${provinceShort}压榨` : `${rng.pick(GRAIN_REGIONS)}定点加工企业`;
    case 'energy':
      return rng.chance(0.6) ? `${provinceShort}炼厂直供` : '跨省调入';
    default:
      return `${rng.chance(0.6) ? provinceShort : rng.pick(GRAIN_REGIONS)}定点生产企业 ${productionYear}年`;
  }
}

const INCIDENTS = ['防汛救灾', '抗旱保供', '地震应急', '台风防御', '低温雨雪冰冻', '森林火灾处置', '地质灾害处置'];
const SITES = ['受灾群众集中安置点', '应急管理局', '抢险救援指挥部', '防汛抗旱指挥部', '乡镇人民政府'];

/** Recipient of an emergency issue. */
export function reliefRecipient(rng: Rng, placeZh: string): string {
  return `${placeZh}${rng.pick(SITES)}（${rng.pick(INCIDENTS)}）`;
}

export function rotationRecipient(rng: Rng, cls: CategoryClass): string {
  if (cls === 'grain' || cls === 'oil') return rng.chance(0.7) ? '轮换出库（竞价销售）' : '轮换出库（定向销售）';
  if (cls === 'energy') return '轮换出库（炼厂置换）';
  return '轮换出库（调剂使用）';
}

/** Recipient of a day-to-day release. */
export function routineRecipient(rng: Rng, cls: CategoryClass, placeZh: string): string {
  if (cls === 'grain' || cls === 'oil') return rng.chance(0.6) ? `${placeZh}政策性投放（市场保供）` : `${placeZh}军粮供应站`;
  if (cls === 'energy') return rng.chance(0.5) ? `${placeZh}应急保供加油站` : `${placeZh}抢险救援车辆保障`;
  return rng.chance(0.5) ? `${placeZh}应急管理局（日常调拨）` : `${placeZh}综合性消防救援支队（训练演练）`;
}
