/** Chart colours and type sizes of the control-room theme (styles/theme.css), readable at 5 m. */
export const CHART_THEME = {
  text: '#eef3fb',
  textDim: '#9fb0c8',
  grid: '#22324d',
  stock: '#38bdf8',
  floor: '#f87171',
  days: '#fbbf24',
  fontSize: 18,
  fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif",
} as const;
