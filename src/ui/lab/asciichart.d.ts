// asciichart ships no types; this covers the one function the lab summary uses.
declare module 'asciichart' {
  interface PlotConfig {
    height?: number;
    min?: number;
    max?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    format?: (x: number, i: number) => string;
  }
  const asciichart: {
    plot(series: number[] | number[][], config?: PlotConfig): string;
    blue: string;
    red: string;
    green: string;
    lightgray: string;
    default: string;
  };
  export default asciichart;
}
