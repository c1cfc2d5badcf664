import { createOcr } from '@nota/domain';
import type { Customer } from '@nota/protocol';

// Deterministic, realistic Swedish customers for demos, tests and benchmarks. Organisation numbers
// carry a valid Luhn check digit, so they pass the same validation as real ones.

const SURNAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson',
  'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson',
  'Magnusson', 'Olofsson', 'Lindström', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg',
  'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg',
  'Sjöberg', 'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson',
  'Holm', 'Wikström', 'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson',
  'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson', 'Nordström', 'Mårtensson', 'Lundström', 'Viklund',
  'Björklund', 'Eliasson', 'Pålsson', 'Berggren', 'Sandström', 'Lund', 'Nordin', 'Ström', 'Åberg', 'Hermansson',
  'Ekström', 'Holmgren', 'Sundberg', 'Hedlund', 'Dahlberg', 'Hellström', 'Sjögren', 'Abrahamsson', 'Falk',
  'Martinsson', 'Öberg', 'Andreasson', 'Månsson', 'Strömberg', 'Åkesson', 'Hansen', 'Jonasson', 'Norberg',
  'Östergren', 'Åström', 'Ågren', 'Öhman', 'Zetterström', 'Cederlöf',
];
const TRADES = [
  'Bygg', 'Måleri', 'El', 'VVS', 'Trädgård', 'Fastigheter', 'Konsult', 'Transport', 'Städ', 'Café', 'Bageri',
  'Blommor', 'Redovisning', 'Snickeri', 'Plåt', 'Tak', 'Golv', 'Data', 'Foto', 'Musik', 'Hälsa', 'Fisk',
];
const FORMS = ['AB', 'AB', 'AB', 'HB', 'KB', 'Ekonomisk förening'];
const MUNICIPALITIES = [
  'Malmö', 'Göteborg', 'Stockholm', 'Uppsala', 'Linköping', 'Örebro', 'Västerås', 'Helsingborg', 'Norrköping',
  'Jönköping', 'Umeå', 'Lund', 'Borås', 'Gävle', 'Södertälje', 'Eskilstuna', 'Halmstad', 'Växjö', 'Karlstad',
  'Sundsvall', 'Östersund', 'Trollhättan', 'Luleå', 'Skellefteå', 'Kristianstad', 'Ängelholm', 'Åre',
];
const UNITS = [
  'Kultur- och fritidsförvaltningen', 'Skolförvaltningen', 'Socialförvaltningen', 'Stadsbiblioteket',
  'Fritidsgården', 'Idrottsförvaltningen', 'Miljöförvaltningen', 'Stadsbyggnadskontoret', 'Äldreomsorgen',
];
const STREETS = ['Storgatan', 'Kungsgatan', 'Drottninggatan', 'Vasagatan', 'Skolgatan', 'Järnvägsgatan', 'Åsgatan', 'Östra Långgatan', 'Kyrkogatan', 'Sjövägen'];

/** mulberry32: tiny, fast, deterministic; good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A valid Swedish organisation number: group digit, third digit ≥ 2, Luhn check digit. */
export function organisationNumber(random: () => number, group = 5): string {
  let base = String(group);
  base += String(Math.floor(random() * 10));
  base += String(2 + Math.floor(random() * 8));
  while (base.length < 9) base += String(Math.floor(random() * 10));
  const full = createOcr(base); // Luhn over the nine digits is exactly the organisationsnummer check digit
  return `${full.slice(0, 6)}-${full.slice(6)}`;
}

export interface GeneratedCustomerOptions {
  seed?: number;
  firstNumber?: number;
  /** Share of customers inactive or not invoiceable, so search filters have something to filter. */
  inactiveShare?: number;
  now?: string;
}

export function* generateCustomers(count: number, options: GeneratedCustomerOptions = {}): Generator<Customer> {
  const random = seededRandom(options.seed ?? 1);
  const firstNumber = options.firstNumber ?? 10_001;
  const inactiveShare = options.inactiveShare ?? 0.05;
  const now = options.now ?? '2026-01-01T00:00:00.000Z';
  for (let i = 0; i < count; i++) {
    const municipal = random() < 0.1;
    const city = pick(random, MUNICIPALITIES);
    const name = municipal
      ? `${pick(random, UNITS)} ${city}`
      : `${pick(random, SURNAMES)}s ${pick(random, TRADES)} ${pick(random, FORMS)}`;
    const id = uuidFrom(random);
    const postal = 10_000 + Math.floor(random() * 89_999);
    yield {
      id,
      customerNumber: firstNumber + i,
      active: random() >= inactiveShare,
      internal: municipal,
      externalId: municipal ? String(100_000 + i) : null,
      name,
      orgNumber: organisationNumber(random, municipal ? 2 : 5),
      country: 'SE',
      street: `${pick(random, STREETS)} ${1 + Math.floor(random() * 80)}`,
      postalCode: `${String(postal).slice(0, 3)} ${String(postal).slice(3)}`,
      city,
      billingCountry: 'SE',
      email: `faktura${i}@example.se`,
      phone: null,
      invoicingEnabled: random() >= inactiveShare,
      purchaseInstruction: random() < 0.2 ? 'Köparen ska uppge fullständigt namn och avdelning.' : null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
