export { CardsSessionProvider, useCardsSession } from './cards-session-provider';
export { CvnField } from './cvn-field';
export { useCvnField } from './use-cvn-field';

export type { CardsSessionProviderProps } from './cards-session-provider';
export type { CvnFieldProps } from './cvn-field';
export type { FieldEventHandlers, UseCvnFieldOptions } from './field-props';
export type { CvnFieldHandle } from './use-cvn-field';
