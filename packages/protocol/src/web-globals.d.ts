// protocol stays free of DOM types; URL is the one web API it uses, and both Node and browsers have it.
declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly protocol: string;
  readonly hostname: string;
}
