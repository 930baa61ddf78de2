/**
 * Name frequency tables and a small deterministic random toolkit for synthetic Finnish populations.
 *
 * The weights are approximate relative frequencies (roughly "living holders of the name" as in DVV's name
 * statistics, rounded): good enough for realistic-looking data and realistic index selectivity, not a statistical
 * source. Every person generated from these tables is fictional.
 *
 * @module
 */

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; the same seed always yields the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seeded random source with the few helpers the generators need. */
export class Random {
  readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
  /** Approximately normal (sum of three uniforms), mean 0, standard deviation 1. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2
  }
}

/** `[value, relative weight]` pairs. */
export type Weighted<T> = readonly (readonly [T, number])[]

/** Weighted choice by binary search over cumulative weights: O(log n) per draw. */
export class WeightedTable<T> {
  readonly values: readonly T[]
  private readonly cumulative: Float64Array
  readonly total: number

  constructor(entries: Weighted<T>) {
    if (entries.length === 0) throw new RangeError('WeightedTable needs at least one entry')
    this.values = entries.map(([v]) => v)
    this.cumulative = new Float64Array(entries.length)
    let sum = 0
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new RangeError(`Negative or invalid weight ${w}`)
      sum += w
      this.cumulative[i] = sum
    })
    if (sum <= 0) throw new RangeError('WeightedTable needs a positive total weight')
    this.total = sum
  }

  pick(random: Random): T {
    const x = random.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return this.values[lo] as T
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Surnames
// ---------------------------------------------------------------------------------------------------------------

/** The ~150 most common surnames in Finland with approximate numbers of holders (incl. common Swedish ones). */
export const FINNISH_SURNAMES: Weighted<string> = [
  ['Korhonen', 22700], ['Virtanen', 22400], ['Mäkinen', 20800], ['Nieminen', 20400], ['Mäkelä', 19200],
  ['Hämäläinen', 18600], ['Laine', 17900], ['Heikkinen', 17200], ['Koskinen', 17000], ['Järvinen', 16400],
  ['Lehtonen', 16200], ['Lehtinen', 15700], ['Saarinen', 15000], ['Salminen', 14500], ['Heinonen', 14300],
  ['Niemi', 14100], ['Heikkilä', 13700], ['Kinnunen', 13300], ['Salonen', 13200], ['Turunen', 13000],
  ['Salo', 12900], ['Laitinen', 12600], ['Tuominen', 12500], ['Rantanen', 12300], ['Karjalainen', 12200],
  ['Jokinen', 12000], ['Mattila', 11800], ['Savolainen', 11600], ['Lahtinen', 11500], ['Ahonen', 11300],
  ['Ojala', 10900], ['Leppänen', 10700], ['Kallio', 10600], ['Hiltunen', 10500], ['Väisänen', 10400],
  ['Leinonen', 10300], ['Miettinen', 10200], ['Pitkänen', 10000], ['Aaltonen', 9900], ['Manninen', 9800],
  ['Hirvonen', 9700], ['Anttila', 9600], ['Laaksonen', 9500], ['Mustonen', 9400], ['Hyvönen', 9300],
  ['Tuomi', 9100], ['Räsänen', 9000], ['Hakala', 8900], ['Toivonen', 8800], ['Peltonen', 8700],
  ['Koponen', 8600], ['Rissanen', 8500], ['Seppälä', 8400], ['Kemppainen', 8300], ['Nurmi', 8200],
  ['Honkanen', 8100], ['Jääskeläinen', 8000], ['Huttunen', 7900], ['Karppinen', 7800], ['Heiskanen', 7700],
  ['Kettunen', 7600], ['Salmi', 7500], ['Koivisto', 7400], ['Ikonen', 7300], ['Harju', 7200],
  ['Johansson', 7200], ['Lindholm', 6200], ['Ketola', 7100], ['Lehto', 7000], ['Koivula', 6900],
  ['Lampinen', 6800], ['Hakkarainen', 6700], ['Kärkkäinen', 6600], ['Suominen', 6500], ['Väänänen', 6400],
  ['Kauppinen', 6300], ['Partanen', 6200], ['Laakso', 6100], ['Ollikainen', 6000], ['Kokkonen', 5900],
  ['Moilanen', 5900], ['Pesonen', 5800], ['Peltola', 5800], ['Määttä', 5700], ['Niskanen', 5700],
  ['Vainio', 5600], ['Mikkola', 5600], ['Lappalainen', 5500], ['Eskelinen', 5500], ['Oksanen', 5400],
  ['Lindqvist', 5400], ['Nyman', 5300], ['Hannula', 5300], ['Jokela', 5200], ['Kivelä', 5200],
  ['Nurminen', 5100], ['Koivunen', 5100], ['Hyvärinen', 5000], ['Tikkanen', 5000], ['Rautio', 4900],
  ['Aalto', 4900], ['Markkanen', 4800], ['Hietala', 4800], ['Vesterinen', 4700], ['Ruotsalainen', 4700],
  ['Lindroos', 4600], ['Huhtala', 4600], ['Pulkkinen', 4500], ['Rantala', 4500], ['Hänninen', 4400],
  ['Kivinen', 4400], ['Lindberg', 4300], ['Tolonen', 4300], ['Heino', 4200], ['Sirviö', 4200],
  ['Mäki', 4100], ['Nykänen', 4100], ['Riikonen', 4000], ['Räty', 4000], ['Vartiainen', 3900],
  ['Pelkonen', 3900], ['Myllymäki', 3800], ['Backman', 3800], ['Seppänen', 3800], ['Kosonen', 3700],
  ['Hokkanen', 3700], ['Pirinen', 3600], ['Parviainen', 3600], ['Kuusisto', 3500],
  ['Valtonen', 3500], ['Mäkipää', 1500], ['Lönnqvist', 1200], ['Holmström', 2400], ['Grönroos', 2600],
  ['Nyström', 3300], ['Björklund', 2600], ['Ahola', 3400], ['Rinne', 3400], ['Kulmala', 3300],
  ['Hyttinen', 3300], ['Saastamoinen', 3200], ['Kurki', 3200], ['Lahti', 3200], ['Söderholm', 1400],
  ['Öhman', 1500], ['Åberg', 1300], ['Sjöberg', 1700], ['Holmberg', 2700], ['Kärki', 2100],
  ['Pöllänen', 2000], ['Ylönen', 1900], ['Pääkkönen', 2400], ['Kähkönen', 2500], ['Sävelä', 500],
]

/** Surnames common among Swedish-speaking Finns (used mostly for persons whose language is Swedish). */
export const SWEDISH_SURNAMES: Weighted<string> = [
  ['Johansson', 7200], ['Lindholm', 6200], ['Lindqvist', 5400], ['Nyman', 5300], ['Lindroos', 4600],
  ['Karlsson', 4600], ['Andersson', 4400], ['Lindberg', 4300], ['Eriksson', 4100], ['Backman', 3800],
  ['Lindström', 3400], ['Nyström', 3300], ['Blomqvist', 2900], ['Holmberg', 2700], ['Björklund', 2600],
  ['Grönroos', 2600], ['Forsman', 2500], ['Holmström', 2400], ['Sundström', 2300], ['Strömberg', 2200],
  ['Wikström', 2100], ['Lundqvist', 2000], ['Ekholm', 1900], ['Åström', 1800], ['Sjöberg', 1700],
  ['Nordström', 1700], ['Westerlund', 1600], ['Granholm', 1600], ['Sandberg', 1600], ['Öhman', 1500],
  ['Engström', 1400], ['Söderholm', 1400], ['Fagerström', 1300], ['Åberg', 1300], ['Lönnqvist', 1200],
  ['Hagström', 1100], ['Storbacka', 900], ['Sjöholm', 900], ['Forsström', 800], ['Björkqvist', 800],
  ['Höglund', 800], ['Åkerman', 600], ['Wallin', 900], ['Heikel', 300], ['Ekström', 800],
]

// ---------------------------------------------------------------------------------------------------------------
// First names. Weights count every given name (first, second, third), so common middle names such as Juhani,
// Johannes, Maria and Johanna rank high; the generator draws all given names of a person from the same table.
// "Older" = born before 1980, "younger" = born 1980 or later.
// ---------------------------------------------------------------------------------------------------------------

export const FINNISH_MALE_OLDER: Weighted<string> = [
  ['Juhani', 160], ['Olavi', 120], ['Antero', 100], ['Tapani', 95], ['Johannes', 90], ['Kalevi', 85],
  ['Tapio', 80], ['Matti', 75], ['Ilmari', 70], ['Mikael', 60], ['Juha', 55], ['Timo', 55], ['Kari', 52],
  ['Pekka', 50], ['Heikki', 48], ['Markku', 46], ['Jari', 44], ['Jukka', 44], ['Mika', 42], ['Hannu', 42],
  ['Seppo', 40], ['Petri', 36], ['Ari', 34], ['Antti', 34], ['Mikko', 33], ['Veikko', 32], ['Erkki', 32],
  ['Pertti', 30], ['Esa', 28], ['Raimo', 28], ['Ilkka', 26], ['Jorma', 26], ['Sakari', 26], ['Kalervo', 22],
  ['Eino', 22], ['Pentti', 24], ['Kimmo', 22], ['Vesa', 22], ['Harri', 20], ['Jouni', 20], ['Marko', 22],
  ['Arto', 19], ['Reijo', 18], ['Martti', 18], ['Risto', 18], ['Kai', 12], ['Kauko', 14], ['Lauri', 14],
  ['Tuomo', 14], ['Tommi', 14], ['Janne', 16], ['Sami', 16], ['Jussi', 12], ['Jarmo', 14], ['Petteri', 16],
  ['Henrik', 10], ['Armas', 12], ['Väinö', 14], ['Toivo', 12], ['Aarne', 10], ['Oiva', 9], ['Reino', 12],
  ['Paavo', 12], ['Keijo', 11], ['Aulis', 10], ['Unto', 8], ['Rauno', 10], ['Teuvo', 8], ['Lasse', 9],
  ['Osmo', 8], ['Arvo', 9], ['Veli', 12], ['Tauno', 9], ['Eero', 10], ['Esko', 11], ['Jaakko', 11],
  ['Juho', 9], ['Tero', 12], ['Jyrki', 10], ['Mauri', 9], ['Olli', 11], ['Ismo', 8],
]

export const FINNISH_MALE_YOUNGER: Weighted<string> = [
  ['Juhani', 90], ['Johannes', 80], ['Mikael', 75], ['Olavi', 55], ['Antero', 40], ['Tapani', 30],
  ['Ilmari', 45], ['Matias', 40], ['Aleksi', 38], ['Juho', 32], ['Eetu', 28], ['Elias', 36], ['Onni', 26],
  ['Eino', 28], ['Väinö', 26], ['Leo', 24], ['Oliver', 24], ['Eeli', 18], ['Niilo', 20], ['Toivo', 20],
  ['Veeti', 18], ['Oskari', 32], ['Emil', 22], ['Lenni', 14], ['Joel', 18], ['Lukas', 14], ['Leevi', 16],
  ['Aatu', 14], ['Daniel', 16], ['Otto', 16], ['Aaro', 12], ['Akseli', 26], ['Luka', 10], ['Hugo', 12],
  ['Valtteri', 28], ['Ville', 24], ['Joonas', 22], ['Jesse', 14], ['Niko', 18], ['Teemu', 20], ['Tuomas', 24],
  ['Lauri', 22], ['Jere', 12], ['Henri', 14], ['Miro', 10], ['Rasmus', 12], ['Arttu', 12], ['Santeri', 18],
  ['Samuel', 16], ['Aapo', 10], ['Eemil', 12], ['Vilho', 14], ['Kasper', 10], ['Nooa', 8], ['Aarni', 8],
  ['Alvar', 10], ['Pyry', 8], ['Topias', 12], ['Julius', 12], ['Benjamin', 10], ['Kristian', 14],
  ['Petteri', 14], ['Sebastian', 10], ['Patrik', 10], ['Jani', 14], ['Tommi', 12], ['Markus', 16],
  ['Antti', 22], ['Mikko', 20], ['Janne', 14], ['Sami', 12], ['Jussi', 14], ['Joni', 10], ['Roni', 8],
  ['Konsta', 8], ['Severi', 10], ['Kalle', 12], ['Anton', 10], ['Eemeli', 14], ['Iivari', 8], ['Viljami', 10],
]

export const FINNISH_FEMALE_OLDER: Weighted<string> = [
  ['Maria', 150], ['Helena', 110], ['Johanna', 80], ['Anneli', 85], ['Kaarina', 80], ['Marjatta', 75],
  ['Anna', 50], ['Liisa', 55], ['Annikki', 50], ['Hannele', 45], ['Tuulikki', 35], ['Elina', 40],
  ['Kristiina', 45], ['Katariina', 30], ['Sinikka', 35], ['Irmeli', 25], ['Orvokki', 22], ['Inkeri', 20],
  ['Elisabet', 20], ['Tuula', 30], ['Päivi', 30], ['Anne', 30], ['Sari', 30], ['Minna', 28], ['Tiina', 28],
  ['Riitta', 30], ['Pirjo', 28], ['Marja', 28], ['Leena', 28], ['Eeva', 26], ['Pirkko', 26], ['Sirpa', 24],
  ['Merja', 22], ['Seija', 22], ['Arja', 22], ['Raija', 22], ['Kirsi', 20], ['Tarja', 22], ['Ritva', 20],
  ['Aila', 16], ['Kaija', 16], ['Eila', 16], ['Aino', 16], ['Hilkka', 14], ['Irma', 14], ['Satu', 18],
  ['Sanna', 16], ['Katja', 14], ['Heidi', 12], ['Susanna', 16], ['Marika', 12], ['Jaana', 18], ['Mervi', 14],
  ['Ulla', 14], ['Raili', 14], ['Terttu', 12], ['Sirkka', 16], ['Marketta', 16], ['Hanna', 14], ['Outi', 12],
  ['Tuija', 12], ['Mirja', 12], ['Maija', 12], ['Paula', 12], ['Kaisa', 10], ['Hanne', 8], ['Leila', 10],
  ['Kirsti', 12], ['Aili', 10], ['Anja', 14], ['Elsa', 10], ['Aune', 10], ['Lea', 10], ['Eija', 14],
  ['Niina', 10], ['Elisa', 8], ['Heli', 10], ['Ilona', 8], ['Kyllikki', 18], ['Annika', 6], ['Birgitta', 6],
]

export const FINNISH_FEMALE_YOUNGER: Weighted<string> = [
  ['Maria', 110], ['Sofia', 70], ['Emilia', 65], ['Johanna', 55], ['Olivia', 40], ['Aino', 42], ['Helmi', 30],
  ['Emma', 32], ['Ellen', 22], ['Lilja', 22], ['Aada', 18], ['Venla', 22], ['Isla', 14], ['Pihla', 14],
  ['Eevi', 12], ['Enni', 14], ['Ella', 20], ['Iida', 20], ['Hilla', 10], ['Linnea', 16], ['Vilma', 14],
  ['Kerttu', 14], ['Siiri', 14], ['Selma', 12], ['Elsa', 16], ['Seela', 8], ['Minea', 8], ['Oona', 12],
  ['Anni', 18], ['Laura', 24], ['Sara', 18], ['Jenni', 18], ['Veera', 14], ['Noora', 14], ['Julia', 18],
  ['Elli', 10], ['Nelli', 10], ['Lotta', 10], ['Milla', 10], ['Aurora', 16], ['Alisa', 10], ['Hilda', 8],
  ['Ilona', 14], ['Matilda', 14], ['Amanda', 10], ['Kristiina', 24], ['Elina', 28], ['Katariina', 22],
  ['Josefiina', 8], ['Inkeri', 10], ['Annika', 12], ['Henna', 12], ['Tanja', 10], ['Jonna', 10], ['Riikka', 12],
  ['Salla', 10], ['Heidi', 14], ['Suvi', 12], ['Hanna', 18], ['Emmi', 10], ['Roosa', 8], ['Eveliina', 18],
  ['Karoliina', 16], ['Tuuli', 8], ['Vilja', 8], ['Kaisla', 6], ['Lumi', 6], ['Viola', 6], ['Sanni', 8],
  ['Essi', 10], ['Jasmin', 8], ['Krista', 8], ['Petra', 8], ['Anniina', 12], ['Marjaana', 10], ['Anna', 30],
  ['Helena', 30], ['Kaarina', 16], ['Susanna', 12], ['Inka', 6],
]

export const SWEDISH_MALE_OLDER: Weighted<string> = [
  ['Johan', 30], ['Erik', 30], ['Karl', 24], ['Anders', 22], ['Mikael', 20], ['Henrik', 18], ['Fredrik', 14],
  ['Peter', 18], ['Stefan', 16], ['Thomas', 14], ['Lars', 14], ['Bo', 10], ['Göran', 12], ['Kaj', 10],
  ['Ulf', 10], ['Rolf', 8], ['Bengt', 10], ['Björn', 10], ['Nils', 12], ['Gustav', 12], ['Håkan', 8],
  ['Christer', 8], ['Jan', 16], ['Per', 12], ['Sven', 8],
]
export const SWEDISH_MALE_YOUNGER: Weighted<string> = [
  ['Johan', 20], ['Erik', 22], ['Karl', 16], ['Mikael', 16], ['Christian', 12], ['Patrik', 10], ['Daniel', 14],
  ['Jonas', 12], ['Axel', 16], ['Oskar', 14], ['Emil', 16], ['Hugo', 12], ['Elias', 14], ['Alexander', 14],
  ['Oliver', 12], ['William', 12], ['Anton', 12], ['Max', 8], ['Viktor', 10], ['Filip', 10], ['Isak', 8],
  ['Ludvig', 8], ['Leo', 10], ['Sebastian', 10], ['Gustav', 10],
]
export const SWEDISH_FEMALE_OLDER: Weighted<string> = [
  ['Anna', 24], ['Maria', 30], ['Kristina', 20], ['Karin', 16], ['Eva', 18], ['Ingrid', 12], ['Birgitta', 16],
  ['Margareta', 16], ['Elisabeth', 16], ['Ulla', 10], ['Monica', 10], ['Susanne', 10], ['Camilla', 10],
  ['Åsa', 8], ['Britt', 8], ['Gun', 8], ['Marita', 8], ['Annika', 10], ['Lena', 10], ['Agneta', 8],
  ['Astrid', 6], ['Barbro', 6], ['Gunilla', 6], ['Ann-Christin', 6], ['Christina', 10],
]
export const SWEDISH_FEMALE_YOUNGER: Weighted<string> = [
  ['Maria', 20], ['Sofia', 18], ['Emma', 16], ['Linnea', 16], ['Ida', 12], ['Ebba', 10], ['Alva', 8],
  ['Elsa', 12], ['Ellen', 12], ['Matilda', 12], ['Saga', 8], ['Wilma', 10], ['Klara', 8], ['Elin', 10],
  ['Hanna', 12], ['Sara', 12], ['Johanna', 14], ['Jenny', 8], ['Malin', 8], ['Stella', 6], ['Amanda', 8],
  ['Julia', 10], ['Alice', 8], ['Olivia', 8], ['Frida', 8],
]

/** Names for persons whose native language is neither Finnish nor Swedish (Finnish transliteration). */
export interface LanguageNames {
  male: readonly string[]
  female: readonly string[]
  /** Surnames; languages with gendered surnames list the masculine form (see {@link femaleSurname}). */
  surnames: readonly string[]
  /** Russian/Ukrainian-style gendered surnames (Ivanov → Ivanova). */
  genderedSurnames?: boolean
}

export const OTHER_LANGUAGE_NAMES: Readonly<Record<string, LanguageNames>> = {
  ru: {
    male: ['Aleksandr', 'Sergei', 'Dmitri', 'Andrei', 'Aleksei', 'Ivan', 'Mihail', 'Nikolai', 'Vladimir', 'Pavel', 'Maksim', 'Artjom'],
    female: ['Olga', 'Tatjana', 'Jelena', 'Natalia', 'Irina', 'Svetlana', 'Anna', 'Marina', 'Julia', 'Jekaterina', 'Anastasia', 'Darja'],
    surnames: ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Vasiljev', 'Petrov', 'Sokolov', 'Mihailov', 'Novikov', 'Fjodorov', 'Volkov', 'Morozov', 'Lebedev', 'Kozlov'],
    genderedSurnames: true,
  },
  uk: {
    male: ['Oleksandr', 'Andrii', 'Serhii', 'Dmytro', 'Volodymyr', 'Mykola', 'Ivan', 'Bohdan', 'Taras', 'Maksym'],
    female: ['Olena', 'Oksana', 'Nataliia', 'Iryna', 'Tetiana', 'Kateryna', 'Yuliia', 'Anastasiia', 'Sofiia', 'Viktoriia'],
    surnames: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Kovalchuk', 'Oliinyk', 'Lysenko'],
  },
  et: {
    male: ['Jaan', 'Andres', 'Toomas', 'Mart', 'Priit', 'Rein', 'Tõnu', 'Kristjan', 'Marko', 'Siim', 'Rasmus', 'Märt'],
    female: ['Kati', 'Tiina', 'Mari', 'Kadri', 'Liis', 'Triin', 'Piret', 'Merike', 'Anu', 'Helen', 'Kärt', 'Õie'],
    surnames: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane', 'Ilves', 'Pärn', 'Koppel', 'Lepik', 'Oja', 'Kõiv', 'Järv'],
  },
  ar: {
    male: ['Mohammed', 'Ahmed', 'Ali', 'Hassan', 'Hussein', 'Omar', 'Youssef', 'Ibrahim', 'Mustafa', 'Khaled', 'Karim', 'Zaid'],
    female: ['Fatima', 'Zainab', 'Maryam', 'Noor', 'Aisha', 'Sara', 'Huda', 'Layla', 'Amina', 'Rana', 'Rasha', 'Dima'],
    surnames: ['Al-Hassan', 'Ahmed', 'Ali', 'Hussein', 'Ibrahim', 'Abdullah', 'Saleh', 'Al-Obaidi', 'Jasim', 'Kareem', 'Mahmoud', 'Khalil'],
  },
  so: {
    male: ['Abdi', 'Mohamed', 'Ahmed', 'Abdullahi', 'Hassan', 'Ali', 'Yusuf', 'Ismail', 'Omar', 'Hussein', 'Abdirahman', 'Liban'],
    female: ['Fadumo', 'Hodan', 'Amina', 'Asha', 'Hawa', 'Sahra', 'Ifrah', 'Nimco', 'Sagal', 'Ubah', 'Hibaq', 'Khadra'],
    surnames: ['Abdi', 'Mohamed', 'Farah', 'Warsame', 'Jama', 'Hersi', 'Aden', 'Osman', 'Yusuf', 'Hassan', 'Ali', 'Nur'],
  },
  en: {
    male: ['James', 'John', 'David', 'Michael', 'Daniel', 'Thomas', 'Matthew', 'Christopher', 'Andrew', 'Ryan', 'Liam', 'Jack'],
    female: ['Sarah', 'Emily', 'Jessica', 'Emma', 'Laura', 'Rachel', 'Hannah', 'Olivia', 'Sophie', 'Charlotte', 'Grace', 'Chloe'],
    surnames: ['Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Walker', 'Murphy', "O'Brien"],
  },
  fa: {
    male: ['Ali', 'Reza', 'Mohammad', 'Hossein', 'Mehdi', 'Amir', 'Hamid', 'Saeed', 'Arash', 'Dariush'],
    female: ['Fatemeh', 'Zahra', 'Maryam', 'Leila', 'Shirin', 'Nasrin', 'Parisa', 'Neda', 'Samira', 'Roya'],
    surnames: ['Hosseini', 'Mohammadi', 'Rezaei', 'Ahmadi', 'Karimi', 'Rahimi', 'Moradi', 'Jafari', 'Hashemi', 'Sadeghi'],
  },
  zh: {
    male: ['Wei', 'Jun', 'Hao', 'Lei', 'Jie', 'Tao', 'Ming', 'Yong'],
    female: ['Mei', 'Li', 'Xiu', 'Yan', 'Hui', 'Jing', 'Ling', 'Fang'],
    surnames: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou'],
  },
  vi: {
    male: ['Minh', 'Tuan', 'Hung', 'Duc', 'Thanh', 'Long', 'Nam', 'Quang'],
    female: ['Lan', 'Hoa', 'Linh', 'Mai', 'Huong', 'Thao', 'Trang', 'Ngoc'],
    surnames: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui', 'Do', 'Ngo'],
  },
  tr: {
    male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Emre', 'Murat', 'Can'],
    female: ['Ayşe', 'Fatma', 'Emine', 'Elif', 'Zeynep', 'Hatice', 'Merve', 'Özlem'],
    surnames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan'],
  },
  es: {
    male: ['José', 'Carlos', 'Juan', 'Luis', 'Javier', 'Miguel', 'Alejandro', 'Diego'],
    female: ['María', 'Carmen', 'Ana', 'Lucía', 'Isabel', 'Laura', 'Sofía', 'Paula'],
    surnames: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Muñoz'],
  },
}

/** Native languages other than Finnish/Swedish, weighted roughly as among foreign-language speakers in Finland. */
export const OTHER_LANGUAGES: Weighted<string> = [
  ['ru', 22], ['et', 12], ['ar', 10], ['uk', 9], ['en', 8], ['so', 6], ['fa', 5], ['zh', 4], ['vi', 4],
  ['tr', 3], ['es', 3],
]

/** The feminine form of a gendered (Russian-style) surname: Ivanov → Ivanova, Fjodorov → Fjodorova. */
export function femaleSurname(surname: string): string {
  return /(ov|ev|in)$/.test(surname) ? `${surname}a` : surname
}

// ---------------------------------------------------------------------------------------------------------------
// Street names
// ---------------------------------------------------------------------------------------------------------------

/** Finnish street-name stems; a stem ending in a genitive -n takes -katu/-tie directly ("Myllyntie"). */
export const FINNISH_STREET_STEMS: readonly string[] = [
  'Koivu', 'Mänty', 'Kuusi', 'Haapa', 'Pihlaja', 'Vaahtera', 'Tammi', 'Leppä', 'Kallio', 'Mäki', 'Järvi', 'Ranta',
  'Kirkko', 'Koulu', 'Asema', 'Kauppa', 'Puisto', 'Tori', 'Satama', 'Myllyn', 'Sepän', 'Pajan', 'Niityn', 'Pellon',
  'Metsä', 'Harju', 'Kukkula', 'Lähde', 'Salmen', 'Lahden', 'Saaren', 'Niemen', 'Kiven', 'Hiiden', 'Kanerva',
  'Kielo', 'Orvokki', 'Ruusu', 'Lehmus', 'Sireeni', 'Tähti', 'Aamu', 'Sammon', 'Kalevan', 'Väinämöisen',
  'Ilmarisen', 'Pohjolan', 'Aleksanterin', 'Hämeen', 'Karjalan', 'Savon', 'Turun', 'Viipurin', 'Porin',
  'Kuninkaan', 'Raatihuoneen', 'Urheilu', 'Opinto', 'Kartano', 'Tehtaan', 'Veräjä', 'Peltola', 'Kotka', 'Kurjen',
  'Joutsenen', 'Haukan', 'Jäkälä', 'Suvi', 'Syys', 'Kevät', 'Talvi', 'Honka', 'Kataja', 'Pähkinä', 'Omena',
  'Mustikka', 'Puolukka', 'Lakka', 'Hirven', 'Ketun', 'Karhun', 'Suden', 'Otavan', 'Revontulen', 'Kuusiston',
]
export const FINNISH_STREET_SUFFIXES: Weighted<string> = [
  ['katu', 26], ['tie', 34], ['kuja', 16], ['polku', 8], ['rinne', 4], ['raitti', 3], ['kaari', 5], ['väylä', 3],
  ['ranta', 1],
]
export const SWEDISH_STREET_STEMS: readonly string[] = [
  'Björk', 'Tall', 'Gran', 'Asp', 'Rönn', 'Ek', 'Strand', 'Kyrko', 'Skol', 'Stations', 'Hamn', 'Kvarn', 'Smedje',
  'Äng', 'Åker', 'Skogs', 'Bergs', 'Sjö', 'Holm', 'Ås', 'Solbacka', 'Lilla', 'Stora', 'Norra', 'Södra', 'Östra',
  'Västra', 'Rosen', 'Lind', 'Sommar', 'Torg', 'Vallmo', 'Blåbärs', 'Hav', 'Udd', 'Vik',
]
export const SWEDISH_STREET_SUFFIXES: Weighted<string> = [
  ['vägen', 40], ['gatan', 30], ['gränd', 10], ['stigen', 10], ['backen', 5], ['kroken', 3], ['svängen', 2],
]

// ---------------------------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------------------------

/** A municipality people can live in. */
export interface Municipality {
  /** Kuntanumero, three digits. */
  code: string
  name: string
  /** Swedish name of a bilingual municipality; Swedish speakers get it as their post office name. */
  nameSv?: string
  /** Relative population (thousands). */
  weight: number
  /** Relative Swedish-speaking population (thousands); 0 or missing = Swedish speakers do not live here. */
  weightSv?: number
  /** Inclusive range of (street-address) postal codes; codes are drawn in steps of 10 ("00100", "00110", …). */
  postalCodes: readonly [string, string]
  /** Share of homes that are flats ("Koivukuja 5 B 12") rather than houses ("Koivukuja 143"). */
  urban: number
}

/** A spread of real Finnish municipalities (mainland; Åland uses AX accounts and is left out). */
export const FINNISH_MUNICIPALITIES: readonly Municipality[] = [
  { code: '091', name: 'Helsinki', nameSv: 'Helsingfors', weight: 675, weightSv: 38, postalCodes: ['00100', '00990'], urban: 0.9 },
  { code: '049', name: 'Espoo', nameSv: 'Esbo', weight: 315, weightSv: 22, postalCodes: ['02100', '02980'], urban: 0.75 },
  { code: '092', name: 'Vantaa', nameSv: 'Vanda', weight: 245, weightSv: 6, postalCodes: ['01300', '01770'], urban: 0.75 },
  { code: '837', name: 'Tampere', nameSv: 'Tammerfors', weight: 255, weightSv: 1, postalCodes: ['33100', '33960'], urban: 0.75 },
  { code: '853', name: 'Turku', nameSv: 'Åbo', weight: 205, weightSv: 10, postalCodes: ['20100', '20960'], urban: 0.8 },
  { code: '564', name: 'Oulu', weight: 215, postalCodes: ['90100', '90940'], urban: 0.7 },
  { code: '398', name: 'Lahti', weight: 121, postalCodes: ['15100', '15950'], urban: 0.7 },
  { code: '297', name: 'Kuopio', weight: 125, postalCodes: ['70100', '70910'], urban: 0.65 },
  { code: '179', name: 'Jyväskylä', weight: 148, postalCodes: ['40100', '40950'], urban: 0.65 },
  { code: '609', name: 'Pori', nameSv: 'Björneborg', weight: 83, weightSv: 0.3, postalCodes: ['28100', '28900'], urban: 0.6 },
  { code: '405', name: 'Lappeenranta', weight: 73, postalCodes: ['53100', '53950'], urban: 0.6 },
  { code: '905', name: 'Vaasa', nameSv: 'Vasa', weight: 68, weightSv: 15, postalCodes: ['65100', '65610'], urban: 0.65 },
  { code: '743', name: 'Seinäjoki', weight: 65, postalCodes: ['60100', '60800'], urban: 0.55 },
  { code: '286', name: 'Kouvola', weight: 80, postalCodes: ['45100', '45940'], urban: 0.5 },
  { code: '167', name: 'Joensuu', weight: 77, postalCodes: ['80100', '80790'], urban: 0.55 },
  { code: '698', name: 'Rovaniemi', weight: 65, postalCodes: ['96100', '96930'], urban: 0.55 },
  { code: '109', name: 'Hämeenlinna', nameSv: 'Tavastehus', weight: 68, weightSv: 0.3, postalCodes: ['13100', '13900'], urban: 0.55 },
  { code: '491', name: 'Mikkeli', weight: 52, postalCodes: ['50100', '50970'], urban: 0.5 },
  { code: '285', name: 'Kotka', nameSv: 'Kotka', weight: 51, weightSv: 0.3, postalCodes: ['48100', '48910'], urban: 0.6 },
  { code: '638', name: 'Porvoo', nameSv: 'Borgå', weight: 51, weightSv: 15, postalCodes: ['06100', '06880'], urban: 0.5 },
  { code: '734', name: 'Salo', weight: 51, postalCodes: ['24100', '25500'], urban: 0.45 },
  { code: '272', name: 'Kokkola', nameSv: 'Karleby', weight: 48, weightSv: 6, postalCodes: ['67100', '67900'], urban: 0.5 },
  { code: '106', name: 'Hyvinkää', nameSv: 'Hyvinge', weight: 46, weightSv: 0.4, postalCodes: ['05800', '05880'], urban: 0.55 },
  { code: '444', name: 'Lohja', nameSv: 'Lojo', weight: 46, weightSv: 1.5, postalCodes: ['08100', '08800'], urban: 0.45 },
  { code: '186', name: 'Järvenpää', nameSv: 'Träskända', weight: 45, weightSv: 0.5, postalCodes: ['04400', '04480'], urban: 0.6 },
  { code: '257', name: 'Kirkkonummi', nameSv: 'Kyrkslätt', weight: 41, weightSv: 7, postalCodes: ['02400', '02490'], urban: 0.4 },
  { code: '245', name: 'Kerava', nameSv: 'Kervo', weight: 38, weightSv: 0.5, postalCodes: ['04200', '04260'], urban: 0.6 },
  { code: '740', name: 'Savonlinna', nameSv: 'Nyslott', weight: 32, weightSv: 0.1, postalCodes: ['57100', '57810'], urban: 0.45 },
  { code: '710', name: 'Raasepori', nameSv: 'Raseborg', weight: 27, weightSv: 18, postalCodes: ['10300', '10820'], urban: 0.35 },
  { code: '140', name: 'Iisalmi', weight: 21, postalCodes: ['74100', '74170'], urban: 0.4 },
  { code: '598', name: 'Pietarsaari', nameSv: 'Jakobstad', weight: 19, weightSv: 10, postalCodes: ['68600', '68660'], urban: 0.5 },
  { code: '499', name: 'Mustasaari', nameSv: 'Korsholm', weight: 19.5, weightSv: 13, postalCodes: ['65610', '66530'], urban: 0.2 },
  { code: '244', name: 'Kempele', weight: 19, postalCodes: ['90440', '90460'], urban: 0.3 },
  { code: '599', name: 'Pedersöre', nameSv: 'Pedersöre', weight: 11, weightSv: 10, postalCodes: ['68800', '68940'], urban: 0.2 },
  { code: '422', name: 'Lieksa', weight: 11, postalCodes: ['81700', '81850'], urban: 0.15 },
  { code: '005', name: 'Alajärvi', weight: 9.5, postalCodes: ['62900', '62990'], urban: 0.1 },
  { code: '545', name: 'Närpiö', nameSv: 'Närpes', weight: 9.5, weightSv: 8, postalCodes: ['64200', '64350'], urban: 0.15 },
  { code: '078', name: 'Hanko', nameSv: 'Hangö', weight: 8, weightSv: 3.5, postalCodes: ['10900', '10960'], urban: 0.4 },
  { code: '322', name: 'Kemiönsaari', nameSv: 'Kimitoön', weight: 6.5, weightSv: 4.5, postalCodes: ['25700', '25940'], urban: 0.1 },
]

/**
 * Demola, the fictional bilingual municipality of the demo (kuntanumero 999 is not in use; the postal codes
 * with post office DEMOLA are made up).
 */
export const DEMOLA_MUNICIPALITY: Municipality = {
  code: '999',
  name: 'Demola',
  nameSv: 'Demola',
  weight: 1,
  weightSv: 1,
  postalCodes: ['99100', '99190'],
  urban: 0.55,
}
