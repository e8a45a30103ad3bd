// Hard-case legacy data: a few rows in each of the 21 tables, chosen for what breaks dump readers
// and converters — 4-byte emoji and combining characters, quotes and backslashes, newlines, CR,
// tab, NUL and ctrl-Z inside text, texts over 64 KB and about 1 MB (longer than one mariadb-dump
// INSERT), NULL next to '' and the string 'NULL', zero dates, UNIX time 0, orphan and zero
// references, soft-deleted rows, md5 and bcrypt passwords, OrderData as JSON, PHP serialize()
// with multibyte strings, empty and damaged, double-encoded UTF-8, DECIMAL edges, unknown codes.
//
// The "drifted" variant adds what real dumps may carry beyond the contract: a column
// (Customers.Newsletter, added by ALTER TABLE as in real life) and a table (Invoices, with binary
// columns, so --hex-blob has something to do).

import { LEGACY_TABLES, legacySchemaSql, legacyTable, type LegacyTable } from './legacy-schema'
import type { MariaDb } from './mariadb'
import { phpSerialize } from './php-serialize'

/** A cell as inserted: numbers for integers, text for strings, DECIMAL and DATETIME; null for NULL. */
export type FixtureCell = null | number | string
export type FixtureRow = FixtureCell[]

// ---------------------------------------------------------------------------------------------
// Deterministic long texts

/** A JSON saddle specification of at least `bytes` UTF-8 bytes, with multibyte and escaped text. */
export function longJsonSpec(bytes: number, label: string): string {
  const extras: { item: string; note: string; qty: number }[] = []
  let text = ''
  for (let i = 0; ; i++) {
    extras.push({ item: `Extra ${i} – Kniepausche ü 😀`, note: `row ${i}: "quoted" \\ back\\slash\nnext line`, qty: i % 5 })
    if (i % 64 === 63 || i < 2) {
      text = JSON.stringify({ label, seat: '17.5"', tree: 'Médium', extras })
      if (Buffer.byteLength(text) >= bytes) return text
    }
  }
}

/** The SQL text the legacy application logged for a big UPDATE: quotes escaped as it did. */
function longLoggedQuery(bytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const part = `'note ${i}: O\\'Brien said \\"ok\\" – Grüße 🐎 C:\\\\saddles\\\\${i}'`
    parts.push(part)
    size += Buffer.byteLength(part) + 1
  }
  return `UPDATE Orders SET SpecialNotes=CONCAT(${parts.join(',')}) WHERE ID=7`
}

/** Exactly `bytes` UTF-8 bytes (TEXT holds at most 65535), mixing 1-, 2- and 4-byte characters. */
function textOfBytes(bytes: number): string {
  const unit = 'Sattel 🐴 Größe\t"x"\n' // 1+…: 24 bytes
  let text = unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)))
  text += 'x'.repeat(bytes - Buffer.byteLength(text))
  return text
}

const php2013 = phpSerialize({
  seat: '17.5"',
  tree: 'Médium',
  flap: 'Forward +2cm',
  extras: ['Kniepausche', 'Ösen', 'Grüner Faden 😀'],
  notes: "Kunde: Jürgen O'Neil\nPferd: \"Blitz\"",
  qty: 1,
  price: 2450.5,
  rush: false,
  engraving: null,
})
// s:6:"Müller" — the byte count is wrong (Müller is 7 bytes): a damaged serialization.
const phpWrongLength = 'a:2:{s:4:"name";s:6:"Müller";s:4:"seat";s:2:"17";}'
// Cut off mid-way, as a too-short column once truncated it.
const phpTruncated = php2013.slice(0, 60)

export const ORDER_JSON_SIMPLE = JSON.stringify({ seat: '17"', tree: 'Wide', flap: 'Standard', extras: ['Kneeroll'], notes: 'Ship to "Stall 3"' })
export const ORDER_JSON_ESCAPES = '{"name":"M\\u00fcller \\ud83d\\ude00","path":"C:\\\\x","quote":"\\"q\\"","tab":"a\\tb"}'
export const ORDER_PHP_MULTIBYTE = php2013
export const ORDER_JSON_64K = longJsonSpec(70_000, '64k')
export const ORDER_JSON_1MB = longJsonSpec(1_100_000, '1mb')
const DBLOG_QUERY_100K = longLoggedQuery(100_000)
const LOG_DETAILS_MAX_TEXT = textOfBytes(65_535)

const NASTY = "q' dq\" bs\\ nl\n cr\r tab\t nul\0 ctrlZ\x1a end\\"
const MD5 = '5f4dcc3b5aa765d61d8327deb882cf99'
const BCRYPT = '$2y$10$abcdefghijklmnopqrstuuJ0ZkQeQwWl0r6oQzK6lq0zP0Kq8Zz1S'

// ---------------------------------------------------------------------------------------------
// The rows, in the column order of lib/legacy/ordermys-schema.sql

export const LEGACY_FIXTURE_ROWS: Record<LegacyTable, FixtureRow[]> = {
  UserTypes: [
    [1, 'Administrator'],
    [2, 'Fitter'],
    [3, 'Factory'],
    [4, 'Supervisor'],
    [5, 'Customer service'],
    [6, ''],
  ],
  // ID, UserName, Password, UserType, Email, LastLogin, Deleted
  Credentials: [
    [1, 'admin', MD5, 1, 'admin@example.com', 1_700_000_000, 0],
    [2, "o'brien", BCRYPT, 2, null, 0, 0],
    [3, 'factory"eu', '$2y$12$ZYXWVUTSRQPONMLKJIHGFe4ZxUQ3b8eT1rFhHq2y3N8dV5lW0mM9a', 3, '', 1, 0],
    [4, 'gone', 'E10ADC3949BA59ABBE56E057F20F883E', 99, 'gone@example.com', 1_350_000_000, 1],
    [5, 'back\\slash\\', MD5, 0, 'NULL', 2_147_483_647, 0],
    [6, 'MÃ¼ller', BCRYPT, 4, 'mueller@example.de', 1_420_070_400, 0],
    [7, 'Zoe\u0308 😀', '', 5, 'zoe@example.com', 0, 0],
  ],
  // ID, BrandName, Active
  Brands: [
    [1, 'Custom', 1],
    [2, 'Icon', 1],
    [3, 'Wolfgang', 1],
    [4, 'Bates 😀 “Classic”', 0],
  ],
  // ID, FactoryName, Region, Email, Deleted
  Factories: [
    [1, 'Fábrica São Paulo', 'US', 'sp@example.com', 0],
    [2, 'Sattlerei Müller', 'EU', null, 0],
    [3, 'Walsall "Leather" Ltd', 'UK', '', 0],
    [4, 'Closed Pty', 'AU', 'closed@example.au', 1],
  ],
  // ID, FactoryID, UserID, Name, Deleted
  FactoryEmployees: [
    [1, 1, 3, 'Jose\u0301 Silva', 0],
    [2, 2, 0, 'Hans-Jürgen', 0],
    [3, 77, 424242, 'Orphan Worker', 1],
  ],
  // ID, UserID, Name, Address, City, State, Zipcode, Country, Phone, Cellphone, Email, Currency, Deleted
  Fitters: [
    [1, 2, "Mary O'Brien", '1 Main St\nSuite 2', 'Lexington', 'KY', '40507', 'USA', '+1 859 555 0100', null, 'mary@example.com', 1, 0],
    [2, 6, 'Jürgen Müller', 'Hauptstraße 5\r\nHinterhaus', 'München', 'BY', '80331', 'Germany', '', '', 'j@example.de', 2, 0],
    [3, 0, 'No Login', null, null, null, '00123', 'United Kingdom', null, null, null, 3, 0],
    [4, 999, 'Orphan User', 'Tab\there', 'Sydney', 'NSW', '2000', 'Australia', '02 5550 1234', '0400 000 000', 'o@example.au', 4, 1],
    [5, 7, 'MÃ¼ller & Sons', 'c/o "Stable"', 'Toronto', 'ON', 'M5V 2T6', 'Canada', null, null, 'NULL', 9, 0],
  ],
  // ID, FitterID, Name, Email, Address, City, State, Zipcode, Country, Phone, Cellphone, HorseName, Deleted
  Customers: [
    [1, 1, 'Anne Rider', 'anne@example.com', '2 Farm Rd', 'Paris', 'KY', '40361', 'USA', '555-0101', null, '🐴 Star', 0],
    [2, 0, "Conor O'Connor", null, null, null, null, null, null, null, null, null, 0],
    [3, 999, 'Orphan Fitter Customer', '', '', '', '', '', '', '', '', '', 0],
    [4, 2, 'MÃ¼ller, Hans', 'hans@example.de', NASTY, 'Köln', 'NW', '50667', 'Germany', null, null, 'Blitz\\', 1],
    [5, 2, 'Zoe\u0308 Éclair', 'zoe@example.fr', 'Rue de l\'Église 3', 'Lyon', null, '69001', 'France', '+33 4 00 00 00 00', null, 'Éto\u0301ile', 0],
    [6, 5, 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 0],
    [7, 3, 'Quote"Only', "'", '\\', '\n', '\r\n', '\0', '\x1a', '\t', ' ', '  padded  ', 0],
    // ID 8 was deleted for good; a gap in the ids is normal.
    [9, 1, '李小龍', 'li@example.cn', '北京市', '北京', null, '100000', 'China', null, null, '赤兔 🐎', 0],
  ],
  // ID, BrandID, SaddleName, Type, FactoryUS, FactoryEU, FactoryUK, FactoryAU, Sequence, Active
  Saddles: [
    [1, 1, 'Custom Jump 17"', 0, 1, 2, 3, 0, 1, 1],
    [2, 2, 'Icon Dressage', 1, 1, 2, 0, 4, 2, 1],
    [3, 3, 'Wolfgang AP', 2, 0, 0, 0, 0, 3, 0],
    [4, 42, 'Orphan Brand Endurance', 3, 55, 0, 0, 0, -1, 1],
    [5, 0, 'Unknown Type', 7, 0, 0, 0, 0, 2_147_483_647, 1],
  ],
  // ID, LeatherName, Sequence, Deleted
  LeatherTypes: [
    [1, 'Calf', 1, 0],
    [2, 'Buffalo "grain"', 2, 0],
    [3, 'Discontinued', 3, 1],
  ],
  // ID, SaddleID, LeatherID, Price, Sequence
  SaddleLeathers: [
    [1, 1, 1, '0.00', 1],
    [2, 1, 2, '99999999.99', 2],
    [3, 2, 1, '-5.10', 1],
    [4, 77, 9, '150.00', 1],
  ],
  // ID, OptionName, OptionType, Sequence, Deleted
  Options: [
    [1, 'Seat size', 0, 1, 0],
    [2, 'Extras', 1, 2, 0],
    [3, 'Engraving', 2, 3, 0],
    [4, 'Old option', 5, 4, 1],
  ],
  // ID, OptionID, ItemName, Price, Sequence, Deleted
  OptionsItems: [
    [1, 1, '17"', '0.00', 1, 0],
    [2, 1, '17.5"', '25.00', 2, 0],
    [3, 2, 'Kneeroll – large', '120.50', 1, 0],
    [4, 2, 'Ösen', '-10.00', 2, 1],
    [5, 88, 'Orphan option item', '99999999.99', 1, 0],
  ],
  // ID, SaddleID, OptionID, OptionItemID, Price, Sequence
  SaddleOptionsItems: [
    [1, 1, 1, 1, '0.00', 1],
    [2, 1, 2, 3, '110.00', 2],
    [3, 2, 0, 0, '0.00', 0],
    [4, 99, 1, 55, '-5.10', 1],
  ],
  // ID, SaddleID, PresetName, Deleted
  Presets: [
    [1, 1, 'Standard jump', 0],
    [2, 2, 'Dressage "pro"', 0],
    [3, 0, 'No saddle', 1],
  ],
  // ID, PresetID, OptionID, OptionItemID
  PresetsItems: [
    [1, 1, 1, 2],
    [2, 1, 2, 3],
    [3, 9, 0, 0],
  ],
  // ID, StatusName, Sequence
  Statuses: [
    [1, 'Order placed', 1],
    [2, 'Approved', 2],
    [3, 'Sent to factory', 3],
    [4, 'In production', 4],
    [5, 'Shipped from factory', 5],
    [6, 'Received', 6],
    [7, 'Delivered to customer', 7],
    [8, 'On hold', 8],
    [9, 'Cancelled', 9],
    [10, 'Returned', 10],
    [11, 'In progress', 11],
    [12, 'Repair', 12],
  ],
  // ID, CustomerID, FitterID, SaddleID, LeatherID, FactoryID, OrderStatus, OrderTime, ChangeTime,
  // OrderData, SpecialNotes, SerialNumber, Currency, PriceSaddle, PriceOptions, PriceShipping, PriceDeposit, IsUrgent, Deleted
  Orders: [
    [1, 1, 1, 1, 1, 1, 7, 1_450_000_000, 1_460_000_000, ORDER_JSON_SIMPLE, 'Rush please', 'SN-0001', 1, '2450.00', '120.50', '45.00', '500.00', 1, 0],
    [2, 4, 2, 2, 2, 2, 9, 1_360_000_000, 1_361_000_000, ORDER_PHP_MULTIBYTE, null, null, 2, '1999.99', '0.00', '0.00', '0.00', 0, 0],
    [3, 5, 2, 1, 1, 0, 1, 1_500_000_000, 1_500_000_000, '', '', '', 2, '0.00', '0.00', '0.00', '0.00', 0, 0],
    [4, 2, 0, 3, 0, 3, 2, 1_330_000_000, 0, null, NASTY, 'SN-\\0004', 3, '100.00', '0.00', '0.00', '100.00', 0, 0],
    [5, 1, 1, 1, 1, 1, 8, 1_340_000_000, 1_340_000_100, phpWrongLength, 'damaged: wrong s:N', null, 1, '10.00', '0.00', '0.00', '0.00', 0, 0],
    [6, 1, 1, 1, 1, 1, 99, 0, 1_600_000_000, phpTruncated, 'unknown status, OrderTime 0', null, 1, '0.00', '0.00', '0.00', '0.00', 0, 0],
    [7, 9, 1, 2, 1, 2, 4, 1_650_000_000, 1_650_000_500, ORDER_JSON_64K, 'over 64 KB of OrderData', 'SN-0007', 4, '3000.00', '250.00', '80.00', '1000.00', 0, 0],
    [8, 9, 1, 2, 1, 2, 5, 1_700_000_000, 1_700_000_001, ORDER_JSON_1MB, 'about 1 MB of OrderData', 'SN-0008', 5, '3100.00', '0.00', '0.00', '0.00', 0, 0],
    [9, 424_242, 0, 0, 0, 0, 3, 1_420_070_399, 1_420_070_400, '{not json', 'orphan customer; deleted', null, 1, '99999999.99', '-5.10', '0.00', '99999999.99', 0, 1],
    [10, 0, 999, 77, 9, 55, 12, 1_735_689_600, 1_735_689_600, ORDER_JSON_ESCAPES, 'zero customer, orphan fitter/saddle/leather/factory', 'NULL', 9, '-5.10', '0.00', '0.00', '0.00', 1, 0],
    [11, 3, 1, 1, 1, 1, 6, 1, 2, 'a:0:{}', '\n', null, 1, '0.01', '0.00', '0.00', '0.00', 0, 0],
  ],
  // ID, OrderID, OptionID, OptionItemID, Description, Quantity, Price
  OrdersInfo: [
    [1, 1, 1, 2, '17.5"', 1, '25.00'],
    [2, 1, 2, 3, 'Kneeroll – large', 2, '120.50'],
    [3, 1, 0, 0, "Free text: 'custom' \\ engraving \"JR\"", 1, '0.00'],
    [4, 2, 2, 4, 'Ösen', 0, '-10.00'],
    [5, 424_242, 1, 1, 'orphan order line', 1, '99999999.99'],
    [6, 7, 0, 0, '', 1, '0.00'],
  ],
  // ID, OrderID, Token, Confirmed, ConfirmTime, IP
  ClientConfirmation: [
    [1, 1, 'a3f1c2d4e5b6978812345678deadbeefa3f1c2d4e5b6978812345678deadbeef', 1, 1_455_000_000, '192.0.2.10'],
    [2, 2, 'tok-2', 0, 0, null],
    [3, 8, 'tok-3', 1, 1_700_000_100, '2001:db8::1'],
    [4, 424_242, '', 0, 0, ''],
  ],
  // ID, UserID, Time, TableName, RecordID, Operation, Query
  DBlog: [
    [1, 1, 1_450_000_000, 'Orders', 1, 'INSERT', "INSERT INTO Orders (CustomerID, SpecialNotes) VALUES (1, 'Rush please')"],
    [2, 2, 1_460_000_000, 'Orders', 1, 'UPDATE', "UPDATE Orders SET SpecialNotes='it\\'s \"fine\"\\nC:\\\\x' WHERE ID=1"],
    [3, 0, 0, 'Customers', 8, 'DELETE', 'DELETE FROM Customers WHERE ID=8'],
    [4, 424_242, 1_650_000_500, 'Orders', 7, 'UPDATE', DBLOG_QUERY_100K],
    [5, 1, 1_700_000_000, '', 0, '', null],
  ],
  // ID, UserID, LogTime, Action, Details, IP
  Log: [
    [1, 1, '0000-00-00 00:00:00', 'login', 'zero date', '192.0.2.10'],
    [2, 0, '1970-01-01 00:00:00', 'anonymous', null, null],
    [3, 2, '2012-03-04 05:06:07', 'order.update', NASTY, '2001:db8::2'],
    [4, 424_242, '2038-01-19 03:14:08', 'after 2038', '', ''],
    [5, 6, '2026-01-31 23:59:59', 'max TEXT', LOG_DETAILS_MAX_TEXT, '10.0.0.1'],
    [6, 7, '0000-00-00 00:00:00', 'NULL', 'NULL', 'NULL'],
  ],
}

/** Named hard cases: where to find each one (for tests of converters and importers). */
export const FIXTURE_CASES = {
  emoji: { table: 'Customers', id: 1, column: 'HorseName' },
  combiningCharacters: { table: 'Customers', id: 5, column: 'Name' },
  cjk: { table: 'Customers', id: 9, column: 'Name' },
  quotesBackslashesControlChars: { table: 'Customers', id: 4, column: 'Address' },
  nulByteInText: { table: 'Orders', id: 4, column: 'SpecialNotes' },
  singleCharacterEscapes: { table: 'Customers', id: 7, column: 'Email' },
  stringNullNotSqlNull: { table: 'Customers', id: 6, column: 'Email' },
  sqlNull: { table: 'Customers', id: 2, column: 'Email' },
  emptyString: { table: 'Customers', id: 3, column: 'Email' },
  doubleEncodedUtf8: { table: 'Customers', id: 4, column: 'Name' },
  doubleEncodedUserName: { table: 'Credentials', id: 6, column: 'UserName' },
  md5Password: { table: 'Credentials', id: 1, column: 'Password' },
  md5PasswordUpperCase: { table: 'Credentials', id: 4, column: 'Password' },
  bcryptPassword: { table: 'Credentials', id: 2, column: 'Password' },
  emptyPassword: { table: 'Credentials', id: 7, column: 'Password' },
  lastLoginNever: { table: 'Credentials', id: 2, column: 'LastLogin' },
  orphanUserType: { table: 'Credentials', id: 4, column: 'UserType' },
  zeroUserType: { table: 'Credentials', id: 5, column: 'UserType' },
  deletedCredential: { table: 'Credentials', id: 4, column: 'Deleted' },
  orphanFitterOfCustomer: { table: 'Customers', id: 3, column: 'FitterID' },
  zeroFitterOfCustomer: { table: 'Customers', id: 2, column: 'FitterID' },
  unknownCurrency: { table: 'Fitters', id: 5, column: 'Currency' },
  leadingZeroZipcode: { table: 'Fitters', id: 3, column: 'Zipcode' },
  crlfInAddress: { table: 'Fitters', id: 2, column: 'Address' },
  unknownSaddleType: { table: 'Saddles', id: 5, column: 'Type' },
  unknownOptionType: { table: 'Options', id: 4, column: 'OptionType' },
  decimalZero: { table: 'SaddleLeathers', id: 1, column: 'Price' },
  decimalMax: { table: 'SaddleLeathers', id: 2, column: 'Price' },
  decimalNegative: { table: 'SaddleLeathers', id: 3, column: 'Price' },
  orderDataJson: { table: 'Orders', id: 1, column: 'OrderData' },
  orderDataJsonEscapes: { table: 'Orders', id: 10, column: 'OrderData' },
  orderDataPhpMultibyte: { table: 'Orders', id: 2, column: 'OrderData' },
  orderDataPhpEmptyArray: { table: 'Orders', id: 11, column: 'OrderData' },
  orderDataEmpty: { table: 'Orders', id: 3, column: 'OrderData' },
  orderDataNull: { table: 'Orders', id: 4, column: 'OrderData' },
  orderDataPhpWrongLength: { table: 'Orders', id: 5, column: 'OrderData' },
  orderDataPhpTruncated: { table: 'Orders', id: 6, column: 'OrderData' },
  orderDataNotJson: { table: 'Orders', id: 9, column: 'OrderData' },
  orderData64k: { table: 'Orders', id: 7, column: 'OrderData' },
  orderData1MB: { table: 'Orders', id: 8, column: 'OrderData' },
  unknownOrderStatus: { table: 'Orders', id: 6, column: 'OrderStatus' },
  orderTimeZero: { table: 'Orders', id: 6, column: 'OrderTime' },
  changeTimeZero: { table: 'Orders', id: 4, column: 'ChangeTime' },
  orphanCustomerOfOrder: { table: 'Orders', id: 9, column: 'CustomerID' },
  zeroCustomerOfOrder: { table: 'Orders', id: 10, column: 'CustomerID' },
  deletedOrder: { table: 'Orders', id: 9, column: 'Deleted' },
  orphanOrderOfLine: { table: 'OrdersInfo', id: 5, column: 'OrderID' },
  freeTextOrderLine: { table: 'OrdersInfo', id: 3, column: 'Description' },
  ipv6: { table: 'ClientConfirmation', id: 3, column: 'IP' },
  dblogQuery100k: { table: 'DBlog', id: 4, column: 'Query' },
  dblogTimeZero: { table: 'DBlog', id: 3, column: 'Time' },
  zeroDate: { table: 'Log', id: 1, column: 'LogTime' },
  unixEpochDate: { table: 'Log', id: 2, column: 'LogTime' },
  after2038: { table: 'Log', id: 4, column: 'LogTime' },
  maxTextDetails: { table: 'Log', id: 5, column: 'Details' },
} as const satisfies Record<string, { table: LegacyTable; id: number; column: string }>

/** Rows per table in the plain fixture. */
export const LEGACY_FIXTURE_ROW_COUNTS: Record<LegacyTable, number> = Object.fromEntries(
  LEGACY_TABLES.map((t) => [t, LEGACY_FIXTURE_ROWS[t].length]),
) as Record<LegacyTable, number>

// ---------------------------------------------------------------------------------------------
// The drift: one column, one table

export const DRIFT_EXTRA_COLUMN = { table: 'Customers', column: 'Newsletter', after: 'Email', type: 'tinyint(1)' } as const
export const DRIFT_EXTRA_TABLE = 'Invoices'

const INVOICES_DDL = `CREATE TABLE \`Invoices\` (
  \`ID\` int(11) NOT NULL AUTO_INCREMENT,
  \`OrderID\` int(11) NOT NULL DEFAULT 0,
  \`Amount\` decimal(10,2) NOT NULL DEFAULT 0.00,
  \`IssuedAt\` datetime DEFAULT NULL,
  \`Checksum\` binary(16) DEFAULT NULL,
  \`Pdf\` mediumblob DEFAULT NULL,
  \`Note\` varchar(255) DEFAULT NULL,
  PRIMARY KEY (\`ID\`),
  KEY \`OrderID\` (\`OrderID\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`

const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))

/** Invoices rows: ID, OrderID, Amount, IssuedAt, Checksum (binary), Pdf (binary), Note. */
export const DRIFT_INVOICE_ROWS: (FixtureCell | Buffer)[][] = [
  [1, 1, '2615.50', '2016-01-01 10:00:00', Buffer.from('00112233445566778899aabbccddeeff', 'hex'), Buffer.concat([Buffer.from('%PDF-1.4\n'), allBytes]), 'first'],
  [2, 2, '-5.10', '0000-00-00 00:00:00', Buffer.from('0a0d5c27', 'hex'), Buffer.alloc(0), null],
  [3, 424_242, '0.00', null, null, null, "O'Brien\\"],
]

export const DRIFTED_FIXTURE_ROW_COUNTS: Record<string, number> = { ...LEGACY_FIXTURE_ROW_COUNTS, [DRIFT_EXTRA_TABLE]: DRIFT_INVOICE_ROWS.length }

/** Customers.Newsletter in the drifted variant: 1 for odd ids. */
export function driftNewsletter(customerId: number): number {
  return customerId % 2
}

// ---------------------------------------------------------------------------------------------
// SQL text

function quoteId(name: string): string {
  return '`' + name + '`'
}

function sqlLiteral(value: FixtureCell | Buffer, baseType: string): string {
  if (value === null) return 'NULL'
  if (Buffer.isBuffer(value)) return value.length === 0 ? "''" : `X'${value.toString('hex')}'`
  if (typeof value === 'number') return String(value)
  if (baseType === 'decimal' || baseType === 'int' || baseType === 'tinyint') return value
  // Hex keeps every byte exact whatever the client's escaping rules and character set.
  if (value === '') return "''"
  return `CONVERT(X'${Buffer.from(value, 'utf8').toString('hex')}' USING utf8mb4)`
}

function insertStatements(table: string, columns: { name: string; baseType: string }[], rows: (FixtureCell | Buffer)[][]): string {
  const names = columns.map((c) => quoteId(c.name)).join(', ')
  return rows
    .map((row) => {
      if (row.length !== columns.length) throw new Error(`fixture row of ${table} has ${row.length} cells, the table ${columns.length} columns`)
      return `INSERT INTO ${quoteId(table)} (${names}) VALUES (${row.map((v, i) => sqlLiteral(v, columns[i].baseType)).join(', ')});`
    })
    .join('\n')
}

export interface LegacyFixtureOptions {
  /** default 'ordermys' */
  database?: string
  /** add Customers.Newsletter and the Invoices table */
  drifted?: boolean
}

/** The whole fixture as SQL text: CREATE DATABASE, the legacy schema, the rows (and the drift). */
export function legacyFixtureSql(options: LegacyFixtureOptions = {}): string {
  const database = options.database ?? 'ordermys'
  const parts = [
    `DROP DATABASE IF EXISTS ${quoteId(database)};`,
    `CREATE DATABASE ${quoteId(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
    `USE ${quoteId(database)};`,
    legacySchemaSql(),
  ]
  for (const table of LEGACY_TABLES) {
    parts.push(insertStatements(table, legacyTable(table).columns, LEGACY_FIXTURE_ROWS[table]))
  }
  if (options.drifted) {
    const { table, column, after, type } = DRIFT_EXTRA_COLUMN
    parts.push(`ALTER TABLE ${quoteId(table)} ADD COLUMN ${quoteId(column)} ${type} NOT NULL DEFAULT 0 AFTER ${quoteId(after)};`)
    parts.push(`UPDATE ${quoteId(table)} SET ${quoteId(column)} = ID % 2;`)
    parts.push(INVOICES_DDL + ';')
    const invoiceColumns = ['ID', 'OrderID', 'Amount', 'IssuedAt', 'Checksum', 'Pdf', 'Note'].map((name, i) => ({
      name,
      baseType: ['int', 'int', 'decimal', 'datetime', 'binary', 'mediumblob', 'varchar'][i],
    }))
    parts.push(insertStatements(DRIFT_EXTRA_TABLE, invoiceColumns, DRIFT_INVOICE_ROWS))
  }
  return parts.join('\n') + '\n'
}

/** Creates the database and fills it; returns the row counts per table now in it. */
export async function loadLegacyFixture(db: MariaDb, options: LegacyFixtureOptions = {}): Promise<Record<string, number>> {
  await db.exec(legacyFixtureSql(options))
  return options.drifted ? { ...DRIFTED_FIXTURE_ROW_COUNTS } : { ...LEGACY_FIXTURE_ROW_COUNTS }
}
