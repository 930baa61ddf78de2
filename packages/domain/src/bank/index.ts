/**
 * ISO 20022 bank messages as Finnish banks use them (integrations.md §1): the pain.001 credit-transfer generator,
 * the pain.002 status-report parser and the camt.054 notification parser. Pure: generators yield string chunks,
 * parsers take strings, bytes or (async) iterables of chunks; the server does the file and database I/O.
 *
 * @module
 */
export * from './pain001';
export * from './pain002';
export * from './camt054';
export * from './remittance-text';
export { BankFileParseError, type BankFileErrorCode, type XmlSource } from './xml-reader';
export {
  checkSepaIdentifier,
  checkSepaText,
  isSepaText,
  toSepaText,
  SEPA_IDENTIFIER_MAX_LENGTH,
  SEPA_MAX_AMOUNT,
  type SepaIdentifierError,
  type SepaTextError,
} from './text';
