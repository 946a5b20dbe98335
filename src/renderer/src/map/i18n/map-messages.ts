/**
 * The map's own strings, zh-CN (default) and en. Kept beside the map so it can be mounted by
 * any page; the language follows <html lang>, which the app keeps in step with its own.
 */
export const mapMessages = {
  'zh-CN': {
    region: '全国储备风险态势图',
    demoBasemap: '示意底图，非标准地图',
    softwareAggregated: '软件渲染：聚合视图',
    forcedAggregated: '聚合视图',
    layers: '图层',
    legend: '图例',
    'layer.provinces': '风险分级（省）',
    'layer.depots': '库点',
    'layer.transfers': '调拨',
    'layer.alerts': '预警热力',
    'layer.civilian': '民间资产',
    riskIndex: '风险指数',
    riskBand: '风险等级',
    planCompletion: '储备计划完成率',
    fill: '充盈度',
    noPlan: '无储备计划',
    depotCount: '库点数',
    code: '编号',
    noData: '无数据',
    legendRisk: '风险指数',
    legendPlan: '库点储备计划完成率',
    legendSize: '圆点大小：库容充盈度',
    legendArcs: '调出 → 调入',
    legendHeat: '预警密度',
    layerFailed: '图层“{layer}”无法绘制，已隐藏',
    basemapFailed: '底图加载失败：{message}',
    'band.low': '低',
    'band.guarded': '关注',
    'band.elevated': '较高',
    'band.high': '高',
    'band.severe': '严重',
    'plan.critical': '严重不足',
    'plan.short': '不足',
    'plan.near': '接近计划',
    'plan.met': '达到计划',
  },
  en: {
    region: 'National reserve risk map',
    demoBasemap: 'Illustrative basemap, not a standard map',
    softwareAggregated: 'Software rendering: aggregated view',
    forcedAggregated: 'Aggregated view',
    layers: 'Layers',
    legend: 'Legend',
    'layer.provinces': 'Risk (provinces)',
    'layer.depots': 'Depots',
    'layer.transfers': 'Transfers',
    'layer.alerts': 'Alert heat',
    'layer.civilian': 'Civilian assets',
    riskIndex: 'Risk index',
    riskBand: 'Risk band',
    planCompletion: 'Share of plan held',
    fill: 'Fill',
    noPlan: 'No reserve plan',
    depotCount: 'Depots',
    code: 'Code',
    noData: 'No data',
    legendRisk: 'Risk index',
    legendPlan: 'Depot share of plan held',
    legendSize: 'Dot size: depot fill',
    legendArcs: 'From → to',
    legendHeat: 'Alert density',
    layerFailed: 'Layer "{layer}" could not be drawn and is hidden',
    basemapFailed: 'Basemap failed to load: {message}',
    'band.low': 'Low',
    'band.guarded': 'Guarded',
    'band.elevated': 'Elevated',
    'band.high': 'High',
    'band.severe': 'Severe',
    'plan.critical': 'Critical',
    'plan.short': 'Short',
    'plan.near': 'Near plan',
    'plan.met': 'Plan met',
  },
} as const;

export type MapLocale = keyof typeof mapMessages;
export type MapMessageKey = keyof (typeof mapMessages)['zh-CN'];
export type MapText = (key: MapMessageKey, params?: Record<string, string | number>) => string;

export const toMapLocale = (lang: string | null | undefined): MapLocale => (lang?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN');

export function mapText(locale: MapLocale): MapText {
  const table: Record<MapMessageKey, string> = mapMessages[locale];
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}
