// Office Open XML documents (docx/xlsx/pptx and their macro-enabled forms) read as ZIP with fflate: macros
// (vbaProject.bin), relationships that reach outside the file (remote templates, external OLE objects and
// frames, hyperlinks) and DDE fields. Only relationship parts and the main document part are inflated, each
// within the entry and total limits; the archive's declared sizes bound the output buffers.
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { AnalysisLimit, AttachmentFinding, AttachmentLink } from './attachment-content.ts';
import type { AttachmentLimits } from './attachment-limits.ts';
import { limit } from './read-budget.ts';

export interface OoxmlReading {
  links: AttachmentLink[];
  findings: AttachmentFinding[];
  limits: AnalysisLimit[];
  /** Entry names (first maxZipEntries). */
  entries: string[];
}

const mainParts = /^(word\/document\.xml|xl\/workbook\.xml|ppt\/presentation\.xml)$/;
const containerName = (entries: string[]): string =>
  entries.some((e) => e.startsWith('word/')) ? 'Word document' : entries.some((e) => e.startsWith('xl/')) ? 'Excel workbook' : entries.some((e) => e.startsWith('ppt/')) ? 'PowerPoint presentation' : 'Office document';

const relationship = /<Relationship\b([^>]{0,4000})>/g;
const attr = (tag: string, name: string): string | null => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1] ?? null;
const xmlDecode = (s: string): string => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

export function readOoxml(bytes: Uint8Array, path: string[], lim: AttachmentLimits): OoxmlReading {
  const out: OoxmlReading = { links: [], findings: [], limits: [], entries: [] };
  let inflated = 0;
  let stoppedBy: AnalysisLimit | null = null;
  const files = unzipSync(bytes, {
    filter: (f: UnzipFileInfo) => {
      if (out.entries.length < lim.maxZipEntries) out.entries.push(f.name);
      else if (!stoppedBy) stoppedBy = limit('zip-entries', `listed the first ${lim.maxZipEntries} entries`, path);
      const wanted = f.name.endsWith('.rels') || mainParts.test(f.name);
      if (!wanted) return false;
      if (f.originalSize > lim.maxZipEntryBytes) {
        out.limits.push(limit('zip-inflated', `${f.name} declares ${f.originalSize} bytes, over the ${lim.maxZipEntryBytes}-byte entry limit`, path));
        return false;
      }
      if (inflated + f.originalSize > lim.maxZipInflatedBytes) {
        stoppedBy ??= limit('zip-inflated', `stopped inflating at ${inflated} bytes (limit ${lim.maxZipInflatedBytes})`, path);
        return false;
      }
      inflated += f.originalSize;
      return true;
    },
  });
  if (stoppedBy) out.limits.push(stoppedBy);
  const container = containerName(out.entries);
  const macro = out.entries.find((e) => /vbaProject\.bin$/i.test(e));
  if (macro) out.findings.push({ code: 'office-macros', detail: `the ${container} carries a VBA macro project (${macro})`, path });
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const [name, data] of Object.entries(files)) {
    const xml = decoder.decode(data);
    if (name.endsWith('.rels')) {
      for (const m of xml.matchAll(relationship)) {
        const tag = m[1]!;
        if (attr(tag, 'TargetMode') !== 'External') continue;
        const target = xmlDecode(attr(tag, 'Target') ?? '');
        const type = (attr(tag, 'Type') ?? '').replace(/^.*\//, '');
        if (!target) continue;
        if (type === 'attachedTemplate') out.findings.push({ code: 'office-remote-template', detail: `the ${container} loads its template from ${target.slice(0, 300)} when opened`, path });
        else if (type === 'oleObject' || type === 'frame' || type === 'subDocument' || type === 'externalLinkPath')
          out.findings.push({ code: 'office-external-object', detail: `the ${container} loads an external ${type} from ${target.slice(0, 300)}`, path });
        if (out.links.length < lim.maxLinks && !out.links.some((l) => l.href === target))
          out.links.push({ href: target, text: '', origin: type === 'hyperlink' ? 'office-hyperlink' : 'office-external-link', where: `${type} in ${name}`, path, container });
      }
    } else if (/\bDDE(AUTO)?\b/.test(xml) && /<w:instrText[^>]*>[^<]*\bDDE/i.test(xml)) {
      out.findings.push({ code: 'office-dde', detail: `the ${container} holds a DDE field (runs a command when fields update)`, path });
    }
  }
  return out;
}
