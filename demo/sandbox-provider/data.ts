/**
 * What the sandbox's REST API serves: per user, generated from the user alone, so it is the same
 * on every start and different for each user (a test can tell which account a token belongs to
 * from any list). Each provider instance gets fresh copies, so writes never leak between tests.
 */
import { SANDBOX_USERS, type SandboxUser } from './users.js';

export interface Contact {
  id: string;
  name: string;
  email: string;
}
export interface NamedItem {
  id: string;
  name: string;
}
export interface Site {
  id: string;
  name: string;
  url: string;
}
export interface Field {
  id: string;
  label: string;
  type: 'string' | 'email' | 'number' | 'date' | 'enum';
}
export interface FileItem {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  modifiedTime: string;
  isFolder: boolean;
  /** The parent folder's id, `root` for the top level. */
  parentId: string;
}

export interface UserData {
  contacts: Contact[];
  pipelines: NamedItem[];
  channels: NamedItem[];
  sites: Site[];
  fields: Record<'contact' | 'deal', Field[]>;
  files: FileItem[];
}

const FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Femi', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Mei', 'Noor', 'Omar'];
/** Four last names per user: the users' contact names never overlap. */
const LAST_NAMES = ['Abbott', 'Alvarez', 'Arnold', 'Austin', 'Baker', 'Barros', 'Becker', 'Brooks', 'Castro', 'Cole', 'Cruz', 'Curtis'];
const CHANNEL_TOPICS = ['general', 'random', 'sales', 'support', 'marketing', 'engineering', 'design', 'finance', 'hiring', 'announcements'];
const FOLDER_MIME = 'application/vnd.sandbox.folder';
const PHOTOS_IN_FOLDER = 160;

const pad = (n: number, width = 3) => String(n).padStart(width, '0');
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function contactsOf(user: SandboxUser, index: number): Contact[] {
  const domain = `${slug(user.workspace)}.example`;
  return Array.from({ length: 60 }, (_, i) => {
    const [first, last] = [FIRST_NAMES[i % 15]!, LAST_NAMES[4 * index + Math.floor(i / 15)]!];
    return { id: `ct_${user.login}_${pad(i + 1)}`, name: `${first} ${last}`, email: `${first}.${last}@${domain}`.toLowerCase() };
  });
}

function filesOf(user: SandboxUser): FileItem[] {
  const files: FileItem[] = [];
  const add = (name: string, parentId: string, mimeType: string): string => {
    const n = files.length + 1;
    const id = `fi_${user.login}_${pad(n, 4)}`;
    const isFolder = mimeType === FOLDER_MIME;
    const modifiedTime = new Date(Date.UTC(2025, 0, 1) + n * 7 * 3_600_000).toISOString();
    files.push({ id, name, mimeType, size: isFolder ? 0 : ((n * 7919) % 4_000_000) + 1_024, modifiedTime, isFolder, parentId });
    return id;
  };
  const documents = add('Documents', 'root', FOLDER_MIME);
  const photos = add('Photos', 'root', FOLDER_MIME);
  const reports = add('Reports', 'root', FOLDER_MIME);
  add(`Welcome to ${user.workspace}.txt`, 'root', 'text/plain');
  add('Budget.xlsx', 'root', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  add('Proposal.docx', documents, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  add('Contract.pdf', documents, 'application/pdf');
  add('Notes.txt', documents, 'text/plain');
  // A name a hostile provider could give: the picker must show it as text (security: names render as text only).
  add('<img src=x onerror="document.title=\'pwned\'">.txt', documents, 'text/plain');
  const archive = add('Archive', documents, FOLDER_MIME);
  add('Contract 2023.pdf', archive, 'application/pdf');
  for (const quarter of ['Q1', 'Q2', 'Q3', 'Q4']) add(`${user.workspace} ${quarter} report.pdf`, reports, 'application/pdf');
  for (let i = 1; i <= PHOTOS_IN_FOLDER; i++) add(`Photo ${pad(i)}.jpg`, photos, 'image/jpeg');
  return files;
}

function dataOf(user: SandboxUser, index: number): UserData {
  const sites = ['Production', 'Staging', 'Sandbox'].slice(0, index === 0 ? 3 : 2);
  return {
    contacts: contactsOf(user, index),
    pipelines: ['New business', 'Renewals', 'Partnerships', 'Enterprise', 'Self-serve'].map((name, i) => ({
      id: `pl_${user.login}_${i + 1}`,
      name: `${user.workspace}: ${name}`,
    })),
    channels: ['', '-eu', '-us'].flatMap((region, r) =>
      CHANNEL_TOPICS.map((topic, t) => ({ id: `ch_${user.login}_${pad(r * 10 + t + 1)}`, name: `${slug(user.workspace)}-${topic}${region}` })),
    ),
    sites: sites.map((name) => ({
      id: `site_${user.login}_${slug(name)}`,
      name: `${user.workspace} ${name}`,
      url: `https://${slug(name)}.${slug(user.workspace)}.example`,
    })),
    fields: {
      contact: [
        { id: 'email', label: 'Email', type: 'email' },
        { id: 'first_name', label: 'First name', type: 'string' },
        { id: 'last_name', label: 'Last name', type: 'string' },
        { id: 'phone', label: 'Phone', type: 'string' },
        { id: 'lifecycle_stage', label: 'Lifecycle stage', type: 'enum' },
        { id: `custom_${user.login}_tier`, label: `${user.workspace} tier`, type: 'enum' },
      ],
      deal: [
        { id: 'name', label: 'Deal name', type: 'string' },
        { id: 'amount', label: 'Amount', type: 'number' },
        { id: 'stage', label: 'Stage', type: 'enum' },
        { id: 'close_date', label: 'Close date', type: 'date' },
        { id: `custom_${user.login}_region`, label: `${user.workspace} region`, type: 'enum' },
      ],
    },
    files: filesOf(user),
  };
}

/** Fresh data for every test user, keyed by account id. */
export function createSandboxData(): Map<string, UserData> {
  return new Map(SANDBOX_USERS.map((user, index) => [user.id, dataOf(user, index)]));
}
