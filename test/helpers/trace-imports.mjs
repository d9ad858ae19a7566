// Loaded with `node --import`: records every package the process resolves, to check lazy loading.
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (!specifier.startsWith('.') && !specifier.startsWith('node:') && !specifier.startsWith('file:') && !specifier.startsWith('data:')) {
    process.stderr.write('import ' + specifier + '\\n');
  }
  return next(specifier, context);
}`));
