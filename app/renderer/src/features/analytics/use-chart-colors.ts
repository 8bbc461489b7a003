import { useThemeColors } from '../../components/use-theme-colors';
import { CHART_COLOR_NAMES, PRINT_COLORS, type ChartColors } from './chart-options';
import { usePrintMode } from './print-mode';

/** The theme's colours on screen (light or dark), the light palette in the print layout. */
export function useChartColors(): ChartColors {
  const screen = useThemeColors(CHART_COLOR_NAMES);
  return usePrintMode() ? PRINT_COLORS : screen;
}
