// dev helper (not a test): crop a region of a screenshot → /tmp/crop.png
import { chromium } from '@playwright/test'
import { readFileSync } from 'node:fs'
const [file, x, y, w, h, out = '/tmp/crop.png'] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } })
const b64 = readFileSync(file).toString('base64')
await page.setContent(`<body style="margin:0"><img style="position:absolute;left:-${x}px;top:-${y}px" src="data:image/png;base64,${b64}"></body>`)
await page.screenshot({ path: out })
await browser.close()
