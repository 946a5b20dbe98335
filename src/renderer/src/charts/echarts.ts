// ECharts 6 under the npm alias "echarts-charts" (the "echarts" name holds 4.9.0 for the geodata
// script). Only what the walls draw is registered, so the bundle carries nothing else.
import { BarChart, LineChart } from 'echarts-charts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts-charts/components';
import * as echarts from 'echarts-charts/core';
import { CanvasRenderer } from 'echarts-charts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts-charts/core';
