// The preview's URL: every filter, sort and page lives in the query string, so a reload, a link or
// the back button shows the same rows. Shared by the server page (links, forms) and the table.

export interface PreviewQuery {
  page?: number
  size?: number
  severity?: string | null
  code?: string | null
  column?: string | null
  sort?: string | null
  jump?: number | null
  view?: string | null
}

export function previewHref(base: string, query: PreviewQuery): string {
  const params = new URLSearchParams()
  if (query.severity) params.set('severity', query.severity)
  if (query.code) params.set('code', query.code)
  if (query.column) params.set('column', query.column)
  if (query.sort && query.sort !== '_row') params.set('sort', query.sort)
  if (query.page && query.page > 1) params.set('page', String(query.page))
  if (query.size && query.size !== 50) params.set('size', String(query.size))
  if (query.jump !== null && query.jump !== undefined) params.set('jump', String(query.jump))
  if (query.view && query.view !== 'both') params.set('view', query.view)
  const text = params.toString()
  return text ? `${base}?${text}` : base
}
