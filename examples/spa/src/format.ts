// The shop's wording and formats, shared with its server-rendered pages.
export { brandLabel, money, STATUS_TEXT } from '../../checkout/src/display';
