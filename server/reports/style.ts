// The report's stylesheet, inlined into the HTML: no external CSS, fonts or images, so the file reads the same
// opened from a mail attachment, a download, or printed to PDF. Sized for a content width of about 680 px,
// which is what A4 and US Letter leave at 14 mm margins (182 and 188 mm at 96 dpi): the same layout fits both.
import { CHART_COLORS } from './chart.ts';

export const STATUS_COLORS = {
  degraded: { fg: '#fff', bg: '#c62828' },
  recovering: { fg: '#3d2a00', bg: '#f6c344' },
  recovered: { fg: '#fff', bg: '#2e7d32' },
  unaffected: { fg: '#1f3b1f', bg: '#cfe8cf' },
  insufficient_data: { fg: '#333', bg: '#e0e0e0' },
} as const;

const statusRules = Object.entries(STATUS_COLORS)
  .map(([status, c]) => `.status-${status}{color:${c.fg};background:${c.bg}}`)
  .join('\n');

export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;padding:24px;font:13px/1.45 "Liberation Sans","DejaVu Sans",Arial,Helvetica,sans-serif;color:#1d2733;background:#fff}
main{max-width:720px;margin:0 auto}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:17px;margin:0 0 4px;break-after:avoid}
h3{font-size:13px;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:#4a5561;break-after:avoid}
p{margin:4px 0}
.muted{color:#5d6975}
.small{font-size:11px}
header{border-bottom:2px solid #1d2733;padding-bottom:8px;margin-bottom:14px}
.summary{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0 0}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:11px;font-weight:bold;white-space:nowrap;vertical-align:middle}
${statusRules}
.demo{color:#6b4e00;background:#fff4cc}
section.watch{background:#f7f9fc;border:1px solid #dde3ea;border-radius:6px;padding:10px 14px;margin:0 0 18px;break-inside:avoid}
section.watch h2{font-size:15px}
section.watch ul{margin:4px 0 0;padding-left:18px}
section.incident{border-top:1px solid #c9d1da;padding-top:14px;margin-top:18px}
section.incident:first-of-type{border-top:0;margin-top:0;padding-top:0}
.headline{font-size:15px;font-weight:bold;margin:6px 0}
.meta{color:#4a5561;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:11.5px}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #e3e8ee;vertical-align:top}
th{background:#f1f4f8;font-weight:bold;color:#35414d;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td .sub{display:block;color:#6b7682;font-size:10px}
ol.checklist{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:1fr 1fr;gap:2px 18px;font-size:12px}
ol.checklist li{break-inside:avoid}
ol.checklist .mark{display:inline-block;width:16px;font-weight:bold}
ol.checklist li.done .mark{color:#2e7d32}
ol.checklist li.todo{color:#7a8590}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:10px 16px}
figure{margin:0;break-inside:avoid;page-break-inside:avoid}
figure svg{width:100%;height:auto;display:block}
figcaption{font-size:11px;color:#35414d;margin-top:2px}
.legend{font-size:10.5px;color:#4a5561;margin:6px 0 0}
.legend i{display:inline-block;width:12px;height:8px;margin:0 3px 0 8px;vertical-align:middle}
.legend i.dot{width:7px;height:7px;border-radius:50%}
footer{margin-top:22px;border-top:1px solid #c9d1da;padding-top:8px;font-size:10.5px;color:#5d6975}
.legend .band{background:${CHART_COLORS.band}}
.legend .week{background:${CHART_COLORS.week};border:1px solid #d5def0}
.legend .line{background:${CHART_COLORS.line};height:2px}
.legend .base{border-top:2px dashed ${CHART_COLORS.baseline};height:0}
.legend .dip{background:${CHART_COLORS.dip}}
.legend .severe{background:${CHART_COLORS.severe}}
@media print{
  body{padding:0}
  main{max-width:none}
  section.incident{break-before:auto}
}
`;
