// What `npm start` shows of npm's own output. Node built-ins only: this runs before anything is installed.

/**
 * Packages that declare Node 22 (`engines`) while the supported Node 20.19+ runs them (README, Node.js versions):
 * cookie@2 and content-disposition@3, pulled in by Fastify 5.12, @fastify/cookie 11.1 and @fastify/static 10.1.
 * On Node 20 npm warns about each at every install; the warning says nothing a person starting Huoma can act on.
 */
export const KNOWN_NODE22_ONLY = new Set(['cookie', 'content-disposition'])

/**
 * npm's stderr without its `EBADENGINE` warnings for the packages in `known`; a warning for any other package (a
 * new dependency that really needs a newer Node) is kept, as is everything else npm writes.
 */
export function withoutKnownEngineWarnings(stderr, known = KNOWN_NODE22_ONLY) {
  const out = []
  let block = undefined
  for (const line of stderr.split('\n')) {
    if (block === undefined && /EBADENGINE Unsupported engine \{\s*$/.test(line)) {
      block = [line]
      continue
    }
    if (block !== undefined) {
      block.push(line)
      if (/EBADENGINE \}\s*$/.test(line)) {
        const pkg = block.join('\n').match(/package: '((?:@[^/']+\/)?[^@']+)@/)?.[1]
        if (!pkg || !known.has(pkg)) out.push(...block)
        block = undefined
      }
      continue
    }
    out.push(line)
  }
  if (block !== undefined) out.push(...block)
  return out.join('\n')
}
