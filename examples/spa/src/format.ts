// The shop's wording and formats, shared with its server-rendered pages.
export { brandLabel, money, OUTCOME_TEXT, STATUS_TEXT } from '../../checkout/src/display';
