// Open Definition licence ids (https://licenses.opendefinition.org), the licence vocabulary of
// Frictionless Data Packages (`licenses[].name`), which is not SPDX.
//
// No npm package publishes this list, so it is embedded here. Source: okfn/licenses
// `licenses/groups/all.json` at commit 086d0bfabce15ad0d587c7e0449c695dc0f66fcf (ids, titles and
// `legacy_ids`), plus the ids that the same repository's earlier `licenses.csv` (commit 00c3a740) used
// before renames (LO-2.0 → LO-FR-2.0). Alternative titles come from that licenses.csv as well.
// `PRE_2014_IDS` are the lowercase ids of the Open Definition/CKAN list of 2013 (`odc-pddl`…) that
// pre-1.0 Data Packages used; only those with a single, certain successor are listed.

import licenseIds from 'spdx-license-ids/index.json';
import { ownValue } from './kit';

export interface OdLicense {
  id: string;
  title: string;
  /** Older ids of the same licence, still accepted (`ODC-PDDL-1.0` for `PDDL-1.0`). */
  legacy?: string[];
  /** Other titles it has been published under. */
  altTitles?: string[];
}

// [id, title, legacy ids, alternative titles]
const DATA: [string, string, string[]?, string[]?][] = [
  ['AAL', 'Attribution Assurance Licenses'],
  ['AFL-3.0', 'Academic Free License 3.0'],
  ['AGPL-3.0', 'GNU Affero General Public License v3', ['agpl-v3']],
  ['APL-1.0', 'Adaptive Public License 1.0', ['apl1.0']],
  ['APSL-2.0', 'Apple Public Source License 2.0'],
  ['Against-DRM', 'Against DRM'],
  ['Apache-1.1', 'Apache License 1.1', [], ['Apache Software License 1.1']],
  ['Apache-2.0', 'Apache License 2.0', ['apache2.0'], ['Apache Software License 2.0']],
  ['Artistic-2.0', 'Artistic License 2.0', ['artistic-license-2.0']],
  ['BSD-2-Clause', 'BSD 2-Clause "Simplified" or "FreeBSD" License (BSD-2-Clause)'],
  ['BSD-3-Clause', 'BSD 3-Clause "New" or "Revised" License (BSD-3-Clause)'],
  ['BSL-1.0', 'Boost Software License 1.0', ['bsl1.0']],
  ['BitTorrent-1.1', 'BitTorrent Open Source License 1.1'],
  ['CATOSL-1.1', 'Computer Associates Trusted Open Source License 1.1 (CATOSL-1.1)', ['ca-tosl1.1']],
  ['CC-BY-4.0', 'Creative Commons Attribution 4.0'],
  ['CC-BY-NC-4.0', 'Creative Commons Attribution-NonCommercial 4.0'],
  ['CC-BY-NC-ND-4.0', 'Attribution-NonCommercial-NoDerivatives 4.0', [], ['Creative Commons Attribution NonCommercial No-Derivatives 4.0']],
  ['CC-BY-NC-SA-4.0', 'Attribution-NonCommercial-ShareAlike 4.0', [], ['Creative Commons Attribution NonCommercial Share-Alike 4.0']],
  ['CC-BY-ND-4.0', 'Attribution-NoDerivatives 4.0', [], ['Creative Commons Attribution No-Derivatives 4.0']],
  ['CC-BY-SA-4.0', 'Creative Commons Attribution Share-Alike 4.0'],
  ['CC0-1.0', 'CC0 1.0'],
  ['CDDL-1.0', 'Common Development and Distribution License 1.0', ['cddl1']],
  ['CECILL-2.1', 'CeCILL License 2.1'],
  ['CNRI-Python', 'CNRI Python License'],
  ['CPAL-1.0', 'Common Public Attribution License 1.0', ['cpal_1.0']],
  ['CUA-OPL-1.0', 'CUA Office Public License 1.0'],
  ['DSL', 'Design Science License'],
  ['ECL-2.0', 'Educational Community License 2.0', ['ecl2']],
  ['EFL-2.0', 'Eiffel Forum License 2.0'],
  ['EPL-1.0', 'Eclipse Public License 1.0', ['eclipse-1.0']],
  ['EPL-2.0', 'Eclipse Public License 2.0', ['eclipse-2.0']],
  ['EUDatagrid', 'EU DataGrid Software License'],
  ['EUPL-1.1', 'European Union Public License 1.1'],
  ['Entessa', 'Entessa Public License'],
  ['FAL-1.3', 'Free Art License 1.3'],
  ['Fair', 'Fair License'],
  ['Frameworx-1.0', 'Frameworx License 1.0'],
  ['GFDL-1.3-no-cover-texts-no-invariant-sections', 'GNU Free Documentation License 1.3 with no cover texts and no invariant sections'],
  ['GPL-2.0', 'GNU General Public License 2.0'],
  ['GPL-3.0', 'GNU General Public License 3.0'],
  ['HPND', 'Historical Permission Notice and Disclaimer'],
  ['IPA', 'IPA Font License'],
  ['IPL-1.0', 'IBM Public License 1.0', ['ibmpl']],
  ['ISC', 'ISC License', ['isc-license']],
  ['Intel', 'Intel Open Source License', ['intel-osl']],
  ['LGPL-2.1', 'GNU Lesser General Public License 2.1'],
  ['LGPL-3.0', 'GNU Lesser General Public License 3.0'],
  ['LO-FR-2.0', 'Open License 2.0', ['LO-2.0'], ['Licence Ouverte 2.0']],
  ['LPL-1.0', 'Lucent Public License ("Plan9") 1.0'],
  ['LPL-1.02', 'Lucent Public License 1.02'],
  ['LPPL-1.3c', 'LaTeX Project Public License 1.3c'],
  ['MIT', 'MIT License', ['mit-license']],
  ['MPL-1.0', 'Mozilla Public License 1.0'],
  ['MPL-1.1', 'Mozilla Public License 1.1', ['mozilla1.1']],
  ['MPL-2.0', 'Mozilla Public License 2.0', ['mozilla2.0']],
  ['MS-PL', 'Microsoft Public License'],
  ['MS-RL', 'Microsoft Reciprocal License'],
  ['MirOS', 'MirOS Licence'],
  ['Motosoto', 'Motosoto License'],
  ['Multics', 'Multics License'],
  ['NASA-1.3', 'NASA Open Source Agreement 1.3', ['nasa1.3']],
  ['NCSA', 'University of Illinois/NCSA Open Source License', ['uoi-ncsa']],
  ['NGPL', 'Nethack General Public License'],
  ['NPOSL-3.0', 'Non-Profit Open Software License 3.0', ['nosl3.0']],
  ['NTP', 'NTP License'],
  ['Naumen', 'Naumen Public License'],
  ['Nokia', 'Nokia Open Source License'],
  ['OCLC-2.0', 'OCLC Research Public License 2.0', ['oclc2']],
  ['ODC-BY-1.0', 'Open Data Commons Attribution License 1.0'],
  ['ODbL-1.0', 'Open Data Commons Open Database License 1.0'],
  ['OFL-1.1', 'Open Font License 1.1'],
  ['OGL-Canada-2.0', 'Open Government License 2.0 (Canada)', ['OGL-CA-2.0']],
  ['OGL-UK-1.0', 'Open Government Licence 1.0 (United Kingdom)'],
  ['OGL-UK-2.0', 'Open Government Licence 2.0 (United Kingdom)'],
  ['OGL-UK-3.0', 'Open Government Licence 3.0 (United Kingdom)'],
  ['OGTSL', 'Open Group Test Suite License'],
  ['OSL-3.0', 'Open Software License 3.0'],
  ['PDDL-1.0', 'Open Data Commons Public Domain Dedication and Licence 1.0', ['ODC-PDDL-1.0']],
  ['PHP-3.0', 'PHP License 3.0'],
  ['PostgreSQL', 'PostgreSQL License'],
  ['Python-2.0', 'Python License 2.0'],
  ['QPL-1.0', 'Q Public License 1.0'],
  ['RPL-1.5', 'Reciprocal Public License 1.5'],
  ['RPSL-1.0', 'RealNetworks Public Source License 1.0'],
  ['RSCPL', 'Ricoh Source Code Public License'],
  ['SISSL', 'Sun Industry Standards Source License 1.1', ['sun-issl']],
  ['SPL-1.0', 'Sun Public License 1.0'],
  ['SimPL-2.0', 'Simple Public License 2.0'],
  ['Sleepycat', 'Sleepycat License'],
  ['Talis', 'Talis Community License'],
  ['Unlicense', 'Unlicense'],
  ['VSL-1.0', 'Vovida Software License 1.0'],
  ['W3C', 'W3C License'],
  ['WXwindows', 'wxWindows Library License'],
  ['Watcom-1.0', 'Sybase Open Watcom Public License 1.0'],
  ['Xnet', 'X.Net License'],
  ['ZPL-2.0', 'Zope Public License 2.0'],
  ['Zlib', 'zlib/libpng license', ['zlib-license']],
  ['dli-model-use', 'Statistics Canada: Data Liberation Initiative (DLI) - Model Data Use Licence'],
  ['geogratis', 'Geogratis'],
  ['hesa-withrights', 'Higher Education Statistics Agency Copyright with data.gov.uk rights'],
  ['localauth-withrights', 'Local Authority Copyright with data.gov.uk rights'],
  ['met-office-cp', 'Met Office UK Climate Projections Licence Agreement'],
  ['mitre', 'MITRE Collaborative Virtual Workspace License (CVW License)'],
  ['notspecified', 'License Not Specified'],
  ['other-at', 'Other (Attribution)'],
  ['other-closed', 'Other (Not Open)'],
  ['other-nc', 'Other (Non-Commercial)'],
  ['other-open', 'Other (Open)'],
  ['other-pd', 'Other (Public Domain)'],
  ['ukclickusepsi', 'UK Click Use PSI'],
  ['ukcrown', 'UK Crown Copyright'],
  ['ukcrown-withrights', 'UK Crown Copyright with data.gov.uk rights'],
  ['ukpsi', 'UK PSI Public Sector Information'],
];

/** Ids of the 2013 list (used by CKAN and pre-1.0 Data Packages) with one certain successor. */
const PRE_2014_IDS: Record<string, string> = {
  'odc-pddl': 'PDDL-1.0',
  'odc-odbl': 'ODbL-1.0',
  'odc-by': 'ODC-BY-1.0',
  'cc-zero': 'CC0-1.0',
};

export const OD_LICENSES: readonly OdLicense[] = DATA.map(([id, title, legacy, altTitles]) => ({
  id,
  title,
  ...(legacy?.length ? { legacy } : {}),
  ...(altTitles?.length ? { altTitles } : {}),
}));

let byId: Map<string, OdLicense> | undefined;
let byLegacy: Map<string, OdLicense> | undefined;
let byLowerId: Map<string, OdLicense> | undefined;
let byTitle: Map<string, OdLicense> | undefined;

/** Lower case, letters and digits only, without the words that vary between spellings of a title. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b(the|licen[cs]es?|international|version)\b/g, ' ')
    .replace(/\bv(?=\d)/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

function tables() {
  if (!byId || !byLegacy || !byLowerId || !byTitle) {
    byId = new Map();
    byLegacy = new Map();
    byLowerId = new Map();
    byTitle = new Map();
    for (const l of OD_LICENSES) {
      byId.set(l.id, l);
      byLowerId.set(l.id.toLowerCase(), l);
      byTitle.set(normalise(l.id), l);
      for (const t of [l.title, ...(l.altTitles ?? [])]) {
        byTitle.set(normalise(t), l);
        const withoutCc = normalise(t.replace(/^creative commons\s+/i, ''));
        if (withoutCc && !byTitle.has(withoutCc)) byTitle.set(withoutCc, l);
      }
      for (const old of l.legacy ?? []) {
        byLegacy.set(old, l);
        if (!byLowerId.has(old.toLowerCase())) byLowerId.set(old.toLowerCase(), l);
      }
    }
  }
  return { byId, byLegacy, byLowerId, byTitle };
}

export type OdCheck =
  | { status: 'valid'; license: OdLicense }
  /** A legacy id of the list (still accepted): `ODC-PDDL-1.0`, `agpl-v3`. */
  | { status: 'legacy'; license: OdLicense }
  /** Not an id, but the certain id is known: a different case, a title, an SPDX id, a 2013 id. */
  | { status: 'mappable'; suggestion: string; license: OdLicense; reason: 'case' | 'title' | 'spdx' | 'pre-2014' }
  | { status: 'unknown'; spdx: boolean };

const spdxLower = new Map<string, string>();

function spdxId(text: string): string | undefined {
  if (spdxLower.size === 0) for (const id of licenseIds as string[]) spdxLower.set(id.toLowerCase(), id);
  return spdxLower.get(text.toLowerCase());
}

/** Check a `licenses[].name` against the Open Definition list. */
export function checkOdLicense(name: string): OdCheck {
  const t = tables();
  const text = name.trim();
  const exact = t.byId.get(text);
  if (exact) return { status: 'valid', license: exact };
  const legacy = t.byLegacy.get(text);
  if (legacy) return { status: 'legacy', license: legacy };
  const lower = t.byLowerId.get(text.toLowerCase());
  if (lower) return { status: 'mappable', suggestion: lower.id, license: lower, reason: 'case' };
  const pre = ownValue(PRE_2014_IDS, text.toLowerCase());
  if (pre) return { status: 'mappable', suggestion: pre, license: t.byId.get(pre) as OdLicense, reason: 'pre-2014' };
  const spdx = spdxId(text);
  if (spdx) {
    // SPDX 3 ids add -only / -or-later to the GNU family; the Open Definition id has neither.
    const m = /^(.*)-only$/.exec(spdx);
    const base = m ? t.byId.get(m[1]) : undefined;
    if (base) return { status: 'mappable', suggestion: base.id, license: base, reason: 'spdx' };
  }
  const titled = t.byTitle.get(normalise(text));
  if (titled) return { status: 'mappable', suggestion: titled.id, license: titled, reason: 'title' };
  return { status: 'unknown', spdx: spdx !== undefined };
}

export function odLicense(id: string): OdLicense | undefined {
  return tables().byId.get(id) ?? tables().byLegacy.get(id);
}

/** Syntax of an id in the Data Package profiles: letters, digits, `.`, `-`, `_`. */
export function hasOdIdSyntax(name: string): boolean {
  return /^[-a-zA-Z0-9._]+$/.test(name);
}
