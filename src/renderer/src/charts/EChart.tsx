import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

interface Props {
  option: EChartsCoreOption;
  testId?: string;
  /** Text for screen readers and tests; the canvas itself is opaque. */
  label: string;
}

/** One ECharts canvas that follows its box's size and is disposed with the component. */
export function EChart({ option, testId, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="echart" role="img" aria-label={label} data-testid={testId} />;
}
