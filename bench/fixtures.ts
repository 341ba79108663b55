// Deterministic fake people and groups for the seed: a seeded PRNG, names (some with accents), addresses.

/** mulberry32: small, fast, good enough to spread fake data; the same seed gives the same database. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

export const FIRST_NAMES = [
  'Alice', 'Amara', 'Ana', 'Arjun', 'Aylin', 'Ben', 'Björn', 'Camille', 'Carlos', 'Chen', 'Chloé', 'Daniel', 'Dmitri',
  'Élodie', 'Emily', 'Émile', 'Fatima', 'François', 'Grace', 'Hannah', 'Hiroshi', 'Ines', 'Ivan', 'Jakub', 'James',
  'José', 'Julia', 'Kai', 'Karin', 'Kwame', 'Lars', 'Laura', 'Léa', 'Liam', 'Lucía', 'Łukasz', 'Maria', 'Mateo',
  'Mei', 'Mohammed', 'Nadia', 'Noah', 'Nora', 'Olivia', 'Omar', 'Paul', 'Priya', 'Rafael', 'Ravi', 'Renée', 'Sara',
  'Siobhán', 'Søren', 'Sofia', 'Tariq', 'Thomas', 'Yuki', 'Zoë', 'Zeynep', 'Zhang',
] as const;

export const LAST_NAMES = [
  'Adeyemi', 'Andersson', 'Bauer', 'Bernard', 'Brown', 'Chen', 'Costa', 'Dubois', 'Dupont', 'Eriksen', 'Fernández',
  'Fischer', 'Garcia', 'Gómez', 'Gupta', 'Hansen', 'Haddad', 'Ito', 'Ivanova', 'Jensen', 'Johnson', 'Kaur', 'Kim',
  'Kowalski', 'Kumar', 'Lambert', 'Larsen', 'Lefèvre', 'Li', 'Lopez', 'Martin', 'Martínez', 'Meyer', 'Moreau',
  'Müller', 'Nakamura', 'Nguyen', 'Novak', "O'Brien", 'Okafor', 'Olsen', 'Park', 'Patel', 'Petit', 'Popescu', 'Rossi',
  'Roux', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Silva', 'Singh', 'Smith', 'Sørensen', 'Suzuki', 'Tanaka',
  'Thompson', 'Traoré', 'Wagner', 'Walsh', 'Wang', 'Weber', 'Williams', 'Wilson', 'Yamamoto', 'Yılmaz', 'Zhang',
] as const;

export const DOMAINS = ['northwind.example', 'contoso.example', 'fabrikam.example', 'globex.example', 'initech.example'] as const;

/** An address part from a name: accents dropped, letters only, lower case. */
export function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/ı/g, 'i')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

export interface FakePerson {
  displayName: string;
  /** As typed: some addresses have capitals, so the folded key differs from the address. */
  email: string;
}

/** The n-th person: unique address (the number makes it so), a plausible name. */
export function person(rand: () => number, n: number, tag = ''): FakePerson {
  const first = pick(rand, FIRST_NAMES);
  const last = pick(rand, LAST_NAMES);
  const local = `${ascii(first)}.${ascii(last)}${tag}${n}`;
  const domain = pick(rand, DOMAINS);
  const capitalised = rand() < 0.1;
  const email = capitalised ? `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}` : `${local}@${domain}`;
  return { displayName: `${first} ${last}`, email };
}

const TEAMS = [
  'analytics', 'data-science', 'data-eng', 'finance', 'marketing', 'sales', 'ops', 'risk', 'hr', 'supply-chain',
  'product', 'research', 'platform', 'security', 'support', 'legal', 'growth', 'pricing', 'forecasting', 'ml-ops',
] as const;
const REGIONS = ['emea', 'amer', 'apac', 'latam', 'global', 'fr', 'de', 'uk', 'us', 'jp'] as const;
const SUFFIXES = ['readers', 'builders', 'admins', 'leads', 'contractors', 'interns', 'analysts', 'reviewers'] as const;

/** Group names that satisfy GROUP_NAME_RULE, unique by their lower-cased key. */
export function groupName(rand: () => number, n: number): string {
  return `${pick(rand, TEAMS)}-${pick(rand, REGIONS)}-${pick(rand, SUFFIXES)}-${n}`;
}
