/** Pushes every form folder of examples/checkout/forms/ to `gateway`; answers their names. */
export function pushExampleForms(gateway: string, key: string, options?: { quiet?: boolean }): string[];
