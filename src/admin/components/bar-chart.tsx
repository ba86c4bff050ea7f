import React from 'react';
import { Box, Text } from '@adminjs/design-system';

export interface ChartBar {
  label: string;
  value: number;
  text: string;
  previous?: number;
  color?: string;
}

/**
 * Horizontal bars drawn as SVG — the dashboard's twin of the PDF charts (src/modules/report/documents/charts.ts):
 * this period in blue, the previous one as a thin grey bar under it.
 */
const BarChart: React.FC<{ title: string; bars: ChartBar[]; empty: string; centred?: boolean }> = ({
  title,
  bars,
  empty,
  centred,
}) => {
  const top = Math.max(1, ...bars.map((bar) => Math.max(bar.value, bar.previous ?? 0)));
  const width = 300;
  return (
    <Box mb="xl">
      <Text fontWeight="bold" mb="default">
        {title}
      </Text>
      {bars.length === 0 && <Text color="grey60">{empty}</Text>}
      {bars.map((bar) => {
        const barWidth = Math.max(2, (bar.value / top) * width);
        const previousWidth = bar.previous === undefined ? 0 : Math.max(1, (bar.previous / top) * width);
        return (
          <Box key={bar.label} flex flexDirection="row" alignItems="center" mb="sm">
            <Box width="260px" pr="default">
              <Text fontSize="sm">{bar.label}</Text>
            </Box>
            <svg width={width} height={16} role="img" aria-label={`${bar.label}: ${bar.text}`}>
              <rect
                x={centred ? (width - barWidth) / 2 : 0}
                y={0}
                width={barWidth}
                height={10}
                fill={bar.color ?? '#2f6fb0'}
              />
              {previousWidth > 0 && <rect x={0} y={12} width={previousWidth} height={3} fill="#b9c3cf" />}
            </svg>
            <Box pl="default">
              <Text fontSize="sm">{bar.text}</Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
};

export default BarChart;
