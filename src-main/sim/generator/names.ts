/** Word lists for the demo data generator (Czech, Slovak, German, Dutch). */

export type Country = 'CZ' | 'SK' | 'DE' | 'NL';

export interface NamePool {
  male: readonly string[];
  female: readonly string[];
  /** surnames: [male form, female form] (Czech/Slovak have gendered surnames) */
  surnames: readonly (readonly [string, string])[];
  streets: readonly string[];
  cities: readonly (readonly [city: string, postal: string, areaCode: string])[];
  companySuffix: readonly string[];
  emailDomains: readonly string[];
}

export const POOLS: Record<Country, NamePool> = {
  CZ: {
    male: ['Jiří', 'Jan', 'Petr', 'Josef', 'Pavel', 'Martin', 'Tomáš', 'Jaroslav', 'Miroslav', 'Zdeněk', 'Václav', 'Michal', 'František', 'Lukáš', 'Jakub', 'Ondřej', 'Radek', 'Vojtěch', 'Matěj', 'Antonín'],
    female: ['Jana', 'Marie', 'Eva', 'Hana', 'Anna', 'Lenka', 'Kateřina', 'Lucie', 'Věra', 'Alena', 'Petra', 'Veronika', 'Jaroslava', 'Tereza', 'Markéta', 'Zuzana', 'Dagmar', 'Šárka', 'Žaneta', 'Růžena'],
    surnames: [
      ['Novák', 'Nováková'], ['Svoboda', 'Svobodová'], ['Novotný', 'Novotná'], ['Dvořák', 'Dvořáková'], ['Černý', 'Černá'],
      ['Procházka', 'Procházková'], ['Kučera', 'Kučerová'], ['Veselý', 'Veselá'], ['Horák', 'Horáková'], ['Němec', 'Němcová'],
      ['Pokorný', 'Pokorná'], ['Marek', 'Marková'], ['Pospíšil', 'Pospíšilová'], ['Hájek', 'Hájková'], ['Jelínek', 'Jelínková'],
      ['Král', 'Králová'], ['Růžička', 'Růžičková'], ['Beneš', 'Benešová'], ['Fiala', 'Fialová'], ['Sedláček', 'Sedláčková'],
      ['Doležal', 'Doležalová'], ['Zeman', 'Zemanová'], ['Kolář', 'Kolářová'], ['Navrátil', 'Navrátilová'], ['Čermák', 'Čermáková'],
      ['Abrhám', 'Abrhámová'], ['Šťastný', 'Šťastná'], ['Říha', 'Říhová'], ['Žák', 'Žáková'], ['Bartoš', 'Bartošová'],
    ],
    streets: ['Národní', 'Vinohradská', 'Karlovo náměstí', 'Dlouhá', 'Husova', 'Žižkova', 'Palackého', 'Masarykova', 'Nádražní', 'Školní', 'Sokolovská', 'Zahradní', 'Lidická', 'Třída Svobody', 'Křižíkova'],
    cities: [['Praha', '110 00', '2'], ['Brno', '602 00', '5'], ['Ostrava', '702 00', '59'], ['Plzeň', '301 00', '37'], ['Liberec', '460 01', '48'], ['Olomouc', '779 00', '58'], ['České Budějovice', '370 01', '38'], ['Hradec Králové', '500 02', '49'], ['Ústí nad Labem', '400 01', '47'], ['Pardubice', '530 02', '46']],
    companySuffix: ['s.r.o.', 'a.s.', 'spol. s r.o.', 'v.o.s.'],
    emailDomains: ['seznam.cz', 'email.cz', 'centrum.cz', 'gmail.com', 'volny.cz'],
  },
  SK: {
    male: ['Ján', 'Peter', 'Jozef', 'Milan', 'Martin', 'Tomáš', 'Marek', 'Ľubomír', 'Dušan', 'Štefan', 'Juraj', 'Ľudovít', 'Branislav', 'Matúš', 'Róbert'],
    female: ['Mária', 'Anna', 'Zuzana', 'Katarína', 'Eva', 'Jana', 'Ľudmila', 'Soňa', 'Monika', 'Lucia', 'Veronika', 'Dominika', 'Andrea', 'Božena', 'Ľubica'],
    surnames: [
      ['Horváth', 'Horváthová'], ['Kováč', 'Kováčová'], ['Varga', 'Vargová'], ['Tóth', 'Tóthová'], ['Nagy', 'Nagyová'],
      ['Baláž', 'Balážová'], ['Szabó', 'Szabóová'], ['Molnár', 'Molnárová'], ['Lukáč', 'Lukáčová'], ['Kollár', 'Kollárová'],
      ['Ďuriš', 'Ďurišová'], ['Šimko', 'Šimková'], ['Oravec', 'Oravcová'], ['Hudák', 'Hudáková'], ['Mináč', 'Mináčová'],
    ],
    streets: ['Obchodná', 'Štúrova', 'Hlavná', 'Mlynská', 'Námestie SNP', 'Košická', 'Železničná', 'Račianska', 'Ružová dolina', 'Dolná'],
    cities: [['Bratislava', '811 01', '2'], ['Košice', '040 01', '55'], ['Prešov', '080 01', '51'], ['Žilina', '010 01', '41'], ['Nitra', '949 01', '37'], ['Banská Bystrica', '974 01', '48'], ['Trnava', '917 01', '33'], ['Trenčín', '911 01', '32']],
    companySuffix: ['s.r.o.', 'a.s.', 'k.s.'],
    emailDomains: ['azet.sk', 'zoznam.sk', 'centrum.sk', 'gmail.com', 'post.sk'],
  },
  DE: {
    male: ['Jürgen', 'Klaus', 'Stefan', 'Michael', 'Thomas', 'Andreas', 'Uwe', 'Jörg', 'Björn', 'Lukas', 'Maximilian', 'Matthias', 'Sören', 'Günther', 'Florian'],
    female: ['Ursula', 'Sabine', 'Monika', 'Petra', 'Dörte', 'Käthe', 'Anja', 'Lena', 'Sophie', 'Jana', 'Bärbel', 'Gisela', 'Renate', 'Brigitte', 'Hannelore'],
    surnames: [
      ['Müller', 'Müller'], ['Schmidt', 'Schmidt'], ['Schneider', 'Schneider'], ['Fischer', 'Fischer'], ['Weiß', 'Weiß'],
      ['Schäfer', 'Schäfer'], ['Köhler', 'Köhler'], ['Groß', 'Groß'], ['Krüger', 'Krüger'], ['Böhm', 'Böhm'],
      ['Hoffmann', 'Hoffmann'], ['Schröder', 'Schröder'], ['Wagner', 'Wagner'], ['Jäger', 'Jäger'], ['Lößner', 'Lößner'],
    ],
    streets: ['Hauptstraße', 'Schulstraße', 'Bahnhofstraße', 'Gartenstraße', 'Dorfstraße', 'Bergstraße', 'Lindenstraße', 'Kirchplatz', 'Mühlenweg', 'Friedrichstraße'],
    cities: [['Berlin', '10115', '30'], ['München', '80331', '89'], ['Köln', '50667', '221'], ['Düsseldorf', '40213', '211'], ['Nürnberg', '90402', '911'], ['Dresden', '01067', '351'], ['Görlitz', '02826', '3581'], ['Lübeck', '23552', '451']],
    companySuffix: ['GmbH', 'AG', 'GmbH & Co. KG', 'e.K.'],
    emailDomains: ['web.de', 'gmx.de', 't-online.de', 'gmail.com', 'posteo.de'],
  },
  NL: {
    male: ['Jan', 'Pieter', 'Daan', 'Sem', 'Bram', 'Thijs', 'Joost', 'Maarten', 'Sjoerd', 'Gerrit', 'Niels', 'Sander', 'Ruud', 'Wouter', 'Hendrik'],
    female: ['Anna', 'Emma', 'Sanne', 'Femke', 'Lotte', 'Noëlle', 'Inge', 'Marloes', 'Anouk', 'Chloë', 'Eline', 'Ilse', 'Joëlle', 'Maaike', 'Renée'],
    surnames: [
      ['de Jong', 'de Jong'], ['Jansen', 'Jansen'], ['de Vries', 'de Vries'], ['van den Berg', 'van den Berg'], ['van Dijk', 'van Dijk'],
      ['Bakker', 'Bakker'], ['Visser', 'Visser'], ['Smit', 'Smit'], ['Meijer', 'Meijer'], ['de Boer', 'de Boer'],
      ['Mulder', 'Mulder'], ['de Groot', 'de Groot'], ['Bos', 'Bos'], ['Vos', 'Vos'], ['van der Meulen', 'van der Meulen'],
    ],
    streets: ['Damrak', 'Kalverstraat', 'Herengracht', 'Coolsingel', 'Oudegracht', 'Grote Markt', 'Stationsweg', 'Kerkstraat', 'Dorpsstraat', 'Molenweg'],
    cities: [['Amsterdam', '1012 AB', '20'], ['Rotterdam', '3011 AA', '10'], ['Den Haag', '2511 CV', '70'], ['Utrecht', '3511 LX', '30'], ['Eindhoven', '5611 AB', '40'], ['Groningen', '9711 LM', '50'], ['Zwolle', '8011 CW', '38'], ['Tilburg', '5038 CB', '13']],
    companySuffix: ['B.V.', 'N.V.', 'V.O.F.'],
    emailDomains: ['ziggo.nl', 'kpnmail.nl', 'hotmail.nl', 'gmail.com', 'xs4all.nl'],
  },
};

export const COUNTRY_WEIGHTS: readonly (readonly [Country, number])[] = [
  ['CZ', 45],
  ['SK', 15],
  ['DE', 20],
  ['NL', 20],
];

export const COMPANY_STEMS: readonly string[] = [
  'Stavby Horák', 'Pekárna U Mlýna', 'Zahradnictví Růže', 'Elektro Šťastný', 'Autodíly Kučera', 'Kavárna Čokoláda',
  'Tiskárna Žižkov', 'Účetnictví Fiala', 'Brouwerij De Molen', 'Fietsenmaker Visser', 'Bäckerei Müller', 'Schlosserei Köhler',
  'Reisebüro Jäger', 'Knihkupectví Říha', 'Potraviny Žák', 'Vinárstvo Oravec', 'Stolárstvo Ďuriš', 'Bloemen Bakker',
  'Drukkerij Smit', 'Kaffeerösterei Böhm', 'Optika Černá', 'Lékárna Na Poříčí', 'Hutnictví Ostrava', 'Softwarehuis Mulder',
  'Malířství Doležal', 'Klempírna Kolář', 'Gärtnerei Weiß', 'Metzgerei Groß', 'Kaasboerderij de Boer', 'Strojírny Navrátil',
];

export const PRODUCT_CATEGORIES: readonly (readonly [code: string, en: string, cs: string, hs: string, weight: readonly [number, number]])[] = [
  ['MUG', 'Ceramic mug', 'Keramický hrnek', '691200', [280, 420]],
  ['TEA', 'Loose-leaf tea', 'Sypaný čaj', '090230', [80, 250]],
  ['CUP', 'Espresso cup', 'Šálek na espresso', '691200', [120, 180]],
  ['BAG', 'Canvas tote bag', 'Plátěná taška', '420222', [150, 300]],
  ['TOW', 'Cotton towel', 'Bavlněný ručník', '630260', [300, 650]],
  ['CND', 'Scented candle', 'Vonná svíčka', '340600', [200, 480]],
  ['NBK', 'Notebook A5', 'Zápisník A5', '482020', [180, 320]],
  ['PEN', 'Fountain pen', 'Plnicí pero', '960831', [30, 60]],
  ['SOC', 'Wool socks', 'Vlněné ponožky', '611595', [60, 120]],
  ['HON', 'Forest honey', 'Lesní med', '040900', [500, 1050]],
  ['SPC', 'Spice mix', 'Směs koření', '091091', [50, 150]],
  ['GLS', 'Wine glass', 'Sklenice na víno', '701337', [180, 260]],
  ['PLT', 'Stoneware plate', 'Kameninový talíř', '691200', [450, 900]],
  ['SCF', 'Merino scarf', 'Merino šála', '611710', [150, 250]],
  ['TOY', 'Wooden toy', 'Dřevěná hračka', '950300', [200, 700]],
  ['SOP', 'Goat-milk soap', 'Mýdlo z kozího mléka', '340111', [90, 140]],
];

export const COLOURS: readonly (readonly [code: string, en: string, cs: string])[] = [
  ['BLU', 'blue', 'modrý'],
  ['RED', 'red', 'červený'],
  ['GRN', 'green', 'zelený'],
  ['YEL', 'yellow', 'žlutý'],
  ['BLK', 'black', 'černý'],
  ['WHT', 'white', 'bílý'],
  ['GRY', 'grey', 'šedý'],
  ['ORG', 'orange', 'oranžový'],
];
