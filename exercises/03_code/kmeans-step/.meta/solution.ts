export function kmeansStep(points: number[][], centroids: number[][]): { labels: number[]; centroids: number[][] } {
  const labels = points.map((p) => {
    let best = 0;
    let bestD = Infinity;
    centroids.forEach((c, k) => {
      const d = p.reduce((s, v, j) => s + (v - c[j]!) ** 2, 0);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    });
    return best;
  });
  const next = centroids.map((c, k) => {
    const members = points.filter((_, i) => labels[i] === k);
    if (members.length === 0) return [...c];
    return c.map((_, j) => members.reduce((s, p) => s + p[j]!, 0) / members.length);
  });
  return { labels, centroids: next };
}
