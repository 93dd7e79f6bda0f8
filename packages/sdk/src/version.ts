/** The SDK's version. */
export const version: string = __VERSION__;
