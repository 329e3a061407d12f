// Printed captions in the languages Dockside ships (English, Czech).
export type Lang = 'en' | 'cs';

const CAPTIONS = {
  from: { en: 'FROM', cs: 'ODESÍLATEL' },
  shipTo: { en: 'SHIP TO', cs: 'PŘÍJEMCE' },
  order: { en: 'ORDER', cs: 'OBJEDNÁVKA' },
  parcel: { en: 'PARCEL', cs: 'BALÍK' },
  weight: { en: 'WEIGHT', cs: 'HMOTNOST' },
  tracking: { en: 'TRACKING', cs: 'SLEDOVÁNÍ ZÁSILKY' },
  sscc: { en: 'SSCC', cs: 'SSCC' },
  content: { en: 'CONTENT', cs: 'OBSAH' },
  count: { en: 'COUNT', cs: 'POČET' },
  batch: { en: 'BATCH/LOT', cs: 'ŠARŽE' },
  bestBefore: { en: 'BEST BEFORE', cs: 'MIN. TRVANLIVOST' },
  grossWeight: { en: 'GROSS WEIGHT', cs: 'HMOTNOST BRUTTO' },
  carrier: { en: 'CARRIER', cs: 'DOPRAVCE' },
  packingSlip: { en: 'Packing slip', cs: 'Dodací list' },
  orderDate: { en: 'Order date', cs: 'Datum objednávky' },
  sku: { en: 'SKU', cs: 'Kód' },
  description: { en: 'Description', cs: 'Popis' },
  ordered: { en: 'Ordered', cs: 'Objednáno' },
  packed: { en: 'Packed', cs: 'Zabaleno' },
  page: { en: 'Page', cs: 'Strana' },
  note: { en: 'Note', cs: 'Poznámka' },
  pickList: { en: 'Pick list', cs: 'Vychystávací list' },
  picker: { en: 'Picker', cs: 'Skladník' },
  location: { en: 'Location', cs: 'Umístění' },
  qty: { en: 'Qty', cs: 'Ks' },
  commandSheet: { en: 'Scanner commands', cs: 'Příkazy pro čtečku' },
  testLabel: { en: 'Dockside test label', cs: 'Zkušební štítek Dockside' },
  printer: { en: 'Printer', cs: 'Tiskárna' },
  station: { en: 'Station', cs: 'Pracoviště' },
  printed: { en: 'Printed', cs: 'Vytištěno' },
  cmdNext: { en: 'Next', cs: 'Další' },
  cmdUndo: { en: 'Undo last scan', cs: 'Vrátit poslední sken' },
  cmdShort: { en: 'Short pick', cs: 'Chybí zboží' },
  cmdDone: { en: 'Done', cs: 'Hotovo' },
  cmdCancel: { en: 'Cancel', cs: 'Zrušit' },
  cmdReprint: { en: 'Reprint label', cs: 'Znovu vytisknout štítek' },
  cmdNewParcel: { en: 'New parcel', cs: 'Nový balík' },
  cmdSkip: { en: 'Skip item', cs: 'Přeskočit položku' },
  badge: { en: 'Sign-in badge', cs: 'Přihlašovací karta' },
  badgeScan: { en: 'Scan at the bench to sign in. If lost, ask a supervisor for a new one.', cs: 'Naskenujte u stolu pro přihlášení. Při ztrátě požádejte vedoucího o novou.' },
  packer: { en: 'Packer', cs: 'Balič' },
  agent: { en: 'Agent', cs: 'Operátor' },
  supervisor: { en: 'Supervisor', cs: 'Vedoucí' },
} as const;

export type CaptionKey = keyof typeof CAPTIONS;

export function caption(lang: Lang, key: CaptionKey): string {
  return CAPTIONS[key][lang];
}
