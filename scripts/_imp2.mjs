if (process.argv[2] === 'nofetch') globalThis.fetch = undefined;
const t0 = performance.now();
const { default: Yoga } = await import('yoga-layout');
const t1 = performance.now();
Yoga.Node.create();
console.log(`${process.argv[2]} yoga ${(t1-t0).toFixed(1)}`);
